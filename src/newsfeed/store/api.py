"""What the rest of the program may ask of storage. `newsfeed.store.open_store(url)` returns
an object with exactly these methods; nothing outside `store/` imports SQLAlchemy.

Lists are keyset-paginated: the cursor is an opaque string produced by the store (it encodes
the sort key of the last item), and a cursor that cannot be decoded raises `BadCursor`.
Order of every article list: newest first by (published_at DESC, id DESC), where
published_at is the article's published time or, when the feed gave none, when we first saw
it. Times are timezone-aware UTC datetimes in and out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from newsfeed.model import (
    ArticleData,
    ArticleView,
    AuthorView,
    FullText,
    Page,
    SaveResult,
    SearchHit,
    Source,
    SourceKind,
    TagView,
)


class Store(Protocol):
    url: str  # the database URL (password masked)
    dialect: str  # "sqlite" or "postgresql"

    # ── lifecycle ───────────────────────────────────────────────────────────────────
    def upgrade(self) -> None:
        """Apply the Alembic migrations (idempotent)."""

    def close(self) -> None: ...

    # ── sources ─────────────────────────────────────────────────────────────────────
    def add_source(
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

    def get_source(self, source_id: int) -> Source:
        """Raises NotFound."""

    def find_source(self, url: str) -> Source | None: ...

    def list_sources(self) -> list[Source]:
        """All sources, by title then id, with article_count filled."""

    def update_source(self, source_id: int, **fields: object) -> Source:
        """Set any of: title, site_url, url, full_text, enabled, etag, last_modified,
        last_fetched_at, last_success_at, next_fetch_at, error_count, last_error_code,
        last_error. Also releases any lease. Raises NotFound."""

    def update_sources(self, changes: Sequence[tuple[int, dict[str, object]]]) -> None:
        """Many `update_source` calls in one transaction (same fields, same lease
        release); ids that no longer exist are skipped. The refresh loop records every
        source's outcome this way, so a refresh of many unchanged feeds costs one commit."""

    def remove_source(self, source_id: int) -> None:
        """Deletes the source and its articles. Raises NotFound."""

    def claim_due_sources(
        self, *, now: datetime, limit: int, worker: str, lease_s: int
    ) -> list[Source]:
        """Enabled sources with next_fetch_at <= now (or never fetched) and no live lease,
        oldest due first; each is leased to `worker` until now + lease_s so that no other
        worker takes it (PostgreSQL: FOR UPDATE SKIP LOCKED). A lease that expired (a killed
        worker) is free again. `update_source` releases the lease."""

    # ── articles: write ─────────────────────────────────────────────────────────────
    def save_articles(
        self, source_id: int, articles: Sequence[ArticleData], *, now: datetime
    ) -> SaveResult:
        """Insert new articles, update changed ones (keeping the earlier title/text as a
        revision), and write nothing for unchanged ones (same content_hash). Identity is
        (source_id, guid), falling back to (source_id, url). Authors are shared by
        (source, name); tags by slug. Also keeps the search index current, so that saved
        articles are searchable at once. One transaction per call."""

    def existing_guids(self, source_id: int, guids: Sequence[str]) -> set[str]:
        """Which of these guids the source already has (one query). The full-text path uses
        it to fetch article pages only for items it has not seen before."""

    # ── articles: read ──────────────────────────────────────────────────────────────
    def get_article(self, article_id: int) -> ArticleView:
        """With revisions (newest first). Raises NotFound."""

    def list_articles(
        self,
        *,
        cursor: str | None = None,
        limit: int = 30,
        source_id: int | None = None,
        author_slug: str | None = None,
        tag_slug: str | None = None,
        exclude_id: int | None = None,
        lean: bool = False,
    ) -> Page[ArticleView]: ...

    def search(
        self,
        query: str,
        *,
        cursor: str | None = None,
        limit: int = 30,
        source_id: int | None = None,
        author_slug: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        lean: bool = False,
    ) -> Page[SearchHit]:
        """Ranked full-text search (SQLite FTS5 / PostgreSQL tsvector) over title, dek and
        text. Any user string is accepted: it is turned into a safe query, never passed raw
        to the engine. An empty query raises BadQuery. `lean` hits carry no body,
        authors or tags (see `list_articles`)."""

    def count_articles(self) -> int: ...

    # ── authors, tags ───────────────────────────────────────────────────────────────
    def get_author(self, slug: str) -> AuthorView:
        """Raises NotFound."""

    def list_authors(self) -> list[AuthorView]: ...

    def authors_to_enrich(
        self, *, now: datetime, limit: int, retry_s: int
    ) -> list[tuple[AuthorView, str | None]]:
        """Authors without a bio that were never looked up, or not for `retry_s` seconds,
        each with the URL of one of their articles (None if none has one); newest first."""

    def update_author(
        self,
        author_id: int,
        *,
        role: str | None,
        bio: str | None,
        avatar_url: str | None,
        url: str | None,
        checked_at: datetime,
    ) -> None:
        """Fill the author's empty fields with these (a value already there is kept) and
        remember when they were looked up. Raises NotFound."""

    def get_tag(self, slug: str) -> TagView:
        """Raises NotFound."""

    def list_tags(self, *, limit: int = 100) -> list[TagView]:
        """Most used first."""
