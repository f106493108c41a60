"""The small frozen dataclasses handed from one stage to the next.

fetch → `FetchResult`; parse → `RawFeed` / `RawEntry` (and `RawPage` for article pages);
normalize → `ArticleData`; a refresh decides a `SourceUpdate`; the store answers an
`ArticleQuery` with `ArticleSummary` / `ArticleItem` pages and gives one `ArticleView`, and
`Source`, `AuthorView`, `TagView`. No dicts or ORM rows cross a stage boundary (see
docs/design/boundary.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Generic, Literal, TypeVar

from newsfeed.errors import InvalidInput

T = TypeVar("T")

SourceKind = Literal["feed", "page"]
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


# ── store: sources ───────────────────────────────────────────────────────────────────
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


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceUpdate:
    """What one refresh decided about its source (`update.outcome`, pure code); the store
    writes it and releases the source's lease. Every field is written as it is, except
    `found_title` and `found_site_url`, which only fill a source that has none."""

    source_id: int
    fetched_at: datetime
    next_fetch_at: datetime
    etag: str | None
    last_modified: str | None
    last_success_at: datetime | None
    error_count: int
    error_code: str | None = None
    error: str | None = None
    found_title: str | None = None
    found_site_url: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceEdit:
    """A person's change to a source (CLI, API); None leaves a field as it is."""

    title: str | None = None
    url: str | None = None
    full_text: FullText | None = None
    enabled: bool | None = None


# ── store: people and topics ─────────────────────────────────────────────────────────
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


@dataclass(frozen=True, slots=True, kw_only=True)
class AuthorProfile:
    """What a lookup found about an author; it fills only the fields still empty."""

    role: str | None = None
    bio: str | None = None
    avatar_url: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class TagView:
    slug: str
    name: str
    article_count: int = 0


# ── store: articles ──────────────────────────────────────────────────────────────────
@dataclass(frozen=True, slots=True)
class RevisionView:
    id: int
    title: str
    text: str
    content_hash: str
    recorded_at: datetime  # when this (earlier) version was replaced


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """An article as a list shows it (a News Feed item): no body, no people."""

    id: int
    source_id: int
    source_title: str | None
    source_site_url: str | None
    url: str | None
    title: str
    slug: str
    dek: str | None
    language: str | None
    published_at: datetime  # published, else first seen
    updated_at: datetime | None
    fetched_at: datetime
    word_count: int
    reading_minutes: int
    image: Image | None
    revision_count: int
    story_id: int | None  # the story of its event (None until grouped)
    story_outlets: int  # how many outlets cover that story (0 without one)
    duplicate_of: int | None  # the article it is a near-copy of (wire copy, syndication)


@dataclass(frozen=True, slots=True)
class ArticleItem(ArticleSummary):
    """An article as an output feed or the API's list carries it: with body, authors and
    tags."""

    guid: str
    content_html: str
    authors: tuple[AuthorView, ...]
    tags: tuple[TagView, ...]


@dataclass(frozen=True, slots=True)
class ArticleView(ArticleItem):
    """The whole article (its own page): plain text, where each field came from, and its
    earlier versions, newest first."""

    text: str
    field_sources: tuple[tuple[str, str], ...]
    extraction_error: str | None
    revisions: tuple[RevisionView, ...]


L = TypeVar("L", ArticleSummary, ArticleItem)
Order = Literal["newest", "oldest"]
MAX_PAGE_SIZE = 200


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleQuery(Generic[L]):
    """Which articles, in what order, from where, how many, and how much of each: `load` is
    the type of the items (`ArticleSummary` or `ArticleItem`). The same query serves a list
    (`store.articles.page`) and a search (`store.articles.search`, which needs `text` and
    ranks by relevance; `order` then breaks no ties). Every filter narrows; None is no
    filter. Adding one: a field here and a clause in `store/filters.py`."""

    load: type[L]
    text: str | None = None  # search words (search only)
    source_id: int | None = None
    author_slug: str | None = None
    tag_slug: str | None = None
    exclude_id: int | None = None
    story_id: int | None = None  # the articles of one story
    language: str | None = None  # e.g. "en": the article's detected or declared language
    since: datetime | None = None  # published at or after
    until: datetime | None = None  # published before
    order: Order = "newest"
    cursor: str | None = None
    limit: int = 30  # at most MAX_PAGE_SIZE: a larger limit gives that many

    def __post_init__(self) -> None:
        if isinstance(self.limit, bool) or not isinstance(self.limit, int):
            raise InvalidInput(f"limit must be a whole number, not {self.limit!r}")
        if self.limit < 1:
            raise InvalidInput(f"limit must be a positive integer, not {self.limit}")
        if self.limit > MAX_PAGE_SIZE:  # a page holds at most this many
            object.__setattr__(self, "limit", MAX_PAGE_SIZE)
        if self.order not in ("newest", "oldest"):
            raise InvalidInput(f"order must be newest or oldest, not {self.order!r}")


@dataclass(frozen=True, slots=True)
class Snippet:
    """Plain text around a search's matches, and where the matches are in it (start, end)
    offsets into `text`: the web marks them with <mark>, the CLI in bold."""

    text: str
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class SearchHit(Generic[L]):
    article: L
    snippet: Snippet
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


# ── stories ──────────────────────────────────────────────────────────────────────────
@dataclass(frozen=True, slots=True)
class AttributionNote:
    """A claim the article attributes to someone: "according to Reuters"."""

    source: str  # as written
    cue: str  # "according_to", "reported", "said", "told", "citing", "claims_by"
    sentence: str


@dataclass(frozen=True, slots=True)
class NameNote:
    text: str  # "Mara Lindqvist"
    kind: str  # "person", "place", "org"
    mentions: int


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryAssignment:
    """Where grouping (stories/, called by update/) put one stored article. `story_key` is
    the grouper's key of the story (the id of its first article); the store finds or makes
    the story row with that key. Names and attributions are kept per article."""

    article_id: int
    story_key: int
    new_story: bool
    duplicate_of: int | None = None
    title: str = ""  # the article's headline (a new story's first representative one)
    names: tuple[NameNote, ...] = ()
    attributions: tuple[AttributionNote, ...] = ()
    has_notes: bool = True  # False: names and attributions were not looked for (kept none)


@dataclass(frozen=True, slots=True)
class StoryView:
    """A story: every outlet's coverage of one event. `title` is its representative
    headline; `recent_outlets` counts outlets in the ranking window (top stories only)."""

    id: int
    key: int
    title: str
    first_seen: datetime
    last_seen: datetime
    article_count: int
    outlet_count: int
    recent_outlets: int = 0


@dataclass(frozen=True, slots=True)
class StoryNotes:
    """What was found in one article of a story: names and attributions."""

    article_id: int
    names: tuple[NameNote, ...]
    attributions: tuple[AttributionNote, ...]
