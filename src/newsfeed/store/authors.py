"""Authors: linked to written articles (found or created in batches, enriched, counted by
deltas), read, and filled in by a profile lookup.

Authors are shared by (source, name) and get a slug unique across outlets ("jane-doe",
then "jane-doe-2" at another outlet). A later article may enrich an author: a non-empty
role, bio, avatar_url, url or email that differs from the stored one replaces it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import sqlalchemy as sa

from newsfeed.errors import NotFound
from newsfeed.model import Author, AuthorProfile, AuthorView
from newsfeed.store.counts import apply_deltas, chunks, unlink
from newsfeed.store.fastpath import fetch_rows
from newsfeed.store.ids import require
from newsfeed.store.rows import AUTHOR_COLUMNS, maker
from newsfeed.store.schema import article_authors, articles, authors, sources
from newsfeed.store.slugs import slugify, unique_slug

if TYPE_CHECKING:
    from newsfeed.store.writes import Written

ENRICHED = ("role", "bio", "avatar_url", "url", "email")  # a later article may change these
FILLABLE = ("role", "bio", "avatar_url", "url")  # a profile lookup fills these when empty


def clean_name(name: str) -> str:
    return " ".join(name.split())


# ── authors ──────────────────────────────────────────────────────────────────────────
def link_authors(
    conn: sa.Connection, source_id: int, written: Sequence[Written], replaced: list[int]
) -> None:
    deltas: Counter[int] = Counter()
    unlink(conn, article_authors, article_authors.c.author_id, replaced, deltas)
    wanted = _merged_authors(a for w in written for a in w.data.authors)
    if not wanted:
        apply_deltas(conn, authors, deltas)
        return
    ids = _resolve_authors(conn, source_id, wanted)
    rows = []
    for w in written:
        names = dict.fromkeys(clean_name(a.name) for a in w.data.authors if clean_name(a.name))
        for position, name in enumerate(names):
            rows.append(
                {
                    "article_id": w.article_id,
                    "author_id": ids[name],
                    "position": position,
                    "published_at": w.published_at,
                }
            )
            deltas[ids[name]] += 1
    conn.execute(sa.insert(article_authors), rows)
    apply_deltas(conn, authors, deltas)


def _merged_authors(found: Iterable[Author]) -> dict[str, dict[str, Any]]:
    """name → fields, the last non-empty value of each field winning."""
    out: dict[str, dict[str, Any]] = {}
    for author in found:
        name = clean_name(author.name)
        if not name:
            continue
        fields = out.setdefault(name, dict.fromkeys(ENRICHED))
        for key in ENRICHED:
            fields[key] = getattr(author, key) or fields[key]
    return out


def _resolve_authors(
    conn: sa.Connection, source_id: int, wanted: Mapping[str, Mapping[str, Any]]
) -> dict[str, int]:
    ids: dict[str, int] = {}
    changes = []
    for chunk in chunks(sorted(wanted)):
        query = sa.select(authors).where(
            authors.c.source_id == source_id, authors.c.name.in_(chunk)
        )
        for row in conn.execute(query):
            ids[row.name] = row.id
            change = {k: v for k, v in wanted[row.name].items() if v and v != getattr(row, k)}
            if change:
                changes.append((row.id, change))
    for author_id, change in changes:
        conn.execute(sa.update(authors).where(authors.c.id == author_id).values(change))
    missing = [name for name in wanted if name not in ids]
    if missing:
        ids.update(_insert_authors(conn, source_id, missing, wanted))
    return ids


def _insert_authors(
    conn: sa.Connection, source_id: int, names: list[str], wanted: Mapping[str, Mapping[str, Any]]
) -> dict[str, int]:
    bases = {name: slugify(name, fallback="author") for name in names}
    outlet = _outlet_slug(conn, source_id)
    firsts = {name: _first_choices(base, outlet, source_id) for name, base in bases.items()}
    used = _used(conn, [slug for choices in firsts.values() for slug in choices])
    taken: set[str] = set()
    rows = []
    for name in names:
        slug = next((s for s in firsts[name] if s not in used and s not in taken), None)
        if slug is None:  # all taken (rare): read the whole family, number it
            slug = unique_slug(bases[name], taken | _taken_slugs(conn, {bases[name]}))
        taken.add(slug)
        rows.append(
            {"source_id": source_id, "name": name, "slug": slug, "article_count": 0}
            | dict(wanted[name])
        )
    conn.execute(sa.insert(authors), rows)
    query = sa.select(authors.c.name, authors.c.id).where(authors.c.source_id == source_id)
    ids: dict[str, int] = {}
    for chunk in chunks(names):
        ids.update({r.name: r.id for r in conn.execute(query.where(authors.c.name.in_(chunk)))})
    return ids


def _first_choices(base: str, outlet: str, source_id: int) -> tuple[str, str, str]:
    """The slugs to try, in order: jane-doe, jane-doe-harbor-ledger, jane-doe-harbor-ledger-7
    (the source's id: an outlet without a title yet is named by its host, which other feeds
    may share, and "AP" or "Staff" write for hundreds of outlets)."""
    return base, f"{base}-{outlet}", f"{base}-{outlet}-{source_id}"


def _outlet_slug(conn: sa.Connection, source_id: int) -> str:
    """What tells two same-named authors apart: their outlet ("jane-doe-harbor-ledger")."""
    row = conn.execute(
        sa.select(sources.c.title, sources.c.url).where(sources.c.id == source_id)
    ).first()
    if row is None:
        return str(source_id)
    host = urlsplit(row.url).hostname or ""
    return slugify(row.title or host.removeprefix("www."), fallback=str(source_id))[:40]


def _used(conn: sa.Connection, slugs: list[str]) -> set[str]:
    query = sa.select(authors.c.slug).where(authors.c.slug.in_(slugs))
    return set(conn.execute(query).scalars())


def _taken_slugs(conn: sa.Connection, bases: set[str]) -> set[str]:
    taken: set[str] = set()
    for chunk in chunks(sorted(bases), 100):
        match = sa.or_(
            *(sa.or_(authors.c.slug == base, authors.c.slug.like(f"{base}-%")) for base in chunk)
        )
        taken.update(conn.execute(sa.select(authors.c.slug).where(match)).scalars())
    return taken


# ── reads ────────────────────────────────────────────────────────────────────────────
def _author_select() -> sa.Select[Any]:
    return sa.select(*AUTHOR_COLUMNS).outerjoin_from(
        authors, sources, sources.c.id == authors.c.source_id
    )


_BY_SLUG = _author_select().where(authors.c.slug == sa.bindparam("slug"))
_ALL = _author_select().order_by(authors.c.name, authors.c.id)


def get_author(conn: sa.Connection, slug: str) -> AuthorView:
    names, rows = fetch_rows(conn, _BY_SLUG, {"slug": slug})
    if not rows:
        raise NotFound(f"no author {slug!r}")
    return maker(AuthorView, names)(rows[0])


def list_authors(conn: sa.Connection) -> list[AuthorView]:
    names, rows = fetch_rows(conn, _ALL, {})
    make = maker(AuthorView, names)
    return [make(row) for row in rows]


# ── profile lookups ──────────────────────────────────────────────────────────────────
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
        _author_select()
        .add_columns(article_url.label("article_url"))
        .where(
            authors.c.bio.is_(None),
            sa.or_(authors.c.profile_checked_at.is_(None), authors.c.profile_checked_at < due),
            sa.or_(authors.c.url.is_not(None), article_url.is_not(None)),
        )
        .order_by(authors.c.id.desc())
        .limit(limit)
    )
    result = conn.execute(query)
    make = maker(AuthorView, tuple(result.keys())[:-1])
    return [(make(row[:-1]), row[-1]) for row in result]


def fill_profile(
    conn: sa.Connection, author_id: int, found: AuthorProfile, checked_at: datetime
) -> None:
    """Fill only the empty fields: what the feed or the article page said is kept."""
    require(author_id, "author")
    row = conn.execute(sa.select(authors).where(authors.c.id == author_id)).first()
    if row is None:
        raise NotFound(f"no author with id {author_id}")
    values: dict[str, Any] = {"profile_checked_at": checked_at}
    for name in FILLABLE:
        value = getattr(found, name)
        if value and not getattr(row, name):
            values[name] = value
    conn.execute(sa.update(authors).where(authors.c.id == author_id).values(values))
