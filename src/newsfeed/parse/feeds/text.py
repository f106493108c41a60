"""Small helpers shared by the feed readers: text constructs, URLs, numbers."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from newsfeed.model import RawText
from newsfeed.normalize.html import html_to_text

_WHITESPACE = re.compile(r"[ \t\r\n]+")
_HTMLISH = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^>]*)?/?>|&(?:#\d+|#x[0-9a-fA-F]+|\w+);")


def looks_like_html(value: str) -> bool:
    """True when a string that claims to be plain text carries tags or entity references."""
    return ("<" in value or "&" in value) and _HTMLISH.search(value) is not None


def rss_text(value: str | None) -> RawText | None:
    """An RSS text element: HTML when it looks like HTML, else plain text."""
    if value is None or not value.strip():
        return None
    return RawText(value, "html" if looks_like_html(value) else "text")


def plain(text: RawText | None) -> str | None:
    """The plain-text form of a text construct (for feed-level titles and subtitles)."""
    if text is None:
        return None
    value = html_to_text(text.value) if text.type == "html" else _collapse(text.value)
    return value or None


def _collapse(value: str) -> str:
    return _WHITESPACE.sub(" ", value).strip()


def resolve(base: str | None, ref: str | None) -> str | None:
    """`ref` made absolute against `base` when it is relative; None when empty."""
    if ref is None:
        return None
    ref = ref.strip()
    if not ref:
        return None
    if not base or ref.startswith(("http://", "https://")):
        return ref
    try:
        if urlsplit(ref).scheme:
            return ref
        return urljoin(base, ref)
    except ValueError:
        return ref


def to_int(value: str | int | float | None) -> int | None:
    """A non-negative int from feed text, or None."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = int(float(str(value).strip()))
    except (ValueError, OverflowError):
        return None
    return number if number >= 0 else None


IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg", ".bmp")


def is_image(url: str, media_type: str | None, medium: str | None = None) -> bool:
    """Whether a media object is a picture, from its medium, its type or its file name."""
    if medium:
        return medium.lower() == "image"
    if media_type:
        return media_type.lower().startswith("image/")
    path = urlsplit(url).path.lower()
    return path.endswith(IMAGE_EXTENSIONS)
