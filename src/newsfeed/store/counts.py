"""Denormalized article counts on tags and authors (list_tags orders by them), kept current
by deltas for just the rows a write touched; and batching."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TypeVar

import sqlalchemy as sa

from newsfeed.store.schema import article_tags, tags

CHUNK = 500
T = TypeVar("T")


def recount_tags(conn: sa.Connection, tag_ids: Iterable[int]) -> None:
    count = sa.select(sa.func.count()).where(article_tags.c.tag_id == tags.c.id).scalar_subquery()
    for chunk in chunks(sorted(set(tag_ids))):
        conn.execute(sa.update(tags).where(tags.c.id.in_(chunk)).values(article_count=count))


def chunks(items: list[T], size: int = CHUNK) -> Iterable[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def unlink(
    conn: sa.Connection,
    link: sa.Table,
    target: sa.Column[int],
    article_ids: list[int],
    deltas: Counter[int],
) -> None:
    """Delete the links of rewritten articles, counting what each target loses."""
    for chunk in chunks(article_ids):
        where = link.c.article_id.in_(chunk)
        deltas.subtract(conn.execute(sa.select(target).where(where)).scalars())
        conn.execute(sa.delete(link).where(where))


def apply_deltas(conn: sa.Connection, table: sa.Table, deltas: Counter[int]) -> None:
    rows = [{"b_id": key, "b_delta": n} for key, n in sorted(deltas.items()) if n]
    if rows:
        query = (
            sa.update(table)
            .where(table.c.id == sa.bindparam("b_id"))
            .values(article_count=table.c.article_count + sa.bindparam("b_delta"))
        )
        conn.execute(query, rows)
