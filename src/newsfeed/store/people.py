"""Authors and tags of written articles: find or create them in batches, enrich authors,
(re)write the link rows and keep the article counts current by deltas.

Authors are shared by (source, name) and get a slug unique across outlets ("jane-doe",
then "jane-doe-2" at another outlet). A later article may enrich an author: a non-empty
role, bio, avatar_url, url or email that differs from the stored one replaces it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from newsfeed.model import Author
from newsfeed.store.counts import chunks
from newsfeed.store.schema import article_authors, article_tags, authors, sources, tags
from newsfeed.store.slugs import slugify, unique_slug

if TYPE_CHECKING:
    from newsfeed.store.writes import Written

ENRICHED = ("role", "bio", "avatar_url", "url", "email")


def clean_name(name: str) -> str:
    return " ".join(name.split())


# ── authors ──────────────────────────────────────────────────────────────────────────
def link_authors(
    conn: sa.Connection, source_id: int, written: Sequence[Written], replaced: list[int]
) -> None:
    deltas: Counter[int] = Counter()
    _unlink(conn, article_authors, article_authors.c.author_id, replaced, deltas)
    wanted = _merged_authors(a for w in written for a in w.data.authors)
    if not wanted:
        _apply_deltas(conn, authors, deltas)
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
    _apply_deltas(conn, authors, deltas)


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


# ── tags ─────────────────────────────────────────────────────────────────────────────
def link_tags(conn: sa.Connection, written: Sequence[Written], replaced: list[int]) -> None:
    deltas: Counter[int] = Counter()
    _unlink(conn, article_tags, article_tags.c.tag_id, replaced, deltas)
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
    _apply_deltas(conn, tags, deltas)


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


# ── shared ───────────────────────────────────────────────────────────────────────────
def _unlink(
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


def _apply_deltas(conn: sa.Connection, table: sa.Table, deltas: Counter[int]) -> None:
    rows = [{"b_id": key, "b_delta": n} for key, n in sorted(deltas.items()) if n]
    if rows:
        query = (
            sa.update(table)
            .where(table.c.id == sa.bindparam("b_id"))
            .values(article_count=table.c.article_count + sa.bindparam("b_delta"))
        )
        conn.execute(query, rows)
