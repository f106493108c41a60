"""A slow store write never holds up fetching: every store call of a refresh runs off the
event loop. Here another connection holds the articles table's write lock for 2 s; one
source's save waits behind it while the other sources' fetches go on (each of them
follows a redirect that the server answers half a second in, so the follow-up request is
made by the event loop while the save is stuck)."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from newsfeed.update.service import refresh_sources
from tests.localserver import LocalServer, Request, Response

HOLD_S = 2.0
SLOW_SOURCES = 5


def _feed(name: str) -> bytes:
    return (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>{name}</title>"
        f"<link>https://{name}.example/</link><item><guid>{name}-1</guid>"
        f"<title>Council approves the {name} budget</title>"
        f"<description>The council approved the budget of {name} on Monday.</description>"
        "</item></channel></rss>"
    ).encode()


@contextmanager
def write_lock_held(store: Any, seconds: float) -> Iterator[threading.Event]:
    """Another connection takes the lock that article writes need, for `seconds`."""
    taken, done = threading.Event(), threading.Event()

    def hold() -> None:
        engine = sa.create_engine(store.engine.url)
        with engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                conn.exec_driver_sql("BEGIN")
                conn.exec_driver_sql("LOCK TABLE articles IN SHARE ROW EXCLUSIVE MODE")
            taken.set()
            time.sleep(seconds)
            conn.rollback()
        engine.dispose()
        done.set()

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    taken.wait(10)
    try:
        yield done
    finally:
        thread.join(seconds + 10)


async def test_fetches_go_on_while_a_write_waits_on_a_lock(
    store: Any, settings: Any, server: LocalServer
) -> None:
    arrived: dict[str, float] = {}

    def timed(path: str, response: Response) -> Any:
        def handler(request: Request) -> Response:
            arrived[path] = time.monotonic()
            return response

        return handler

    fast = server.route("/fast.xml", body=_feed("fast"))
    ids = [store.sources.add(fast, full_text="never", now=_now()).id]
    for n in range(SLOW_SOURCES):
        final = f"/slow{n}-final.xml"
        server.route(final, timed(final, Response(_feed(f"slow{n}"))))
        moved = Response(status=302, headers={"Location": server.url(final)}, delay_s=0.5)
        url = server.route(f"/slow{n}.xml", moved)
        ids.append(store.sources.add(url, full_text="never", now=_now()).id)
    # every source is on 127.0.0.1: let all of them be fetched at once
    cfg = settings.replace(author_lookups=False, parse_processes=-1, per_host_concurrency=16)

    with write_lock_held(store, HOLD_S) as released:
        started = time.monotonic()
        results = await refresh_sources(store, cfg, ids, force=True)
        finished = time.monotonic()

    assert released.is_set()
    assert finished - started >= HOLD_S * 0.8  # the saves really waited for the lock
    assert [r.ok for r in results] == [True] * len(ids), [r.summary for r in results]
    assert sum(r.new for r in results) == len(ids)
    follow_ups = sorted(arrived[f"/slow{n}-final.xml"] - started for n in range(SLOW_SOURCES))
    assert len(follow_ups) == SLOW_SOURCES
    assert follow_ups[-1] < HOLD_S * 0.75, follow_ups  # made while the lock was still held


def _now() -> datetime:
    return datetime.now(UTC)


async def test_the_event_loop_stays_free_during_a_slow_refresh_save(
    store: Any, settings: Any, server: LocalServer
) -> None:
    """The loop answers a timer on time while a save waits on the lock."""
    url = server.route("/one.xml", body=_feed("one"))
    source = store.sources.add(url, full_text="never", now=_now())
    cfg = settings.replace(author_lookups=False, parse_processes=-1)
    late: list[float] = []

    async def ticker(stop: asyncio.Event) -> None:
        while not stop.is_set():
            before = time.monotonic()
            await asyncio.sleep(0.05)
            late.append(time.monotonic() - before - 0.05)

    stop = asyncio.Event()
    with write_lock_held(store, HOLD_S):
        tick = asyncio.create_task(ticker(stop))
        results = await refresh_sources(store, cfg, [source.id], force=True)
        stop.set()
        await tick
    assert results[0].ok and results[0].new == 1
    assert len(late) >= 20  # the ticker ran through the whole wait
    assert max(late) < 0.5, max(late)
