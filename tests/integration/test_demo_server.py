"""The DemoServer over a real socket: it serves the rendered site, answers 304 to a
matching If-None-Match, and switches to phase 2 atomically."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest

from newsfeed.demo import DemoServer, load_corpus, render_site

NOW = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)


@pytest.fixture
def server() -> Iterator[DemoServer]:
    with DemoServer() as srv:
        srv.set_site(render_site(load_corpus(), now=NOW, phase=1, base_url=srv.base))
        yield srv


def test_serves_feeds_pages_and_images(server: DemoServer) -> None:
    with httpx.Client(base_url=server.base) as client:
        feed = client.get("/northgate-wire/feed.rss")
        page = client.get("/harbor-city-ledger/news/eastbank-braces-for-flood.html")
        image = client.get("/static/demo/eastbank-braces-for-flood.jpg")
        missing = client.get("/no/such/page")
    assert feed.status_code == 200
    assert feed.headers["content-type"].startswith("application/rss+xml")
    assert server.base + "/northgate-wire/news/" in feed.text
    assert page.status_code == 200 and "Eastbank braces" in page.text
    assert image.headers["content-type"] == "image/jpeg" and image.content[:2] == b"\xff\xd8"
    assert missing.status_code == 404


def test_etag_gives_304_until_the_site_changes(server: DemoServer) -> None:
    with httpx.Client(base_url=server.base) as client:
        first = client.get("/northgate-wire/feed.rss")
        etag = first.headers["etag"]
        again = client.get("/northgate-wire/feed.rss", headers={"If-None-Match": etag})
        courier = client.get("/exchange-courier/feed.atom")
        server.set_site(render_site(load_corpus(), now=NOW, phase=2, base_url=server.base))
        changed = client.get("/northgate-wire/feed.rss", headers={"If-None-Match": etag})
        same = client.get(
            "/exchange-courier/feed.atom", headers={"If-None-Match": courier.headers["etag"]}
        )
    assert again.status_code == 304 and again.content == b""
    assert changed.status_code == 200 and changed.headers["etag"] != etag
    assert "a quarter point to 4.00%" in changed.text
    assert same.status_code == 304
    assert server.not_modified == 2


def test_head_sends_headers_only(server: DemoServer) -> None:
    with httpx.Client(base_url=server.base) as client:
        head = client.head("/parallax/feed.json")
    assert head.status_code == 200
    assert int(head.headers["content-length"]) > 1000 and head.content == b""


def test_stop_frees_the_port() -> None:
    srv = DemoServer().start()
    port = srv.port
    srv.stop()
    again = DemoServer(port=port)  # binding the same port again works
    again.stop()
    assert again.port == port
