"""Helpers for tests (ours and other packages'): a throw-away PostgreSQL database per test
process, and `fresh_store`, a migrated, empty store that is emptied again afterwards.
Migrations run once per URL per process; between tests the tables are only emptied."""

from __future__ import annotations

import atexit
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from newsfeed.store.engine import parse_url
from newsfeed.store.schema import ALL_TABLES
from newsfeed.store.sqlstore import SqlStore

_migrated: set[str] = set()


def create_pg_database(base_url: str) -> str:
    """Create `newsfeed_test_<pid>_<random>` on the server of `base_url`, return its URL,
    and drop it when the interpreter exits."""
    base = parse_url(base_url)
    name = f"newsfeed_test_{os.getpid()}_{secrets.token_hex(4)}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    atexit.register(_drop_pg_database, base, name)
    return base.set(database=name).render_as_string(hide_password=False)


def _drop_pg_database(base: sa.URL, name: str) -> None:
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    except sa.exc.SQLAlchemyError:
        pass  # the server went away first: nothing left to clean
    finally:
        admin.dispose()


@contextmanager
def fresh_store(url: str) -> Iterator[SqlStore]:
    """A migrated, empty store; emptied again (ids restarting at 1) when the block ends."""
    store = SqlStore(url)
    try:
        if url not in _migrated:
            store.upgrade()
            empty_store(store)
            _migrated.add(url)
        yield store
    finally:
        empty_store(store)
        store.close()


def empty_store(store: SqlStore) -> None:
    """Delete every row and restart the id sequences."""
    with store.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            names = ", ".join(t.name for t in ALL_TABLES)
            conn.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
            return
        for table in ALL_TABLES:
            conn.execute(sa.delete(table))
        conn.exec_driver_sql("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
