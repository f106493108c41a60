"""What every handler needs: the settings, the store and the templates, kept on app.state;
and `db()`, the one place where handlers call the (synchronous) store."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from jinja2 import Environment
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

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


async def db(call: Callable[..., R], *args: Any, **kwargs: Any) -> R:
    """Run a store call in the thread pool so that a slow query never stalls the event loop
    (and the in-process scheduler running on it)."""
    return await run_in_threadpool(partial(call, *args, **kwargs))
