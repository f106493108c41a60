"""Claiming due sources with leases, so that many workers never refresh the same source at
once, and a killed worker's sources come back when its lease expires.

PostgreSQL: the due rows are picked with SELECT … FOR UPDATE SKIP LOCKED and leased in the
same statement. SQLite: one UPDATE … RETURNING inside BEGIN IMMEDIATE (writers are
serialized by the database lock)."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from newsfeed.errors import InvalidInput
from newsfeed.model import Source
from newsfeed.store.rows import SOURCE_COLUMNS, maker
from newsfeed.store.schema import sources


def claim_due_sources(
    conn: sa.Connection, *, now: datetime, limit: int, worker: str, lease_s: int
) -> list[Source]:
    if limit < 1 or lease_s < 1 or not worker:
        raise InvalidInput("claim needs limit >= 1, lease_s >= 1 and a worker name")
    due = (
        sa.select(sources.c.id)
        .where(
            sources.c.enabled.is_(True),
            sa.or_(sources.c.next_fetch_at.is_(None), sources.c.next_fetch_at <= now),
            sa.or_(sources.c.lease_until.is_(None), sources.c.lease_until <= now),
        )
        .order_by(sources.c.next_fetch_at.asc().nulls_first(), sources.c.id)
        .limit(limit)
    )
    if conn.dialect.name == "postgresql":
        due = due.with_for_update(skip_locked=True)
    lease = {"leased_by": worker[:200], "lease_until": now + timedelta(seconds=lease_s)}
    query = (
        sa.update(sources)
        .where(sources.c.id.in_(due.scalar_subquery()))
        .values(lease)
        .returning(*SOURCE_COLUMNS)
    )
    result = conn.execute(query)
    make = maker(Source, tuple(result.keys()))
    claimed = [make(row) for row in result]
    claimed.sort(key=lambda s: (s.next_fetch_at is not None, s.next_fetch_at or now, s.id))
    return claimed
