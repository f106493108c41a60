"""Ranked full-text search: SQLite FTS5 (bm25, title weighted over dek over text) or
PostgreSQL tsvector (websearch_to_tsquery, ts_rank). The user's string only ever reaches the
engine rebuilt from its words (`textsearch`). Pages are by offset: a rank is relative to the
corpus, so a keyset over it would be no more stable; the cursor stays opaque either way."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from newsfeed.model import Page, SearchHit
from newsfeed.store.cursors import decode_search_cursor, encode_search_cursor
from newsfeed.store.reads import check_limit
from newsfeed.store.schema import article_authors, articles, authors
from newsfeed.store.textsearch import (
    MARK_END,
    MARK_START,
    parse_query,
    snippet_html,
    to_fts5,
    to_websearch,
)
from newsfeed.store.views import article_select, article_views

CONFIG = "english"
SNIPPET_WORDS = 24
HEADLINE_CHARS = 50_000
SHIELD_LT, SHIELD_GT = "\x04", "\x05"


def search(
    conn: sa.Connection,
    query: str,
    *,
    cursor: str | None,
    limit: int,
    source_id: int | None,
    author_slug: str | None,
    since: datetime | None,
    until: datetime | None,
) -> Page[SearchHit]:
    parsed = parse_query(query)
    limit = check_limit(limit)
    offset = decode_search_cursor(cursor) if cursor is not None else 0
    if not parsed:
        return Page((), None)
    filters = _filters(source_id, author_slug, since, until)
    if conn.dialect.name == "postgresql":
        rows = _postgresql(conn, to_websearch(parsed), filters, limit + 1, offset)
    else:
        rows = _sqlite(conn, to_fts5(parsed), filters, limit + 1, offset)
    views = article_views(conn, rows[:limit])
    hits = tuple(
        SearchHit(view, snippet_html(_unshield(row.snip)), float(row.rank))
        for view, row in zip(views, rows, strict=False)
    )
    next_cursor = encode_search_cursor(offset + limit) if len(rows) > limit else None
    return Page(hits, next_cursor)


def _shielded(text: sa.ColumnElement[str]) -> sa.ColumnElement[str]:
    """ts_headline drops anything that looks like an HTML tag; our text is plain text, so
    hide < and > from it (as control characters that it keeps) and restore them after."""
    return sa.func.replace(sa.func.replace(text, "<", SHIELD_LT), ">", SHIELD_GT)


def _unshield(snippet: str | None) -> str | None:
    return snippet and snippet.replace(SHIELD_LT, "<").replace(SHIELD_GT, ">")


def _filters(
    source_id: int | None,
    author_slug: str | None,
    since: datetime | None,
    until: datetime | None,
) -> list[sa.ColumnElement[bool]]:
    """Filters on `articles`: since is inclusive, until exclusive."""
    out: list[sa.ColumnElement[bool]] = []
    if source_id is not None:
        out.append(articles.c.source_id == source_id)
    if author_slug is not None:
        by_author = (
            sa.select(article_authors.c.article_id)
            .join(authors, authors.c.id == article_authors.c.author_id)
            .where(authors.c.slug == author_slug)
        )
        out.append(articles.c.id.in_(by_author))
    if since is not None:
        out.append(articles.c.published_at >= since)
    if until is not None:
        out.append(articles.c.published_at < until)
    return out


def _sqlite(
    conn: sa.Connection,
    match: str,
    filters: list[sa.ColumnElement[bool]],
    limit: int,
    offset: int,
) -> list[sa.Row[Any]]:
    fts = sa.table("articles_fts", sa.column("rowid", sa.Integer))
    bm25: sa.ColumnElement[float] = sa.literal_column("bm25(articles_fts, 10.0, 4.0, 1.0)")
    snippet = sa.func.snippet(
        sa.literal_column("articles_fts"), -1, MARK_START, MARK_END, "…", SNIPPET_WORDS
    )
    query = (
        article_select()
        .add_columns((-bm25).label("rank"), snippet.label("snip"))
        .join(fts, fts.c.rowid == articles.c.id)
        .where(sa.literal_column("articles_fts").op("MATCH")(match), *filters)
        .order_by(bm25, articles.c.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return list(conn.execute(query).all())


def _postgresql(
    conn: sa.Connection,
    websearch: str,
    filters: list[sa.ColumnElement[bool]],
    limit: int,
    offset: int,
) -> list[sa.Row[Any]]:
    config: sa.ColumnElement[str] = sa.literal_column(f"'{CONFIG}'::regconfig")
    tsquery = sa.func.websearch_to_tsquery(config, websearch)
    vector: sa.ColumnElement[Any] = sa.literal_column("articles.search_vector")
    rank = sa.func.ts_rank(vector, tsquery)
    best = (
        sa.select(articles.c.id.label("hit_id"), rank.label("rank"))
        .where(vector.op("@@")(tsquery), *filters)
        .order_by(rank.desc(), articles.c.id.desc())
        .limit(limit)
        .offset(offset)
        .subquery("best")
    )
    body = _shielded(
        sa.func.coalesce(articles.c.dek, "") + "\n" + sa.func.left(articles.c.text, HEADLINE_CHARS)
    )
    options = (
        f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=35, MinWords=15, "
        'MaxFragments=2, FragmentDelimiter=" … "'
    )
    headline = sa.func.ts_headline(config, body, tsquery, options)
    query = (
        article_select()
        .add_columns(best.c.rank, headline.label("snip"))
        .join(best, best.c.hit_id == articles.c.id)
        .order_by(best.c.rank.desc(), articles.c.id.desc())
    )
    return list(conn.execute(query).all())
