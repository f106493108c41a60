"""The read path's contract details: what a list item carries, ids no row can have, and
the bounded search (newest matches only, snippets for every hit of every page)."""

from __future__ import annotations

import base64
from datetime import timedelta

import pytest

from newsfeed.errors import BadCursor, NotFound
from newsfeed.model import Author, Image
from newsfeed.store import search as search_module
from newsfeed.store.sqlstore import SqlStore
from tests.integration.test_store_articles import NOW, article

HUGE = 2**40  # beyond PostgreSQL's integer
IMAGE = Image("https://wendle-gazette.test/p.jpg", "The quay", "Staff", "Quay", 800, 600)


@pytest.fixture
def source_id(store: SqlStore) -> int:
    return store.add_source("https://wendle-gazette.test/feed", title="Wendle Gazette", now=NOW).id


def test_list_items_leave_out_text_but_keep_what_lists_show(
    store: SqlStore, source_id: int
) -> None:
    saved = article(
        1,
        image=IMAGE,
        authors=(Author("Mira Okafor"),),
        tags=("Ferries",),
        field_sources=(("title", "jsonld"),),
    )
    (new_id,) = store.save_articles(source_id, [saved], now=NOW).new_ids
    (item,) = store.list_articles().items
    assert item.text == "" and item.field_sources == ()
    assert item.content_html == saved.content_html  # the list's Atom/RSS/JSON feeds carry it
    assert (item.title, item.dek, item.image, item.source_title) == (
        saved.title,
        saved.dek,
        IMAGE,
        "Wendle Gazette",
    )
    assert [a.slug for a in item.authors] == ["mira-okafor"]
    assert [t.slug for t in item.tags] == ["ferries"]
    full = store.get_article(new_id)
    assert full.text == saved.text and full.field_sources == (("title", "jsonld"),)
    assert full.image == IMAGE and full.revisions == ()


def test_ids_beyond_32_bits_are_not_found(store: SqlStore, source_id: int) -> None:
    store.save_articles(source_id, [article(1)], now=NOW)
    for call in (
        lambda: store.get_article(HUGE),
        lambda: store.get_article(0),
        lambda: store.get_source(HUGE),
        lambda: store.update_source(HUGE, title="x"),
        lambda: store.remove_source(HUGE),
        lambda: store.save_articles(HUGE, [article(2)], now=NOW),
    ):
        with pytest.raises(NotFound):
            call()
    assert store.list_articles(source_id=HUGE).items == ()
    assert len(store.list_articles(exclude_id=HUGE).items) == 1
    assert store.search("council", source_id=HUGE).items == ()
    assert store.existing_guids(HUGE, ["urn:wendle:1"]) == set()
    store.update_sources([(HUGE, {"title": "x"}), (source_id, {"title": "Renamed"})])
    assert store.get_source(source_id).title == "Renamed"


def test_cursor_naming_an_impossible_id_is_bad(store: SqlStore) -> None:
    cursor = base64.urlsafe_b64encode(f"a:0:{HUGE}".encode()).decode()
    with pytest.raises(BadCursor):
        store.list_articles(cursor=cursor)


def test_search_ranks_only_the_newest_candidates(
    store: SqlStore, source_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    older = article("old", title="Ferry ferry ferry", text="Ferry ferry ferry ferry.")
    store.save_articles(source_id, [older], now=NOW)
    newer = [article(n, text=f"A ferry note {n}.") for n in range(1, 5)]
    new_ids = store.save_articles(source_id, newer, now=NOW).new_ids
    assert hit_ids(store.search("ferry"))[0] not in new_ids  # the best match, when ranked
    monkeypatch.setattr(search_module, "CANDIDATES", 3)
    capped = store.search("ferry", limit=2)
    second = store.search("ferry", limit=2, cursor=capped.next_cursor)
    assert set(hit_ids(capped) + hit_ids(second)) == set(sorted(new_ids)[-3:])
    assert second.next_cursor is None


def test_every_hit_on_every_page_has_a_marked_snippet(store: SqlStore, source_id: int) -> None:
    batch = [
        article(n, title=f"Notes {n}", text=f"Item {n}: the quay flooded again.")
        for n in range(1, 8)
    ]
    store.save_articles(source_id, batch, now=NOW)
    page = store.search("quay", limit=3)
    hits = list(page.items)
    while page.next_cursor:
        page = store.search("quay", limit=3, cursor=page.next_cursor)
        hits += page.items
    assert len(hits) == 7
    assert all("<mark>quay</mark>" in hit.snippet_html for hit in hits)


def test_search_filters_narrow_before_the_cap(
    store: SqlStore, source_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = store.add_source("https://north-star.test/rss", title="North Star", now=NOW).id
    mira = (Author("Mira Okafor"),)
    (own,) = store.save_articles(
        source_id, [article(1, text="Quay works.", authors=mira)], now=NOW
    ).new_ids
    store.save_articles(
        other,
        [article(n, text="Quay works.", published_at=NOW + timedelta(hours=n)) for n in (2, 3)],
        now=NOW,
    )
    monkeypatch.setattr(search_module, "CANDIDATES", 2)  # the two newest are North Star's
    assert hit_ids(store.search("quay", source_id=source_id)) == [own]
    assert hit_ids(store.search("quay", author_slug="mira-okafor")) == [own]
    assert hit_ids(store.search("quay", until=NOW)) == [own]


def hit_ids(page: object) -> list[int]:
    return [h.article.id for h in page.items]  # type: ignore[attr-defined]
