"""The HTML pages over a real store, through the ASGI app (no server, no mocks)."""

from __future__ import annotations

import re
import threading
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from lxml import html

from newsfeed.model import SourceUpdate
from newsfeed.web.app import create_app
from newsfeed.web.testing import sample_article, sample_articles
from tests.queries import list_items

NOW = datetime(2024, 3, 5, 12, 0, tzinfo=UTC)


@pytest.fixture
def source_id(store) -> int:
    source = store.sources.add(
        "https://gazette.example.invalid/feed.xml",
        title="Harbour Gazette",
        site_url="https://gazette.example.invalid/",
        now=NOW,
    )
    store.articles.save(source.id, sample_articles(75, NOW), now=NOW)
    return source.id


@pytest.fixture
async def client(settings, store, source_id) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings, store)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


def doc(response: httpx.Response) -> html.HtmlElement:
    return html.fromstring(response.text)


def ids_on(tree: html.HtmlElement) -> list[int]:
    return [int(x) for x in tree.xpath("//ol[@id='feed-items']/li/@data-id")]


def next_link(tree: html.HtmlElement) -> str | None:
    links = tree.xpath("//a[@data-show-more]/@href")
    return links[0] if links else None


async def walk(client: httpx.AsyncClient, url: str, between=None) -> list[int]:
    seen: list[int] = []
    next_url: str | None = url
    while next_url:
        tree = doc(await client.get(next_url))
        seen += ids_on(tree)
        next_url = next_link(tree)
        if between and next_url:
            between()
    return seen


def expected_order(store, **filters) -> list[int]:
    page = list_items(store, limit=1000, **filters)
    return [a.id for a in page.items]


async def test_feed_lists_newest_first_with_everything_an_item_needs(client, store):
    r = await client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    tree = doc(r)
    assert tree.get("lang") == "en"
    assert len(tree.xpath("//h1")) == 1
    items = tree.xpath("//ol[@id='feed-items']/li")
    assert len(items) == 30
    assert ids_on(tree) == expected_order(store)[:30]
    first = items[0]
    assert first.xpath(".//p[@class='story__outlet']/a/text()") == ["Harbour Gazette"]
    assert first.xpath(".//h2/a/@href")[0].startswith("/articles/")
    assert "Residents weigh in" in first.xpath("string(.//p[@class='story__dek'])")
    time_el = first.xpath(".//time")[0]
    assert time_el.get("datetime") == "2024-03-05T12:00:00Z"
    assert time_el.get("title") == "5 Mar 2024, 12:00 UTC"
    assert re.fullmatch(r"\d+ (year|month|week|day)s? ago", time_el.text)
    assert first.xpath("string(.//span[@class='read-time'])").endswith("min read")
    assert first.xpath(".//img/@src") == ["https://images.example.invalid/0.jpg"]
    assert tree.xpath("//a[@class='skip-link']/@href") == ["#main"]


async def test_head_links_to_every_feed_format(client):
    tree = doc(await client.get("/"))
    alternates = dict(
        zip(
            tree.xpath("//link[@rel='alternate']/@type"),
            tree.xpath("//link[@rel='alternate']/@href"),
            strict=True,
        )
    )
    assert alternates == {
        "application/atom+xml": "/index.atom",
        "application/rss+xml": "/index.rss",
        "application/feed+json": "/index.json",
    }


async def test_show_more_walks_every_article_once(client, store):
    assert await walk(client, "/") == expected_order(store)


async def test_show_more_keeps_its_place_when_new_articles_arrive(client, store, source_id):
    before = expected_order(store)
    counter = iter(range(1000, 2000))

    def publish_one() -> None:
        i = next(counter)
        fresh = replace(sample_article(i, NOW), published_at=NOW + timedelta(minutes=i))
        store.articles.save(source_id, [fresh], now=NOW)

    assert await walk(client, "/", between=publish_one) == before


async def test_bad_cursor_is_a_friendly_400_page(client):
    r = await client.get("/?cursor=not-a-cursor")
    assert r.status_code == 400
    tree = doc(r)
    assert len(tree.xpath("//h1")) == 1 and "News Feed" in r.text
    assert tree.xpath("//link[@rel='stylesheet']")


async def test_unknown_things_are_404_pages(client):
    for path in (
        "/articles/999999",
        "/authors/nobody",
        "/topics/nothing",
        "/sources/4242",
        "/no/such/page",
        "/articles/99999999999999999999999",
    ):
        r = await client.get(path)
        assert r.status_code == 404, path
        assert "could not find" in r.text and r.headers["content-type"].startswith("text/html")


async def test_article_page_shows_photo_credit_body_and_author_box(client, store):
    article = list_items(store, limit=1).items[0]
    r = await client.get(f"/articles/{article.id}/{article.slug}")
    assert r.status_code == 200
    tree = doc(r)
    assert tree.xpath("string(//h1)") == article.title
    assert len(tree.xpath("//h1")) == 1
    assert tree.xpath("string(//figure/figcaption/span[@class='caption'])") == (
        article.image.caption
    )
    assert tree.xpath("string(//figure/figcaption/span[@class='credit'])") == (article.image.credit)
    assert tree.xpath("string(//span[@class='read-time'])") == (
        f"{article.reading_minutes} min read"
    )
    assert "Officials said" in tree.xpath("string(//div[contains(@class,'article__body')])")
    box = tree.xpath("//section[@class='author-box']")[0]
    assert box.xpath("string(.//h2)") == article.authors[0].name
    assert box.xpath("string(.//p[@class='author-box__bio'])") == article.authors[0].bio
    assert box.xpath(".//a[@class='read-more']/@href") == [f"/authors/{article.authors[0].slug}"]
    assert box.xpath("string(.//a[@class='read-more'])") == "Read more"
    assert "Avatar" not in r.text
    assert tree.xpath("//a[@rel='tag']/@href")[0].startswith("/topics/")
    assert tree.xpath("//aside//a[@data-show-more]/@href")[0].startswith("/?cursor=")
    assert len(tree.xpath("//section[@class='more-from']//li")) == 4


async def test_article_without_slug_redirects_to_its_canonical_address(client, store):
    article = list_items(store, limit=1).items[0]
    r = await client.get(f"/articles/{article.id}")
    assert r.status_code == 301
    assert r.headers["location"] == f"/articles/{article.id}/{article.slug}"


async def test_revision_history_shows_the_earlier_headline(client, store, source_id):
    old = sample_article(5, NOW)
    changed = replace(
        old,
        title="Council reverses course",
        content_hash="changed",
        text=old.text + " A late amendment passed.",
    )
    store.articles.save(source_id, [changed], now=NOW + timedelta(hours=1))
    article = next(a for a in list_items(store, limit=100).items if a.guid == "g5")
    tree = doc(await client.get(f"/articles/{article.id}/{article.slug}"))
    history = tree.xpath("//section[@class='revisions']")[0]
    assert history.xpath("string(.//span[@class='old-title'])") == old.title
    assert "amendment" in history.xpath("string(.//ins)")


async def test_html_in_data_is_escaped(client, store, source_id):
    evil = replace(
        sample_article(500, NOW),
        guid="evil",
        title="<script>alert(1)</script>",
        published_at=NOW + timedelta(days=1),
    )
    store.articles.save(source_id, [evil], now=NOW)
    r = await client.get("/")
    assert "<script>alert(1)" not in r.text and "&lt;script&gt;alert(1)" in r.text


async def test_author_page_lists_only_their_articles(client, store):
    author = store.authors.all()[0]
    r = await client.get(f"/authors/{author.slug}")
    tree = doc(r)
    assert tree.xpath("string(//h1)") == author.name
    assert author.bio in r.text
    assert await walk(client, f"/authors/{author.slug}") == expected_order(
        store, author_slug=author.slug
    )


async def test_source_page_and_index_show_health(client, store, source_id):
    failed = SourceUpdate(
        source_id=source_id,
        fetched_at=NOW,
        next_fetch_at=NOW + timedelta(minutes=10),
        etag=None,
        last_modified=None,
        last_success_at=None,
        error_count=2,
        error_code="timeout",
        error="no answer in 20 s",
    )
    store.sources.record([failed])
    index = doc(await client.get("/sources"))
    row = index.xpath("//table[@class='sources']/tbody/tr")[0]
    assert "timeout" in row.text_content() and "no answer in 20 s" in row.text_content()
    assert row.xpath("string(td[@class='num'][last()])") == "75"
    page = doc(await client.get(f"/sources/{source_id}"))
    assert page.xpath("string(//h1)") == "Harbour Gazette"
    assert "timeout" in page.xpath("string(//section[contains(@class,'health')])")
    assert ids_on(page) == expected_order(store, source_id=source_id)[:30]


async def test_topics_index_and_topic_page(client, store):
    tree = doc(await client.get("/topics"))
    assert "Local news" in tree.xpath("//ul[@class='topic-grid']//a/text()")
    tag = store.tags.get(tree.xpath("//ul[@class='topic-grid']//a/@href")[1].split("/")[-1])
    page = doc(await client.get(f"/topics/{tag.slug}"))
    assert page.xpath("string(//h1)") == tag.name
    assert ids_on(page) == expected_order(store, tag_slug=tag.slug)[:30]


async def test_search_finds_ranked_highlighted_results(client, store):
    r = await client.get("/search", params={"q": "lighthouse"})
    assert r.status_code == 200
    tree = doc(r)
    ids = ids_on(tree)
    assert ids
    for article_id in ids:
        article = store.articles.get(article_id)
        assert "lighthouse" in (article.title + article.text + (article.dek or "")).lower()
    assert tree.xpath("//p[@class='story__snippet']/mark")


async def test_search_filters_and_bad_input(client, store, source_id):
    r = await client.get("/search", params={"q": "harbour", "source": str(source_id + 1)})
    assert r.status_code == 200 and not ids_on(doc(r)) and "No articles match" in r.text
    r = await client.get("/search", params={"q": "harbour", "until": "2000-01-01"})
    assert not ids_on(doc(r))
    r = await client.get("/search", params={"q": "harbour", "since": "yesterday"})
    assert r.status_code == 400 and "since must be a date" in r.text
    r = await client.get("/search", params={"q": "   "})
    assert r.status_code == 200 and not ids_on(doc(r))
    r = await client.get("/search", params={"q": 'AND OR NOT " * ( :'})
    assert r.status_code in (200, 400) and "<h1" in r.text


async def test_security_headers_everywhere(client):
    for path in ("/", "/nope", "/index.atom", "/api/v1/articles"):
        r = await client.get(path)
        csp = r.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "object-src 'none'" in csp
        assert "frame-ancestors 'none'" in csp and "'unsafe-inline'" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "strict-origin-when-cross-origin"


async def test_pages_have_no_inline_script_or_style(client, store):
    article = list_items(store, limit=1).items[0]
    for path in ("/", f"/articles/{article.id}/{article.slug}", "/sources", "/search?q=x"):
        tree = doc(await client.get(path))
        assert not tree.xpath("//script[not(@src)]") and not tree.xpath("//style")
        assert not tree.xpath("//*[@style]") and not tree.xpath("//*[@onclick]")


async def test_etag_answers_304(client):
    first = await client.get("/")
    assert first.headers["cache-control"].startswith("public, max-age=")
    again = await client.get("/", headers={"if-none-match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""


async def test_static_files_are_versioned_and_long_lived(client):
    tree = doc(await client.get("/"))
    css = tree.xpath("//link[@rel='stylesheet']/@href")[0]
    assert re.fullmatch(r"/static/v-[0-9a-f]{10}/style\.css", css)
    r = await client.get(css)
    assert r.status_code == 200 and "immutable" in r.headers["cache-control"]
    js = tree.xpath("//script/@src")[0]
    assert (
        (await client.get(js))
        .headers["content-type"]
        .startswith(("text/javascript", "application/javascript"))
    )


def test_background_task_runs_while_serving_and_is_cancelled_on_shutdown(settings, store):
    import asyncio
    import threading

    from newsfeed.web.testing import serve_in_thread

    started, cancelled = threading.Event(), threading.Event()

    async def scheduler() -> None:
        started.set()
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            cancelled.set()
            raise

    with serve_in_thread(create_app(settings, store, background=scheduler)) as base:
        assert started.wait(5)
        assert httpx.get(base + "/").status_code == 200
        assert not cancelled.is_set()
    assert cancelled.wait(5)


async def test_a_database_failure_does_not_leak_its_details(settings):
    """PostgreSQL down: pages and the API answer 503 with a plain sentence, not the URL,
    user or driver error."""
    from newsfeed.store import open_store
    from newsfeed.web.app import create_app

    down = open_store("postgresql+psycopg://secretuser@127.0.0.1:1/privatedb")
    transport = httpx.ASGITransport(app=create_app(settings, down))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
        for path in ("/", "/index.json", "/api/v1/articles"):
            r = await c.get(path)
            assert r.status_code == 503, path
            assert (
                "secretuser" not in r.text
                and "privatedb" not in r.text
                and "127.0.0.1:1" not in r.text
            )
            assert "database is unavailable" in r.text


class ThreadRecorder:
    """The real store, noting which thread each method of its parts ran on, by
    "part.method" (e.g. "articles.page")."""

    PARTS = ("sources", "articles", "authors", "tags")

    def __init__(self, target, threads: dict[str, set[str]] | None = None, prefix: str = ""):
        self.target = target
        self.threads: dict[str, set[str]] = {} if threads is None else threads
        self.prefix = prefix

    def __getattr__(self, name: str) -> object:
        attr = getattr(self.target, name)
        if not self.prefix and name in self.PARTS:
            return ThreadRecorder(attr, self.threads, f"{name}.")
        if not callable(attr):
            return attr
        return self._recorded(self.prefix + name, attr)

    def _recorded(self, name: str, method: Callable[..., object]) -> Callable[..., object]:
        def call(*args: object, **kwargs: object) -> object:
            self.threads.setdefault(name, set()).add(threading.current_thread().name)
            return method(*args, **kwargs)

        return call


async def test_page_reads_run_on_the_event_loop_over_sqlite_and_search_never_does(
    settings, store, source_id
):
    recorder = ThreadRecorder(store)
    transport = httpx.ASGITransport(app=create_app(settings, recorder))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        assert (await c.get("/")).status_code == 200
        assert (await c.get("/search", params={"q": "harbour"})).status_code == 200
    loop = threading.current_thread().name
    assert loop not in recorder.threads["articles.search"]
    if store.dialect == "sqlite":  # reads of one page are cheaper than a hand-over
        assert recorder.threads["articles.page"] == {loop}
    else:  # a network round trip: off the loop
        assert loop not in recorder.threads["articles.page"]


async def test_search_form_offers_the_most_prolific_authors_and_tells_same_names_apart(
    client, store, source_id, monkeypatch
):
    from newsfeed.model import Author
    from newsfeed.web import pages
    from tests.integration.test_store_articles import article

    existing = len(store.authors.all())  # the sample articles' authors
    monkeypatch.setattr(pages, "AUTHOR_CHOICES", existing + 2)
    other = store.sources.add("https://other.example.invalid/feed", title="Other Post", now=NOW).id
    bylines = {"Ana Ruiz": 3, "Bo Chen": 2, "Cy Dune": 1}
    batch = [
        article(f"{name}-{i}", authors=(Author(name),), published_at=NOW)
        for name, count in bylines.items()
        for i in range(count)
    ]
    store.articles.save(source_id, batch, now=NOW)
    store.articles.save(other, [article("other", authors=(Author("Ana Ruiz"),))], now=NOW)

    def offered(tree: html.HtmlElement) -> dict[str, str]:
        options = tree.xpath("//select[@id='author']/option[@value!='']")
        return {o.get("value"): o.text for o in options}

    choices = offered(doc(await client.get("/search", params={"q": "harbour"})))
    assert len(choices) == existing + 2
    assert {"Ana Ruiz (Harbour Gazette)", "Bo Chen"} <= set(choices.values())
    (cy,) = [a for a in store.authors.all() if a.name == "Cy Dune"]
    assert cy.slug not in choices
    tree = doc(await client.get("/search", params={"q": "harbour", "author": cy.slug}))
    assert offered(tree)[cy.slug] == "Cy Dune"
    assert tree.xpath("//select[@id='author']/option[@selected]/@value") == [cy.slug]


async def test_search_form_shows_an_author_newer_than_its_remembered_choices(
    client, store, source_id
):
    from newsfeed.model import Author
    from tests.integration.test_store_articles import article

    await client.get("/search", params={"q": "harbour"})  # the choices are remembered now
    store.articles.save(source_id, [article("new", authors=(Author("Di Eve"),))], now=NOW)
    (di,) = [a for a in store.authors.all() if a.name == "Di Eve"]
    tree = doc(await client.get("/search", params={"q": "harbour", "author": di.slug}))
    assert tree.xpath("//select[@id='author']/option[@selected]/@value") == [di.slug]
    tree = doc(await client.get("/search", params={"q": "harbour", "author": "nobody-at-all"}))
    assert tree.xpath("//select[@id='author']/option[@selected]/@value") == []
