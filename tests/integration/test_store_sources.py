"""Sources, leases, connection failures and migrations on the real database of this run."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsfeed.errors import AlreadyExists, InvalidInput, NotFound, StoreError
from newsfeed.store import open_store
from newsfeed.store.migrate import current_revision
from newsfeed.store.sqlstore import SqlStore

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


# ── sources ──────────────────────────────────────────────────────────────────────────
def test_add_get_find_list(store: SqlStore) -> None:
    b = store.add_source("https://b.test/feed", title="Bravo", kind="feed", now=NOW)
    a = store.add_source(
        "https://a.test/",
        title="Alpha",
        kind="site",
        site_url="https://a.test",
        full_text="always",
        now=NOW,
    )
    untitled = store.add_source("https://c.test/rss", now=NOW)
    assert store.get_source(a.id) == a
    assert (a.kind, a.full_text, a.site_url, a.enabled) == (
        "site",
        "always",
        "https://a.test",
        True,
    )
    assert a.next_fetch_at == NOW and a.created_at == NOW and a.error_count == 0
    assert store.find_source("https://b.test/feed") == b
    assert store.find_source("https://nowhere.test/") is None
    assert [s.id for s in store.list_sources()] == [a.id, b.id, untitled.id]


def test_add_twice_already_exists(store: SqlStore) -> None:
    store.add_source("https://a.test/feed", now=NOW)
    with pytest.raises(AlreadyExists) as info:
        store.add_source("https://a.test/feed", now=NOW)
    assert info.value.code == "already_exists"


@pytest.mark.parametrize(
    "kwargs", [{"kind": "podcast"}, {"full_text": "sometimes"}, {"url": ""}, {"url": "   "}]
)
def test_add_bad_input(store: SqlStore, kwargs: dict[str, str]) -> None:
    args = {"url": "https://a.test/feed", **kwargs}
    with pytest.raises(InvalidInput):
        store.add_source(args.pop("url"), now=NOW, **args)  # type: ignore[arg-type]
    assert store.list_sources() == []


def test_update_source(store: SqlStore) -> None:
    src = store.add_source("https://a.test/feed", now=NOW)
    later = NOW + timedelta(minutes=30)
    updated = store.update_source(
        src.id,
        title="Alpha",
        etag='"v2"',
        last_modified="Sat, 01 Mar 2025 12:00:00 GMT",
        last_fetched_at=NOW,
        last_success_at=NOW,
        next_fetch_at=later,
        error_count=2,
        last_error_code="timeout",
        last_error="took too long",
        enabled=False,
    )
    assert updated == store.get_source(src.id)
    assert (updated.title, updated.etag, updated.error_count) == ("Alpha", '"v2"', 2)
    assert (updated.next_fetch_at, updated.last_error_code, updated.enabled) == (
        later,
        "timeout",
        False,
    )


def test_update_source_errors(store: SqlStore) -> None:
    a = store.add_source("https://a.test/feed", now=NOW)
    store.add_source("https://b.test/feed", now=NOW)
    with pytest.raises(NotFound):
        store.update_source(999, title="x")
    with pytest.raises(InvalidInput):
        store.update_source(a.id, article_count=5)
    with pytest.raises(InvalidInput):
        store.update_source(a.id, full_text="maybe")
    with pytest.raises(AlreadyExists):
        store.update_source(a.id, url="https://b.test/feed")
    assert store.get_source(a.id).url == "https://a.test/feed"


def test_remove_source(store: SqlStore) -> None:
    src = store.add_source("https://a.test/feed", now=NOW)
    store.remove_source(src.id)
    with pytest.raises(NotFound):
        store.get_source(src.id)
    with pytest.raises(NotFound):
        store.remove_source(src.id)


# ── leases ───────────────────────────────────────────────────────────────────────────
def test_claim_due_sources_oldest_first_and_leased(store: SqlStore) -> None:
    late = store.add_source("https://late.test/", now=NOW - timedelta(minutes=1))
    early = store.add_source("https://early.test/", now=NOW - timedelta(hours=1))
    future = store.add_source("https://future.test/", now=NOW + timedelta(hours=1))
    off = store.add_source("https://off.test/", now=NOW - timedelta(days=1))
    store.update_source(off.id, enabled=False)
    claimed = store.claim_due_sources(now=NOW, limit=10, worker="w1", lease_s=60)
    assert [s.id for s in claimed] == [early.id, late.id]
    assert future.id not in [s.id for s in claimed]
    assert store.claim_due_sources(now=NOW, limit=10, worker="w2", lease_s=60) == []


def test_expired_lease_is_claimable_again(store: SqlStore) -> None:
    src = store.add_source("https://a.test/", now=NOW)
    assert len(store.claim_due_sources(now=NOW, limit=5, worker="dead", lease_s=60)) == 1
    during = NOW + timedelta(seconds=59)
    assert store.claim_due_sources(now=during, limit=5, worker="w2", lease_s=60) == []
    after = NOW + timedelta(seconds=61)
    assert [s.id for s in store.claim_due_sources(now=after, limit=5, worker="w2", lease_s=60)] == [
        src.id
    ]


def test_update_source_releases_the_lease(store: SqlStore) -> None:
    src = store.add_source("https://a.test/", now=NOW)
    store.claim_due_sources(now=NOW, limit=5, worker="w1", lease_s=600)
    store.update_source(src.id, last_fetched_at=NOW)  # still due: next_fetch_at unchanged
    again = store.claim_due_sources(now=NOW, limit=5, worker="w2", lease_s=600)
    assert [s.id for s in again] == [src.id]


def test_two_claimers_never_get_the_same_source(store: SqlStore, database_url: str) -> None:
    for n in range(60):
        store.add_source(f"https://s{n}.test/", now=NOW - timedelta(seconds=n))
    claims: dict[str, list[int]] = {}
    errors: list[BaseException] = []

    def work(name: str) -> None:
        mine = SqlStore(database_url)
        try:
            while batch := mine.claim_due_sources(now=NOW, limit=3, worker=name, lease_s=600):
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
    src = store.add_source("https://a.test/", now=NOW)
    store.upgrade()
    store.upgrade()
    assert current_revision(store.engine) == "0003"
    assert store.get_source(src.id) == src


def test_unreachable_postgresql_is_a_store_error() -> None:
    down = open_store("postgresql+psycopg://newsfeed:secret@127.0.0.1:9/nothing")
    with pytest.raises(StoreError) as info:
        down.list_sources()
    assert info.value.code == "store_error"
    assert "127.0.0.1:9" in str(info.value) and "secret" not in str(info.value)
    with pytest.raises(StoreError):
        down.upgrade()
    assert "secret" not in down.url
    down.close()


def test_unmigrated_database_is_a_store_error(tmp_path: Path) -> None:
    empty = open_store(f"sqlite:///{tmp_path}/empty.sqlite3")
    with pytest.raises(StoreError):
        empty.list_sources()
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
