"""Rows → the read-side records (model.py), by column name.

Every column a read selects is labelled with the name of the record field it fills (the
lead image's six columns are `image_url` … `image_height`). A `Maker` matches names to
fields once per statement, then builds each record with one tuple lookup: a page builds 30
of these per request, and going through a dict per row cost a tenth of a page's time."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import fields
from operator import itemgetter
from typing import Any, Generic, TypeVar

import sqlalchemy as sa

from newsfeed.model import (
    ArticleItem,
    ArticleSummary,
    ArticleView,
    AuthorView,
    Image,
    RevisionView,
    Source,
)
from newsfeed.store.schema import (
    article_revisions,
    articles,
    authors,
    images,
    sources,
    stories,
    tags,
)

R = TypeVar("R")

IMAGE_PARTS = ("url", "caption", "credit", "alt", "width", "height")  # Image's fields
IMAGE_COLUMNS: tuple[sa.ColumnElement[Any], ...] = tuple(
    images.c[part].label(f"image_{part}") for part in IMAGE_PARTS
)
SUMMARY_COLUMNS: tuple[sa.ColumnElement[Any], ...] = (
    articles.c.id,
    articles.c.source_id,
    sources.c.title.label("source_title"),
    sources.c.site_url.label("source_site_url"),
    articles.c.url,
    articles.c.title,
    articles.c.slug,
    articles.c.dek,
    articles.c.language,
    articles.c.published_at,
    articles.c.updated_at,
    articles.c.fetched_at,
    articles.c.word_count,
    articles.c.reading_minutes,
    *IMAGE_COLUMNS,
    articles.c.revision_count,
    articles.c.story_id,
    # the story's outlets (`lists.article_select` joins the story by its primary key)
    sa.func.coalesce(stories.c.outlet_count, sa.literal_column("0")).label("story_outlets"),
    articles.c.duplicate_of,
)
ITEM_COLUMNS = (*SUMMARY_COLUMNS, articles.c.guid, articles.c.content_html)
VIEW_COLUMNS = (
    *ITEM_COLUMNS,
    articles.c.text,
    articles.c.field_sources,
    articles.c.extraction_error,
)
COLUMNS: dict[type[ArticleSummary], tuple[sa.ColumnElement[Any], ...]] = {
    ArticleSummary: SUMMARY_COLUMNS,
    ArticleItem: ITEM_COLUMNS,
    ArticleView: VIEW_COLUMNS,
}
AUTHOR_COLUMNS: tuple[sa.ColumnElement[Any], ...] = tuple(
    sources.c.title.label("source_title") if f.name == "source_title" else authors.c[f.name]
    for f in fields(AuthorView)
)
SOURCE_COLUMNS: tuple[sa.ColumnElement[Any], ...] = tuple(sources.c[f.name] for f in fields(Source))
TAG_COLUMNS: tuple[sa.ColumnElement[Any], ...] = (tags.c.slug, tags.c.name, tags.c.article_count)
REVISION_COLUMNS: tuple[sa.ColumnElement[Any], ...] = tuple(
    article_revisions.c[f.name] for f in fields(RevisionView)
)

# Fields no column fills: they are built from other columns or from other queries.
_IMAGE = "image"
_CONVERT: dict[str, Callable[[Any], Any]] = {
    "field_sources": lambda v: tuple((str(k), str(w)) for k, w in v) if v else (),
}


class Maker(Generic[R]):
    """Builds `cls` records from rows with the column `names`, plus `extra` values given
    per row for the fields no column fills (e.g. an article's authors), in that order."""

    def __init__(self, cls: type[R], names: Sequence[str], extra: Sequence[str] = ()) -> None:
        wanted = [f.name for f in fields(cls)]  # type: ignore[arg-type]
        width = len(names)
        position = {name: i for i, name in enumerate(names)}
        position[_IMAGE] = width
        position.update({name: width + 1 + i for i, name in enumerate(extra)})
        missing = [name for name in wanted if name not in position]
        if missing:
            raise TypeError(f"no column for {cls.__name__}.{', '.join(missing)}")
        self.cls = cls
        self.pick = itemgetter(*(position[name] for name in wanted))
        image = [position.get(f"image_{part}") for part in IMAGE_PARTS]
        self.image = itemgetter(*image) if None not in image else None
        self.convert = tuple((wanted.index(n), f) for n, f in _CONVERT.items() if n in wanted)

    def __call__(self, row: Sequence[Any], *extra: Any) -> R:
        image = None
        if self.image is not None:
            parts = self.image(row)
            image = Image(*parts) if parts[0] else None
        values = self.pick((*row, image, *extra))
        if self.convert:
            values = list(values)
            for index, convert in self.convert:
                values[index] = convert(values[index])
        return self.cls(*values)


_MAKERS: dict[tuple[type[Any], tuple[str, ...], tuple[str, ...]], Maker[Any]] = {}


def maker(cls: type[R], names: tuple[str, ...], extra: tuple[str, ...] = ()) -> Maker[R]:
    """The Maker for these columns, built once."""
    key = (cls, names, extra)
    found: Maker[R] | None = _MAKERS.get(key)
    if found is None:
        found = _MAKERS[key] = Maker(cls, names, extra)
    return found


def names_of(columns: Sequence[sa.ColumnElement[Any]]) -> tuple[str, ...]:
    return tuple(sa.select(*columns).selected_columns.keys())
