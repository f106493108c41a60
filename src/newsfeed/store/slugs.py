"""URL slugs for articles, authors and tags: lower case, unicode letters and digits kept,
accents dropped, everything else folded to single hyphens."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

MAX_SLUG = 80
_NOT_WORD = re.compile(r"[\W_]+")


def slugify(text: str, *, fallback: str = "", max_length: int = MAX_SLUG) -> str:
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    slug = _NOT_WORD.sub("-", text.lower()).strip("-")
    slug = slug[:max_length].rstrip("-")
    return slug or fallback


def unique_slug(base: str, taken: Collection[str]) -> str:
    """`base`, else `base-2`, `base-3`, … whichever is not taken."""
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
