"""Which ids can name a row. Ids are 32-bit on PostgreSQL (`integer`), and sqlite3 cannot
bind integers beyond 64 bits at all: an id outside 1..MAX_ID names nothing, so the store
answers NotFound (or an empty page) instead of letting the driver fail."""

from __future__ import annotations

from newsfeed.errors import NotFound

MAX_ID = 2**31 - 1


def storable(value: object) -> bool:
    """True for an int the id columns can hold (bool is not an id)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID


def require(value: int, what: str) -> int:
    """`value` if it can name a row, else NotFound("no <what> with id …")."""
    if not storable(value):
        raise NotFound(f"no {what} with id {value}")
    return value
