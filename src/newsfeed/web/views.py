"""The query functions behind every list: one function per list, one result type, rendered
as HTML, Atom, RSS or JSON Feed by the caller (one view, several renderings)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from urllib.parse import urlencode

from newsfeed.errors import BadQuery, InvalidInput
from newsfeed.model import ArticleView, AuthorView, SearchHit, Source, TagView
from newsfeed.store.api import Store

MAX_LIMIT = 100
MAX_ID = 2**31 - 1  # ids are 32-bit integers in PostgreSQL


@dataclass(frozen=True, slots=True)
class SearchFilters:
    q: str = ""
    source_id: int | None = None
    author: str | None = None
    since: datetime | None = None
    until: datetime | None = None

    def params(self) -> dict[str, str]:
        """The filters as query-string parameters (for links to the next page and feeds)."""
        out = {"q": self.q}
        if self.source_id is not None:
            out["source"] = str(self.source_id)
        if self.author:
            out["author"] = self.author
        if self.since:
            out["since"] = self.since.date().isoformat()
        if self.until:
            out["until"] = (self.until.date()).isoformat()
        return out


@dataclass(frozen=True, slots=True)
class ListView:
    """One page of one list, with what every rendering needs to describe it."""

    kind: str  # "feed", "source", "topic", "author", "search"
    title: str
    path: str  # the HTML path of this list, without query string
    items: tuple[ArticleView, ...]
    next_cursor: str | None
    description: str | None = None
    params: dict[str, str] = field(default_factory=dict)  # besides cursor
    snippets: dict[int, str] = field(default_factory=dict)  # article id → snippet html
    source: Source | None = None
    author: AuthorView | None = None
    tag: TagView | None = None

    def url(self, fmt: str = "", cursor: str | None = None) -> str:
        """The path of this list in a format ("", "atom", "rss", "json"), at a cursor."""
        base = self.path if not fmt else f"{'/index' if self.path == '/' else self.path}.{fmt}"
        params = dict(self.params)
        if cursor:
            params["cursor"] = cursor
        return f"{base}?{urlencode(params)}" if params else base

    @property
    def next_url(self) -> str | None:
        return self.url(cursor=self.next_cursor) if self.next_cursor else None


def article_path(article: ArticleView) -> str:
    """Our page for an article: /articles/<id>/<slug>."""
    return f"/articles/{article.id}/{article.slug}" if article.slug else f"/articles/{article.id}"


def check_limit(limit: int | None, default: int) -> int:
    if limit is None:
        return default
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(f"limit must be between 1 and {MAX_LIMIT}", code="bad_argument")
    return limit


def feed_view(store: Store, cursor: str | None, limit: int, lean: bool = False) -> ListView:
    """`lean` (for HTML pages): items without bodies, authors and tags, which only the
    Atom, RSS and JSON renderings show."""
    page = store.list_articles(cursor=cursor, limit=limit, lean=lean)
    return ListView(
        "feed",
        "News Feed",
        "/",
        page.items,
        page.next_cursor,
        description="The newest articles from every source",
    )


def source_view(
    store: Store, source_id: int, cursor: str | None, limit: int, lean: bool = False
) -> ListView:
    source = store.get_source(source_id)
    page = store.list_articles(cursor=cursor, limit=limit, source_id=source_id, lean=lean)
    title = source.title or source.url
    return ListView(
        "source",
        title,
        f"/sources/{source_id}",
        page.items,
        page.next_cursor,
        description=f"Articles from {title}",
        source=source,
    )


def topic_view(
    store: Store, slug: str, cursor: str | None, limit: int, lean: bool = False
) -> ListView:
    tag = store.get_tag(slug)
    page = store.list_articles(cursor=cursor, limit=limit, tag_slug=tag.slug, lean=lean)
    return ListView(
        "topic",
        tag.name,
        f"/topics/{tag.slug}",
        page.items,
        page.next_cursor,
        description=f"Articles about {tag.name}",
        tag=tag,
    )


def author_view(
    store: Store, slug: str, cursor: str | None, limit: int, lean: bool = False
) -> ListView:
    author = store.get_author(slug)
    page = store.list_articles(cursor=cursor, limit=limit, author_slug=author.slug, lean=lean)
    return ListView(
        "author",
        author.name,
        f"/authors/{author.slug}",
        page.items,
        page.next_cursor,
        description=f"Articles by {author.name}",
        author=author,
    )


def search_view(
    store: Store, filters: SearchFilters, cursor: str | None, limit: int, lean: bool = False
) -> ListView:
    """`lean`: hits without bodies, authors and tags, as in `feed_view`."""
    if not filters.q.strip():
        raise BadQuery("Type a word or two to search for.")
    page = store.search(
        filters.q,
        cursor=cursor,
        limit=limit,
        source_id=filters.source_id,
        author_slug=filters.author,
        since=filters.since,
        until=filters.until,
        lean=lean,
    )
    return _search_result(filters, page.items, page.next_cursor)


def _search_result(
    filters: SearchFilters, hits: tuple[SearchHit, ...], cursor: str | None
) -> ListView:
    return ListView(
        "search",
        f"Search: {filters.q}",
        "/search",
        tuple(hit.article for hit in hits),
        cursor,
        description=f"Articles matching “{filters.q}”",
        params=filters.params(),
        snippets={hit.article.id: hit.snippet_html for hit in hits},
    )


def parse_day(value: str | None, name: str, *, end: bool = False) -> datetime | None:
    """A YYYY-MM-DD filter as a UTC datetime (start of day, or end of day for `until`)."""
    if not value:
        return None
    try:
        day = date.fromisoformat(value.strip())
    except ValueError as exc:
        raise InvalidInput(f"{name} must be a date like 2024-03-05", code="bad_argument") from exc
    return datetime.combine(day, time.max if end else time.min, tzinfo=UTC)


def parse_int(value: str | None, name: str) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(value)
    except ValueError as exc:
        raise InvalidInput(f"{name} must be a whole number", code="bad_argument") from exc
    if not 0 < number <= MAX_ID:
        raise InvalidInput(f"{name} must be between 1 and {MAX_ID}", code="bad_argument")
    return number
