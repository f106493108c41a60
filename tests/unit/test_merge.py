"""merge_page / merge_failure: a page builds or enriches an article."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from newsfeed.errors import ExtractionError
from newsfeed.model import ArticleData, Author, Image, RawAuthor, RawImage, RawPage
from newsfeed.normalize.article import content_hash
from newsfeed.normalize.merge import merge_failure, merge_page

NOW = datetime(2024, 6, 1, 12, tzinfo=UTC)
BODY = " ".join(["word"] * 600)
PAGE = RawPage(
    url="https://Example.org/news/a?utm_source=x",
    title="Page title",
    dek="Page dek.",
    content_html=f"<p>{BODY}</p>",
    text=BODY,
    published=datetime(2024, 5, 30, 8, tzinfo=UTC),
    language="en",
    authors=(
        RawAuthor(
            "Ann Lee",
            role="Reporter",
            bio="Ann covers the port.",
            avatar_url="https://example.org/ann.jpg",
        ),
    ),
    image=RawImage("https://example.org/lead.jpg", caption="Cap", credit="AFP via Getty Images"),
    tags=("Port",),
    field_sources=(("title", "jsonld"), ("image", "figure"), ("content", "trafilatura")),
)
FEED = ArticleData(
    guid="feed-guid-1",
    url="https://example.org/news/a",
    title="Feed title",
    dek="Feed dek.",
    content_html="<p>short teaser</p>",
    text="short teaser",
    language="en",
    published_at=datetime(2024, 5, 30, 7, tzinfo=UTC),
    updated_at=None,
    word_count=2,
    reading_minutes=1,
    content_hash="old",
    authors=(Author("Ann Lee"), Author("Bo Chen")),
    image=Image("https://example.org/lead.jpg", alt="Alt text"),
    tags=("News",),
    field_sources=(("title", "feed"), ("content", "feed")),
)


def test_a_page_source_article_is_built_from_the_page_alone() -> None:
    article = merge_page(None, PAGE, now=NOW)
    assert article.guid == article.url == "https://example.org/news/a"
    assert (article.title, article.dek, article.text) == ("Page title", "Page dek.", BODY)
    assert article.word_count == 600 and article.reading_minutes == 3
    assert article.content_hash == content_hash("Page title", BODY)
    assert article.image == Image("https://example.org/lead.jpg", "Cap", "AFP via Getty Images")
    assert dict(article.field_sources)["content"] == "trafilatura"


def test_the_longer_page_body_replaces_the_feed_teaser_and_authors_are_enriched() -> None:
    article = merge_page(FEED, PAGE, now=NOW)
    assert article.guid == "feed-guid-1"
    assert article.text == BODY and article.content_html == f"<p>{BODY}</p>"
    assert [a.name for a in article.authors] == ["Ann Lee", "Bo Chen"]
    ann = article.authors[0]
    assert (ann.role, ann.bio, ann.avatar_url) == (
        "Reporter",
        "Ann covers the port.",
        "https://example.org/ann.jpg",
    )
    assert article.image is not None and article.image.alt == "Alt text"  # filled from the feed
    assert article.image.credit == "AFP via Getty Images"
    assert article.tags == ("News", "Port")
    assert dict(article.field_sources) == {
        "title": "jsonld",
        "content": "trafilatura",
        "image": "figure",
    }


def test_a_shorter_page_body_keeps_the_feed_body_and_the_page_keeps_feed_title_and_date() -> None:
    full_feed = replace(FEED, text=BODY + " more", content_html=f"<p>{BODY} more</p>")
    bare_page = replace(PAGE, title=None, published=None, text="tiny", content_html="<p>tiny</p>")
    article = merge_page(full_feed, bare_page, now=NOW)
    assert article.text == BODY + " more"
    assert article.title == "Feed title"
    assert article.published_at == FEED.published_at
    assert dict(article.field_sources)["content"] == "feed"


def test_page_dates_in_the_future_are_clamped_to_now() -> None:
    article = merge_page(None, replace(PAGE, published=datetime(2030, 1, 1, tzinfo=UTC)), now=NOW)
    assert article.published_at == NOW


def test_a_page_without_title_takes_one_from_its_text() -> None:
    article = merge_page(None, replace(PAGE, title=None), now=NOW)
    assert article.title.startswith("word word")


def test_merge_failure_keeps_the_feed_version_and_records_why() -> None:
    article = merge_failure(FEED, ExtractionError("only 3 words of text", url=FEED.url))
    assert article.extraction_error == "no_article: only 3 words of text"
    assert replace(article, extraction_error=None) == FEED


def test_a_successful_merge_clears_an_earlier_extraction_error() -> None:
    failed = replace(FEED, extraction_error="no_article: earlier")
    assert merge_page(failed, PAGE, now=NOW).extraction_error is None
