"""The demo corpus as data: outlets, authors, articles and their later revisions.

Everything lives in `demo/data/`: `outlets.json`, `authors.json`, one Markdown file with a
small front matter per article (`articles/*.md`) and per revision (`revisions/*.md`).
Times are offsets in hours before the moment of loading, so the demo always looks fresh.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from newsfeed.errors import InvalidInput

DATA_DIR = Path(__file__).parent / "data"
STATIC_DIR = Path(__file__).parent / "static"
STATIC_URL = "/static/demo/"

FeedFormat = Literal["rss20", "rss20-teaser", "atom", "jsonfeed", "rdf", "page"]
_FORMATS = ("rss20", "rss20-teaser", "atom", "jsonfeed", "rdf", "page")


@dataclass(frozen=True, slots=True)
class Outlet:
    id: str  # also the first segment of every path on the demo site
    name: str
    format: FeedFormat
    tagline: str
    domain: str  # an invented domain, used in tag: URIs and e-mail addresses
    accent: str  # "#rrggbb", the colour of its pages

    @property
    def feed_path(self) -> str | None:
        ext = {"rss20": "rss", "rss20-teaser": "rss", "atom": "atom", "jsonfeed": "json"}
        if self.format == "page":
            return None
        return f"/{self.id}/feed.{ext.get(self.format, 'rdf')}"


@dataclass(frozen=True, slots=True)
class DemoAuthor:
    id: str
    name: str
    outlet: str
    role: str
    bio: str

    @property
    def avatar_file(self) -> str:
        return f"avatar-{self.id}.png"


@dataclass(frozen=True, slots=True)
class Photo:
    file: str  # a file name under static/
    alt: str
    caption: str
    credit: str


@dataclass(frozen=True, slots=True)
class DemoArticle:
    id: str  # also the slug of its page
    outlet: str
    title: str
    dek: str
    body: str  # paragraphs separated by blank lines; "## " headings, "> " quotes, "- " lists
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    hours_ago: float
    event: str | None = None  # the shared story this article covers, if any
    photo: Photo | None = None
    motif: str | None = None  # the picture the image builder draws
    updated_hours_ago: float | None = None  # set once a revision is applied
    related: str | None = None  # id of an article to tease inside this one


@dataclass(frozen=True, slots=True)
class Revision:
    article: str
    hours_ago: float  # when the change was published
    title: str | None = None
    find: str | None = None  # a sentence of the body to replace ...
    replace: str | None = None  # ... by this one
    add: str = ""  # paragraphs added to the body
    position: Literal["start", "end"] = "end"


@dataclass(frozen=True, slots=True)
class Corpus:
    outlets: tuple[Outlet, ...]
    authors: tuple[DemoAuthor, ...]
    articles: tuple[DemoArticle, ...]
    revisions: tuple[Revision, ...]

    def outlet(self, outlet_id: str) -> Outlet:
        return next(o for o in self.outlets if o.id == outlet_id)

    def author(self, author_id: str) -> DemoAuthor:
        return next(a for a in self.authors if a.id == author_id)

    def article(self, article_id: str) -> DemoArticle:
        return next(a for a in self.articles if a.id == article_id)

    def articles_of(self, outlet_id: str, *, phase: int = 1) -> list[DemoArticle]:
        """The outlet's articles, newest first, as they stand in `phase` (2 = revised)."""
        chosen = [self.at_phase(a, phase) for a in self.articles if a.outlet == outlet_id]
        return sorted(chosen, key=lambda a: (a.hours_ago, a.id))

    def at_phase(self, article: DemoArticle, phase: int) -> DemoArticle:
        if phase < 2:
            return article
        for revision in self.revisions:
            if revision.article == article.id:
                article = apply_revision(article, revision)
        return article

    def events(self) -> dict[str, list[DemoArticle]]:
        grouped: dict[str, list[DemoArticle]] = {}
        for article in self.articles:
            if article.event:
                grouped.setdefault(article.event, []).append(article)
        return grouped


def apply_revision(article: DemoArticle, revision: Revision) -> DemoArticle:
    """The article as it reads after `revision`: new title, a sentence replaced, paragraphs
    added at the start or the end."""
    body = article.body
    if revision.find and revision.replace is not None:
        if revision.find not in body:
            raise _bad(f"revision of {article.id}: text to replace not found in the body")
        body = body.replace(revision.find, revision.replace)
    if revision.add:
        parts = [revision.add, body] if revision.position == "start" else [body, revision.add]
        body = "\n\n".join(parts)
    return replace(
        article,
        title=revision.title or article.title,
        body=body,
        updated_hours_ago=revision.hours_ago,
    )


def load_corpus(data_dir: Path = DATA_DIR) -> Corpus:
    """Read and check the corpus; a broken file raises InvalidInput(code="bad_corpus")."""
    outlets = tuple(_outlet(d) for d in _json(data_dir / "outlets.json"))
    authors = tuple(_author(d) for d in _json(data_dir / "authors.json"))
    articles = tuple(_article(p) for p in sorted((data_dir / "articles").glob("*.md")))
    revisions = tuple(_revision(p) for p in sorted((data_dir / "revisions").glob("*.md")))
    corpus = Corpus(outlets, authors, articles, revisions)
    _check(corpus)
    return corpus


# ── reading files ────────────────────────────────────────────────────────────────────
_FRONT = re.compile(r"\A---\n(.*?)\n---\n(.*)\Z", re.S)


def split_front_matter(text: str, name: str) -> tuple[dict[str, str], str]:
    """`---` / `key: value` lines / `---`, then the body."""
    match = _FRONT.match(text.replace("\r\n", "\n"))
    if not match:
        raise _bad(f"{name}: no front matter (--- key: value --- at the top)")
    meta: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if not sep or not key.strip():
            raise _bad(f"{name}: front matter line {line!r} is not 'key: value'")
        meta[key.strip()] = value.strip()
    return meta, match.group(2).strip()


def _json(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise _bad(f"{path.name}: {exc}") from exc
    if not isinstance(data, list):
        raise _bad(f"{path.name}: expected a list of objects")
    return data


def _outlet(d: dict[str, Any]) -> Outlet:
    try:
        outlet = Outlet(**d)
    except TypeError as exc:
        raise _bad(f"outlets.json: {exc}") from exc
    if outlet.format not in _FORMATS:
        raise _bad(f"outlets.json: {outlet.id}: unknown format {outlet.format!r}")
    return outlet


def _author(d: dict[str, Any]) -> DemoAuthor:
    try:
        return DemoAuthor(**d)
    except TypeError as exc:
        raise _bad(f"authors.json: {exc}") from exc


def _article(path: Path) -> DemoArticle:
    meta, body = split_front_matter(path.read_text(encoding="utf-8"), path.name)
    try:
        return DemoArticle(
            id=path.stem,
            outlet=meta["outlet"],
            title=meta["title"],
            dek=meta["dek"],
            body=body,
            authors=_list(meta["authors"]),
            tags=_list(meta["tags"]),
            hours_ago=float(meta["hours_ago"]),
            event=meta.get("event") or None,
            photo=_photo(path.stem, meta),
            motif=meta.get("motif") or None,
            related=meta.get("related") or None,
        )
    except (KeyError, ValueError) as exc:
        raise _bad(f"{path.name}: missing or bad field {exc}") from exc


def _photo(stem: str, meta: dict[str, str]) -> Photo | None:
    if "caption" not in meta:
        return None
    return Photo(f"{stem}.jpg", meta["alt"], meta["caption"], meta["credit"])


def _revision(path: Path) -> Revision:
    meta, body = split_front_matter(path.read_text(encoding="utf-8"), path.name)
    position = meta.get("position", "end")
    if position not in ("start", "end"):
        raise _bad(f"{path.name}: position must be start or end")
    try:
        return Revision(
            article=meta["article"],
            hours_ago=float(meta["hours_ago"]),
            title=meta.get("title") or None,
            find=meta.get("find") or None,
            replace=meta.get("replace"),
            add=body,
            position="start" if position == "start" else "end",
        )
    except (KeyError, ValueError) as exc:
        raise _bad(f"{path.name}: missing or bad field {exc}") from exc


def _list(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


# ── consistency ──────────────────────────────────────────────────────────────────────
def _check(corpus: Corpus) -> None:
    outlet_ids = {o.id for o in corpus.outlets}
    author_ids = {a.id for a in corpus.authors}
    article_ids = {a.id for a in corpus.articles}
    for author in corpus.authors:
        if author.outlet not in outlet_ids:
            raise _bad(f"authors.json: {author.id}: unknown outlet {author.outlet!r}")
    for article in corpus.articles:
        if article.outlet not in outlet_ids:
            raise _bad(f"{article.id}.md: unknown outlet {article.outlet!r}")
        unknown = set(article.authors) - author_ids
        if unknown or not article.authors:
            raise _bad(f"{article.id}.md: unknown or missing authors {sorted(unknown)}")
        if article.related and article.related not in article_ids:
            raise _bad(f"{article.id}.md: related article {article.related!r} does not exist")
    for revision in corpus.revisions:
        if revision.article not in article_ids:
            raise _bad(f"revision of unknown article {revision.article!r}")
        corpus.at_phase(corpus.article(revision.article), 2)


def _bad(message: str) -> InvalidInput:
    return InvalidInput(message, code="bad_corpus")
