"""Article metadata from a page's markup: JSON-LD, Open Graph and `article:*`, plain `<meta>`.

Each reader returns a `Found`: what that one source says about the article, nothing merged.
`newsfeed.parse.page` picks per field from these (and from the byline, author boxes and the
lead figure) in a fixed preference order; see docs/design/extraction.md.
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from htmldate import find_date
from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.metadata import extract_title

from newsfeed.model import RawAuthor, RawImage
from newsfeed.normalize.dates import parse_date as _parse_any_date

ARTICLE_TYPES = frozenset(
    {
        "Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle",
        "OpinionNewsArticle", "ReviewNewsArticle", "BackgroundNewsArticle", "LiveBlogPosting",
        "TechArticle", "Report", "SatiricalArticle", "SocialMediaPosting", "DiscussionForumPosting",
    }
)  # fmt: skip
MetaMap = Mapping[str, list[str]]
LOGGER = logging.getLogger(__name__)
MIN_YEAR = 1970  # earlier page dates are placeholders
_SPACES = re.compile(r"\s+")
_JSONLD_SCRIPTS = XPath("//script[@type='application/ld+json']")
_ITEMPROPS = XPath("descendant-or-self::*[@itemprop]")  # one scan (per name: 2.5× slower)
_TAG_SPLIT = re.compile(r"\s*[,;]\s*")
_PUBLISHED_META = (
    "article:published_time", "datepublished", "date", "pubdate", "publishdate",
    "publish-date", "dc.date.issued", "dc.date", "dcterms.created", "dcterms.date",
    "parsely-pub-date", "sailthru.date", "og:published_time",
)  # fmt: skip
_UPDATED_META = ("article:modified_time", "datemodified", "og:updated_time", "last-modified")


@dataclass(frozen=True, slots=True)
class Found:
    """What one source on the page says about the article."""

    source: str
    title: str | None = None
    dek: str | None = None
    published: datetime | None = None
    updated: datetime | None = None
    site_name: str | None = None
    language: str | None = None
    authors: tuple[RawAuthor, ...] = ()
    image: RawImage | None = None
    tags: tuple[str, ...] = field(default=())


def parse_meta_date(text: str | None) -> datetime | None:
    """A page date in UTC; None for placeholders such as "0001-01-01" (before MIN_YEAR)."""
    date = _parse_any_date(text)
    return date if date is not None and date.year >= MIN_YEAR else None


def clean(value: object) -> str | None:
    """`value` as one line of plain text (entities decoded), or None when empty."""
    if not isinstance(value, str):
        return None
    text = _SPACES.sub(" ", html.unescape(value)).strip()
    return text or None


def text_of(element: HtmlElement) -> str | None:
    return clean(element.text_content())


# ── JSON-LD ──────────────────────────────────────────────────────────────────────────
def read_jsonld(tree: HtmlElement) -> Found:
    """The article object of the page's JSON-LD (top level, lists, `@graph`)."""
    nodes = list(_jsonld_nodes(tree))
    index = {n["@id"]: n for n in nodes if isinstance(n.get("@id"), str)}
    article = next((n for n in nodes if _types(n) & ARTICLE_TYPES), None)
    if article is None:
        return Found("jsonld")
    return Found(
        "jsonld",
        title=clean(article.get("headline")) or clean(article.get("name")),
        dek=clean(article.get("description")),
        published=parse_meta_date(clean(article.get("datePublished"))),
        updated=parse_meta_date(clean(article.get("dateModified"))),
        site_name=_name(_resolve(article.get("publisher"), index)),
        language=_language(article.get("inLanguage")),
        authors=tuple(_jsonld_authors(article.get("author"), index)),
        image=_jsonld_image(article.get("image"), index),
        tags=_keywords(article.get("keywords")),
    )


def read_jsonld_person(tree: HtmlElement) -> RawAuthor | None:
    """The first Person of the page's JSON-LD (a profile page's `mainEntity` included)."""
    person = next((n for n in _jsonld_nodes(tree) if "Person" in _types(n)), None)
    return _jsonld_author(person)


def _jsonld_nodes(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    for script in _JSONLD_SCRIPTS(tree):
        data = _load_json(script.text or "")
        yield from _walk(data)


def _load_json(text: str) -> object:
    try:
        return json.loads(text, strict=False)
    except ValueError:
        return None


def _walk(data: object) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _walk(item)
    elif isinstance(data, dict):
        yield data
        yield from _walk(data.get("@graph"))
        yield from _walk(data.get("mainEntity"))


def _types(node: Mapping[str, Any]) -> set[str]:
    kind = node.get("@type")
    names = kind if isinstance(kind, list) else [kind]
    return {n.rsplit("/", 1)[-1] for n in names if isinstance(n, str)}


def _resolve(value: object, index: Mapping[str, dict[str, Any]]) -> object:
    """Follow a `{"@id": …}` reference to the node it names, when the page holds it."""
    if isinstance(value, dict) and set(value) == {"@id"}:
        return index.get(value["@id"], value)
    return value


def _first(value: object) -> object:
    return value[0] if isinstance(value, list) and value else value


def _name(value: object) -> str | None:
    value = _first(value)
    if isinstance(value, dict):
        return clean(value.get("name"))
    return clean(value)


def _url(value: object) -> str | None:
    value = _first(value)
    if isinstance(value, dict):
        return clean(value.get("url")) or clean(value.get("contentUrl"))
    return clean(value)


def _language(value: object) -> str | None:
    text = _name(value) if isinstance(value, dict) else clean(_first(value))
    return text.replace("_", "-") if text else None


def _keywords(value: object) -> tuple[str, ...]:
    items = value if isinstance(value, list) else _TAG_SPLIT.split(clean(value) or "")
    tags = (clean(item) for item in items)
    return tuple(dict.fromkeys(t for t in tags if t))


def _jsonld_authors(value: object, index: Mapping[str, dict[str, Any]]) -> Iterator[RawAuthor]:
    for item in value if isinstance(value, list) else [value]:
        author = _jsonld_author(_resolve(item, index))
        if author is not None:
            yield author


def _jsonld_author(node: object) -> RawAuthor | None:
    if isinstance(node, str):
        return RawAuthor(name=clean(node)) if clean(node) else None
    if not isinstance(node, dict) or not clean(node.get("name")):
        return None
    return RawAuthor(
        name=clean(node.get("name")),
        email=clean(node.get("email")),
        url=clean(node.get("url")) or clean(_first(node.get("sameAs"))),
        avatar_url=_url(node.get("image")),
        role=_name(node.get("jobTitle")),
        bio=clean(node.get("description")),
    )


def _jsonld_image(value: object, index: Mapping[str, dict[str, Any]]) -> RawImage | None:
    node = _resolve(_first(value), index)
    url = _url(node)
    if not url:
        return None
    if not isinstance(node, dict):
        return RawImage(url=url)
    credit = clean(node.get("creditText")) or _name(node.get("copyrightHolder"))
    return RawImage(
        url=url,
        caption=clean(node.get("caption")) or clean(node.get("description")),
        credit=credit or _name(node.get("author")),
        width=_int(node.get("width")),
        height=_int(node.get("height")),
    )


def _int(value: object) -> int | None:
    if isinstance(value, dict):
        value = value.get("value")
    if isinstance(value, int | float):
        return int(value)
    digits = re.match(r"\s*(\d+)", value) if isinstance(value, str) else None
    return int(digits.group(1)) if digits else None


# ── <meta> tags ──────────────────────────────────────────────────────────────────────
def meta_map(tree: HtmlElement) -> dict[str, list[str]]:
    """Every `<meta>` content by lower-cased property/name/itemprop, in page order."""
    found: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        content = meta.get("content")
        if key and content and content.strip():
            found.setdefault(key.strip().lower(), []).append(content.strip())
    return found


def _one(meta: MetaMap, *keys: str) -> str | None:
    for key in keys:
        for value in meta.get(key, ()):
            text = clean(value)
            if text:
                return text
    return None


def read_opengraph(meta: MetaMap) -> Found:
    """Open Graph (`og:*`) and its article namespace (`article:*`)."""
    author = _one(meta, "article:author")
    return Found(
        "opengraph",
        title=_one(meta, "og:title"),
        dek=_one(meta, "og:description"),
        published=parse_meta_date(_one(meta, "article:published_time")),
        updated=parse_meta_date(_one(meta, "article:modified_time", "og:updated_time")),
        site_name=_one(meta, "og:site_name"),
        language=_language(_one(meta, "og:locale")),
        authors=(RawAuthor(name=author),) if author and "/" not in author else (),
        image=_og_image(meta),
        tags=tuple(dict.fromkeys(t for v in meta.get("article:tag", ()) for t in _keywords(v))),
    )


def _og_image(meta: MetaMap) -> RawImage | None:
    url = _one(meta, "og:image:secure_url", "og:image", "og:image:url")
    if not url:
        return None
    return RawImage(
        url=url,
        alt=_one(meta, "og:image:alt"),
        width=_int(_one(meta, "og:image:width")),
        height=_int(_one(meta, "og:image:height")),
        type=_one(meta, "og:image:type"),
    )


def read_meta(tree: HtmlElement, meta: MetaMap) -> Found:
    """Plain `<meta>` names, `<title>`, `<html lang>`, Twitter cards and itemprops."""
    itemprops = _Itemprops(tree)
    return Found(
        "meta",
        title=_page_title(tree) or _one(meta, "twitter:title"),
        dek=_one(meta, "description", "twitter:description", "dc.description"),
        published=_meta_date(itemprops, meta, _PUBLISHED_META, "datePublished"),
        updated=_meta_date(itemprops, meta, _UPDATED_META, "dateModified"),
        site_name=_one(meta, "application-name", "twitter:site"),
        language=_language(tree.get("lang") or _one(meta, "content-language", "language")),
        authors=_meta_authors(meta),
        image=_twitter_image(meta),
        tags=_keywords(_one(meta, "news_keywords", "keywords")),
    )


class _Itemprops:
    """The page's `itemprop` elements by name, looked up on first use (most pages answer
    from `<meta>` and never need them)."""

    def __init__(self, tree: HtmlElement) -> None:
        self._tree = tree
        self._found: list[HtmlElement] | None = None

    def named(self, name: str) -> list[HtmlElement]:
        if self._found is None:
            self._found = _ITEMPROPS(self._tree)
        return [e for e in self._found if e.get("itemprop") == name]


def _page_title(tree: HtmlElement) -> str | None:
    title = next(tree.iter("title"), None)
    return text_of(title) if title is not None and title is not tree else None


def _meta_date(
    itemprops: _Itemprops, meta: MetaMap, keys: tuple[str, ...], itemprop: str
) -> datetime | None:
    for key in keys:
        for value in meta.get(key, ()):
            date = parse_meta_date(value)
            if date is not None:
                return date
    for element in itemprops.named(itemprop):
        date = parse_meta_date(element.get("datetime") or element.get("content"))
        if date is not None:
            return date
    return None


def _meta_authors(meta: MetaMap) -> tuple[RawAuthor, ...]:
    names = [clean(v) for v in [*meta.get("author", ()), *meta.get("dc.creator", ())]]
    unique = dict.fromkeys(n for n in names if n and "/" not in n)
    return tuple(RawAuthor(name=n) for n in unique)


def _twitter_image(meta: MetaMap) -> RawImage | None:
    url = _one(meta, "twitter:image", "twitter:image:src")
    return RawImage(url=url, alt=_one(meta, "twitter:image:alt")) if url else None


# ── trafilatura's own metadata (the last resort) ─────────────────────────────────────
def read_trafilatura(tree: HtmlElement, url: str) -> Found:
    """Title and publish date by trafilatura's and htmldate's heuristics (the headline in the
    page, dates in URL, text and markup). Call it last: htmldate may prune `tree`."""
    try:
        title = extract_title(tree)
        date = find_date(tree, extensive_search=False, original_date=True, url=url)
    except (ValueError, TypeError, LookupError) as exc:  # a bug in their heuristics
        LOGGER.debug("trafilatura metadata failed on %s: %s", url, exc)
        return Found("trafilatura")
    return Found("trafilatura", title=clean(title), published=parse_meta_date(date))
