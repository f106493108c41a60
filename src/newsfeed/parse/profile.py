"""Who an author is — role, bio, photo — from a page about them or by them.

Feeds give an author's name and, in Atom and JSON Feed, the address of their profile page;
the role, bio and photo a reader expects in an author box are on that page, or in the
markup of any of their articles. In order of trust: JSON-LD (a Person, a ProfilePage's
`mainEntity`, an article's `author`), an author box on the page (rel/itemprop/class markup,
the same reader article pages use), then Open Graph (`og:description` as the bio and
`og:image` as the photo, on `og:type=profile` pages).
"""

from __future__ import annotations

from dataclasses import replace

from lxml.etree import LxmlError
from lxml.html import HtmlElement

from newsfeed.errors import ExtractionError
from newsfeed.model import RawAuthor
from newsfeed.normalize.urls import join_http
from newsfeed.parse.metadata import meta_map, read_jsonld, read_jsonld_person
from newsfeed.parse.page.authors import read_byline
from newsfeed.parse.page.load import parse_html


def extract_profile(html: bytes | str, *, url: str, name: str | None = None) -> RawAuthor:
    """The author the page at `url` is about — or, with `name`, that author among the ones
    the page shows (an article page). ExtractionError(code="no_profile") when the page says
    nothing useful about them."""
    tree = _tree(html, url)
    people = [
        read_jsonld_person(tree) if name is None else None,
        *read_jsonld(tree).authors,
        *read_byline(tree, url).authors,
        _opengraph(tree) if name is None else None,
    ]
    named = [p for p in people if p is not None and p.name]
    if name is not None:
        named = [p for p in named if _key(p.name) == _key(name)]
    person = _combine(named)
    if person is None or not (person.role or person.bio or person.avatar_url):
        raise ExtractionError(f"{url}: no author profile found", code="no_profile", url=url)
    profile_url = url if name is None else _absolute(person.url, url)
    return replace(person, url=profile_url, avatar_url=_absolute(person.avatar_url, url))


def _tree(html: bytes | str, url: str) -> HtmlElement:
    try:
        tree = parse_html(html)
    except (LxmlError, ValueError) as exc:
        raise ExtractionError(f"{url}: not a readable page", code="no_profile", url=url) from exc
    if tree is None:
        raise ExtractionError(f"{url}: not an HTML page", code="no_profile", url=url)
    return tree


def _opengraph(tree: HtmlElement) -> RawAuthor | None:
    meta = meta_map(tree)

    def one(key: str) -> str | None:
        values = meta.get(key)
        return values[0] if values else None

    if (one("og:type") or "").lower() != "profile":
        return None
    full = f"{one('profile:first_name') or ''} {one('profile:last_name') or ''}".strip()
    name = full or one("og:title")
    return (
        RawAuthor(name=name, bio=one("og:description"), avatar_url=one("og:image"))
        if name
        else None
    )


def _combine(people: list[RawAuthor]) -> RawAuthor | None:
    """The first source's person, its gaps filled by later sources naming the same one."""
    if not people:
        return None
    best = people[0]
    key = _key(best.name)
    for other in people[1:]:
        if _key(other.name) != key:
            continue
        best = replace(
            best,
            role=best.role or other.role,
            bio=best.bio or other.bio,
            avatar_url=best.avatar_url or other.avatar_url,
        )
    return best


def _key(name: str | None) -> str:
    return " ".join((name or "").lower().split())


def _absolute(value: str | None, base: str) -> str | None:
    return join_http(base, value)
