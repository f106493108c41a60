"""Stories on the web and in the API, over articles grouped by the real pipeline (local
HTTP server, fetcher, store, grouping): a story's page (summary, timeline with the first
report, updates and republished copies, attributions, names), its feeds, Top stories beside
Latest, the News Feed's "Full coverage" links and "also in" for wire copies, related
coverage on an article page, and the JSON API."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from lxml import html

from newsfeed.update.service import add_source, refresh_sources
from newsfeed.web.app import create_app
from tests.integration.test_stories_corpus import DAY, OUTLETS, rss
from tests.queries import list_items

NOW = DAY.replace(day=DAY.day + 3)


@pytest.fixture
def settings(settings):
    return settings.replace(author_lookups=False)


@pytest.fixture
def loaded(store, settings, server) -> dict[str, object]:
    """guid → article (list items) after the three outlets were refreshed."""
    for outlet in OUTLETS:  # one at a time: the courier's reports arrive first
        url = server.route(
            f"/{outlet}.rss", body=rss(outlet), headers={"Content-Type": "application/rss+xml"}
        )
        source = asyncio.run(add_source(store, settings, url, full_text="never", now=DAY))
        asyncio.run(refresh_sources(store, settings, [source.id], now=NOW))
    return {a.guid: a for a in list_items(store, limit=200).items}


@pytest.fixture
async def client(settings, store, loaded) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(settings, store))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


async def page(client: httpx.AsyncClient, url: str) -> html.HtmlElement:
    response = await client.get(url)
    assert response.status_code == 200, (url, response.text[:300])
    return html.fromstring(response.text)


def text(node: html.HtmlElement) -> str:
    return " ".join(node.text_content().split())


async def test_story_page_shows_timeline_attributions_and_names(client, loaded) -> None:
    story = loaded["c-mill-1"].story_id
    tree = await page(client, f"/stories/{story}")
    assert text(tree.xpath("//h1")[0]) == "Fire destroys Halvorsen timber mill in Brackwater"
    summary = text(tree.xpath("//*[@data-summary]")[0])
    assert summary.startswith("3 articles from 3 outlets; first reported by Brackwater Courier")
    items = tree.xpath("//ol[@data-timeline]/li")
    assert [int(i.get("data-article")) for i in items] == [
        loaded[g].id for g in ("c-mill-1", "p-mill-1", "h-mill-1")
    ]
    assert items[0].xpath(".//*[@data-first]") and not items[1].xpath(".//*[@data-first]")
    post = text(items[1].xpath(".//ul[@data-attributions]")[0])
    assert "Northshore Post" in post
    first = text(items[0].xpath(".//ul[@data-attributions]")[0])  # found as it is shown
    assert "Sigrun Halvorsen" in first and "Tomas Ebbeson" in first
    names = [text(n) for n in tree.xpath("//*[@data-names]//li")]
    assert "Tomas Ebbeson" in names and "Sigrun Halvorsen" in names


async def test_story_timeline_marks_updates_and_copies(client, loaded) -> None:
    strike = await page(client, f"/stories/{loaded['c-strike-1'].story_id}")
    updates = strike.xpath("//ol[@data-timeline]/li[.//*[@data-update]]/@data-article")
    assert [int(i) for i in updates] == [loaded["c-strike-3"].id]  # the Courier again, day 3
    airline = await page(client, f"/stories/{loaded['p-air-1'].story_id}")
    copies = airline.xpath("//ol[@data-timeline]/li[.//*[@data-copy]]")
    assert [int(c.get("data-article")) for c in copies] == [loaded["h-air-1"].id]
    assert "Republishes the report of Northshore Post" in text(copies[0])
    wire = text(airline.xpath("//ol[@data-timeline]/li")[0])
    assert "Meridian Press Agency" in wire


async def test_story_feeds(client, loaded) -> None:
    story = loaded["c-strike-1"].story_id
    response = await client.get(f"/stories/{story}.json")
    assert response.status_code == 200
    titles = {item["title"] for item in response.json()["items"]}
    assert titles == {
        "Dockers walk out at Port Lindqvist over shift changes",
        "Talks begin to end Port Lindqvist dock strike",
        "Port Lindqvist strike ends as dockers accept new rosters",
    }
    atom = await client.get(f"/stories/{story}.atom")
    assert atom.status_code == 200 and atom.text.count("<entry>") == 3
    missing = await client.get("/stories/999999")
    assert missing.status_code == 404


async def test_news_feed_links_stories_and_shows_wire_copies_once(client, loaded) -> None:
    tree = await page(client, "/")
    assert tree.xpath("//a[@data-top-stories]/@href") == ["/stories"]
    shown = [int(i) for i in tree.xpath("//ol[@id='feed-items']/li/@data-id")]
    assert loaded["p-air-1"].id in shown and loaded["h-air-1"].id not in shown
    wire = tree.xpath(f"//ol[@id='feed-items']/li[@data-id='{loaded['p-air-1'].id}']")[0]
    assert text(wire.xpath(".//*[@data-also-in]")[0]) == "Also in: Valley Herald"
    mill = tree.xpath(f"//ol[@id='feed-items']/li[@data-id='{loaded['c-mill-1'].id}']")[0]
    link = mill.xpath(".//a[@data-coverage]")[0]
    assert text(link) == "Full coverage: 3 outlets"
    assert link.get("href") == f"/stories/{loaded['c-mill-1'].story_id}"


async def test_top_stories_page(client, loaded, store) -> None:
    tree = await page(client, "/stories")
    shown = [int(i) for i in tree.xpath("//ol[@data-top-stories]/li/@data-story")]
    assert shown == [s.id for s in store.stories.top(limit=30)]
    assert len(shown) == 4  # the four events
    mill = tree.xpath(f"//li[@data-story='{loaded['c-mill-1'].story_id}']")[0]
    assert "Full coverage: 3 outlets" in text(mill)


async def test_article_page_shows_related_coverage_first(client, loaded) -> None:
    mill = loaded["c-mill-1"]
    tree = await page(client, f"/articles/{mill.id}/{mill.slug}")
    section = tree.xpath("//section[@data-related]")[0]
    assert text(section.xpath(".//h2")[0]) == "Related coverage"
    related = [int(i) for i in section.xpath(".//li/@data-id")]
    assert related[:2] == [loaded["h-mill-1"].id, loaded["p-mill-1"].id]


async def test_api_stories(client, loaded) -> None:
    top = (await client.get("/api/v1/stories?limit=3&hours=168")).json()
    assert top[0]["id"] == loaded["c-mill-1"].story_id and top[0]["outlet_count"] == 3
    story = (await client.get(top[0]["api_url"])).json()
    assert [e["article_id"] for e in story["timeline"]] == [
        loaded[g].id for g in ("c-mill-1", "p-mill-1", "h-mill-1")
    ]
    assert story["timeline"][0]["first"] is True
    claims = {a["source"] for e in story["timeline"] for a in e["attributions"]}
    assert "Northshore Post" in claims
    assert "Tomas Ebbeson" in {n["text"] for n in story["names"]}
    articles = (await client.get(f"/api/v1/articles?story={top[0]['id']}")).json()["items"]
    assert len(articles) == 3
    assert all(a["story"]["id"] == top[0]["id"] for a in articles)
    assert all(a["story"]["outlet_count"] == 3 for a in articles)
    copy = (await client.get(f"/api/v1/articles/{loaded['h-air-1'].id}")).json()
    assert copy["duplicate_of"] == loaded["p-air-1"].id
    missing = await client.get("/api/v1/stories/999999")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
