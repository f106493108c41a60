"""Parsing a page into an lxml tree.

Pages are nearly always plain UTF-8 bytes without control characters; for those the bytes go
straight to libxml2 with trafilatura's parser and its two markup repairs (a DOCTYPE with a
slash, a self-closed `<html/>`). Anything else (compressed, other encodings, control
characters, str input) goes through trafilatura's `load_html`, which detects and cleans.
Both paths give the same tree; the fast one skips a regex pass over the whole page.
"""

from __future__ import annotations

import re

from lxml.etree import LxmlError
from lxml.html import HtmlElement, fromstring
from trafilatura.utils import HTML_PARSER, load_html

_CONTROL = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])  # invalid in XML
_NONCHARACTERS = ("\ufffe", "\uffff")  # invalid in XML too
_COMPRESSED = (b"\x1f\x8b\x08", b"\x28\xb5\x2f\xfd")  # gzip, zstd
_DOCTYPE = re.compile(rb"^< ?! ?DOCTYPE[^>]*/[^<>]*>", re.IGNORECASE)
_SELF_CLOSED_HTML = re.compile(rb"(<html.*?)\s*/>", re.IGNORECASE)
HEAD_CHARS = 50  # trafilatura looks this far for the doctype and the word "html"


def parse_html(html: bytes | str) -> HtmlElement | None:
    """The page as a tree (None when it is not HTML at all), exactly as `load_html` would
    parse it. Raises what lxml raises on unreadable input."""
    if isinstance(html, bytes) and _is_plain_utf8(html):
        tree = _parse_utf8(html)
        if tree is not None:
            return tree
    return load_html(html)


def _is_plain_utf8(html: bytes) -> bool:
    if html.startswith(_COMPRESSED) or b"<" not in html:
        return False
    if len(html.translate(None, _CONTROL)) != len(html):
        return False
    try:
        text = html.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not any(nonchar in text for nonchar in _NONCHARACTERS)


def _parse_utf8(html: bytes) -> HtmlElement | None:
    """libxml2 on valid UTF-8 bytes after trafilatura's repairs; None to fall back."""
    beginning = html[: HEAD_CHARS * 4].decode("utf-8", "ignore")[:HEAD_CHARS].lower()
    if "doctype" in beginning:
        first, _, rest = html.partition(b"\n")
        html = _DOCTYPE.sub(b"", first, count=1) + b"\n" + rest
    for line in html[:4096].splitlines()[:4]:
        if b"<html" in line and line.endswith(b"/>"):
            html = _SELF_CLOSED_HTML.sub(rb"\1>", html, count=1)
            break
    try:
        tree = fromstring(html, parser=HTML_PARSER)
    except (LxmlError, ValueError):
        return None
    if tree is None or len(tree) < 1:
        return None
    if "html" not in beginning and len(tree) < 2:
        return None
    return tree
