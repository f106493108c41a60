"""The `language` filter (added as one field of ArticleQuery and one clause): lists, search
and the API keep only articles in that language, in every order and page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from newsfeed.model import ArticleData, ArticleQuery, ArticleSummary
from newsfeed.web.app import create_app

NOW = datetime(2026, 3, 1, tzinfo=UTC)


def _article(i: int, language: str) -> ArticleData:
    title = f"Hafenfähre fährt wieder {i}" if language == "de" else f"Harbour ferry runs {i}"
    return ArticleData(
        guid=f"g{i}", url=f"https://quay.example/{i}", title=title, dek=None,
        content_html=f"<p>{title}</p>", text=f"{title} ferry", language=language,
        published_at=NOW - timedelta(hours=i), updated_at=None, word_count=4,
        reading_minutes=1, content_hash=f"h{i}",
    )  # fmt: skip


def _stored(store: Any) -> int:
    source = store.sources.add("https://quay.example/feed", now=NOW)
    langs = ["de" if i % 3 == 0 else "en" for i in range(9)]
    store.articles.save(source.id, [_article(i, lang) for i, lang in enumerate(langs)], now=NOW)
    return int(source.id)


def test_lists_and_search_keep_one_language(store: Any) -> None:
    source_id = _stored(store)
    german = ArticleQuery(load=ArticleSummary, language="de", limit=2)
    first = store.articles.page(german)
    rest = store.articles.page(
        ArticleQuery(load=ArticleSummary, language="de", cursor=first.next_cursor)
    )
    titles = [a.title for a in (*first.items, *rest.items)]
    assert titles == [
        "Hafenfähre fährt wieder 0",
        "Hafenfähre fährt wieder 3",
        "Hafenfähre fährt wieder 6",
    ]
    oldest = store.articles.page(ArticleQuery(load=ArticleSummary, language="en", order="oldest"))
    assert [a.title[-1] for a in oldest.items] == ["8", "7", "5", "4", "2", "1"]
    both = ArticleQuery(load=ArticleSummary, language="de", source_id=source_id, text="ferry")
    assert {h.article.language for h in store.articles.search(both).items} == {"de"}
    assert store.articles.page(ArticleQuery(load=ArticleSummary, language="fr")).items == ()


async def test_the_api_filters_by_language(store: Any, settings: Any) -> None:
    _stored(store)
    transport = httpx.ASGITransport(app=create_app(settings, store))
    async with httpx.AsyncClient(transport=transport, base_url="http://t/api/v1") as api:
        response = await api.get("/articles", params={"language": "de"})
    assert response.status_code == 200
    assert [a["language"] for a in response.json()["items"]] == ["de"] * 3
