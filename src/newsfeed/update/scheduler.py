"""Keep sources fresh: the in-process scheduler of `newsfeed serve` and the loop of
`newsfeed worker`. Both claim due sources with a lease (so any number of them can share one
PostgreSQL database), refresh them and sleep until the next look."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from newsfeed.errors import NewsfeedError
from newsfeed.fetch import Fetcher
from newsfeed.settings import Settings
from newsfeed.store.api import Store
from newsfeed.update.result import RefreshResult
from newsfeed.update.service import refresh_sources

log = logging.getLogger(__name__)


async def run_once(
    store: Store, settings: Settings, fetcher: Fetcher | None = None
) -> list[RefreshResult]:
    try:
        results = await refresh_sources(store, settings, fetcher=fetcher)
    except NewsfeedError as exc:  # e.g. the database is down: try again next round
        log.warning("scheduler: %s", exc)
        return []
    except Exception:  # a bug of ours must not stop the scheduler: log it, go on
        log.exception("scheduler: unexpected error in a refresh round")
        return []
    for r in results:
        log.info("refreshed %s: %s", r.url, r.summary)
    return results


async def run_forever(
    store: Store,
    settings: Settings,
    *,
    stop: asyncio.Event | None = None,
    on_round: Callable[[list[RefreshResult]], None] | None = None,
) -> None:
    """Refresh due sources every `scheduler_interval_s` until `stop` is set or cancelled.
    One HTTP client serves every round, so connections to busy hosts are reused."""
    stop = stop or asyncio.Event()
    async with Fetcher(settings) as fetcher:
        while not stop.is_set():
            results = await run_once(store, settings, fetcher)
            if on_round:
                on_round(results)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=settings.scheduler_interval_s)
