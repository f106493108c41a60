"""Authors: clean names out of bylines, one Author per person.

Trim and collapse spaces; strip "By "; read "Name (email)" and "email (Name)"; split
"Jane Doe and John Roe", "Jane Doe, John Roe & Max Moe" into people (a part made only of
job words becomes the role: "Jane Doe, Staff Writer"); keep "Doe, Jane" whole; drop empty
names, bare e-mail addresses and things too long to be a name; de-duplicate
case-insensitively, merging what each copy knows (role, bio, avatar, url, email).
"""

from __future__ import annotations

import html
import re
import unicodedata
import zlib
from collections.abc import Sequence

from newsfeed.model import Author, RawAuthor
from newsfeed.normalize.fill import fill_missing
from newsfeed.normalize.text import collapse_spaces
from newsfeed.normalize.urls import is_http_url

MAX_NAME_CHARS = 100
MAX_SLUG_CHARS = 80

ROLE_WORDS: frozenset[str] = frozenset(
    {
        "reporter", "reporters", "writer", "writers", "editor", "editors", "correspondent",
        "correspondents", "staff", "senior", "chief", "contributor", "contributing",
        "columnist", "producer", "photographer", "photojournalist", "critic", "analyst",
        "associate", "assistant", "deputy", "managing", "executive", "political", "foreign",
        "science", "business", "sports", "national", "international", "investigative",
        "special", "freelance", "news", "desk", "bureau", "video", "data", "digital", "at",
        "large", "intern", "journalist", "host", "anchor", "guest", "opinion", "and",
    }
)  # fmt: skip

_BY = re.compile(r"^(?:(?:written|words|story|text|posted|reported)\s+)?by(?:[:\s]+|$)", re.I)
_EMAIL = re.compile(r"^[^@\s()<>]+@[^@\s()<>]+\.[^@\s()<>]+$")
_NAME_EMAIL = re.compile(r"^(?P<name>[^()<>]*?)\s*[(<]\s*(?P<email>[^()<>@\s]+@[^()<>\s]+)\s*[)>]$")
_EMAIL_NAME = re.compile(r"^(?P<email>[^()\s]+@[^()\s]+)\s*\((?P<name>[^()]*)\)$")
_AND = re.compile(r"\s+(?:and|&|und|et|y)\s+|\s*;\s*", re.IGNORECASE)
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


def normalize_authors(raw: Sequence[RawAuthor]) -> tuple[Author, ...]:
    """Clean, split and de-duplicate the authors of an entry (in their original order)."""
    people: dict[str, Author] = {}
    for author in (a for item in raw for a in _from_raw(item)):
        key = author.name.casefold()
        people[key] = _merge(people[key], author) if key in people else author
    return tuple(people.values())


def slugify(name: str) -> str:
    """An ASCII slug for URLs: "Zoë O'Brien-Smith" → "zoe-o-brien-smith". Names with no
    Latin letters (李明, Иван) get a stable "a-" + checksum slug instead of an empty one."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = _SLUG_JUNK.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > MAX_SLUG_CHARS:
        slug = slug[:MAX_SLUG_CHARS].rsplit("-", 1)[0]
    if slug:
        return slug
    cleaned = collapse_spaces(name).casefold()
    return f"a-{zlib.crc32(cleaned.encode('utf-8')):08x}" if cleaned else "unknown"


def _from_raw(raw: RawAuthor) -> list[Author]:
    name, email = _name_and_email(raw.name or "", raw.email)
    names, role = _split_people(name)
    extras = _extras(raw, email, role or _clean(raw.role))
    if len(names) == 1:
        return [Author(names[0], **extras)]
    return [Author(n, role=extras["role"]) for n in names]


def _name_and_email(text: str, email: str | None) -> tuple[str, str | None]:
    name = _clean(text)
    if name and (match := _NAME_EMAIL.match(name) or _EMAIL_NAME.match(name)):
        name, email = match.group("name").strip(), email or match.group("email")
    if name and _EMAIL.match(name):
        name, email = "", email or name  # a bare address is not a byline
    name = _BY.sub("", name).strip(" ,;:-–—") if name else ""
    return name, _clean(email)


def _split_people(name: str) -> tuple[list[str], str | None]:
    """The people named in a byline, and a role found in it ("…, Staff Writer")."""
    if not name or len(name) > MAX_NAME_CHARS * 3:
        return [], None
    parts = [p.strip(" ,") for p in _AND.split(name)]
    people: list[str] = []
    role: str | None = None
    for part in parts:
        pieces = [p.strip() for p in part.split(",")]
        if len(pieces) > 1 and not all(len(p.split()) >= 2 for p in pieces if not _is_role(p)):
            pieces = [part]  # "Doe, Jane": one person written last name first
        for piece in pieces:
            if _is_role(piece):
                role = role or piece
            elif piece and len(piece) <= MAX_NAME_CHARS:
                people.append(piece)
    return people, role


def _is_role(text: str) -> bool:
    words = text.lower().replace("-", " ").split()
    return bool(words) and all(w in ROLE_WORDS for w in words)


def _extras(raw: RawAuthor, email: str | None, role: str | None) -> dict[str, str | None]:
    return {
        "role": role,
        "bio": _clean(raw.bio),
        "avatar_url": _url(raw.avatar_url),
        "url": _url(raw.url),
        "email": email if email and _EMAIL.match(email) else None,
    }


def _merge(first: Author, later: Author) -> Author:
    return fill_missing(first, later)


def _clean(text: str | None) -> str | None:
    if not text:
        return None
    if "&" in text:
        text = html.unescape(text)
    return collapse_spaces(text) or None


def _url(value: str | None) -> str | None:
    value = value.strip() if value else None
    return value if value and is_http_url(value) else None
