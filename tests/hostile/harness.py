"""What every hostile case needs: a source with something already stored, a refresh that
meets the hostile input, and a snapshot to prove that nothing stored changed."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime

from newsfeed.fetch import Fetcher
from newsfeed.model import ArticleItem, ArticleView, Source
from newsfeed.settings import Settings
from newsfeed.store.api import Store
from newsfeed.update.result import RefreshResult
from newsfeed.update.service import refresh_sources
from tests.localserver import LocalServer
from tests.queries import list_items

RSS = "application/rss+xml; charset=utf-8"
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def rss(*items: str, title: str = "Quay Street Bulletin") -> bytes:
    body = "".join(items)
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>https://quay.example/</link>{body}</channel></rss>"
    ).encode()


def item(guid: str, title: str, text: str = "", link: str | None = None) -> str:
    link = link or f"https://quay.example/{guid}"
    return (
        f"<item><guid>{guid}</guid><title>{title}</title><link>{link}</link>"
        f"<description>{text}</description><pubDate>Tue, 17 Nov 2026 08:00:00 GMT</pubDate>"
        "</item>"
    )


GOOD_FEED = rss(
    item("q-1", "Ferry timetable changes from Monday", "Boats leave every twenty minutes."),
    item("q-2", "Market hall reopens after repairs", "Stalls return to the ground floor."),
)


@dataclass(frozen=True)
class Stored:
    """Every stored article, whole (text, body, authors, tags, revisions), by id."""

    views: tuple[ArticleView, ...]


def snapshot(store: Store) -> Stored:
    page = list_items(store, limit=200)
    return Stored(tuple(store.articles.get(a.id) for a in sorted(page.items, key=_id)))


def _id(article: ArticleItem) -> int:
    return article.id


def refresh(
    store: Store, settings: Settings, source: Source, fetcher: Fetcher | None = None
) -> RefreshResult:
    async def run() -> RefreshResult:
        if fetcher is None:
            (result,) = await refresh_sources(store, settings, [source.id], now=NOW, force=True)
            return result
        async with fetcher:
            (result,) = await refresh_sources(
                store, settings, [source.id], now=NOW, force=True, fetcher=fetcher
            )
            return result

    return asyncio.run(run())


def source_at(store: Store, url: str, full_text: str = "never") -> Source:
    return store.sources.add(url, kind="feed", full_text=full_text, now=NOW)  # type: ignore[arg-type]


def with_good_articles(store: Store, settings: Settings, server: LocalServer) -> Source:
    """A source at /feed that already holds the two articles of GOOD_FEED."""
    url = server.route("/feed", body=GOOD_FEED, headers={"Content-Type": RSS})
    source = source_at(store, url)
    result = refresh(store, settings, source)
    assert result.ok and result.new == 2, result.summary
    return source


def assert_refused(
    store: Store,
    source: Source,
    result: RefreshResult,
    before: Stored,
    code: str,
    *words: str,
) -> None:
    """The refresh failed with `code`, its message names the problem (`words`), the source
    shows the same error, and no article changed."""
    assert not result.ok and result.error_code == code, result.summary
    message = result.error_message or ""
    for word in words:
        assert word in message, message
    shown = store.sources.get(source.id)
    assert shown.last_error_code == code and shown.last_error == message
    assert snapshot(store) == before
