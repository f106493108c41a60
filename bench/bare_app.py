"""The references for bench/web.py: a bare Starlette app that runs the same keyset query as
the News Feed and renders the same 30 items with one Jinja template — what the page costs
without our layout, headers, ETags or error handling.

    bare_app.py DB_URL PORT          # the query through our store (store.articles.page)
    bare_app.py DB_URL PORT --raw    # one SELECT with the stdlib sqlite3 module (no store)

Each item shows the fields a News Feed item shows: outlet (linked to its source page),
headline (linked to the article), dek, published time, minutes of reading, and the
thumbnail with its width and height. The raw SELECT reads exactly those columns; the
formatting stays the plainest Jinja can do (one strftime, no relative time).
"""

from __future__ import annotations

import sqlite3
import sys
import threading
from datetime import datetime
from typing import Any

import uvicorn
from jinja2 import Environment
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from newsfeed.model import ArticleItem, ArticleQuery
from newsfeed.store import open_store
from newsfeed.store.cursors import decode_list_cursor, encode_list_cursor

TEMPLATE = Environment(autoescape=True).from_string("""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>News Feed</title></head><body><ol>
{% for a in items %}<li><p><a href="/sources/{{ a.source_id }}">{{ a.source_title }}</a></p>
<h2><a href="/articles/{{ a.id }}/{{ a.slug }}">{{ a.title }}</a></h2><p>{{ a.dek or '' }}</p>
<time datetime="{{ a.published_at.isoformat() }}">{{ a.published_at.strftime('%d %b %Y %H:%M') }}
</time> {{ a.reading_minutes }} min read{% if a.image %}<img src="{{ a.image.url }}" alt=""
width="{{ a.image.width }}" height="{{ a.image.height }}">{% endif %}</li>{% endfor %}</ol>
{% if next %}<a href="/?cursor={{ next }}">Show More</a>{% endif %}</body></html>""")

RAW_PAGE = """SELECT a.id, a.slug, a.title, a.dek, a.published_at, a.reading_minutes,
  a.source_id, s.title, i.url, i.width, i.height FROM articles a
  JOIN sources s ON s.id = a.source_id
  LEFT JOIN images i ON i.article_id = a.id
  WHERE (a.published_at, a.id) < (?, ?) ORDER BY a.published_at DESC, a.id DESC LIMIT ?"""


def store_page(store: Any, cursor: str | None) -> tuple[list[Any], str | None]:
    page = store.articles.page(ArticleQuery(load=ArticleItem, cursor=cursor, limit=30))
    return list(page.items), page.next_cursor


def raw_page(path: str) -> Any:
    """The page straight from sqlite3: one connection per thread, one SELECT."""
    local = threading.local()

    def run(cursor: str | None) -> tuple[list[dict[str, Any]], str | None]:
        db = getattr(local, "db", None)
        if db is None:
            db = local.db = sqlite3.connect(path, check_same_thread=False)
        at, last = decode_list_cursor(cursor) if cursor else (None, 2**31)
        after = f"{at:%Y-%m-%d %H:%M:%S.%f}" if at else "9999-12-31 23:59:59.999999"
        items = [
            {
                "id": r[0],
                "slug": r[1],
                "title": r[2],
                "dek": r[3],
                "published_at": datetime.fromisoformat(r[4] + "+00:00"),
                "reading_minutes": r[5],
                "source_id": r[6],
                "source_title": r[7],
                "image": {"url": r[8], "width": r[9], "height": r[10]} if r[8] else None,
            }
            for r in db.execute(RAW_PAGE, (after, last, 31)).fetchall()
        ]
        more = len(items) > 30
        del items[30:]
        tail = items[-1] if more else None
        return items, encode_list_cursor(tail["published_at"], tail["id"]) if tail else None

    return run


def build(database_url: str, raw: bool = False) -> Starlette:
    if raw:
        fetch = raw_page(database_url.removeprefix("sqlite:///"))
    else:
        store = open_store(database_url)

        def fetch(cursor: str | None) -> tuple[list[Any], str | None]:
            return store_page(store, cursor)

    async def home(request: Request) -> HTMLResponse:
        items, next_cursor = await run_in_threadpool(fetch, request.query_params.get("cursor"))
        return HTMLResponse(TEMPLATE.render(items=items, next=next_cursor))

    return Starlette(routes=[Route("/", home)])


if __name__ == "__main__":
    uvicorn.run(
        build(sys.argv[1], raw="--raw" in sys.argv[3:]),
        host="127.0.0.1",
        port=int(sys.argv[2]),
        access_log=False,
        log_level="warning",
    )
