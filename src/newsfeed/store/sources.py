"""Sources: add, read, change, remove. Each function runs inside the caller's transaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any, get_args

import sqlalchemy as sa

from newsfeed.errors import AlreadyExists, InvalidInput, NotFound
from newsfeed.model import FullText, Source, SourceKind
from newsfeed.store.counts import recount_tags
from newsfeed.store.schema import article_tags, articles, sources
from newsfeed.store.views import source_view

UPDATABLE = frozenset(
    {
        "title",
        "site_url",
        "url",
        "full_text",
        "enabled",
        "etag",
        "last_modified",
        "last_fetched_at",
        "last_success_at",
        "next_fetch_at",
        "error_count",
        "last_error_code",
        "last_error",
    }
)


def add_source(
    conn: sa.Connection,
    url: str,
    *,
    kind: SourceKind,
    title: str | None,
    site_url: str | None,
    full_text: FullText,
    now: datetime,
) -> Source:
    check_url(url)
    check_choice("kind", kind, get_args(SourceKind))
    check_choice("full_text", full_text, get_args(FullText))
    if find_source(conn, url) is not None:
        raise AlreadyExists(f"a source with URL {url} exists already", url=url)
    values = {
        "url": url,
        "kind": kind,
        "title": title,
        "site_url": site_url,
        "full_text": full_text,
        "enabled": True,
        "next_fetch_at": now,
        "error_count": 0,
        "article_count": 0,
        "created_at": now,
    }
    new_id = conn.execute(sa.insert(sources).values(values).returning(sources.c.id)).scalar_one()
    return get_source(conn, new_id)


def get_source(conn: sa.Connection, source_id: int) -> Source:
    row = conn.execute(sa.select(sources).where(sources.c.id == source_id)).first()
    if row is None:
        raise NotFound(f"no source with id {source_id}")
    return source_view(row)


def find_source(conn: sa.Connection, url: str) -> Source | None:
    row = conn.execute(sa.select(sources).where(sources.c.url == url)).first()
    return None if row is None else source_view(row)


def list_sources(conn: sa.Connection) -> list[Source]:
    query = sa.select(sources).order_by(sources.c.title.is_(None), sources.c.title, sources.c.id)
    return [source_view(row) for row in conn.execute(query)]


def update_source(conn: sa.Connection, source_id: int, fields: dict[str, Any]) -> Source:
    unknown = sorted(set(fields) - UPDATABLE)
    if unknown:
        raise InvalidInput(f"cannot update source field(s): {', '.join(unknown)}")
    _check_fields(conn, source_id, fields)
    values = {**fields, "leased_by": None, "lease_until": None}
    result = conn.execute(sa.update(sources).where(sources.c.id == source_id).values(values))
    if result.rowcount == 0:
        raise NotFound(f"no source with id {source_id}")
    return get_source(conn, source_id)


def update_sources(conn: sa.Connection, changes: Sequence[tuple[int, dict[str, Any]]]) -> None:
    """One executemany per distinct set of fields; missing ids are skipped."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = defaultdict(list)
    for source_id, fields in changes:
        unknown = sorted(set(fields) - UPDATABLE)
        if unknown:
            raise InvalidInput(f"cannot update source field(s): {', '.join(unknown)}")
        _check_fields(conn, source_id, fields)
        names = tuple(sorted(fields))
        groups[names].append({"_id": source_id, **{f"_{n}": fields[n] for n in names}})
    for names, rows in groups.items():
        values: dict[str, Any] = {n: sa.bindparam(f"_{n}") for n in names}
        statement = (
            sa.update(sources)
            .where(sources.c.id == sa.bindparam("_id"))
            .values(**values, leased_by=None, lease_until=None)
        )
        conn.execute(statement, rows)


def _check_fields(conn: sa.Connection, source_id: int, fields: dict[str, Any]) -> None:
    if "full_text" in fields:
        check_choice("full_text", fields["full_text"], get_args(FullText))
    if "url" in fields:
        check_url(fields["url"])
        other = find_source(conn, fields["url"])
        if other is not None and other.id != source_id:
            raise AlreadyExists(f"a source with URL {fields['url']} exists already")


def remove_source(conn: sa.Connection, source_id: int) -> None:
    tag_ids = conn.execute(
        sa.select(article_tags.c.tag_id)
        .distinct()
        .join(articles, articles.c.id == article_tags.c.article_id)
        .where(articles.c.source_id == source_id)
    ).scalars()
    affected = list(tag_ids)
    result = conn.execute(sa.delete(sources).where(sources.c.id == source_id))
    if result.rowcount == 0:
        raise NotFound(f"no source with id {source_id}")
    recount_tags(conn, affected)


def check_url(url: object) -> None:
    if not isinstance(url, str) or not url.strip():
        raise InvalidInput("a source needs a URL", code="bad_url")


def check_choice(name: str, value: object, choices: tuple[object, ...]) -> None:
    if value not in choices:
        allowed = ", ".join(str(c) for c in choices)
        raise InvalidInput(f"{name} must be one of {allowed}, not {value!r}")
