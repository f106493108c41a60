"""The first hour of a new user, over the web app without a browser: where page 2 of a list
says it is, the end of a list, output feeds on page 2 and when empty, 405 answers with
`Allow`, API paths that no route can match, revisions dated as the article is, the search
and sources pages, and a port that is free again at once after a stop."""

from __future__ import annotations

import http.client
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import feedparser
import httpx
import pytest
from lxml import etree, html

from newsfeed.errors import InvalidInput
from newsfeed.web.app import create_app
from newsfeed.web.server import port_free
from newsfeed.web.testing import free_port, sample_articles, serve_in_thread
from tests.queries import list_items

NOW = datetime(2024, 3, 5, 12, 0, tzinfo=UTC)
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
async def client(settings, store) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(settings, store))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


@pytest.fixture
def forty(store) -> int:
    source = store.sources.add("https://gazette.example.invalid/feed.xml", title="Gazette", now=NOW)
    store.articles.save(source.id, sample_articles(40, NOW), now=NOW)
    return source.id


def doc(response: httpx.Response) -> html.HtmlElement:
    assert response.status_code == 200, response.text[:300]
    return html.fromstring(response.text)


def next_href(page: html.HtmlElement) -> str:
    return page.xpath("//a[@data-show-more][@data-main]/@href")[0]


async def test_page_two_names_itself_and_links_back_to_the_newest(client, forty):
    first = doc(await client.get("/"))
    assert first.findtext(".//title") == "News Feed · newsfeed"
    assert not first.xpath("//*[@data-where]") and not first.xpath("//*[@data-list-end]")
    href = next_href(first)
    assert href.endswith("&page=2")
    second = doc(await client.get(href))
    assert second.findtext(".//title") == "News Feed · page 2 · newsfeed"
    where = second.xpath("//*[@data-where]")[0]
    assert where.text_content().startswith("Page 2: older articles, from ")
    assert where.xpath(".//a/@href") == ["/"]
    end = second.xpath("//*[@data-list-end]")[0]  # 40 articles: page 2 is the last
    assert "end of this list" in end.text_content()
    assert end.xpath(".//a/@href") == ["/"]


async def test_an_older_page_without_a_number_still_says_where_it_is(client, forty):
    href = next_href(doc(await client.get(f"/sources/{forty}")))
    second = doc(await client.get(href.split("&page=")[0] + "&page=banana"))
    assert second.findtext(".//title") == "Gazette · older articles · newsfeed"
    assert second.xpath("//*[@data-where]")[0].text_content().startswith("Older articles")


async def test_search_page_two_says_where_it_is_and_ends(client, forty):
    first = doc(await client.get("/search?q=plan"))
    assert not first.xpath("//*[@data-where]")
    second = doc(await client.get(next_href(first)))
    assert second.xpath("//*[@data-where]")[0].text_content().startswith("Page 2 of the results")
    assert second.xpath("//*[@data-where]//a/@href") == ["/search?q=plan"]
    assert second.xpath("//*[@data-list-end]")
    assert not second.xpath("//*[@data-count]")  # page 1 says how many


async def test_search_page_counts_results_and_has_one_search_box(client, forty):
    page = doc(await client.get("/search?q=plan"))
    assert page.xpath("//*[@data-count]")[0].text_content() == (
        "More than 30 articles match “plan”, best matches first"
    )
    assert len(page.xpath("//input[@name='q']")) == 1  # no second box in the masthead
    assert page.xpath("//input[@name='q']/@id") == ["q"]
    few = doc(await client.get("/search?q=plan+divides+committee+" + "harbour"))
    counts = few.xpath("//*[@data-count]")
    n = len(few.xpath("//ol[@id='feed-items']/li"))
    assert 0 < n < 30 and counts[0].text_content().startswith(f"{n} article")
    elsewhere = doc(await client.get("/topics"))
    assert elsewhere.xpath("//input[@id='site-q']")  # other pages keep the masthead box


async def test_sources_label_every_cell_and_let_urls_wrap_at_separators(client, store):
    url = "https://a-very-long-outlet-name.example.invalid/feeds/everything/latest.xml"
    store.sources.add(url, title="Long", now=NOW)
    page = doc(await client.get("/sources"))
    cells = page.xpath("//table[@class='sources']/tbody/tr/td")
    labels = [c.get("data-label") for c in cells]
    heads = page.xpath("//table[@class='sources']/thead/tr/th/text()")
    assert labels == heads[1:]  # each cell says which column it is, for the phone layout
    shown = page.xpath("//span[contains(@class, 'url')]")[0]
    assert shown.text_content() == url
    assert len(shown.xpath(".//wbr")) >= 8


@pytest.mark.parametrize("fmt", ["atom", "rss"])
async def test_page_two_of_a_feed_is_its_own_self(client, forty, fmt):
    first = feedparser.parse((await client.get(f"/index.{fmt}")).content)
    links = {link.rel: link.href for link in first.feed.links if link.rel != "alternate"}
    assert links["self"] == f"http://testserver/index.{fmt}" and "first" not in links
    second = feedparser.parse((await client.get(links["next"])).content)
    links2 = {link.rel: link.href for link in second.feed.links if link.rel != "alternate"}
    assert links2["self"] == links["next"]
    assert links2["first"] == f"http://testserver/index.{fmt}"


async def test_an_empty_feed_was_updated_now_not_in_1970(client):
    root = etree.fromstring((await client.get("/index.atom")).content)
    updated = datetime.fromisoformat(root.findtext(f"{ATOM}updated").replace("Z", "+00:00"))
    assert abs(updated - datetime.now(UTC)) < timedelta(minutes=5)
    rss = feedparser.parse((await client.get("/index.rss")).content)
    assert rss.feed.updated_parsed.tm_year == datetime.now(UTC).year


async def test_api_405_names_the_allowed_methods(client):
    r = await client.delete("/api/v1/articles")
    assert r.status_code == 405
    assert r.headers["content-type"] == "application/problem+json"
    assert set(r.headers["allow"].split(", ")) >= {"GET"}
    assert "DELETE" not in r.headers["allow"]
    r = await client.put("/api/v1/sources")
    assert r.status_code == 405
    assert {"GET", "POST"} <= set(r.headers["allow"].split(", "))


async def test_page_405_names_the_allowed_methods(client):
    r = await client.post("/topics")
    assert r.status_code == 405
    assert r.headers["content-type"].startswith("text/html")
    assert set(r.headers["allow"].split(", ")) == {"GET", "HEAD"}


@pytest.mark.parametrize("path", ["/api/v1/articles/%0A", "/api/v1/%0Asources", "/api/v2/x"])
async def test_api_paths_no_route_matches_get_problem_json(client, path):
    r = await client.get(path)
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["status"] == 404


async def test_revisions_are_dated_as_the_article_says_and_quote_no_unchanged_headline(
    client, store, forty
):
    first = sample_articles(1, NOW)[0]
    later = NOW + timedelta(days=4)
    revised = replace(
        first,
        content_html=first.content_html.replace("<p>", "<p>Correction: ", 1),
        text="Correction: " + first.text,
        content_hash="revised-" + first.content_hash,
        updated_at=NOW + timedelta(hours=2),
    )
    store.articles.save(forty, [revised], now=later)
    article = next(a for a in list_items(store, limit=100).items if a.title == first.title)
    page = doc(await client.get(f"/articles/{article.id}", follow_redirects=True))
    step = page.xpath("//section[@class='revisions']//li")[0]
    when = step.xpath(".//time/@datetime")[0]
    assert when == "2024-03-05T14:00:00Z"  # the article's "Updated", not when we noticed
    updated = page.xpath("//p[@class='article__meta']//time/@datetime")
    assert when in updated
    text = step.text_content()
    assert "the text was revised" in text and first.title not in text


def test_the_port_is_free_again_at_once_after_a_stop_with_a_kept_alive_client(settings, store):
    port = free_port()
    with serve_in_thread(create_app(settings, store), port):
        client = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        client.request("GET", "/topics")
        assert client.getresponse().read()  # the connection stays open (keep-alive)
    try:
        port_free("127.0.0.1", port)  # a client still holds its end: not "in use"
        with serve_in_thread(create_app(settings, store), port) as base:  # starts again
            assert httpx.get(base + "/topics").status_code == 200
            with pytest.raises(InvalidInput, match=f"127.0.0.1:{port}") as caught:
                port_free("127.0.0.1", port)  # while something listens, it is in use
            assert caught.value.code == "port_in_use"
    finally:
        client.close()


def test_demo_pictures_say_what_they_show(tmp_path):
    from newsfeed.demo.corpus import STATIC_DIR, load_corpus
    from newsfeed.demo.images import ALT_TEXT, SCENES, build, motif_of

    corpus = load_corpus()
    pictured = [a for a in corpus.articles if a.photo]
    assert len(pictured) == len(corpus.articles)
    for article in pictured:
        motif = motif_of(article)
        assert motif in SCENES, article.id
        assert article.photo.alt == ALT_TEXT[motif], article.id  # the alt says what is drawn
    chosen = {a.id: motif_of(a) for a in pictured}
    assert chosen["ferry-hits-pier-old-harbour"] == "harbour"  # a ferry, not a tram
    assert chosen["seal-pup-released-sorrel-sands"] == "seal"
    assert chosen["comet-will-brighten-in-march"] == "comet"
    assert chosen["housing-starts-lowest-since-2013"] == "rates-down"
    shipped = {path.name: path.read_bytes() for path in STATIC_DIR.iterdir()}
    for path in build(corpus, tmp_path):  # the shipped files are what the builder draws
        assert shipped[path.name] == path.read_bytes(), path.name


def test_the_demo_report_reads_as_one_line():
    from newsfeed.demo.loader import DemoReport

    report = DemoReport(7, 73, 73, 6, 6, (), 2.345, "http://127.0.0.1:8000")
    assert f"loaded: {report}" == "loaded: 7 sources, 73 articles (73 new, 6 revised), in 2.3 s"
    failed = DemoReport(1, 0, 0, 0, 0, ("u: timeout: slow",), 1.0, "http://127.0.0.1:8000")
    assert str(failed) == "1 source, 0 articles (0 new, 0 revised), 1 error, in 1.0 s"
    assert "DemoReport(" in repr(report)  # the full record stays for debugging


async def test_without_the_demo_no_sample_outlet_is_served(client, store):
    store.sources.add("https://gazette.example.invalid/northgate-wire/feed.rss", now=NOW)
    for path in ("/northgate-wire/", "/northgate-wire/feed.rss", "/parallax/feed.json"):
        r = await client.get(path)
        assert r.status_code == 404, path
    r = await client.get("/parallax/feed.json")
    assert r.headers["content-type"] == "application/problem+json"  # a feed path
