"""The ingest path: parse_and_sanitize hands out each entry with the body normalize_entry
would have sanitized itself, and parse_and_normalize equals parse_feed + normalize_entry."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from newsfeed.errors import ParseError
from newsfeed.model import FetchResult
from newsfeed.normalize.article import body_source, normalize_entry
from newsfeed.normalize.html import sanitize_html
from newsfeed.parse.feeds import likely_bodies, parse_feed
from newsfeed.update.cpu import parse_and_normalize, parse_and_sanitize
from newsfeed.update.sanitizing import sanitize_ahead
from tests.unit.test_parse_feeds_golden import FEEDS, GOLDEN

NOW = datetime(2030, 1, 1, tzinfo=UTC)
SOURCE = "https://source.example.org/feed"


def fetched(name: str, url: str) -> FetchResult:
    return FetchResult(url, 200, (FEEDS / name).read_bytes(), {})


@pytest.mark.parametrize(("name", "url"), GOLDEN)
def test_bodies_are_what_normalize_would_sanitize(name: str, url: str) -> None:
    feed, bodies = parse_and_sanitize(fetched(name, url), SOURCE)
    whole = parse_feed((FEEDS / name).read_bytes(), url=url)
    assert feed == dataclasses.replace(whole, entries=())
    pairs = list(bodies)
    assert [entry for entry, _ in pairs] == list(whole.entries) != []
    for entry, body in pairs:
        html, base = body_source(entry, whole, SOURCE)
        assert body == sanitize_html(html, base_url=base)


def test_hostile_bodies_come_out_clean() -> None:
    _, bodies = parse_and_sanitize(
        fetched("hostile.xml", "https://hostile.example.org/rss"), SOURCE
    )
    for _, body in bodies:
        assert "<script" not in body and "onerror" not in body and "javascript:" not in body


@pytest.mark.parametrize(("name", "url"), GOLDEN)
def test_parse_and_normalize_equals_the_serial_path(name: str, url: str) -> None:
    feed, articles = parse_and_normalize(fetched(name, url), SOURCE, NOW)
    whole = parse_feed((FEEDS / name).read_bytes(), url=url)
    assert feed == dataclasses.replace(whole, entries=())
    serial = [normalize_entry(e, whole, source_url=SOURCE, now=NOW) for e in whole.entries]
    assert articles == serial


def test_parse_errors_are_raised_before_any_sanitizing() -> None:
    with pytest.raises(ParseError) as caught:
        parse_and_sanitize(fetched("page.html", "https://site.example.org/"), SOURCE)
    assert caught.value.code == "not_a_feed"


def test_bodies_cleaned_while_parsing_are_the_right_ones() -> None:
    """Big CDATA bodies are cleaned from the raw bytes while lxml parses; each entry must
    still get exactly its own body, cleaned against its own base (one item has another
    xml:base, one body is double-encoded UTF-8 that the parser repairs)."""
    body = '<p onclick="x()">Tide {i} <a href="/t/{i}">tables</a></p><script>t()</script>' * 30
    items = [f"<item><title>T{i}</title><content:encoded><![CDATA[{body.format(i=i)}\r\n"
             "]]></content:encoded></item>" for i in range(40)]  # fmt: skip
    items[7] = items[7].replace("<item>", '<item xml:base="https://elsewhere.example.org/a/">')
    items[9] = items[9].replace("Tide", "TideÃ©")  # "é" encoded twice: repaired
    content = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Q</title>'
        + "".join(items)
        + "</channel></rss>"
    ).encode()
    url = "https://quay.example.org/feed"
    whole = parse_feed(content, url=url)
    sources = [body_source(entry, whole, SOURCE) for entry in whole.entries]
    expected = [sanitize_html(html, base_url=base) for html, base in sources]
    _, bodies = parse_and_sanitize(FetchResult(url, 200, content, {}), SOURCE)
    assert list(bodies) == list(zip(whole.entries, expected, strict=True))
    # as if the early cleaning had got through every guess before the parse ended:
    every_guess = {
        (html, url): sanitize_html(html, base_url=url) for html in likely_bodies(content)
    }
    assert len(every_guess) == 40
    ahead = sanitize_ahead(
        whole.entries, lambda e: body_source(e, whole, SOURCE), known=every_guess
    )
    assert [cleaned for _, cleaned in ahead] == expected
    assert 'href="https://elsewhere.example.org/t/7"' in expected[7]
    assert "Tideé 9" in expected[9] and "<script" not in expected[9]
