"""The read path's contract details: what a list item carries, ids no row can have, and
the bounded search (newest matches only, snippets for every hit of every page)."""

from __future__ import annotations

import base64
from datetime import timedelta

import pytest

from newsfeed.errors import BadCursor, NotFound, StoreError
from newsfeed.model import ArticleItem, ArticleQuery, ArticleSummary, Author, Image, SourceEdit
from newsfeed.store import search as search_module
from newsfeed.store.sqlstore import SqlStore
from newsfeed.web.marks import mark_html
from tests.integration.test_store_articles import NOW, article
from tests.integration.test_store_sources import refreshed
from tests.queries import list_items, search_items

HUGE = 2**40  # beyond PostgreSQL's integer
IMAGE = Image("https://wendle-gazette.test/p.jpg", "The quay", "Staff", "Quay", 800, 600)


@pytest.fixture
def source_id(store: SqlStore) -> int:
    return store.sources.add("https://wendle-gazette.test/feed", title="Wendle Gazette", now=NOW).id


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
    (new_id,) = store.articles.save(source_id, [saved], now=NOW).new_ids
    (item,) = list_items(store).items
    assert type(item) is ArticleItem  # no text, field_sources or revisions to carry
    assert not hasattr(item, "text") and not hasattr(item, "field_sources")
    assert item.content_html == saved.content_html  # the list's Atom/RSS/JSON feeds carry it
    assert (item.title, item.dek, item.image, item.source_title) == (
        saved.title,
        saved.dek,
        IMAGE,
        "Wendle Gazette",
    )
    assert [a.slug for a in item.authors] == ["mira-okafor"]
    assert [t.slug for t in item.tags] == ["ferries"]
    full = store.articles.get(new_id)
    assert full.text == saved.text and full.field_sources == (("title", "jsonld"),)
    assert full.image == IMAGE and full.revisions == ()


def test_lean_list_items_are_what_a_list_page_shows(store: SqlStore, source_id: int) -> None:
    saved = [
        article(n, image=IMAGE, authors=(Author("Mira Okafor"),), tags=("Ferries",))
        for n in range(1, 4)
    ]
    store.articles.save(source_id, saved, now=NOW)
    full = list_items(store, limit=2)
    lean = store.articles.page(ArticleQuery(load=ArticleSummary, limit=2))
    assert [a.id for a in lean.items] == [a.id for a in full.items]
    assert lean.next_cursor == full.next_cursor
    for thin, whole in zip(lean.items, full.items, strict=True):
        assert type(thin) is ArticleSummary  # no body, authors or tags
        assert not any(hasattr(thin, name) for name in ("content_html", "authors", "tags"))
        assert whole.authors and whole.tags and whole.content_html
        assert thin.title == whole.title and thin.image == whole.image
        assert thin.published_at == whole.published_at


def test_ids_beyond_32_bits_are_not_found(store: SqlStore, source_id: int) -> None:
    store.articles.save(source_id, [article(1)], now=NOW)
    for call in (
        lambda: store.articles.get(HUGE),
        lambda: store.articles.get(0),
        lambda: store.sources.get(HUGE),
        lambda: store.sources.edit(HUGE, SourceEdit(title="x")),
        lambda: store.sources.remove(HUGE),
        lambda: store.articles.save(HUGE, [article(2)], now=NOW),
    ):
        with pytest.raises(NotFound):
            call()
    assert list_items(store, source_id=HUGE).items == ()
    assert len(list_items(store, exclude_id=HUGE).items) == 1
    assert search_items(store, "council", source_id=HUGE).items == ()
    assert store.articles.known_guids(HUGE, ["urn:wendle:1"]) == set()
    store.sources.record([refreshed(HUGE), refreshed(source_id, error_count=4)])
    assert store.sources.get(source_id).error_count == 4


def test_cursor_naming_an_impossible_id_is_bad(store: SqlStore) -> None:
    cursor = base64.urlsafe_b64encode(f"a:0:{HUGE}".encode()).decode()
    with pytest.raises(BadCursor):
        list_items(store, cursor=cursor)


def test_search_ranks_only_the_newest_candidates(
    store: SqlStore, source_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    older = article("old", title="Ferry ferry ferry", text="Ferry ferry ferry ferry.")
    store.articles.save(source_id, [older], now=NOW)
    newer = [article(n, text=f"A ferry note {n}.") for n in range(1, 5)]
    new_ids = store.articles.save(source_id, newer, now=NOW).new_ids
    assert hit_ids(search_items(store, "ferry"))[0] not in new_ids  # the best match, when ranked
    monkeypatch.setattr(search_module, "CANDIDATES", 3)
    capped = search_items(store, "ferry", limit=2)
    second = search_items(store, "ferry", limit=2, cursor=capped.next_cursor)
    assert set(hit_ids(capped) + hit_ids(second)) == set(sorted(new_ids)[-3:])
    assert second.next_cursor is None


def test_every_hit_on_every_page_has_a_marked_snippet(store: SqlStore, source_id: int) -> None:
    batch = [
        article(n, title=f"Notes {n}", text=f"Item {n}: the quay flooded again.")
        for n in range(1, 8)
    ]
    store.articles.save(source_id, batch, now=NOW)
    page = search_items(store, "quay", limit=3)
    hits = list(page.items)
    while page.next_cursor:
        page = search_items(store, "quay", limit=3, cursor=page.next_cursor)
        hits += page.items
    assert len(hits) == 7
    assert all("<mark>quay</mark>" in mark_html(hit.snippet) for hit in hits)


def test_search_filters_narrow_before_the_cap(
    store: SqlStore, source_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = store.sources.add("https://north-star.test/rss", title="North Star", now=NOW).id
    mira = (Author("Mira Okafor"),)
    (own,) = store.articles.save(
        source_id, [article(1, text="Quay works.", authors=mira)], now=NOW
    ).new_ids
    store.articles.save(
        other,
        [article(n, text="Quay works.", published_at=NOW + timedelta(hours=n)) for n in (2, 3)],
        now=NOW,
    )
    monkeypatch.setattr(search_module, "CANDIDATES", 2)  # the two newest are North Star's
    assert hit_ids(search_items(store, "quay", source_id=source_id)) == [own]
    assert hit_ids(search_items(store, "quay", author_slug="mira-okafor")) == [own]
    assert hit_ids(search_items(store, "quay", until=NOW)) == [own]


def hit_ids(page: object) -> list[int]:
    return [h.article.id for h in page.items]  # type: ignore[attr-defined]


def test_read_values_keep_their_types(store: SqlStore, source_id: int) -> None:
    """The read path runs its SQL on the driver's cursor: values must still come back as the
    column types give them (aware UTC datetimes to the microsecond, bools, None)."""
    exact = NOW.replace(microsecond=123456)
    store.articles.save(
        source_id,
        [article(1, published_at=exact, updated_at=exact + timedelta(minutes=5)), article(2)],
        now=NOW,
    )
    first, second = list_items(store).items
    assert first.published_at == exact and first.published_at.utcoffset() == timedelta(0)
    assert first.updated_at == exact + timedelta(minutes=5)
    assert second.updated_at is None and second.published_at.microsecond == 0
    assert store.articles.get(first.id).fetched_at == first.fetched_at
    store.sources.add("https://untitled.test/feed", now=NOW)
    store.sources.edit(source_id, SourceEdit(enabled=False))
    gazette, untitled = store.sources.all()
    assert (gazette.title, gazette.enabled, untitled.title, untitled.enabled) == (
        "Wendle Gazette",
        False,
        None,
        True,
    )
    assert gazette.created_at == NOW and gazette.created_at.utcoffset() == timedelta(0)


def test_keyset_pages_meet_at_whole_and_fractional_seconds(store: SqlStore, source_id: int) -> None:
    base = NOW.replace(microsecond=0)
    times = [base - timedelta(microseconds=m) for m in (0, 1, 999_999, 1_000_000, 1_000_001)]
    saved = [article(i, published_at=t) for i, t in enumerate(times)]
    store.articles.save(source_id, saved, now=NOW)
    seen, cursor = [], None
    while True:
        page = list_items(store, cursor=cursor, limit=2)
        seen += [a.published_at for a in page.items]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen == sorted(times, reverse=True)


def test_authors_list_in_name_order_with_their_outlet(store: SqlStore, source_id: int) -> None:
    people = (Author("Zoe Brandt", role="Editor"), Author("Abel Quist"))
    store.articles.save(source_id, [article(1, authors=people)], now=NOW)
    listed = store.authors.all()
    assert [(a.name, a.role, a.source_title, a.article_count) for a in listed] == [
        ("Abel Quist", None, "Wendle Gazette", 1),
        ("Zoe Brandt", "Editor", "Wendle Gazette", 1),
    ]
    (item,) = list_items(store).items
    assert [a.name for a in item.authors] == ["Zoe Brandt", "Abel Quist"]  # byline order
    assert item.authors[0] == listed[1]


def test_a_failing_read_is_a_store_error(store: SqlStore, source_id: int) -> None:
    store.articles.save(source_id, [article(1, tags=("Ferries",))], now=NOW)
    with store.engine.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE tags RENAME TO tags_gone")
    try:
        with pytest.raises(StoreError, match="database"):
            list_items(store)
    finally:
        with store.engine.begin() as conn:
            conn.exec_driver_sql("ALTER TABLE tags_gone RENAME TO tags")
    assert [t.slug for t in list_items(store).items[0].tags] == ["ferries"]
