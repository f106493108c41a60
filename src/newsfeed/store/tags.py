"""Tags (topics): linked to written articles (found or created in batches, counted by
deltas) and read."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from newsfeed.errors import InvalidInput, NotFound
from newsfeed.model import TagView
from newsfeed.store.counts import apply_deltas, chunks, unlink
from newsfeed.store.fastpath import fetch_rows
from newsfeed.store.rows import TAG_COLUMNS, maker
from newsfeed.store.schema import article_tags, tags
from newsfeed.store.slugs import slugify

if TYPE_CHECKING:
    from newsfeed.store.writes import Written


def link_tags(conn: sa.Connection, written: Sequence[Written], replaced: list[int]) -> None:
    deltas: Counter[int] = Counter()
    unlink(conn, article_tags, article_tags.c.tag_id, replaced, deltas)
    per_article = [(w, _tag_slugs(w.data.tags)) for w in written]
    wanted: dict[str, str] = {}
    for _, slugs in per_article:
        for slug, name in slugs.items():
            wanted.setdefault(slug, name)
    if wanted:
        ids = _resolve_tags(conn, wanted)
        rows = [
            {"article_id": w.article_id, "tag_id": ids[slug], "published_at": w.published_at}
            for w, slugs in per_article
            for slug in slugs
        ]
        conn.execute(sa.insert(article_tags), rows)
        deltas.update(ids[slug] for _, slugs in per_article for slug in slugs)
    apply_deltas(conn, tags, deltas)


def _tag_slugs(names: Iterable[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name in names:
        label = " ".join(name.split())[:200]
        slug = slugify(label)
        if slug:
            out.setdefault(slug, label)
    return out


def _resolve_tags(conn: sa.Connection, wanted: Mapping[str, str]) -> dict[str, int]:
    ids = _tag_ids(conn, list(wanted))
    missing = [slug for slug in wanted if slug not in ids]
    if missing:
        rows = [{"slug": s, "name": wanted[s], "article_count": 0} for s in missing]
        conn.execute(_insert_ignoring_conflicts(conn, tags, "slug"), rows)
        ids.update(_tag_ids(conn, missing))
    return ids


def _tag_ids(conn: sa.Connection, slugs: list[str]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for chunk in chunks(sorted(slugs)):
        query = sa.select(tags.c.slug, tags.c.id).where(tags.c.slug.in_(chunk))
        ids.update({row.slug: row.id for row in conn.execute(query)})
    return ids


def _insert_ignoring_conflicts(conn: sa.Connection, table: sa.Table, column: str) -> Any:
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    return dialect.insert(table).on_conflict_do_nothing(index_elements=[column])


# ── reads ────────────────────────────────────────────────────────────────────────────
_BY_SLUG = sa.select(*TAG_COLUMNS).where(tags.c.slug == sa.bindparam("slug"))
_MOST_USED = (
    sa.select(*TAG_COLUMNS)
    .where(tags.c.article_count > 0)
    .order_by(tags.c.article_count.desc(), tags.c.slug)
    .limit(sa.bindparam("limit", type_=sa.Integer()))
)


def get_tag(conn: sa.Connection, slug: str) -> TagView:
    names, rows = fetch_rows(conn, _BY_SLUG, {"slug": slug})
    if not rows:
        raise NotFound(f"no tag {slug!r}")
    return maker(TagView, names)(rows[0])


def list_tags(conn: sa.Connection, limit: int) -> list[TagView]:
    """Most used first."""
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise InvalidInput(f"limit must be a positive integer, not {limit!r}")
    names, rows = fetch_rows(conn, _MOST_USED, {"limit": limit})
    make = maker(TagView, names)
    return [make(row) for row in rows]
