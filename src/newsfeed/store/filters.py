"""The filters of an `ArticleQuery` as SQL: one clause per filter, a condition on `articles`
bound under the filter's own name. Lists and search both build their statements from these.

Adding a filter: a field on `ArticleQuery` (model.py) and its clause in `CLAUSES`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from newsfeed.model import ArticleQuery
from newsfeed.store.coltypes import UTCDateTime
from newsfeed.store.ids import storable
from newsfeed.store.schema import article_authors, article_tags, articles, authors, tags

Clause = Callable[[], sa.ColumnElement[bool]]


def _param(name: str, type_: Any) -> sa.BindParameter[Any]:
    return sa.bindparam(name, type_=type_)


def slug_id(table: sa.Table, name: str) -> sa.ScalarSelect[Any]:
    """The id of the row whose slug is bound as `name` (NULL when none: nothing matches)."""
    return sa.select(table.c.id).where(table.c.slug == _param(name, sa.String())).scalar_subquery()


def by_author() -> sa.Select[Any]:
    """The ids of the bound author's articles, from the link table's index."""
    link = article_authors
    return sa.select(link.c.article_id).where(link.c.author_id == slug_id(authors, "author_slug"))


def by_tag() -> sa.Select[Any]:
    link = article_tags
    return sa.select(link.c.article_id).where(link.c.tag_id == slug_id(tags, "tag_slug"))


CLAUSES: dict[str, Clause] = {
    "source_id": lambda: articles.c.source_id == _param("source_id", sa.Integer()),
    "author_slug": lambda: articles.c.id.in_(by_author()),
    "tag_slug": lambda: articles.c.id.in_(by_tag()),
    "exclude_id": lambda: articles.c.id != _param("exclude_id", sa.Integer()),
    "story_id": lambda: articles.c.story_id == _param("story_id", sa.Integer()),
    "since": lambda: articles.c.published_at >= _param("since", UTCDateTime()),
    "until": lambda: articles.c.published_at < _param("until", UTCDateTime()),
    "language": lambda: articles.c.language == _param("language", sa.String()),
}
ID_FILTERS = ("source_id", "exclude_id", "story_id")  # ids: one no row can have matches nothing


def bound(query: ArticleQuery[Any]) -> dict[str, Any] | None:
    """The filters the query sets, by name, as bind parameters; None when they can match
    nothing (an id no row can have)."""
    used = {name: getattr(query, name) for name in CLAUSES if getattr(query, name) is not None}
    for name in ID_FILTERS:
        if name in used and not storable(used[name]):
            if name == "exclude_id":
                del used[name]  # excluding what cannot exist excludes nothing
            else:
                return None
    return used


def conditions(used: frozenset[str] | set[str]) -> list[sa.ColumnElement[bool]]:
    """The clauses of the filters named in `used`, in a fixed order (statements built from
    the same filters are the same, so they compile once)."""
    return [clause() for name, clause in CLAUSES.items() if name in used]
