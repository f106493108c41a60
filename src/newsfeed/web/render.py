"""Turning a view into a response: an HTML template or one of the output feeds, with ETag."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from newsfeed.web.context import web
from newsfeed.web.feeds_out import MEDIA_TYPES, RENDERERS
from newsfeed.web.responses import cached
from newsfeed.web.templating import now_utc
from newsfeed.web.views import ListView

HTML = "text/html; charset=utf-8"


def site_root(request: Request) -> str:
    return str(request.base_url)


def page(request: Request, template: str, *, status: int = 200, **context: Any) -> Response:
    """Render an HTML template with the common context (now, query, section)."""
    context.setdefault("now", now_utc())
    context.setdefault("q", request.query_params.get("q", ""))
    body = web(request).env.get_template(template).render(**context).encode()
    return cached(request, body, HTML, status=status)


def listing(
    request: Request, view: ListView[Any], fmt: str, template: str, **context: Any
) -> Response:
    """A list view as HTML (`fmt` empty) or as an Atom, RSS or JSON feed."""
    if fmt:
        body = RENDERERS[fmt](view, site_root(request), web(request).env)
        return cached(request, body, MEDIA_TYPES[fmt])
    return page(request, template, view=view, title=view.title, **context)
