"""Store calls from the async update pipeline, run off its event loop.

The store is synchronous (SQLAlchemy Core on sqlite3 / psycopg). Called on the loop, one
slow write (a lock held by another process, a slow disk, a far PostgreSQL) would stall
every fetch in flight on the process. So every store call a refresh makes goes through an
`OffLoop`: on SQLite to one thread of its own (SQLite writes one at a time anyway, and one
thread keeps its reads and writes from fighting over the GIL), on PostgreSQL to a few
threads (the engine's pool holds five connections). See docs/design/boundary.md."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any, TypeVar

from newsfeed.store.api import Store

R = TypeVar("R")
PG_THREADS = 4


class OffLoop:
    """`await off(store.articles.save, …)` runs the call on the store's threads."""

    def __init__(self, store: Store) -> None:
        threads = 1 if store.dialect == "sqlite" else PG_THREADS
        self._pool = ThreadPoolExecutor(threads, thread_name_prefix="newsfeed-store")

    async def __call__(self, call: Callable[..., R], *args: Any, **kwargs: Any) -> R:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, partial(call, *args, **kwargs))

    def close(self) -> None:
        self._pool.shutdown(wait=True)
