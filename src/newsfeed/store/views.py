"""Rows → the read-side dataclasses (ArticleView, AuthorView, TagView, Source). Related rows
(image, authors, tags) are loaded for a whole page at once: three queries per page, never
one per article."""

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

ARTICLE_COLUMNS = (
    *articles.c,
    sources.c.title.label("source_title"),
    sources.c.site_url.label("source_site_url"),
)


def article_select() -> sa.Select[Any]:
    """Articles with their source's title and site URL; add filters, order and limit."""
    return sa.select(*ARTICLE_COLUMNS).join_from(
        articles, sources, sources.c.id == articles.c.source_id
    )


def article_views(conn: sa.Connection, rows: Sequence[sa.Row[Any]]) -> list[ArticleView]:
    ids = [row.id for row in rows]
    if not ids:
        return []
    imgs = _images(conn, ids)
    by_author = _authors(conn, ids)
    by_tag = _tags(conn, ids)
    return [
        _article(row, imgs.get(row.id), by_author.get(row.id, ()), by_tag.get(row.id, ()))
        for row in rows
    ]


def _article(
    row: sa.Row[Any],
    image: Image | None,
    author_views: Sequence[AuthorView],
    tag_views: Sequence[TagView],
) -> ArticleView:
    return ArticleView(
        id=row.id,
        source_id=row.source_id,
        source_title=row.source_title,
        source_site_url=row.source_site_url,
        guid=row.guid,
        url=row.url,
        title=row.title,
        slug=row.slug,
        dek=row.dek,
        content_html=row.content_html,
        text=row.text,
        language=row.language,
        published_at=row.published_at,
        updated_at=row.updated_at,
        fetched_at=row.fetched_at,
        word_count=row.word_count,
        reading_minutes=row.reading_minutes,
        image=image,
        authors=tuple(author_views),
        tags=tuple(tag_views),
        revision_count=row.revision_count,
        field_sources=tuple((str(k), str(v)) for k, v in row.field_sources or ()),
        extraction_error=row.extraction_error,
    )


def _images(conn: sa.Connection, ids: list[int]) -> dict[int, Image]:
    query = sa.select(images).where(images.c.article_id.in_(ids))
    return {
        r.article_id: Image(r.url, r.caption, r.credit, r.alt, r.width, r.height)
        for r in conn.execute(query)
    }


def _authors(conn: sa.Connection, ids: list[int]) -> dict[int, list[AuthorView]]:
    query = (
        sa.select(article_authors.c.article_id, *author_columns())
        .join_from(article_authors, authors, authors.c.id == article_authors.c.author_id)
        .outerjoin(sources, sources.c.id == authors.c.source_id)
        .where(article_authors.c.article_id.in_(ids))
        .order_by(article_authors.c.article_id, article_authors.c.position)
    )
    out: dict[int, list[AuthorView]] = defaultdict(list)
    for row in conn.execute(query):
        out[row.article_id].append(author_view(row))
    return out


def _tags(conn: sa.Connection, ids: list[int]) -> dict[int, list[TagView]]:
    query = (
        sa.select(article_tags.c.article_id, tags.c.slug, tags.c.name, tags.c.article_count)
        .join_from(article_tags, tags, tags.c.id == article_tags.c.tag_id)
        .where(article_tags.c.article_id.in_(ids))
        .order_by(article_tags.c.article_id, tags.c.slug)
    )
    out: dict[int, list[TagView]] = defaultdict(list)
    for row in conn.execute(query):
        out[row.article_id].append(TagView(row.slug, row.name, row.article_count))
    return out


def revisions(conn: sa.Connection, article_id: int) -> tuple[RevisionView, ...]:
    query = (
        sa.select(article_revisions)
        .where(article_revisions.c.article_id == article_id)
        .order_by(article_revisions.c.id.desc())
    )
    return tuple(
        RevisionView(r.id, r.title, r.text, r.content_hash, r.recorded_at)
        for r in conn.execute(query)
    )


def author_columns() -> tuple[Any, ...]:
    return (*authors.c, sources.c.title.label("source_title"))


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
