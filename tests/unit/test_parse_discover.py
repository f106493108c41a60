"""Feed discovery on HTML pages and the cheap feed sniff."""

from __future__ import annotations

from pathlib import Path

from newsfeed.parse.discover import COMMON_FEED_PATHS, find_feed_links, looks_like_feed

FEEDS = Path(__file__).resolve().parent.parent / "data" / "feeds"

PAGE = b"""<!DOCTYPE html><html><head>
<link rel="stylesheet" href="/s.css">
<link rel="alternate" type="application/rss+xml" title="All" href="/feed.xml">
<link rel="alternate" type="application/atom+xml" href="https://cdn.example.org/atom">
<link rel="Alternate" type="application/feed+json" href="feed.json">
<link rel="alternate" type="application/rss+xml" href="/feed.xml">
<link rel="alternate" hreflang="fr" href="/fr/">
<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
</head><body><a href="/other.rss">not a link element</a></body></html>"""


def test_find_feed_links_in_page_order_absolute_unique() -> None:
    assert find_feed_links(PAGE, "https://www.example.org/news/") == [
        "https://www.example.org/feed.xml",
        "https://cdn.example.org/atom",
        "https://www.example.org/news/feed.json",
    ]


def test_find_feed_links_honours_base_element() -> None:
    page = (
        b'<html><head><base href="https://b.example.org/x/">'
        b'<link rel="alternate" type="application/atom+xml" href="a.xml"></head></html>'
    )
    assert find_feed_links(page, "https://a.example.org/") == ["https://b.example.org/x/a.xml"]


def test_find_feed_links_on_nothing() -> None:
    assert find_feed_links(b"", "https://a.example.org/") == []
    assert find_feed_links(b"<html><body>no feeds</body></html>", "https://a.example.org/") == []


def test_common_paths() -> None:
    for path in ("/feed", "/rss", "/feed.xml", "/atom.xml", "/index.xml", "/rss.xml", "/feed.json"):
        assert path in COMMON_FEED_PATHS


def test_looks_like_feed() -> None:
    for name in ("rss20_full.xml", "rss091.xml", "rss10.rdf", "atom10_base.xml", "atom03.xml"):
        assert looks_like_feed((FEEDS / name).read_bytes(), "application/xml"), name
    assert looks_like_feed((FEEDS / "jsonfeed11.json").read_bytes(), "application/feed+json")
    assert not looks_like_feed((FEEDS / "page.html").read_bytes(), "text/html")
    assert not looks_like_feed((FEEDS / "garbage.bin").read_bytes(), None)
    assert not looks_like_feed(b"", None)
    assert not looks_like_feed(b'{"a": 1}', "application/json")
    utf16 = '<?xml version="1.0" encoding="utf-16"?><rss version="2.0"></rss>'.encode("utf-16")
    assert looks_like_feed(utf16, None)
