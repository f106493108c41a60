"""The ASGI application: pages and feeds (Starlette), the JSON API (FastAPI, mounted at
/api/v1), static files, security headers, error pages and the background task."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.convertors import Convertor, register_url_convertor
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp

from newsfeed.demo.outlets import OutletSite, outlet_ids, outlet_site
from newsfeed.errors import NewsfeedError
from newsfeed.settings import Settings
from newsfeed.store.api import Store
from newsfeed.web.api import create_api
from newsfeed.web.context import StoreLane, WebContext, db_slow, store_lane, web
from newsfeed.web.errors_map import public_message, status_for, title_for
from newsfeed.web.headers import OUTLET_CSP, AllowHeader, SecurityHeaders, allowed_hosts
from newsfeed.web.pages import routes
from newsfeed.web.render import page
from newsfeed.web.responses import cached, problem
from newsfeed.web.templating import STATIC, make_environment, static_version

log = logging.getLogger(__name__)
DEMO_STATIC = Path(__file__).parent.parent / "demo" / "static"
FEED_SUFFIXES = (".atom", ".rss", ".json")
API_PREFIX = "/api/"


class FeedFormat(Convertor[str]):
    regex = "atom|rss|json"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("feedfmt", FeedFormat())


def create_app(
    settings: Settings, store: Store, *, background: Callable[[], Awaitable[None]] | None = None
) -> ASGIApp:
    """The whole web app over `store`; `background` (the in-process scheduler) runs as a task
    from startup to shutdown."""
    version = static_version()
    ctx = WebContext(settings, store, make_environment(version), version)
    lane = store_lane(store)
    app = Starlette(
        routes=[
            Mount("/api/v1", app=_api(ctx)),
            Mount(f"/static/{version}", app=StaticFiles(directory=STATIC)),
            Mount("/static/demo", app=StaticFiles(directory=DEMO_STATIC, check_dir=False)),
            *routes(),
            *_outlet_routes(),
        ],
        exception_handlers={
            NewsfeedError: _on_error,
            HTTPException: _on_http,
            Exception: _on_crash,
        },
        lifespan=_lifespan(background, lane.executor),
    )
    app.state.web = ctx
    return StoreLane(
        SecurityHeaders(
            app,
            static_prefix=f"/static/{version}/",
            hosts=allowed_hosts(settings.host, settings.allowed_hosts),
            max_body_bytes=settings.max_request_body_bytes,
        ),
        lane,
    )


# ── the demo's sample outlets ────────────────────────────────────────────────────────
def _outlet_routes() -> list[Route]:
    return [Route(f"/{outlet}/{{rest:path}}", _outlet_page) for outlet in outlet_ids()]


def _outlet_site(ctx: WebContext) -> OutletSite | None:
    return ctx.memo.get("demo-outlets", lambda: outlet_site(ctx.store.sources.all()))


async def _outlet_page(request: Request) -> Response:
    """A sample outlet's page or feed, when the demo was loaded into this store: the links
    to the outlets stay alive after the demo's own server has gone."""
    site = await db_slow(_outlet_site, web(request))
    found = site.pages.get(request.url.path) if site is not None else None
    if found is None:
        raise HTTPException(404)
    body, media_type = found
    return cached(request, body, media_type, headers={"content-security-policy": OUTLET_CSP})


def _api(ctx: WebContext) -> ASGIApp:
    api = create_api(ctx)
    return AllowHeader(api, api.routes)


def _lifespan(background: Callable[[], Awaitable[None]] | None, executor: Executor | None) -> Any:
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        task = asyncio.create_task(_guarded(background)) if background else None
        try:
            yield
        finally:
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            if executor is not None:
                executor.shutdown(wait=False)

    return lifespan


async def _guarded(background: Callable[[], Awaitable[None]]) -> None:
    try:
        await background()
    except asyncio.CancelledError:
        raise
    except Exception:  # the web app keeps serving even if the scheduler dies
        log.exception("background task stopped")


# ── error pages ──────────────────────────────────────────────────────────────────────
def _wants_problem(request: Request) -> bool:
    """A feed, or anything under /api/ (also a path the API's routes cannot match, such as
    one with an encoded newline), is answered with problem+json, never the HTML page."""
    path = request.url.path
    return path.endswith(FEED_SUFFIXES) or path.startswith(API_PREFIX)


def _error_page(
    request: Request,
    status: int,
    detail: str,
    code: str | None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    if _wants_problem(request):
        return problem(status, detail, code=code, instance=request.url.path, headers=headers)
    heading = {404: "We could not find that page"}.get(status, title_for(status))
    return page(
        request,
        "error.html",
        status=status,
        headers=dict(headers or {}),
        title=title_for(status),
        heading=heading,
        detail=detail,
    )


async def _on_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, NewsfeedError)
    return _error_page(request, status_for(exc), public_message(exc), exc.code)


async def _on_http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    detail = "There is no page at this address." if exc.status_code == 404 else str(exc.detail)
    return _error_page(request, exc.status_code, detail, None, exc.headers)


async def _on_crash(request: Request, exc: Exception) -> Response:
    log.exception("error serving %s", request.url.path, exc_info=exc)
    return _error_page(
        request, 500, "Something went wrong on our side. Please try again.", "internal_error"
    )
