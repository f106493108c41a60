"""The JSON API under /api/v1 over a real store: every endpoint, its pagination and its
problem+json errors. Adding a source fetches a real feed from the local test server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest

from newsfeed.web.app import create_app
from newsfeed.web.testing import sample_articles
from tests.localserver import LocalServer
from tests.queries import list_items

NOW = datetime(2024, 3, 5, 12, 0, tzinfo=UTC)
RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Valley Courier</title><link>http://valley.invalid/</link>
<description>News from the valley</description>
<item><title>Bridge reopens after repairs</title><link>http://valley.invalid/bridge</link>
<guid>valley-1</guid><pubDate>Tue, 05 Mar 2024 09:00:00 GMT</pubDate>
<description>The old bridge carries traffic again from Monday, the council said.</description>
</item></channel></rss>"""


@pytest.fixture
def source_id(store) -> int:
    source = store.sources.add(
        "https://gazette.example.invalid/feed.xml", title="Harbour Gazette", now=NOW
    )
    store.articles.save(source.id, sample_articles(45, NOW), now=NOW)
    return source.id


@pytest.fixture
async def api(settings, store, source_id) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(settings, store))
    async with httpx.AsyncClient(
        transport=transport, base_url="http://testserver/api/v1"
    ) as client:
        yield client


def assert_problem(r: httpx.Response, status: int) -> dict:
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["status"] == status
    assert body["type"] and body["title"] and body["detail"]
    return body


async def test_articles_paginate_with_cursor_and_link_header(api, store):
    first = await api.get("/articles", params={"limit": 20})
    assert first.status_code == 200
    page = first.json()
    assert [a["id"] for a in page["items"]] == [a.id for a in list_items(store, limit=20).items]
    assert first.headers["link"].endswith('>; rel="next"')
    seen = [a["id"] for a in page["items"]]
    while page["next_cursor"]:
        r = await api.get("/articles", params={"limit": 20, "cursor": page["next_cursor"]})
        page = r.json()
        seen += [a["id"] for a in page["items"]]
    assert len(seen) == len(set(seen)) == 45
    assert "link" not in r.headers


async def test_articles_filter_by_source_author_topic(api, store, source_id):
    author = store.authors.all()[0].slug
    for params, expected in (
        ({"source": source_id}, list_items(store, source_id=source_id)),
        ({"author": author}, list_items(store, author_slug=author)),
        ({"topic": "local-news"}, list_items(store, tag_slug="local-news")),
    ):
        body = (await api.get("/articles", params=params)).json()
        assert [a["id"] for a in body["items"]] == [a.id for a in expected.items], params
    assert (await api.get("/articles", params={"source": source_id + 99})).json()["items"] == []


async def test_article_detail(api, store):
    newest = list_items(store, limit=1).items[0]
    body = (await api.get(f"/articles/{newest.id}")).json()
    assert body["title"] == newest.title and body["content_html"] == newest.content_html
    assert body["image"]["credit"] == newest.image.credit
    assert body["authors"][0]["name"] == newest.authors[0].name
    assert body["page_url"] == f"/articles/{newest.id}/{newest.slug}"
    assert body["revisions"] == []


async def test_bad_input_is_problem_json(api):
    assert_problem(await api.get("/articles/987654"), 404)
    assert_problem(await api.get("/articles", params={"cursor": "garbage!"}), 400)
    assert_problem(await api.get("/articles", params={"limit": 0}), 422)
    assert_problem(await api.get("/articles", params={"limit": "many"}), 422)
    assert_problem(await api.get("/authors/nobody-here"), 404)
    assert_problem(await api.get("/sources/424242"), 404)
    assert_problem(await api.get("/search", params={"q": ""}), 400)
    assert_problem(await api.get("/no-such-endpoint"), 404)
    assert_problem(await api.delete("/articles/1"), 405)


async def test_search(api):
    r = await api.get("/search", params={"q": "lighthouse", "limit": 5})
    body = r.json()
    assert body["items"]
    assert any("<mark>" in hit["snippet_html"] for hit in body["items"])
    ranks = [hit["rank"] for hit in body["items"]]
    assert all(isinstance(rank, float) for rank in ranks)
    none = (await api.get("/search", params={"q": "lighthouse", "until": "1999-01-01"})).json()
    assert none["items"] == []


async def test_authors_and_topics(api, store):
    authors = (await api.get("/authors")).json()
    assert {a["name"] for a in authors} == {"Mara Lindqvist", "Tomas Okafor", "Ines Albright"}
    one = (await api.get(f"/authors/{authors[0]['slug']}")).json()
    assert one["name"] == authors[0]["name"] and one["article_count"] == 15
    topics = (await api.get("/topics")).json()
    assert topics[0]["slug"] == "local-news" and topics[0]["article_count"] == 45


async def test_add_refresh_and_delete_a_source(api, server: LocalServer, store):
    url = server.route("/courier.xml", body=RSS, headers={"Content-Type": "application/rss+xml"})
    r = await api.post("/sources", json={"url": url})
    assert r.status_code == 201, r.text
    source = r.json()
    assert source["title"] == "Valley Courier" and source["kind"] == "feed"
    assert_problem(await api.post("/sources", json={"url": url}), 409)
    refreshed = await api.post(f"/sources/{source['id']}/refresh")
    assert refreshed.status_code == 200 and refreshed.json()["ok"] is True
    listed = (await api.get("/sources")).json()
    assert source["id"] in [s["id"] for s in listed]
    found = (await api.get("/articles", params={"source": source["id"]})).json()["items"]
    assert [a["title"] for a in found] == ["Bridge reopens after repairs"]
    assert (await api.delete(f"/sources/{source['id']}")).status_code == 204
    assert_problem(await api.get(f"/sources/{source['id']}"), 404)
    assert_problem(await api.delete(f"/sources/{source['id']}"), 404)
    assert_problem(await api.post(f"/sources/{source['id']}/refresh"), 404)


async def test_adding_a_bad_url_says_why(api):
    body = assert_problem(await api.post("/sources", json={"url": "ftp://files.invalid/x"}), 422)
    assert body["code"] == "bad_url" and "not an http" in body["detail"]
    body = assert_problem(await api.post("/sources", json={"url": "   "}), 422)
    assert body["code"] == "bad_url"
    body = assert_problem(await api.post("/sources", json={"kind": "feed"}), 422)
    assert "url" in body["detail"]
    assert_problem(await api.post("/sources", json={"url": "http://x.invalid/", "kind": "x"}), 422)


async def test_openapi_document(api):
    doc = (await api.get("/openapi.json")).json()
    assert doc["openapi"].startswith("3.")
    paths = set(doc["paths"])
    assert {
        "/articles",
        "/articles/{article_id}",
        "/sources",
        "/sources/{source_id}",
        "/sources/{source_id}/refresh",
        "/authors",
        "/authors/{slug}",
        "/topics",
        "/search",
    } <= paths
    assert "Problem" in doc["components"]["schemas"]


async def test_api_get_has_etag(api):
    first = await api.get("/articles")
    again = await api.get("/articles", headers={"if-none-match": first.headers["etag"]})
    assert again.status_code == 304


async def test_a_source_is_paused_resumed_and_renamed(api, source_id):
    paused = await api.patch(f"/sources/{source_id}", json={"enabled": False})
    assert paused.status_code == 200 and paused.json()["enabled"] is False
    renamed = await api.patch(f"/sources/{source_id}", json={"title": "Gazette", "enabled": True})
    assert renamed.json()["title"] == "Gazette" and renamed.json()["enabled"] is True
    assert (await api.get(f"/sources/{source_id}")).json()["title"] == "Gazette"
    bad = await api.patch(f"/sources/{source_id}", json={"full_text": "sometimes"})
    assert bad.status_code == 422 and bad.headers["content-type"].startswith("application/problem")
    missing = await api.patch("/sources/99999", json={"enabled": False})
    assert missing.status_code == 404
