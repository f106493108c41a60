"""Full articles from web pages, end to end: a page source and a teaser-only feed in `auto`
mode both end as full articles — with caption, credit and author box — in the web app."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from newsfeed.update.service import add_source, refresh_sources
from tests.queries import list_items

DATA = Path(__file__).parent.parent / "data" / "ingest"
CHROME = [
    "News Feed",
    "Show More",
    "Read more",
    "Subscribe",
    "1 min read",
    "Avatar",
    "Council delays vote",
    "Courier Photo Desk",
    "Related: Bus cuts",
]


@pytest.fixture
def site(server):
    page = (DATA / "night-trains.html").read_bytes()
    server.route("/2026/11/night-trains", body=page, headers={"Content-Type": "text/html"})
    feed = (DATA / "teaser.rss").read_bytes().replace(b"BASE", server.base.encode())
    server.route("/feed.rss", body=feed, headers={"Content-Type": "application/rss+xml"})
    return server


def run(coro):
    return asyncio.run(coro)


def assert_full_article(article, server):
    assert article.title == "Night trains return to the valley line"
    assert "bar car serves soup" in article.text
    assert article.word_count > 120
    for chrome in CHROME:
        assert chrome not in article.text, chrome
    assert article.image is not None
    assert article.image.url == server.url("/img/night-train.jpg")
    assert article.image.caption.startswith("The first sleeper carriage waits at Eastfold")
    assert article.image.credit == "Courier Photo Desk"
    (author,) = article.authors
    assert (author.name, author.role) == ("Greta Solberg", "Reporter")
    assert author.bio.startswith("Greta Solberg covers transport")
    assert author.avatar_url == server.url("/avatars/greta.png")


def test_page_source_becomes_a_full_article(store, settings, site):
    source = run(add_source(store, settings, site.url("/2026/11/night-trains"), kind="page"))
    (result,) = run(refresh_sources(store, settings, [source.id]))
    assert result.ok and result.new == 1, result.summary
    (item,) = list_items(store, source_id=source.id).items
    assert_full_article(store.articles.get(item.id), site)
    assert store.sources.get(source.id).title == "Valley Courier"  # from og:site_name


def test_teaser_feed_in_auto_mode_fetches_pages_once(store, settings, site):
    source = run(add_source(store, settings, site.url("/feed.rss")))
    assert source.full_text == "auto"
    (result,) = run(refresh_sources(store, settings, [source.id]))
    assert result.ok and result.new == 2 and result.pages_fetched == 2
    by_url = {a.url: store.articles.get(a.id) for a in list_items(store).items}
    assert_full_article(by_url[site.url("/2026/11/night-trains")], site)

    missing = by_url[site.url("/2026/11/gone")]  # the page 404s: the feed's version stays
    assert missing.text == "This page is missing."
    assert missing.extraction_error and "http_404" in missing.extraction_error

    hits_before = site.hits("/2026/11/night-trains")
    (again,) = run(refresh_sources(store, settings, [source.id]))
    assert again.pages_fetched == 0 and again.unchanged == 2 and again.updated == 0
    assert site.hits("/2026/11/night-trains") == hits_before


def test_never_mode_keeps_the_teaser(store, settings, site):
    source = run(add_source(store, settings, site.url("/feed.rss"), full_text="never"))
    run(refresh_sources(store, settings, [source.id]))
    texts = {store.articles.get(a.id).text for a in list_items(store).items}
    assert "Sleeper services are back after six years." in texts
    assert site.hits("/2026/11/night-trains") == 0


async def _get(app, path: str) -> str:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        response = await client.get(path, follow_redirects=True)
    assert response.status_code == 200
    return response.text


def test_full_article_in_the_web_app(store, settings, site):
    from newsfeed.web.app import create_app

    source = run(add_source(store, settings, site.url("/2026/11/night-trains"), kind="page"))
    run(refresh_sources(store, settings, [source.id]))
    (item,) = list_items(store, source_id=source.id).items
    html = run(_get(create_app(settings, store), f"/articles/{item.id}"))
    assert "<figcaption" in html and "The first sleeper carriage waits at Eastfold" in html
    assert "Courier Photo Desk" in html
    assert "Greta Solberg" in html and "Reporter" in html and "covers transport" in html
    assert "/authors/greta-solberg" in html


def test_hostile_links_on_a_page_do_not_break_the_refresh(store, settings, server):
    """Malformed and javascript: links in an article page: the article is still stored,
    and no such link reaches the store."""
    page = (DATA / "night-trains.html").read_bytes()
    page = page.replace(b'href="/authors/greta-solberg">Greta', b'href="http://[oops">Greta')
    page = page.replace(b'<img src="/avatars/greta.png"', b'<img src="javascript:alert(1)"')
    page = page.replace(b'"url":"/authors/greta-solberg"', b'"url":"javascript:alert(1)"')
    server.route("/2026/11/night-trains", body=page, headers={"Content-Type": "text/html"})
    feed = (DATA / "teaser.rss").read_bytes().replace(b"BASE", server.base.encode())
    feed = feed.replace(
        b"<link>" + server.base.encode() + b"/</link>",
        b"<link>javascript:alert(document.domain)</link>",
    )
    server.route("/feed.rss", body=feed, headers={"Content-Type": "application/rss+xml"})
    source = run(add_source(store, settings, server.url("/feed.rss")))
    (result,) = run(refresh_sources(store, settings, [source.id]))
    assert result.ok and result.new == 2, result.summary
    assert store.sources.get(source.id).site_url is None
    item = next(a for a in list_items(store).items if a.url.endswith("night-trains"))
    article = store.articles.get(item.id)
    assert "bar car serves soup" in article.text
    for author in article.authors:
        assert not (author.url or "").startswith("javascript")
        assert not (author.avatar_url or "").startswith("javascript")
