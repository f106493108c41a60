"""normalize_entry: one RawEntry in, one clean ArticleData out."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from newsfeed.model import (
    ArticleData,
    Author,
    Image,
    RawAuthor,
    RawEntry,
    RawFeed,
    RawImage,
    RawText,
)
from newsfeed.normalize.article import body_source, content_hash, normalize_entry
from newsfeed.normalize.html import sanitize_html
from newsfeed.normalize.images import parse_fragment, serialize_fragment

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
SOURCE = "https://news.example.com/feed.xml"
FEED = RawFeed("rss20", title="Harbour Post", link="https://news.example.com/")
BODY = (
    "<p>The city council voted on Tuesday to rebuild the old harbour wall before winter.</p>"
    "<p>Work starts next month and should take about a year.</p>"
)
LEAD_FIGURE = (
    "<figure><img src='/img/wall.jpg' width='1200' height='800' alt='The wall'>"
    "<figcaption>The harbour wall on Oct. 23, 2019. (AFP via Getty Images)</figcaption></figure>"
)


def norm(entry: RawEntry, feed: RawFeed = FEED) -> ArticleData:
    return normalize_entry(entry, feed, source_url=SOURCE, now=NOW)


def html(value: str) -> RawText:
    return RawText(value, "html")


def test_full_entry() -> None:
    article = norm(
        RawEntry(
            guid="tag:news.example.com,2024:42",
            link="HTTPS://News.Example.com/2024/05/wall?utm_source=rss&id=42#comments",
            title=html("Council &amp; <em>city</em> agree on the wall"),
            summary=html("A decade-long argument ends with a unanimous vote."),
            content=html(BODY),
            published=datetime(2024, 4, 30, 8, 0, tzinfo=UTC),
            updated=datetime(2024, 4, 30, 9, 0, tzinfo=UTC),
            authors=(RawAuthor("By Jane Doe", role="Reporter"),),
            tags=("Politics", " politics", "Harbour"),
            language="en-GB",
        )
    )
    assert article.guid == "tag:news.example.com,2024:42"
    assert article.url == "https://news.example.com/2024/05/wall?id=42"
    assert article.title == "Council & city agree on the wall"
    assert article.dek == "A decade-long argument ends with a unanimous vote."
    assert article.text.startswith("The city council voted on Tuesday")
    assert "\n\nWork starts next month" in article.text
    assert article.language == "en"
    assert article.published_at == datetime(2024, 4, 30, 8, 0, tzinfo=UTC)
    assert article.updated_at == datetime(2024, 4, 30, 9, 0, tzinfo=UTC)
    assert article.word_count == 24  # 14 + 10
    assert article.reading_minutes == 1
    assert article.content_hash == content_hash(article.title, article.text)
    assert article.authors == (Author("Jane Doe", role="Reporter"),)
    assert article.tags == ("Politics", "Harbour")
    assert article.image is None


def test_content_hash_is_sha256_of_title_newline_text() -> None:
    expected = hashlib.sha256(b"Title\nBody text").hexdigest()
    assert content_hash("Title", "Body text") == expected
    assert content_hash("Title", "Body text!") != expected


def test_guid_falls_back_to_canonical_link_then_stable_hash() -> None:
    by_link = norm(RawEntry(link="https://news.example.com/a?fbclid=1", title=html("A")))
    assert by_link.guid == "https://news.example.com/a"
    no_link = RawEntry(title=html("A headline"), published=datetime(2024, 4, 1, tzinfo=UTC))
    first, again = norm(no_link), norm(no_link)
    assert first.guid == again.guid and first.guid.startswith("sha256:")
    other = norm(RawEntry(title=html("A headline"), published=datetime(2024, 4, 2, tzinfo=UTC)))
    assert other.guid != first.guid
    assert norm(RawEntry(guid="   ", link="https://news.example.com/b")).guid == (
        "https://news.example.com/b"
    )


def test_relative_link_resolved_and_bad_link_dropped() -> None:
    assert norm(RawEntry(link="/2024/05/wall")).url == "https://news.example.com/2024/05/wall"
    based = norm(RawEntry(link="wall", base_url="https://news.example.com/2024/05/"))
    assert based.url == "https://news.example.com/2024/05/wall"
    assert norm(RawEntry(link="javascript:alert(1)", guid="g")).url is None


def test_titles() -> None:
    assert norm(RawEntry(title=html("<b>Bold</b>   move &lt;now&gt;"))).title == "Bold move <now>"
    assert norm(RawEntry(title=RawText("Why 3 < 4 &amp; more", "text"))).title == (
        "Why 3 < 4 &amp; more"
    )
    assert norm(RawEntry(title=html("  \n "), content=html(BODY))).title == (
        "The city council voted on Tuesday to rebuild the old harbour wall before…"
    )
    assert norm(RawEntry(title=None)).title == "(untitled)"
    assert norm(RawEntry(title=html("<img src='x.png'>"))).title == "(untitled)"
    assert len(norm(RawEntry(title=html("word " * 200))).title) <= 300


def test_body_is_sanitized_and_links_absolute() -> None:
    article = norm(
        RawEntry(
            link="https://news.example.com/2024/05/wall",
            content=html("<p onclick='x()'>Hi <a href='/more'>more</a></p><script>evil()</script>"),
        )
    )
    assert "script" not in article.content_html and "onclick" not in article.content_html
    assert 'href="https://news.example.com/more"' in article.content_html
    assert article.text == "Hi more"


def test_summary_only_entry_uses_summary_as_body_and_has_no_dek() -> None:
    article = norm(RawEntry(summary=html(BODY)))
    assert article.text.startswith("The city council voted")
    assert article.dek is None


def test_plain_text_content_becomes_paragraphs() -> None:
    article = norm(RawEntry(content=RawText("First <para>.\n\nSecond.", "text")))
    assert article.content_html == "<p>First &lt;para&gt;.</p><p>Second.</p>"
    assert article.text == "First <para>.\n\nSecond."


def test_dek_dropped_when_it_is_the_start_of_the_body() -> None:
    for summary in (
        "The city council voted on Tuesday to rebuild the old harbour wall […]",
        "The city council voted on Tuesday to rebuild the old harbour wall...",
        "<p>The city council voted on Tuesday</p>",
        BODY,
    ):
        assert norm(RawEntry(summary=html(summary), content=html(BODY))).dek is None, summary


def test_dek_cut_at_a_word() -> None:
    long_summary = "Something different entirely. " + "lengthy " * 80
    dek = norm(RawEntry(summary=html(long_summary), content=html(BODY))).dek
    assert dek is not None and len(dek) <= 300 and dek.endswith("lengthy…")


def test_future_dates_clamped_and_published_falls_back_to_updated() -> None:
    future = norm(RawEntry(published=NOW + timedelta(days=30), updated=NOW + timedelta(days=30)))
    assert future.published_at == NOW and future.updated_at == NOW
    atom = norm(RawEntry(updated=datetime(2024, 4, 1, 6, 0)))
    assert atom.published_at == datetime(2024, 4, 1, 6, 0, tzinfo=UTC)
    assert norm(RawEntry()).published_at is None


def test_lead_image_from_body_removed_from_body() -> None:
    article = norm(
        RawEntry(link="https://news.example.com/2024/05/wall", content=html(LEAD_FIGURE + BODY))
    )
    assert article.image == Image(
        "https://news.example.com/img/wall.jpg",
        "The harbour wall on Oct. 23, 2019.",
        "AFP via Getty Images",
        "The wall",
        1200,
        800,
    )
    assert "<figure" not in article.content_html and "wall.jpg" not in article.content_html
    assert "Getty" not in article.text
    assert article.text.startswith("The city council voted")


def test_feed_image_wins_and_duplicate_in_body_removed_with_its_caption_used() -> None:
    entry = RawEntry(
        link="https://news.example.com/2024/05/wall",
        images=(RawImage("https://news.example.com/img/wall.jpg?w=2000", width=2000),),
        content=html(LEAD_FIGURE + BODY),
    )
    article = norm(entry)
    assert article.image is not None
    assert article.image.url == "https://news.example.com/img/wall.jpg?w=2000"
    assert article.image.width == 2000
    assert article.image.credit == "AFP via Getty Images"
    assert "wall.jpg" not in article.content_html


def test_feed_image_different_from_body_photo_keeps_body_photo() -> None:
    entry = RawEntry(
        images=(RawImage("https://img.example.com/other.jpg", caption="Other. Photo: Max Moe"),),
        content=html(LEAD_FIGURE + BODY),
        link="https://news.example.com/2024/05/wall",
    )
    article = norm(entry)
    assert article.image == Image("https://img.example.com/other.jpg", "Other.", "Max Moe")
    assert "wall.jpg" in article.content_html


def test_tracking_pixels_never_lead_and_leave_the_body() -> None:
    body = BODY + "<p><img src='https://t.example.com/open.gif' width='1' height='1'></p>"
    article = norm(RawEntry(content=html(body)))
    assert article.image is None
    assert "open.gif" not in article.content_html
    assert article.content_html.count("<p>") == 2


def test_authors_fall_back_to_feed_authors() -> None:
    feed = RawFeed("atom10", authors=(RawAuthor("Harbour Desk"),))
    assert norm(RawEntry(), feed).authors == (Author("Harbour Desk"),)
    own = norm(RawEntry(authors=(RawAuthor("Jane Doe"),)), feed)
    assert own.authors == (Author("Jane Doe"),)


def test_language_declared_by_feed_or_detected_or_none() -> None:
    feed = RawFeed("rss20", language="de-DE")
    assert norm(RawEntry(content=html(BODY)), feed).language == "de"
    assert norm(RawEntry(content=html(BODY))).language == "en"
    assert norm(RawEntry(content=html("<p>Hi</p>"))).language is None


def test_cjk_article_reading_time() -> None:
    sentence = "市议会周二投票决定在冬天之前重建旧港口的城墙。"  # 22 CJK characters and a stop
    article = norm(RawEntry(title=html("市议会"), content=html("<p>" + sentence * 50 + "</p>")))
    assert article.word_count == 1100
    assert article.reading_minutes == 3  # 1,100 characters at 500 a minute, rounded up
    assert article.language == "zh"


def test_empty_entry_does_not_crash() -> None:
    article = norm(RawEntry())
    assert article.title == "(untitled)"
    assert (article.content_html, article.text, article.dek, article.url) == ("", "", None, None)
    assert article.word_count == 0 and article.reading_minutes == 1
    assert article.guid.startswith("sha256:")


def test_body_source_is_the_body_and_base_normalize_sanitizes() -> None:
    with_base = RawEntry(content=html(BODY), base_url="https://cdn.example.com/a/")
    assert body_source(with_base, FEED, SOURCE) == (BODY, "https://cdn.example.com/a/")
    linked = RawEntry(summary=RawText("one\n\ntwo", "text"), link="/2024/05/wall")
    assert body_source(linked, FEED, SOURCE) == (
        "<p>one</p><p>two</p>",
        "https://news.example.com/2024/05/wall",
    )
    assert body_source(RawEntry(), FEED, SOURCE) == ("", SOURCE)


def test_sanitized_body_given_ahead_gives_the_same_article() -> None:
    entry = RawEntry(
        title=html("Wall"),
        content=html(LEAD_FIGURE + BODY + '<p onclick="x()"><a href="/more">more</a></p>'),
        link="https://news.example.com/2024/05/wall",
        images=(RawImage("https://news.example.com/img/wall.jpg"),),
    )
    source, base = body_source(entry, FEED, SOURCE)
    ahead = normalize_entry(
        entry, FEED, source_url=SOURCE, now=NOW, sanitized_body=sanitize_html(source, base_url=base)
    )
    assert ahead == norm(entry)
    assert 'href="https://news.example.com/more"' in ahead.content_html
    assert "onclick" not in ahead.content_html and "wall.jpg" not in ahead.content_html


def test_sanitized_body_is_used_as_is_not_sanitized_again() -> None:
    entry = RawEntry(content=html("<p>raw</p>"))
    # A marker only the caller's sanitizer could have left: sanitizing again would drop it.
    article = normalize_entry(
        entry, FEED, source_url=SOURCE, now=NOW, sanitized_body='<p class="done">clean</p>'
    )
    assert article.content_html == '<p class="done">clean</p>'
    assert article.text == "clean"


# ── the leading-figure shortcut: the same article as parsing the whole body ───────────
_FIGURES = [
    LEAD_FIGURE,  # the photo the feed also names (see _MEDIA)
    "<figure><img src='/img/other.jpg' width='800'><figcaption>A bridge (Photo: Ana Ruiz)"
    "</figcaption></figure>",
    "<figure><img src='/px.gif' width='1' height='1'><img src='/img/wall.jpg?w=600'>"
    "<figcaption><span class='credit'>Jo Park</span> The wall at dusk</figcaption></figure>",
    "<figure><img src='/img/wall.jpg'></figure>",
    "<figure><p>No photo here.</p></figure>",
    "<figure><figure><img src='/img/wall.jpg'></figure><figcaption>Nested</figcaption></figure>",
    "<figure><img alt='a </figure> trick' src='/img/wall.jpg'><figcaption>x</figcaption></figure>",
]
_AFTER = [
    "",
    "<p>Work starts&nbsp;next month &amp; should take a year.</p>",
    "<p>One more: <img src='/img/late.jpg' width='640'></p>",
    "<p>Counter <img src='/stats/pixel.gif' width='1' height='1'></p>",
    "<figure><img src='/img/second.jpg'><figcaption>Second</figcaption></figure>",
    "tail text <br> and <b>bold</b>",
]
_MEDIA = [(), (RawImage("https://news.example.com/img/wall.jpg", width=1200),)]


def _article_parts(lead: str, after: str, media: tuple[RawImage, ...]) -> tuple[object, ...]:
    entry = RawEntry(
        title=html("Wall"),
        link="https://news.example.com/a/1",
        content=html("  " + lead + after),
        images=media,
    )
    a = norm(entry)
    canonical = parse_fragment(a.content_html)
    shape = serialize_fragment(canonical) if canonical is not None else ""
    return a.image, a.text, a.content_hash, shape


def test_leading_figure_shortcut_gives_the_same_article(monkeypatch) -> None:
    """Only the figure is parsed when it opens the body and holds every image; the stored
    body may differ from a whole-body parse only in how lxml would have re-serialized the
    rest (so: same image, text and hash, and the same HTML once both are parsed)."""
    import newsfeed.normalize.article as article_module

    shortcut = article_module._leading_figure
    for lead in _FIGURES:
        for after in _AFTER:
            for media in _MEDIA:
                quick = _article_parts(lead, after, media)
                monkeypatch.setattr(article_module, "_leading_figure", lambda body: None)
                whole = _article_parts(lead, after, media)
                monkeypatch.setattr(article_module, "_leading_figure", shortcut)
                assert quick == whole, (lead, after, media)


def test_leading_figure_shortcut_applies_only_to_a_lone_opening_figure() -> None:
    from newsfeed.normalize.article import _leading_figure

    figure = '<figure><img src="https://x.test/a.jpg"></figure>'
    assert _leading_figure(" " + figure + "<p>text</p>") == (figure, "<p>text</p>")
    assert _leading_figure("<p>x</p>" + figure) is None
    assert _leading_figure(figure + '<p><img src="https://x.test/b.jpg"></p>') is None
    assert _leading_figure("<figure><figure>" + figure[8:] + "</figure>") is None
    assert _leading_figure('<figure><img src="https://x.test/a.jpg">') is None
