"""The JSON API under /api/v1 (FastAPI, so the OpenAPI document is generated). Lists are
cursor-paginated (`next_cursor` plus a `Link: <…>; rel="next"` header); every error is an
RFC 9457 problem document."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel
from starlette.exceptions import HTTPException
from starlette.responses import Response

from newsfeed.errors import NewsfeedError
from newsfeed.model import ArticleItem, ArticleQuery, SourceEdit
from newsfeed.web import api_models as m
from newsfeed.web.context import WebContext, db, db_slow
from newsfeed.web.errors_map import public_message, status_for
from newsfeed.web.responses import cached, problem
from newsfeed.web.views import MAX_ID, MAX_LIMIT, parse_day, story_page

JSON = "application/json"
PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Bad input (a bad cursor, an empty query)", "content": PROBLEM},
    404: {"description": "Not found", "content": PROBLEM},
    422: {"description": "Invalid parameters", "content": PROBLEM},
}
Id = Annotated[int, Path(ge=1, le=MAX_ID)]
Cursor = Annotated[
    str | None, Query(max_length=500, description="`next_cursor` of the page before")
]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT)]
NO_NUL = r"^[^\x00]*$"  # PostgreSQL text cannot hold NUL: such a filter is a 422, not a 503


def _ctx(request: Request) -> WebContext:
    ctx: WebContext = request.app.state.web
    return ctx


def _json(request: Request, model: BaseModel, *, next_cursor: str | None = None) -> Response:
    headers = {}
    if next_cursor:
        params = {**request.query_params, "cursor": next_cursor}
        headers["link"] = f'<{request.url.path}?{urlencode(params)}>; rel="next"'
    return cached(request, model.model_dump_json().encode(), JSON, headers=headers)


def create_api(ctx: WebContext) -> FastAPI:
    api = FastAPI(
        title="newsfeed API",
        version="1",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        responses=ERRORS,
    )
    api.state.web = ctx
    _add_error_handlers(api)
    _add_article_routes(api)
    _add_source_routes(api)
    _add_people_routes(api)
    _add_story_routes(api)
    api.openapi_schema = None
    _register_problem_schema(api)
    return api


def _register_problem_schema(api: FastAPI) -> None:
    original = api.openapi

    def openapi() -> dict[str, Any]:
        if api.openapi_schema is None:
            schema = original()
            schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = (
                m.Problem.model_json_schema()
            )
            api.openapi_schema = schema
        return api.openapi_schema

    api.openapi = openapi  # type: ignore[method-assign]


# ── errors ───────────────────────────────────────────────────────────────────────────
def _add_error_handlers(api: FastAPI) -> None:
    async def on_newsfeed(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, NewsfeedError)
        return problem(
            status_for(exc), public_message(exc), code=exc.code, instance=request.url.path
        )

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return problem(422, _describe(exc), code="bad_argument", instance=request.url.path)

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return problem(exc.status_code, str(exc.detail), instance=request.url.path)

    async def on_crash(request: Request, exc: Exception) -> Response:
        return problem(500, "Something went wrong on our side.", code="internal_error")

    api.add_exception_handler(NewsfeedError, on_newsfeed)
    api.add_exception_handler(RequestValidationError, on_validation)
    api.add_exception_handler(HTTPException, on_http)
    api.add_exception_handler(Exception, on_crash)


def _describe(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors()[:5]:
        where = ".".join(str(p) for p in error.get("loc", ()) if p != "body") or "request"
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts)


def _items(
    cursor: str | None, limit: int, source: int | None, author: str | None, **more: Any
) -> ArticleQuery[ArticleItem]:
    """The query of an API list or search: items, with the parameters both take."""
    return ArticleQuery(
        load=ArticleItem, cursor=cursor, limit=limit, source_id=source, author_slug=author, **more
    )


# ── articles and search ──────────────────────────────────────────────────────────────
def _add_article_routes(api: FastAPI) -> None:
    @api.get("/articles", response_model=m.ArticlePage, tags=["articles"])
    async def list_articles(
        request: Request,
        cursor: Cursor = None,
        limit: Limit = 30,
        source: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
        author: Annotated[str | None, Query(max_length=200, pattern=NO_NUL)] = None,
        topic: Annotated[str | None, Query(max_length=200, pattern=NO_NUL)] = None,
        language: Annotated[
            str | None, Query(max_length=35, pattern=NO_NUL, description="e.g. en")
        ] = None,
        story: Annotated[int | None, Query(ge=1, le=MAX_ID, description="a story id")] = None,
    ) -> Response:
        """Newest first; filter by source id, author slug, topic slug, language or story."""
        more = {"tag_slug": topic, "language": language, "story_id": story}
        query = _items(cursor, limit, source, author, **more)
        page = await db(_ctx(request).store.articles.page, query)
        body = m.ArticlePage(
            items=[m.article_out(a) for a in page.items], next_cursor=page.next_cursor
        )
        return _json(request, body, next_cursor=page.next_cursor)

    @api.get("/articles/{article_id}", response_model=m.ArticleDetail, tags=["articles"])
    async def get_article(request: Request, article_id: Id) -> Response:
        """One article with its body and revision history."""
        article = await db(_ctx(request).store.articles.get, article_id)
        return _json(request, m.article_detail(article))

    @api.get("/search", response_model=m.SearchPage, tags=["articles"])
    async def search(
        request: Request,
        q: Annotated[str, Query(max_length=500)],
        cursor: Cursor = None,
        limit: Limit = 30,
        source: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
        author: Annotated[str | None, Query(max_length=200, pattern=NO_NUL)] = None,
        since: date | None = None,
        until: date | None = None,
    ) -> Response:
        """Ranked full-text search with highlighted snippets."""
        start = parse_day(since.isoformat() if since else None, "since")
        end = parse_day(until.isoformat() if until else None, "until", end=True)
        query = _items(cursor, limit, source, author, text=q, since=start, until=end)
        page = await db_slow(_ctx(request).store.articles.search, query)
        body = m.SearchPage(
            items=[m.search_hit_out(h) for h in page.items], next_cursor=page.next_cursor
        )
        return _json(request, body, next_cursor=page.next_cursor)


# ── sources ──────────────────────────────────────────────────────────────────────────
def _add_source_routes(api: FastAPI) -> None:
    @api.get("/sources", response_model=list[m.SourceOut], tags=["sources"])
    async def list_sources(request: Request) -> list[m.SourceOut]:
        """Every source with its health."""
        return [m.source_out(s) for s in await db_slow(_ctx(request).store.sources.all)]

    @api.get("/sources/{source_id}", response_model=m.SourceOut, tags=["sources"])
    async def get_source(request: Request, source_id: Id) -> m.SourceOut:
        return m.source_out(await db(_ctx(request).store.sources.get, source_id))

    @api.post(
        "/sources",
        response_model=m.SourceOut,
        status_code=201,
        tags=["sources"],
        responses={409: {"description": "Already subscribed", "content": PROBLEM}},
    )
    async def add_source(request: Request, body: m.NewSource) -> m.SourceOut:
        """Subscribe to a feed or page; it is fetched once to check it is readable."""
        from newsfeed.update.service import add_source as add

        ctx = _ctx(request)
        source = await add(
            ctx.store,
            ctx.settings,
            body.url.strip(),
            kind=body.kind,
            full_text=body.full_text,
            title=body.title,
        )
        return m.source_out(source)

    @api.patch("/sources/{source_id}", response_model=m.SourceOut, tags=["sources"])
    async def edit_source(request: Request, source_id: Id, body: m.SourceChange) -> m.SourceOut:
        """Rename a source, change its full-text mode, pause or resume it."""
        edit = SourceEdit(title=body.title, full_text=body.full_text, enabled=body.enabled)
        return m.source_out(await db_slow(_ctx(request).store.sources.edit, source_id, edit))

    @api.delete("/sources/{source_id}", status_code=204, tags=["sources"])
    async def delete_source(request: Request, source_id: Id) -> Response:
        """Remove a source and its articles."""
        await db_slow(_ctx(request).store.sources.remove, source_id)
        return Response(status_code=204)

    @api.post("/sources/{source_id}/refresh", response_model=m.RefreshOut, tags=["sources"])
    async def refresh_source(request: Request, source_id: Id) -> m.RefreshOut:
        """Fetch this source now, whatever its schedule."""
        from newsfeed.update.service import refresh_sources

        ctx = _ctx(request)
        await db(ctx.store.sources.get, source_id)
        results = await refresh_sources(ctx.store, ctx.settings, [source_id], force=True)
        return m.RefreshOut.model_validate(results[0], from_attributes=True)


# ── authors and topics ───────────────────────────────────────────────────────────────
def _add_people_routes(api: FastAPI) -> None:
    @api.get("/authors", response_model=list[m.AuthorOut], tags=["authors"])
    async def list_authors(request: Request) -> Response:
        authors = await db_slow(_ctx(request).store.authors.all)
        body = b"[" + b",".join(m.author_out(a).model_dump_json().encode() for a in authors)
        return cached(request, body + b"]", JSON)

    @api.get("/authors/{slug}", response_model=m.AuthorOut, tags=["authors"])
    async def get_author(request: Request, slug: Annotated[str, Path(max_length=200)]) -> Response:
        return _json(request, m.author_out(await db(_ctx(request).store.authors.get, slug)))

    @api.get("/topics", response_model=list[m.TagOut], tags=["topics"])
    async def list_topics(
        request: Request, limit: Annotated[int, Query(ge=1, le=1000)] = 100
    ) -> list[m.TagOut]:
        """Most used first."""
        return [m.tag_out(t) for t in await db_slow(_ctx(request).store.tags.top, limit=limit)]


# ── stories ──────────────────────────────────────────────────────────────────────────
def _add_story_routes(api: FastAPI) -> None:
    @api.get("/stories", response_model=list[m.StoryOut], tags=["stories"])
    async def top_stories(
        request: Request,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
        hours: Annotated[int, Query(ge=1, le=24 * 30, description="the ranking window")] = 48,
    ) -> list[m.StoryOut]:
        """Top stories: ranked by the outlets covering each in the `hours` before the newest
        coverage, then by articles; a story's articles are /articles?story={id}."""
        found = await db(_ctx(request).store.stories.top, hours=float(hours), limit=limit)
        return [m.story_out(s) for s in found]

    @api.get("/stories/{story_id}", response_model=m.StoryDetail, tags=["stories"])
    async def get_story(request: Request, story_id: Id) -> Response:
        """One story: its summary, lead photo, names involved and timeline of coverage
        (oldest first, at most 200 articles), with each article's attributions."""
        found = await db(story_page, _ctx(request).store, story_id)
        return _json(request, m.story_detail(found))
