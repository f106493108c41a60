"""SqlStore: the `Store` protocol (store/api.py) over SQLAlchemy Core, for SQLite and
PostgreSQL: one `Database` (engine, transactions, error translation) shared by one part per
aggregate. Each method is one transaction; database failures become StoreError. An id no
row can have (beyond 32 bits, zero, negative) is NotFound before any SQL runs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TypeVar

import sqlalchemy as sa

from newsfeed import model as m
from newsfeed.errors import AlreadyExists, StoreError
from newsfeed.model import L
from newsfeed.store import authors, leases, migrate, reads, search, sources, tags
from newsfeed.store import stories as story_rows
from newsfeed.store.engine import IMMEDIATE, make_engine, masked, parse_url, translated
from newsfeed.store.ids import require, storable
from newsfeed.stories.features import StoryArticle
from newsfeed.stories.state import GrouperState

T = TypeVar("T")
SAVE_ATTEMPTS = 3  # a concurrent writer may take an author slug or tag first: retry


# The write path (`store.writes` brings in normalize's bounds: ~80 ms to import) is loaded
# when first used, so that a read command of the CLI starts fast.
def _save(
    conn: sa.Connection, source_id: int, articles: Sequence[m.ArticleData], now: datetime
) -> m.SaveResult:
    from newsfeed.store.writes import save_articles

    return save_articles(conn, source_id, articles, now)


def _known(conn: sa.Connection, source_id: int, guids: Sequence[str]) -> set[str]:
    from newsfeed.store.writes import existing_guids

    return existing_guids(conn, source_id, guids)


class Database:
    """The engine and the two kinds of transaction every part uses."""

    def __init__(self, url: str):
        parsed = parse_url(url)
        self.url = masked(parsed)
        self.dialect = parsed.get_backend_name()
        self.engine = make_engine(parsed)
        self._writer = self.engine.execution_options(**{IMMEDIATE: True})

    def read(self, work: Callable[[sa.Connection], T]) -> T:
        with translated(self.url), self.engine.connect() as conn:
            return work(conn)

    def write(self, work: Callable[[sa.Connection], T]) -> T:
        with translated(self.url), self._writer.begin() as conn:
            return work(conn)


class SqlSources:
    def __init__(self, db: Database):
        self.db = db

    def add(
        self,
        url: str,
        *,
        kind: m.SourceKind = "feed",
        title: str | None = None,
        site_url: str | None = None,
        full_text: m.FullText = "auto",
        now: datetime,
    ) -> m.Source:
        try:
            return self.db.write(
                lambda c: sources.add_source(
                    c, url, kind=kind, title=title, site_url=site_url, full_text=full_text, now=now
                )
            )
        except StoreError as exc:
            if isinstance(exc.__cause__, sa.exc.IntegrityError):
                raise AlreadyExists(f"a source with URL {url} exists already", url=url) from exc
            raise

    def get(self, source_id: int) -> m.Source:
        require(source_id, "source")
        return self.db.read(lambda c: sources.get_source(c, source_id))

    def find(self, url: str) -> m.Source | None:
        return self.db.read(lambda c: sources.find_source(c, url))

    def all(self) -> list[m.Source]:
        return self.db.read(sources.list_sources)

    def edit(self, source_id: int, edit: m.SourceEdit) -> m.Source:
        require(source_id, "source")
        return self.db.write(lambda c: sources.edit_source(c, source_id, edit))

    def record(self, updates: Sequence[m.SourceUpdate]) -> None:
        kept = [u for u in updates if storable(u.source_id)]
        if kept:
            self.db.write(lambda c: sources.record_updates(c, kept))

    def remove(self, source_id: int) -> None:
        require(source_id, "source")
        self.db.write(lambda c: sources.remove_source(c, source_id))

    def claim_due(self, *, now: datetime, limit: int, worker: str, lease_s: int) -> list[m.Source]:
        return self.db.write(
            lambda c: leases.claim_due_sources(
                c, now=now, limit=limit, worker=worker, lease_s=lease_s
            )
        )


class SqlArticles:
    def __init__(self, db: Database):
        self.db = db

    def page(self, query: m.ArticleQuery[L]) -> m.Page[L]:
        return self.db.read(lambda c: reads.page(c, query))

    def search(self, query: m.ArticleQuery[L]) -> m.Page[m.SearchHit[L]]:
        return self.db.read(lambda c: search.search(c, query))

    def get(self, article_id: int) -> m.ArticleView:
        return self.db.read(lambda c: reads.get_article(c, article_id))

    def count(self) -> int:
        return self.db.read(reads.count_articles)

    def save(
        self, source_id: int, articles: Sequence[m.ArticleData], *, now: datetime
    ) -> m.SaveResult:
        require(source_id, "source")
        for attempt in range(SAVE_ATTEMPTS):
            try:
                return self.db.write(lambda c: _save(c, source_id, articles, now))
            except StoreError as exc:
                conflict = isinstance(exc.__cause__, sa.exc.IntegrityError)
                if not conflict or attempt == SAVE_ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")

    def known_guids(self, source_id: int, guids: Sequence[str]) -> set[str]:
        if not storable(source_id):
            return set()
        return self.db.read(lambda c: _known(c, source_id, guids))


class SqlAuthors:
    def __init__(self, db: Database):
        self.db = db

    def get(self, slug: str) -> m.AuthorView:
        return self.db.read(lambda c: authors.get_author(c, slug))

    def all(self) -> list[m.AuthorView]:
        return self.db.read(authors.list_authors)

    def to_enrich(
        self, *, now: datetime, limit: int, retry_s: int
    ) -> list[tuple[m.AuthorView, str | None]]:
        return self.db.read(
            lambda c: authors.authors_to_enrich(c, now=now, limit=limit, retry_s=retry_s)
        )

    def fill_profile(self, author_id: int, found: m.AuthorProfile, *, checked_at: datetime) -> None:
        self.db.write(lambda c: authors.fill_profile(c, author_id, found, checked_at))


class SqlTags:
    def __init__(self, db: Database):
        self.db = db

    def get(self, slug: str) -> m.TagView:
        return self.db.read(lambda c: tags.get_tag(c, slug))

    def top(self, *, limit: int = 100) -> list[m.TagView]:
        return self.db.read(lambda c: tags.list_tags(c, limit))


class SqlStories:
    def __init__(self, db: Database):
        self.db = db

    def assign(self, assignments: Sequence[m.StoryAssignment]) -> dict[int, int]:
        if not assignments:
            return {}
        return self.db.write(lambda c: story_rows.assign(c, assignments))

    def inputs(self, article_ids: Sequence[int]) -> list[StoryArticle]:
        return self.db.read(lambda c: story_rows.inputs(c, article_ids))

    def get(self, story_id: int) -> m.StoryView:
        return self.db.read(lambda c: story_rows.get_story(c, story_id))

    def top(self, *, hours: float = 48.0, limit: int = 20) -> list[m.StoryView]:
        return self.db.read(lambda c: story_rows.top_stories(c, hours=hours, limit=limit))

    def notes(self, article_ids: Sequence[int]) -> list[m.StoryNotes]:
        return self.db.read(lambda c: story_rows.notes_of(c, article_ids))

    def save_state(self, state: GrouperState, *, now: datetime) -> None:
        self.db.write(lambda c: story_rows.save_state(c, state, now))

    def load_state(self) -> GrouperState | None:
        return self.db.read(story_rows.load_state)


class SqlStore:
    def __init__(self, url: str):
        self.db = Database(url)
        self.url, self.dialect, self.engine = self.db.url, self.db.dialect, self.db.engine
        self.sources = SqlSources(self.db)
        self.articles = SqlArticles(self.db)
        self.authors = SqlAuthors(self.db)
        self.tags = SqlTags(self.db)
        self.stories = SqlStories(self.db)

    def __repr__(self) -> str:
        return f"SqlStore({self.url!r})"

    def upgrade(self) -> None:
        with translated(self.url):
            migrate.upgrade(self.engine)

    def close(self) -> None:
        self.engine.dispose()
