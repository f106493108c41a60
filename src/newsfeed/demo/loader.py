"""Load the demo corpus into a store through the real ingest path: our fetcher talks HTTP
to a DemoServer on 127.0.0.1, the parsers and the extractor do their work, the store keeps
the result. Phase 2 republishes the revised articles so that revisions are recorded too.
Then the demo's sources are paused: their server is gone, and the web app serves the
outlets' pages as they stood after loading (`demo/outlets.py`), so there is nothing new to
fetch; `pause_reasons` says so wherever a paused source is shown."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from newsfeed.demo.corpus import Corpus, load_corpus
from newsfeed.model import FullText, Source, SourceEdit, SourceKind
from newsfeed.settings import Settings
from newsfeed.store.api import Store

if TYPE_CHECKING:
    from newsfeed.update.service import RefreshResult

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
PAUSED_WHY = "a sample outlet of the demo: loaded once, its pages are now served by the app"


@dataclass(frozen=True, slots=True)
class DemoReport:
    sources: int
    articles: int  # articles in the store afterwards
    new: int
    updated: int  # articles changed by phase 2 (each one a recorded revision)
    not_modified: int  # sources answered 304 in phase 2
    errors: tuple[str, ...]  # "url: code: message", one per failed refresh
    elapsed_s: float
    base_url: str  # where the demo site was served while loading

    def __str__(self) -> str:
        """One line for people: '7 sources, 73 articles (73 new, 6 revised), in 2.1 s'."""
        errors = len(self.errors)
        problems = f", {errors} error{'s' if errors != 1 else ''}" if errors else ""
        return (
            f"{self.sources} source{'s' if self.sources != 1 else ''}, "
            f"{self.articles} article{'s' if self.articles != 1 else ''} "
            f"({self.new} new, {self.updated} revised){problems}, in {self.elapsed_s:.1f} s"
        )


@dataclass(frozen=True, slots=True)
class SourceSpec:
    title: str
    kind: SourceKind
    full_text: FullText
    path: str  # on the demo site


async def load_demo(
    store: Store,
    settings: Settings,
    *,
    now: datetime | None = None,
    port: int = 0,
    pause_after: bool = True,
) -> DemoReport:
    """Serve the corpus on 127.0.0.1:`port` (0: any free port), add every outlet as a
    source (or reuse it, when loading again), refresh, switch to the revised phase,
    refresh again, stop the server.

    The ingest resolves the corpus's `/static/demo/<file>` image URLs against the demo
    server, so they are stored as `http://127.0.0.1:<port>/static/demo/<file>`: pass the
    web app's port (`newsfeed demo`) so that the web app, which serves `STATIC_DIR` there,
    answers them once the demo server is gone. With `pause_after` the demo sources are
    paused afterwards (`PAUSED_WHY`), so that no scheduler retries a server that is gone."""
    from newsfeed.demo.server import DemoServer  # the loading stack, only when loading
    from newsfeed.demo.site import render_site
    from newsfeed.update.service import refresh_sources

    started = time.perf_counter()
    now = now or datetime.now(UTC)
    settings = settings.replace(allow_private_addresses=True)
    corpus = load_corpus()
    with DemoServer(port=port) as server:
        server.set_site(render_site(corpus, now=now, phase=1, base_url=server.base))
        ids = [await _source_id(store, settings, server.base, s, now) for s in source_specs(corpus)]
        first = await refresh_sources(store, settings, ids, now=now, force=True)
        server.set_site(render_site(corpus, now=now, phase=2, base_url=server.base))
        second = await refresh_sources(store, settings, ids, now=now, force=True)
    if pause_after:
        for source_id in ids:
            store.sources.edit(source_id, SourceEdit(enabled=False))
    elapsed = time.perf_counter() - started
    return _report(store, ids, first, second, elapsed, server.base)


def pause_reasons(sources: Iterable[Source]) -> dict[int, str]:
    """Why each paused source of the demo among `sources` is paused, by source id."""
    return {s.id: PAUSED_WHY for s in sources if not s.enabled and is_demo_source(s)}


def is_demo_source(source: Source) -> bool:
    """Whether the demo loaded `source`: a sample outlet's path on a loopback address."""
    parts = urlsplit(source.url)
    return parts.hostname in LOOPBACK and parts.path in _subscribed_paths()


@lru_cache(maxsize=1)
def _subscribed_paths() -> frozenset[str]:
    return frozenset(spec.path for spec in source_specs(load_corpus()))


def source_specs(corpus: Corpus) -> list[SourceSpec]:
    """How each outlet is subscribed: its feed (teaser feeds with full_text="always"), or,
    for an outlet without a feed, each of its article pages as a "page" source."""
    specs: list[SourceSpec] = []
    for outlet in corpus.outlets:
        if outlet.feed_path is None:
            specs += [
                SourceSpec(outlet.name, "page", "never", f"/{a.outlet}/news/{a.id}.html")
                for a in corpus.articles_of(outlet.id)
            ]
        else:
            full_text: FullText = "always" if outlet.format == "rss20-teaser" else "auto"
            specs.append(SourceSpec(outlet.name, "feed", full_text, outlet.feed_path))
    return specs


async def _source_id(
    store: Store, settings: Settings, base: str, spec: SourceSpec, now: datetime
) -> int:
    from newsfeed.update.service import add_source

    existing = store.sources.find(base + spec.path)
    if existing is not None:
        store.sources.edit(existing.id, SourceEdit(enabled=True))
        return existing.id
    source = await add_source(
        store,
        settings,
        base + spec.path,
        kind=spec.kind,
        full_text=spec.full_text,
        title=spec.title,
        discover=False,
        now=now,
    )
    return source.id


def _report(
    store: Store,
    ids: list[int],
    first: Sequence[RefreshResult],
    second: Sequence[RefreshResult],
    elapsed_s: float,
    base_url: str,
) -> DemoReport:
    errors = tuple(
        f"{r.url}: {r.error_code}: {r.error_message}" for r in [*first, *second] if not r.ok
    )
    return DemoReport(
        sources=len(ids),
        articles=store.articles.count(),
        new=sum(r.new for r in first),
        updated=sum(r.updated for r in second),
        not_modified=sum(1 for r in second if r.not_modified),
        errors=errors,
        elapsed_s=round(elapsed_s, 3),
        base_url=base_url,
    )
