"""The reference for bench/web.py: a bare Starlette app that runs the same keyset query as
the News Feed and renders the same 30 items with one Jinja template — what the page costs
without our layout, headers, ETags or error handling."""

from __future__ import annotations

import sys

import uvicorn
from jinja2 import Environment
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from newsfeed.store import open_store

TEMPLATE = Environment(autoescape=True).from_string("""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>News Feed</title></head><body><ol>
{% for a in items %}<li><p>{{ a.source_title }}</p><h2><a href="/articles/{{ a.id }}/{{ a.slug }}">
{{ a.title }}</a></h2><p>{{ a.dek or '' }}</p><time datetime="{{ a.published_at.isoformat() }}">
{{ a.published_at.strftime('%d %b %Y %H:%M') }}</time> {{ a.reading_minutes }} min read
{% if a.image %}<img src="{{ a.image.url }}" alt="">{% endif %}</li>{% endfor %}</ol>
{% if next %}<a href="/?cursor={{ next }}">Show More</a>{% endif %}</body></html>""")


def build(database_url: str) -> Starlette:
    store = open_store(database_url)

    async def home(request: Request) -> HTMLResponse:
        cursor = request.query_params.get("cursor")
        page = await run_in_threadpool(store.list_articles, cursor=cursor, limit=30)
        return HTMLResponse(TEMPLATE.render(items=page.items, next=page.next_cursor))

    return Starlette(routes=[Route("/", home)])


if __name__ == "__main__":
    uvicorn.run(
        build(sys.argv[1]),
        host="127.0.0.1",
        port=int(sys.argv[2]),
        access_log=False,
        log_level="warning",
    )
