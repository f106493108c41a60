"""Article lists (keyset-paginated, newest first), single articles, authors and tags.

Every list walks an index in (published_at DESC, id DESC) order: `articles` globally or per
source, `article_authors` per author, `article_tags` per tag (those link tables carry a copy
of published_at for exactly this). A page costs the same on page 1 and on page 10,000."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import sqlalchemy as sa

from newsfeed.errors import InvalidInput, NotFound
from newsfeed.model import ArticleView, AuthorView, Page, TagView
from newsfeed.store.cursors import decode_list_cursor, encode_list_cursor
from newsfeed.store.schema import article_authors, article_tags, articles, authors, sources, tags
from newsfeed.store.views import (
    article_select,
    article_views,
    author_columns,
    author_view,
    revisions,
    tag_view,
)

MAX_LIMIT = 200


def check_limit(limit: int) -> int:
    """A page size: positive, at most MAX_LIMIT."""
    return min(_positive(limit), MAX_LIMIT)


def _positive(limit: int) -> int:
    if not isinstance(limit, int) or limit < 1:
        raise InvalidInput(f"limit must be a positive integer, not {limit!r}")
    return limit


def list_articles(
    conn: sa.Connection,
    *,
    cursor: str | None,
    limit: int,
    source_id: int | None,
    author_slug: str | None,
    tag_slug: str | None,
    exclude_id: int | None,
) -> Page[ArticleView]:
    limit = check_limit(limit)
    after = decode_list_cursor(cursor) if cursor is not None else None
    author_id = _id_by_slug(conn, authors, author_slug)
    tag_id = _id_by_slug(conn, tags, tag_slug)
    if author_id == -1 or tag_id == -1:
        return Page((), None)
    query, key = _keyed_query(author_id, tag_id)
    if source_id is not None:
        query = query.where(articles.c.source_id == source_id)
    if exclude_id is not None:
        query = query.where(articles.c.id != exclude_id)
    if after is not None:
        query = query.where(sa.tuple_(*key) < sa.tuple_(*_typed(key, after)))
    rows = list(conn.execute(query.order_by(key[0].desc(), key[1].desc()).limit(limit + 1)))
    return _page(conn, rows, limit)


def _id_by_slug(conn: sa.Connection, table: sa.Table, slug: str | None) -> int | None:
    """None when no filter; -1 when the slug names nothing (so the list is empty)."""
    if slug is None:
        return None
    found = conn.execute(sa.select(table.c.id).where(table.c.slug == slug)).scalar()
    return -1 if found is None else int(found)


def _keyed_query(
    author_id: int | None, tag_id: int | None
) -> tuple[sa.Select[Any], tuple[sa.ColumnElement[Any], sa.ColumnElement[Any]]]:
    """The base query and the (time, id) key whose index serves the order."""
    query = article_select()
    if author_id is not None:
        link = article_authors
        query = query.join(link, link.c.article_id == articles.c.id).where(
            link.c.author_id == author_id
        )
        if tag_id is not None:
            query = query.where(_has_tag(tag_id))
        return query, (link.c.published_at, link.c.article_id)
    if tag_id is not None:
        link = article_tags
        query = query.join(link, link.c.article_id == articles.c.id).where(link.c.tag_id == tag_id)
        return query, (link.c.published_at, link.c.article_id)
    return query, (articles.c.published_at, articles.c.id)


def _has_tag(tag_id: int) -> sa.ColumnElement[bool]:
    return sa.exists().where(
        article_tags.c.article_id == articles.c.id, article_tags.c.tag_id == tag_id
    )


def _typed(key: tuple[sa.ColumnElement[Any], ...], values: tuple[Any, ...]) -> list[Any]:
    return [sa.literal(v, k.type) for k, v in zip(key, values, strict=True)]


def _page(conn: sa.Connection, rows: list[sa.Row[Any]], limit: int) -> Page[ArticleView]:
    more = len(rows) > limit
    items = article_views(conn, rows[:limit])
    last = items[-1] if more else None
    cursor = encode_list_cursor(last.published_at, last.id) if last is not None else None
    return Page(tuple(items), cursor)


def get_article(conn: sa.Connection, article_id: int) -> ArticleView:
    row = conn.execute(article_select().where(articles.c.id == article_id)).first()
    if row is None:
        raise NotFound(f"no article with id {article_id}")
    view = article_views(conn, [row])[0]
    history = revisions(conn, article_id)
    return replace(view, revisions=history, revision_count=len(history))


def count_articles(conn: sa.Connection) -> int:
    return int(
        conn.execute(
            sa.select(sa.func.coalesce(sa.func.sum(sources.c.article_count), 0))
        ).scalar_one()
    )


def _author_select() -> sa.Select[Any]:
    return sa.select(*author_columns()).outerjoin_from(
        authors, sources, sources.c.id == authors.c.source_id
    )


def get_author(conn: sa.Connection, slug: str) -> AuthorView:
    row = conn.execute(_author_select().where(authors.c.slug == slug)).first()
    if row is None:
        raise NotFound(f"no author {slug!r}")
    return author_view(row)


def list_authors(conn: sa.Connection) -> list[AuthorView]:
    query = _author_select().order_by(authors.c.name, authors.c.id)
    return [author_view(row) for row in conn.execute(query)]


def get_tag(conn: sa.Connection, slug: str) -> TagView:
    row = conn.execute(sa.select(tags).where(tags.c.slug == slug)).first()
    if row is None:
        raise NotFound(f"no tag {slug!r}")
    return tag_view(row)


def list_tags(conn: sa.Connection, limit: int) -> list[TagView]:
    query = (
        sa.select(tags)
        .where(tags.c.article_count > 0)
        .order_by(tags.c.article_count.desc(), tags.c.slug)
        .limit(_positive(limit))
    )
    return [tag_view(row) for row in conn.execute(query)]
