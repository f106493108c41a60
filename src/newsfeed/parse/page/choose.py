"""Pick each article field from the sources found on the page, in a fixed preference order,
and remember where it came from (`field_sources`).

Authors: the names come from the first source that has any; the other sources then enrich
each person (role, bio, avatar, profile URL) by matching names. Image: the candidate that
says the most (caption, credit, alt) wins, filled in from candidates showing the same file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from posixpath import basename
from typing import Any
from urllib.parse import urlsplit

from newsfeed.model import RawAuthor, RawImage
from newsfeed.normalize.authors import normalize_authors
from newsfeed.normalize.fill import fill_missing
from newsfeed.parse.metadata import Found

ORDER: dict[str, tuple[str, ...]] = {
    "title": ("jsonld", "opengraph", "trafilatura", "meta"),
    "dek": ("jsonld", "meta", "opengraph", "trafilatura"),
    "published": ("jsonld", "opengraph", "meta", "trafilatura"),
    "updated": ("jsonld", "opengraph", "meta"),
    "site_name": ("opengraph", "jsonld", "meta", "trafilatura"),
    "language": ("meta", "jsonld", "opengraph"),
    "tags": ("jsonld", "opengraph", "meta", "trafilatura"),
    "authors": ("jsonld", "authorbox", "byline", "opengraph", "meta", "trafilatura"),
    "image": ("jsonld", "figure", "opengraph", "meta"),
}
SCALARS = ("title", "dek", "published", "updated", "site_name", "language", "tags")


@dataclass(frozen=True, slots=True)
class Chosen:
    """The article's fields as picked from the page, with their sources."""

    title: str | None = None
    dek: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    site_name: str | None = None
    language: str | None = None
    tags: tuple[str, ...] = ()
    authors: tuple[RawAuthor, ...] = ()
    image: RawImage | None = None
    field_sources: tuple[tuple[str, str], ...] = ()


def choose(found: Sequence[Found]) -> Chosen:
    """Every field from its most preferred source that has it."""
    by_source = {f.source: f for f in found}
    values: dict[str, Any] = {}
    sources: list[tuple[str, str]] = []
    for name in SCALARS:
        source, value = _first(by_source, name)
        if source is not None:
            values[name] = value
            sources.append((name, source))
    if ("title", "meta") in sources and values.get("site_name"):
        values["title"] = strip_site_name(values["title"], values["site_name"])
    authors, author_source = choose_authors(by_source)
    image, image_source = choose_image(by_source)
    sources += [("authors", s) for s in [author_source] if s] + [
        ("image", s) for s in [image_source] if s
    ]
    return Chosen(**values, authors=authors, image=image, field_sources=tuple(sources))


def strip_site_name(title: str, site_name: str) -> str:
    """ "Headline | Site" or "Headline - Site" → "Headline" (a `<title>` is usually both)."""
    for sep in (" | ", " - ", " – ", " — ", " :: ", " · "):
        head, found, tail = title.rpartition(sep)
        if found and head and tail.strip().casefold() == site_name.casefold():
            return head.strip()
    return title


def _first(by_source: dict[str, Found], name: str) -> tuple[str | None, Any]:
    for source in ORDER[name]:
        found = by_source.get(source)
        value = getattr(found, name) if found is not None else None
        if value:
            return source, value
    return None, None


# ── authors ──────────────────────────────────────────────────────────────────────────
def choose_authors(by_source: dict[str, Found]) -> tuple[tuple[RawAuthor, ...], str | None]:
    """Names from the first source that has authors, enriched from all the others."""
    ranked = [by_source[s] for s in ORDER["authors"] if s in by_source and by_source[s].authors]
    if not ranked:
        return (), None
    people = _clean(ranked[0].authors)
    others = [a for f in ranked[1:] for a in _clean(f.authors)]
    return tuple(_enrich(p, others) for p in people), ranked[0].source


def _clean(authors: Iterable[RawAuthor]) -> list[RawAuthor]:
    """Split bylines into people and tidy names (normalize.authors), back as RawAuthor."""
    return [
        RawAuthor(a.name, email=a.email, url=a.url, avatar_url=a.avatar_url, role=a.role, bio=a.bio)
        for a in normalize_authors(tuple(authors))
    ]


def _enrich(person: RawAuthor, others: Iterable[RawAuthor]) -> RawAuthor:
    key = (person.name or "").casefold()
    for other in others:
        if (other.name or "").casefold() == key:
            person = fill_missing(person, other)
    return person


# ── image ────────────────────────────────────────────────────────────────────────────
def choose_image(by_source: dict[str, Found]) -> tuple[RawImage | None, str | None]:
    """The candidate saying the most about the photo, filled in from the same file."""
    candidates = [
        (s, img) for s in ORDER["image"] if (img := _image_of(by_source.get(s))) is not None
    ]
    if not candidates:
        return None, None
    source, best = max(candidates, key=lambda c: _richness(c[1]))
    for _, other in candidates:
        if other is not best and same_file(best.url, other.url):
            best = _fill(best, other)
    return best, source


def _image_of(found: Found | None) -> RawImage | None:
    return found.image if found is not None else None


def _richness(image: RawImage) -> int:
    return sum(bool(v) for v in (image.caption, image.credit, image.alt))


def same_file(a: str, b: str) -> bool:
    """Two URLs naming the same picture (same host-less file name)."""
    if a == b:
        return True
    try:
        name_a, name_b = basename(urlsplit(a).path), basename(urlsplit(b).path)
    except ValueError:
        return False
    return bool(name_a) and name_a == name_b


def _fill(image: RawImage, other: RawImage) -> RawImage:
    return fill_missing(image, other)
