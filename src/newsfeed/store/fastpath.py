"""The hot read path: SELECTs compiled once per dialect and run on the driver's own cursor,
giving the values our column types would give (aware UTC datetimes, parsed JSON, bools)
without SQLAlchemy's per-call and per-row work. Only `store/` reads use it, and only for
SELECTs; every statement it runs is compared with SQLAlchemy's own execution of the same
statement on both databases (tests/integration/test_store_fastpath.py, which switches on
`RECORDED` to learn which statements a workload ran)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from newsfeed.store.coltypes import UTCDateTime

# (statement, params) of every run while a test collects them; None otherwise
RECORDED: list[tuple[sa.Select[Any], dict[str, Any]]] | None = None


@dataclass(frozen=True, slots=True)
class _Prepared:
    sql: str
    order: tuple[str, ...] | None  # parameter order for a positional driver (SQLite)
    defaults: dict[str, Any]  # e.g. SQLite's OFFSET 0
    names: tuple[str, ...]  # result columns
    id_names: tuple[str, ...]  # the expanded `ids` parameters
    convert: tuple[tuple[int, Any], ...]  # (column index, value converter)
    statement: sa.Select[Any]  # what it was made from: kept alive, so its id stays its own


# Keyed by the statement's id(); each entry holds its statement, so no other statement can
# be given that id while the entry exists (two threads building the same cached statement
# at once could otherwise leave an entry for one that is then freed).
_PREPARED: dict[tuple[int, str, int], _Prepared] = {}


def fetch_rows(
    conn: sa.Connection, statement: sa.Select[Any], params: dict[str, Any], snapshot: bool = True
) -> tuple[tuple[str, ...], list[Sequence[Any]]]:
    """The column names and rows of `statement`, with the values our column types would
    give (aware UTC datetimes, parsed JSON, bools) but without SQLAlchemy's per-call and
    per-row work: the SQL is compiled once per dialect (and per length of an expanding
    `ids` list) and runs on the DBAPI cursor inside the connection's transaction. Driver
    errors surface as SQLAlchemy's (so `translated` still names the database).
    `snapshot=False` is for a read that is one statement: it then runs without our BEGIN
    (a statement always sees one snapshot), which over SQLite saves a BEGIN through
    SQLAlchemy: ~25 µs of the ~0.29 ms of `list_articles(lean=True)`. (psycopg opens its
    own transaction either way; the pool's rollback ends it.)"""
    if RECORDED is not None:
        RECORDED.append((statement, dict(params)))
    ids = params.pop("ids", None)
    key = (id(statement), conn.dialect.name, -1 if ids is None else len(ids))
    prepared = _PREPARED.get(key)
    if prepared is None or prepared.statement is not statement:
        prepared = _prepare(key, statement, conn.dialect, ids)
    values = {**prepared.defaults, **params}
    if ids is not None:
        values.update(zip(prepared.id_names, ids, strict=True))
    for name, value in values.items():
        if isinstance(value, datetime):
            values[name] = _bind_time(value, conn.dialect.name)
    bound: Any = values if prepared.order is None else tuple(values[n] for n in prepared.order)
    if snapshot and not conn.in_transaction():
        conn.begin()  # BEGIN: one snapshot for the page and its authors and tags
    rows: list[Sequence[Any]] = _execute(conn, prepared.sql, bound)
    if prepared.convert:
        rows = [_converted(row, prepared.convert) for row in rows]
    return prepared.names, rows


def _converted(row: Sequence[Any], convert: tuple[tuple[int, Any], ...]) -> list[Any]:
    values = list(row)
    for index, conv in convert:
        if values[index] is not None:
            values[index] = conv(values[index])
    return values


def _execute(conn: sa.Connection, sql: str, bound: Any) -> list[Sequence[Any]]:
    dbapi = conn.dialect.loaded_dbapi
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql, bound)
        rows: list[Sequence[Any]] = cursor.fetchall()
    except dbapi.Error as exc:
        raise sa.exc.DBAPIError.instance(sql, bound, exc, dbapi.Error) from exc
    finally:
        cursor.close()
    return rows


def _prepare(
    key: tuple[int, str, int], original: sa.Select[Any], dialect: sa.Dialect, ids: Any
) -> _Prepared:
    statement = original.params(ids=list(ids)) if ids is not None else original
    compiled = statement.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
    fixed = {} if ids is not None else compiled.construct_params(_check=False)
    defaults = {k: v for k, v in fixed.items() if v is not None}  # the ids are bound per call
    convert = tuple(
        (i, _converter(column.type))
        for i, column in enumerate(statement.selected_columns)
        if _converter(column.type) is not None
    )
    prepared = _PREPARED[key] = _Prepared(
        compiled.string,
        tuple(compiled.positiontup or ()) if compiled.positional else None,
        defaults,
        tuple(statement.selected_columns.keys()),
        tuple(f"ids_{i}" for i in range(1, len(ids) + 1)) if ids is not None else (),
        convert,
        original,
    )
    return prepared


def _converter(column_type: Any) -> Any:
    if isinstance(column_type, UTCDateTime):
        return _utc
    if isinstance(column_type, sa.JSON):
        return _json
    if isinstance(column_type, sa.Boolean):
        return bool
    return None


def _utc(value: datetime | str) -> datetime:
    """SQLite stores naive UTC text; PostgreSQL gives aware datetimes in the session zone."""
    if isinstance(value, str):
        return datetime.fromisoformat(value + "+00:00")  # tzinfo is then UTC itself
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


def _bind_time(value: datetime, dialect: str) -> Any:
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    if dialect == "sqlite":  # the text format SQLAlchemy's SQLite DateTime stores
        return f"{value:%Y-%m-%d %H:%M:%S.%f}"
    return value.replace(tzinfo=UTC)
