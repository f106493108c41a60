"""The sample outlets' own pages and feeds, served by the web app once loading is over.

The demo loads its sources from a DemoServer on the web app's own address, which goes
away when loading ends; without this, "Read at <outlet>", a source's feed and site links
and every link on an outlet's page would lead to a 404. The site is rendered as it stood
after loading (phase 2), under the address its sources were loaded from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from urllib.parse import urlsplit

from newsfeed.demo.corpus import STATIC_URL, load_corpus
from newsfeed.demo.loader import source_specs
from newsfeed.demo.site import Site, render_site
from newsfeed.model import Source

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


@dataclass(frozen=True, slots=True)
class OutletSite:
    base: str  # "http://127.0.0.1:8000", where the sources were loaded from
    pages: Site  # path → (body, content type); images are the app's /static/demo/


@lru_cache(maxsize=1)
def outlet_ids() -> tuple[str, ...]:
    """The first path segment of every page of the sample outlets."""
    return tuple(o.id for o in load_corpus().outlets)


@lru_cache(maxsize=1)
def _subscribed_paths() -> frozenset[str]:
    return frozenset(spec.path for spec in source_specs(load_corpus()))


def demo_sources(sources: Sequence[Source]) -> list[Source]:
    """The sources the demo loaded: a sample outlet's path on a loopback address."""
    paths = _subscribed_paths()
    found = []
    for source in sources:
        parts = urlsplit(source.url)
        if parts.hostname in LOOPBACK and parts.path in paths:
            found.append(source)
    return found


def outlet_site(sources: Sequence[Source]) -> OutletSite | None:
    """The outlets' site as the demo among `sources` was loaded, or None without a demo."""
    loaded = demo_sources(sources)
    if not loaded:
        return None
    parts = urlsplit(loaded[0].url)
    times = [s.last_fetched_at for s in loaded if s.last_fetched_at is not None]
    when = max(times) if times else datetime.now(UTC).replace(microsecond=0)
    return _render(f"{parts.scheme}://{parts.netloc}", when)


@lru_cache(maxsize=2)
def _render(base: str, when: datetime) -> OutletSite:
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    site = render_site(load_corpus(), now=when, phase=2, base_url=base)
    pages = {path: page for path, page in site.items() if not path.startswith(STATIC_URL)}
    pages.pop("/", None)  # the app's own News Feed answers there
    return OutletSite(base, pages)
