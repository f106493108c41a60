"""A feed's likely bodies read straight from its bytes, before it is parsed.

Feeds carry their article bodies as big CDATA sections (`<content:encoded><![CDATA[…]]>`).
Their text can be had with two `bytes.find` calls each, so the sanitizer can start on them
while lxml builds the tree (which releases the GIL, leaving the second core idle). This is
a guess, never a result: what is not a body is simply not asked for, and a body whose text
ends up different (repaired, or read by the fallback parser) is cleaned as usual.
"""

from __future__ import annotations

from collections.abc import Iterator

from .xmltree import is_utf8

_OPEN = b"<![CDATA["
_CLOSE = b"]]>"
#: Smaller sections are mostly titles and teasers, not bodies.
MIN_BODY_BYTES = 1024


def likely_bodies(content: bytes, encoding: str | None = None) -> Iterator[str]:
    """The text of each CDATA section of at least `MIN_BODY_BYTES`, in document order, as
    the feed readers will give it: decoded, line ends normalized as XML does, surrounding
    whitespace stripped. Only for UTF-8 documents (others give nothing). Lazy: each section
    is found when asked for."""
    if not is_utf8(content, encoding):
        return
    start = 0
    while (opening := content.find(_OPEN, start)) >= 0:
        closing = content.find(_CLOSE, opening + len(_OPEN))
        if closing < 0:
            return
        start = closing + len(_CLOSE)
        if closing - opening - len(_OPEN) < MIN_BODY_BYTES:
            continue
        try:
            text = content[opening + len(_OPEN) : closing].decode("utf-8")
        except UnicodeDecodeError:
            continue  # lxml will not read it either
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        yield text.strip()
