"""What the rest of the program may ask of storage. `newsfeed.store.open_store(url)` returns
a `Store`: one object per database, composed of one part per aggregate (sources, articles,
authors, tags, stories), each with its own protocol. Nothing outside `store/` imports SQLAlchemy.

Every call is synchronous and one transaction. Callers on an event loop run them off it
(web: `web.context.db`; refreshes: `update.storecalls`), see docs/design/boundary.md.
Lists are keyset-paginated: a cursor is an opaque string made by the store, and one that
cannot be decoded raises `BadCursor`. Times are timezone-aware UTC datetimes in and out."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from newsfeed.model import (
    ArticleData,
    ArticleQuery,
    ArticleView,
    AuthorProfile,
    AuthorView,
    FullText,
    L,
    Page,
    SaveResult,
    SearchHit,
    Source,
    SourceEdit,
    SourceKind,
    SourceUpdate,
    StoryAssignment,
    StoryNotes,
    StoryView,
    TagView,
)
from newsfeed.stories.features import StoryArticle
from newsfeed.stories.state import GrouperState


class SourceStore(Protocol):
    def add(
        self,
        url: str,
        *,
        kind: SourceKind = "feed",
        title: str | None = None,
        site_url: str | None = None,
        full_text: FullText = "auto",
        now: datetime,
    ) -> Source:
        """Raises AlreadyExists when a source with this URL exists. next_fetch_at = now."""

    def get(self, source_id: int) -> Source:
        """Raises NotFound."""

    def find(self, url: str) -> Source | None: ...

    def all(self) -> list[Source]:
        """Every source, by title (untitled last) then id, with article_count."""

    def edit(self, source_id: int, edit: SourceEdit) -> Source:
        """A person's change. Raises NotFound, AlreadyExists (a URL another source has)."""

    def record(self, updates: Sequence[SourceUpdate]) -> None:
        """Write what refreshes decided, all in one transaction, releasing their leases;
        ids that no longer exist are skipped."""

    def remove(self, source_id: int) -> None:
        """Deletes the source and its articles. Raises NotFound."""

    def claim_due(self, *, now: datetime, limit: int, worker: str, lease_s: int) -> list[Source]:
        """Enabled sources with next_fetch_at <= now (or never fetched) and no live lease,
        oldest due first; each is leased to `worker` until now + lease_s so that no other
        worker takes it (PostgreSQL: FOR UPDATE SKIP LOCKED). An expired lease (a killed
        worker) is free again; `record` releases it."""


class ArticleStore(Protocol):
    def page(self, query: ArticleQuery[L]) -> Page[L]:
        """One page of the query's articles in its order (newest first by default: by
        published time, else first seen, then id), as `query.load` records."""

    def search(self, query: ArticleQuery[L]) -> Page[SearchHit[L]]:
        """Ranked full-text search (SQLite FTS5 / PostgreSQL tsvector) over title, dek and
        text for `query.text`, narrowed by the query's filters. Any user string is accepted:
        it is turned into a safe query, never passed raw to the engine. A blank text raises
        BadQuery."""

    def get(self, article_id: int) -> ArticleView:
        """With revisions (newest first). Raises NotFound."""

    def count(self) -> int: ...

    def save(self, source_id: int, articles: Sequence[ArticleData], *, now: datetime) -> SaveResult:
        """Insert new articles, update changed ones (keeping the earlier title/text as a
        revision), and write nothing for unchanged ones (same content_hash). Identity is
        (source_id, guid), falling back to (source_id, url). Authors are shared by
        (source, name); tags by slug. The search index follows at once."""

    def known_guids(self, source_id: int, guids: Sequence[str]) -> set[str]:
        """Which of these guids the source already has (the full-text path fetches pages
        only for items it has not seen)."""


class AuthorStore(Protocol):
    def get(self, slug: str) -> AuthorView:
        """Raises NotFound."""

    def all(self) -> list[AuthorView]:
        """By name, then id."""

    def to_enrich(
        self, *, now: datetime, limit: int, retry_s: int
    ) -> list[tuple[AuthorView, str | None]]:
        """Authors without a bio never looked up, or not for `retry_s` seconds, each with
        the URL of one of their articles (None if none has one); newest first."""

    def fill_profile(self, author_id: int, found: AuthorProfile, *, checked_at: datetime) -> None:
        """Fill the author's empty fields with what was found and remember when. Raises
        NotFound."""


class TagStore(Protocol):
    def get(self, slug: str) -> TagView:
        """Raises NotFound."""

    def top(self, *, limit: int = 100) -> list[TagView]:
        """Most used first."""


class StoryStore(Protocol):
    """Stories, as story grouping (pure code in `stories/`, run by `update/`) decided them.
    The articles of a story are `articles.page(ArticleQuery(story_id=…))`."""

    def assign(self, assignments: Sequence[StoryAssignment]) -> dict[int, int]:
        """Write a batch in one transaction: each article's story (the row with the
        assignment's key, made when missing), near-copy, names and attributions; the
        touched stories' counts follow. Returns article id → story id; articles deleted
        meanwhile are skipped."""

    def inputs(self, article_ids: Sequence[int]) -> list[StoryArticle]:
        """What grouping reads of these stored articles, in arrival order (published time,
        then id); the outlet is the source id."""

    def get(self, story_id: int) -> StoryView:
        """Raises NotFound."""

    def top(self, *, hours: float = 48.0, limit: int = 20) -> list[StoryView]:
        """Ranked by outlets covering each story in the `hours` before the newest stored
        coverage, then articles, then recency."""

    def notes(self, article_ids: Sequence[int]) -> list[StoryNotes]:
        """Names and attributions kept for these articles (those that joined a story; the
        rest are left out), in that order."""

    def save_state(self, state: GrouperState, *, now: datetime) -> None:
        """Keep the grouper's (bounded) state, replacing the one kept before."""

    def load_state(self) -> GrouperState | None: ...


class Store(Protocol):
    url: str  # the database URL (password masked)
    dialect: str  # "sqlite" or "postgresql"

    @property
    def sources(self) -> SourceStore: ...

    @property
    def articles(self) -> ArticleStore: ...

    @property
    def authors(self) -> AuthorStore: ...

    @property
    def tags(self) -> TagStore: ...

    @property
    def stories(self) -> StoryStore: ...

    def upgrade(self) -> None:
        """Apply the migrations (idempotent)."""

    def close(self) -> None: ...
