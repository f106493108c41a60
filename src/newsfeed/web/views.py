"""The query behind every list: a `Subject` (what the list is of: the whole feed, a source,
a topic, an author, a search) turned into one `ArticleQuery`, and the page it gives as a
`ListView`, rendered as HTML, Atom, RSS or JSON Feed by the caller (one view, several
renderings). HTML asks for `ArticleSummary` items; the output feeds for `ArticleItem`s, which
carry bodies, authors and tags."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any, Generic
from urllib.parse import urlencode

from newsfeed.errors import BadQuery, InvalidInput
from newsfeed.model import (
    ArticleQuery,
    ArticleSummary,
    AuthorView,
    L,
    Page,
    SearchHit,
    Source,
    TagView,
)
from newsfeed.store.api import Store
from newsfeed.web.marks import mark_html

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
class Subject:
    """What a list is of, and how to describe it."""

    kind: str  # "feed", "source", "topic", "author", "search"
    title: str
    path: str  # the HTML path of the list, without query string
    description: str
    filters: dict[str, Any] = field(default_factory=dict)  # ArticleQuery's fields
    params: dict[str, str] = field(default_factory=dict)  # query string, besides cursor
    source: Source | None = None
    author: AuthorView | None = None
    tag: TagView | None = None


@dataclass(frozen=True, slots=True)
class ListView(Generic[L]):
    """One page of one list, with what every rendering needs to describe it."""

    subject: Subject
    items: tuple[L, ...]
    next_cursor: str | None
    snippets: Mapping[int, str] = field(default_factory=dict)  # article id → snippet html

    def __getattr__(self, name: str) -> Any:  # kind, title, path, source… of the subject
        return getattr(self.subject, name)

    def url(self, fmt: str = "", cursor: str | None = None) -> str:
        """The path of this list in a format ("", "atom", "rss", "json"), at a cursor."""
        path = self.subject.path
        base = path if not fmt else f"{'/index' if path == '/' else path}.{fmt}"
        params = dict(self.subject.params)
        if cursor:
            params["cursor"] = cursor
        return f"{base}?{urlencode(params)}" if params else base

    @property
    def next_url(self) -> str | None:
        return self.url(cursor=self.next_cursor) if self.next_cursor else None


def article_path(article: ArticleSummary) -> str:
    """Our page for an article: /articles/<id>/<slug>."""
    return f"/articles/{article.id}/{article.slug}" if article.slug else f"/articles/{article.id}"


# ── subjects ─────────────────────────────────────────────────────────────────────────
def feed_subject(store: Store, key: str = "") -> Subject:
    return Subject("feed", "News Feed", "/", "The newest articles from every source")


def source_subject(store: Store, key: str) -> Subject:
    source = store.sources.get(int(key))
    title = source.title or source.url
    filters = {"source_id": source.id}
    path = f"/sources/{source.id}"
    return Subject("source", title, path, f"Articles from {title}", filters, source=source)


def topic_subject(store: Store, key: str) -> Subject:
    tag = store.tags.get(key)
    filters = {"tag_slug": tag.slug}
    path = f"/topics/{tag.slug}"
    return Subject("topic", tag.name, path, f"Articles about {tag.name}", filters, tag=tag)


def author_subject(store: Store, key: str) -> Subject:
    author = store.authors.get(key)
    filters = {"author_slug": author.slug}
    path = f"/authors/{author.slug}"
    description = f"Articles by {author.name}"
    return Subject("author", author.name, path, description, filters, author=author)


def search_subject(filters: SearchFilters) -> Subject:
    if not filters.q.strip():
        raise BadQuery("Type a word or two to search for.")
    wanted = {
        "text": filters.q,
        "source_id": filters.source_id,
        "author_slug": filters.author,
        "since": filters.since,
        "until": filters.until,
    }
    return Subject(
        "search",
        f"Search: {filters.q}",
        "/search",
        f"Articles matching “{filters.q}”",
        {name: value for name, value in wanted.items() if value is not None},
        filters.params(),
    )


Resolve = Callable[[Store, str], Subject]


# ── pages of a subject ───────────────────────────────────────────────────────────────
def list_view(
    store: Store, subject: Subject, load: type[L], cursor: str | None, limit: int
) -> ListView[L]:
    """One page of the subject's list (a search when it has words), as `load` items."""
    query = ArticleQuery(load=load, cursor=cursor, limit=limit, **subject.filters)
    if query.text is not None:
        hits: Page[SearchHit[L]] = store.articles.search(query)
        items = tuple(hit.article for hit in hits.items)
        snippets = {hit.article.id: mark_html(hit.snippet) for hit in hits.items}
        return ListView(subject, items, hits.next_cursor, snippets)
    page = store.articles.page(query)
    return ListView(subject, page.items, page.next_cursor)


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
