"""store.articles.save and the article lists, on the real database of this run (SQLite or
PostgreSQL). `article()` builds ArticleData for the other store tests too."""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from newsfeed.errors import BadCursor, InvalidInput, NotFound
from newsfeed.model import ArticleData, Author, Image
from newsfeed.store.sqlstore import SqlStore
from tests.queries import list_items

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def article(n: int | str, **changes: Any) -> ArticleData:
    """An article of the invented outlet; published n hours before NOW unless given."""
    title = changes.pop("title", f"Harbour council votes on ferry plan {n}")
    text = changes.pop("text", f"The council of Port Wendle met on Tuesday ({n}) to vote.")
    hours = n if isinstance(n, int) else 0
    values: dict[str, Any] = {
        "guid": f"urn:wendle:{n}",
        "url": f"https://wendle-gazette.test/news/{n}",
        "title": title,
        "dek": f"Summary {n}",
        "content_html": f"<p>{text}</p>",
        "text": text,
        "language": "en",
        "published_at": NOW - timedelta(hours=hours),
        "updated_at": None,
        "word_count": len(text.split()),
        "reading_minutes": 1,
        "content_hash": hashlib.sha256(f"{title}\n{text}".encode()).hexdigest(),
    }
    values.update(changes)
    return ArticleData(**values)


@pytest.fixture
def source_id(store: SqlStore) -> int:
    return store.sources.add("https://wendle-gazette.test/feed", title="Wendle Gazette", now=NOW).id


def b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode("latin-1")).decode()


def ids(page: Any) -> list[int]:
    return [a.id for a in page.items]


# ── save: new, unchanged, changed ─────────────────────────────────────────────────────
def test_save_new_then_read_back(store: SqlStore, source_id: int) -> None:
    image = Image("https://wendle-gazette.test/p.jpg", "The harbour", "AFP via Getty Images")
    result = store.articles.save(
        source_id,
        [article(1, image=image, field_sources=(("title", "jsonld"),)), article(2)],
        now=NOW,
    )
    assert (result.new, result.updated, result.unchanged) == (2, 0, 0)
    view = store.articles.get(result.new_ids[0])
    assert view.title == "Harbour council votes on ferry plan 1"
    assert view.source_title == "Wendle Gazette"
    assert view.image == image
    assert view.published_at == NOW - timedelta(hours=1)
    assert view.fetched_at == NOW
    assert view.slug == "harbour-council-votes-on-ferry-plan-1"
    assert view.field_sources == (("title", "jsonld"),)
    assert store.articles.count() == 2
    assert store.sources.get(source_id).article_count == 2


def test_unchanged_article_is_not_written(store: SqlStore, source_id: int) -> None:
    (new_id,) = store.articles.save(source_id, [article(1)], now=NOW).new_ids
    before = store.articles.get(new_id)
    later = NOW + timedelta(hours=5)
    result = store.articles.save(source_id, [article(1)], now=later)
    assert (result.new, result.updated, result.unchanged) == (0, 0, 1)
    after = store.articles.get(new_id)
    assert after.fetched_at == before.fetched_at == NOW
    assert after.updated_at == before.updated_at
    assert after.revision_count == 0 and after.revisions == ()


def test_changed_article_keeps_its_earlier_version(store: SqlStore, source_id: int) -> None:
    (new_id,) = store.articles.save(source_id, [article(1)], now=NOW).new_ids
    t1, t2 = NOW + timedelta(hours=1), NOW + timedelta(hours=2)
    changed = article(1, title="Council delays ferry vote", text="The vote was delayed.")
    assert store.articles.save(source_id, [changed], now=t1).updated == 1
    again = article(1, title="Ferry plan approved", text="Approved at last.")
    assert store.articles.save(source_id, [again], now=t2).updated == 1
    view = store.articles.get(new_id)
    assert view.title == "Ferry plan approved"
    assert view.fetched_at == t2 and view.updated_at == t2
    assert view.revision_count == 2
    assert [r.title for r in view.revisions] == [
        "Council delays ferry vote",
        "Harbour council votes on ferry plan 1",
    ]
    assert view.revisions[1].text == article(1).text
    assert view.revisions[1].content_hash == article(1).content_hash
    assert view.revisions[0].recorded_at == t2
    assert store.articles.count() == 1


def test_guid_falls_back_to_url(store: SqlStore, source_id: int) -> None:
    (new_id,) = store.articles.save(source_id, [article(1)], now=NOW).new_ids
    renamed = article(1, guid="tag:wendle,2025:other-id", title="Harbour vote, updated")
    result = store.articles.save(source_id, [renamed], now=NOW + timedelta(hours=1))
    assert (result.new, result.updated) == (0, 1)
    assert store.articles.get(new_id).title == "Harbour vote, updated"
    assert store.articles.count() == 1


def test_duplicates_in_one_batch_collapse_to_the_last(store: SqlStore, source_id: int) -> None:
    batch = [article(1, title="First take"), article(1, title="Final take")]
    result = store.articles.save(source_id, batch, now=NOW)
    assert result.new == 1
    assert store.articles.get(result.new_ids[0]).title == "Final take"


def test_unpublished_article_is_dated_when_first_seen(store: SqlStore, source_id: int) -> None:
    (new_id,) = store.articles.save(source_id, [article(1, published_at=None)], now=NOW).new_ids
    assert store.articles.get(new_id).published_at == NOW
    changed = article(1, published_at=None, title="Edited")
    store.articles.save(source_id, [changed], now=NOW + timedelta(days=1))
    assert store.articles.get(new_id).published_at == NOW  # first seen, not last seen


def test_times_come_back_as_utc(store: SqlStore, source_id: int) -> None:
    paris = timezone(timedelta(hours=1))
    local = datetime(2025, 3, 1, 9, 30, tzinfo=paris)
    (new_id,) = store.articles.save(source_id, [article(1, published_at=local)], now=NOW).new_ids
    published = store.articles.get(new_id).published_at
    assert published == local and published.utcoffset() == timedelta(0)


def test_save_to_unknown_source_is_not_found(store: SqlStore) -> None:
    with pytest.raises(NotFound):
        store.articles.save(999, [article(1)], now=NOW)


def test_article_without_identity_is_rejected(store: SqlStore, source_id: int) -> None:
    with pytest.raises(InvalidInput):
        store.articles.save(source_id, [article(1, guid="", url=None)], now=NOW)
    assert store.articles.count() == 0


def test_same_guid_in_two_sources_is_two_articles(store: SqlStore, source_id: int) -> None:
    other = store.sources.add("https://other.test/feed", now=NOW).id
    store.articles.save(source_id, [article(1)], now=NOW)
    assert store.articles.save(other, [article(1)], now=NOW).new == 1
    assert store.articles.count() == 2


def test_changed_image_replaces_the_old_one(store: SqlStore, source_id: int) -> None:
    first = Image("https://wendle-gazette.test/a.jpg", credit="Staff")
    (new_id,) = store.articles.save(source_id, [article(1, image=first)], now=NOW).new_ids
    second = Image("https://wendle-gazette.test/b.jpg", caption="New angle", width=800)
    store.articles.save(source_id, [article(1, title="New", image=second)], now=NOW)
    assert store.articles.get(new_id).image == second


# ── authors and tags ──────────────────────────────────────────────────────────────────
def test_authors_are_shared_and_enriched(store: SqlStore, source_id: int) -> None:
    plain = Author("Mira  Okafor")
    rich = Author(
        "Mira Okafor", role="Reporter", bio="Covers the harbour.", avatar_url="https://w.test/m.jpg"
    )
    store.articles.save(source_id, [article(1, authors=(plain,))], now=NOW)
    store.articles.save(source_id, [article(2, authors=(rich, Author("Tomas Reyes")))], now=NOW)
    author = store.authors.get("mira-okafor")
    assert author.name == "Mira Okafor"
    assert (author.role, author.bio, author.avatar_url) == (
        "Reporter",
        "Covers the harbour.",
        "https://w.test/m.jpg",
    )
    assert author.article_count == 2 and author.source_title == "Wendle Gazette"
    store.articles.save(source_id, [article(3, authors=(plain,))], now=NOW)
    assert store.authors.get("mira-okafor").bio == "Covers the harbour."  # not blanked
    page = list_items(store, author_slug="mira-okafor")
    assert len(page.items) == 3
    assert {a.authors[0].id for a in page.items} == {author.id}
    second = list_items(store, author_slug="tomas-reyes").items[0]
    assert [a.name for a in second.authors] == ["Mira Okafor", "Tomas Reyes"]  # byline order


def test_same_name_at_another_outlet_gets_its_own_slug(store: SqlStore, source_id: int) -> None:
    other = store.sources.add("https://north-star.test/rss", title="North Star", now=NOW).id
    store.articles.save(source_id, [article(1, authors=(Author("Jane Doe"),))], now=NOW)
    store.articles.save(other, [article(1, authors=(Author("Jane Doe"),))], now=NOW)
    assert store.authors.get("jane-doe").source_id == source_id
    assert store.authors.get("jane-doe-north-star").source_id == other  # told apart by outlet
    assert len(store.authors.all()) == 2
    with pytest.raises(NotFound):
        store.authors.get("jane-doe-2")


def test_a_byline_whose_every_choice_is_taken_is_numbered(store: SqlStore) -> None:
    first = store.sources.add("https://first.test/feed", now=NOW).id
    later = store.sources.add("https://outlet9.test/feed", now=NOW).id
    names = ("Staff", "Staff Outlet9 Test", f"Staff Outlet9 Test {later}")
    store.articles.save(first, [article(1, authors=tuple(map(Author, names)))], now=NOW)
    store.articles.save(later, [article(1, authors=(Author("Staff"),))], now=NOW)
    assert store.authors.get("staff-2").source_id == later


def test_tags_are_shared_counted_and_relinked(store: SqlStore, source_id: int) -> None:
    store.articles.save(
        source_id,
        [article(1, tags=("Ferries", "Port Wendle")), article(2, tags=("ferries",))],
        now=NOW,
    )
    assert store.tags.get("ferries").article_count == 2
    assert store.tags.get("port-wendle").name == "Port Wendle"
    assert [t.slug for t in store.tags.top()] == ["ferries", "port-wendle"]
    store.articles.save(source_id, [article(2, title="Retagged", tags=("Weather",))], now=NOW)
    assert store.tags.get("ferries").article_count == 1
    assert [a.title for a in list_items(store, tag_slug="weather").items] == ["Retagged"]
    assert [t.slug for t in store.tags.top(limit=1)] in (["ferries"], ["port-wendle"], ["weather"])
    with pytest.raises(NotFound):
        store.tags.get("no-such-tag")


def test_removing_a_source_removes_its_articles_and_counts(store: SqlStore, source_id: int) -> None:
    store.articles.save(
        source_id, [article(1, tags=("Ferries",), authors=(Author("A B"),))], now=NOW
    )
    store.sources.remove(source_id)
    assert store.articles.count() == 0
    assert list_items(store).items == ()
    assert store.tags.top() == []
    assert store.authors.all() == []


# ── lists: keyset pages ──────────────────────────────────────────────────────────────
def test_pages_have_no_duplicates_or_gaps_while_newer_arrive(
    store: SqlStore, source_id: int
) -> None:
    store.articles.save(source_id, [article(n) for n in range(1, 26)], now=NOW)
    expected = ids(list_items(store, limit=100))
    seen: list[int] = []
    page = list_items(store, limit=10)
    fresh = 0
    while True:
        seen += ids(page)
        if page.next_cursor is None:
            break
        fresh += 1  # newer articles (published after everything) land between pages
        store.articles.save(
            source_id,
            [article(f"new{fresh}", published_at=NOW + timedelta(minutes=fresh))],
            now=NOW,
        )
        page = list_items(store, limit=10, cursor=page.next_cursor)
    assert seen == expected
    assert len(seen) == len(set(seen)) == 25


def test_older_article_arriving_mid_walk_is_not_skipped(store: SqlStore, source_id: int) -> None:
    store.articles.save(source_id, [article(n) for n in range(1, 11)], now=NOW)
    page = list_items(store, limit=5)
    (old_id,) = store.articles.save(source_id, [article(500)], now=NOW).new_ids
    rest = list_items(store, limit=50, cursor=page.next_cursor)
    assert ids(rest)[-1] == old_id and len(rest.items) == 6
    assert rest.next_cursor is None


def test_ties_on_published_at_page_by_id(store: SqlStore, source_id: int) -> None:
    batch = [article(f"t{n}", published_at=NOW) for n in range(7)]
    store.articles.save(source_id, batch, now=NOW)
    first = list_items(store, limit=3)
    second = list_items(store, limit=3, cursor=first.next_cursor)
    third = list_items(store, limit=3, cursor=second.next_cursor)
    walked = ids(first) + ids(second) + ids(third)
    assert walked == sorted(walked, reverse=True) and len(set(walked)) == 7
    assert third.next_cursor is None


def test_list_filters(store: SqlStore, source_id: int) -> None:
    other = store.sources.add("https://north-star.test/rss", title="North Star", now=NOW).id
    jane = (Author("Jane Doe"),)
    store.articles.save(
        source_id,
        [
            article(1, authors=jane, tags=("Ferries",)),
            article(2, authors=jane),
            article(3, tags=("Ferries",)),
        ],
        now=NOW,
    )
    (elsewhere,) = store.articles.save(other, [article(4, tags=("Ferries",))], now=NOW).new_ids
    assert len(list_items(store, source_id=source_id).items) == 3
    assert ids(list_items(store, source_id=other)) == [elsewhere]
    assert [a.title[-1] for a in list_items(store, author_slug="jane-doe").items] == ["1", "2"]
    assert [a.title[-1] for a in list_items(store, tag_slug="ferries").items] == ["1", "3", "4"]
    both = list_items(store, author_slug="jane-doe", tag_slug="ferries")
    assert [a.title[-1] for a in both.items] == ["1"]
    tagged_here = list_items(store, tag_slug="ferries", source_id=other)
    assert ids(tagged_here) == [elsewhere]
    first = list_items(store, author_slug="jane-doe").items[0]
    others = list_items(store, author_slug="jane-doe", exclude_id=first.id)
    assert first.id not in ids(others) and len(others.items) == 1
    assert list_items(store, author_slug="nobody").items == ()
    assert list_items(store, tag_slug="nothing").items == ()


def test_filtered_lists_page_by_keyset(store: SqlStore, source_id: int) -> None:
    jane = (Author("Jane Doe"),)
    store.articles.save(
        source_id, [article(n, authors=jane, tags=("X",)) for n in range(1, 8)], now=NOW
    )
    for key in ({"author_slug": "jane-doe"}, {"tag_slug": "x"}, {"source_id": source_id}):
        walked: list[int] = []
        page = list_items(store, limit=3, **key)
        walked += ids(page)
        while page.next_cursor:
            page = list_items(store, limit=3, cursor=page.next_cursor, **key)
            walked += ids(page)
        assert walked == ids(list_items(store, limit=50)), key


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage!",
        "",
        "x" * 500,
        "\u00e9\u00e9",
        b64("a:1"),  # too few parts
        b64("s:1"),  # a search cursor
        b64("a:99999999999999999999999:1"),  # out of range time
        b64("a:12:x"),
        b64("\xff\xfe"),
    ],
)
def test_bad_cursor(store: SqlStore, cursor: str) -> None:
    with pytest.raises(BadCursor) as info:
        list_items(store, cursor=cursor)
    assert info.value.code == "bad_cursor"


def test_bad_limit_is_invalid_input(store: SqlStore) -> None:
    with pytest.raises(InvalidInput):
        list_items(store, limit=0)


def test_get_article_not_found(store: SqlStore) -> None:
    with pytest.raises(NotFound):
        store.articles.get(12345)


def test_existing_guids(store: SqlStore, source_id: int) -> None:
    store.articles.save(source_id, [article(1), article(2)], now=NOW)
    other = store.sources.add("https://other.test/feed", now=NOW).id
    asked = ["urn:wendle:1", "urn:wendle:2", "urn:wendle:3"]
    assert store.articles.known_guids(source_id, asked) == {"urn:wendle:1", "urn:wendle:2"}
    assert store.articles.known_guids(other, asked) == set()
    assert store.articles.known_guids(source_id, []) == set()


def test_one_byline_at_many_outlets_gets_unique_slugs(store: SqlStore) -> None:
    """ "Staff" at many outlets: the first is staff, the others are told apart by their
    outlet; when even that is taken (two untitled feeds on one host), the source's id."""
    for n in range(4):
        src = store.sources.add(f"https://outlet{n}.test/feed", now=NOW)
        store.articles.save(src.id, [article(n, authors=(Author("Staff"),))], now=NOW)
    slugs = sorted(a.slug for a in store.authors.all())
    assert slugs == ["staff", "staff-outlet1-test", "staff-outlet2-test", "staff-outlet3-test"]
    # a source whose outlet slug collides with an author slug already there
    src = store.sources.add("https://www.outlet1.test/other", now=NOW)
    store.articles.save(src.id, [article(9, authors=(Author("Staff"),))], now=NOW)
    slugs = [a.slug for a in store.authors.all()]
    assert len(slugs) == len(set(slugs)) == 5
    assert f"staff-outlet1-test-{src.id}" in slugs
