"""The small frozen dataclasses handed from one stage to the next.

fetch → `FetchResult`; parse → `RawFeed` / `RawEntry` (and `RawPage` for article pages);
normalize → `ArticleData`; store → `Source`, `ArticleView`, `AuthorView`, `Page`.
No dicts or ORM rows cross a stage boundary.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Generic, Literal, TypeVar

T = TypeVar("T")

SourceKind = Literal["feed", "page", "site"]
FullText = Literal["auto", "always", "never"]


# ── fetch ────────────────────────────────────────────────────────────────────────────
@dataclass(frozen=True, slots=True)
class FetchResult:
    url: str  # the final URL, after redirects
    status: int  # 200, or 304 when not_modified
    content: bytes  # decompressed body (empty on 304)
    headers: Mapping[str, str]  # lower-cased names
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None  # media type only, lower case, e.g. "application/rss+xml"
    encoding: str | None = None  # charset from Content-Type, if any
    elapsed_s: float = 0.0
    redirects: tuple[str, ...] = ()  # the URLs redirected through, in order


# ── parse ────────────────────────────────────────────────────────────────────────────
@dataclass(frozen=True, slots=True)
class RawImage:
    url: str
    caption: str | None = None  # plain text
    credit: str | None = None  # plain text, e.g. "AFP via Getty Images"
    alt: str | None = None
    width: int | None = None
    height: int | None = None
    type: str | None = None  # media type, if known


@dataclass(frozen=True, slots=True)
class RawAuthor:
    name: str | None
    email: str | None = None
    url: str | None = None
    avatar_url: str | None = None
    role: str | None = None
    bio: str | None = None


@dataclass(frozen=True, slots=True)
class RawEnclosure:
    url: str
    type: str | None = None
    length: int | None = None


@dataclass(frozen=True, slots=True)
class RawText:
    """A text construct as the feed gave it; `type` is "text" or "html"."""

    value: str
    type: Literal["text", "html"] = "html"


@dataclass(frozen=True, slots=True)
class RawEntry:
    guid: str | None = None
    link: str | None = None  # absolute when the feed allowed resolving it
    title: RawText | None = None
    summary: RawText | None = None
    content: RawText | None = None
    published: datetime | None = None  # timezone-aware, UTC
    updated: datetime | None = None  # timezone-aware, UTC
    authors: tuple[RawAuthor, ...] = ()
    tags: tuple[str, ...] = ()
    images: tuple[RawImage, ...] = ()  # media:content/thumbnail, image enclosures, JSON image
    enclosures: tuple[RawEnclosure, ...] = ()
    base_url: str | None = None  # for resolving relative URLs in summary/content
    language: str | None = None
    duration_s: int | None = None  # podcast episode length (itunes:duration)
    explicit: bool | None = None  # itunes:explicit; None when the feed does not say
    episode: int | None = None  # itunes:episode
    season: int | None = None  # itunes:season
    episode_type: str | None = None  # itunes:episodeType: "full", "trailer", "bonus"


@dataclass(frozen=True, slots=True)
class RawFeed:
    version: str  # feedparser's names: "rss20", "rss10", "rss091u", "atom10", "atom03", "json11", …
    title: str | None = None  # plain text
    link: str | None = None  # the site's home page
    subtitle: str | None = None  # plain text
    language: str | None = None
    updated: datetime | None = None
    image_url: str | None = None
    ttl_minutes: int | None = None  # RSS <ttl>
    authors: tuple[RawAuthor, ...] = ()
    entries: tuple[RawEntry, ...] = ()
    bozo: bool = False  # the input was broken but we recovered something
    bozo_reason: str | None = None
    explicit: bool | None = None  # itunes:explicit of the podcast


@dataclass(frozen=True, slots=True)
class RawPage:
    """What extraction found on an article page; `field_sources` names where each field came
    from ("jsonld", "opengraph", "meta", "byline", "trafilatura", "feed")."""

    url: str
    title: str | None = None
    dek: str | None = None
    content_html: str | None = None  # sanitized
    text: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    site_name: str | None = None
    language: str | None = None
    authors: tuple[RawAuthor, ...] = ()
    image: RawImage | None = None
    tags: tuple[str, ...] = ()
    field_sources: tuple[tuple[str, str], ...] = ()


# ── normalize ────────────────────────────────────────────────────────────────────────
@dataclass(frozen=True, slots=True)
class Image:
    url: str
    caption: str | None = None
    credit: str | None = None
    alt: str | None = None
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True, slots=True)
class Author:
    name: str
    role: str | None = None
    bio: str | None = None
    avatar_url: str | None = None
    url: str | None = None
    email: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleData:
    """A normalized article, ready to store. `guid` is the identity inside its source (the
    feed's id, else the canonical URL)."""

    guid: str
    url: str | None
    title: str
    dek: str | None  # plain text summary
    content_html: str  # sanitized HTML
    text: str  # plain text of content_html
    language: str | None
    published_at: datetime | None  # UTC, aware
    updated_at: datetime | None
    word_count: int
    reading_minutes: int
    content_hash: str  # hash of title + text: the "did it change" test
    authors: tuple[Author, ...] = ()
    image: Image | None = None
    tags: tuple[str, ...] = ()
    field_sources: tuple[tuple[str, str], ...] = ()
    extraction_error: str | None = None


# ── store (read side) ────────────────────────────────────────────────────────────────
@dataclass(frozen=True, slots=True)
class Source:
    id: int
    url: str
    kind: SourceKind
    title: str | None
    site_url: str | None
    full_text: FullText = "auto"
    enabled: bool = True
    etag: str | None = None
    last_modified: str | None = None
    last_fetched_at: datetime | None = None
    last_success_at: datetime | None = None
    next_fetch_at: datetime | None = None
    error_count: int = 0
    last_error_code: str | None = None
    last_error: str | None = None
    article_count: int = 0
    created_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class AuthorView:
    id: int
    slug: str
    name: str
    role: str | None = None
    bio: str | None = None
    avatar_url: str | None = None
    url: str | None = None
    source_id: int | None = None
    source_title: str | None = None
    article_count: int = 0


@dataclass(frozen=True, slots=True)
class TagView:
    slug: str
    name: str
    article_count: int = 0


@dataclass(frozen=True, slots=True)
class RevisionView:
    id: int
    title: str
    text: str
    content_hash: str
    recorded_at: datetime  # when this (earlier) version was replaced


@dataclass(frozen=True, slots=True)
class ArticleView:
    id: int
    source_id: int
    source_title: str | None
    source_site_url: str | None
    guid: str
    url: str | None
    title: str
    slug: str
    dek: str | None
    content_html: str
    text: str
    language: str | None
    published_at: datetime  # published, else first seen
    updated_at: datetime | None
    fetched_at: datetime
    word_count: int
    reading_minutes: int
    image: Image | None = None
    authors: tuple[AuthorView, ...] = ()
    tags: tuple[TagView, ...] = ()
    revision_count: int = 0
    revisions: tuple[RevisionView, ...] = ()  # filled by get_article only, newest first
    field_sources: tuple[tuple[str, str], ...] = ()
    extraction_error: str | None = None


@dataclass(frozen=True, slots=True)
class SearchHit:
    article: ArticleView
    snippet_html: str  # escaped text with <mark>…</mark> around matches
    rank: float


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: tuple[T, ...]
    next_cursor: str | None  # opaque; None on the last page


@dataclass(frozen=True, slots=True)
class SaveResult:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    new_ids: tuple[int, ...] = field(default=())
