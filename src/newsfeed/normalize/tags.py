"""Tags (feed categories, keywords): trimmed, whitespace collapsed, entities decoded,
de-duplicated case-insensitively (first spelling wins), empty, very long and URL-shaped
ones dropped, at most MAX_TAGS kept in their original order."""

from __future__ import annotations

import html
from collections.abc import Iterable

from newsfeed.normalize.text import collapse_spaces

MAX_TAGS = 20
MAX_TAG_CHARS = 64


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
    return tag
