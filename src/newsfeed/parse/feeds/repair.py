"""Text garbled by the feed's own tools, repaired as feedparser does: UTF-8 that was read
as Latin-1 and encoded again ("â€¦" for "…"), and windows-1252 bytes read as Latin-1 (C1
control characters where curly quotes were meant)."""

from __future__ import annotations

import contextlib
import dataclasses
import re

from newsfeed.model import RawAuthor, RawEntry, RawFeed, RawText

_C1 = re.compile("[\x80-\x9f]")
_CP1252: dict[int, str] = {}
for _code in range(0x80, 0xA0):
    try:
        _CP1252[_code] = bytes([_code]).decode("cp1252")
    except UnicodeDecodeError:
        continue  # 0x81, 0x8d, 0x8f, 0x90, 0x9d mean nothing in windows-1252: kept


# In UTF-8 bytes: a C1 character, or a Latin-1 lead (U+00C2–U+00F4) followed by a Latin-1
# continuation (U+0080–U+00BF) — the only ways these repairs can apply to the text. Numeric
# references to U+0080–U+00FF can spell them too.
_SUSPECT_BYTES = re.compile(rb"\xc2[\x80-\x9f]|\xc3[\x82-\xb4]\xc2[\x80-\xbf]")
_HIGH_REFERENCE = re.compile(rb"&#(?:0*(?:1[2-9]\d|2[0-4]\d|25[0-5])|[xX]0*[89a-fA-F][0-9a-fA-F]);")


def may_need_repair(content: bytes, utf8: bool, entities_repaired: bool) -> bool:
    """A cheap look at the raw bytes: False when no text of this document can need
    `fix_text` (then the per-string checks are skipped)."""
    if not utf8 or entities_repaired:
        return True
    if b"\xc2" in content and _SUSPECT_BYTES.search(content):
        return True
    # `#` is rare in feeds and found by memchr; `&#` costs a slow scan (`&` is everywhere).
    return b"#" in content and b"&#" in content and _HIGH_REFERENCE.search(content) is not None


def demoronize(value: str) -> str:
    """C1 control characters → the windows-1252 characters they stand for."""
    if _C1.search(value) is None:
        return value
    return value.translate(_CP1252)


def fix_text(value: str, utf8: bool) -> str:
    """Undo double-encoded UTF-8 (only in a UTF-8 document, and only when the whole string
    decodes) and then C1 characters. ASCII strings are returned at once."""
    if value.isascii():
        return value
    if utf8:
        with contextlib.suppress(UnicodeError):
            value = value.encode("latin-1").decode("utf-8")
    return demoronize(value)


def repair_feed(feed: RawFeed, utf8: bool) -> RawFeed:
    """`fix_text` over the feed's and its entries' texts, names and tags."""
    entries = tuple(_entry(entry, utf8) for entry in feed.entries)
    title = _plain(feed.title, utf8)
    subtitle = _plain(feed.subtitle, utf8)
    authors = _authors(feed.authors, utf8)
    if (title, subtitle, authors) == (feed.title, feed.subtitle, feed.authors) and all(
        new is old for new, old in zip(entries, feed.entries, strict=True)
    ):
        return feed
    return dataclasses.replace(
        feed, title=title, subtitle=subtitle, authors=authors, entries=entries
    )


def _plain(value: str | None, utf8: bool) -> str | None:
    return fix_text(value, utf8) if value else value


def _text(text: RawText | None, utf8: bool) -> RawText | None:
    if text is None:
        return None
    value = fix_text(text.value, utf8)
    return text if value == text.value else RawText(value, text.type)


def _authors(authors: tuple[RawAuthor, ...], utf8: bool) -> tuple[RawAuthor, ...]:
    fixed = tuple(
        dataclasses.replace(a, name=_plain(a.name, utf8)) if a.name and not a.name.isascii()
        else a
        for a in authors
    )  # fmt: skip
    return authors if fixed == authors else fixed


def _entry(entry: RawEntry, utf8: bool) -> RawEntry:
    title = _text(entry.title, utf8)
    summary = _text(entry.summary, utf8)
    content = _text(entry.content, utf8)
    authors = _authors(entry.authors, utf8)
    tags = tuple(fix_text(t, utf8) for t in entry.tags)
    if (
        title is entry.title
        and summary is entry.summary
        and content is entry.content
        and authors == entry.authors
        and tags == entry.tags
    ):
        return entry
    return dataclasses.replace(
        entry, title=title, summary=summary, content=content, authors=authors, tags=tags
    )
