"""Article lists (keyset-paginated, newest first), single articles, authors and tags.

Every list walks an index in (published_at DESC, id DESC) order: `articles` globally or per
source, `article_authors` per author, `article_tags` per tag (those link tables carry a copy
of published_at for exactly this). A page costs the same on page 1 and on page 10,000: one
keyset query (with source and lead image joined) plus one query each for the page's authors
and tags. The statements are built once per combination of filters and bound per call."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from typing import Any

import sqlalchemy as sa

from newsfeed.errors import InvalidInput, NotFound
from newsfeed.model import ArticleView, AuthorView, Page, Source, TagView
from newsfeed.store.cursors import decode_list_cursor, encode_list_cursor
from newsfeed.store.ids import require, storable
from newsfeed.store.schema import article_authors, article_tags, articles, authors, sources, tags
from newsfeed.store.types import UTCDateTime
from newsfeed.store.views import (
    AUTHOR_FIELDS,
    DETAIL_COLUMNS,
    LEAN_COLUMNS,
    LIST_COLUMNS,
    SOURCE_FIELDS,
    article_select,
    article_views_of,
    author_columns,
    author_view,
    fetch_rows,
    lean_views,
    revisions,
    tag_view,
)

MAX_LIMIT = 200
Key = tuple[sa.ColumnElement[Any], sa.ColumnElement[Any]]


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
    lean: bool = False,
) -> Page[ArticleView]:
    """List items carry no `text` (empty string) and no `field_sources`: no list shows
    them. `content_html`, authors and tags are kept because the Atom, RSS and JSON feeds of
    a list carry them; `lean` leaves those out too (empty), for the HTML list pages, which
    show none of them: one query instead of three, and no bodies copied."""
    limit = check_limit(limit)
    after = decode_list_cursor(cursor) if cursor is not None else None
    if source_id is not None and not storable(source_id):
        return Page((), None)
    if exclude_id is not None and not storable(exclude_id):
        exclude_id = None
    params: dict[str, Any] = {
        "source_id": source_id,
        "exclude_id": exclude_id,
        "author_slug": author_slug,
        "tag_slug": tag_slug,
        "limit": limit + 1,
    }
    if after is not None:
        params["after_at"], params["after_id"] = after
    statement = _list_statement(*(params[k] is not None for k in _FILTERS), after is not None, lean)
    rows = fetch_rows(conn, statement, params, snapshot=not lean)[1]  # lean: one statement
    return _page(conn, rows, limit, lean)


_FILTERS = ("author_slug", "tag_slug", "source_id", "exclude_id")


@cache
def _list_statement(
    by_author: bool, by_tag: bool, by_source: bool, excluding: bool, after: bool, lean: bool
) -> sa.Select[Any]:
    """The keyset query for one combination of filters, with bind parameters named like
    the keys of `params` in `list_articles`."""
    query, key = _keyed_query(by_author, by_tag, LEAN_COLUMNS if lean else LIST_COLUMNS)
    if by_source:
        query = query.where(articles.c.source_id == sa.bindparam("source_id"))
    if excluding:
        query = query.where(articles.c.id != sa.bindparam("exclude_id"))
    if after:
        bound = (
            sa.bindparam("after_at", type_=UTCDateTime()),
            sa.bindparam("after_id", type_=sa.Integer()),
        )
        query = query.where(sa.tuple_(*key) < sa.tuple_(*bound))
    ordered = query.order_by(key[0].desc(), key[1].desc())
    return ordered.limit(sa.bindparam("limit", type_=sa.Integer()))


def _slug_id(table: sa.Table, param: str) -> sa.ScalarSelect[Any]:
    """The id of the row with the bound slug (NULL when none: the list is then empty)."""
    return sa.select(table.c.id).where(table.c.slug == sa.bindparam(param)).scalar_subquery()


def _keyed_query(
    by_author: bool, by_tag: bool, columns: Sequence[sa.ColumnElement[Any]]
) -> tuple[sa.Select[Any], Key]:
    """The base query and the (time, id) key whose index serves the order."""
    query = article_select(columns)
    if by_author:
        link = article_authors
        query = query.join(link, link.c.article_id == articles.c.id).where(
            link.c.author_id == _slug_id(authors, "author_slug")
        )
        if by_tag:
            query = query.where(_has_tag())
        return query, (link.c.published_at, link.c.article_id)
    if by_tag:
        link = article_tags
        query = query.join(link, link.c.article_id == articles.c.id).where(
            link.c.tag_id == _slug_id(tags, "tag_slug")
        )
        return query, (link.c.published_at, link.c.article_id)
    return query, (articles.c.published_at, articles.c.id)


def _has_tag() -> sa.ColumnElement[bool]:
    return sa.exists().where(
        article_tags.c.article_id == articles.c.id,
        article_tags.c.tag_id == _slug_id(tags, "tag_slug"),
    )


def _page(
    conn: sa.Connection, rows: list[Sequence[Any]], limit: int, lean: bool = False
) -> Page[ArticleView]:
    more = len(rows) > limit
    items = lean_views(rows[:limit]) if lean else article_views_of(conn, rows[:limit])
    last = items[-1] if more else None
    cursor = encode_list_cursor(last.published_at, last.id) if last is not None else None
    return Page(tuple(items), cursor)


_ARTICLE_BY_ID = article_select(DETAIL_COLUMNS).where(articles.c.id == sa.bindparam("article_id"))


def get_article(conn: sa.Connection, article_id: int) -> ArticleView:
    """Every field, with revisions (newest first, with their text: the article page shows
    what changed); the revisions query runs only for an article that has any."""
    require(article_id, "article")
    rows = fetch_rows(conn, _ARTICLE_BY_ID, {"article_id": article_id})[1]
    if not rows:
        raise NotFound(f"no article with id {article_id}")
    view = article_views_of(conn, rows)[0]
    if not view.revision_count:
        return view
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


_ALL_AUTHORS = (
    sa.select(*AUTHOR_FIELDS)
    .outerjoin_from(authors, sources, sources.c.id == authors.c.source_id)
    .order_by(authors.c.name, authors.c.id)
)


def list_authors(conn: sa.Connection) -> list[AuthorView]:
    return [AuthorView(*row) for row in fetch_rows(conn, _ALL_AUTHORS, {})[1]]


_ALL_SOURCES = sa.select(*SOURCE_FIELDS).order_by(
    sources.c.title.is_(None), sources.c.title, sources.c.id
)


def list_sources(conn: sa.Connection) -> list[Source]:
    """Every source, by title (untitled last); the search form and /sources list them."""
    return [Source(*row) for row in fetch_rows(conn, _ALL_SOURCES, {})[1]]


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
