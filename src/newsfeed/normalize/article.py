"""One feed entry → one clean ArticleData. Pure: everything it needs is passed in.

The body is sanitized once — here, or ahead by the caller (`body_source` says what to
sanitize, `sanitized_body=` hands the result in); it is parsed a second time (lxml) only
when it holds an `<img>`, to find the lead image and take that photo out of the body so it
is not shown twice.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime

from newsfeed.errors import InvalidInput
from newsfeed.model import ArticleData, Author, Image, RawEntry, RawFeed, RawText
from newsfeed.normalize.authors import normalize_authors
from newsfeed.normalize.dates import clamp_future
from newsfeed.normalize.html import html_to_text, sanitize_html, text_to_html
from newsfeed.normalize.images import (
    best_raw_image,
    body_image_at,
    display_element,
    drop_tracking_pixels,
    first_body_img,
    parse_fragment,
    remove_element,
    same_image,
    serialize_fragment,
)
from newsfeed.normalize.language import detect_language
from newsfeed.normalize.readingtime import minutes_for
from newsfeed.normalize.tags import normalize_tags
from newsfeed.normalize.text import collapse_spaces, counts, cut_at_word
from newsfeed.normalize.urls import canonical_url

UNTITLED = "(untitled)"
MAX_TITLE_CHARS = 300
TITLE_FROM_TEXT_CHARS = 80
MAX_DEK_CHARS = 300
DEK_COMPARE_CHARS = 120
_IMG = re.compile(r"<img\b", re.IGNORECASE)
_FIGURE_END = "</figure>"
_ELLIPSIS = re.compile(r"\s*(?:\[…\]|\[\.\.\.\]|…|\.\.\.)\s*$")


def normalize_entry(
    entry: RawEntry,
    feed: RawFeed,
    *,
    source_url: str,
    now: datetime,
    sanitized_body: str | None = None,
) -> ArticleData:
    """Turn a parsed feed entry into the article we store. `sanitized_body`, when given, is
    `sanitize_html(html, base_url=base)` for `html, base = body_source(entry, feed,
    source_url)`, done ahead (e.g. on a sanitizer thread) and used as is."""
    url = _article_url(entry, feed, source_url)
    base = _body_base(entry, url, source_url)
    if sanitized_body is None:
        sanitized_body = sanitize_html(_raw_body_html(entry), base_url=base)
    content_html, image = _body_and_image(entry, sanitized_body, base)
    text = html_to_text(content_html)
    words, cjk = counts(text)
    title = _title(entry.title, text)
    published = clamp_future(entry.published or entry.updated, now)
    return ArticleData(
        guid=_guid(entry, url, title, published),
        url=url,
        title=title,
        dek=_dek(entry, text),
        content_html=content_html,
        text=text,
        language=detect_language(text or title, entry.language or feed.language),
        published_at=published,
        updated_at=clamp_future(entry.updated, now),
        word_count=words + cjk,
        reading_minutes=minutes_for(words, cjk),
        content_hash=content_hash(title, text),
        authors=_authors(entry, feed),
        image=image,
        tags=normalize_tags(entry.tags),
    )


def body_source(entry: RawEntry, feed: RawFeed, source_url: str) -> tuple[str, str]:
    """The HTML `normalize_entry` sanitizes for the body (content, else summary; text made
    HTML) and the base URL it resolves relative links against."""
    url = None if entry.base_url else _article_url(entry, feed, source_url)
    return _raw_body_html(entry), _body_base(entry, url, source_url)


def content_hash(title: str, text: str) -> str:
    """sha256 hex of title + newline + text: the "did the article change" test."""
    return hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()


# ── identity ─────────────────────────────────────────────────────────────────────────
def _article_url(entry: RawEntry, feed: RawFeed, source_url: str) -> str | None:
    if not entry.link:
        return None
    try:
        return canonical_url(entry.link, base=entry.base_url or feed.link or source_url)
    except InvalidInput:
        return None


def _guid(entry: RawEntry, url: str | None, title: str, published: datetime | None) -> str:
    guid = collapse_spaces(entry.guid or "")
    if guid:
        return guid
    if url:
        return url
    stamp = published.isoformat() if published else ""
    return "sha256:" + hashlib.sha256(f"{title}\n{stamp}".encode()).hexdigest()


# ── title and dek ────────────────────────────────────────────────────────────────────
def _title(raw: RawText | None, text: str) -> str:
    title = plain_text(raw)
    if not title:
        title = cut_at_word(collapse_spaces(text), TITLE_FROM_TEXT_CHARS)
    return cut_at_word(title, MAX_TITLE_CHARS) if title else UNTITLED


def plain_text(raw: RawText | None) -> str:
    """A feed text construct as one line of plain text (HTML de-tagged, entities decoded)."""
    if raw is None or not raw.value:
        return ""
    value = raw.value
    if raw.type == "html" and ("<" in value or "&" in value):
        value = html_to_text(value)
    return collapse_spaces(value)


def _dek(entry: RawEntry, text: str) -> str | None:
    """The summary, when the entry also has content and the summary says something else
    than the start of the body."""
    if entry.content is None or not entry.content.value.strip():
        return None
    summary = plain_text(entry.summary)
    if not summary or _is_lead_of(summary, text):
        return None
    return cut_at_word(summary, MAX_DEK_CHARS)


def _is_lead_of(summary: str, text: str) -> bool:
    head = _ELLIPSIS.sub("", summary)[:DEK_COMPARE_CHARS]
    if len(head) < len(summary):  # compare whole words only
        head = head.rsplit(" ", 1)[0]
    return collapse_spaces(text[: DEK_COMPARE_CHARS * 3]).startswith(head)


# ── body and lead image ──────────────────────────────────────────────────────────────
def _body_base(entry: RawEntry, url: str | None, source_url: str) -> str:
    return entry.base_url or url or source_url


def _body_and_image(entry: RawEntry, body: str, base: str) -> tuple[str, Image | None]:
    """The sanitized body, without the lead photo when it repeats the lead image, and the
    lead image."""
    image = best_raw_image(entry.images, base)
    if not _IMG.search(body):
        return body, image
    part, tail = _leading_figure(body) or (body, "")
    root = parse_fragment(part)
    if root is None:
        return body, image
    image, removed = _take_lead_from_body(root, image, base)
    removed = drop_tracking_pixels(root) or removed
    return (serialize_fragment(root) + tail if removed else body), image


def _leading_figure(body: str) -> tuple[str, str] | None:
    """(figure, what follows it) when the body opens with a `<figure>` that holds every
    image of the body, the usual lead photo: then only that figure needs parsing, not the
    whole body (the whitespace before it goes, as lxml drops it). `body` is nh3's output,
    where every `<` starts a tag (attribute values and text have theirs escaped) and tag
    names are lower case."""
    start = len(body) - len(body.lstrip())
    if not body.startswith("<figure>", start):
        return None
    end = body.find(_FIGURE_END, start)
    if end < 0:
        return None
    end += len(_FIGURE_END)
    if body.find("<figure", start + 1, end) >= 0 or _IMG.search(body, end):
        return None  # a figure in the figure, or images after it: parse it all
    return body[start:end], body[end:]


def _raw_body_html(entry: RawEntry) -> str:
    raw = entry.content if entry.content and entry.content.value.strip() else entry.summary
    if raw is None:
        return ""
    return raw.value if raw.type == "html" else text_to_html(raw.value)


def _take_lead_from_body(root: object, image: Image | None, base: str) -> tuple[Image | None, bool]:
    """Find the first photo of the body; when it is (or repeats) the lead image, remove it
    from the body. Returns the lead image and whether the body changed."""
    found = first_body_img(root, base)
    if found is None:
        return image, False
    img, url = found
    if image is not None and not same_image(image.url, url):
        return image, False  # another photo: its caption is not needed
    in_body = body_image_at(img, url)
    remove_element(display_element(img, root))
    if image is None:
        return in_body, True
    return _with_caption_from(image, in_body), True


def _with_caption_from(image: Image, in_body: Image) -> Image:
    if image.caption or image.credit:
        return image
    return Image(image.url, in_body.caption, in_body.credit, image.alt or in_body.alt,
                 image.width, image.height)  # fmt: skip


def _authors(entry: RawEntry, feed: RawFeed) -> tuple[Author, ...]:
    return normalize_authors(entry.authors) or normalize_authors(feed.authors)
