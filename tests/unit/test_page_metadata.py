"""JSON-LD, Open Graph and <meta> readers: each source read on its own."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import lxml.html

from newsfeed.model import RawAuthor
from newsfeed.parse.metadata import meta_map, read_jsonld, read_meta, read_opengraph


def page(head: str, body: str = "<p>x</p>", lang: str = "") -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(
        f"<html {lang}><head>{head}</head><body>{body}</body></html>"
    )


def ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def test_jsonld_article_inside_graph_with_author_reference() -> None:
    person = {
        "@type": "Person",
        "@id": "#p",
        "name": "Ida Berg",
        "jobTitle": "Editor",
        "description": "Ida edits.",
        "image": "https://e.example/ida.jpg",
        "sameAs": ["https://e.example/ida"],
    }
    article = {
        "@type": ["BlogPosting"],
        "headline": "H &amp; K",
        "author": {"@id": "#p"},
        "datePublished": "2024-01-02T03:04:05+01:00",
        "keywords": ["a", "b", "a"],
    }
    found = read_jsonld(page(ld({"@graph": [{"@type": "WebSite"}, person, article]})))
    assert found.title == "H & K"
    assert found.published == datetime(2024, 1, 2, 2, 4, 5, tzinfo=UTC)
    assert found.authors == (
        RawAuthor(
            "Ida Berg",
            url="https://e.example/ida",
            avatar_url="https://e.example/ida.jpg",
            role="Editor",
            bio="Ida edits.",
        ),
    )
    assert found.tags == ("a", "b")


def test_jsonld_image_object_gives_caption_and_credit() -> None:
    image = {
        "@type": "ImageObject",
        "contentUrl": "https://e.example/p.jpg",
        "caption": "Cap",
        "copyrightHolder": {"@type": "Organization", "name": "Agency"},
        "width": "800px",
    }
    found = read_jsonld(page(ld([{"@type": "NewsArticle", "headline": "T", "image": [image]}])))
    assert found.image is not None
    assert (found.image.url, found.image.caption, found.image.credit) == (
        "https://e.example/p.jpg",
        "Cap",
        "Agency",
    )
    assert found.image.width == 800


def test_broken_or_foreign_jsonld_is_ignored() -> None:
    head = '<script type="application/ld+json">{not json</script>' + ld({"@type": "Recipe"})
    found = read_jsonld(page(head))
    assert found.title is None and found.authors == ()


def test_placeholder_dates_are_dropped() -> None:
    found = read_jsonld(page(ld({"@type": "Article", "datePublished": "0001-01-01T00:00:00Z"})))
    assert found.published is None


def test_opengraph_and_article_namespace() -> None:
    head = (
        '<meta property="og:title" content="OG title">'
        '<meta property="og:image" content="https://e.example/i.jpg">'
        '<meta property="og:image:alt" content="Alt">'
        '<meta property="article:published_time" content="2024-05-01T10:00:00Z">'
        '<meta property="article:author" content="https://facebook.example/someone">'
        '<meta property="article:tag" content="One"><meta property="article:tag" content="Two">'
    )
    tree = page(head)
    found = read_opengraph(meta_map(tree))
    assert found.title == "OG title"
    assert found.image is not None and found.image.alt == "Alt"
    assert found.published == datetime(2024, 5, 1, 10, tzinfo=UTC)
    assert found.authors == ()  # a profile URL is not a name
    assert found.tags == ("One", "Two")


def test_plain_meta_title_language_and_itemprop_date() -> None:
    head = '<title>Plain | Site</title><meta name="author" content="Jo Park">'
    body = '<time itemprop="datePublished" datetime="2023-12-24">Dec 24</time>'
    tree = page(head, body, lang='lang="pt-BR"')
    found = read_meta(tree, meta_map(tree))
    assert found.title == "Plain | Site"
    assert found.language == "pt-BR"
    assert found.published == datetime(2023, 12, 24, tzinfo=UTC)
    assert found.authors == (RawAuthor("Jo Park"),)
