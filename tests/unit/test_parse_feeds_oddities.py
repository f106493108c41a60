"""Feed quirks read the way feedparser reads them: empty elements, a second summary,
made-up `<tags>`, repeated dates, and text garbled by the publisher's tools."""

from __future__ import annotations

from datetime import UTC, datetime

from newsfeed.model import RawFeed, RawText
from newsfeed.parse.feeds import parse_feed
from newsfeed.parse.feeds.repair import fix_text, may_need_repair

URL = "https://quay.example.org/feed"


def rss(items: str, channel: str = "", declaration: str = "") -> RawFeed:
    body = f'{declaration}<rss version="2.0"><channel>{channel}{items}</channel></rss>'
    return parse_feed(body.encode("utf-8"), url=URL)


def test_empty_channel_description_is_empty_not_missing() -> None:
    feed = rss("", "<title>Quay Notes</title><description/><link>https://quay.example.org/</link>")
    assert feed.subtitle == ""
    assert feed.link == "https://quay.example.org/"
    assert rss("", "<title>Quay Notes</title>").subtitle is None


def test_second_summary_element_is_the_content() -> None:
    first = rss("<item><description>Short</description><summary>Long</summary></item>")
    assert first.entries[0].summary == RawText("Short", "html")
    assert first.entries[0].content == RawText("Long", "html")
    second = rss("<item><summary>Short</summary><description>Long</description></item>")
    assert second.entries[0].summary == RawText("Short", "html")
    assert second.entries[0].content == RawText("Long", "html")


def test_content_encoded_wins_over_a_second_summary() -> None:
    feed = rss(
        '<item xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<description>A</description><summary>B</summary>"
        "<content:encoded>&lt;p&gt;Full&lt;/p&gt;</content:encoded></item>"
    )
    assert feed.entries[0].content == RawText("<p>Full</p>", "html")


def test_tags_element_and_categories_in_document_order() -> None:
    feed = rss("<item><tags>harbour, ferries ,</tags><category>Transport</category></item>")
    assert feed.entries[0].tags == ("harbour", "ferries", "Transport")


def test_repeated_atom_updated_takes_the_last() -> None:
    feed = parse_feed(
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>x</id>'
        b"<updated>2010-12-01T10:14:55Z</updated><updated>2003-12-31T10:14:55Z</updated>"
        b"</entry></feed>",
        url=URL,
    )
    assert feed.entries[0].updated == datetime(2003, 12, 31, 10, 14, 55, tzinfo=UTC)


def test_double_encoded_utf8_is_repaired() -> None:
    feed = rss("<item><title>Wait&#226;&#128;&#166;</title><description>caf&#195;&#169;"
               "</description></item>")  # fmt: skip
    assert feed.entries[0].title == RawText("Wait…", "text")
    assert feed.entries[0].summary == RawText("café", "html")


def test_windows_1252_points_become_their_characters() -> None:
    feed = rss("<item><description>don&#146;t</description><title>it\u0092s</title></item>")
    assert feed.entries[0].summary == RawText("don\u2019t", "html")
    assert feed.entries[0].title is not None and feed.entries[0].title.value == "it\u2019s"


def test_real_latin1_text_is_left_alone() -> None:
    feed = rss("<item><title>Caf\u00e9 \u00c3 la carte \u00a9</title></item>")
    assert feed.entries[0].title == RawText("Caf\u00e9 \u00c3 la carte \u00a9", "text")
    latin1 = '<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><item>'
    raw = (latin1 + "<title>\u00c3\u00a9t\u00e9</title></item></channel></rss>").encode("latin-1")
    title = parse_feed(raw, url=URL).entries[0].title
    assert title is not None and title.value == "\u00c3\u00a9t\u00e9"  # not UTF-8: no repair


def test_fix_text_rules() -> None:
    assert fix_text("plain ascii", utf8=True) == "plain ascii"
    assert fix_text("\u00e2\u0080\u0099", utf8=True) == "\u2019"
    assert fix_text("\u00e2\u0080\u0099", utf8=False) == "\u00e2\u20ac\u2122"
    assert fix_text("x\u009dy", utf8=False) == "x\u009dy"  # no windows-1252 meaning: kept


def test_repair_precheck_skips_clean_documents() -> None:
    assert not may_need_repair("<rss>Caf\u00e9 &amp; &#8217;</rss>".encode(), True, False)
    assert may_need_repair(b"<rss>&#146;</rss>", True, False)
    assert may_need_repair("<rss>\u0092</rss>".encode(), True, False)
    assert may_need_repair(b"<rss>x</rss>", False, False)
    assert may_need_repair(b"<rss>x</rss>", True, True)
