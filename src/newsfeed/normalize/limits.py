"""Limits on what one article may bring into the store: every text field capped, NUL bytes
and lone surrogates taken out (PostgreSQL rejects both, so one such item used to fail its
whole feed), and identities short enough for a btree index on either database.

Pure functions, applied once to every `ArticleData` on its way to the store
(`store.writes.save_articles`), whatever stage made it (feed, page, full-text merge).
Nearly every field passes the checks unchanged, at the cost of a few `in` tests."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from newsfeed.model import ArticleData, Author, Image
from newsfeed.normalize.article import content_hash
from newsfeed.normalize.text import cut_at_word

MAX_TITLE_CHARS = 300
MAX_DEK_CHARS = 1_000
MAX_BODY_CHARS = 2_000_000  # plain text; the HTML is capped before sanitizing
MAX_URL_BYTES = 2_048  # indexed too
MAX_GUID_BYTES = 512  # PostgreSQL's btree refuses index entries over ~2.7 KB
MAX_NAME_CHARS = 200
MAX_BIO_CHARS = 2_000
MAX_CAPTION_CHARS = 1_000
MAX_TAG_CHARS = 100
MAX_TAGS = 50
MAX_AUTHORS = 50
MAX_LANGUAGE_CHARS = 35
_FORBIDDEN = "\x00"


def clean_text(text: str) -> str:
    """`text` without NUL bytes and with lone surrogates replaced by U+FFFD."""
    if _FORBIDDEN in text:
        text = text.replace(_FORBIDDEN, "")
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def capped(text: str | None, limit: int) -> str | None:
    """`text` cleaned and cut at a word to at most `limit` characters (None stays None)."""
    if text is None:
        return None
    return cut_at_word(clean_text(text), limit)


def capped_url(url: str | None) -> str | None:
    """A URL that fits the cap, cleaned; a longer one is dropped (a cut URL is wrong)."""
    if url is None:
        return None
    url = clean_text(url)
    fits = len(url) * 4 <= MAX_URL_BYTES or len(url.encode()) <= MAX_URL_BYTES
    return url if fits else None


def capped_guid(guid: str) -> str:
    """The guid cleaned; one longer than MAX_GUID_BYTES is replaced by its sha256 (stable
    from one refresh to the next, so the item keeps its identity)."""
    guid = clean_text(guid)
    if len(guid) * 4 <= MAX_GUID_BYTES or len(guid.encode()) <= MAX_GUID_BYTES:
        return guid
    return "sha256:" + hashlib.sha256(guid.encode()).hexdigest()


def bounded_author(author: Author) -> Author:
    return replace(
        author,
        name=capped(author.name, MAX_NAME_CHARS) or "",
        role=capped(author.role, MAX_NAME_CHARS),
        bio=capped(author.bio, MAX_BIO_CHARS),
        avatar_url=capped_url(author.avatar_url),
        url=capped_url(author.url),
        email=capped(author.email, MAX_NAME_CHARS),
    )


def bounded_image(image: Image | None) -> Image | None:
    if image is None:
        return None
    url = capped_url(image.url)
    if not url:
        return None
    return replace(
        image,
        url=url,
        caption=capped(image.caption, MAX_CAPTION_CHARS),
        credit=capped(image.credit, MAX_CAPTION_CHARS),
        alt=capped(image.alt, MAX_CAPTION_CHARS),
    )


def bounded_article(article: ArticleData) -> ArticleData:
    """`article` with every field within its cap and free of what a database rejects. The
    content hash is recomputed when the title or text had to change."""
    title = capped(article.title, MAX_TITLE_CHARS) or ""
    text = _capped_body(article.text)
    changed = title != article.title or text != article.text
    return replace(
        article,
        guid=capped_guid(article.guid),
        url=capped_url(article.url),
        title=title,
        dek=capped(article.dek, MAX_DEK_CHARS),
        content_html=clean_text(article.content_html),  # capped before sanitizing
        text=text,
        language=capped(article.language, MAX_LANGUAGE_CHARS),
        content_hash=content_hash(title, text) if changed else article.content_hash,
        authors=tuple(bounded_author(a) for a in article.authors[:MAX_AUTHORS]),
        image=bounded_image(article.image),
        tags=tuple(t for t in (capped(t, MAX_TAG_CHARS) for t in article.tags[:MAX_TAGS]) if t),
        extraction_error=capped(article.extraction_error, MAX_BIO_CHARS),
    )


def _capped_body(text: str) -> str:
    text = clean_text(text)
    return text if len(text) <= MAX_BODY_CHARS else text[:MAX_BODY_CHARS]
