"""Feed discovery: the feeds an HTML page links to, the usual feed paths to probe, and a
cheap "is this body a feed?" test."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from lxml import etree, html

from .feeds.sniff import FEED_ROOTS, JSON_TYPES, root_name, sniff

FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/feed+json",
        "application/json",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    }
)

#: An Atom `<feed>` element written inside an XHTML page (`parse_feed` reads it).
_ATOM_IN_XHTML = re.compile(
    rb"<(?:[\w.-]+:)?feed\b[^>]*\bxmlns(?::[\w.-]+)?\s*=\s*[\"']http://www\.w3\.org/2005/Atom[\"']"
)

COMMON_FEED_PATHS: tuple[str, ...] = (
    "/feed",
    "/rss",
    "/feed.xml",
    "/atom.xml",
    "/index.xml",
    "/rss.xml",
    "/feed.json",
    "/feed/",
    "/rss/",
    "/atom",
    "/index.rss",
    "/feeds/posts/default",
    "/?feed=rss2",
)


def find_feed_links(html_bytes: bytes, base_url: str) -> list[str]:
    """Absolute URLs of `<link rel="alternate">` feeds in the page, in page order."""
    if not html_bytes or not html_bytes.strip():
        return []
    try:
        document = html.document_fromstring(html_bytes)
    except (etree.ParserError, ValueError):
        return []
    base = _document_base(document, base_url)
    found: list[str] = []
    for link in document.iter("link"):
        url = _feed_href(link, base)
        if url and url not in found:
            found.append(url)
    return found


def _document_base(document: html.HtmlElement, base_url: str) -> str:
    for base in document.iter("base"):
        href = str(base.get("href") or "").strip()
        if href:
            return urljoin(base_url, href)
    return base_url


def _feed_href(link: html.HtmlElement, base: str) -> str | None:
    rels = (link.get("rel") or "").lower().split()
    media_type = (link.get("type") or "").split(";")[0].strip().lower()
    href = (link.get("href") or "").strip()
    if "alternate" not in rels or media_type not in FEED_TYPES or not href:
        return None
    if (
        media_type in ("application/json", "application/xml", "text/xml")
        and "feed" not in ((link.get("title") or "") + href).lower()
    ):
        return None
    try:
        url = urljoin(base, href)
    except ValueError:
        return None
    return url if url.startswith(("http://", "https://")) else None


def looks_like_feed(content: bytes, content_type: str | None) -> bool:
    """True when the body is most likely RSS, RDF, Atom or JSON Feed (no full parse)."""
    kind = sniff(content, content_type)
    if kind == "json":
        head = content[:4096]
        return b"jsonfeed.org/version" in head or (
            (content_type or "").lower() in JSON_TYPES[:1] and b'"items"' in content
        )
    if kind == "html":
        return _ATOM_IN_XHTML.search(content) is not None
    if kind != "xml":
        return False
    name = root_name(content.lstrip(b"\xef\xbb\xbf"))
    if name is None:  # UTF-16/32: decode the start and look again
        return _wide_feed(content)
    return name.split(":")[-1] in FEED_ROOTS or name in FEED_ROOTS


def _wide_feed(content: bytes) -> bool:
    for codec in ("utf-16", "utf-32"):
        try:
            head = content[:4096].decode(codec, errors="ignore").encode("utf-8")
        except LookupError:
            continue
        name = root_name(head.lstrip(b"\xef\xbb\xbf"))
        if name is not None:
            return name.split(":")[-1] in FEED_ROOTS
    return False
