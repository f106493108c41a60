"""Sanitizing a feed's bodies on threads: nh3 releases the GIL while it cleans, so two
threads clean while the parse and normalize go on with the first entries. The cleaning
itself is `normalize.html.sanitize_html`, a pure function; this module only schedules it.

`sanitize_ahead` cleans a feed's bodies on two threads while the caller goes on with the
first ones; `EarlySanitizing` starts on the likely bodies while lxml builds the tree."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from types import MappingProxyType
from typing import TypeVar

from newsfeed.normalize.html import sanitize_html

_POOL: ThreadPoolExecutor | None = None
_POOL_LOCK = threading.Lock()


def _pool() -> ThreadPoolExecutor:
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = ThreadPoolExecutor(max_workers=2, thread_name_prefix="sanitize")
        return _POOL


Cleaned = Mapping[tuple[str, str | None], str]  # {(html, base_url): sanitized}
_NOTHING_KNOWN: Cleaned = MappingProxyType({})


def _sanitize_all(
    items: Sequence[tuple[str, str | None]], known: Cleaned = _NOTHING_KNOWN
) -> list[str]:
    """`sanitize_html` of each (html, base_url), except those already cleaned in `known`."""
    return [_unless_known(html, base, known) for html, base in items]


def sanitize_many(items: Sequence[tuple[str, str | None]], *, threads: int = 2) -> list[str]:
    """`sanitize_html` over (html, base_url) pairs, in order. nh3 releases the GIL while it
    works, so with `threads=2` the list is cut into two halves of similar size that are
    cleaned at the same time on a shared pool (worth it from a few hundred KB of HTML)."""
    if threads < 2 or len(items) < 2:
        return _sanitize_all(items)
    half, total, cut = 0, sum(len(html) for html, _ in items) // 2, len(items)
    for index, (html, _) in enumerate(items):
        half += len(html)
        if half >= total:
            cut = index + 1
            break
    pool = _pool()
    first = pool.submit(_sanitize_all, items[:cut])
    second = pool.submit(_sanitize_all, items[cut:])
    return first.result() + second.result()


T = TypeVar("T")
#: Bodies per sanitizer task: the first results come early, and ~20 tasks for a big feed
#: keep the two threads evenly loaded to the end.
BATCH_CHARS = 64_000


def sanitize_ahead(
    items: Sequence[T],
    source: Callable[[T], tuple[str, str | None]],
    *,
    threads: int = 2,
    known: Cleaned | None = None,
) -> Iterator[tuple[T, str]]:
    """Sanitize `source(item)` = (html, base_url) of every item on the shared 2-thread
    pool, in ~64 KB batches submitted at once (nh3 releases the GIL while it cleans). The
    iterator gives (item, sanitize_html(html, base_url=base_url)) in order, waiting for a
    batch only when it reaches it, so the caller can work on the first items (normalize
    them) while the threads clean the rest. Bodies found in `known` (see `EarlySanitizing`)
    are not cleaned again. `threads < 2`: the same, in this thread."""
    known = known or _NOTHING_KNOWN
    if threads < 2:
        return _serially(items, source, known)
    pool = _pool()
    batches: list[tuple[list[T], Future[list[str]]]] = []
    group: list[T] = []
    bodies: list[tuple[str, str | None]] = []
    size = 0
    for item in items:
        html, base = source(item)
        group.append(item)
        bodies.append((html, base))
        if (html, base) not in known:
            size += len(html)
        if size >= BATCH_CHARS:
            batches.append((group, pool.submit(_sanitize_all, bodies, known)))
            group, bodies, size = [], [], 0
    if group:
        batches.append((group, pool.submit(_sanitize_all, bodies, known)))
    return _in_order(batches)


def _unless_known(html: str, base: str | None, known: Cleaned) -> str:
    cleaned = known.get((html, base))
    return sanitize_html(html, base_url=base) if cleaned is None else cleaned


def _serially(
    items: Iterable[T], source: Callable[[T], tuple[str, str | None]], known: Cleaned
) -> Iterator[tuple[T, str]]:
    for item in items:
        html, base = source(item)
        yield item, _unless_known(html, base, known)


def _in_order(batches: list[tuple[list[T], Future[list[str]]]]) -> Iterator[tuple[T, str]]:
    for group, done in batches:
        yield from zip(group, done.result(), strict=True)


class EarlySanitizing:
    """Likely bodies cleaned one by one in the background, on the shared pool, while the
    caller parses the feed they came from: lxml releases the GIL as it builds the tree,
    which would leave the second core idle. `halt()` when the tree is built (from then on
    the parse is Python, and a thread coming back from nh3 would wait for the GIL and
    then force a switch); `results()` gives what was done, for `sanitize_ahead(known=…)`.
    `htmls` (e.g. `parse.feeds.likely_bodies`) is consumed on the pool thread."""

    def __init__(self, htmls: Iterable[str], base_url: str | None) -> None:
        self._halt = threading.Event()
        self._done = _pool().submit(self._clean, htmls, base_url)

    def _clean(self, htmls: Iterable[str], base_url: str | None) -> Cleaned:
        done: dict[tuple[str, str | None], str] = {}
        for html in htmls:
            if self._halt.is_set():
                break
            done[(html, base_url)] = sanitize_html(html, base_url=base_url)
        return done

    def halt(self) -> None:
        """Stop after the body in hand (does not wait for it)."""
        self._halt.set()

    def results(self) -> Cleaned:
        """Halt, wait for the body in hand, and give {(html, base_url): sanitized}."""
        self._halt.set()
        if self._done.cancel():  # never started (the pool was busy): nothing to wait for
            return {}
        return self._done.result()
