"""Bad input gives ParseError with a stable code, never a traceback; hostile content comes
out safe once sanitized."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfeed.errors import ParseError
from newsfeed.normalize.html import sanitize_html
from newsfeed.parse.feeds import parse_feed

FEEDS = Path(__file__).resolve().parent.parent / "data" / "feeds"


@pytest.mark.parametrize(
    "content",
    [
        (FEEDS / "page.html").read_bytes(),
        (FEEDS / "garbage.bin").read_bytes(),
        b"",
        b"   \n\t ",
        b"<html><body><p>hi</p></body></html>",
        b"just some words, no markup at all",
    ],
    ids=["html-page", "garbage", "empty", "blank", "bare-html", "plain-text"],
)
def test_not_a_feed(content: bytes) -> None:
    with pytest.raises(ParseError) as info:
        parse_feed(content, url="https://example.org/x")
    assert info.value.code == "not_a_feed"
    assert info.value.url == "https://example.org/x"
    assert str(info.value)


@pytest.mark.parametrize(
    "content", [b'{"version": "https://jsonfeed.org/version/1.1", "items": [', b"{not json}"]
)
def test_broken_json_feed(content: bytes) -> None:
    with pytest.raises(ParseError) as info:
        parse_feed(content, url="https://example.org/feed.json")
    assert info.value.code == "bad_json"
    assert "JSON" in str(info.value)


def test_json_that_is_not_a_feed() -> None:
    with pytest.raises(ParseError) as info:
        parse_feed(b'{"hello": "world"}', url="https://example.org/x.json")
    assert info.value.code == "not_a_feed"


def test_illformed_rss_still_gives_entries() -> None:
    feed = parse_feed((FEEDS / "illformed.xml").read_bytes(), url="https://b.example.org/")
    assert feed.bozo is True and feed.bozo_reason
    assert [e.link for e in feed.entries] == [
        "https://broken.example.org/1",
        "https://broken.example.org/2",
    ]


def test_undefined_entities_do_not_cut_text() -> None:
    feed = parse_feed((FEEDS / "entities.xml").read_bytes(), url="https://c.example.org/")
    entry = feed.entries[0]
    assert feed.title == "Café Society"
    assert entry.title is not None and entry.title.value == "São Jorge\u00a0— a review"
    assert entry.summary is not None
    assert entry.summary.value.endswith("«remarkable» & cheap.")


def test_hostile_content_is_safe_after_sanitizing() -> None:
    feed = parse_feed((FEEDS / "hostile.xml").read_bytes(), url="https://hostile.example.org/")
    entry = feed.entries[0]
    assert entry.summary is not None and "<script>" in entry.summary.value  # not sanitized here
    clean = sanitize_html(entry.summary.value, base_url=entry.base_url).lower()
    for bad in ("<script", "alert(", "onerror", "onclick", "javascript:", "data:", "<iframe",
                "<style", "style=", "<object", "display:none"):  # fmt: skip
        assert bad not in clean, bad
    assert "hello" in clean and "win" in clean
    assert 'href="https://hostile.example.org/safe"' in clean
    assert 'src="https://hostile.example.org/x.png"' in clean


def test_entity_bomb_is_not_expanded() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        b'<rss version="2.0"><channel><title>&c;</title></channel></rss>'
    )
    feed = parse_feed(bomb, url="https://example.org/")
    assert len(feed.title or "") < 10_000


def test_entities_declared_in_a_dtd_are_neither_expanded_nor_loaded(tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-71")
    laughs = "".join(
        f'<!ENTITY l{n} "{("&l" + str(n - 1) + ";") * 10 if n else "lol"}">' for n in range(10)
    )
    doc = (
        f'<?xml version="1.0"?><!DOCTYPE rss [{laughs}<!ENTITY x SYSTEM "file://{secret}">]>'
        '<rss version="2.0"><channel><title>T &l9; &x;</title>'
        "<item><title>I &l9; &x;</title><guid>1</guid></item></channel></rss>"
    ).encode()
    feed = parse_feed(doc, url="https://example.org/")
    text = (feed.title or "") + "".join(e.title.value for e in feed.entries if e.title)
    assert "TOP-SECRET" not in text and "lollol" not in text


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": "x"}', "not_a_feed"),
        (b'{"version": "https://jsonfeed.org/version/1", "items": ' + b"[" * 100_000, "bad_json"),
    ],
)
def test_json_feeds_with_the_wrong_shape(content: bytes, code: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_feed(content, url="https://example.org/feed.json")
    assert info.value.code == code
