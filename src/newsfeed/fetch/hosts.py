"""At most N requests in flight per host: one asyncio semaphore per host name, shared by
all calls on one Fetcher, dropped again when no request to that host is running or waiting."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class HostSlots:
    def __init__(self, per_host: int) -> None:
        self._limit = max(1, per_host)
        self._semaphores: dict[str, asyncio.Semaphore] = {}
        self._users: dict[str, int] = {}

    @asynccontextmanager
    async def hold(self, host: str) -> AsyncIterator[None]:
        """Wait for a free slot for `host`, hold it for the duration of the block."""
        semaphore = self._semaphores.setdefault(host, asyncio.Semaphore(self._limit))
        self._users[host] = self._users.get(host, 0) + 1
        try:
            async with semaphore:
                yield
        finally:
            self._release(host)

    def in_use(self) -> int:
        """How many hosts have a request running or waiting (for tests and stats)."""
        return len(self._semaphores)

    def _release(self, host: str) -> None:
        self._users[host] -= 1
        if not self._users[host]:
            del self._users[host], self._semaphores[host]
