"""The raw-cursor read path (`store/fastpath.py`) gives exactly what SQLAlchemy's own
execution of the same statement gives, for every statement a broad workload runs through
it, on the database under test: every combination of list filters, both orders, both loads,
with and without a cursor, search, single articles, authors, tags and sources."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from itertools import combinations
from typing import Any

import pytest
import sqlalchemy as sa

from newsfeed.model import (
    ArticleData,
    ArticleItem,
    ArticleQuery,
    ArticleSummary,
    Author,
    Image,
    SourceEdit,
    StoryAssignment,
)
from newsfeed.store import fastpath
from newsfeed.store.cursors import encode_list_cursor
from newsfeed.store.filters import CLAUSES
from newsfeed.store.lists import _STATEMENTS

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


def _article(i: int) -> ArticleData:
    return ArticleData(
        guid=f"g{i}",
        url=f"https://harbor.example/{i}",
        title=f"Harbor flood barrier report {i}",
        dek="The barrier held" if i % 2 else None,
        content_html=f"<p>Flood water reached the barrier, part {i}.</p>",
        text=f"Flood water reached the barrier, part {i}.",
        language="en",
        published_at=NOW - timedelta(hours=i),
        updated_at=NOW if i % 3 == 0 else None,
        word_count=7,
        reading_minutes=1,
        content_hash=f"h{i}",
        authors=(Author("Ada Brook", role="Reporter", bio="Covers the coast."),)
        + ((Author("Cy Dune"),) if i % 2 else ()),
        image=Image(f"https://harbor.example/{i}.jpg", caption="The barrier", credit="Staff")
        if i % 2
        else None,
        tags=("Weather", "Harbor") if i % 2 else ("Weather",),
        field_sources=(("title", "feed"), ("content", "feed")),
    )


@pytest.fixture
def recorded(store: Any) -> Iterator[list[tuple[sa.Select[Any], dict[str, Any]]]]:
    source = store.sources.add("https://harbor.example/feed", title="Harbor Ledger", now=NOW)
    store.articles.save(source.id, [_article(i) for i in range(12)], now=NOW)
    revised = replace(_article(0), title="Harbor flood barrier holds", content_hash="h0b")
    store.articles.save(source.id, [revised], now=NOW + timedelta(hours=1))  # a revision
    story = [StoryAssignment(article_id=i, story_key=1, new_story=i == 1) for i in range(1, 7)]
    store.stories.assign(story)  # story 1: articles 1-6
    fastpath.RECORDED = []
    try:
        yield fastpath.RECORDED
    finally:
        fastpath.RECORDED = None


def _workload(store: Any) -> None:
    values = {
        "source_id": 1,
        "author_slug": "ada-brook",
        "tag_slug": "weather",
        "exclude_id": 2,
        "story_id": 1,
        "since": NOW - timedelta(hours=8),
        "until": NOW,
        "language": "en",
    }
    assert set(values) == set(CLAUSES), "give every filter a value here"
    names = list(CLAUSES)
    for size in range(len(names) + 1):
        for chosen in combinations(names, size):
            filters = {name: values[name] for name in chosen}
            for load in (ArticleSummary, ArticleItem):
                for order in ("newest", "oldest"):
                    edge = NOW + timedelta(days=1) if order == "newest" else NOW - timedelta(days=9)
                    for cursor in (None, encode_list_cursor(edge, 1, order)):
                        query = ArticleQuery(
                            load=load, order=order, limit=3, cursor=cursor, **filters
                        )
                        store.articles.page(query)
            for load in (ArticleSummary, ArticleItem):
                store.articles.search(ArticleQuery(load=load, text="flood", limit=2, **filters))
    store.articles.get(1)
    store.authors.get("ada-brook")
    store.authors.all()
    store.tags.get("weather")
    store.tags.top(limit=5)
    store.sources.get(1)
    store.sources.find("https://harbor.example/feed")
    store.sources.all()
    store.sources.edit(1, SourceEdit(title="Harbor Ledger"))


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_plain(v) for v in value)
    return value


def test_every_fast_statement_matches_sqlalchemy(store: Any, recorded: list[Any]) -> None:
    _workload(store)
    calls = list(recorded)
    fastpath.RECORDED = None  # the comparison's own calls are not part of the workload
    assert len(calls) > 300
    list_statements = {id(s) for s in _STATEMENTS.values()}
    assert list_statements <= {id(statement) for statement, _ in calls}
    compared = 0
    with store.engine.connect() as conn:
        for statement, params in calls:
            ids = params.get("ids")
            bound = statement.params(ids=ids) if ids is not None else statement
            others = {k: v for k, v in params.items() if k != "ids"}
            expected = [tuple(_plain(v) for v in row) for row in conn.execute(bound, others)]
            names, rows = fastpath.fetch_rows(conn, statement, dict(params))
            got = [tuple(_plain(v) for v in row) for row in rows]
            assert got == expected, statement
            assert names == tuple(bound.selected_columns.keys())
            compared += 1
            conn.rollback()
    assert compared == len(calls)
