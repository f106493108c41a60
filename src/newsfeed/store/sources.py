"""Sources: add, read, change, remove. Each function runs inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from datetime import datetime
from typing import Any, get_args

import sqlalchemy as sa

from newsfeed.errors import AlreadyExists, InvalidInput, NotFound
from newsfeed.model import FullText, Source, SourceEdit, SourceKind, SourceUpdate
from newsfeed.store.counts import recount_tags
from newsfeed.store.fastpath import fetch_rows
from newsfeed.store.rows import SOURCE_COLUMNS, maker
from newsfeed.store.schema import article_tags, articles, sources

_BY_ID = sa.select(*SOURCE_COLUMNS).where(sources.c.id == sa.bindparam("source_id"))
_BY_URL = sa.select(*SOURCE_COLUMNS).where(sources.c.url == sa.bindparam("url"))
_ALL = sa.select(*SOURCE_COLUMNS).order_by(sources.c.title.is_(None), sources.c.title, sources.c.id)


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
    require_url(url)
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


def _one(conn: sa.Connection, statement: sa.Select[Any], params: dict[str, Any]) -> Source | None:
    names, rows = fetch_rows(conn, statement, params)
    return maker(Source, names)(rows[0]) if rows else None


def get_source(conn: sa.Connection, source_id: int) -> Source:
    found = _one(conn, _BY_ID, {"source_id": source_id})
    if found is None:
        raise NotFound(f"no source with id {source_id}")
    return found


def find_source(conn: sa.Connection, url: str) -> Source | None:
    return _one(conn, _BY_URL, {"url": url})


def list_sources(conn: sa.Connection) -> list[Source]:
    """Every source, by title (untitled last); the search form and /sources list them."""
    names, rows = fetch_rows(conn, _ALL, {})
    make = maker(Source, names)
    return [make(row) for row in rows]


def edit_source(conn: sa.Connection, source_id: int, edit: SourceEdit) -> Source:
    """Apply a person's edit (the fields it sets); NotFound, AlreadyExists for a URL
    another source has."""
    values = {
        f.name: getattr(edit, f.name) for f in fields(edit) if getattr(edit, f.name) is not None
    }
    if edit.full_text is not None:
        check_choice("full_text", edit.full_text, get_args(FullText))
    if edit.url is not None:
        require_url(edit.url)
        other = find_source(conn, edit.url)
        if other is not None and other.id != source_id:
            raise AlreadyExists(f"a source with URL {edit.url} exists already")
    if edit.enabled is True:
        values["error_count"] = 0  # a source turned back on is tried again at once
    get_source(conn, source_id)
    if values:
        conn.execute(sa.update(sources).where(sources.c.id == source_id).values(values))
    return get_source(conn, source_id)


# What a refresh writes: every field of its SourceUpdate, the lease released; a title and
# site link found in the feed only fill a source that has none.
_RECORD = (
    sa.update(sources)
    .where(sources.c.id == sa.bindparam("b_source_id"))
    .values(
        last_fetched_at=sa.bindparam("b_fetched_at"),
        next_fetch_at=sa.bindparam("b_next_fetch_at"),
        etag=sa.bindparam("b_etag"),
        last_modified=sa.bindparam("b_last_modified"),
        last_success_at=sa.bindparam("b_last_success_at"),
        error_count=sa.bindparam("b_error_count"),
        last_error_code=sa.bindparam("b_error_code"),
        last_error=sa.bindparam("b_error"),
        title=sa.func.coalesce(sources.c.title, sa.bindparam("b_found_title", type_=sa.Text)),
        site_url=sa.func.coalesce(
            sources.c.site_url, sa.bindparam("b_found_site_url", type_=sa.Text)
        ),
        leased_by=None,
        lease_until=None,
    )
)


def record_updates(conn: sa.Connection, updates: Sequence[SourceUpdate]) -> None:
    """One executemany for every refresh outcome; ids that no longer exist are skipped."""
    rows = [{f"b_{f.name}": getattr(u, f.name) for f in fields(u)} for u in updates]
    if rows:
        conn.execute(_RECORD, rows)


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


def require_url(url: object) -> None:
    """The store's own check (a non-empty string); `update.service.clean_url` is the
    user-facing one that makes a URL of what a person typed."""
    if not isinstance(url, str) or not url.strip():
        raise InvalidInput("a source needs a URL", code="bad_url")


def check_choice(name: str, value: object, choices: tuple[object, ...]) -> None:
    if value not in choices:
        allowed = ", ".join(str(c) for c in choices)
        raise InvalidInput(f"{name} must be one of {allowed}, not {value!r}")
