"""The fast path for Atom 1.0 on lxml (also used for atom:* elements inside RSS)."""

from __future__ import annotations

import base64
from collections.abc import Sequence

from lxml import etree

from newsfeed.model import RawAuthor, RawEnclosure, RawEntry, RawFeed, RawText

from .ns import ATOM, XML_LANG, q
from .text import plain, resolve, to_int
from .xmlmedia import MEDIA_ROLES, enclosure_images, media_images, merge_images
from .xmltree import (
    base_of,
    every,
    first,
    first_text,
    inner_xhtml,
    last_date,
    scan,
    stripped,
    text_of,
)


def _a(name: str) -> str:
    return q(ATOM, name)


_NAME, _EMAIL, _URI, _URL = _a("name"), _a("email"), _a("uri"), _a("url")

_SHARED_ROLES: dict[object, str] = {
    _a("title"): "title",
    _a("link"): "link",
    _a("author"): "author",
    _a("updated"): "updated",
}
_FEED_ROLES: dict[object, str] = {
    **_SHARED_ROLES,
    _a("subtitle"): "subtitle",
    _a("logo"): "logo",
    _a("icon"): "icon",
    _a("entry"): "entry",
}
_ENTRY_ROLES: dict[object, str] = {
    **_SHARED_ROLES,
    _a("id"): "id",
    _a("summary"): "summary",
    _a("content"): "content",
    _a("published"): "published",
    _a("category"): "category",
    **MEDIA_ROLES,
}


def parse_atom(root: etree._Element, url: str) -> RawFeed:
    """Read an Atom 1.0 `<feed>` tree, each element's children in one pass."""
    found = scan(root, _FEED_ROLES)
    base = base_of(root, url)
    logo = first_text(found, "logo") or first_text(found, "icon")
    lang = inherited_lang(root)
    return RawFeed(
        version="atom10",
        title=_plain_or_empty(first(found, "title")),
        link=atom_link(every(found, "link"), base),
        subtitle=_plain_or_empty(first(found, "subtitle")),
        language=root.get(XML_LANG),
        updated=last_date(found, "updated"),
        image_url=resolve(base, logo),
        authors=atom_authors(every(found, "author")),
        entries=tuple(_entry(e, url, lang) for e in every(found, "entry")),
    )


def _plain_or_empty(element: etree._Element | None) -> str | None:
    """A feed title or subtitle as plain text; "" when present but empty."""
    if element is None:
        return None
    return plain(text_construct(element)) or ""


def _entry(entry: etree._Element, url: str, feed_lang: str | None) -> RawEntry:
    found = scan(entry, _ENTRY_ROLES)
    base = base_of(entry, url)
    links = every(found, "link")
    enclosures = _enclosures(links)
    content = first(found, "content")
    lang = entry.get(XML_LANG)
    return RawEntry(
        guid=first_text(found, "id"),
        link=atom_link(links, base),
        title=text_construct(first(found, "title")),
        summary=text_construct(first(found, "summary")),
        content=text_construct(content),
        published=last_date(found, "published"),
        updated=last_date(found, "updated"),
        authors=atom_authors(every(found, "author")),
        tags=tuple(dict.fromkeys(atom_categories(every(found, "category")))),
        images=merge_images(media_images(found, base), enclosure_images(enclosures)),
        enclosures=tuple(enclosures),
        base_url=base_of(content, base) if content is not None else base,
        language=feed_lang if lang is None else (lang.strip() or None),
    )


def text_construct(element: etree._Element | None) -> RawText | None:
    """An Atom text construct: type text, html or xhtml (also the MIME spellings)."""
    if element is None or element.get("src"):
        return None
    kind = (element.get("type") or "text").strip().lower()
    if _is_base64(kind):
        return _base64_text(element, kind)
    if "xhtml" in kind:
        value = inner_xhtml(element)
        return RawText(value, "html") if value else None
    value = (text_of(element) or "").strip()
    if not value:
        return None
    return RawText(value, "html" if "html" in kind else "text")


def _is_base64(kind: str) -> bool:
    """Atom 1.0: content whose type is a MIME type that is neither text nor XML is base64."""
    if kind in ("text", "html", "xhtml") or kind.startswith("text/") or "/" not in kind:
        return False
    return not (kind.endswith("+xml") or kind.endswith("/xml"))


def _base64_text(element: etree._Element, kind: str) -> RawText | None:
    try:
        value = base64.b64decode("".join((text_of(element) or "").split())).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None
    return RawText(value.strip(), "html" if "html" in kind else "text") if value.strip() else None


def atom_link(links: Sequence[etree._Element], base: str | None) -> str | None:
    """The `rel="alternate"` link among `links`, preferring an HTML one."""
    best: str | None = None
    for link in links:
        if (link.get("rel") or "alternate").strip() != "alternate":
            continue
        href = resolve(base_of(link, base), link.get("href") or stripped(link))
        if href and (link.get("type") or "text/html").startswith(
            ("text/html", "application/xhtml")
        ):
            return href
        best = best or href
    return best


def atom_authors(authors: Sequence[etree._Element]) -> tuple[RawAuthor, ...]:
    found: list[RawAuthor] = []
    for author in authors:
        name, email = stripped(author.find(_NAME)), stripped(author.find(_EMAIL))
        uri = stripped(author.find(_URI)) or stripped(author.find(_URL))
        uri = resolve(base_of(author, None), uri)
        if name or email or uri:
            found.append(RawAuthor(name=name, email=email, url=uri))
    return tuple(found)


def atom_categories(categories: Sequence[etree._Element]) -> list[str]:
    terms = ((c.get("term") or c.get("label") or "").strip() for c in categories)
    return [t for t in terms if t]


def _enclosures(links: Sequence[etree._Element]) -> list[RawEnclosure]:
    found: list[RawEnclosure] = []
    for link in links:
        if (link.get("rel") or "").strip() != "enclosure":
            continue
        href = resolve(base_of(link, None), link.get("href"))
        if href:
            found.append(RawEnclosure(href, link.get("type"), to_int(link.get("length"))))
    return found


def inherited_lang(element: etree._Element) -> str | None:
    node: etree._Element | None = element
    while node is not None:
        lang = node.get(XML_LANG)
        if lang is not None:
            return lang.strip() or None
        node = node.getparent()
    return None
