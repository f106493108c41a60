"""Refresh sources top to bottom: fetch → parse → normalize → (full text) → store.

Each source yields a RefreshResult, success or error; one bad source never stops the rest.
Errors are stored on the source with a stable code and a human message, and the source is
scheduled again with an exponential backoff."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

from newsfeed.errors import NewsfeedError
from newsfeed.fetch import Fetcher, cache_lifetime_s
from newsfeed.model import FetchResult, SaveResult, Source
from newsfeed.normalize.urls import join_http
from newsfeed.settings import Settings
from newsfeed.store.api import Store
from newsfeed.update import authors, cpu, fulltext, schedule
from newsfeed.update.result import RefreshResult

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


def utcnow() -> datetime:
    return datetime.now(UTC)


async def _refresh_feed(
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
    pages = errors = skipped = 0
    if source.full_text != "never" and articles:
        known = store.existing_guids(source.id, [a.guid for a in articles])
        articles, pages, errors, skipped = await fulltext.fill_full_text(
            fetcher, source, articles, known, settings, now=now
        )
    saved = store.save_articles(source.id, articles, now=now)
    if skipped:
        saved = replace(saved, unchanged=saved.unchanged + skipped)
    site_url = join_http(fetched.url, feed.link)  # never a javascript: link on our pages
    return _Outcome(saved, fetched, feed.title, site_url, feed.ttl_minutes, pages, errors)


async def _refresh_page(
    store: Store, fetcher: Fetcher, source: Source, now: datetime
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
    saved = store.save_articles(source.id, [article], now=now)
    site = urljoin(fetched.url, "/")
    return _Outcome(saved, fetched, page.site_name or urlsplit(site).hostname, site, None, 1, 0)


class PendingSources:
    """Source outcomes waiting to be written together: a refresh of many unchanged feeds
    then costs one transaction instead of one per source. Flushed every `batch` outcomes
    and at the end of the refresh."""

    def __init__(self, store: Store, batch: int = 100):
        self.store, self.batch = store, batch
        self.changes: list[tuple[int, dict[str, object]]] = []

    def add(self, source_id: int, fields: dict[str, object]) -> None:
        self.changes.append((source_id, fields))
        if len(self.changes) >= self.batch:
            self.flush()

    def flush(self) -> None:
        changes, self.changes = self.changes, []
        try:
            self.store.update_sources(changes)
        except NewsfeedError as exc:  # the store is down: the sources are simply due again
            log.warning("could not record the outcome of %d sources: %s", len(changes), exc)


def _record_success(
    pending: PendingSources,
    settings: Settings,
    source: Source,
    outcome: _Outcome | FetchResult,
    now: datetime,
    started: float,
) -> RefreshResult:
    fetched = outcome if isinstance(outcome, FetchResult) else outcome.fetch
    got = outcome if isinstance(outcome, _Outcome) else None
    next_at = schedule.next_after_success(
        now,
        settings,
        ttl_minutes=got.ttl_minutes if got else None,
        cache_lifetime_s=cache_lifetime_s(fetched.headers, now),
    )
    fields: dict[str, object] = dict(
        etag=fetched.etag or (source.etag if fetched.not_modified else None),
        last_modified=fetched.last_modified
        or (source.last_modified if fetched.not_modified else None),
        last_fetched_at=now,
        last_success_at=now,
        next_fetch_at=next_at,
        error_count=0,
        last_error_code=None,
        last_error=None,
    )
    if got is not None:
        if got.title and not source.title:
            fields["title"] = got.title
        if got.site_url and not source.site_url:
            fields["site_url"] = got.site_url
    pending.add(source.id, fields)
    saved = outcome.saved if isinstance(outcome, _Outcome) else SaveResult()
    return RefreshResult(
        source.id,
        source.url,
        True,
        new=saved.new,
        updated=saved.updated,
        unchanged=saved.unchanged,
        not_modified=fetched.not_modified,
        next_fetch_at=next_at,
        elapsed_s=time.perf_counter() - started,
        pages_fetched=outcome.pages_fetched if isinstance(outcome, _Outcome) else 0,
        page_errors=outcome.page_errors if isinstance(outcome, _Outcome) else 0,
    )


def _record_error(
    pending: PendingSources,
    settings: Settings,
    source: Source,
    code: str,
    message: str,
    now: datetime,
    started: float,
    retry_after_s: float | None = None,
) -> RefreshResult:
    count = source.error_count + 1
    next_at = schedule.next_after_error(now, settings, count, retry_after_s=retry_after_s)
    pending.add(
        source.id,
        dict(
            last_fetched_at=now,
            next_fetch_at=next_at,
            error_count=count,
            last_error_code=code,
            last_error=message,
        ),
    )
    return RefreshResult(
        source.id,
        source.url,
        False,
        error_code=code,
        error_message=message,
        next_fetch_at=next_at,
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
) -> RefreshResult:
    """Refresh one source; its new state goes to `pending` (the caller flushes it)."""
    started = time.perf_counter()
    try:
        if source.kind == "page":
            outcome = await _refresh_page(store, fetcher, source, now)
        else:
            outcome = await _refresh_feed(store, settings, fetcher, source, now, processes)
        return _record_success(pending, settings, source, outcome, now, started)
    except NewsfeedError as exc:
        retry = getattr(exc, "retry_after_s", None)
        return _record_error(pending, settings, source, exc.code, exc.message, now, started, retry)
    except Exception as exc:  # a bug of ours: record it, keep going with the other sources
        log.exception("source %s (%s): unexpected error", source.id, source.url)
        message = f"internal error: {type(exc).__name__}: {exc}"
        return _record_error(pending, settings, source, "internal_error", message, now, started)


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
    pending = PendingSources(store)

    async def one(f: Fetcher, source: Source) -> RefreshResult:
        async with gate:
            return await refresh_one(
                store, settings, f, source, now=when, pending=pending, processes=processes
            )

    async def run(f: Fetcher) -> list[RefreshResult]:
        try:
            results = list(await asyncio.gather(*(one(f, s) for s in sources)))
        finally:
            pending.flush()
        if settings.author_lookups and any(r.new for r in results):
            await _enrich_authors(store, settings, f, when)
        return results

    if fetcher is not None:
        return await run(fetcher)
    async with Fetcher(settings) as f:
        return await run(f)


async def _enrich_authors(
    store: Store, settings: Settings, fetcher: Fetcher, now: datetime
) -> None:
    """New articles may bring new authors: look up the ones without a bio. A failure here
    costs the refresh nothing."""
    try:
        await authors.enrich_authors(store, settings, fetcher, now=now)
    except NewsfeedError as exc:
        log.warning("author lookups: %s", exc)
