"""Publishers' feed fields end to end: a feed served by the local HTTP server is refreshed
by the real pipeline into the real database, and the JSON API shows what a reader sees —
the author's role from an `<author>` with child elements, a podcast episode's
itunes:author and artwork, a Squarespace-style rssboard Media RSS photo."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from newsfeed.update.service import add_source, refresh_sources
from newsfeed.web.app import create_app

FEEDS = Path(__file__).parent.parent / "data" / "feeds"
RSS = {"Content-Type": "application/rss+xml; charset=utf-8"}


@pytest.fixture
def settings(settings):
    """The fixtures' people and pages live on hosts we do not serve: no lookups."""
    return settings.replace(author_lookups=False)


async def ingest(store, settings, server, path: str, name: str) -> int:
    """Serve a feed file, add it as a source and refresh it; the source id."""
    url = server.route(path, body=(FEEDS / name).read_bytes(), headers=RSS)
    source = await add_source(store, settings, url, full_text="never")
    (result,) = await refresh_sources(store, settings, [source.id])
    assert result.ok, result.summary
    return source.id


@pytest.fixture
async def api(settings, store) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(settings, store))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver/api/v1") as c:
        yield c


async def articles(api: httpx.AsyncClient, source_id: int) -> dict[str, dict]:
    """Every article of a source as the API's detail view, by title."""
    page = (await api.get("/articles", params={"source": source_id, "limit": 50})).json()
    details = [(await api.get(f"/articles/{item['id']}")).json() for item in page["items"]]
    return {d["title"]: d for d in details}


async def test_author_with_role_from_child_elements(api, store, settings, server):
    source_id = await ingest(store, settings, server, "/northwind.rss", "people_children.xml")
    shown = await articles(api, source_id)
    (odile,) = shown["Faster builds for everyone"]["authors"]
    assert odile["name"] == "Odile Marchetti"
    assert odile["role"] == "Product Manager, Build Tools"
    two = shown["Two writers, one post"]["authors"]
    assert [(a["name"], a["role"]) for a in two] == [
        ("Tomasz Wiebe", "Staff Engineer"),
        ("Ines Caldeira", None),
    ]


async def test_podcast_author_and_artwork(api, store, settings, server):
    source_id = await ingest(store, settings, server, "/lowtide.rss", "podcast.xml")
    shown = await articles(api, source_id)
    episode = shown["Episode 12: The seawall vote"]
    assert [a["name"] for a in episode["authors"]] == ["Mirela Stone"]
    assert episode["image"]["url"] == "https://cdn.lowtide.example.org/ep12.jpg"
    assert "seawall vote" in episode["content_html"]  # itunes:summary as the body
    trailer = shown["Trailer"]
    assert [a["name"] for a in trailer["authors"]] == ["Harbour Radio Collective"]  # the show's


async def test_rssboard_media_photo(api, store, settings, server):
    source_id = await ingest(store, settings, server, "/fenwick.rss", "rssboard_media.xml")
    (article,) = (await articles(api, source_id)).values()
    image = article["image"]
    assert image["url"] == "https://images.studiofenwick.example.net/spring.jpg"
    assert (image["caption"], image["credit"]) == ("Ceramic bowls on a linen cloth", "Aster Lund")


async def test_atom_feed_inside_xhtml(api, store, settings, server):
    url = server.route(
        "/kettle.xhtml",
        body=(FEEDS / "atom_in_xhtml.xhtml").read_bytes(),
        headers={"Content-Type": "application/xhtml+xml"},
    )
    source = await add_source(store, settings, url, full_text="never")
    (result,) = await refresh_sources(store, settings, [source.id])
    assert result.ok, result.summary
    (article,) = (await articles(api, source.id)).values()
    assert article["title"] == "Allotment opening"
    assert [a["name"] for a in article["authors"]] == ["Petra Holm"]


async def test_no_update_date_made_up_on_the_lenient_path(api, store, settings, server):
    source_id = await ingest(store, settings, server, "/courier.rss", "illformed_no_updated.xml")
    (article,) = (await articles(api, source_id)).values()
    assert article["published_at"].startswith("2025-04-05T07:30:00")
    assert article["updated_at"] is None
