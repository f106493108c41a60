"""The iTunes podcast namespace in RSS: episode and show author, artwork, summary, length,
explicit flag and episode numbering."""

from __future__ import annotations

import re

from newsfeed.model import RawImage

from .ns import ITUNES, q
from .text import resolve, to_int
from .xmltree import Found, first, first_text

#: Roles of the iTunes elements of an item or a channel for `xmltree.scan`.
ITUNES_ROLES: dict[object, str] = {
    q(ITUNES, "author"): "it_author",
    q(ITUNES, "image"): "it_image",
    q(ITUNES, "summary"): "it_summary",
    q(ITUNES, "subtitle"): "it_subtitle",
    q(ITUNES, "duration"): "it_duration",
    q(ITUNES, "explicit"): "it_explicit",
    q(ITUNES, "episode"): "it_episode",
    q(ITUNES, "season"): "it_season",
    q(ITUNES, "episodeType"): "it_episode_type",
}
_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:\.\d+)?$")
_YES = frozenset({"yes", "true", "explicit"})
_NO = frozenset({"no", "false", "clean"})
EPISODE_TYPES = frozenset({"full", "trailer", "bonus"})


def itunes_image(found: Found, base: str | None) -> RawImage | None:
    """The artwork of `<itunes:image href="…">` (some feeds put the URL in the text)."""
    element = first(found, "it_image")
    if element is None:
        return None
    url = resolve(base, element.get("href") or element.get("url") or (element.text or ""))
    return RawImage(url=url) if url else None


def duration_seconds(value: str | None) -> int | None:
    """itunes:duration as seconds: "3725", "62:05" or "1:02:05"; None when unreadable."""
    text = (value or "").strip()
    if not text:
        return None
    if text.isdigit() or text.replace(".", "", 1).isdigit():
        return to_int(text)
    match = _CLOCK.match(text)
    if match is None:
        return None
    hours, minutes, seconds = (int(part or 0) for part in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def explicit_flag(found: Found) -> bool | None:
    """itunes:explicit as a bool ("yes"/"true"/"explicit" or "no"/"false"/"clean")."""
    value = (first_text(found, "it_explicit") or "").lower()
    return True if value in _YES else False if value in _NO else None


def episode_type(found: Found) -> str | None:
    value = (first_text(found, "it_episode_type") or "").lower()
    return value if value in EPISODE_TYPES else None
