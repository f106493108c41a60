"""What every handler needs: the settings, the store and the templates, kept on app.state;
and `db()` / `db_slow()`, the one place where handlers call the (synchronous) store."""

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


# Where store calls run. Over SQLite a page's reads are Python- and GIL-bound and take
# under a millisecond: handing them to a thread bought no parallelism and cost two thread
# hand-overs per request (≈0.4 ms of CPU, half what the page's own queries cost), so
# `db()` runs them right on the event loop, as the scheduler's own store calls already do.
# Calls that can take long (search: milliseconds of FTS5 work during which SQLite lets go
# of the GIL; whole-table lists; writes) go through `db_slow()` to ONE dedicated thread
# (four threads only fought over the GIL: 3.5x the CPU per call). Other databases wait on
# the network: every call goes to anyio's thread pool.
@dataclass(frozen=True)
class Lane:
    inline: bool  # `db()` calls run on the event loop
    executor: Executor | None  # where the others run; None: anyio's thread pool


_POOL = Lane(inline=False, executor=None)
_LANE: ContextVar[Lane] = ContextVar("newsfeed_store_lane", default=_POOL)


def store_lane(store: Store) -> Lane:
    """How the app's calls to `store` run (see above)."""
    if getattr(store, "dialect", None) != "sqlite":
        return _POOL
    return Lane(inline=True, executor=ThreadPoolExecutor(1, thread_name_prefix="newsfeed-store"))


class StoreLane:
    """ASGI wrapper: the store calls made while serving a request of `app` run in `lane`."""

    def __init__(self, app: ASGIApp, lane: Lane) -> None:
        self.app = app
        self.lane = lane

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        token = _LANE.set(self.lane)
        try:
            await self.app(scope, receive, send)
        finally:
            _LANE.reset(token)


async def db(call: Callable[..., R], *args: Any, **kwargs: Any) -> R:
    """A bounded read (one page of a list, one row by id): on the event loop over SQLite,
    else off it. Inline, it then yields to the loop once, as a thread hand-over would, so
    that other connections are read and written between a page's queries and its
    rendering: without that pause the median p99 of `/` under wrk was 23 ms, not 17, at
    the same req/s."""
    if not _LANE.get().inline:
        return await db_slow(call, *args, **kwargs)
    result = call(*args, **kwargs)
    await asyncio.sleep(0)
    return result


async def db_slow(call: Callable[..., R], *args: Any, **kwargs: Any) -> R:
    """A call that may take long (search, whole-table lists, writes), off the event loop so
    that it never stalls it: on the app's store thread, else anyio's thread pool."""
    executor = _LANE.get().executor
    if executor is None:
        return await run_in_threadpool(partial(call, *args, **kwargs))
    return await asyncio.get_running_loop().run_in_executor(
        executor, partial(call, *args, **kwargs)
    )
