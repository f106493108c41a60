"""The in-process scheduler / worker loop: due sources are refreshed round after round."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsfeed.update.scheduler import run_forever, run_once

DATA = Path(__file__).parent.parent / "data" / "ingest"


def test_rounds_refresh_due_sources_until_stopped(store, settings, server):
    url = server.route(
        "/l.rss",
        body=(DATA / "harbor.rss").read_bytes(),
        headers={"Content-Type": "application/rss+xml"},
    )
    source = store.sources.add(url, full_text="never", now=datetime.now(UTC) - timedelta(1))
    rounds: list[list] = []
    fast = settings.replace(scheduler_interval_s=0.05)

    async def main() -> None:
        stop = asyncio.Event()

        def seen(results: list) -> None:
            rounds.append(results)
            if len(rounds) == 3:
                stop.set()

        await asyncio.wait_for(run_forever(store, fast, stop=stop, on_round=seen), 20)

    asyncio.run(main())
    assert [len(r) for r in rounds] == [1, 0, 0]  # refreshed once, then not due
    assert rounds[0][0].new == 2
    assert store.sources.get(source.id).next_fetch_at > datetime.now(UTC)


def test_a_round_survives_a_broken_store(settings):
    from newsfeed.store import open_store

    broken = open_store("postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert asyncio.run(run_once(broken, settings)) == []
