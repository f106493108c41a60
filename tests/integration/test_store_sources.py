"""Sources, leases, connection failures and migrations on the real database of this run."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from newsfeed.errors import AlreadyExists, InvalidInput, NotFound, StoreError
from newsfeed.model import SourceEdit, SourceUpdate
from newsfeed.store import open_store
from newsfeed.store.migrate import current_revision
from newsfeed.store.sqlstore import SqlStore

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


# ── sources ──────────────────────────────────────────────────────────────────────────
def test_add_get_find_list(store: SqlStore) -> None:
    b = store.sources.add("https://b.test/feed", title="Bravo", kind="feed", now=NOW)
    a = store.sources.add(
        "https://a.test/",
        title="Alpha",
        kind="page",
        site_url="https://a.test",
        full_text="always",
        now=NOW,
    )
    untitled = store.sources.add("https://c.test/rss", now=NOW)
    assert store.sources.get(a.id) == a
    assert (a.kind, a.full_text, a.site_url, a.enabled) == (
        "page",
        "always",
        "https://a.test",
        True,
    )
    assert a.next_fetch_at == NOW and a.created_at == NOW and a.error_count == 0
    assert store.sources.find("https://b.test/feed") == b
    assert store.sources.find("https://nowhere.test/") is None
    assert [s.id for s in store.sources.all()] == [a.id, b.id, untitled.id]


def test_add_twice_already_exists(store: SqlStore) -> None:
    store.sources.add("https://a.test/feed", now=NOW)
    with pytest.raises(AlreadyExists) as info:
        store.sources.add("https://a.test/feed", now=NOW)
    assert info.value.code == "already_exists"


@pytest.mark.parametrize(
    "kwargs", [{"kind": "podcast"}, {"full_text": "sometimes"}, {"url": ""}, {"url": "   "}]
)
def test_add_bad_input(store: SqlStore, kwargs: dict[str, str]) -> None:
    args = {"url": "https://a.test/feed", **kwargs}
    with pytest.raises(InvalidInput):
        store.sources.add(args.pop("url"), now=NOW, **args)  # type: ignore[arg-type]
    assert store.sources.all() == []


def refreshed(source_id: int, **changes: Any) -> SourceUpdate:
    """What a refresh at NOW that found nothing new would record, with these changes."""
    values: dict[str, Any] = {
        "source_id": source_id,
        "fetched_at": NOW,
        "next_fetch_at": NOW + timedelta(hours=1),
        "etag": None,
        "last_modified": None,
        "last_success_at": NOW,
        "error_count": 0,
    }
    return SourceUpdate(**(values | changes))


def test_edit_and_record(store: SqlStore) -> None:
    src = store.sources.add("https://a.test/feed", now=NOW)
    later = NOW + timedelta(minutes=30)
    edited = store.sources.edit(src.id, SourceEdit(title="Alpha", enabled=False))
    assert edited == store.sources.get(src.id)
    store.sources.record(
        [
            refreshed(
                src.id,
                etag='"v2"',
                last_modified="Sat, 01 Mar 2025 12:00:00 GMT",
                next_fetch_at=later,
                error_count=2,
                error_code="timeout",
                error="took too long",
            )
        ]
    )
    updated = store.sources.get(src.id)
    assert (updated.title, updated.etag, updated.error_count) == ("Alpha", '"v2"', 2)
    assert (updated.next_fetch_at, updated.last_error_code, updated.enabled) == (
        later,
        "timeout",
        False,
    )
    assert (updated.last_error, updated.last_fetched_at, updated.last_success_at) == (
        "took too long",
        NOW,
        NOW,
    )
    assert updated.last_modified == "Sat, 01 Mar 2025 12:00:00 GMT"


def test_edit_errors(store: SqlStore) -> None:
    a = store.sources.add("https://a.test/feed", now=NOW)
    store.sources.add("https://b.test/feed", now=NOW)
    with pytest.raises(NotFound):
        store.sources.edit(999, SourceEdit(title="x"))
    with pytest.raises(TypeError):  # an edit names only what a person may change
        SourceEdit(article_count=5)  # type: ignore[call-arg]
    with pytest.raises(InvalidInput):
        store.sources.edit(a.id, SourceEdit(full_text="maybe"))  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        store.sources.edit(a.id, SourceEdit(url="  "))
    with pytest.raises(AlreadyExists):
        store.sources.edit(a.id, SourceEdit(url="https://b.test/feed"))
    assert store.sources.get(a.id).url == "https://a.test/feed"


def test_remove_source(store: SqlStore) -> None:
    src = store.sources.add("https://a.test/feed", now=NOW)
    store.sources.remove(src.id)
    with pytest.raises(NotFound):
        store.sources.get(src.id)
    with pytest.raises(NotFound):
        store.sources.remove(src.id)


# ── leases ───────────────────────────────────────────────────────────────────────────
def test_claim_due_sources_oldest_first_and_leased(store: SqlStore) -> None:
    late = store.sources.add("https://late.test/", now=NOW - timedelta(minutes=1))
    early = store.sources.add("https://early.test/", now=NOW - timedelta(hours=1))
    future = store.sources.add("https://future.test/", now=NOW + timedelta(hours=1))
    off = store.sources.add("https://off.test/", now=NOW - timedelta(days=1))
    store.sources.edit(off.id, SourceEdit(enabled=False))
    claimed = store.sources.claim_due(now=NOW, limit=10, worker="w1", lease_s=60)
    assert [s.id for s in claimed] == [early.id, late.id]
    assert future.id not in [s.id for s in claimed]
    assert store.sources.claim_due(now=NOW, limit=10, worker="w2", lease_s=60) == []


def test_expired_lease_is_claimable_again(store: SqlStore) -> None:
    src = store.sources.add("https://a.test/", now=NOW)
    assert len(store.sources.claim_due(now=NOW, limit=5, worker="dead", lease_s=60)) == 1
    during = NOW + timedelta(seconds=59)
    assert store.sources.claim_due(now=during, limit=5, worker="w2", lease_s=60) == []
    after = NOW + timedelta(seconds=61)
    assert [s.id for s in store.sources.claim_due(now=after, limit=5, worker="w2", lease_s=60)] == [
        src.id
    ]


def test_record_releases_the_lease(store: SqlStore) -> None:
    src = store.sources.add("https://a.test/", now=NOW)
    store.sources.claim_due(now=NOW, limit=5, worker="w1", lease_s=600)
    store.sources.record([refreshed(src.id, next_fetch_at=NOW)])  # still due
    again = store.sources.claim_due(now=NOW, limit=5, worker="w2", lease_s=600)
    assert [s.id for s in again] == [src.id]


def test_two_claimers_never_get_the_same_source(store: SqlStore, database_url: str) -> None:
    for n in range(60):
        store.sources.add(f"https://s{n}.test/", now=NOW - timedelta(seconds=n))
    claims: dict[str, list[int]] = {}
    errors: list[BaseException] = []

    def work(name: str) -> None:
        mine = SqlStore(database_url)
        try:
            while batch := mine.sources.claim_due(now=NOW, limit=3, worker=name, lease_s=600):
                claims.setdefault(name, []).extend(s.id for s in batch)
        except BaseException as exc:
            errors.append(exc)
        finally:
            mine.close()

    threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    everything = [i for got in claims.values() for i in got]
    assert len(everything) == len(set(everything)) == 60


# ── lifecycle ────────────────────────────────────────────────────────────────────────
def test_upgrade_is_idempotent(store: SqlStore) -> None:
    src = store.sources.add("https://a.test/", now=NOW)
    store.upgrade()
    store.upgrade()
    assert current_revision(store.engine) == "0004"
    assert store.sources.get(src.id) == src


def test_unreachable_postgresql_is_a_store_error() -> None:
    down = open_store("postgresql+psycopg://newsfeed:secret@127.0.0.1:9/nothing")
    with pytest.raises(StoreError) as info:
        down.sources.all()
    assert info.value.code == "store_error"
    assert "127.0.0.1:9" in str(info.value) and "secret" not in str(info.value)
    with pytest.raises(StoreError):
        down.upgrade()
    assert "secret" not in down.url
    down.close()


def test_unmigrated_database_is_a_store_error(tmp_path: Path) -> None:
    empty = open_store(f"sqlite:///{tmp_path}/empty.sqlite3")
    with pytest.raises(StoreError):
        empty.sources.all()
    empty.close()


@pytest.mark.parametrize("url", ["not a url", "mysql://u@h/db", "oracle://x"])
def test_bad_database_url(url: str) -> None:
    with pytest.raises(InvalidInput):
        open_store(url)


def test_sqlite_pragmas(tmp_path: Path) -> None:
    fresh = SqlStore(f"sqlite:///{tmp_path}/sub/dir/p.sqlite3")  # folders are created
    with fresh.engine.connect() as conn:
        values = [
            conn.exec_driver_sql(f"PRAGMA {p}").scalar()
            for p in ("journal_mode", "foreign_keys", "synchronous", "busy_timeout")
        ]
    fresh.close()
    assert values == ["wal", 1, 1, 10000]


def test_plain_postgresql_url_means_psycopg() -> None:
    pg = SqlStore("postgresql://postgres@127.0.0.1:5432/test")
    assert pg.engine.dialect.driver == "psycopg" and pg.dialect == "postgresql"
    pg.close()


def test_a_refresh_offers_a_title_and_site_link_only_to_a_source_without_them(store):
    now = datetime(2026, 3, 1, tzinfo=UTC)
    bare = store.sources.add("https://a.example/feed", now=now)
    named = store.sources.add("https://b.example/feed", title="Chosen name", now=now)
    store.sources.edit(named.id, SourceEdit(title="Chosen name"))
    offered = [
        SourceUpdate(
            source_id=s.id, fetched_at=now, next_fetch_at=now, etag=None, last_modified=None,
            last_success_at=now, error_count=0, found_title="From the feed",
            found_site_url="https://feed.example/",
        )
        for s in (bare, named)
    ]  # fmt: skip
    store.sources.record(offered)
    assert store.sources.get(bare.id).title == "From the feed"
    assert store.sources.get(bare.id).site_url == "https://feed.example/"
    assert store.sources.get(named.id).title == "Chosen name"
