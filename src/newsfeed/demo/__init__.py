"""The offline demo: a sample corpus written by this project (invented outlets, authors,
photos and events), served by a tiny local HTTP server and loaded through the real ingest
path. `newsfeed demo` calls `load_demo` and then serves the web app, which must serve
`STATIC_DIR` at `/static/demo/`. The demo's sources are paused once loaded;
`pause_reasons(sources)` says why, for every view that lists sources."""

from newsfeed.demo.corpus import STATIC_DIR, STATIC_URL, Corpus, load_corpus
from newsfeed.demo.loader import PAUSED_WHY, DemoReport, load_demo, pause_reasons
from newsfeed.demo.server import DemoServer
from newsfeed.demo.site import render_site

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
