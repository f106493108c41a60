"""Arbitrary input never crashes normalize: at worst a clean InvalidInput or None."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfeed.errors import InvalidInput
from newsfeed.model import RawAuthor, RawEntry, RawFeed, RawText
from newsfeed.normalize.article import normalize_entry
from newsfeed.normalize.authors import normalize_authors, slugify
from newsfeed.normalize.captions import split_caption_credit
from newsfeed.normalize.dates import parse_date
from newsfeed.normalize.readingtime import reading_minutes
from newsfeed.normalize.tags import normalize_tags
from newsfeed.normalize.urls import canonical_url

NASTY = st.one_of(
    st.text(),
    st.text(alphabet="()[]/:.,&;@<>©|—-# \n\tAPhotoby"),
    st.sampled_from(["http://", "https://[", "https://a:b@", "%", "\x00", "https://example.com:0"]),
)


@settings(max_examples=300, deadline=None, database=None)
@given(NASTY, st.one_of(st.none(), NASTY))
def test_canonical_url_only_raises_bad_url(url: str, base: str | None) -> None:
    try:
        result = canonical_url(url, base)
    except InvalidInput as exc:
        assert exc.code == "bad_url"
    else:
        assert result.startswith(("http://", "https://"))
        assert "#" not in result
        assert canonical_url(result) == result


@settings(max_examples=300, deadline=None, database=None)
@given(NASTY)
def test_text_functions_never_crash(text: str) -> None:
    parsed = parse_date(text)
    assert parsed is None or parsed.tzinfo is UTC
    caption, credit = split_caption_credit(text)
    assert caption is None or caption.strip() == caption != ""
    assert credit is None or credit.strip() == credit != ""
    assert reading_minutes(text) >= 1
    assert slugify(text).isascii()
    for author in normalize_authors([RawAuthor(text, email=text, url=text)]):
        assert author.name and author.name == author.name.strip()
    assert all(t and len(t) <= 64 for t in normalize_tags([text, text.upper()]))


@settings(max_examples=150, deadline=None, database=None)
@given(NASTY, NASTY, st.sampled_from(["html", "text"]))
def test_normalize_entry_never_crashes(title: str, body: str, kind: str) -> None:
    entry = RawEntry(
        guid=None,
        link=title,
        title=RawText(title, kind),  # type: ignore[arg-type]
        content=RawText(body, kind),  # type: ignore[arg-type]
        summary=RawText(title),
    )
    article = normalize_entry(
        entry, RawFeed("rss20"), source_url="https://example.com/feed", now=datetime.now(UTC)
    )
    assert article.title and article.guid
    assert article.reading_minutes >= 1
    assert len(article.content_hash) == 64
