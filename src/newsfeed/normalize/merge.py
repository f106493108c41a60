"""Build or enrich an article from its extracted page (`merge_page`), or record why the page
could not be used (`merge_failure`). Pure: everything it needs is passed in.

The page wins where it knows more: its body when longer than the feed's, its title and dates
when it has them, its lead photo; authors from both are combined (the page adds role, bio,
avatar); text, word count, reading time and content hash are recomputed from the result.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from newsfeed.errors import ExtractionError, InvalidInput
from newsfeed.model import ArticleData, Author, Image, RawAuthor, RawImage, RawPage
from newsfeed.normalize.article import UNTITLED, content_hash
from newsfeed.normalize.authors import normalize_authors
from newsfeed.normalize.dates import clamp_future
from newsfeed.normalize.fill import fill_missing
from newsfeed.normalize.html import html_to_text
from newsfeed.normalize.images import image_from_raw, same_image
from newsfeed.normalize.language import detect_language
from newsfeed.normalize.readingtime import minutes_for
from newsfeed.normalize.tags import normalize_tags
from newsfeed.normalize.text import counts, cut_at_word
from newsfeed.normalize.urls import canonical_url

MAX_TITLE_CHARS = 300
TITLE_FROM_TEXT_CHARS = 80
MAX_DEK_CHARS = 300
_EMPTY = ArticleData(
    guid="", url=None, title="", dek=None, content_html="", text="", language=None,
    published_at=None, updated_at=None, word_count=0, reading_minutes=0, content_hash="",
)  # fmt: skip


def merge_page(article: ArticleData | None, page: RawPage, *, now: datetime) -> ArticleData:
    """The article built from `page` (a page source: `article` is None, guid = canonical
    URL), or the feed's `article` enriched with it."""
    url = _page_url(page)
    old = article or replace(_EMPTY, guid=url, url=url)
    use_page_body = bool(page.text) and _longer(page.text or "", old.text)
    content_html = (page.content_html or "") if use_page_body else old.content_html
    text = (page.text or html_to_text(content_html)) if use_page_body else old.text
    title = _title(page.title or old.title, text)
    words, cjk = counts(text)
    return replace(
        old,
        url=old.url or url,
        title=title,
        dek=_dek(page.dek) or old.dek,
        content_html=content_html,
        text=text,
        language=page.language or old.language or detect_language(text or title),
        published_at=clamp_future(page.published, now) or old.published_at,
        updated_at=clamp_future(page.updated, now) or old.updated_at,
        word_count=words + cjk,
        reading_minutes=minutes_for(words, cjk),
        content_hash=content_hash(title, text),
        authors=merge_authors(old.authors, page.authors),
        image=merge_image(old.image, page.image, url),
        tags=normalize_tags((*old.tags, *page.tags)),
        field_sources=_sources(article, page, use_page_body),
        extraction_error=None,
    )


def merge_failure(article: ArticleData, error: ExtractionError) -> ArticleData:
    """The feed's article unchanged, with why its page could not be used ("no_article: …")."""
    return replace(article, extraction_error=f"{error.code}: {error.message}")


def _page_url(page: RawPage) -> str:
    try:
        return canonical_url(page.url)
    except InvalidInput:
        return page.url


def _longer(page_text: str, feed_text: str) -> bool:
    return sum(counts(page_text)) > sum(counts(feed_text))


def _title(title: str, text: str) -> str:
    title = " ".join(title.split())
    if title:
        return cut_at_word(title, MAX_TITLE_CHARS)
    return cut_at_word(text, TITLE_FROM_TEXT_CHARS) if text else UNTITLED


def _dek(dek: str | None) -> str | None:
    dek = " ".join((dek or "").split())
    return cut_at_word(dek, MAX_DEK_CHARS) if dek else None


def merge_authors(feed: tuple[Author, ...], page: tuple[RawAuthor, ...]) -> tuple[Author, ...]:
    """The feed's authors then the page's, one per person, each knowing what either said."""
    as_raw = tuple(
        RawAuthor(a.name, email=a.email, url=a.url, avatar_url=a.avatar_url, role=a.role, bio=a.bio)
        for a in feed
    )
    return normalize_authors((*as_raw, *page))


def merge_image(feed: Image | None, page: RawImage | None, base: str) -> Image | None:
    """The page's lead photo (it has the caption and credit), else the feed's; when both show
    the same picture, each fills what the other lacks."""
    found = image_from_raw(page, base) if page is not None else None
    if found is None:
        return feed
    if feed is None or not same_image(feed.url, found.url):
        return found
    return fill_missing(found, feed)


def _sources(
    article: ArticleData | None, page: RawPage, use_page_body: bool
) -> tuple[tuple[str, str], ...]:
    """Where each field came from: the feed's record, overridden by the page's fields."""
    sources = dict(article.field_sources) if article is not None else {}
    for name, source in page.field_sources:
        if name != "content" or use_page_body:
            sources[name] = source
    if not use_page_body:
        sources.setdefault("content", "feed")
    return tuple(sources.items())
