"""The process the crash test kills: refresh every given source once, as `newsfeed
refresh` would, then exit. Run as `python -m tests.hostile.crash_worker DB_URL DATA_DIR ID…`."""

from __future__ import annotations

import asyncio
import sys

from newsfeed.settings import load_settings
from newsfeed.store import open_store
from newsfeed.update.service import refresh_sources


def main(database_url: str, data_dir: str, ids: list[int]) -> None:
    settings = load_settings(
        environ={},
        database_url=database_url,
        data_dir=data_dir,
        allow_private_addresses=True,
        author_lookups=False,
        parse_processes=-1,
    )
    store = open_store(database_url)
    try:
        asyncio.run(refresh_sources(store, settings, ids, force=True))
    finally:
        store.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], [int(a) for a in sys.argv[3:]])
