"""OPML subscription lists: read (import) and write (export)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from lxml import etree

from newsfeed.errors import InvalidInput
from newsfeed.normalize.limits import MAX_TITLE_CHARS, capped, capped_url
from newsfeed.normalize.urls import is_http_url


@dataclass(frozen=True, slots=True)
class OpmlEntry:
    url: str
    title: str | None = None
    site_url: str | None = None
    category: str | None = None


def read_opml(content: bytes) -> list[OpmlEntry]:
    """Every outline with an xmlUrl, in document order (folders become the category).
    Titles are capped, a feed URL over the cap is left out, and a site URL is kept only
    when it is http(s) (a `javascript:` or `data:` htmlUrl would become a link)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(content, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise InvalidInput(f"not a valid OPML file: {exc}", code="bad_opml") from exc
    if root is None or etree.QName(root).localname.lower() != "opml":
        raise InvalidInput("not an OPML file: the root element is not <opml>", code="bad_opml")
    entries = []
    for outline in root.iter("outline"):
        url = capped_url((outline.get("xmlUrl") or outline.get("xmlurl") or "").strip())
        if not url:
            continue
        parent = outline.getparent()
        folder = parent.get("text") or parent.get("title") if parent.tag == "outline" else None
        title = outline.get("title") or outline.get("text")
        site_url = (outline.get("htmlUrl") or "").strip()
        entries.append(
            OpmlEntry(
                url=url,
                title=capped(title.strip(), MAX_TITLE_CHARS) or None if title else None,
                site_url=capped_url(site_url) if is_http_url(site_url) else None,
                category=capped(folder, MAX_TITLE_CHARS) if folder else None,
            )
        )
    return entries


def write_opml(entries: Iterable[OpmlEntry], *, title: str = "newsfeed subscriptions") -> bytes:
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    etree.SubElement(head, "dateCreated").text = datetime.now(UTC).strftime(
        "%a, %d %b %Y %H:%M:%S +0000"
    )
    body = etree.SubElement(root, "body")
    for e in entries:
        attrs = {"type": "rss", "text": e.title or e.url, "xmlUrl": e.url}
        if e.title:
            attrs["title"] = e.title
        if e.site_url:
            attrs["htmlUrl"] = e.site_url
        etree.SubElement(body, "outline", attrs)
    document: bytes = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )
    return document
