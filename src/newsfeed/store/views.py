"""Rows → the read-side dataclasses (ArticleView, AuthorView, TagView, Source).

Article rows come in two shapes. A *list* row has what a list item shows (no `text`, no
`field_sources`: those stay in the database); a *detail* row has every column. Both carry
the source's title and site URL and the lead image (a LEFT JOIN: `images` has at most one
row per article). A page of articles therefore costs its own query plus one query for the
page's authors and one for its tags, never one per article. The statements for the related
rows are built once and bound with the page's ids."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
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

LIST_COLUMNS: tuple[sa.ColumnElement[Any], ...] = (
    *(c for c in articles.c if c.name not in ("text", "field_sources")),
    sources.c.title.label("source_title"),
    sources.c.site_url.label("source_site_url"),
    images.c.url.label("image_url"),
    images.c.caption.label("image_caption"),
    images.c.credit.label("image_credit"),
    images.c.alt.label("image_alt"),
    images.c.width.label("image_width"),
    images.c.height.label("image_height"),
)
DETAIL_COLUMNS = (*LIST_COLUMNS, articles.c.text, articles.c.field_sources)


def article_select(columns: Sequence[sa.ColumnElement[Any]] = LIST_COLUMNS) -> sa.Select[Any]:
    """Articles with their source and lead image; add filters, order and limit."""
    joined = articles.join(sources, sources.c.id == articles.c.source_id).outerjoin(
        images, images.c.article_id == articles.c.id
    )
    return sa.select(*columns).select_from(joined)


def article_views(conn: sa.Connection, rows: Sequence[sa.Row[Any]]) -> list[ArticleView]:
    """ArticleViews for rows of `article_select`, with their authors and tags (two queries
    for the whole page). List rows give `text=""` and `field_sources=()`."""
    if not rows:
        return []
    names = rows[0]._fields
    records = [dict(zip(names, row, strict=True)) for row in rows]  # dict lookups are cheap
    ids = [record["id"] for record in records]
    by_author = _authors(conn, ids)
    by_tag = _tags(conn, ids)
    return [_article(r, by_author.get(r["id"], ()), by_tag.get(r["id"], ())) for r in records]


def _article(
    r: dict[str, Any], author_views: Sequence[AuthorView], tag_views: Sequence[TagView]
) -> ArticleView:
    return ArticleView(
        id=r["id"],
        source_id=r["source_id"],
        source_title=r["source_title"],
        source_site_url=r["source_site_url"],
        guid=r["guid"],
        url=r["url"],
        title=r["title"],
        slug=r["slug"],
        dek=r["dek"],
        content_html=r["content_html"],
        text=r.get("text", ""),
        language=r["language"],
        published_at=r["published_at"],
        updated_at=r["updated_at"],
        fetched_at=r["fetched_at"],
        word_count=r["word_count"],
        reading_minutes=r["reading_minutes"],
        image=_image(r),
        authors=tuple(author_views),
        tags=tuple(tag_views),
        revision_count=r["revision_count"],
        field_sources=_field_sources(r.get("field_sources")),
        extraction_error=r["extraction_error"],
    )


def _image(r: dict[str, Any]) -> Image | None:
    if r["image_url"] is None:
        return None
    return Image(
        r["image_url"],
        r["image_caption"],
        r["image_credit"],
        r["image_alt"],
        r["image_width"],
        r["image_height"],
    )


def _field_sources(value: Any) -> tuple[tuple[str, str], ...]:
    return tuple((str(k), str(v)) for k, v in value or ())


def author_columns() -> tuple[Any, ...]:
    return (*authors.c, sources.c.title.label("source_title"))


_IDS: sa.BindParameter[int] = sa.bindparam("ids", expanding=True)

_AUTHORS_OF: sa.Select[Any] = (
    sa.select(article_authors.c.article_id, *author_columns())
    .join_from(article_authors, authors, authors.c.id == article_authors.c.author_id)
    .outerjoin(sources, sources.c.id == authors.c.source_id)
    .where(article_authors.c.article_id.in_(_IDS))
    .order_by(article_authors.c.article_id, article_authors.c.position)
)

_TAGS_OF = (
    sa.select(article_tags.c.article_id, tags.c.slug, tags.c.name, tags.c.article_count)
    .join_from(article_tags, tags, tags.c.id == article_tags.c.tag_id)
    .where(article_tags.c.article_id.in_(_IDS))
    .order_by(article_tags.c.article_id, tags.c.slug)
)


def _authors(conn: sa.Connection, ids: list[int]) -> dict[int, list[AuthorView]]:
    """Article id → its authors in byline order; one AuthorView per distinct author."""
    out: dict[int, list[AuthorView]] = defaultdict(list)
    built: dict[int, AuthorView] = {}
    for row in conn.execute(_AUTHORS_OF, {"ids": ids}).all():
        view = built.get(row.id)
        if view is None:
            view = built[row.id] = author_view(row)
        out[row.article_id].append(view)
    return out


def _tags(conn: sa.Connection, ids: list[int]) -> dict[int, list[TagView]]:
    """Article id → its tags by slug; one TagView per distinct tag."""
    out: dict[int, list[TagView]] = defaultdict(list)
    built: dict[str, TagView] = {}
    for article_id, slug, name, count in conn.execute(_TAGS_OF, {"ids": ids}).all():
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
        RevisionView(r.id, r.title, r.text, r.content_hash, r.recorded_at)
        for r in conn.execute(_REVISIONS_OF, {"article_id": article_id}).all()
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
