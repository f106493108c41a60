"""save_articles, the hot path: one lookup of what the batch already has, a pure decision
(`stories.identity.plan_writes`), then batched writes: executemany inserts and updates, the
earlier versions copied into revisions by one INSERT … SELECT, images, authors and tags in a
handful of statements. Unchanged articles cost no write. The search index follows by itself
(SQLite triggers, PostgreSQL generated column)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from newsfeed.errors import NotFound
from newsfeed.model import ArticleData, SaveResult
from newsfeed.normalize.limits import bounded_article
from newsfeed.store.authors import link_authors
from newsfeed.store.counts import chunks
from newsfeed.store.schema import article_revisions, articles, images, sources
from newsfeed.store.slugs import slugify
from newsfeed.store.tags import link_tags
from newsfeed.stories.identity import (
    ArticleInsert,
    ArticleUpdate,
    ExistingArticle,
    distinct_identities,
    lookup_keys,
    plan_writes,
)


@dataclass(frozen=True, slots=True)
class Written:
    """An article row just inserted or rewritten, for the child tables."""

    article_id: int
    data: ArticleData
    published_at: datetime


def save_articles(
    conn: sa.Connection, source_id: int, incoming: Sequence[ArticleData], now: datetime
) -> SaveResult:
    _check_source(conn, source_id)
    if not incoming:
        return SaveResult()
    incoming = [bounded_article(a) for a in distinct_identities(incoming)]
    plan = plan_writes(load_existing(conn, source_id, incoming), incoming, now)
    new_ids = _insert(conn, source_id, plan.inserts, now)
    _update(conn, plan.updates, now)
    written = [
        Written(i, p.data, p.published_at) for i, p in zip(new_ids, plan.inserts, strict=True)
    ]
    written += [Written(u.article_id, u.data, u.published_at) for u in plan.updates]
    replaced = [u.article_id for u in plan.updates]
    _write_images(conn, written, replaced)
    link_authors(conn, source_id, written, replaced)
    link_tags(conn, written, replaced)
    if new_ids:
        count = sources.c.article_count + len(new_ids)
        conn.execute(
            sa.update(sources).where(sources.c.id == source_id).values(article_count=count)
        )
    return SaveResult(len(new_ids), len(plan.updates), plan.unchanged, tuple(new_ids))


def existing_guids(conn: sa.Connection, source_id: int, guids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for chunk in chunks(sorted(set(guids))):
        query = sa.select(articles.c.guid).where(
            articles.c.source_id == source_id, articles.c.guid.in_(chunk)
        )
        found.update(conn.execute(query).scalars())
    return found


def _check_source(conn: sa.Connection, source_id: int) -> None:
    found = conn.execute(sa.select(sources.c.id).where(sources.c.id == source_id)).first()
    if found is None:
        raise NotFound(f"no source with id {source_id}")


def load_existing(
    conn: sa.Connection, source_id: int, incoming: Sequence[ArticleData]
) -> dict[str, ExistingArticle]:
    """Stored articles of this source matching the batch by guid, then (for the rest) by URL."""
    guids, urls = lookup_keys(incoming)
    found = _existing(conn, source_id, articles.c.guid, sorted(guids))
    missing = {a.url for a in incoming if (a.guid or a.url) not in found and a.url}
    if missing:
        found.update(_existing(conn, source_id, articles.c.url, sorted(missing & urls)))
    return found


def _existing(
    conn: sa.Connection, source_id: int, column: sa.ColumnElement[Any], keys: list[str]
) -> dict[str, ExistingArticle]:
    cols = (articles.c.id, articles.c.guid, articles.c.url, articles.c.content_hash)
    out: dict[str, ExistingArticle] = {}
    for chunk in chunks(keys):
        query = sa.select(*cols, articles.c.published_at).where(
            articles.c.source_id == source_id, column.in_(chunk)
        )
        for r in conn.execute(query):
            out[r.guid] = ExistingArticle(r.id, r.guid, r.url, r.content_hash, r.published_at)
    return out


def _content(data: ArticleData, published_at: datetime, now: datetime) -> dict[str, Any]:
    """The article columns an insert or an update writes."""
    return {
        "title": data.title,
        "slug": slugify(data.title, fallback="article"),
        "dek": data.dek,
        "content_html": data.content_html,
        "text": data.text,
        "language": data.language,
        "published_at": published_at,
        "fetched_at": now,
        "word_count": data.word_count,
        "reading_minutes": data.reading_minutes,
        "content_hash": data.content_hash,
        "field_sources": [list(pair) for pair in data.field_sources] or None,
        "extraction_error": data.extraction_error,
    }


def _insert(
    conn: sa.Connection, source_id: int, inserts: Sequence[ArticleInsert], now: datetime
) -> list[int]:
    if not inserts:
        return []
    rows = [
        {
            **_content(p.data, p.published_at, now),
            "source_id": source_id,
            "guid": p.data.guid or p.data.url,
            "url": p.data.url,
            "updated_at": p.data.updated_at,
            "revision_count": 0,
        }
        for p in inserts
    ]
    conn.execute(sa.insert(articles), rows)
    ids = _ids_by_guid(conn, source_id, [row["guid"] for row in rows])
    return [ids[row["guid"]] for row in rows]


def _ids_by_guid(conn: sa.Connection, source_id: int, guids: list[str]) -> dict[str, int]:
    """Ids of just-inserted rows: cheaper than RETURNING, which SQLite cannot batch in order."""
    out: dict[str, int] = {}
    for chunk in chunks(guids):
        query = sa.select(articles.c.guid, articles.c.id).where(
            articles.c.source_id == source_id, articles.c.guid.in_(chunk)
        )
        out.update({row.guid: row.id for row in conn.execute(query)})
    return out


def _update(conn: sa.Connection, updates: Sequence[ArticleUpdate], now: datetime) -> None:
    if not updates:
        return
    ids = [u.article_id for u in updates]
    for chunk in chunks(ids):
        keep = sa.select(
            articles.c.id,
            articles.c.title,
            articles.c.text,
            articles.c.content_hash,
            sa.literal(now, articles.c.fetched_at.type),
        ).where(articles.c.id.in_(chunk))
        columns = ["article_id", "title", "text", "content_hash", "recorded_at"]
        conn.execute(sa.insert(article_revisions).from_select(columns, keep))
    rows = [_update_row(u, now) for u in updates]
    query = (
        sa.update(articles)
        .where(articles.c.id == sa.bindparam("b_id"))
        .values(
            revision_count=articles.c.revision_count + 1,
            url=sa.func.coalesce(sa.bindparam("b_url", type_=sa.Text), articles.c.url),
        )
    )
    conn.execute(query, rows)


def _update_row(update: ArticleUpdate, now: datetime) -> dict[str, Any]:
    data = update.data
    row = {**_content(data, update.published_at, now), "b_id": update.article_id}
    row["updated_at"] = data.updated_at or now
    row["b_url"] = data.url or None
    return row


def _write_images(conn: sa.Connection, written: Sequence[Written], replaced: list[int]) -> None:
    for chunk in chunks(replaced):
        conn.execute(sa.delete(images).where(images.c.article_id.in_(chunk)))
    rows = [
        {
            "article_id": w.article_id,
            "url": w.data.image.url,
            "caption": w.data.image.caption,
            "credit": w.data.image.credit,
            "alt": w.data.image.alt,
            "width": w.data.image.width,
            "height": w.data.image.height,
        }
        for w in written
        if w.data.image is not None and w.data.image.url
    ]
    if rows:
        conn.execute(sa.insert(images), rows)
