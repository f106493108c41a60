"""What every handler needs: the settings, the store and the templates, kept on app.state;
and `db()`, the one place where handlers call the (synchronous) store."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from jinja2 import Environment
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from newsfeed.settings import Settings
from newsfeed.store.api import Store

R = TypeVar("R")


class Memo:
    """Remembers slow-changing values (the topic list beside the feed) for a few seconds."""

    def __init__(self, ttl_s: float = 60.0) -> None:
        self.ttl_s = ttl_s
        self._values: dict[str, tuple[float, Any]] = {}

    def get(self, key: str, compute: Callable[[], R]) -> R:
        now = time.monotonic()
        hit = self._values.get(key)
        if hit is not None and now - hit[0] < self.ttl_s:
            result: R = hit[1]
            return result
        value = compute()
        self._values[key] = (now, value)
        return value


@dataclass(frozen=True)
class WebContext:
    settings: Settings
    store: Store
    env: Environment
    static_version: str
    memo: Memo = field(default_factory=Memo)


def web(request: Request) -> WebContext:
    ctx: WebContext = request.app.state.web
    return ctx


# Threads for store calls, by database. SQLite reads are Python- and GIL-bound (a page's
# queries take ~0.3 ms of its ~1 ms): several threads at once only fight over the GIL
# (4 threads: 3.5x the CPU per call, p99 of `/` 35 ms instead of 14 ms), so one thread
# runs them in turn. Other databases wait on the network: anyio's shared pool, as before.
STORE_THREADS = {"sqlite": 1}
_LANE: ContextVar[Executor | None] = ContextVar("newsfeed_store_lane", default=None)


def store_executor(store: Store) -> ThreadPoolExecutor | None:
    """A dedicated executor for `store`'s calls, or None for anyio's thread pool."""
    threads = STORE_THREADS.get(str(getattr(store, "dialect", "")))
    if threads is None:
        return None
    return ThreadPoolExecutor(threads, thread_name_prefix="newsfeed-store")


class StoreLane:
    """ASGI wrapper: the store calls (`db()`) made while serving a request of `app` run on
    `executor` (None: anyio's thread pool)."""

    def __init__(self, app: ASGIApp, executor: Executor | None) -> None:
        self.app = app
        self.executor = executor

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        token = _LANE.set(self.executor)
        try:
            await self.app(scope, receive, send)
        finally:
            _LANE.reset(token)


async def db(call: Callable[..., R], *args: Any, **kwargs: Any) -> R:
    """Run a store call off the event loop so that a slow query never stalls it (and the
    in-process scheduler running on it): on the app's store executor, else the pool."""
    executor = _LANE.get()
    if executor is None:
        return await run_in_threadpool(partial(call, *args, **kwargs))
    return await asyncio.get_running_loop().run_in_executor(
        executor, partial(call, *args, **kwargs)
    )
