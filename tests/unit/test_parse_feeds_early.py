"""What the ingest path learns about a feed before and while it is parsed: its likely bodies
read from the raw bytes, and the moment lxml's GIL-free tree building is over."""

from __future__ import annotations

import json

import pytest

from newsfeed.model import RawText
from newsfeed.parse.feeds import likely_bodies, parse_feed
from newsfeed.parse.feeds.cdata import MIN_BODY_BYTES

URL = "https://quay.example.org/feed"
BODY = "<p>The tide &amp; the ferry.</p>" * 60


def rss(*bodies: str, declaration: str = '<?xml version="1.0" encoding="utf-8"?>') -> bytes:
    items = "".join(
        f"<item><title>T{i}</title><description><![CDATA[<p>short {i}</p>]]></description>"
        f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
        for i, body in enumerate(bodies)
    )
    return (
        f'{declaration}<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Quay</title>{items}</channel></rss>"
    ).encode()


def contents(content: bytes) -> list[str]:
    feed = parse_feed(content, url=URL)
    return [entry.content.value for entry in feed.entries if entry.content is not None]


def test_big_cdata_sections_are_the_bodies_the_parser_reads() -> None:
    content = rss(BODY, "\n  " + BODY + "\r\n<p>more</p>\r  ", "Käse & " + BODY)
    assert list(likely_bodies(content)) == contents(content)


def test_small_sections_and_broken_bytes_are_skipped() -> None:
    small = "<p>" + "x" * (MIN_BODY_BYTES - 10) + "</p>"
    broken = rss(BODY).replace(b"The tide", b"The \xff tide", 1)
    assert list(likely_bodies(rss(small, BODY))) == [BODY]
    assert list(likely_bodies(broken)) == []  # lxml rejects these bytes too
    whole = rss(BODY)
    assert list(likely_bodies(whole[: whole.rindex(b"]]>") + 3])) == [BODY]
    assert list(likely_bodies(whole[: whole.rindex(b"]]>")])) == []  # never closed


def test_only_utf8_documents_are_read() -> None:
    latin = rss(BODY, declaration='<?xml version="1.0" encoding="iso-8859-1"?>')
    assert list(likely_bodies(latin)) == []
    assert list(likely_bodies(rss(BODY), "windows-1252")) == []
    assert list(likely_bodies(rss(BODY), "utf-8")) == [BODY]


def test_on_tree_is_called_once_the_xml_tree_is_built() -> None:
    calls: list[str] = []
    feed = parse_feed(rss(BODY), url=URL, on_tree=lambda: calls.append("tree"))
    assert calls == ["tree"]
    assert feed.entries[0].content == RawText(BODY, "html")


@pytest.mark.parametrize(
    "content",
    [
        json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": []}),
        "<rss><channel><title>Broken &bogus; <item></channel>",  # not well-formed: feedparser
    ],
    ids=["json", "fallback"],
)
def test_on_tree_is_not_called_without_an_lxml_tree(content: str) -> None:
    calls: list[str] = []
    parse_feed(content.encode(), url=URL, on_tree=lambda: calls.append("tree"))
    assert calls == []
