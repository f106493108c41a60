"""The HTML pages and the list feeds (.atom, .rss, .json) — thin handlers over views.py."""

from __future__ import annotations

import contextlib
import heapq
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from newsfeed.demo import pause_reasons
from newsfeed.errors import InvalidInput, NotFound
from newsfeed.model import (
    ArticleItem,
    ArticleQuery,
    ArticleSummary,
    ArticleView,
    AuthorView,
    Source,
    StoryView,
    TagView,
)
from newsfeed.store.api import Store
from newsfeed.web.context import WebContext, db, db_slow, web
from newsfeed.web.render import listing, page
from newsfeed.web.revisions import revision_steps
from newsfeed.web.views import (
    MAX_ID,
    ListView,
    Resolve,
    SearchFilters,
    StoryPage,
    article_path,
    author_subject,
    feed_subject,
    list_view,
    parse_day,
    parse_int,
    search_subject,
    source_subject,
    story_page,
    story_subject,
    topic_subject,
)

RAIL_SIZE = 10
TOP_SIZE = 30
MORE_SIZE = 4
AUTHOR_CHOICES = 200
Handler = Callable[[Request], Awaitable[Response]]


def _fmt(request: Request) -> str:
    return str(request.path_params.get("fmt", ""))


def _cursor(request: Request) -> str | None:
    return request.query_params.get("cursor") or None


def _page_size(request: Request) -> int:
    return web(request).settings.page_size


def check_id(value: int) -> int:
    """Ids beyond what the database can hold are simply unknown."""
    if not 0 < value <= MAX_ID:
        raise NotFound(f"There is nothing with the id {value}.")
    return value


# ── lists ────────────────────────────────────────────────────────────────────────────
def _list_data(
    ctx: WebContext, resolve: Resolve, key: str, fmt: str, cursor: str | None
) -> tuple[ListView[Any], list[TagView]]:
    """The page of the list (summaries for HTML, items for the feeds) and, for the News
    Feed's HTML, the top topics beside it (remembered for a minute)."""
    subject = resolve(ctx.store, key)
    load = ArticleItem if fmt else ArticleSummary
    view = list_view(ctx.store, subject, load, cursor, ctx.settings.page_size)
    if fmt or subject.kind != "feed":
        return view, []
    return view, ctx.memo.get("top-topics", lambda: ctx.store.tags.top(limit=12))


def _list_page(resolve: Resolve, template: str, section: str | None, key_param: str) -> Handler:
    """The handler of one kind of list, in every format."""

    async def handler(request: Request) -> Response:
        fmt = _fmt(request)
        key = str(request.path_params.get(key_param, ""))
        view, topics = await db(_list_data, web(request), resolve, key, fmt, _cursor(request))
        context: dict[str, Any] = {"source": view.source, "tag": view.tag, "author": view.author}
        if view.source is not None:
            context["pause_reasons"] = pause_reasons([view.source])
        if view.kind == "feed":
            context = {"topics": topics}
        return listing(request, view, fmt, template, section=section, **context)

    return handler


home = _list_page(feed_subject, "feed.html", "feed", "")
source = _list_page(source_subject, "list.html", "sources", "source_id")
topic = _list_page(topic_subject, "list.html", "topics", "slug")
author = _list_page(author_subject, "list.html", None, "slug")


# ── search ───────────────────────────────────────────────────────────────────────────
def search_filters(request: Request) -> SearchFilters:
    """The filters from the query string; raises InvalidInput naming a bad one."""
    params = request.query_params
    return SearchFilters(
        q=params.get("q", "").strip()[:500],
        source_id=parse_int(params.get("source"), "source"),
        author=params.get("author") or None,
        since=parse_day(params.get("since"), "since"),
        until=parse_day(params.get("until"), "until", end=True),
    )


@dataclass(frozen=True, slots=True)
class SearchData:
    view: ListView[ArticleSummary] | None  # None: no query yet, or a bad one
    sources: list[Source]  # the filter form's choices
    authors: list[AuthorChoice]


@dataclass(frozen=True, slots=True)
class AuthorChoice:
    slug: str
    label: str  # the name, with the outlet when another author has the same name


@dataclass(frozen=True, slots=True)
class FormChoices:
    sources: list[Source]
    authors: list[AuthorChoice]  # the most prolific AUTHOR_CHOICES, by name
    by_slug: dict[str, AuthorChoice]  # every author: a filter on a less prolific one


def author_choices(authors: list[AuthorView]) -> tuple[list[AuthorChoice], dict[str, AuthorChoice]]:
    """The author filter's choices: with hundreds of outlets there are thousands of authors,
    too many for one list; it offers the AUTHOR_CHOICES with the most articles (an author
    page filters by any author). Same names are told apart by their outlet."""
    names = Counter(a.name.casefold() for a in authors)
    every = {
        a.slug: AuthorChoice(
            a.slug,
            f"{a.name} ({a.source_title})"
            if names[a.name.casefold()] > 1 and a.source_title
            else a.name,
        )
        for a in authors
    }
    top = heapq.nsmallest(AUTHOR_CHOICES, authors, key=lambda a: (-a.article_count, a.name))
    return [every[a.slug] for a in sorted(top, key=lambda a: (a.name.casefold(), a.id))], every


def _form_choices(store: Store) -> FormChoices:
    return FormChoices(store.sources.all(), *author_choices(store.authors.all()))


def _search_data(
    ctx: WebContext, query: SearchFilters | None, cursor: str | None, limit: int
) -> SearchData:
    """The results and the form's choices in one store call (one thread hand-over). The
    choices change slowly and are remembered for a minute, as the topics beside the feed
    are: reading every source and author took a tenth of a search's time."""
    store = ctx.store
    view = None
    if query is not None:
        view = list_view(store, search_subject(query), ArticleSummary, cursor, limit)
    choices = ctx.memo.get("search-choices", lambda: _form_choices(store))
    authors = choices.authors
    slug = query.author if query is not None else None
    selected = choices.by_slug.get(slug) if slug else None
    if slug and selected is None:  # an author newer than the remembered choices
        selected = _choice_of(store, slug)
    if selected is not None and selected not in authors:
        authors = [selected, *authors]
    return SearchData(view, choices.sources, authors)


def _choice_of(store: Store, slug: str) -> AuthorChoice | None:
    try:
        author = store.authors.get(slug)
    except NotFound:
        return None
    return AuthorChoice(author.slug, author.name)


async def search(request: Request) -> Response:
    fmt, ctx = _fmt(request), web(request)
    raw = dict(request.query_params)
    try:
        filters = search_filters(request)
    except InvalidInput as exc:
        if fmt:
            raise
        return await _search_page(
            request, SearchFilters(q=raw.get("q", "")), raw, message=exc.message, status=400
        )
    if not fmt:
        return await _search_page(request, filters, raw)
    view = await db_slow(
        list_view,
        ctx.store,
        search_subject(filters),
        ArticleItem,
        _cursor(request),
        ctx.settings.page_size,
    )
    return listing(request, view, fmt, "search.html")


async def _search_page(
    request: Request,
    filters: SearchFilters,
    raw: dict[str, str],
    *,
    message: str | None = None,
    status: int = 200,
) -> Response:
    """The search form, with results when there is a query and `message` names no error."""
    ctx = web(request)
    query = filters if filters.q and message is None else None
    data = await db_slow(_search_data, ctx, query, _cursor(request), ctx.settings.page_size)
    return page(
        request,
        "search.html",
        status=status,
        view=data.view,
        filters=filters,
        raw=raw,
        message=message,
        sources=data.sources,
        authors=data.authors,
        title=f"Search: {filters.q}" if filters.q else "Search",
    )


# ── single pages ─────────────────────────────────────────────────────────────────────
@dataclass(frozen=True, slots=True)
class ArticlePage:
    article: ArticleView
    more: tuple[ArticleSummary, ...]
    more_kind: str  # "story" (its story first), "topic" (shared topics), "outlet"
    story: StoryView | None
    rail: ListView[ArticleSummary]


def _article_data(store: Store, article_id: int) -> ArticlePage:
    article = store.articles.get(article_id)
    more, kind, story = related(store, article)
    rail = list_view(store, feed_subject(store), ArticleSummary, None, RAIL_SIZE)
    return ArticlePage(article, more, kind, story, rail)


def related(
    store: Store, article: ArticleView
) -> tuple[tuple[ArticleSummary, ...], str, StoryView | None]:
    """Related coverage: the other articles of its story first, then articles sharing its
    topics; when there are none, more from the same outlet (the plain fallback)."""
    found: dict[int, ArticleSummary] = {}
    story = None
    if article.story_id is not None:
        with contextlib.suppress(NotFound):
            story = store.stories.get(article.story_id)
        _add(found, store, article, {"story_id": article.story_id})
    for tag in article.tags[:3]:
        if len(found) >= MORE_SIZE:
            break
        _add(found, store, article, {"tag_slug": tag.slug})
    if found:
        kind = "story" if story is not None and story.article_count > 1 else "topic"
        return tuple(found.values())[:MORE_SIZE], kind, story
    same_outlet = {"source_id": article.source_id}
    _add(found, store, article, same_outlet)
    return tuple(found.values()), "outlet", story


def _add(
    found: dict[int, ArticleSummary], store: Store, article: ArticleView, filters: dict[str, Any]
) -> None:
    query = ArticleQuery(load=ArticleSummary, exclude_id=article.id, limit=MORE_SIZE * 2, **filters)
    for item in store.articles.page(query).items:
        if len(found) < MORE_SIZE and item.duplicate_of != article.id:
            found.setdefault(item.id, item)


async def article(request: Request) -> Response:
    data = await db(_article_data, web(request).store, check_id(request.path_params["article_id"]))
    a = data.article
    canonical = article_path(a)
    if request.url.path != canonical:
        return RedirectResponse(canonical, status_code=301)
    return page(
        request,
        "article.html",
        a=a,
        more=data.more,
        more_kind=data.more_kind,
        story=data.story,
        rail=data.rail,
        title=a.title,
        revisions=revision_steps(a) if a.revisions else [],
        canonical=canonical,
    )


async def story(request: Request) -> Response:
    fmt = _fmt(request)
    story_id = check_id(request.path_params["story_id"])
    if fmt:
        ctx = web(request)
        view = await db(
            list_view,
            ctx.store,
            story_subject(ctx.store, str(story_id)),
            ArticleItem,
            _cursor(request),
            ctx.settings.page_size,
        )
        return listing(request, view, fmt, "feed.html")
    data: StoryPage = await db(story_page, web(request).store, story_id)
    return page(request, "story.html", s=data, title=data.story.title, section="feed")


async def top_stories(request: Request) -> Response:
    items = await db(web(request).store.stories.top, limit=TOP_SIZE)
    return page(request, "stories.html", stories=items, title="Top stories", section="feed")


async def sources(request: Request) -> Response:
    items = await db_slow(web(request).store.sources.all)
    return page(
        request,
        "sources.html",
        sources=items,
        pause_reasons=pause_reasons(items),
        title="Sources",
        section="sources",
    )


async def topics(request: Request) -> Response:
    items = await db_slow(web(request).store.tags.top, limit=500)
    return page(request, "topics.html", topics=items, title="Topics", section="topics")


async def favicon(request: Request) -> Response:
    return RedirectResponse(f"/static/{web(request).static_version}/favicon.svg", 301)


def routes() -> list[Route]:
    fmt = "{fmt:feedfmt}"
    return [
        Route("/", home),
        Route("/favicon.ico", favicon),
        Route(f"/index.{fmt}", home),
        Route(f"/.{fmt}", home),
        Route("/articles/{article_id:int}", article),
        Route("/articles/{article_id:int}/{slug}", article),
        Route("/stories", top_stories),
        Route(f"/stories/{{story_id:int}}.{fmt}", story),
        Route("/stories/{story_id:int}", story),
        Route("/sources", sources),
        Route(f"/sources/{{source_id:int}}.{fmt}", source),
        Route("/sources/{source_id:int}", source),
        Route("/topics", topics),
        Route(f"/topics/{{slug}}.{fmt}", topic),
        Route("/topics/{slug}", topic),
        Route(f"/authors/{{slug}}.{fmt}", author),
        Route("/authors/{slug}", author),
        Route("/search", search),
        Route(f"/search.{fmt}", search),
    ]
