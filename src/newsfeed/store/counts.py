"""Denormalized article counts on tags and authors (list_tags orders by them), recomputed
for just the rows a write touched."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

import sqlalchemy as sa

from newsfeed.store.schema import article_authors, article_tags, authors, tags

CHUNK = 500
T = TypeVar("T")


def recount_tags(conn: sa.Connection, tag_ids: Iterable[int]) -> None:
    count = sa.select(sa.func.count()).where(article_tags.c.tag_id == tags.c.id).scalar_subquery()
    for chunk in chunks(sorted(set(tag_ids))):
        conn.execute(sa.update(tags).where(tags.c.id.in_(chunk)).values(article_count=count))


def recount_authors(conn: sa.Connection, author_ids: Iterable[int]) -> None:
    count = (
        sa.select(sa.func.count())
        .where(article_authors.c.author_id == authors.c.id)
        .scalar_subquery()
    )
    for chunk in chunks(sorted(set(author_ids))):
        conn.execute(sa.update(authors).where(authors.c.id.in_(chunk)).values(article_count=count))


def chunks(items: list[T], size: int = CHUNK) -> Iterable[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
