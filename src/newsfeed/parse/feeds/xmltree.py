"""lxml plumbing for the fast path: a safe parser, entity repair, text and dates."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from html.entities import name2codepoint

from lxml import etree

from .dates import parse_feed_date

_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_NEEDS_REPAIR = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos);|#)[A-Za-z]")
_ENTITY = re.compile(rb"&([A-Za-z][A-Za-z0-9]*);")
_VERBATIM = re.compile(rb"(<!\[CDATA\[.*?\]\]>|<!--.*?-->)", re.DOTALL)
_XMLNS = re.compile(r'\sxmlns(?::[\w.-]+)?="[^"]*"')
_DECLARED = re.compile(rb"\s*<\?xml[^>]*?encoding\s*=\s*[\"']([\w.:-]+)[\"']")
_LATIN1_LABELS = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii"})
_DTD_RISK = re.compile(rb"<!ENTITY", re.IGNORECASE)


class NotWellFormed(Exception):
    """The fast path cannot read these bytes; the caller falls back to the lenient path."""


def make_parser(encoding: str | None) -> etree.XMLParser:
    """An XML parser that never loads a DTD, never touches the network and keeps no
    comments or processing instructions."""
    return etree.XMLParser(
        encoding=encoding,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
        huge_tree=False,
        strip_cdata=True,
    )


def repair_entities(content: bytes) -> tuple[bytes, list[str]]:
    """Replace HTML named entities (undefined in XML) by numeric references, outside CDATA
    sections and comments. Returns the bytes and the entity names replaced."""
    if _NEEDS_REPAIR.search(content) is None:
        return content, []
    found: list[str] = []

    def numeric(match: re.Match[bytes]) -> bytes:
        name = match.group(1).decode("ascii")
        if name in _XML_ENTITIES or name not in name2codepoint:
            return match.group(0)
        found.append(name)
        return b"&#%d;" % name2codepoint[name]

    parts = _VERBATIM.split(content)
    for i in range(0, len(parts), 2):
        parts[i] = _ENTITY.sub(numeric, parts[i])
    return b"".join(parts), found


def effective_encoding(content: bytes, encoding: str | None) -> str | None:
    """The charset to decode with: the given one, else the declared one, where the Latin-1
    and ASCII labels mean windows-1252 (what browsers and feed authors actually use)."""
    label = encoding
    if label is None:
        match = _DECLARED.match(content)
        label = match.group(1).decode("ascii").lower() if match else None
    if label and label.lower() in _LATIN1_LABELS:
        return "windows-1252"
    return encoding


def is_utf8(content: bytes, encoding: str | None) -> bool:
    """Whether the document is UTF-8: as given, as declared, or by XML's default."""
    label = encoding
    if label is None:
        match = _DECLARED.match(content)
        label = match.group(1).decode("ascii") if match else None
    if label is None:
        return not content.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff"))
    return label.lower().replace("_", "-") in ("utf-8", "utf8")


def parse_xml(content: bytes, url: str, encoding: str | None) -> tuple[etree._Element, list[str]]:
    """Parse well-formed XML (after entity repair) or raise NotWellFormed."""
    if _DTD_RISK.search(content, 0, 4096):
        raise NotWellFormed("document declares its own entities")
    encoding = effective_encoding(content, encoding)
    repaired: list[str] = []
    try:
        root = _parse(content, url, encoding)
    except NotWellFormed:
        content, repaired = repair_entities(content)
        if not repaired:
            raise
        root = _parse(content, url, encoding)
    if root is None:
        raise NotWellFormed("empty document")
    return root, repaired


def _parse(content: bytes, url: str, encoding: str | None) -> etree._Element:
    try:
        return etree.fromstring(content, make_parser(encoding), base_url=url or None)
    except (etree.XMLSyntaxError, ValueError, LookupError) as exc:
        raise NotWellFormed(str(exc)) from exc


Found = dict[str, list[etree._Element]]
_NONE: Sequence[etree._Element] = ()


def scan(element: etree._Element, roles: Mapping[object, str]) -> Found:
    """One pass over the children of `element`: those whose tag has a role, grouped by role
    in document order. Cheaper than one `find()` per field (each walks every child)."""
    found: Found = {}
    for child in element:
        role = roles.get(child.tag)
        if role is not None:
            bucket = found.get(role)
            if bucket is None:
                found[role] = [child]
            else:
                bucket.append(child)
    return found


def first(found: Found, role: str) -> etree._Element | None:
    bucket = found.get(role)
    return bucket[0] if bucket else None


def first_of(found: Found, *roles: str) -> etree._Element | None:
    """The first element of the first role present (never `a or b`: a childless lxml
    element is falsy)."""
    for role in roles:
        bucket = found.get(role)
        if bucket:
            return bucket[0]
    return None


def first_text(found: Found, role: str) -> str | None:
    """`stripped` text of the first element of `role`; None when there is none."""
    bucket = found.get(role)
    return stripped(bucket[0]) if bucket else None


def every(found: Found, role: str) -> Sequence[etree._Element]:
    return found.get(role) or _NONE


def last_date(found: Found, *roles: str) -> datetime | None:
    """The date of the last parsable element among `roles` (tried in order): a repeated
    date element overrides the earlier one, as in feedparser."""
    for role in roles:
        elements = found.get(role)
        if elements:
            for element in reversed(elements):
                value = parse_feed_date(text_of(element))  # parse_feed_date strips
                if value is not None:
                    return value
    return None


def text_of(element: etree._Element | None) -> str | None:
    """All the text inside an element (its descendants' too), or None when absent."""
    if element is None:
        return None
    if len(element) == 0:
        return element.text or ""
    return "".join(element.itertext())


def stripped(element: etree._Element | None) -> str | None:
    """Element text with surrounding whitespace removed; None when absent or blank."""
    value = text_of(element)
    if value is None:
        return None
    return value.strip() or None


def base_of(element: etree._Element, fallback: str | None) -> str | None:
    """The xml:base in effect at `element` (already resolved against the document URL)."""
    base = element.base
    return base if base else fallback


def inner_xhtml(element: etree._Element) -> str:
    """Serialize an Atom xhtml construct: the children of its `<div>` wrapper, without
    namespace prefixes."""
    container = element
    children = list(element)
    if (
        len(children) == 1
        and etree.QName(children[0]).localname == "div"
        and not ((element.text or "").strip())
    ):
        container = children[0]
    for node in container.iter():
        if isinstance(node.tag, str) and node.tag.startswith("{"):
            node.tag = node.tag.rsplit("}", 1)[1]
    etree.cleanup_namespaces(container)
    parts = [_escape_text(container.text or "")]
    parts.extend(
        etree.tostring(child, encoding="unicode", method="html", with_tail=True)
        for child in container
    )
    return _XMLNS.sub("", "".join(parts)).strip()


def _escape_text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
