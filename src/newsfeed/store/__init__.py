"""Storage: the only package that speaks SQL. `open_store(url)` gives a `Store` (see
`store/api.py`) on SQLite (`sqlite:///path`) or PostgreSQL (`postgresql+psycopg://…`)."""

from __future__ import annotations

from newsfeed.store.api import Store


def open_store(url: str) -> Store:
    """Open (not migrate: call `.upgrade()`) the database at `url`. Connects lazily; a bad
    URL raises InvalidInput, an unreachable database StoreError on first use."""
    from newsfeed.store.sqlstore import SqlStore

    return SqlStore(url)


__all__ = ["Store", "open_store"]
