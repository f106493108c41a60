"""The demo has no dead ends: every link on every page, the app's and the sample outlets'
(which the app serves itself once loading is over), answers without an error."""

from __future__ import annotations

from collections import deque
from urllib.parse import urldefrag, urljoin, urlsplit

from lxml import html

from tests.queries import list_items

MAX_PAGES = 2_000


def same_origin(url: str, base: str) -> bool:
    return urlsplit(url)[:2] == urlsplit(base)[:2]


def links_of(text: str, url: str) -> list[str]:
    """Every <a href>, <link href> and <img src> of a page, absolute, without fragment."""
    doc = html.fromstring(text)
    refs = doc.xpath("//a/@href | //link/@href | //img/@src")
    return [urldefrag(urljoin(url, ref.strip())).url for ref in refs]


def crawl(page, base: str) -> tuple[dict[str, int], set[str]]:
    """Status of every URL reachable from `/`, and every link that leaves the site (HTTP
    requests from the browser's context: over 1,000 URLs, too many to render one by one)."""
    status: dict[str, int] = {}
    offsite: set[str] = set()
    queue = deque([base + "/"])
    while queue and len(status) < MAX_PAGES:
        url = queue.popleft()
        if url in status:
            continue
        response = page.request.get(url, max_redirects=3)
        status[url] = response.status
        if response.status != 200 or "text/html" not in response.headers["content-type"]:
            continue
        for link in links_of(response.text(), url):
            if not same_origin(link, base):
                offsite.add(link)
            elif link not in status:
                queue.append(link)
    return status, offsite


def test_every_link_on_every_demo_page_answers(page, base_url, store):
    status, offsite = crawl(page, base_url)
    broken = {url: code for url, code in status.items() if code != 200}
    assert broken == {}
    assert offsite == set()  # the demo needs no network
    assert len(status) < MAX_PAGES
    outlet_pages = [u for u in status if "/news/" in u and u.endswith(".html")]
    assert len(outlet_pages) >= store.articles.count()  # every "Read at …" was followed
    for source in store.sources.all():
        assert status.get(source.url) == 200, source.url
        if source.site_url:
            assert status.get(source.site_url) == 200, source.site_url


def test_read_at_the_outlet_opens_the_outlets_own_page(page, base_url, store):
    article = next(a for a in list_items(store, limit=1000).items if a.url)
    page.goto(f"{base_url}/articles/{article.id}")
    link = page.locator("a.original")
    outlet = article.source_title or ""
    assert link.inner_text() == f"Read at {outlet}"
    link.click()
    page.wait_for_url(article.url)
    assert page.locator("h1").first.inner_text() == article.title
