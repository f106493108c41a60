"""Full text: fetch an item's article page and merge what extraction finds into the
article. Used for page sources, and for feed sources in full_text "always", or "auto" when
the feed's text is short (a teaser). A page that cannot be fetched or extracted leaves the
feed's version in place with the error recorded on the article."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine, Sequence
from datetime import datetime
from typing import Any

from newsfeed.errors import ExtractionError, NewsfeedError
from newsfeed.fetch import Fetcher
from newsfeed.model import ArticleData, FetchResult, RawPage, Source
from newsfeed.normalize.merge import merge_failure, merge_page
from newsfeed.parse.page import extract_page
from newsfeed.settings import Settings

log = logging.getLogger(__name__)

PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"


def wants_full_text(source: Source, article: ArticleData, settings: Settings) -> bool:
    if source.full_text == "never" or not article.url:
        return False
    if source.full_text == "always":
        return True
    return article.word_count < settings.full_text_min_words


async def fetch_article_page(fetcher: Fetcher, url: str) -> tuple[str, bytes]:
    """The final URL and body of an article page; raises FetchError/ExtractionError."""
    result = await fetcher.get(url, accept=PAGE_ACCEPT)
    _check_html(result)
    return result.url, result.content


def _check_html(result: FetchResult) -> None:
    ctype = result.content_type or ""
    if ctype and "html" not in ctype and "xml" not in ctype:
        raise ExtractionError(f"{result.url}: not an HTML page ({ctype})", url=result.url)


async def with_full_text(
    fetcher: Fetcher, article: ArticleData, *, now: datetime
) -> tuple[ArticleData, bool]:
    """The article enriched from its page; (article, ok)."""
    assert article.url
    try:
        final_url, body = await fetch_article_page(fetcher, article.url)
        page = await asyncio.to_thread(extract_page, body, url=final_url)
    except NewsfeedError as exc:
        log.info("full text of %s: %s", article.url, exc)
        failure = (
            exc if isinstance(exc, ExtractionError) else ExtractionError(str(exc), code=exc.code)
        )
        return merge_failure(article, failure), False
    except Exception as exc:  # a bug of ours on a hostile page: keep the feed's version
        log.exception("full text of %s: unexpected error", article.url)
        failure = ExtractionError(f"internal error: {type(exc).__name__}", code="internal_error")
        return merge_failure(article, failure), False
    return merge_page(article, page, now=now), True


async def fill_full_text(
    fetcher: Fetcher,
    source: Source,
    articles: Sequence[ArticleData],
    known_guids: set[str],
    settings: Settings,
    *,
    now: datetime,
) -> tuple[list[ArticleData], int, int, int, int]:
    """Full text for the new items that want it; returns (articles, fetched, failed,
    skipped, deferred: new items left for a later refresh by the page cap or deadline).
    Items that want full text but are already stored are left out, so their page version is
    kept as it is (a teaser feed tells us nothing new about them)."""
    keep: list[ArticleData] = []
    todo: list[ArticleData] = []
    for article in articles:
        if not wants_full_text(source, article, settings):
            keep.append(article)
        elif article.guid not in known_guids:
            todo.append(article)
    wanted = len(todo)
    todo = todo[: settings.full_text_max_pages]
    deadline = settings.full_text_deadline_s
    done = await _within(deadline, [with_full_text(fetcher, a, now=now) for a in todo])
    failed = sum(1 for _, ok in done if not ok)
    skipped = len(articles) - len(keep) - len(done)
    if len(done) < len(articles) - len(keep):
        log.info("%s: %d items wait for a later refresh", source.url, skipped)
    return keep + [a for a, _ in done], len(done), failed, skipped, wanted - len(done)


# At most `full_text_max_pages` article pages per source and refresh, all within
# `full_text_deadline_s` (settings): a feed of 10,000 teasers costs 20 page fetches now and
# the next 20 at the next refresh (items left for later are not stored yet, so they are
# still new then).


async def _within(
    deadline_s: float, jobs: Sequence[Coroutine[Any, Any, tuple[ArticleData, bool]]]
) -> list[tuple[ArticleData, bool]]:
    """The results of the jobs that finish within `deadline_s`, in order; the rest are
    cancelled (their items are left for a later refresh)."""
    tasks = [asyncio.ensure_future(job) for job in jobs]
    if not tasks:
        return []
    _, late = await asyncio.wait(tasks, timeout=deadline_s)
    for task in late:
        task.cancel()
    await asyncio.gather(*late, return_exceptions=True)
    return [t.result() for t in tasks if t.done() and not t.cancelled()]


async def page_article_from(fetched: FetchResult, *, now: datetime) -> tuple[ArticleData, RawPage]:
    """A page source: the single article in this fetched page (and what the page said
    about itself). Raises on failure."""
    _check_html(fetched)
    page = await asyncio.to_thread(extract_page, fetched.content, url=fetched.url)
    return merge_page(None, page, now=now), page
