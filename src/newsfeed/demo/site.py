"""The whole demo site as one dict: URL path → (body, content type)."""

from __future__ import annotations

from datetime import datetime

from newsfeed.demo.context import SiteContext
from newsfeed.demo.corpus import STATIC_DIR, STATIC_URL, Corpus
from newsfeed.demo.feeds import render_feed
from newsfeed.demo.pages import article_page, author_page, outlet_home, site_index
from newsfeed.errors import InvalidInput

Site = dict[str, tuple[bytes, str]]
HTML = "text/html; charset=utf-8"
IMAGE_TYPES = {".jpg": "image/jpeg", ".png": "image/png"}


def render_site(corpus: Corpus, *, now: datetime, phase: int, base_url: str = "") -> Site:
    """Feeds, article pages, author and home pages, and images, as they stand at `now` in
    `phase` (1 = as first published, 2 = with the revisions applied). Links are absolute
    under `base_url` (root-relative when empty); images are always root-relative
    (`/static/demo/<file>`) so the web app can serve them after the demo server is gone."""
    if now.tzinfo is None:
        raise InvalidInput("render_site: `now` must be timezone-aware", code="bad_argument")
    ctx = SiteContext(corpus, now, phase, base_url.rstrip("/"))
    site: Site = {"/": (site_index(ctx).encode(), HTML)}
    site.update(_feeds(ctx))
    site.update(_pages(ctx))
    site.update(static_files())
    return site


def _feeds(ctx: SiteContext) -> Site:
    return {o.feed_path: render_feed(ctx, o) for o in ctx.corpus.outlets if o.feed_path}


def _pages(ctx: SiteContext) -> Site:
    site: Site = {}
    cut = len(ctx.base)
    for outlet in ctx.corpus.outlets:
        site[ctx.outlet_url(outlet)[cut:]] = (outlet_home(ctx, outlet).encode(), HTML)
        for article in ctx.articles_of(outlet):
            page = article_page(ctx, article).encode()
            site[ctx.article_url(article)[cut:]] = (page, HTML)
    for author in ctx.corpus.authors:
        site[ctx.author_url(author)[cut:]] = (author_page(ctx, author).encode(), HTML)
    return site


def static_files() -> Site:
    """Every generated image shipped in `demo/static/`."""
    return {
        STATIC_URL + path.name: (path.read_bytes(), IMAGE_TYPES[path.suffix])
        for path in sorted(STATIC_DIR.iterdir())
        if path.suffix in IMAGE_TYPES
    }
