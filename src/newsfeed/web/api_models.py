"""The JSON shapes of the API (pydantic, so that FastAPI documents them in OpenAPI), built
from the store's dataclasses."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from newsfeed.model import (
    ArticleItem,
    ArticleView,
    AuthorView,
    Image,
    SearchHit,
    Source,
    StoryView,
    TagView,
)
from newsfeed.web.marks import mark_html
from newsfeed.web.views import StoryPage, article_path


class Problem(BaseModel):
    type: str
    title: str
    status: int
    detail: str
    code: str | None = None
    instance: str | None = None


class ImageOut(BaseModel):
    url: str
    caption: str | None = None
    credit: str | None = None
    alt: str | None = None
    width: int | None = None
    height: int | None = None


class AuthorOut(BaseModel):
    slug: str
    name: str
    role: str | None = None
    bio: str | None = None
    avatar_url: str | None = None
    url: str | None = None
    source_id: int | None = None
    source_title: str | None = None
    article_count: int = 0
    page_url: str


class TagOut(BaseModel):
    slug: str
    name: str
    article_count: int = 0


class RevisionOut(BaseModel):
    title: str
    text: str
    recorded_at: datetime


class StoryRefOut(BaseModel):
    id: int
    outlet_count: int = Field(description="Outlets covering the story")
    page_url: str
    api_url: str


class ArticleOut(BaseModel):
    id: int
    source_id: int
    source_title: str | None
    title: str
    dek: str | None
    url: str | None
    page_url: str
    language: str | None
    published_at: datetime
    updated_at: datetime | None
    word_count: int
    reading_minutes: int
    image: ImageOut | None
    authors: list[AuthorOut]
    tags: list[TagOut]
    revision_count: int
    story: StoryRefOut | None = Field(None, description="The story of its event, once grouped")
    duplicate_of: int | None = Field(None, description="The article it is a near-copy of")


class ArticleDetail(ArticleOut):
    content_html: str
    text: str
    revisions: list[RevisionOut]


class ArticlePage(BaseModel):
    items: list[ArticleOut]
    next_cursor: str | None


class SearchHitOut(BaseModel):
    article: ArticleOut
    snippet_html: str = Field(description="The snippet as HTML: escaped, matches in <mark>")
    rank: float
    snippet: str = Field("", description="The snippet as plain text")
    highlights: list[tuple[int, int]] = Field(
        default_factory=list, description="[start, end) offsets of the matches in `snippet`"
    )


class SearchPage(BaseModel):
    items: list[SearchHitOut]
    next_cursor: str | None


class StoryOut(BaseModel):
    id: int
    title: str = Field(description="The representative headline")
    first_seen: datetime
    last_seen: datetime
    article_count: int
    outlet_count: int
    recent_outlets: int = Field(0, description="Outlets in the ranking window (top stories)")
    page_url: str
    api_url: str


class AttributionOut(BaseModel):
    source: str = Field(description="Who the claim is attributed to, as written")
    cue: str = Field(description="according_to, reported, said, told, citing, claims_by")
    sentence: str


class NameOut(BaseModel):
    text: str
    kind: Literal["person", "place", "org"] | str
    mentions: int


class TimelineOut(BaseModel):
    article_id: int
    source_id: int
    source_title: str | None
    title: str
    url: str | None
    page_url: str
    published_at: datetime
    first: bool = Field(description="The first report of the story")
    update: bool = Field(description="A later report of an outlet that covered it already")
    duplicate_of: int | None
    attributions: list[AttributionOut]


class StoryDetail(StoryOut):
    summary: str
    dek: str | None
    image: ImageOut | None
    names: list[NameOut]
    timeline: list[TimelineOut] = Field(description="Oldest first")


class SourceOut(BaseModel):
    id: int
    url: str
    kind: Literal["feed", "page"]
    title: str | None
    site_url: str | None
    full_text: Literal["auto", "always", "never"]
    enabled: bool
    last_fetched_at: datetime | None
    last_success_at: datetime | None
    next_fetch_at: datetime | None
    error_count: int
    last_error_code: str | None
    last_error: str | None
    article_count: int


class SourceChange(BaseModel):
    """Only the fields given change."""

    title: str | None = Field(default=None, min_length=1, max_length=500)
    full_text: Literal["auto", "always", "never"] | None = None
    enabled: bool | None = Field(default=None, description="false pauses fetching")


class NewSource(BaseModel):
    url: str = Field(min_length=1, max_length=2048, description="Feed or page URL")
    kind: Literal["feed", "page"] = "feed"
    full_text: Literal["auto", "always", "never"] = "auto"
    title: str | None = Field(default=None, max_length=500)


class RefreshOut(BaseModel):
    source_id: int
    url: str
    ok: bool
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    not_modified: bool = False
    error_code: str | None = None
    error_message: str | None = None


def _fields(record: object, model: type[BaseModel]) -> dict[str, Any]:
    """The attributes of `record` that `model` has fields for, by name."""
    return {name: getattr(record, name) for name in model.model_fields if hasattr(record, name)}


def image_out(image: Image | None) -> ImageOut | None:
    return None if image is None else ImageOut(**_fields(image, ImageOut))


def author_out(a: AuthorView) -> AuthorOut:
    return AuthorOut(**_fields(a, AuthorOut), page_url=f"/authors/{a.slug}")


def tag_out(t: TagView) -> TagOut:
    return TagOut(**_fields(t, TagOut))


def _story_ref(a: ArticleItem) -> StoryRefOut | None:
    if a.story_id is None:
        return None
    return StoryRefOut(
        id=a.story_id,
        outlet_count=a.story_outlets,
        page_url=f"/stories/{a.story_id}",
        api_url=f"/api/v1/stories/{a.story_id}",
    )


def _article_fields(a: ArticleItem, model: type[BaseModel]) -> dict[str, Any]:
    return {
        **_fields(a, model),
        "story": _story_ref(a),
        "page_url": article_path(a),
        "image": image_out(a.image),
        "authors": [author_out(p) for p in a.authors],
        "tags": [tag_out(t) for t in a.tags],
    }


def article_out(a: ArticleItem) -> ArticleOut:
    return ArticleOut(**_article_fields(a, ArticleOut))


def article_detail(a: ArticleView) -> ArticleDetail:
    revisions = [RevisionOut(**_fields(r, RevisionOut)) for r in a.revisions]
    return ArticleDetail(**{**_article_fields(a, ArticleDetail), "revisions": revisions})


def search_hit_out(hit: SearchHit[ArticleItem]) -> SearchHitOut:
    return SearchHitOut(
        article=article_out(hit.article),
        snippet_html=str(mark_html(hit.snippet)),
        rank=hit.rank,
        snippet=hit.snippet.text,
        highlights=list(hit.snippet.spans),
    )


def source_out(s: Source) -> SourceOut:
    return SourceOut(**_fields(s, SourceOut))


def story_out(s: StoryView) -> StoryOut:
    return StoryOut(**_story_fields(s))


def _story_fields(s: StoryView) -> dict[str, Any]:
    return {
        **_fields(s, StoryOut),
        "page_url": f"/stories/{s.id}",
        "api_url": f"/api/v1/stories/{s.id}",
    }


def story_detail(p: StoryPage) -> StoryDetail:
    timeline = [
        TimelineOut(
            article_id=e.article.id,
            **_fields(e.article, TimelineOut),
            page_url=article_path(e.article),
            first=e.first,
            update=e.update,
            attributions=[AttributionOut(**_fields(t, AttributionOut)) for t in e.attributions],
        )
        for e in p.timeline
    ]
    return StoryDetail(
        **_story_fields(p.story),
        summary=p.summary,
        dek=p.dek,
        image=image_out(p.photo),
        names=[NameOut(**_fields(n, NameOut)) for n in p.names],
        timeline=timeline,
    )
