"""The outlets' HTML pages, in the style of a real publisher: the article page (lead photo
with caption and credit, author box, related teaser, "News Feed" sidebar with "Show More",
JSON-LD NewsArticle), author pages, outlet home pages and the site index."""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from newsfeed.demo.context import AVATAR_SIZE, IMAGE_SIZE, SiteContext, iso
from newsfeed.demo.corpus import DemoArticle, DemoAuthor, Outlet
from newsfeed.demo.feeds import CONTENT_TYPES
from newsfeed.demo.markup import block_html, blocks

TEMPLATES = Path(__file__).parent / "templates"
SIDEBAR_ITEMS = 8


@cache
def _env() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True)
    )


def article_page(ctx: SiteContext, article: DemoArticle) -> str:
    outlet = ctx.corpus.outlet(article.outlet)
    parts = [block_html(b) for b in blocks(article.body)]
    cut = max(1, len(parts) // 2)
    return _render(
        "article.html",
        ctx,
        outlet,
        article=article,
        url=ctx.article_url(article),
        authors=[_person(ctx, a) for a in ctx.authors_of(article)],
        photo=_photo(ctx, article),
        published_iso=iso(ctx.published(article)),
        published_human=_human(ctx.published(article)),
        updated_iso=_opt_iso(ctx.updated(article)),
        updated_human=_opt_human(ctx.updated(article)),
        minutes=ctx.minutes(article),
        body_first="\n".join(parts[:cut]),
        body_rest="\n".join(parts[cut:]),
        related=_related(ctx, article),
        jsonld=_jsonld(ctx, outlet, article),
    )


def author_page(ctx: SiteContext, author: DemoAuthor) -> str:
    outlet = ctx.corpus.outlet(author.outlet)
    mine = [a for a in ctx.articles_of(outlet) if author.id in a.authors]
    return _render(
        "listing.html",
        ctx,
        outlet,
        heading=author.name,
        person=_person(ctx, author),
        items=[_item(ctx, a) for a in mine],
        jsonld=_profile_jsonld(ctx, author),
    )


def outlet_home(ctx: SiteContext, outlet: Outlet) -> str:
    return _render(
        "listing.html",
        ctx,
        outlet,
        heading=f"Latest from {outlet.name}",
        person=None,
        items=[_item(ctx, a) for a in ctx.articles_of(outlet)],
    )


def site_index(ctx: SiteContext) -> str:
    rows = "".join(
        f'<li><a href="{ctx.outlet_url(o)}">{o.name}</a> — {o.tagline}</li>'
        for o in ctx.corpus.outlets
    )
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        "<title>newsfeed demo outlets</title></head><body><h1>Demo outlets</h1>"
        f"<ul>{rows}</ul></body></html>"
    )


# ── pieces ───────────────────────────────────────────────────────────────────────────
def _render(name: str, ctx: SiteContext, outlet: Outlet, **values: Any) -> str:
    feed_url = ctx.feed_url(outlet) if outlet.feed_path else None
    return (
        _env()
        .get_template(name)
        .render(
            outlet=outlet,
            home_url=ctx.outlet_url(outlet),
            feed_url=feed_url,
            feed_type=CONTENT_TYPES.get(outlet.format, "").split(";")[0],
            sidebar=_sidebar(ctx, values.get("article")),
            **values,
        )
    )


def _sidebar(ctx: SiteContext, current: DemoArticle | None) -> list[dict[str, str]]:
    """The newest headlines across the demo, as a publisher's "News Feed" box."""
    everything = sorted(ctx.corpus.articles, key=lambda a: a.hours_ago)
    chosen = [a for a in everything if current is None or a.id != current.id]
    return [_item(ctx, ctx.article_at_phase(a.id)) for a in chosen[:SIDEBAR_ITEMS]]


def _item(ctx: SiteContext, article: DemoArticle) -> dict[str, str]:
    published = ctx.published(article)
    return {
        "url": ctx.article_url(article),
        "title": article.title,
        "dek": article.dek,
        "iso": iso(published),
        "ago": _ago(ctx.now, published),
    }


def _person(ctx: SiteContext, author: DemoAuthor) -> dict[str, str]:
    return {
        "name": author.name,
        "role": author.role,
        "bio": author.bio,
        "url": ctx.author_url(author),
        "avatar": ctx.static_url(author.avatar_file),
    }


def _photo(ctx: SiteContext, article: DemoArticle) -> dict[str, Any] | None:
    if article.photo is None:
        return None
    width, height = IMAGE_SIZE
    photo = article.photo
    return {
        "url": ctx.static_url(photo.file),
        "alt": photo.alt,
        "caption": photo.caption,
        "credit": photo.credit,
        "width": width,
        "height": height,
    }


def _related(ctx: SiteContext, article: DemoArticle) -> dict[str, str] | None:
    target = article.related
    if target is None and article.event:
        others = [a for a in ctx.corpus.events()[article.event] if a.id != article.id]
        target = others[0].id if others else None
    return _item(ctx, ctx.article_at_phase(target)) if target else None


def _jsonld(ctx: SiteContext, outlet: Outlet, article: DemoArticle) -> str:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.dek,
        "url": ctx.article_url(article),
        "mainEntityOfPage": ctx.article_url(article),
        "datePublished": iso(ctx.published(article)),
        "dateModified": iso(ctx.updated(article) or ctx.published(article)),
        "articleSection": article.tags[0],
        "keywords": list(article.tags),
        "inLanguage": "en",
        "author": [_jsonld_person(ctx, a) for a in ctx.authors_of(article)],
        "publisher": {"@type": "NewsMediaOrganization", "name": outlet.name},
    }
    if article.photo:
        data["image"] = {
            "@type": "ImageObject",
            "url": ctx.static_url(article.photo.file),
            "caption": article.photo.caption,
            "creditText": article.photo.credit,
            "width": IMAGE_SIZE[0],
            "height": IMAGE_SIZE[1],
        }
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def _profile_jsonld(ctx: SiteContext, author: DemoAuthor) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": ctx.author_url(author),
        "mainEntity": _jsonld_person(ctx, author),
    }
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def _jsonld_person(ctx: SiteContext, author: DemoAuthor) -> dict[str, Any]:
    return {
        "@type": "Person",
        "name": author.name,
        "jobTitle": author.role,
        "description": author.bio,
        "url": ctx.author_url(author),
        "image": {
            "@type": "ImageObject",
            "url": ctx.static_url(author.avatar_file),
            "width": AVATAR_SIZE,
            "height": AVATAR_SIZE,
        },
    }


def _human(moment: datetime) -> str:
    return moment.strftime("%d %B %Y, %H:%M UTC").lstrip("0")


def _opt_iso(moment: datetime | None) -> str | None:
    return iso(moment) if moment else None


def _opt_human(moment: datetime | None) -> str | None:
    return _human(moment) if moment else None


def _ago(now: datetime, then: datetime) -> str:
    hours = int((now - then).total_seconds() // 3600)
    if hours < 1:
        return "just now"
    if hours < 24:
        return f"{hours} hour{'s' if hours > 1 else ''} ago"
    days = hours // 24
    return "yesterday" if days == 1 else f"{days} days ago"
