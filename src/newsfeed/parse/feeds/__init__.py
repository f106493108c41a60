"""Feeds → `model.RawFeed`: RSS 0.9x/1.0/2.0, RDF, Atom 0.3/1.0, JSON Feed 1.0/1.1.

Two paths. Well-formed RSS, RDF and Atom 1.0 go through a fast reader on lxml (HTML named
entities, which XML does not define, are repaired first). Anything else that is XML-ish —
not well-formed, Atom 0.3, CDF, unknown roots — goes through feedparser with its sanitizer
off. JSON Feed is read with `json`. HTML content is returned as given (normalize sanitizes).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from lxml import etree

from newsfeed.errors import ParseError
from newsfeed.model import RawFeed
from newsfeed.normalize.limits import MAX_DEK_CHARS, MAX_TITLE_CHARS, capped, capped_url

from .cdata import likely_bodies
from .fallback import parse_with_feedparser, to_raw_feed
from .jsonfeed import parse_json_feed
from .ns import ATOM, RSS090, RSS10, q
from .repair import may_need_repair, repair_feed
from .sniff import is_netscape_rss, sniff
from .xmlatom import parse_atom
from .xmlrss import RDF_ROOT, parse_rss, rss_version
from .xmltree import NotWellFormed, is_utf8, parse_xml

__all__ = ["likely_bodies", "parse_feed"]

_ATOM_FEED = q(ATOM, "feed")
_XML_TYPE = re.compile(r"xml|rss|atom|rdf", re.IGNORECASE)
_SCHEME = re.compile(r"(?!https?:)[a-z][a-z0-9+.-]*:", re.IGNORECASE)  # another scheme


def parse_feed(
    content: bytes,
    *,
    url: str,
    content_type: str | None = None,
    encoding: str | None = None,
    on_tree: Callable[[], object] | None = None,
) -> RawFeed:
    """Parse feed bytes fetched from `url`. Raises ParseError ("not_a_feed", "bad_json").

    `on_tree` is called once lxml has built the XML tree of a well-formed feed: the part of
    parsing that runs without the GIL is over (see `update.cpu.parse_and_sanitize`)."""
    kind = sniff(content, content_type)
    if kind == "empty":
        raise ParseError("the document is empty", code="not_a_feed", url=url)
    if kind == "html":
        feed = _embedded_atom(content, url, encoding)
    elif kind == "json":
        feed = parse_json_feed(content, url, encoding)
    else:
        feed = _parse_xml(content, url, content_type, encoding, on_tree)
        feed = _mislabelled(feed, content_type)
    return _bounded(feed)


def _mislabelled(feed: RawFeed, content_type: str | None) -> RawFeed:
    if content_type and not _XML_TYPE.search(content_type) and not feed.bozo:
        reason = f"served as {content_type}, not as XML"
        return dataclasses.replace(feed, bozo=True, bozo_reason=reason)
    return feed


def _bounded(feed: RawFeed) -> RawFeed:
    """The feed's own fields that end up on its source capped, and its links http(s) only
    or relative (a `javascript:` site link would be shown as a link). Entries are bounded later, on
    their way to the store (`normalize.limits`)."""
    return dataclasses.replace(
        feed,
        title=capped(feed.title, MAX_TITLE_CHARS),
        subtitle=capped(feed.subtitle, MAX_DEK_CHARS),
        link=_http_or_none(feed.link),
        image_url=_http_or_none(feed.image_url),
    )


def _http_or_none(url: str | None) -> str | None:
    """`url` when it is http(s) or relative (resolved later against the feed's URL)."""
    return capped_url(url) if url and _SCHEME.match(url.strip()) is None else None


def _parse_xml(
    content: bytes,
    url: str,
    content_type: str | None,
    encoding: str | None,
    on_tree: Callable[[], object] | None,
) -> RawFeed:
    try:
        root, repaired = parse_xml(content, url, encoding)
    except NotWellFormed:
        return _lenient(content, url, content_type, encoding)
    if on_tree is not None:
        on_tree()
    feed = _fast(root, content, url)
    if feed is None:
        return _lenient(content, url, content_type, encoding)
    utf8 = is_utf8(content, encoding)
    if may_need_repair(content, utf8, bool(repaired)):
        feed = repair_feed(feed, utf8)
    if repaired:
        names = ", ".join(sorted({f"&{n};" for n in repaired})[:5])
        feed = dataclasses.replace(feed, bozo=True, bozo_reason=f"undefined entity {names}")
    return feed


def _fast(root: etree._Element, content: bytes, url: str) -> RawFeed | None:
    """The fast reader for the roots it knows; None for the rest."""
    tag = root.tag
    if tag == "rss" or tag == RDF_ROOT:
        version = rss_version(root, is_netscape_rss(content))
        if tag == RDF_ROOT and root.find(f"{{{_rdf_ns(version)}}}channel") is None:
            return None
        return parse_rss(root, url, version)
    if tag == _ATOM_FEED:
        return parse_atom(root, url)
    if isinstance(tag, str) and etree.QName(tag).localname.lower() == "html":
        return _atom_inside(root, url)
    return None


def _embedded_atom(content: bytes, url: str, encoding: str | None) -> RawFeed:
    """An Atom feed written inside an XHTML page (a well-formed `<html>` holding one
    `<feed xmlns="…/2005/Atom">`), else the error for an HTML page."""
    if ATOM.encode() in content:
        try:
            root, _ = parse_xml(content, url, encoding)
        except NotWellFormed:
            pass
        else:
            return _atom_inside(root, url)
    raise ParseError("this is an HTML page, not a feed", code="not_a_feed", url=url)


def _atom_inside(root: etree._Element, url: str) -> RawFeed:
    feed = next(root.iter(_ATOM_FEED), None)
    if feed is None:
        raise ParseError("this is an HTML page, not a feed", code="not_a_feed", url=url)
    reason = "an Atom feed inside an XHTML page"
    return dataclasses.replace(parse_atom(feed, url), bozo=True, bozo_reason=reason)


def _rdf_ns(version: str) -> str:
    return RSS090 if version == "rss090" else RSS10


def _lenient(content: bytes, url: str, content_type: str | None, encoding: str | None) -> RawFeed:
    result = parse_with_feedparser(content, url, content_type, encoding)
    feed = result.get("feed", {})
    found = result.get("entries") or any(feed.values())
    if not result.get("version") and not found:
        reason = result.get("bozo_exception")
        detail = f" ({reason})" if reason else ""
        raise ParseError(f"not a feed: no RSS, Atom or RDF found{detail}", url=url)
    return to_raw_feed(result)
