"""XML namespaces the fast path understands, and Clark-notation tag helpers."""

from __future__ import annotations

ATOM = "http://www.w3.org/2005/Atom"
ATOM03 = "http://purl.org/atom/ns#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RSS10 = "http://purl.org/rss/1.0/"
RSS090 = "http://my.netscape.com/rdf/simple/0.9/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
XHTML = "http://www.w3.org/1999/xhtml"
MEDIA_NAMESPACES = (
    "http://search.yahoo.com/mrss/",
    "http://search.yahoo.com/mrss",
    "http://www.rssboard.org/media-rss",  # the RSS Advisory Board's copy (Squarespace …)
    "http://www.rssboard.org/media-rss/",
)
ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def q(namespace: str, name: str) -> str:
    """Clark notation: `{namespace}name`."""
    return f"{{{namespace}}}{name}"


def media(name: str) -> frozenset[str]:
    """Every spelling of a Media RSS element name."""
    return frozenset(q(ns, name) for ns in MEDIA_NAMESPACES)
