"""The CPU-bound part of a refresh — parse the fetched bytes and normalize every entry —
run in worker processes, so a big refresh uses every core while the event loop keeps
fetching and the store keeps writing. Small refreshes run on a thread of this process:
starting workers costs more than it saves, and the event loop keeps serving meanwhile."""

from __future__ import annotations

import asyncio
import atexit
import logging
import multiprocessing
import os
import threading
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from datetime import datetime
from itertools import chain, islice

from newsfeed.errors import NewsfeedError
from newsfeed.model import ArticleData, FetchResult, RawEntry, RawFeed
from newsfeed.normalize.article import body_source, normalize_entry
from newsfeed.normalize.html import html_to_text
from newsfeed.normalize.language import guess_feed_language
from newsfeed.parse.feeds import likely_bodies, parse_feed
from newsfeed.update.sanitizing import EarlySanitizing, sanitize_ahead

log = logging.getLogger(__name__)

MIN_SOURCES_FOR_POOL = 8
#: Entries of one feed made into articles, in document order (newest first in nearly every
#: feed): a feed of 100,000 items costs 5,000 articles' work, not hours of it.
MAX_ENTRIES_PER_FEED = 5_000

_pool: ProcessPoolExecutor | None = None
_pool_size = 0
_lock = threading.Lock()


def normalize_feed(
    feed: RawFeed, bodies: Iterable[tuple[RawEntry, str]], source_url: str, now: datetime
) -> list[ArticleData]:
    """Every entry (with its sanitized body, see `parse_and_sanitize`) that can be made into
    an article; a broken entry is skipped, not fatal. A feed that declares no language gets
    one guessed from its first entries (an entry's own xml:lang still wins)."""
    articles = []
    if not feed.language:
        stream = iter(bodies)
        first = list(islice(stream, 3))  # the rest may still be sanitizing
        feed = replace(feed, language=guess_feed_language(html_to_text(b) for _, b in first))
        bodies = chain(first, stream)
    for entry, body in bodies:
        try:
            article = normalize_entry(
                entry, feed, source_url=source_url, now=now, sanitized_body=body
            )
        except NewsfeedError as exc:
            log.info("%s: skipped an entry: %s", source_url, exc)
        else:
            articles.append(article)
    return articles


def parse_and_sanitize(
    fetched: FetchResult, source_url: str
) -> tuple[RawFeed, Iterator[tuple[RawEntry, str]]]:
    """The feed's own fields (without entries) and each entry with its sanitized body, in
    order. The bodies are sanitized on two threads, ahead of the caller: it can normalize
    the first entries while the rest are cleaned. Cleaning starts even earlier, on the
    bodies' likely text read from the raw bytes, while lxml builds the tree (without the
    GIL); what it cleaned is used for the bodies that turn out to be exactly that text."""
    early = EarlySanitizing(likely_bodies(fetched.content, fetched.encoding), fetched.url)
    try:
        feed = parse_feed(
            fetched.content,
            url=fetched.url,
            content_type=fetched.content_type,
            encoding=fetched.encoding,
            on_tree=early.halt,
        )
    finally:
        early.halt()  # already, unless the feed went to the fallback parser or failed
    entries = feed.entries[:MAX_ENTRIES_PER_FEED]
    if len(entries) < len(feed.entries):
        log.info("%s: kept the first %d of %d entries", source_url, len(entries), len(feed.entries))
    bodies = sanitize_ahead(
        entries, lambda entry: body_source(entry, feed, source_url), known=early.results()
    )
    return replace(feed, entries=()), bodies


def parse_and_normalize(
    fetched: FetchResult, source_url: str, now: datetime
) -> tuple[RawFeed, list[ArticleData]]:
    """The feed's own fields (without entries) and its articles."""
    feed, bodies = parse_and_sanitize(fetched, source_url)
    return feed, normalize_feed(feed, bodies, source_url, now)


def processes_for(setting: int, n_sources: int) -> int:
    """How many worker processes a refresh of `n_sources` should use (0: inline)."""
    if n_sources < MIN_SOURCES_FOR_POOL or setting < 0:
        return 0
    return setting or os.cpu_count() or 1


def _shared_pool(size: int) -> ProcessPoolExecutor:
    global _pool, _pool_size
    with _lock:
        if _pool is None or _pool_size != size:
            if _pool is not None:
                _pool.shutdown(wait=False, cancel_futures=True)
            context = multiprocessing.get_context("spawn")  # safe beside threads and sockets
            _pool, _pool_size = ProcessPoolExecutor(size, mp_context=context), size
        return _pool


@atexit.register
def _shutdown() -> None:
    if _pool is not None:
        _pool.shutdown(wait=False, cancel_futures=True)


async def parse_fetched(
    fetched: FetchResult, source_url: str, now: datetime, *, processes: int
) -> tuple[RawFeed, list[ArticleData]]:
    if processes <= 0:  # on a thread: the event loop (maybe the web app's) keeps serving
        return await asyncio.to_thread(parse_and_normalize, fetched, source_url, now)
    loop = asyncio.get_running_loop()
    pool = _shared_pool(processes)
    try:
        return await loop.run_in_executor(pool, parse_and_normalize, fetched, source_url, now)
    except BrokenProcessPool:  # a worker died (killed, out of memory): start afresh
        log.warning("a parse worker died; starting new ones")
        _discard(pool)
        return parse_and_normalize(fetched, source_url, now)


def _discard(pool: ProcessPoolExecutor) -> None:
    global _pool
    with _lock:
        if _pool is pool:
            _pool = None
    pool.shutdown(wait=False, cancel_futures=True)
