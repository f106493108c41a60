"""The operations the CLI, the web app and the workers share: add a source (finding the
feed of a site), refresh sources. Thin over fetch/parse/store; no SQL, no HTTP framework."""

from __future__ import annotations

import asyncio
import os
import socket
from collections.abc import Sequence
from datetime import datetime
from functools import partial
from urllib.parse import urljoin

from newsfeed.errors import AlreadyExists, InvalidInput, NewsfeedError, ParseError
from newsfeed.fetch import Fetcher
from newsfeed.model import FetchResult, FullText, Source, SourceKind
from newsfeed.normalize.urls import canonical_url, join_http
from newsfeed.parse.discover import COMMON_FEED_PATHS, find_feed_links, looks_like_feed
from newsfeed.parse.feeds import parse_feed
from newsfeed.parse.page import extract_page
from newsfeed.settings import Settings
from newsfeed.store.api import Store
from newsfeed.update import fulltext
from newsfeed.update.refresh import FEED_ACCEPT, refresh_many, utcnow
from newsfeed.update.result import RefreshResult

__all__ = ["RefreshResult", "add_source", "clean_url", "refresh_sources", "worker_name"]

KINDS: tuple[SourceKind, ...] = ("feed", "page")
FULL_TEXT_MODES: tuple[FullText, ...] = ("auto", "always", "never")


def clean_url(url: str) -> str:
    """The URL a user gave, cleaned; InvalidInput(code="bad_url") naming the problem."""
    text = (url or "").strip()
    if not text:
        raise InvalidInput("the URL is empty", code="bad_url")
    if "://" not in text and "." in text.split("/")[0] and " " not in text:
        text = "https://" + text
    return canonical_url(text)  # InvalidInput with the reason; a password never shown


def _check_choice(name: str, value: str, allowed: Sequence[str]) -> None:
    if value not in allowed:
        raise InvalidInput(
            f"{name} must be one of {', '.join(allowed)} (got {value!r})", code="bad_argument"
        )


async def _find_feed(fetcher: Fetcher, url: str) -> tuple[str, FetchResult]:
    """The feed at `url`, or the feed a web page points to, or one at a common path."""
    first = await fetcher.get(url, accept=FEED_ACCEPT)
    if looks_like_feed(first.content, first.content_type):
        return first.url, first
    candidates = find_feed_links(first.content, first.url)
    candidates += [urljoin(first.url, path) for path in COMMON_FEED_PATHS]
    for candidate in dict.fromkeys(candidates):
        try:
            found = await fetcher.get(candidate, accept=FEED_ACCEPT)
        except NewsfeedError:
            continue
        if looks_like_feed(found.content, found.content_type):
            return found.url, found
    raise ParseError(
        f"no feed found at {url} (nor linked from it); add it with --page to follow it as a "
        "single article",
        code="not_a_feed",
        url=url,
    )


async def add_source(
    store: Store,
    settings: Settings,
    url: str,
    *,
    kind: SourceKind = "feed",
    full_text: FullText = "auto",
    title: str | None = None,
    discover: bool = True,
    now: datetime | None = None,
) -> Source:
    """Add a source. With `discover` the URL is fetched first: a feed is checked to parse, a
    web page is searched for its feed, an article page (kind "page") is checked to hold an
    article. Raises InvalidInput, FetchError, ParseError,
    AlreadyExists — nothing is stored unless it succeeds."""
    _check_choice("kind", kind, KINDS)
    _check_choice("full_text", full_text, FULL_TEXT_MODES)
    clean = clean_url(url)
    when = now or utcnow()
    existing = await asyncio.to_thread(store.sources.find, clean)
    if existing is not None:
        raise AlreadyExists(f"{clean} is already a source (id {existing.id})", url=clean)
    site_url = None
    if kind == "page" and discover:
        async with Fetcher(settings) as fetcher:
            await check_article_page(fetcher, clean)
    if kind == "feed" and discover:
        async with Fetcher(settings) as fetcher:
            clean, fetched = await _find_feed(fetcher, clean)
        feed = parse_feed(
            fetched.content,
            url=fetched.url,
            content_type=fetched.content_type,
            encoding=fetched.encoding,
        )
        title = title or feed.title
        site_url = join_http(fetched.url, feed.link)
    return await asyncio.to_thread(
        partial(store.sources.add, clean, kind=kind, title=title, site_url=site_url),
        full_text=full_text,
        now=when,
    )


async def check_article_page(fetcher: Fetcher, url: str) -> None:
    """Raise unless `url` is an HTML page holding an article (nothing is stored)."""
    final_url, body = await fulltext.fetch_article_page(fetcher, url)
    await asyncio.to_thread(extract_page, body, url=final_url)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _sources_to_refresh(
    store: Store,
    settings: Settings,
    source_ids: Sequence[int] | None,
    now: datetime,
    force: bool,
    limit: int,
) -> list[Source]:
    if source_ids:
        return [store.sources.get(sid) for sid in source_ids]  # NotFound names the id
    if force:
        return [s for s in store.sources.all() if s.enabled]
    return store.sources.claim_due(
        now=now, limit=limit, worker=worker_name(), lease_s=settings.lease_s
    )


async def refresh_sources(
    store: Store,
    settings: Settings,
    source_ids: Sequence[int] | None = None,
    *,
    now: datetime | None = None,
    force: bool = False,
    limit: int = 1000,
    fetcher: Fetcher | None = None,
) -> list[RefreshResult]:
    """Refresh the given sources, or else every due one (claimed with a lease so that
    other workers skip it), or with `force` every enabled one. Never raises for a bad
    source: each one's outcome is in its RefreshResult."""
    when = now or utcnow()
    sources = await asyncio.to_thread(
        _sources_to_refresh, store, settings, source_ids, when, force, limit
    )
    return await refresh_many(store, settings, sources, now=when, fetcher=fetcher)
