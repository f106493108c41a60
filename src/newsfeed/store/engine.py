"""Engines for the two supported databases, and the one place database exceptions become
`StoreError`.

SQLite: a file in WAL mode with foreign keys on, a busy timeout and synchronous=NORMAL; the
driver's own transaction handling is switched off so that we emit BEGIN ourselves
(BEGIN IMMEDIATE for writes: a writer never fails half-way on a stale read snapshot).
PostgreSQL: psycopg 3, pre-pinged pool, connect timeout.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.pool import StaticPool

from newsfeed.errors import InvalidInput, StoreError

SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=10000",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA temp_store=MEMORY",
    "PRAGMA cache_size=-32000",
)
IMMEDIATE = "newsfeed_immediate"  # execution option: this transaction will write


def parse_url(url: str) -> sa.URL:
    """Parse and check a database URL; `postgresql://` means psycopg 3."""
    try:
        parsed = sa.make_url(url)
    except (sa.exc.ArgumentError, ValueError) as exc:
        raise InvalidInput(f"not a database URL: {url!r}", code="bad_argument") from exc
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise InvalidInput(
            f"unsupported database {parsed.get_backend_name()!r}: use sqlite or postgresql",
            code="bad_argument",
        )
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def masked(url: sa.URL) -> str:
    return url.render_as_string(hide_password=True)


def make_engine(url: sa.URL) -> sa.Engine:
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    return sa.create_engine(
        url, pool_pre_ping=True, pool_size=5, max_overflow=10, connect_args={"connect_timeout": 10}
    )


def _sqlite_engine(url: sa.URL) -> sa.Engine:
    database = url.database or ""
    memory = database in ("", ":memory:")
    if not memory and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    extra: dict[str, Any] = {"poolclass": StaticPool} if memory else {}
    engine = sa.create_engine(url, connect_args={"check_same_thread": False}, **extra)
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
    cursor = dbapi_connection.cursor()
    for pragma in SQLITE_PRAGMAS:
        cursor.execute(pragma)
    cursor.close()


def _sqlite_on_begin(conn: sa.Connection) -> None:
    immediate = conn.get_execution_options().get(IMMEDIATE)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextmanager
def translated(url: str) -> Iterator[None]:
    """Turn database failures into StoreError naming the database (password masked)."""
    try:
        yield
    except sa.exc.OperationalError as exc:
        raise StoreError(f"database {url} is unreachable or failed: {_reason(exc)}") from exc
    except sa.exc.SQLAlchemyError as exc:
        raise StoreError(f"database {url} refused the operation: {_reason(exc)}") from exc


def _reason(exc: sa.exc.SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
