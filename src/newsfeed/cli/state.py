"""The global options as given (`--database-url`, `--data-dir`) and the settings every
command reads through them: flags win over the environment, the file and the defaults."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any, ClassVar, TypeVar

from newsfeed.settings import Settings, load_settings

T = TypeVar("T")


class State:
    overrides: ClassVar[dict[str, Any]] = {}


def settings(**extra: Any) -> Settings:
    merged = dict(State.overrides)
    merged.update({k: v for k, v in extra.items() if v is not None})
    return load_settings(**merged)


def run(coro: Coroutine[Any, Any, T]) -> T:
    import asyncio  # not at start: most commands never run a loop

    return asyncio.run(coro)
