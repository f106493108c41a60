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
MAX_PAGE_NO = 100_000


def site_root(request: Request) -> str:
    return str(request.base_url)


def page_number(request: Request) -> int | None:
    """Which page of a list this is: 1 without a cursor; with one, the `page` parameter the
    Show More link carries (None when it is missing or odd: an older page, number unknown)."""
    if not request.query_params.get("cursor"):
        return 1
    raw = request.query_params.get("page", "")
    number = int(raw) if raw.isdigit() and len(raw) <= 6 else 0
    return number if 2 <= number <= MAX_PAGE_NO else None


def page(
    request: Request,
    template: str,
    *,
    status: int = 200,
    headers: dict[str, str] | None = None,
    **context: Any,
) -> Response:
    """Render an HTML template with the common context (now, query, section, page number)."""
    context.setdefault("now", now_utc())
    context.setdefault("q", request.query_params.get("q", ""))
    context.setdefault("page_no", page_number(request))
    body = web(request).env.get_template(template).render(**context).encode()
    return cached(request, body, HTML, status=status, headers=headers)


def list_title(view: ListView[Any], page_no: int | None) -> str:
    """'News Feed' on page 1; 'News Feed · page 3' (or '· older articles') further on."""
    title = view.subject.title
    if page_no == 1:
        return title
    return f"{title} · page {page_no}" if page_no else f"{title} · older articles"


def listing(
    request: Request, view: ListView[Any], fmt: str, template: str, **context: Any
) -> Response:
    """A list view as HTML (`fmt` empty) or as an Atom, RSS or JSON feed."""
    if fmt:
        cursor = request.query_params.get("cursor") or None
        body = RENDERERS[fmt](view, site_root(request), web(request).env, cursor)
        return cached(request, body, MEDIA_TYPES[fmt])
    title = list_title(view, page_number(request))
    return page(request, template, view=view, title=title, **context)
