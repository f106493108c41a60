"""Output feeds for any list view: Atom 1.0, RSS 2.0 and JSON Feed 1.1.

Atom and RSS come from autoescaped Jinja templates (templates/feed.atom, feed.rss): every
value passes the `x` filter, which drops the characters XML 1.0 cannot carry, and is then
escaped. Each feed links to its next page (RFC 5005 `rel="next"`, JSON Feed `next_url`);
a page further on names itself as `self` and page 1 as `first`."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

from jinja2 import Environment

from newsfeed.model import ArticleItem
from newsfeed.web.timefmt import iso
from newsfeed.web.views import ListView, article_path

JSONFEED_VERSION = "https://jsonfeed.org/version/1.1"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

MEDIA_TYPES = {
    "atom": "application/atom+xml; charset=utf-8",
    "rss": "application/rss+xml; charset=utf-8",
    "json": "application/feed+json; charset=utf-8",
}


def xml_text(text: str | None) -> str:
    """Text that XML 1.0 can carry (escaping is left to the template)."""
    return _NOT_XML.sub("", text or "")


def absolute(base: str, ref: str) -> str:
    """`ref` (a path or a URL) as an absolute URL under the site root `base`."""
    if ref.startswith(("http://", "https://")):
        return ref
    if ref.startswith("/") and not ref.startswith("//"):
        return base.rstrip("/") + ref
    return urljoin(base, ref)


def _updated(view: ListView[Any], now: datetime | None = None) -> datetime:
    """The newest change among the items; an empty list was last updated now (not 1970)."""
    times = [a.updated_at or a.published_at for a in view.items]
    return max(times) if times else (now or datetime.now(UTC)).replace(microsecond=0)


Renderer = Callable[[ListView[Any], str, Environment, str | None], bytes]


def _render_xml(template: str) -> Renderer:
    def render(
        view: ListView[Any], base: str, env: Environment, cursor: str | None = None
    ) -> bytes:
        text = env.get_template(template).render(
            view=view,
            updated=_updated(view),
            abs=lambda ref: absolute(base, ref),
            cursor=cursor,
        )
        return text.encode()

    return render


render_atom = _render_xml("feed.atom")
render_rss = _render_xml("feed.rss")


def render_json(
    view: ListView[Any], base: str, env: Environment | None = None, cursor: str | None = None
) -> bytes:
    """A JSON Feed 1.1 document for this page of the list (`feed_url` is the subscription
    address, page 1, whichever page this is)."""
    feed: dict[str, object] = {
        "version": JSONFEED_VERSION,
        "title": view.title,
        "home_page_url": absolute(base, view.url()),
        "feed_url": absolute(base, view.url("json")),
        "items": [_json_item(a, base) for a in view.items],
    }
    if view.description:
        feed["description"] = view.description
    if view.next_cursor:
        feed["next_url"] = absolute(base, view.url("json", view.next_cursor))
    return json.dumps(feed, ensure_ascii=False).encode()


def _json_item(article: ArticleItem, base: str) -> dict[str, object]:
    item: dict[str, object] = {
        "id": str(article.id),
        "url": absolute(base, article_path(article)),
        "title": article.title,
        "content_html": article.content_html,
        "date_published": iso(article.published_at),
        "authors": list(_json_authors(article, base)),
        "tags": [t.name for t in article.tags],
    }
    if article.url:
        item["external_url"] = article.url
    if article.dek:
        item["summary"] = article.dek
    if article.updated_at:
        item["date_modified"] = iso(article.updated_at)
    if article.image:
        item["image"] = absolute(base, article.image.url)
    if article.language:
        item["language"] = article.language
    return item


def _json_authors(article: ArticleItem, base: str) -> Iterable[dict[str, str]]:
    for person in article.authors:
        entry = {"name": person.name, "url": absolute(base, f"/authors/{person.slug}")}
        if person.avatar_url:
            entry["avatar"] = absolute(base, person.avatar_url)
        yield entry


RENDERERS: dict[str, Renderer] = {
    "atom": render_atom,
    "rss": render_rss,
    "json": render_json,
}
