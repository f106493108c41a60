"""Rows → the read-side dataclasses (ArticleView, AuthorView, TagView, Source).

Article rows come in two shapes. A *list* row has what a list item shows (no `text`, no
`field_sources`: those stay in the database); a *detail* row has every column. Both carry
the source's title and site URL and the lead image (a LEFT JOIN: `images` has at most one
row per article). A page of articles therefore costs its own query plus one query for the
page's authors and one for its tags, never one per article. The statements for the related
rows are built once and bound with the page's ids."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from newsfeed.model import ArticleView, AuthorView, Image, RevisionView, Source, TagView
from newsfeed.store.schema import (
    article_authors,
    article_revisions,
    article_tags,
    articles,
    authors,
    images,
    sources,
    tags,
)
from newsfeed.store.types import UTCDateTime

# The columns of an article read, in the order `_article` unpacks them: ArticleView's own
# order where a column maps to one field. List rows stop before `text` and `field_sources`.
LIST_COLUMNS: tuple[sa.ColumnElement[Any], ...] = (
    articles.c.id,
    articles.c.source_id,
    sources.c.title.label("source_title"),
    sources.c.site_url.label("source_site_url"),
    articles.c.guid,
    articles.c.url,
    articles.c.title,
    articles.c.slug,
    articles.c.dek,
    articles.c.content_html,
    articles.c.language,
    articles.c.published_at,
    articles.c.updated_at,
    articles.c.fetched_at,
    articles.c.word_count,
    articles.c.reading_minutes,
    images.c.url.label("image_url"),
    images.c.caption.label("image_caption"),
    images.c.credit.label("image_credit"),
    images.c.alt.label("image_alt"),
    images.c.width.label("image_width"),
    images.c.height.label("image_height"),
    articles.c.revision_count,
    articles.c.extraction_error,
)
DETAIL_COLUMNS = (*LIST_COLUMNS, articles.c.text, articles.c.field_sources)
# The same, with an empty body in place of content_html: for list pages that never show it.
LEAN_COLUMNS = tuple(
    sa.literal_column("''", sa.Text).label("content_html") if c is articles.c.content_html else c
    for c in LIST_COLUMNS
)
LIST_WIDTH = len(LIST_COLUMNS)


def article_select(columns: Sequence[sa.ColumnElement[Any]] = LIST_COLUMNS) -> sa.Select[Any]:
    """Articles with their source and lead image; add filters, order and limit."""
    joined = articles.join(sources, sources.c.id == articles.c.source_id).outerjoin(
        images, images.c.article_id == articles.c.id
    )
    return sa.select(*columns).select_from(joined)


def article_views(conn: sa.Connection, rows: Sequence[Sequence[Any]]) -> list[ArticleView]:
    """ArticleViews for rows that start with LIST_COLUMNS (columns added after them are
    ignored), with their authors and tags: two queries for the whole page."""
    return article_views_of(conn, [row[:LIST_WIDTH] for row in rows])


def article_views_of(conn: sa.Connection, rows: Sequence[Sequence[Any]]) -> list[ArticleView]:
    """ArticleViews for rows of LIST_COLUMNS or DETAIL_COLUMNS, as `fetch_rows` gives them
    (list rows give `text=""` and `field_sources=()`)."""
    if not rows:
        return []
    ids = [row[0] for row in rows]
    by_author = _authors(conn, ids)
    by_tag = _tags(conn, ids)
    return [_article(row, by_author.get(row[0], ()), by_tag.get(row[0], ())) for row in rows]


def lean_views(rows: Sequence[Sequence[Any]]) -> list[ArticleView]:
    """ArticleViews for rows that start with LEAN_COLUMNS (columns added after them are
    ignored): no authors or tags, no queries."""
    return [_article(row[:LIST_WIDTH], (), ()) for row in rows]


def _article(
    row: Sequence[Any], author_views: Sequence[AuthorView], tag_views: Sequence[TagView]
) -> ArticleView:
    """One view from one row, positionally: a page builds 30 of these per request, and
    slicing a tuple costs far less than going through a dict per row. The row's columns
    are ArticleView's fields in order (id … content_html, language … reading_minutes),
    then the image's six, revision_count, extraction_error; `text` and `field_sources`
    come last, on article pages only."""
    text, field_sources = row[LIST_WIDTH:] or ("", None)
    image_url, caption, credit, alt, width, height = row[16:22]
    return ArticleView(
        id=row[0],
        source_id=row[1],
        source_title=row[2],
        source_site_url=row[3],
        guid=row[4],
        url=row[5],
        title=row[6],
        slug=row[7],
        dek=row[8],
        content_html=row[9],
        text=text,
        language=row[10],
        published_at=row[11],
        updated_at=row[12],
        fetched_at=row[13],
        word_count=row[14],
        reading_minutes=row[15],
        image=Image(image_url, caption, credit, alt, width, height) if image_url else None,
        authors=tuple(author_views),
        tags=tuple(tag_views),
        revision_count=row[22],
        field_sources=_field_sources(field_sources),
        extraction_error=row[23],
    )


def _field_sources(value: Any) -> tuple[tuple[str, str], ...]:
    return tuple((str(k), str(v)) for k, v in value) if value else ()


def author_columns() -> tuple[Any, ...]:
    return (*authors.c, sources.c.title.label("source_title"))


IDS: sa.BindParameter[int] = sa.bindparam("ids", expanding=True)

AUTHOR_FIELDS: tuple[sa.ColumnElement[Any], ...] = tuple(  # AuthorView's fields, in order
    sources.c.title.label("source_title") if f.name == "source_title" else authors.c[f.name]
    for f in fields(AuthorView)
)
SOURCE_FIELDS: tuple[sa.ColumnElement[Any], ...] = tuple(sources.c[f.name] for f in fields(Source))

_AUTHORS_OF: sa.Select[Any] = (  # article_id, then AuthorView's fields in order
    sa.select(article_authors.c.article_id, *AUTHOR_FIELDS)
    .join_from(article_authors, authors, authors.c.id == article_authors.c.author_id)
    .outerjoin(sources, sources.c.id == authors.c.source_id)
    .where(article_authors.c.article_id.in_(IDS))
    .order_by(article_authors.c.article_id, article_authors.c.position)
)

_TAGS_OF = (
    sa.select(article_tags.c.article_id, tags.c.slug, tags.c.name, tags.c.article_count)
    .join_from(article_tags, tags, tags.c.id == article_tags.c.tag_id)
    .where(article_tags.c.article_id.in_(IDS))
    .order_by(article_tags.c.article_id, tags.c.slug)
)


def _authors(conn: sa.Connection, ids: list[int]) -> dict[int, list[AuthorView]]:
    """Article id → its authors in byline order; one AuthorView per distinct author."""
    out: dict[int, list[AuthorView]] = defaultdict(list)
    built: dict[int, AuthorView] = {}
    for article_id, *values in fetch_rows(conn, _AUTHORS_OF, {"ids": ids})[1]:
        view = built.get(values[0])
        if view is None:
            view = built[values[0]] = AuthorView(*values)
        out[article_id].append(view)
    return out


def _tags(conn: sa.Connection, ids: list[int]) -> dict[int, list[TagView]]:
    """Article id → its tags by slug; one TagView per distinct tag."""
    out: dict[int, list[TagView]] = defaultdict(list)
    built: dict[str, TagView] = {}
    for article_id, slug, name, count in fetch_rows(conn, _TAGS_OF, {"ids": ids})[1]:
        view = built.get(slug)
        if view is None:
            view = built[slug] = TagView(slug, name, count)
        out[article_id].append(view)
    return out


_REVISIONS_OF = (
    sa.select(article_revisions)
    .where(article_revisions.c.article_id == sa.bindparam("article_id"))
    .order_by(article_revisions.c.id.desc())
)


def revisions(conn: sa.Connection, article_id: int) -> tuple[RevisionView, ...]:
    """Earlier versions, newest first, with their text (the article page shows a diff)."""
    return tuple(
        RevisionView(r["id"], r["title"], r["text"], r["content_hash"], r["recorded_at"])
        for r in fetch(conn, _REVISIONS_OF, {"article_id": article_id})
    )


def author_view(row: sa.Row[Any]) -> AuthorView:
    return AuthorView(
        id=row.id,
        slug=row.slug,
        name=row.name,
        role=row.role,
        bio=row.bio,
        avatar_url=row.avatar_url,
        url=row.url,
        source_id=row.source_id,
        source_title=row.source_title,
        article_count=row.article_count,
    )


def tag_view(row: sa.Row[Any]) -> TagView:
    return TagView(row.slug, row.name, row.article_count)


def source_view(row: sa.Row[Any]) -> Source:
    return Source(
        id=row.id,
        url=row.url,
        kind=row.kind,
        title=row.title,
        site_url=row.site_url,
        full_text=row.full_text,
        enabled=bool(row.enabled),
        etag=row.etag,
        last_modified=row.last_modified,
        last_fetched_at=row.last_fetched_at,
        last_success_at=row.last_success_at,
        next_fetch_at=row.next_fetch_at,
        error_count=row.error_count,
        last_error_code=row.last_error_code,
        last_error=row.last_error,
        article_count=row.article_count,
        created_at=row.created_at,
    )


# ── the hot read path: statements compiled once, run on the driver's own cursor ─────────
@dataclass(frozen=True, slots=True)
class _Prepared:
    sql: str
    order: tuple[str, ...] | None  # parameter order for a positional driver (SQLite)
    defaults: dict[str, Any]  # e.g. SQLite's OFFSET 0
    names: tuple[str, ...]  # result columns
    id_names: tuple[str, ...]  # the expanded `ids` parameters
    convert: tuple[tuple[int, Any], ...]  # (column index, value converter)
    statement: sa.Select[Any]  # what it was made from: kept alive, so its id stays its own


# Keyed by the statement's id(); each entry holds its statement, so no other statement can
# be given that id while the entry exists (two threads building the same cached statement
# at once could otherwise leave an entry for one that is then freed).
_PREPARED: dict[tuple[int, str, int], _Prepared] = {}


def fetch(
    conn: sa.Connection, statement: sa.Select[Any], params: dict[str, Any]
) -> list[dict[str, Any]]:
    """Rows of `statement` as dicts keyed by column name (see `fetch_rows`)."""
    names, rows = fetch_rows(conn, statement, params)
    return [dict(zip(names, row, strict=True)) for row in rows]


def fetch_rows(
    conn: sa.Connection, statement: sa.Select[Any], params: dict[str, Any], snapshot: bool = True
) -> tuple[tuple[str, ...], list[Sequence[Any]]]:
    """The column names and rows of `statement`, with the values our column types would
    give (aware UTC datetimes, parsed JSON, bools) but without SQLAlchemy's per-call and
    per-row work: the SQL is compiled once per dialect (and per length of an expanding
    `ids` list) and runs on the DBAPI cursor inside the connection's transaction. Driver
    errors surface as SQLAlchemy's (so `translated` still names the database).
    `snapshot=False` is for a read that is one statement: it then runs without our BEGIN
    (a statement always sees one snapshot), which over SQLite saves a BEGIN through
    SQLAlchemy: ~25 µs of the ~0.29 ms of `list_articles(lean=True)`. (psycopg opens its
    own transaction either way; the pool's rollback ends it.)"""
    ids = params.pop("ids", None)
    key = (id(statement), conn.dialect.name, -1 if ids is None else len(ids))
    prepared = _PREPARED.get(key)
    if prepared is None or prepared.statement is not statement:
        prepared = _prepare(key, statement, conn.dialect, ids)
    values = {**prepared.defaults, **params}
    if ids is not None:
        values.update(zip(prepared.id_names, ids, strict=True))
    for name, value in values.items():
        if isinstance(value, datetime):
            values[name] = _bind_time(value, conn.dialect.name)
    bound: Any = values if prepared.order is None else tuple(values[n] for n in prepared.order)
    if snapshot and not conn.in_transaction():
        conn.begin()  # BEGIN: one snapshot for the page and its authors and tags
    rows: list[Sequence[Any]] = _execute(conn, prepared.sql, bound)
    if prepared.convert:
        rows = [_converted(row, prepared.convert) for row in rows]
    return prepared.names, rows


def _converted(row: Sequence[Any], convert: tuple[tuple[int, Any], ...]) -> list[Any]:
    values = list(row)
    for index, conv in convert:
        if values[index] is not None:
            values[index] = conv(values[index])
    return values


def _execute(conn: sa.Connection, sql: str, bound: Any) -> list[Sequence[Any]]:
    dbapi = conn.dialect.loaded_dbapi
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql, bound)
        rows: list[Sequence[Any]] = cursor.fetchall()
    except dbapi.Error as exc:
        raise sa.exc.DBAPIError.instance(sql, bound, exc, dbapi.Error) from exc
    finally:
        cursor.close()
    return rows


def _prepare(
    key: tuple[int, str, int], original: sa.Select[Any], dialect: sa.Dialect, ids: Any
) -> _Prepared:
    statement = original.params(ids=list(ids)) if ids is not None else original
    compiled = statement.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
    fixed = {} if ids is not None else compiled.construct_params(_check=False)
    defaults = {k: v for k, v in fixed.items() if v is not None}  # the ids are bound per call
    convert = tuple(
        (i, _converter(column.type))
        for i, column in enumerate(statement.selected_columns)
        if _converter(column.type) is not None
    )
    prepared = _PREPARED[key] = _Prepared(
        compiled.string,
        tuple(compiled.positiontup or ()) if compiled.positional else None,
        defaults,
        tuple(statement.selected_columns.keys()),
        tuple(f"ids_{i}" for i in range(1, len(ids) + 1)) if ids is not None else (),
        convert,
        original,
    )
    return prepared


def _converter(column_type: Any) -> Any:
    if isinstance(column_type, UTCDateTime):
        return _utc
    if isinstance(column_type, sa.JSON):
        return _json
    if isinstance(column_type, sa.Boolean):
        return bool
    return None


def _utc(value: datetime | str) -> datetime:
    """SQLite stores naive UTC text; PostgreSQL gives aware datetimes in the session zone."""
    if isinstance(value, str):
        return datetime.fromisoformat(value + "+00:00")  # tzinfo is then UTC itself
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


def _bind_time(value: datetime, dialect: str) -> Any:
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    if dialect == "sqlite":  # the text format SQLAlchemy's SQLite DateTime stores
        return f"{value:%Y-%m-%d %H:%M:%S.%f}"
    return value.replace(tzinfo=UTC)
