"""Article lists: keyset pages over an index in (published_at, id) order, newest or oldest
first, whatever the filters.

The statement walks `articles` (globally or per source), or the link table of the author or
topic filtered on (`article_authors` / `article_tags` carry a copy of published_at for
exactly this), so a page costs the same on page 1 and on page 10,000. Statements are built
once per combination of filters, order and load, and bound per call."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from newsfeed.model import ArticleQuery, ArticleSummary, Order
from newsfeed.store.coltypes import UTCDateTime
from newsfeed.store.filters import conditions, slug_id
from newsfeed.store.rows import COLUMNS
from newsfeed.store.schema import (
    article_authors,
    article_tags,
    articles,
    authors,
    images,
    sources,
    stories,
)
from newsfeed.store.schema import tags as tag_table

Key = tuple[sa.ColumnElement[Any], sa.ColumnElement[Any]]
# a filter whose link table can drive the walk: (filter, link table, its target, target table)
DRIVERS = (
    ("author_slug", article_authors, article_authors.c.author_id, authors),
    ("tag_slug", article_tags, article_tags.c.tag_id, tag_table),
)


def article_select(columns: tuple[sa.ColumnElement[Any], ...]) -> sa.Select[Any]:
    """Articles with their source, lead image (at most one per article) and story."""
    joined = (
        articles.join(sources, sources.c.id == articles.c.source_id)
        .outerjoin(images, images.c.article_id == articles.c.id)
        .outerjoin(stories, stories.c.id == articles.c.story_id)
    )
    return sa.select(*columns).select_from(joined)


Combination = tuple[type[ArticleSummary], frozenset[str], Order, bool]
_STATEMENTS: dict[Combination, sa.Select[Any]] = {}


def list_statement(
    load: type[ArticleSummary], used: frozenset[str], order: Order, after: bool
) -> sa.Select[Any]:
    """The keyset query for one combination, with bind parameters named after the filters,
    plus `after_at`/`after_id` (the cursor) and `limit`; built once."""
    key = (load, used, order, after)
    found = _STATEMENTS.get(key)
    if found is None:
        found = _STATEMENTS[key] = _list_statement(*key)
    return found


def _list_statement(
    load: type[ArticleSummary], used: frozenset[str], order: Order, after: bool
) -> sa.Select[Any]:
    query, key, driven = _driven(article_select(COLUMNS[load]), used)
    query = query.where(*conditions(used - {driven}))
    if after:
        cursor = (
            sa.bindparam("after_at", type_=UTCDateTime()),
            sa.bindparam("after_id", type_=sa.Integer()),
        )
        row, mark = sa.tuple_(*key), sa.tuple_(*cursor)
        query = query.where(row < mark if order == "newest" else row > mark)
    if order == "newest":
        ordered = query.order_by(key[0].desc(), key[1].desc())
    else:
        ordered = query.order_by(key[0].asc(), key[1].asc())
    return ordered.limit(sa.bindparam("limit", type_=sa.Integer()))


def _driven(query: sa.Select[Any], used: frozenset[str]) -> tuple[sa.Select[Any], Key, str]:
    """Join the link table of the first author or topic filter, to walk its index; returns
    the query, its (time, id) key and the filter the join has applied ("" for none)."""
    for name, link, target, table in DRIVERS:
        if name in used:
            joined = query.join(link, link.c.article_id == articles.c.id)
            return (
                joined.where(target == slug_id(table, name)),
                (
                    link.c.published_at,
                    link.c.article_id,
                ),
                name,
            )
    return query, (articles.c.published_at, articles.c.id), ""


def params_for(query: ArticleQuery[Any], used: dict[str, Any], after: Any) -> dict[str, Any]:
    params = {**used, "limit": query.limit + 1}
    if after is not None:
        params["after_at"], params["after_id"] = after
    return params
