"""Opaque page cursors: urlsafe base64 of the sort key of the last item served.
Lists use (published_at, id) and their order; search uses the offset of the next hit.
Anything that does not decode into the expected kind raises BadCursor."""

from __future__ import annotations

import base64
import binascii
from datetime import UTC, datetime, timedelta

from newsfeed.errors import BadCursor
from newsfeed.store.ids import storable

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MAX_CURSOR_CHARS = 200


LIST_KINDS = {"newest": "a", "oldest": "o"}  # a cursor of one order is no cursor of the other


def encode_list_cursor(published_at: datetime, article_id: int, order: str = "newest") -> str:
    micros = (published_at - EPOCH) // timedelta(microseconds=1)
    return _encode(f"{LIST_KINDS[order]}:{micros}:{article_id}")


def decode_list_cursor(cursor: str, order: str = "newest") -> tuple[datetime, int]:
    parts = _decode(cursor, LIST_KINDS[order], 3)
    try:
        published_at = EPOCH + timedelta(microseconds=int(parts[1]))
        article_id = int(parts[2])
    except (ValueError, OverflowError) as exc:
        raise BadCursor(f"bad cursor: {cursor[:40]!r}") from exc
    if not storable(article_id):
        raise BadCursor(f"bad cursor: {cursor[:40]!r}")
    return published_at, article_id


def encode_search_cursor(offset: int) -> str:
    return _encode(f"s:{offset}")


def decode_search_cursor(cursor: str) -> int:
    parts = _decode(cursor, "s", 2)
    try:
        offset = int(parts[1])
    except ValueError as exc:
        raise BadCursor(f"bad cursor: {cursor[:40]!r}") from exc
    if offset < 0:
        raise BadCursor(f"bad cursor: {cursor[:40]!r}")
    return offset


def _encode(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _decode(cursor: str, kind: str, size: int) -> list[str]:
    if not isinstance(cursor, str) or not cursor or len(cursor) > MAX_CURSOR_CHARS:
        raise BadCursor(f"bad cursor: {str(cursor)[:40]!r}")
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (binascii.Error, ValueError) as exc:
        raise BadCursor(f"bad cursor: {cursor[:40]!r}") from exc
    parts = raw.split(":")
    if len(parts) != size or parts[0] != kind:
        raise BadCursor(f"bad cursor: {cursor[:40]!r}")
    return parts
