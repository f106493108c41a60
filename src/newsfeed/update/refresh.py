"""Refresh sources top to bottom: fetch → parse → normalize → (full text) → store.

Each source yields a RefreshResult, success or error; one bad source never stops the rest.
What the refresh decided about the source is a `SourceUpdate` (`update.outcome`, pure code):
errors are stored on the source with a stable code and a human message, and the source is
scheduled again with an exponential backoff. Every store call runs off the event loop
(`update.offloop`), so a slow write never holds up the fetches in flight."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

from newsfeed.errors import NewsfeedError
from newsfeed.fetch import Fetcher
from newsfeed.model import FetchResult, SaveResult, Source, SourceUpdate
from newsfeed.normalize.urls import join_http
from newsfeed.settings import Settings
from newsfeed.store.api import Store
from newsfeed.update import authors, cpu, fulltext
from newsfeed.update.offloop import OffLoop
from newsfeed.update.outcome import after_error, after_success
from newsfeed.update.result import RefreshResult
from newsfeed.update.stories import StoryGrouping, grouping_for

log = logging.getLogger(__name__)

FEED_ACCEPT = (
    "application/atom+xml,application/rss+xml,application/feed+json,application/json;q=0.9,"
    "application/rdf+xml;q=0.9,application/xml;q=0.8,text/xml;q=0.8,*/*;q=0.5"
)


@dataclass(frozen=True, slots=True)
class _Outcome:
    saved: SaveResult
    fetch: FetchResult
    title: str | None = None  # what the feed or page calls its outlet
    site_url: str | None = None
    ttl_minutes: int | None = None
    pages_fetched: int = 0
    page_errors: int = 0
    unfinished: bool = False  # new items were left for a later refresh


def utcnow() -> datetime:
    return datetime.now(UTC)


async def _refresh_feed(
    off: OffLoop,
    store: Store,
    settings: Settings,
    fetcher: Fetcher,
    source: Source,
    now: datetime,
    processes: int = 0,
) -> _Outcome | FetchResult:
    fetched = await fetcher.get(
        source.url, etag=source.etag, last_modified=source.last_modified, accept=FEED_ACCEPT
    )
    if fetched.not_modified:
        return fetched
    feed, articles = await cpu.parse_fetched(fetched, source.url, now, processes=processes)
    pages = errors = skipped = deferred = 0
    if source.full_text != "never" and articles:
        known = await off(store.articles.known_guids, source.id, [a.guid for a in articles])
        articles, pages, errors, skipped, deferred = await fulltext.fill_full_text(
            fetcher, source, articles, known, settings, now=now
        )
    saved = await off(store.articles.save, source.id, articles, now=now)
    if skipped:
        saved = replace(saved, unchanged=saved.unchanged + skipped)
    site_url = join_http(fetched.url, feed.link)  # never a javascript: link on our pages
    return _Outcome(
        saved, fetched, feed.title, site_url, feed.ttl_minutes, pages, errors, deferred > 0
    )


async def _refresh_page(
    off: OffLoop, store: Store, fetcher: Fetcher, source: Source, now: datetime
) -> _Outcome | FetchResult:
    fetched = await fetcher.get(
        source.url,
        etag=source.etag,
        last_modified=source.last_modified,
        accept=fulltext.PAGE_ACCEPT,
    )
    if fetched.not_modified:
        return fetched
    article, page = await fulltext.page_article_from(fetched, now=now)
    saved = await off(store.articles.save, source.id, [article], now=now)
    site = urljoin(fetched.url, "/")
    return _Outcome(saved, fetched, page.site_name or urlsplit(site).hostname, site, None, 1, 0)


class PendingSources:
    """Refresh outcomes waiting to be written together: a refresh of many unchanged feeds
    then costs one transaction instead of one per source. Flushed every `batch` outcomes
    and at the end of the refresh, off the event loop."""

    def __init__(self, store: Store, off: OffLoop, batch: int = 100):
        self.store, self.off, self.batch = store, off, batch
        self.updates: list[SourceUpdate] = []

    async def add(self, update: SourceUpdate) -> None:
        self.updates.append(update)
        if len(self.updates) >= self.batch:
            await self.flush()

    async def flush(self) -> None:
        updates, self.updates = self.updates, []
        if not updates:
            return
        try:
            await self.off(self.store.sources.record, updates)
        except NewsfeedError as exc:  # the store is down: the sources are simply due again
            log.warning("could not record the outcome of %d sources: %s", len(updates), exc)


def _success(
    settings: Settings,
    source: Source,
    outcome: _Outcome | FetchResult,
    now: datetime,
    started: float,
) -> tuple[SourceUpdate, RefreshResult]:
    fetched = outcome if isinstance(outcome, FetchResult) else outcome.fetch
    got = outcome if isinstance(outcome, _Outcome) else None
    update = after_success(
        source,
        fetched,
        settings,
        now,
        ttl_minutes=got.ttl_minutes if got else None,
        title=got.title if got else None,
        site_url=got.site_url if got else None,
        unfinished=got.unfinished if got else False,
    )
    saved = got.saved if got else SaveResult()
    return update, RefreshResult(
        source.id,
        source.url,
        True,
        new=saved.new,
        updated=saved.updated,
        unchanged=saved.unchanged,
        not_modified=fetched.not_modified,
        next_fetch_at=update.next_fetch_at,
        elapsed_s=time.perf_counter() - started,
        pages_fetched=got.pages_fetched if got else 0,
        page_errors=got.page_errors if got else 0,
    )


def _failure(
    settings: Settings,
    source: Source,
    exc: Exception,
    now: datetime,
    started: float,
) -> tuple[SourceUpdate, RefreshResult]:
    if isinstance(exc, NewsfeedError):
        code, message = exc.code, exc.message
        retry = getattr(exc, "retry_after_s", None)
    else:  # a bug of ours: record it, keep going with the other sources
        log.error("source %s (%s): unexpected error", source.id, source.url, exc_info=exc)
        code, retry = "internal_error", None
        message = f"internal error: {type(exc).__name__}: {exc}"
    update = after_error(source, code, message, settings, now, retry_after_s=retry)
    return update, RefreshResult(
        source.id,
        source.url,
        False,
        error_code=code,
        error_message=message,
        next_fetch_at=update.next_fetch_at,
        elapsed_s=time.perf_counter() - started,
    )


async def refresh_one(
    store: Store,
    settings: Settings,
    fetcher: Fetcher,
    source: Source,
    *,
    now: datetime,
    pending: PendingSources,
    processes: int = 0,
    grouping: StoryGrouping | None = None,
) -> RefreshResult:
    """Refresh one source; its new state goes to `pending` (the caller flushes it); the
    articles it stored as new are grouped into stories by `grouping`."""
    started = time.perf_counter()
    off = pending.off
    try:
        if source.kind == "page":
            outcome = await _refresh_page(off, store, fetcher, source, now)
        else:
            outcome = await _refresh_feed(off, store, settings, fetcher, source, now, processes)
        update, result = _success(settings, source, outcome, now, started)
        if grouping is not None and isinstance(outcome, _Outcome):
            grouping.submit(outcome.saved.new_ids)
    except Exception as exc:
        update, result = _failure(settings, source, exc, now, started)
    await pending.add(update)
    return result


async def refresh_many(
    store: Store,
    settings: Settings,
    sources: Sequence[Source],
    *,
    now: datetime | None = None,
    fetcher: Fetcher | None = None,
) -> list[RefreshResult]:
    """Refresh these sources concurrently (settings.refresh_concurrency at a time)."""
    when = now or utcnow()
    gate = asyncio.Semaphore(max(settings.refresh_concurrency, 1))
    processes = cpu.processes_for(settings.parse_processes, len(sources))
    off = OffLoop(store)
    pending = PendingSources(store, off)
    grouping = grouping_for(store)

    async def one(f: Fetcher, source: Source) -> RefreshResult:
        async with gate:
            return await refresh_one(
                store,
                settings,
                f,
                source,
                now=when,
                pending=pending,
                processes=processes,
                grouping=grouping,
            )

    async def run(f: Fetcher) -> list[RefreshResult]:
        try:
            results = list(await asyncio.gather(*(one(f, s) for s in sources)))
        finally:
            await pending.flush()
            await grouping.drain(off, store)
            await grouping.save(off, store, when)
        if settings.author_lookups and any(r.new for r in results):
            await _enrich_authors(off, store, settings, f, when)
        return results

    try:
        if fetcher is not None:
            return await run(fetcher)
        async with Fetcher(settings) as f:
            return await run(f)
    finally:
        off.close()


async def _enrich_authors(
    off: OffLoop, store: Store, settings: Settings, fetcher: Fetcher, now: datetime
) -> None:
    """New articles may bring new authors: look up the ones without a bio. A failure here
    costs the refresh nothing."""
    try:
        await authors.enrich_authors(off, store, settings, fetcher, now=now)
    except NewsfeedError as exc:
        log.warning("author lookups: %s", exc)
