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
    AttributionNote,
    AuthorView,
    Image,
    L,
    NameNote,
    Page,
    SearchHit,
    Source,
    StoryView,
    TagView,
)
from newsfeed.store.api import Store
from newsfeed.stories.notes import notes_of
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
    also_in: Mapping[int, tuple[str, ...]] = field(default_factory=dict)  # id → outlets of its
    # near-copies left out of this page (a wire story shown once: "also in: …")

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


def story_subject(store: Store, key: str) -> Subject:
    story = store.stories.get(int(key))
    path = f"/stories/{story.id}"
    outlets = f"{story.outlet_count} outlet{'s' if story.outlet_count != 1 else ''}"
    description = f"Full coverage: {story.article_count} articles from {outlets}"
    return Subject("story", story.title, path, description, {"story_id": story.id})


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
    if load is ArticleSummary and subject.kind != "story":
        kept, also_in = collapse_copies(page.items)
        return ListView(subject, kept, page.next_cursor, also_in=also_in)
    return ListView(subject, page.items, page.next_cursor)


def collapse_copies(items: tuple[L, ...]) -> tuple[tuple[L, ...], dict[int, tuple[str, ...]]]:
    """The items without the near-copies of another item on the same page, and for each
    item kept the outlets of its copies left out (in list order)."""
    copy_of = {a.id: a.duplicate_of for a in items}
    also: dict[int, list[str]] = {}
    kept = []
    for a in items:
        root, hops = a.id, 0
        while copy_of.get(root) in copy_of and hops < len(items):  # a copy of a copy: the first
            root, hops = copy_of[root] or root, hops + 1
        if root != a.id:
            also.setdefault(root, []).append(a.source_title or "another outlet")
        else:
            kept.append(a)
    return tuple(kept), {key: tuple(outlets) for key, outlets in also.items()}


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


# ── a story's page ───────────────────────────────────────────────────────────────────
STORY_ARTICLES = 200  # the timeline shows at most this many (the feeds page through all)
STORY_NAMES = 12


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    article: ArticleSummary
    first: bool  # the first report of the story
    update: bool  # a later report by an outlet that covered the story already, or revised
    copy_of: ArticleSummary | None  # the report it republishes (a wire copy)
    attributions: tuple[AttributionNote, ...]


@dataclass(frozen=True, slots=True)
class StoryPage:
    story: StoryView
    summary: str  # one line: who reported first, how many outlets, over how long
    dek: str | None  # the first report's summary, when it has one
    photo: Image | None  # the first lead image of its coverage
    photo_article: ArticleSummary | None
    timeline: tuple[TimelineEntry, ...]  # oldest first
    names: tuple[NameNote, ...]  # the names involved, most mentioned first
    outlets: tuple[str, ...]  # by first report


def story_page(store: Store, story_id: int) -> StoryPage:
    story = store.stories.get(story_id)
    query = ArticleQuery(
        load=ArticleSummary, story_id=story.id, order="oldest", limit=STORY_ARTICLES
    )
    items = store.articles.page(query).items
    notes = {n.article_id: n for n in store.stories.notes([a.id for a in items])}
    missing = [a.id for a in items if a.id not in notes]  # a story's first, usually
    for read in store.stories.inputs(missing):
        notes[int(read.id)] = notes_of(int(read.id), read.text)
    by_id = {a.id: a for a in items}
    seen: set[int] = set()
    timeline = []
    for i, a in enumerate(items):
        found = notes.get(a.id)
        timeline.append(
            TimelineEntry(
                a,
                i == 0,
                a.source_id in seen or a.revision_count > 0,
                by_id.get(a.duplicate_of) if a.duplicate_of is not None else None,
                found.attributions if found else (),
            )
        )
        seen.add(a.source_id)
    lead = next((a for a in items if a.image is not None), None)
    dek = next((a.dek for a in items if a.dek), None)
    return StoryPage(
        story,
        _summary_line(story, items),
        dek,
        lead.image if lead else None,
        lead,
        tuple(timeline),
        _names_involved([n.names for n in notes.values()]),
        tuple(dict.fromkeys(a.source_title or "Unknown outlet" for a in items)),
    )


def _summary_line(story: StoryView, items: tuple[ArticleSummary, ...]) -> str:
    outlets = f"{story.outlet_count} outlet{'s' if story.outlet_count != 1 else ''}"
    articles = f"{story.article_count} article{'s' if story.article_count != 1 else ''}"
    first = items[0].source_title if items and items[0].source_title else None
    line = f"{articles} from {outlets}"
    return f"{line}; first reported by {first}" if first else line


def _names_involved(per_article: list[tuple[NameNote, ...]]) -> tuple[NameNote, ...]:
    """Names across the story's articles, counted by how many articles mention each, then
    by mentions; one name whatever its case ("HARBOR CITY" in a headline is "Harbor City"),
    written as most articles write it, an all-capitals form only when there is no other."""
    articles: dict[tuple[str, str], int] = {}
    mentions: dict[tuple[str, str], int] = {}
    written: dict[tuple[str, str], dict[str, int]] = {}
    for found in per_article:
        for n in found:
            key = (n.text.casefold(), n.kind)
            articles[key] = articles.get(key, 0) + 1
            mentions[key] = mentions.get(key, 0) + n.mentions
            forms = written.setdefault(key, {})
            forms[n.text] = forms.get(n.text, 0) + 1
    ranked = sorted(articles, key=lambda k: (-articles[k], -mentions[k], k[0]))
    return tuple(
        NameNote(_usual_form(written[key]), key[1], mentions[key]) for key in ranked[:STORY_NAMES]
    )


def _usual_form(forms: dict[str, int]) -> str:
    return max(forms, key=lambda text: (not text.isupper(), forms[text], text))
