"""Atom, RSS and JSON Feed output for every list: strict XML, feedparser without bozo, the
JSON Feed 1.1 fields, and next-page links that walk the whole list."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import feedparser
import httpx
import pytest
from lxml import etree

from newsfeed.web.app import create_app
from newsfeed.web.testing import sample_article, sample_articles
from tests.queries import list_items

NOW = datetime(2024, 3, 5, 12, 0, tzinfo=UTC)
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def source_id(store) -> int:
    source = store.sources.add(
        "https://gazette.example.invalid/feed.xml", title="Harbour Gazette", now=NOW
    )
    articles = sample_articles(40, NOW)
    tricky = replace(
        sample_article(39, NOW),
        guid="tricky",
        title="Ünïcode & <angle> \x0b brackets",
        dek="Café \x01 “quotes”",
        content_html="<p>A &amp; B <em>said</em> \x08 so</p>",
        published_at=NOW + timedelta(hours=1),
    )
    store.articles.save(source.id, [*articles, tricky], now=NOW)
    return source.id


@pytest.fixture
async def client(settings, store, source_id) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(settings, store))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


def list_paths(store, source_id: int) -> list[str]:
    author = store.authors.all()[0].slug
    return [
        "/index",
        "/",
        f"/sources/{source_id}",
        "/topics/local-news",
        f"/authors/{author}",
        "/search?q=harbour",
    ]


def with_fmt(path: str, fmt: str) -> str:
    base, _, query = path.partition("?")
    base = "/" if base == "/" else base
    url = f"/.{fmt}" if base == "/" else f"{base}.{fmt}"
    return f"{url}?{query}" if query else url


@pytest.mark.parametrize("fmt", ["atom", "rss"])
async def test_xml_feeds_are_strict_xml_and_feedparser_clean(client, store, source_id, fmt):
    for path in list_paths(store, source_id):
        r = await client.get(with_fmt(path, fmt))
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith(f"application/{fmt}+xml")
        etree.fromstring(r.content, etree.XMLParser(recover=False, resolve_entities=False))
        parsed = feedparser.parse(r.content)
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.entries, path


async def test_atom_has_required_elements(client):
    root = etree.fromstring((await client.get("/index.atom")).content)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{name}") is not None, name
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 30
    for entry in entries:
        for name in ("id", "title", "updated", "published", "content"):
            assert entry.find(f"{ATOM}{name}") is not None, name
        assert (
            entry.find(f"{ATOM}link[@rel='alternate']")
            .get("href")
            .startswith("http://testserver/articles/")
        )
    self_link = root.find(f"{ATOM}link[@rel='self']").get("href")
    assert self_link == "http://testserver/index.atom"


async def test_tricky_text_survives_the_round_trip(client):
    parsed = feedparser.parse((await client.get("/index.atom")).content)
    entry = next(e for e in parsed.entries if "brackets" in e.title)
    assert entry.title == "Ünïcode & <angle>  brackets"
    assert "A &amp; B <em>said</em>" in entry.content[0].value


@pytest.mark.parametrize("fmt", ["atom", "rss", "json"])
async def test_next_links_walk_the_whole_list_once(client, store, fmt):
    seen: list[str] = []
    url: str | None = f"/index.{fmt}"
    while url:
        body = (await client.get(url)).content
        if fmt == "json":
            feed = json.loads(body)
            seen += [item["url"] for item in feed["items"]]
            url = feed.get("next_url")
        else:
            parsed = feedparser.parse(body)
            seen += [e.link for e in parsed.entries]
            url = next(
                (link.href for link in parsed.feed.get("links", []) if link.rel == "next"), None
            )
        url = url.removeprefix("http://testserver") if url else None
    assert len(seen) == len(set(seen)) == store.articles.count()


async def test_json_feed_has_the_1_1_fields(client, store):
    r = await client.get("/index.json")
    assert r.headers["content-type"].startswith("application/feed+json")
    feed = json.loads(r.content)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] == "News Feed"
    assert feed["feed_url"] == "http://testserver/index.json"
    assert feed["next_url"].startswith("http://testserver/index.json?cursor=")
    newest = list_items(store, limit=1).items[0]
    item = feed["items"][0]
    assert item["id"] == str(newest.id)
    assert item["url"] == f"http://testserver/articles/{newest.id}/{newest.slug}"
    assert item["title"] == newest.title
    assert item["content_html"] == newest.content_html
    assert item["date_published"].endswith("Z")
    assert item["authors"][0]["name"] == newest.authors[0].name
    assert item["image"] == newest.image.url
    assert set(item["tags"]) == {t.name for t in newest.tags}
    assert item["external_url"] == newest.url


async def test_search_feed_keeps_the_query_and_bad_input_is_a_problem(client):
    feed = json.loads((await client.get("/search.json", params={"q": "harbour"})).content)
    assert "q=harbour" in feed["feed_url"] and feed["items"]
    r = await client.get("/search.json", params={"q": ""})
    assert r.status_code == 400
    assert r.headers["content-type"] == "application/problem+json"
    assert json.loads(r.content)["status"] == 400


async def test_unknown_list_feed_is_404_problem(client):
    r = await client.get("/topics/no-such-topic.rss")
    assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"
