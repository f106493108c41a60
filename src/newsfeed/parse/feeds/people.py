"""Author strings as feeds write them ("jo@example.com (Jo Bloggs)", "Jo <jo@x>")."""

from __future__ import annotations

import re
from functools import lru_cache

from newsfeed.model import RawAuthor

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")


@lru_cache(maxsize=1024)
def author_from_string(value: str | None) -> RawAuthor | None:
    """Split an RSS author string into name and e-mail; None when it is empty. Cached: a
    feed names the same few people again and again (RawAuthor is immutable)."""
    text = " ".join((value or "").split())
    if not text:
        return None
    match = _EMAIL.search(text) if "@" in text else None
    if match is None:
        return RawAuthor(name=text)
    email = match.group(0)
    rest = (text[: match.start()] + text[match.end() :]).strip()
    name = rest.strip(" ()<>[]\"'").strip() or None
    return RawAuthor(name=name, email=email)
