"""The "what changed" decision: given what a source already holds and a batch of freshly
normalized articles, decide what to insert, what to update (keeping the earlier version as a
revision) and what to leave alone. Pure: no I/O, the store executes the plan.

Identity inside a source is the guid, falling back to the URL (a feed that starts sending
ids, or changes them, keeps its articles). Same content_hash means unchanged: no write.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from newsfeed.errors import InvalidInput
from newsfeed.model import ArticleData


@dataclass(frozen=True, slots=True)
class ExistingArticle:
    """What the store knows about an article already saved (cheap columns only)."""

    id: int
    guid: str
    url: str | None
    content_hash: str
    published_at: datetime


@dataclass(frozen=True, slots=True)
class ArticleInsert:
    data: ArticleData
    published_at: datetime  # the article's, else now (first seen)


@dataclass(frozen=True, slots=True)
class RevisionToKeep:
    """The stored version of `article_id` (hash `content_hash`) is replaced at `recorded_at`;
    the store copies its title and text into the revisions before overwriting them."""

    article_id: int
    content_hash: str
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class ArticleUpdate:
    article_id: int
    data: ArticleData
    published_at: datetime  # the new one, else the one already stored
    revision: RevisionToKeep


@dataclass(frozen=True, slots=True)
class WritePlan:
    inserts: tuple[ArticleInsert, ...] = ()
    updates: tuple[ArticleUpdate, ...] = ()
    unchanged: int = 0


def identity_key(article: ArticleData) -> str:
    """The guid, else the URL; an article with neither cannot be stored."""
    key = article.guid or article.url
    if not key:
        raise InvalidInput(
            f"article {article.title[:60]!r} has neither guid nor url", code="bad_argument"
        )
    return key


def distinct_identities(incoming: Sequence[ArticleData]) -> list[ArticleData]:
    """The batch with every article told apart: items that share a guid but have different
    links (a feed that gives every item the same id) get the guid + their link as guid, so
    none of them is dropped. Stable from one refresh to the next, and an item stored under
    the bare guid is still found by its URL. Items sharing guid *and* link stay one article
    (the last wins, see `plan_writes`)."""
    links: dict[str, set[str | None]] = {}
    for article in incoming:
        links.setdefault(article.guid, set()).add(article.url)
    if len(links) == len(incoming):
        return list(incoming)
    shared = {guid for guid, urls in links.items() if len(urls) > 1}
    return [
        replace(a, guid=f"{a.guid} {a.url}") if a.guid in shared and a.url else a for a in incoming
    ]


def lookup_keys(incoming: Sequence[ArticleData]) -> tuple[set[str], set[str]]:
    """The guids and URLs the store must look up to build `existing`."""
    guids = {identity_key(a) for a in incoming}
    urls = {a.url for a in incoming if a.url}
    return guids, urls


def plan_writes(
    existing: Mapping[str, ExistingArticle],
    incoming: Sequence[ArticleData],
    now: datetime,
) -> WritePlan:
    """Decide the writes for one batch. `existing` maps guid → stored article (it may hold
    articles found by URL only). Duplicates in the batch (same guid, or resolving to the
    same stored article) collapse to the last one."""
    by_url = {e.url: e for e in existing.values() if e.url}
    latest: dict[str | int, ArticleData] = {}
    matched: dict[int, ExistingArticle] = {}
    for article in incoming:
        key = identity_key(article)
        found = existing.get(key) or (by_url.get(article.url) if article.url else None)
        if found is None:
            latest.pop(key, None)  # keep batch order of the last occurrence
            latest[key] = article
        else:
            matched[found.id] = found
            latest.pop(found.id, None)
            latest[found.id] = article
    return _plan(latest, matched, now)


def _plan(
    latest: Mapping[str | int, ArticleData], matched: Mapping[int, ExistingArticle], now: datetime
) -> WritePlan:
    inserts: list[ArticleInsert] = []
    updates: list[ArticleUpdate] = []
    unchanged = 0
    for key, article in latest.items():
        old = matched.get(key) if isinstance(key, int) else None
        if old is None:
            inserts.append(ArticleInsert(article, article.published_at or now))
        elif old.content_hash == article.content_hash:
            unchanged += 1
        else:
            updates.append(_update(old, article, now))
    return WritePlan(tuple(inserts), tuple(updates), unchanged)


def _update(old: ExistingArticle, article: ArticleData, now: datetime) -> ArticleUpdate:
    revision = RevisionToKeep(old.id, old.content_hash, now)
    return ArticleUpdate(old.id, article, article.published_at or old.published_at, revision)
