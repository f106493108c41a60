"""The fast path for RSS 0.9x/2.0 (`<rss>`) and RSS 0.90/1.0 (`<rdf:RDF>`) on lxml.

Each channel and item is read in one pass over its children (`xmltree.scan`), which sorts
them by role; the fields are then built from those lists."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lxml import etree

from newsfeed.model import RawAuthor, RawEnclosure, RawEntry, RawFeed, RawImage, RawText

from .itunes import ITUNES_ROLES, duration_seconds, episode_type, explicit_flag, itunes_image
from .ns import ATOM, CONTENT, DC, DCTERMS, RDF, RSS090, RSS10, XHTML, XML_LANG, q
from .people import author_from_element
from .text import plain, resolve, rss_text, to_int
from .xmlatom import atom_authors, atom_categories, atom_link, inherited_lang
from .xmlmedia import M_CATEGORY, MEDIA_ROLES, enclosure_images, media_images, merge_images
from .xmltree import (
    Found,
    base_of,
    every,
    first,
    first_of,
    first_text,
    inner_xhtml,
    last_date,
    scan,
    stripped,
    text_of,
)

RSS_VERSIONS = {"0.91": "rss091u", "0.92": "rss092", "0.93": "rss093", "0.94": "rss094"}
RDF_ROOT = q(RDF, "RDF")
_ABOUT = q(RDF, "about")
_ATOM_CATEGORY = q(ATOM, "category")
_PODCAST_ROLES = frozenset({"it_duration", "it_episode", "it_season", "it_episode_type"})


def rss_version(root: etree._Element, netscape: bool) -> str:
    """feedparser's version name for an `<rss>` or `<rdf:RDF>` root."""
    if root.tag == RDF_ROOT:
        return "rss090" if root.find(q(RSS090, "channel")) is not None else "rss10"
    attr = (root.get("version") or "").strip()
    if attr == "0.91" and netscape:
        return "rss091n"
    if attr in RSS_VERSIONS:
        return RSS_VERSIONS[attr]
    return "rss20" if attr.startswith("2.") else "rss"


def _shared_roles(prefix: str) -> dict[object, str]:
    """Roles of elements that mean the same in a channel and in an item."""
    roles: dict[object, str] = {
        prefix + "title": "title",
        q(DC, "title"): "dc_title",
        prefix + "link": "link",
        prefix + "description": "summary",
        q(DC, "description"): "dc_description",
        "pubDate": "pubDate",
        q(DC, "date"): "dc_date",
        q(DC, "language"): "dc_language",
        "author": "author",
        q(DC, "author"): "dc_author",
        q(DC, "creator"): "creator",
        q(ATOM, "link"): "atom_link",
        q(ATOM, "author"): "atom_author",
        q(ATOM, "updated"): "updated",
        q(DCTERMS, "modified"): "updated",
        **ITUNES_ROLES,
    }
    return roles


def _item_roles(prefix: str) -> dict[object, str]:
    roles = _shared_roles(prefix)
    roles.update(
        {
            prefix + "summary": "summary",
            q(CONTENT, "encoded"): "body",
            q(XHTML, "body"): "body",
            "body": "body",
            "fullitem": "body",
            q(DCTERMS, "issued"): "published",
            q(DCTERMS, "created"): "published",
            q(ATOM, "published"): "published",
            "guid": "guid",
            "category": "tag",
            "tags": "tag",
            q(DC, "subject"): "tag",
            _ATOM_CATEGORY: "tag",
            "enclosure": "enclosure",
        }
    )
    roles.update(MEDIA_ROLES)
    roles.update(dict.fromkeys(M_CATEGORY, "tag"))
    return roles


def _channel_roles(prefix: str) -> dict[object, str]:
    roles = _shared_roles(prefix)
    roles.update(
        {
            prefix + "item": "item",
            prefix + "image": "image",
            "language": "language",
            "lastBuildDate": "lastBuildDate",
            "ttl": "ttl",
            "managingEditor": "editor",
        }
    )
    return roles


class _Names:
    """Element names and role tables of one RSS flavour: plain for `<rss>`, namespaced
    for RDF."""

    def __init__(self, prefix: str) -> None:
        self.channel = prefix + "channel"
        self.item = prefix + "item"
        self.image = prefix + "image"
        self.url = prefix + "url"
        self.item_roles = _item_roles(prefix)
        self.channel_roles = _channel_roles(prefix)


_PLAIN = _Names("")
_RSS10 = _Names(f"{{{RSS10}}}")
_RSS090 = _Names(f"{{{RSS090}}}")


def parse_rss(root: etree._Element, url: str, version: str) -> RawFeed:
    """Read an `<rss>` or `<rdf:RDF>` tree."""
    names = _PLAIN if root.tag != RDF_ROOT else _RSS090 if version == "rss090" else _RSS10
    channel = root.find(names.channel)
    at_root = scan(root, names.channel_roles)
    in_channel = scan(channel, names.channel_roles) if channel is not None else {}
    items = [*every(at_root, "item"), *every(in_channel, "item")]
    if root.tag == RDF_ROOT and every(at_root, "item"):
        items = list(every(at_root, "item"))  # RDF items belong beside the channel
    entries = tuple(_entries(items, names, url))
    container = channel if channel is not None else root
    found = in_channel if channel is not None else at_root
    image = first(at_root, "image")
    if image is None:
        image = first(in_channel, "image")
    return _feed(container, found, image, names, url, version, entries)


def _entries(items: list[etree._Element], names: _Names, url: str) -> list[RawEntry]:
    """Items read in order; the xml:lang inherited from a parent is looked up once."""
    langs: dict[etree._Element, str | None] = {}
    entries = []
    for item in items:
        parent = item.getparent()
        if parent not in langs:
            langs[parent] = inherited_lang(parent) if parent is not None else None
        entries.append(_entry(item, names, url, langs[parent]))
    return entries


def _feed(
    channel: etree._Element,
    found: Found,
    image: etree._Element | None,
    names: _Names,
    url: str,
    version: str,
    entries: tuple[RawEntry, ...],
) -> RawFeed:
    base = base_of(channel, url)
    image_url = stripped(image.find(names.url)) if image is not None else None
    artwork = itunes_image(found, base)
    return RawFeed(
        version=version,
        title=_plain_or_empty(first_of(found, "title", "dc_title")),
        link=resolve(base, first_text(found, "link")) or atom_link(every(found, "atom_link"), base),
        subtitle=_plain_or_empty(
            first_of(found, "summary", "dc_description", "it_summary", "it_subtitle")
        ),
        language=first_text(found, "language") or first_text(found, "dc_language"),
        updated=last_date(found, "lastBuildDate", "pubDate", "dc_date", "updated"),
        image_url=resolve(base, image_url) or (artwork.url if artwork else None),
        ttl_minutes=to_int(first_text(found, "ttl")),
        authors=_authors(found, ("editor", "author", "dc_author")),
        entries=entries,
        explicit=explicit_flag(found),
    )


def _plain_or_empty(element: etree._Element | None) -> str | None:
    """A channel title or description as plain text: "" when the element is there but
    empty (`<description/>`), None when it is absent."""
    if element is None:
        return None
    return plain(rss_text(text_of(element))) or ""


def _entry(item: etree._Element, names: _Names, url: str, parent_lang: str | None) -> RawEntry:
    found = scan(item, names.item_roles)
    base = base_of(item, url)
    guid, permalink = _guid(item, first(found, "guid"))
    link = resolve(base, first_text(found, "link"))
    if link is None and "atom_link" in found:
        link = atom_link(found["atom_link"], base)
    if link is None and permalink and guid and guid.startswith(("http://", "https://")):
        link = guid
    enclosures = _enclosures(found["enclosure"], base) if "enclosure" in found else []
    summaries = every(found, "summary")
    podcast = _podcast(found) if not _PODCAST_ROLES.isdisjoint(found) else {}
    return RawEntry(
        guid=guid,
        link=link,
        title=_title(found),
        summary=_summary(found, summaries),
        content=_content(found, summaries),
        published=last_date(found, "pubDate", "dc_date", "published"),
        updated=last_date(found, "updated", "dc_date"),
        authors=_authors(found, ("author", "dc_author")),
        tags=_tags(found["tag"]) if "tag" in found else (),
        images=merge_images(
            media_images(found, base), enclosure_images(enclosures), _artwork(found, base)
        ),
        enclosures=tuple(enclosures),
        base_url=base,
        language=first_text(found, "dc_language") or _language(item, found, parent_lang),
        explicit=explicit_flag(found) if "it_explicit" in found else None,
        **podcast,
    )


def _summary(found: Found, summaries: Sequence[etree._Element]) -> RawText | None:
    """description, else dc:description, else itunes:summary or itunes:subtitle."""
    if summaries:
        return _html(summaries[0])
    return _html(first_of(found, "dc_description", "it_summary", "it_subtitle"))


def _podcast(found: Found) -> dict[str, Any]:
    """An episode's length and numbering (itunes:duration, episode, season, episodeType)."""
    return {
        "duration_s": duration_seconds(first_text(found, "it_duration")),
        "episode": to_int(first_text(found, "it_episode")),
        "season": to_int(first_text(found, "it_season")),
        "episode_type": episode_type(found),
    }


def _artwork(found: Found, base: str | None) -> list[RawImage]:
    image = itunes_image(found, base) if "it_image" in found else None
    return [image] if image is not None else []


def _title(found: Found) -> RawText | None:
    for role in ("title", "dc_title", "m_title"):
        if role in found:
            title = rss_text(stripped(found[role][0]))
            if title is not None:
                return title
    return None


def _language(item: etree._Element, found: Found, parent_lang: str | None) -> str | None:
    for element in every(found, "body"):
        lang: str | None = element.get(XML_LANG)
        if lang:
            return lang
    lang = item.get(XML_LANG)
    if lang is not None:
        return lang.strip() or None
    return parent_lang


def _guid(item: etree._Element, element: etree._Element | None) -> tuple[str | None, bool]:
    if element is None:
        about = item.get(_ABOUT)
        return (about.strip() or None) if about else None, False
    permalink = (element.get("isPermaLink") or "true").strip().lower() != "false"
    return stripped(element), permalink


def _html(element: etree._Element | None) -> RawText | None:
    if element is None:
        return None
    if len(element):
        return RawText(inner_xhtml(element), "html")  # markup written as XML, not escaped
    value = element.text
    if value is None:
        return None
    value = value.strip()
    return RawText(value, "html") if value else None


def _content(found: Found, summaries: Sequence[etree._Element]) -> RawText | None:
    """content:encoded, xhtml:body, body or fullitem (the first that is not empty); else
    a second description/summary, which feedparser also reads as the content."""
    for element in every(found, "body"):
        if element.tag.endswith("body"):
            return RawText(inner_xhtml(element), "html")
        content = _html(element)
        if content is not None:
            return content
    return _html(summaries[1]) if len(summaries) > 1 else None


def _authors(found: Found, single: tuple[str, ...]) -> tuple[RawAuthor, ...]:
    """The first of the single-author elements, every dc:creator, then atom:author; the
    podcast's itunes:author when none of these names anyone."""
    authors: list[RawAuthor] = []
    for role in single:
        if role in found:
            author = author_from_element(found[role][0])
            if author is not None:
                authors.append(author)
                break
    for creator in every(found, "creator"):
        author = author_from_element(creator)
        if author is not None and author not in authors:
            authors.append(author)
    if "atom_author" in found:
        authors.extend(a for a in atom_authors(found["atom_author"]) if a not in authors)
    if "it_author" in found and not any(a.name for a in authors):
        author = author_from_element(found["it_author"][0])
        authors.extend([author] if author is not None and author not in authors else [])
    return tuple(authors)


def _tags(elements: Sequence[etree._Element]) -> tuple[str, ...]:
    """Category terms in document order: category, dc:subject, atom:category (term),
    media:category and a comma-separated `<tags>` list."""
    terms: list[str | None] = []
    for element in elements:
        tag = element.tag
        if tag == _ATOM_CATEGORY:
            terms.extend(atom_categories((element,)))
        elif tag == "tags":
            terms.extend(t.strip() for t in (element.text or "").split(","))
        else:
            terms.append(stripped(element))
    return tuple(dict.fromkeys(filter(None, terms)))


def _enclosures(elements: Sequence[etree._Element], base: str | None) -> list[RawEnclosure]:
    found: list[RawEnclosure] = []
    for element in elements:
        href = resolve(base, element.get("url"))
        if href:
            found.append(RawEnclosure(href, element.get("type"), to_int(element.get("length"))))
    return found
