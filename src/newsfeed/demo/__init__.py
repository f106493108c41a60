"""The offline demo: a sample corpus written by this project (invented outlets, authors,
photos and events), served by a tiny local HTTP server and loaded through the real ingest
path. `newsfeed demo` calls `load_demo` and then serves the web app, which must serve
`STATIC_DIR` at `/static/demo/`. The demo's sources are paused once loaded;
`pause_reasons(sources)` says why, for every view that lists sources.

The names are imported when first used: `newsfeed sources` asks for `pause_reasons` and
should not pay for the demo's server and site renderer."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsfeed.demo.corpus import STATIC_DIR, STATIC_URL, Corpus, load_corpus
    from newsfeed.demo.loader import PAUSED_WHY, DemoReport, load_demo, pause_reasons
    from newsfeed.demo.server import DemoServer
    from newsfeed.demo.site import render_site

_HOMES = {
    "STATIC_DIR": "corpus",
    "STATIC_URL": "corpus",
    "Corpus": "corpus",
    "load_corpus": "corpus",
    "PAUSED_WHY": "loader",
    "DemoReport": "loader",
    "load_demo": "loader",
    "pause_reasons": "loader",
    "DemoServer": "server",
    "render_site": "site",
}

__all__ = [
    "PAUSED_WHY",
    "STATIC_DIR",
    "STATIC_URL",
    "Corpus",
    "DemoReport",
    "DemoServer",
    "load_corpus",
    "load_demo",
    "pause_reasons",
    "render_site",
]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'newsfeed.demo' has no attribute {name!r}")
    return getattr(import_module(f"newsfeed.demo.{_HOMES[name]}"), name)
