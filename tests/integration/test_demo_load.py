"""`load_demo` into a real store (SQLite or PostgreSQL) through the real ingest path:
fetcher → parsers / extractor → store, against the DemoServer on 127.0.0.1."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from newsfeed.demo import STATIC_DIR, DemoReport, load_corpus, load_demo
from newsfeed.settings import Settings
from newsfeed.store.api import Store
from tests.queries import list_items, search_items

NOW = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)


async def test_load_demo(store: Store, settings: Settings) -> None:
    """One load (about 3 s), every promise checked on it."""
    report = await load_demo(store, settings.replace(allow_private_addresses=False), now=NOW)
    check_sources(report, store)
    check_authors(store)
    check_images(store)
    check_revisions(report, store)
    check_events(store)
    check_search(store)


def all_articles(store: Store) -> list:  # type: ignore[type-arg]
    return list(list_items(store, limit=500).items)


def check_sources(loaded: DemoReport, store: Store) -> None:
    assert loaded.errors == ()
    assert loaded.sources >= 6 and loaded.articles >= 72
    sources = store.sources.all()
    assert len(sources) == loaded.sources
    assert all(s.last_error_code is None and s.article_count >= 1 for s in sources)
    assert not any(s.enabled for s in sources)  # their server is gone
    assert loaded.not_modified >= 1  # unchanged feeds answered 304 in phase 2


def check_authors(store: Store) -> None:
    every = store.authors.all()
    complete = [a for a in every if a.role and a.bio and a.avatar_url]
    # feeds name most of them only; the rest comes from their profile pages (author lookups)
    assert len(every) >= 14 and complete == every
    assert {"City Hall Reporter", "Health Reporter"} <= {a.role for a in complete}


def check_images(store: Store) -> None:
    articles = all_articles(store)
    with_image = [a for a in articles if a.image and a.image.caption and a.image.credit]
    assert len(with_image) >= 0.75 * len(articles)
    for article in with_image:
        path = PurePosixPath(urlsplit(article.image.url).path)
        assert str(path.parent) == "/static/demo", article.image.url
        assert (STATIC_DIR / path.name).is_file()


def check_revisions(loaded: DemoReport, store: Store) -> None:
    revised = [a for a in all_articles(store) if a.revision_count]
    assert len(revised) >= 3 and loaded.updated >= 3
    detail = store.articles.get(next(a.id for a in revised if "4.00%" in a.title))
    assert "4.25%" in detail.revisions[0].title


def check_events(store: Store) -> None:
    events = load_corpus().events().values()
    names = [set.intersection(*(set(a.tags) for a in arts)).pop() for arts in events]
    tags = {t.name: t.slug for t in store.tags.top(limit=500)}
    covered = 0
    for name in names:
        page = list_items(store, tag_slug=tags[name], limit=100)
        covered += len({a.source_id for a in page.items}) >= 3
    assert covered >= 6


def check_search(store: Store) -> None:
    hits = search_items(store, "hedgehog").items
    assert [h.article.title for h in hits][:1] == [
        "Dunmore school team wins national robotics prize with a litter-picking robot"
    ]


async def test_loading_again_on_the_same_port_reuses_the_sources(
    store: Store, settings: Settings
) -> None:
    loaded = await load_demo(store, settings, now=NOW)
    again = await load_demo(store, settings, now=NOW, port=urlsplit(loaded.base_url).port or 0)
    assert again.errors == ()
    assert (again.sources, again.articles, again.new) == (loaded.sources, loaded.articles, 0)
