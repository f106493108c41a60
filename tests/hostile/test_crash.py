"""Crash safety: a worker process refreshing many large feeds is killed with SIGKILL at a
random moment, 20 times. After every kill the database is intact (SQLite's integrity check),
every article committed before is still there, and at the end a normal refresh completes
and holds every item. Runs on whichever database the suite runs on (SQLite, PostgreSQL)."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from newsfeed.update.service import refresh_sources
from tests.hostile.harness import RSS, item, rss, source_at
from tests.localserver import LocalServer, Request, Response

FEEDS = 12
ITEMS = 200
KILLS = 20
ROOT = Path(__file__).resolve().parents[2]


class ChangingFeeds:
    """FEEDS feeds of ITEMS large items each, all new in every round: each refresh that is
    killed was writing."""

    def __init__(self, server: LocalServer) -> None:
        self.round = 0
        self.text = "<p>" + "Harbour board minutes and ferry notes. " * 40 + "</p>"
        self.urls = [server.route(f"/feed/{f}", self._feed(f)) for f in range(FEEDS)]

    def guids(self, f: int, rounds: range) -> list[str]:
        """Feed `f`'s guids in these rounds."""
        return [f"f{f}-r{r}-{n}" for r in rounds for n in range(ITEMS)]

    def _feed(self, f: int):
        def answer(request: Request) -> Response:
            r = self.round
            items = [item(f"f{f}-r{r}-{n}", f"Notice {f}-{n}", self.text) for n in range(ITEMS)]
            return Response(rss(*items), headers={"Content-Type": RSS})

        return answer


def stored_keys(store, feeds: ChangingFeeds, ids: list[int], rounds: range) -> set[str]:
    """The guids stored of these rounds, over every feed (source `ids[f]` is feed `f`)."""
    found: set[str] = set()
    for f, source_id in enumerate(ids):
        found |= store.articles.known_guids(source_id, feeds.guids(f, rounds))
    return found


def sqlite_is_intact(database_url: str) -> bool:
    if not database_url.startswith("sqlite"):
        return True  # PostgreSQL: the server's WAL is its own proof; the checks below apply
    path = database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def kill_a_refresh(database_url: str, data_dir: str, ids: list[int], after_s: float) -> bool:
    """Start a worker refreshing `ids`; SIGKILL it (its whole process group) after
    `after_s` seconds. True when it was killed, False when it finished first."""
    command = [sys.executable, "-m", "tests.hostile.crash_worker", database_url, data_dir]
    worker = subprocess.Popen(command + [str(i) for i in ids], cwd=ROOT, start_new_session=True)
    try:
        worker.wait(timeout=after_s)
    except subprocess.TimeoutExpired:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait()
        return True
    return False


def test_sigkill_during_a_large_refresh_loses_nothing_committed(
    store, settings, server: LocalServer, database_url, tmp_path
):
    feeds = ChangingFeeds(server)
    ids = [source_at(store, url).id for url in feeds.urls]
    rng = random.Random(11)
    every = range(KILLS + 1)
    seen: set[str] = set()
    killed = grew = 0
    for round_ in range(KILLS):
        feeds.round = round_
        killed += kill_a_refresh(database_url, str(tmp_path), ids, rng.uniform(0.8, 2.2))
        assert sqlite_is_intact(database_url)
        now_stored = stored_keys(store, feeds, ids, every)
        assert seen <= now_stored, f"lost {len(seen - now_stored)} committed articles"
        grew += len(now_stored) > len(seen)
        seen = now_stored
    assert killed == KILLS and grew > 0  # the kills hit refreshes that were writing
    feeds.round = KILLS
    results = asyncio.run(refresh_sources(store, settings, ids, force=True))
    assert all(r.ok for r in results), [r.summary for r in results if not r.ok]
    final = stored_keys(store, feeds, ids, range(KILLS, KILLS + 1))
    assert len(final) == FEEDS * ITEMS and seen <= stored_keys(store, feeds, ids, every)
