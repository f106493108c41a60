"""OPML subscription lists: read (import) and write (export)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from lxml import etree

from newsfeed.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class OpmlEntry:
    url: str
    title: str | None = None
    site_url: str | None = None
    category: str | None = None


def read_opml(content: bytes) -> list[OpmlEntry]:
    """Every outline with an xmlUrl, in document order (folders become the category)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(content, parser=parser)
    except etree.XMLSyntaxError as exc:
        raise InvalidInput(f"not a valid OPML file: {exc}", code="bad_opml") from exc
    if root is None or etree.QName(root).localname.lower() != "opml":
        raise InvalidInput("not an OPML file: the root element is not <opml>", code="bad_opml")
    entries = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url:
            continue
        parent = outline.getparent()
        folder = parent.get("text") or parent.get("title") if parent.tag == "outline" else None
        entries.append(
            OpmlEntry(
                url=url,
                title=(outline.get("title") or outline.get("text") or "").strip() or None,
                site_url=(outline.get("htmlUrl") or "").strip() or None,
                category=folder,
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
