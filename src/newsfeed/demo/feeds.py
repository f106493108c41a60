"""The outlets' feeds, one renderer per format: RSS 2.0 (full text, or teasers only),
Atom 1.0, JSON Feed 1.1 and RSS 1.0 (RDF)."""

from __future__ import annotations

import json
from collections.abc import Callable
from email.utils import format_datetime
from html import escape

from newsfeed.demo.context import IMAGE_SIZE, SiteContext, iso
from newsfeed.demo.corpus import DemoArticle, Outlet
from newsfeed.demo.markup import body_html

CONTENT_TYPES = {
    "rss20": "application/rss+xml; charset=utf-8",
    "rss20-teaser": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
    "jsonfeed": "application/feed+json; charset=utf-8",
    "rdf": "application/rdf+xml; charset=utf-8",
}
XML_DECL = '<?xml version="1.0" encoding="utf-8"?>\n'


def render_feed(ctx: SiteContext, outlet: Outlet) -> tuple[bytes, str]:
    renderer = _RENDERERS[outlet.format]
    return renderer(ctx, outlet).encode("utf-8"), CONTENT_TYPES[outlet.format]


def figure_html(ctx: SiteContext, article: DemoArticle) -> str:
    """The lead photo as a figure with caption and credit, for feeds that carry HTML."""
    photo = article.photo
    if photo is None:
        return ""
    width, height = IMAGE_SIZE
    return (
        f'<figure><img src="{escape(ctx.static_url(photo.file))}" alt="{escape(photo.alt)}"'
        f' width="{width}" height="{height}"><figcaption>{escape(photo.caption)}'
        f' <span class="credit">{escape(photo.credit)}</span></figcaption></figure>\n'
    )


def _cdata(html: str) -> str:
    return "<![CDATA[" + html.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _rfc822(ctx: SiteContext, article: DemoArticle) -> str:
    return format_datetime(ctx.published(article), usegmt=True)


def _last_changed(ctx: SiteContext, article: DemoArticle) -> str:
    return iso(ctx.updated(article) or ctx.published(article))


# ── RSS 2.0 ──────────────────────────────────────────────────────────────────────────
_RSS_NS = (
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:media="http://search.yahoo.com/mrss/" '
    'xmlns:atom="http://www.w3.org/2005/Atom"'
)


def _rss(ctx: SiteContext, outlet: Outlet) -> str:
    items = "".join(_rss_item(ctx, outlet, a) for a in ctx.articles_of(outlet))
    return (
        f'{XML_DECL}<rss version="2.0" {_RSS_NS}>\n<channel>\n'
        f"<title>{escape(outlet.name)}</title>\n<link>{escape(ctx.outlet_url(outlet))}</link>\n"
        f"<description>{escape(outlet.tagline)}</description>\n<language>en</language>\n"
        f"<lastBuildDate>{format_datetime(ctx.now.replace(microsecond=0), usegmt=True)}"
        f"</lastBuildDate>\n<ttl>30</ttl>\n"
        f'<atom:link href="{escape(ctx.feed_url(outlet))}" rel="self"'
        f' type="application/rss+xml"/>\n{items}</channel>\n</rss>\n'
    )


def _rss_item(ctx: SiteContext, outlet: Outlet, article: DemoArticle) -> str:
    teaser = outlet.format == "rss20-teaser"
    link = escape(ctx.article_url(article))
    guid = f'<guid isPermaLink="true">{link}</guid>'
    if not teaser:
        guid = f'<guid isPermaLink="false">{outlet.domain}:{article.id}</guid>'
    creators = "".join(
        f"<dc:creator>{escape(a.name)}</dc:creator>" for a in ctx.authors_of(article)
    )
    categories = "".join(f"<category>{escape(t)}</category>" for t in article.tags)
    content = (
        "" if teaser else f"<content:encoded>{_cdata(body_html(article.body))}</content:encoded>"
    )
    return (
        f"<item>\n<title>{escape(article.title)}</title>\n<link>{link}</link>\n{guid}\n"
        f"<pubDate>{_rfc822(ctx, article)}</pubDate>\n{creators}\n{categories}\n"
        f"<description>{escape(article.dek)}</description>\n{content}\n"
        f"{_media(ctx, article, thumbnail=teaser)}</item>\n"
    )


def _media(ctx: SiteContext, article: DemoArticle, *, thumbnail: bool) -> str:
    photo = article.photo
    if photo is None:
        return ""
    url = escape(ctx.static_url(photo.file))
    width, height = IMAGE_SIZE
    if thumbnail:
        return f'<media:thumbnail url="{url}" width="{width}" height="{height}"/>\n'
    return (
        f'<media:content url="{url}" type="image/jpeg" medium="image" width="{width}"'
        f' height="{height}">\n<media:description type="plain">{escape(photo.caption)}'
        f'</media:description>\n<media:credit role="photographer">{escape(photo.credit)}'
        f'</media:credit>\n<media:text type="plain">{escape(photo.alt)}</media:text>\n'
        "</media:content>\n"
    )


# ── Atom 1.0 ─────────────────────────────────────────────────────────────────────────
def _atom(ctx: SiteContext, outlet: Outlet) -> str:
    articles = ctx.articles_of(outlet)
    updated = max((_last_changed(ctx, a) for a in articles), default=iso(ctx.now))
    entries = "".join(_atom_entry(ctx, outlet, a) for a in articles)
    return (
        f'{XML_DECL}<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">\n'
        f"<title>{escape(outlet.name)}</title>\n<subtitle>{escape(outlet.tagline)}</subtitle>\n"
        f"<id>tag:{outlet.domain},2024:feed</id>\n<updated>{updated}</updated>\n"
        f'<link rel="self" type="application/atom+xml" href="{escape(ctx.feed_url(outlet))}"/>\n'
        f'<link rel="alternate" type="text/html" href="{escape(ctx.outlet_url(outlet))}"/>\n'
        f"{entries}</feed>\n"
    )


def _atom_entry(ctx: SiteContext, outlet: Outlet, article: DemoArticle) -> str:
    authors = "".join(
        f"<author><name>{escape(a.name)}</name><uri>{escape(ctx.author_url(a))}</uri></author>"
        for a in ctx.authors_of(article)
    )
    categories = "".join(
        f'<category term="{escape(t.lower())}" label="{escape(t)}"/>' for t in article.tags
    )
    enclosure = ""
    if article.photo:
        url = escape(ctx.static_url(article.photo.file))
        enclosure = f'<link rel="enclosure" type="image/jpeg" href="{url}"/>\n'
    return (
        f"<entry>\n<id>tag:{outlet.domain},2024:{article.id}</id>\n"
        f'<title type="text">{escape(article.title)}</title>\n'
        f'<link rel="alternate" type="text/html" href="{escape(ctx.article_url(article))}"/>\n'
        f"{enclosure}<published>{iso(ctx.published(article))}</published>\n"
        f"<updated>{_last_changed(ctx, article)}</updated>\n{authors}\n{categories}\n"
        f'<summary type="text">{escape(article.dek)}</summary>\n'
        f'<content type="html">{escape(_full_html(ctx, article))}</content>\n</entry>\n'
    )


# ── JSON Feed 1.1 ────────────────────────────────────────────────────────────────────
def _jsonfeed(ctx: SiteContext, outlet: Outlet) -> str:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": outlet.name,
        "home_page_url": ctx.outlet_url(outlet),
        "feed_url": ctx.feed_url(outlet),
        "description": outlet.tagline,
        "language": "en",
        "authors": [{"name": f"{outlet.name} staff", "url": ctx.outlet_url(outlet)}],
        "items": [_json_item(ctx, a) for a in ctx.articles_of(outlet)],
    }
    return json.dumps(feed, ensure_ascii=False, indent=1)


def _json_item(ctx: SiteContext, article: DemoArticle) -> dict[str, object]:
    item: dict[str, object] = {
        "id": ctx.article_url(article),
        "url": ctx.article_url(article),
        "title": article.title,
        "summary": article.dek,
        "content_html": _full_html(ctx, article),
        "date_published": iso(ctx.published(article)),
        "authors": [
            {
                "name": a.name,
                "url": ctx.author_url(a),
                "avatar": ctx.static_url(a.avatar_file),
            }
            for a in ctx.authors_of(article)
        ],
        "tags": list(article.tags),
        "language": "en",
    }
    if article.photo:
        item["image"] = ctx.static_url(article.photo.file)
    if ctx.updated(article):
        item["date_modified"] = _last_changed(ctx, article)
    return item


# ── RSS 1.0 (RDF) ────────────────────────────────────────────────────────────────────
_RDF_NS = (
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
    'xmlns="http://purl.org/rss/1.0/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/"'
)


def _rdf(ctx: SiteContext, outlet: Outlet) -> str:
    articles = ctx.articles_of(outlet)
    seq = "".join(f'<rdf:li rdf:resource="{escape(ctx.article_url(a))}"/>\n' for a in articles)
    items = "".join(_rdf_item(ctx, a) for a in articles)
    return (
        f"{XML_DECL}<rdf:RDF {_RDF_NS}>\n"
        f'<channel rdf:about="{escape(ctx.feed_url(outlet))}">\n'
        f"<title>{escape(outlet.name)}</title>\n<link>{escape(ctx.outlet_url(outlet))}</link>\n"
        f"<description>{escape(outlet.tagline)}</description>\n<dc:language>en</dc:language>\n"
        f"<dc:date>{iso(ctx.now)}</dc:date>\n<items>\n<rdf:Seq>\n{seq}</rdf:Seq>\n</items>\n"
        f"</channel>\n{items}</rdf:RDF>\n"
    )


def _rdf_item(ctx: SiteContext, article: DemoArticle) -> str:
    url = escape(ctx.article_url(article))
    creators = "".join(
        f"<dc:creator>{escape(a.name)}</dc:creator>" for a in ctx.authors_of(article)
    )
    subjects = "".join(f"<dc:subject>{escape(t)}</dc:subject>" for t in article.tags)
    modified = ""
    if ctx.updated(article):
        modified = f"<dcterms:modified>{_last_changed(ctx, article)}</dcterms:modified>\n"
    return (
        f'<item rdf:about="{url}">\n<title>{escape(article.title)}</title>\n<link>{url}</link>\n'
        f"<description>{escape(article.dek)}</description>\n"
        f"<content:encoded>{_cdata(_full_html(ctx, article))}</content:encoded>\n"
        f"<dc:date>{iso(ctx.published(article))}</dc:date>\n{modified}{creators}\n{subjects}\n"
        "</item>\n"
    )


_RENDERERS: dict[str, Callable[[SiteContext, Outlet], str]] = {
    "rss20": _rss,
    "rss20-teaser": _rss,
    "atom": _atom,
    "jsonfeed": _jsonfeed,
    "rdf": _rdf,
}


def _full_html(ctx: SiteContext, article: DemoArticle) -> str:
    """An article's body as its feeds carry it: the lead photo's figure, then the text."""
    return figure_html(ctx, article) + body_html(article.body)
