"""Tags (feed categories, keywords): trimmed, whitespace collapsed, entities decoded, an
all-lowercase tag capitalized as a title ("open data" → "Open Data", as "Business" beside
it), de-duplicated case-insensitively (first spelling wins), empty, very long and
URL-shaped ones dropped, at most MAX_TAGS kept in their original order."""

from __future__ import annotations

import html
from collections.abc import Iterable

from newsfeed.normalize.text import collapse_spaces

MAX_TAGS = 20
MAX_TAG_CHARS = 64
SMALL_WORDS = frozenset({
    "a", "an", "and", "as", "at", "but", "by", "de", "del", "der", "des", "di", "du", "en",
    "for", "from", "in", "la", "le", "nor", "of", "on", "or", "the", "to", "van", "von", "vs",
    "via", "with",
})  # fmt: skip


def normalize_tags(raw: Iterable[str | None]) -> tuple[str, ...]:
    """The cleaned tags of an entry, in order, at most MAX_TAGS."""
    seen: set[str] = set()
    kept: list[str] = []
    for value in raw:
        tag = clean_tag(value)
        if tag is None or tag.casefold() in seen:
            continue
        seen.add(tag.casefold())
        kept.append(tag)
        if len(kept) == MAX_TAGS:
            break
    return tuple(kept)


def clean_tag(value: str | None) -> str | None:
    """One tag cleaned, or None when it is empty, too long or a URL."""
    if not value:
        return None
    tag = collapse_spaces(html.unescape(value) if "&" in value else value).strip(" ,;#")
    if not tag or len(tag) > MAX_TAG_CHARS or tag.startswith(("http://", "https://")):
        return None
    return title_case(tag) if tag.islower() else tag


def title_case(tag: str) -> str:
    """'open data' → 'Open Data', 'arts and culture' → 'Arts and Culture'. Only for a tag
    written all in lowercase: any capital in it ("iPhone", "NHS", "eBay") is kept as is."""
    words = tag.split(" ")
    return " ".join(w if (i and w in SMALL_WORDS) else _capitalize(w) for i, w in enumerate(words))


def _capitalize(word: str) -> str:
    """The first letter up, the rest as written ('covid-19' → 'Covid-19')."""
    for i, char in enumerate(word):
        if char.isalpha():
            upper = char.upper()
            return word[:i] + (upper if len(upper) == 1 else char) + word[i + 1 :]
    return word
