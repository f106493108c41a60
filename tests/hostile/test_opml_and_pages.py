"""Subscription lists and article pages that try to smuggle in links or endless work:
OPML site links with `javascript:`/`data:` URLs and outsized titles, and a teaser feed that
would make one refresh fetch thousands of pages."""

from __future__ import annotations

import pytest

from newsfeed.errors import InvalidInput
from newsfeed.normalize.limits import MAX_TITLE_CHARS
from newsfeed.parse.opml import read_opml
from tests.hostile.harness import RSS, item, refresh, rss, source_at
from tests.localserver import LocalServer
from tests.queries import list_items


def opml(*outlines: str) -> bytes:
    return ("<opml version='2.0'><body>" + "".join(outlines) + "</body></opml>").encode()


@pytest.mark.parametrize(
    "site", ["javascript:alert(document.cookie)", "data:text/html,hello", "  "]
)
def test_an_opml_site_link_that_is_not_http_is_dropped(site):
    (entry,) = read_opml(
        opml(f'<outline text="Quay" xmlUrl="https://quay.example/feed" htmlUrl="{site}"/>')
    )
    assert entry.url == "https://quay.example/feed" and entry.site_url is None


def test_opml_titles_are_capped_and_markup_is_kept_as_text():
    long = "[/b]" * 10_000
    (entry,) = read_opml(opml(f'<outline title="{long}" xmlUrl="https://quay.example/f"/>'))
    assert entry.title is not None and len(entry.title) <= MAX_TITLE_CHARS
    assert entry.title.startswith("[/b][/b]")


def test_an_opml_feed_url_over_the_cap_is_left_out():
    huge = "https://quay.example/" + "a" * 10_000
    entries = read_opml(
        opml(f'<outline xmlUrl="{huge}"/>', '<outline xmlUrl="https://quay.example/ok"/>')
    )
    assert [e.url for e in entries] == ["https://quay.example/ok"]


@pytest.mark.parametrize(
    "content",
    [
        b'<!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]><opml><body>'
        b'<outline title="&x;" xmlUrl="https://quay.example/f"/></body></opml>',
        b"<opml><body><outline",
    ],
    ids=["xxe", "broken"],
)
def test_hostile_opml_files_are_refused_or_read_safely(content):
    try:
        entries = read_opml(content)
    except InvalidInput as exc:
        assert exc.code == "bad_opml" and "OPML" in exc.message
    else:
        assert all("root:" not in (e.title or "") for e in entries)


PAGE = b"<html><body><article><h1>Quay</h1>" + b"<p>Full text here. </p>" * 40
PAGE += b"</article></body></html>"


def teasers(server: LocalServer, count: int, prefix: str) -> list[str]:
    """`count` teaser items, each linking to a full article page at /<prefix>/<n>."""
    items = []
    for n in range(count):
        link = server.route(f"/{prefix}/{n}", body=PAGE, headers={"Content-Type": "text/html"})
        items.append(item(f"{prefix}-{n}", f"Teaser {n}", "Short.", link=link))
    return items


def test_a_teaser_feed_costs_a_bounded_number_of_page_fetches(store, settings, server: LocalServer):
    """30 teasers: 20 pages now, the other 10 at the next refresh (not stored meanwhile)."""
    items = teasers(server, 30, "story")
    url = server.route("/feed", body=rss(*items), headers={"Content-Type": RSS})
    source = source_at(store, url, full_text="always")

    first = refresh(store, settings, source)
    fetched = sum(server.hits(f"/story/{n}") for n in range(30))
    assert first.ok and fetched == settings.full_text_max_pages == first.pages_fetched, (
        first.summary
    )
    assert len(list_items(store, limit=100).items) == settings.full_text_max_pages

    second = refresh(store, settings, source)
    fetched = sum(server.hits(f"/story/{n}") for n in range(30))
    assert second.ok and fetched == 30, second.summary
    assert len(list_items(store, limit=100).items) == 30


def test_items_left_for_later_are_fetched_even_when_the_feed_has_not_changed(
    store, settings, server: LocalServer
):
    """A feed with an ETag that answers 304: its validators are not kept while items wait,
    so the next refresh reads the feed again and fetches the rest."""
    items = teasers(server, 25, "late")
    url = server.route("/etag-feed", body=rss(*items), headers={"Content-Type": RSS}, etag='"v1"')
    source = source_at(store, url, full_text="always")

    first = refresh(store, settings, source)
    assert first.ok and store.sources.get(source.id).etag is None  # items still wait
    second = refresh(store, settings, store.sources.get(source.id))
    assert second.ok and not second.not_modified, second.summary
    assert len(list_items(store, limit=100).items) == 25
    assert store.sources.get(source.id).etag == '"v1"'  # nothing waits any more
    third = refresh(store, settings, store.sources.get(source.id))
    assert third.ok and third.not_modified
