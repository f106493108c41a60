"""Stories through the real pipeline (local HTTP server, fetcher, parser, store on SQLite or
PostgreSQL, grouping on a worker thread): the same event from three outlets in different
words is one story; a wire copy republished word for word is a near-duplicate in that
story; another fire the same day elsewhere is its own story; a strike over three days stays
one story; attributions and names are stored per article; the grouper's state survives a
restart; the story filter, top stories and the counts shown in lists."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from datetime import timedelta

import pytest

from newsfeed.errors import NotFound
from newsfeed.model import ArticleQuery, ArticleSummary
from newsfeed.store.sqlstore import SqlStore
from newsfeed.update import stories as update_stories
from newsfeed.update.service import add_source, refresh_sources
from tests.integration.test_stories_corpus import DAY, OUTLETS, gold, rss
from tests.queries import list_items

NOW = DAY + timedelta(days=3)


@pytest.fixture
def settings(settings):
    return settings.replace(author_lookups=False)


def load(store, settings, server) -> dict[str, int]:
    """Serve and refresh the three outlets; returns guid → article id."""
    for outlet in OUTLETS:  # one at a time: the courier's reports arrive first
        url = server.route(
            f"/{outlet}.rss", body=rss(outlet), headers={"Content-Type": "application/rss+xml"}
        )
        source = asyncio.run(add_source(store, settings, url, full_text="never", now=DAY))
        (result,) = asyncio.run(refresh_sources(store, settings, [source.id], now=NOW))
        assert result.ok, result.summary
    return {a.guid: a.id for a in list_items(store, limit=200).items}


def story_of(store) -> dict[str, int | None]:
    items = list_items(store, limit=200).items
    return {a.guid: a.story_id for a in items}


def test_events_become_stories(store, settings, server) -> None:
    load(store, settings, server)
    stories = story_of(store)
    assert None not in stories.values()
    by_event: dict[str, set[int | None]] = defaultdict(set)
    for guid, event in gold().items():
        by_event[event].add(stories[guid])
    # each event is one story, and different events are different stories (the two fires
    # of the same day included)
    assert all(len(ids) == 1 for ids in by_event.values()), by_event
    assert len({next(iter(ids)) for ids in by_event.values()}) == len(by_event)


def test_story_rows_count_articles_and_outlets(store, settings, server) -> None:
    ids = load(store, settings, server)
    mill = store.stories.get(story_of(store)["c-mill-1"])
    assert (mill.article_count, mill.outlet_count) == (3, 3)
    assert mill.title == "Fire destroys Halvorsen timber mill in Brackwater"  # the first
    strike = store.stories.get(story_of(store)["c-strike-1"])
    assert (strike.article_count, strike.outlet_count) == (3, 2)
    assert strike.last_seen - strike.first_seen == timedelta(hours=48)
    page = store.articles.page(ArticleQuery(load=ArticleSummary, story_id=mill.id))
    assert {a.id for a in page.items} == {ids["c-mill-1"], ids["p-mill-1"], ids["h-mill-1"]}
    assert all(a.story_outlets == 3 for a in page.items)


def test_wire_copy_is_a_near_duplicate(store, settings, server) -> None:
    ids = load(store, settings, server)
    items = {a.guid: a for a in list_items(store, limit=200).items}
    first, copy = items["p-air-1"], items["h-air-1"]
    assert first.story_id == copy.story_id
    assert first.duplicate_of is None
    assert copy.duplicate_of == ids["p-air-1"]
    # articles of one event in their own words are not near-duplicates
    assert items["p-mill-1"].duplicate_of is None and items["h-mill-1"].duplicate_of is None


def test_attributions_and_names_are_kept_per_article(store, settings, server) -> None:
    """Kept for the articles that joined a story (a story's first article has them found
    when its page is shown: tests/integration/test_stories_web.py)."""
    ids = load(store, settings, server)
    asked = [ids[g] for g in ("h-air-1", "h-depot-1", "p-mill-1", "c-mill-1")]
    wire, depot, post_mill = store.stories.notes(asked)  # c-mill-1 started its story
    assert "Meridian Press Agency" in {a.source for a in wire.attributions}
    sentence = next(a.sentence for a in wire.attributions if a.source == "Meridian Press Agency")
    assert sentence.startswith("Kessling Airways grounded its entire fleet")
    assert "Quillon fire brigade" in {a.source for a in depot.attributions}
    assert "Northshore Post" in {a.source for a in post_mill.attributions}
    people = {n.text for n in post_mill.names if n.kind == "person"}
    assert {"Tomas Ebbeson", "Sigrun Halvorsen"} <= people


def test_top_stories_rank_by_outlets(store, settings, server) -> None:
    load(store, settings, server)
    top = store.stories.top(hours=24 * 7, limit=10)
    assert top[0].title == "Fire destroys Halvorsen timber mill in Brackwater"
    assert top[0].recent_outlets == 3
    assert [s.recent_outlets for s in top] == sorted((s.recent_outlets for s in top), reverse=True)
    # a window that holds only the strike's last day: only the stories covered then
    (last,) = store.stories.top(hours=1, limit=10)
    assert last.title.startswith("Dockers walk out")


def test_a_restart_keeps_live_stories(store, settings, server, database_url) -> None:
    """A new process (a new store object: a grouper loaded from the saved state) puts a
    later article of a live story into that story."""
    load(store, settings, server)
    mill = story_of(store)["c-mill-1"]
    assert store.stories.load_state() is not None
    other = SqlStore(database_url)
    try:
        assert update_stories.grouping_for(other).grouper is None
        url = server.route(
            "/late.rss",
            body=_late_feed(),
            headers={"Content-Type": "application/rss+xml"},
        )
        source = asyncio.run(add_source(other, settings, url, full_text="never", now=DAY))
        asyncio.run(refresh_sources(other, settings, [source.id], now=NOW))
        late = next(a for a in list_items(other, source_id=source.id).items)
        assert late.story_id == mill
        assert other.stories.get(mill).outlet_count == 4
    finally:
        other.close()


def _late_feed() -> bytes:
    text = (
        "Brackwater fire investigators said on Tuesday that the blaze at the Halvorsen timber "
        "mill started in the drying sheds. Fire chief Tomas Ebbeson said the sawmill fire was "
        "not suspicious. Sigrun Halvorsen said the family would rebuild the Brackwater mill "
        "and keep paying its ninety workers."
    )
    when = "Tue, 13 Oct 2026 09:00:00 GMT"
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Fenlight Gazette</title>'
        "<link>https://gazette.example/</link><description>x</description><item>"
        "<guid>g-mill-2</guid><title>Halvorsen mill fire began in drying sheds</title>"
        f"<link>https://gazette.example/mill</link><pubDate>{when}</pubDate>"
        f"<description>&lt;p&gt;{text}&lt;/p&gt;</description></item></channel></rss>"
    ).encode()


def test_unknown_story_is_not_found(store) -> None:
    with pytest.raises(NotFound):
        store.stories.get(12345)
    with pytest.raises(NotFound):
        store.stories.get(0)
    assert store.stories.top(limit=5) == []
    assert store.articles.page(ArticleQuery(load=ArticleSummary, story_id=2**40)).items == ()
