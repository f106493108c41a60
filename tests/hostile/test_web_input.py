"""Requests written to hurt the web app: foreign Host headers (DNS rebinding), bodies too
large, URLs and JSON the API must refuse with a problem, search strings the database must
not choke on. Every answer is a clear 4xx (never a 500) and nothing stored changes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest

from newsfeed.web.app import create_app
from newsfeed.web.headers import SecurityHeaders, allowed_hosts
from newsfeed.web.testing import sample_articles
from tests.hostile.harness import snapshot
from tests.queries import list_items

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


@pytest.fixture
def filled(store):
    source = store.sources.add("https://quay.example/feed", title="Quay", now=NOW)
    store.articles.save(source.id, sample_articles(5, NOW), now=NOW)
    return store


def guarded_app(settings, store, **kw):
    """The app behind the request checks, as `create_app` wires them with the settings."""
    return SecurityHeaders(
        create_app(settings, store), "/static/none/", hosts=allowed_hosts("127.0.0.1"), **kw
    )


@pytest.fixture
async def web(settings, filled) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=guarded_app(settings, filled, max_body_bytes=10_000))
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as c:
        yield c


@pytest.mark.parametrize(
    "host", ["attacker.example", "attacker.example:8000", "127.0.0.1.nip.io", "[::2]", ""]
)
async def test_a_foreign_host_header_is_refused(web, filled, host):
    before = snapshot(filled)
    r = await web.post("/api/v1/sources/1/refresh", headers={"Host": host})
    assert r.status_code == 421
    assert "does not answer to the host name" in r.text
    assert r.headers["x-content-type-options"] == "nosniff"
    assert snapshot(filled) == before


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost", "LOCALHOST:1", "[::1]:8000"])
async def test_local_host_names_are_served(web, host):
    r = await web.get("/api/v1/sources", headers={"Host": host})
    assert r.status_code == 200, r.text


def test_allowed_hosts_add_the_configured_names():
    hosts = allowed_hosts("news.quay.example", " Reader.Quay.Example , ")
    assert {"news.quay.example", "reader.quay.example", "localhost"} <= hosts
    assert "0.0.0.0" not in allowed_hosts("0.0.0.0")


async def test_a_body_over_the_cap_is_refused_unread(web, filled):
    before = snapshot(filled)
    r = await web.post("/api/v1/sources", content=b'{"url": "' + b"a" * 20_000 + b'"}')
    assert r.status_code == 413 and "larger than 10,000 bytes" in r.text
    assert snapshot(filled) == before


async def test_a_chunked_body_over_the_cap_is_refused(web, filled):
    async def chunks():
        for _ in range(50):
            yield b"x" * 1_000

    r = await web.post("/api/v1/sources", content=chunks())
    assert r.status_code == 413 and "larger than 10,000 bytes" in r.text


async def test_a_small_chunked_body_still_reaches_the_app(web):
    async def chunks():
        yield b'{"url": "https://xn--/"}'

    r = await web.post(
        "/api/v1/sources", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 422 and r.json()["code"] == "bad_url", r.text


@pytest.mark.parametrize(
    "url",
    [
        "https://xn--/",
        "https://\U0001f600\U0001f600.quay.example/",
        "https://" + "a" * 64 + ".example/",
        "https://editor:hunter2@quay.example/feed",
        "javascript:alert(1)",
    ],
)
async def test_urls_the_api_cannot_add(web, filled, url):
    before = snapshot(filled)
    r = await web.post("/api/v1/sources", json={"url": url})
    assert r.status_code == 422, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["code"] == "bad_url"
    assert snapshot(filled) == before


async def test_a_refused_url_never_shows_its_password(web):
    r = await web.post("/api/v1/sources", json={"url": "https://editor:hunter2@quay.example/"})
    assert r.status_code == 422 and "hunter2" not in r.text, r.text


@pytest.mark.parametrize(
    "body",
    [
        b'{"url": "https://quay.example/\\ud800"}',
        b'{"url": ' + b"[" * 4_000 + b"]" * 4_000 + b"}",
        b'{"url": "https://quay.example/\x00"}',
    ],
    ids=["lone-surrogate", "deep", "nul"],
)
async def test_hostile_json_bodies_get_a_problem_not_a_crash(web, filled, body):
    before = snapshot(filled)
    r = await web.post(
        "/api/v1/sources", content=body, headers={"Content-Type": "application/json"}
    )
    assert 400 <= r.status_code < 500, r.text
    assert snapshot(filled) == before


HOSTILE_SEARCHES = [
    '"',
    "'); DROP TABLE articles; --",
    "NEAR(harbour ferry, 2)",
    "harbour OR",
    "* ^ : - + ~",
    "\x00harbour",
    "a" * 5_000,
    "title:ferry",
    "\u202eferry",
    "%_%",
]


@pytest.mark.parametrize("query", HOSTILE_SEARCHES)
async def test_hostile_search_strings(web, filled, query):
    before = snapshot(filled)
    for path in ("/search", "/api/v1/search"):
        r = await web.get(path, params={"q": query})
        assert r.status_code in (200, 400, 422), (path, r.status_code, r.text[:300])
    assert snapshot(filled) == before
    assert len(list_items(filled).items) == 5
