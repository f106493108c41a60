"""Screenshots of every page type, so anyone can look at every page after a change.

Loads the demo corpus into a fresh SQLite file, serves the app on 127.0.0.1 and takes a
full-page PNG of each page at desktop (1280 px) and phone (390 px) widths, in light and
dark colours, with Debian's Chromium (`make browser-deps`). `make screenshots` runs it;
the PNGs go to screenshots/ (ignored by git), one file per page, width and scheme."""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the browser tests' Chromium flags, one list for both

from tests.browser.conftest import CHROMIUM_ARGS  # noqa: E402

from newsfeed.model import ArticleItem, ArticleQuery  # noqa: E402

EAGER = "document.querySelectorAll('img[loading=lazy]').forEach(i => { i.loading = 'eager'; })"


@dataclass(frozen=True)
class Shot:
    name: str
    path: str
    javascript: bool = True


@dataclass(frozen=True)
class Look:
    name: str
    width: int
    height: int
    scheme: str  # "light" | "dark"
    mobile: bool


LOOKS = (
    Look("desktop", 1280, 900, "light", False),
    Look("desktop-dark", 1280, 900, "dark", False),
    Look("phone", 390, 844, "light", True),
    Look("phone-dark", 390, 844, "dark", True),
)


def shots(store: Any) -> list[Shot]:
    """One address per page type, chosen from what the demo loaded."""
    items = store.articles.page(ArticleQuery(load=ArticleItem, limit=1000)).items
    full = [store.articles.get(a.id) for a in items]
    revised = next(a for a in full if a.revisions)
    pictured = next(a for a in full if a.image and a.authors)
    source = store.sources.all()[0]
    author = pictured.authors[0].slug
    topic = store.tags.top(limit=1)[0].slug
    story = store.stories.top(limit=1)[0].id
    return [
        Shot("feed", "/"),
        Shot("feed-page-2-nojs", "/?cursor={cursor}&page=2", javascript=False),
        Shot("article", f"/articles/{pictured.id}"),
        Shot("article-revised", f"/articles/{revised.id}"),
        Shot("source", f"/sources/{source.id}"),
        Shot("sources", "/sources"),
        Shot("topics", "/topics"),
        Shot("topic", f"/topics/{topic}"),
        Shot("author", f"/authors/{author}"),
        Shot("stories", "/stories"),
        Shot("story", f"/stories/{story}"),
        Shot("search", "/search"),
        Shot("search-results", "/search?q=flood"),
        Shot("search-nothing", "/search?q=zeppelin"),
        Shot("not-found", "/no/such/page"),
        Shot("outlet-article", pictured.url or "/"),
    ]


def first_cursor(store: Any, page_size: int) -> str:
    return str(store.articles.page(ArticleQuery(load=ArticleItem, limit=page_size)).next_cursor)


def take(browser: Any, base: str, shot: Shot, look: Look, out: Path) -> Path:
    context = browser.new_context(
        viewport={"width": look.width, "height": look.height},
        color_scheme=look.scheme,
        is_mobile=look.mobile,
        has_touch=look.mobile,
        device_scale_factor=1,
        java_script_enabled=shot.javascript,
    )
    try:
        page = context.new_page()
        url = shot.path if shot.path.startswith("http") else base + shot.path
        page.goto(url)
        page.evaluate(EAGER)  # a full-page shot shows the pictures below the fold too
        page.wait_for_load_state("networkidle")
        page.wait_for_function("Array.from(document.images).every(i => i.complete)")
        path = out / f"{shot.name}--{look.name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path
    finally:
        context.close()


def with_demo(run: Callable[[Any, str], None]) -> None:
    """Load the demo into a fresh SQLite file, serve the app, call `run(store, base)`."""
    from newsfeed.demo.loader import load_demo
    from newsfeed.settings import load_settings
    from newsfeed.store.testing import fresh_store
    from newsfeed.web.app import create_app
    from newsfeed.web.testing import free_port, serve_in_thread

    with tempfile.TemporaryDirectory(prefix="newsfeed-shots-") as tmp:
        url = f"sqlite:///{tmp}/demo.sqlite3"
        settings = load_settings(
            environ={}, data_dir=tmp, database_url=url, allow_private_addresses=True
        )
        port = free_port()
        with fresh_store(url) as store:
            asyncio.run(load_demo(store, settings, port=port))
            with serve_in_thread(create_app(settings, store), port) as base:
                run(store, base)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots", help="output folder")
    parser.add_argument("--only", default="", help="take only pages whose name contains this")
    args = parser.parse_args(argv)
    executable = shutil.which("chromium")
    if executable is None:
        print("screenshots: chromium is not installed (run `make browser-deps`)", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)

    def run(store: Any, base: str) -> None:
        from playwright.sync_api import sync_playwright

        cursor = first_cursor(store, 30)
        chosen = [s for s in shots(store) if args.only in s.name]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            for shot in chosen:
                shot = Shot(shot.name, shot.path.replace("{cursor}", cursor), shot.javascript)
                for look in LOOKS:
                    take(browser, base, shot, look, args.out)
            browser.close()
        print(f"screenshots: {len(chosen) * len(LOOKS)} PNGs in {args.out}", file=sys.stderr)

    with_demo(run)
    return 0


if __name__ == "__main__":
    sys.exit(main())
