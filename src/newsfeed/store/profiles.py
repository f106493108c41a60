"""Authors to look up on the web, and what the lookup found. Each function runs inside the
caller's transaction."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from newsfeed.errors import NotFound
from newsfeed.model import AuthorView
from newsfeed.store.ids import require
from newsfeed.store.schema import article_authors, articles, authors, sources
from newsfeed.store.views import author_columns, author_view

FILLABLE = ("role", "bio", "avatar_url", "url")


def _latest_article_url() -> sa.ScalarSelect[Any]:
    return (
        sa.select(articles.c.url)
        .join_from(article_authors, articles, articles.c.id == article_authors.c.article_id)
        .where(article_authors.c.author_id == authors.c.id, articles.c.url.is_not(None))
        .order_by(article_authors.c.published_at.desc())
        .limit(1)
        .scalar_subquery()
    )


def authors_to_enrich(
    conn: sa.Connection, *, now: datetime, limit: int, retry_s: int
) -> list[tuple[AuthorView, str | None]]:
    article_url = _latest_article_url()
    due = now - timedelta(seconds=retry_s)
    query = (
        sa.select(*author_columns(), article_url.label("article_url"))
        .outerjoin_from(authors, sources, sources.c.id == authors.c.source_id)
        .where(
            authors.c.bio.is_(None),
            sa.or_(authors.c.profile_checked_at.is_(None), authors.c.profile_checked_at < due),
            sa.or_(authors.c.url.is_not(None), article_url.is_not(None)),
        )
        .order_by(authors.c.id.desc())
        .limit(limit)
    )
    rows: list[sa.Row[Any]] = list(conn.execute(query))
    return [(author_view(row), row.article_url) for row in rows]


def update_author(
    conn: sa.Connection, author_id: int, found: dict[str, str | None], checked_at: datetime
) -> None:
    """Fill only the empty fields: what the feed or the article page said is kept."""
    require(author_id, "author")
    row = conn.execute(sa.select(authors).where(authors.c.id == author_id)).first()
    if row is None:
        raise NotFound(f"no author with id {author_id}")
    values: dict[str, Any] = {"profile_checked_at": checked_at}
    for name in FILLABLE:
        if found.get(name) and not getattr(row, name):
            values[name] = found[name]
    conn.execute(sa.update(authors).where(authors.c.id == author_id).values(values))
