"""SqlStore: the `Store` protocol (store/api.py) over SQLAlchemy Core, for SQLite and
PostgreSQL. Each method is one transaction; database failures become StoreError. An id no
row can have (beyond 32 bits, zero, negative) is NotFound before any SQL runs."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import TypeVar

import sqlalchemy as sa

from newsfeed.errors import AlreadyExists, StoreError
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
from newsfeed.store import leases, migrate, profiles, reads, search, sources, writes
from newsfeed.store.engine import IMMEDIATE, make_engine, masked, parse_url, translated
from newsfeed.store.ids import require, storable

T = TypeVar("T")
SAVE_ATTEMPTS = 3  # a concurrent writer may take an author slug or tag first: retry


class SqlStore:
    def __init__(self, url: str):
        parsed = parse_url(url)
        self.url = masked(parsed)
        self.dialect = parsed.get_backend_name()
        self.engine = make_engine(parsed)
        self._writer = self.engine.execution_options(**{IMMEDIATE: True})

    def __repr__(self) -> str:
        return f"SqlStore({self.url!r})"

    @contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        with translated(self.url), self.engine.connect() as conn:
            yield conn

    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        with translated(self.url), self._writer.begin() as conn:
            yield conn

    def _run_write(self, work: Callable[[sa.Connection], T]) -> T:
        with self._write() as conn:
            return work(conn)

    # ── lifecycle ───────────────────────────────────────────────────────────────────
    def upgrade(self) -> None:
        with translated(self.url):
            migrate.upgrade(self.engine)

    def close(self) -> None:
        self.engine.dispose()

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
        try:
            return self._run_write(
                lambda c: sources.add_source(
                    c, url, kind=kind, title=title, site_url=site_url, full_text=full_text, now=now
                )
            )
        except StoreError as exc:
            if isinstance(exc.__cause__, sa.exc.IntegrityError):
                raise AlreadyExists(f"a source with URL {url} exists already", url=url) from exc
            raise

    def get_source(self, source_id: int) -> Source:
        require(source_id, "source")
        with self._read() as conn:
            return sources.get_source(conn, source_id)

    def find_source(self, url: str) -> Source | None:
        with self._read() as conn:
            return sources.find_source(conn, url)

    def list_sources(self) -> list[Source]:
        with self._read() as conn:
            return reads.list_sources(conn)

    def update_source(self, source_id: int, **fields: object) -> Source:
        require(source_id, "source")
        return self._run_write(lambda c: sources.update_source(c, source_id, dict(fields)))

    def update_sources(self, changes: Sequence[tuple[int, dict[str, object]]]) -> None:
        changes = [(source_id, fields) for source_id, fields in changes if storable(source_id)]
        if changes:
            self._run_write(lambda c: sources.update_sources(c, changes))

    def remove_source(self, source_id: int) -> None:
        require(source_id, "source")
        self._run_write(lambda c: sources.remove_source(c, source_id))

    def claim_due_sources(
        self, *, now: datetime, limit: int, worker: str, lease_s: int
    ) -> list[Source]:
        return self._run_write(
            lambda c: leases.claim_due_sources(
                c, now=now, limit=limit, worker=worker, lease_s=lease_s
            )
        )

    # ── articles ────────────────────────────────────────────────────────────────────
    def save_articles(
        self, source_id: int, articles: Sequence[ArticleData], *, now: datetime
    ) -> SaveResult:
        require(source_id, "source")
        for attempt in range(SAVE_ATTEMPTS):
            try:
                return self._run_write(lambda c: writes.save_articles(c, source_id, articles, now))
            except StoreError as exc:
                conflict = isinstance(exc.__cause__, sa.exc.IntegrityError)
                if not conflict or attempt == SAVE_ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")

    def existing_guids(self, source_id: int, guids: Sequence[str]) -> set[str]:
        if not storable(source_id):
            return set()
        with self._read() as conn:
            return writes.existing_guids(conn, source_id, guids)

    def get_article(self, article_id: int) -> ArticleView:
        with self._read() as conn:
            return reads.get_article(conn, article_id)

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
    ) -> Page[ArticleView]:
        with self._read() as conn:
            return reads.list_articles(
                conn,
                cursor=cursor,
                limit=limit,
                source_id=source_id,
                author_slug=author_slug,
                tag_slug=tag_slug,
                exclude_id=exclude_id,
                lean=lean,
            )

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
        with self._read() as conn:
            return search.search(
                conn,
                query,
                cursor=cursor,
                limit=limit,
                source_id=source_id,
                author_slug=author_slug,
                since=since,
                until=until,
                lean=lean,
            )

    def count_articles(self) -> int:
        with self._read() as conn:
            return reads.count_articles(conn)

    # ── authors, tags ───────────────────────────────────────────────────────────────
    def get_author(self, slug: str) -> AuthorView:
        with self._read() as conn:
            return reads.get_author(conn, slug)

    def list_authors(self) -> list[AuthorView]:
        with self._read() as conn:
            return reads.list_authors(conn)

    def authors_to_enrich(
        self, *, now: datetime, limit: int, retry_s: int
    ) -> list[tuple[AuthorView, str | None]]:
        with self._read() as conn:
            return profiles.authors_to_enrich(conn, now=now, limit=limit, retry_s=retry_s)

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
        found = {"role": role, "bio": bio, "avatar_url": avatar_url, "url": url}
        self._run_write(lambda c: profiles.update_author(c, author_id, found, checked_at))

    def get_tag(self, slug: str) -> TagView:
        with self._read() as conn:
            return reads.get_tag(conn, slug)

    def list_tags(self, *, limit: int = 100) -> list[TagView]:
        with self._read() as conn:
            return reads.list_tags(conn, limit)
