"""Article reads: a keyset page of an `ArticleQuery`, one whole article, and the rows that
hang off articles (authors, tags, revisions), each read for a whole page at once.

A page of summaries is one statement (source and lead image joined). A page of items adds
one query for the page's authors and one for its tags, never one per article."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import sqlalchemy as sa

from newsfeed.errors import NotFound
from newsfeed.model import (
    ArticleItem,
    ArticleQuery,
    ArticleView,
    AuthorView,
    L,
    Page,
    RevisionView,
    TagView,
)
from newsfeed.store.cursors import decode_list_cursor, encode_list_cursor
from newsfeed.store.fastpath import fetch_rows
from newsfeed.store.filters import bound
from newsfeed.store.ids import require
from newsfeed.store.lists import article_select, list_statement, params_for
from newsfeed.store.rows import (
    AUTHOR_COLUMNS,
    REVISION_COLUMNS,
    TAG_COLUMNS,
    VIEW_COLUMNS,
    maker,
)
from newsfeed.store.schema import (
    article_authors,
    article_revisions,
    article_tags,
    articles,
    authors,
    sources,
)
from newsfeed.store.schema import tags as tag_table

Rows = Sequence[Sequence[Any]]


def page(conn: sa.Connection, query: ArticleQuery[L]) -> Page[L]:
    after = None
    if query.cursor is not None:
        after = decode_list_cursor(query.cursor, query.order)
    used = bound(query)
    if used is None:
        return Page((), None)
    statement = list_statement(query.load, frozenset(used), query.order, after is not None)
    summaries_only = query.load is not ArticleItem
    names, rows = fetch_rows(conn, statement, params_for(query, used, after), not summaries_only)
    items = records(conn, query.load, names, rows[: query.limit])
    more = len(rows) > query.limit
    last = items[-1] if more else None
    cursor = encode_list_cursor(last.published_at, last.id, query.order) if last else None
    return Page(tuple(items), cursor)


def records(conn: sa.Connection, load: type[L], names: tuple[str, ...], rows: Rows) -> list[L]:
    """`load` records of article rows (items: with their authors and tags, two queries)."""
    if load is not ArticleItem:
        make = maker(load, names)
        return [make(row) for row in rows]
    by_author, by_tag = related(conn, [row[0] for row in rows])
    make_item = maker(load, names, ("authors", "tags"))
    return [make_item(row, by_author.get(row[0], ()), by_tag.get(row[0], ())) for row in rows]


_ARTICLE_BY_ID = article_select(VIEW_COLUMNS).where(articles.c.id == sa.bindparam("article_id"))


def get_article(conn: sa.Connection, article_id: int) -> ArticleView:
    """Every field, with revisions (newest first, with their text: the article page shows
    what changed); the revisions query runs only for an article that has any."""
    require(article_id, "article")
    names, rows = fetch_rows(conn, _ARTICLE_BY_ID, {"article_id": article_id})
    if not rows:
        raise NotFound(f"no article with id {article_id}")
    row = rows[0]
    by_author, by_tag = related(conn, [article_id])
    history = revisions(conn, article_id) if row[names.index("revision_count")] else ()
    make = maker(ArticleView, names, ("authors", "tags", "revisions"))
    view = make(row, by_author.get(article_id, ()), by_tag.get(article_id, ()), history)
    if history and view.revision_count != len(history):  # written since the row was read
        return replace(view, revision_count=len(history))
    return view


def count_articles(conn: sa.Connection) -> int:
    total = sa.select(sa.func.coalesce(sa.func.sum(sources.c.article_count), 0))
    return int(conn.execute(total).scalar_one())


# ── what hangs off articles ──────────────────────────────────────────────────────────
IDS: sa.BindParameter[int] = sa.bindparam("ids", expanding=True)

_AUTHORS_OF: sa.Select[Any] = (  # article_id, then AuthorView's fields
    sa.select(article_authors.c.article_id, *AUTHOR_COLUMNS)
    .join_from(article_authors, authors, authors.c.id == article_authors.c.author_id)
    .outerjoin(sources, sources.c.id == authors.c.source_id)
    .where(article_authors.c.article_id.in_(IDS))
    .order_by(article_authors.c.article_id, article_authors.c.position)
)
_TAGS_OF: sa.Select[Any] = (
    sa.select(article_tags.c.article_id, *TAG_COLUMNS)
    .join_from(article_tags, tag_table, tag_table.c.id == article_tags.c.tag_id)
    .where(article_tags.c.article_id.in_(IDS))
    .order_by(article_tags.c.article_id, tag_table.c.slug)
)
_REVISIONS_OF: sa.Select[Any] = (
    sa.select(*REVISION_COLUMNS)
    .where(article_revisions.c.article_id == sa.bindparam("article_id"))
    .order_by(article_revisions.c.id.desc())
)


def related(
    conn: sa.Connection, ids: list[int]
) -> tuple[dict[int, tuple[AuthorView, ...]], dict[int, tuple[TagView, ...]]]:
    """Article id → its authors in byline order, and → its tags by slug."""
    if not ids:
        return {}, {}
    return _grouped(conn, _AUTHORS_OF, AuthorView, ids), _grouped(conn, _TAGS_OF, TagView, ids)


def _grouped(
    conn: sa.Connection, statement: sa.Select[Any], cls: type[Any], ids: list[int]
) -> dict[int, tuple[Any, ...]]:
    """Rows of (article_id, record columns…) → article id → records; one record per
    distinct row (an author on every article of a page is built once)."""
    names, rows = fetch_rows(conn, statement, {"ids": ids})
    make = maker(cls, names[1:])
    out: dict[int, list[Any]] = defaultdict(list)
    built: dict[Any, Any] = {}
    for article_id, *values in rows:
        key = values[0]
        record = built.get(key)
        if record is None:
            record = built[key] = make(values)
        out[article_id].append(record)
    return {article_id: tuple(found) for article_id, found in out.items()}


def revisions(conn: sa.Connection, article_id: int) -> tuple[RevisionView, ...]:
    """Earlier versions, newest first, with their text (the article page shows a diff)."""
    names, rows = fetch_rows(conn, _REVISIONS_OF, {"article_id": article_id})
    make = maker(RevisionView, names)
    return tuple(make(row) for row in rows)
