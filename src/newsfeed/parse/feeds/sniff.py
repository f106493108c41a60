"""Cheap looks at the first bytes of a body: JSON, HTML, XML feed, or nothing."""

from __future__ import annotations

import re
from typing import Literal

Kind = Literal["empty", "json", "html", "xml", "unknown"]

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00")
_PROLOG = re.compile(
    rb"\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>\s*)*", re.S | re.I
)
_FIRST_TAG = re.compile(rb"<([A-Za-z_][\w.:-]*)")
_HTML_DOCTYPE = re.compile(rb"<!DOCTYPE\s+html\b", re.I)
_NETSCAPE = re.compile(rb"<!DOCTYPE[^>]*netscape", re.I)
FEED_ROOTS = frozenset({"rss", "rdf:rdf", "rdf", "feed", "channel"})
JSON_TYPES = ("application/feed+json", "application/json", "text/json")
_HEAD = 8192


def root_name(content: bytes) -> str | None:
    """The lower-case name of the first element (prefix kept), if it is near the top."""
    head = content[:_HEAD]
    start = _PROLOG.match(head)
    match = _FIRST_TAG.match(head, start.end() if start else 0)
    return match.group(1).decode("ascii", "replace").lower() if match else None


def sniff(content: bytes, content_type: str | None = None) -> Kind:
    """What the body most likely is, from its first bytes (and the media type for JSON)."""
    if any(content.startswith(bom) for bom in _BOMS[1:]):
        return "xml"  # UTF-16/32: leave it to the XML parser, which reads the BOM
    text = content[:_HEAD].removeprefix(_BOMS[0]).lstrip()
    if not text:
        return "empty"
    if text[:1] in (b"{", b"[") or (content_type or "").lower() in JSON_TYPES:
        return "json"
    name = root_name(text)
    if name is None:
        return "html" if _HTML_DOCTYPE.search(text, 0, 512) else "unknown"
    return "html" if name in ("html", "head", "body") else "xml"


def is_netscape_rss(content: bytes) -> bool:
    return _NETSCAPE.search(content, 0, _HEAD) is not None
