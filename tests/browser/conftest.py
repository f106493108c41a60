"""Browser fixtures: the demo corpus in a store, the app under uvicorn on 127.0.0.1, and
Debian's Chromium driven by Playwright. Every page records console errors, page errors and
CSP violations; a test fails if any happened."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from newsfeed.settings import Settings, load_settings
from newsfeed.web.app import create_app
from newsfeed.web.testing import free_port, serve_in_thread

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RECORD_CSP = """
window.__problems = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__problems.push('CSP: ' + e.violatedDirective + ' ' + e.blockedURI);
});
"""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="module")
def port() -> int:
    """The app's port, known before the demo loads: demo image URLs point at it."""
    return free_port()


@pytest.fixture(scope="module")
def demo(
    database_url: str, tmp_path_factory: pytest.TempPathFactory, port: int
) -> Iterator[tuple[object, Settings]]:
    from newsfeed.demo.loader import load_demo
    from newsfeed.store.testing import fresh_store

    settings = load_settings(
        environ={},
        data_dir=str(tmp_path_factory.mktemp("data")),
        database_url=database_url,
        allow_private_addresses=True,
    )
    with fresh_store(database_url) as store:
        # in a thread of its own: Playwright's sync API may already run a loop on this one
        with ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, load_demo(store, settings, port=port)).result()
        yield store, settings


@pytest.fixture(scope="module")
def store(demo: tuple[object, Settings]) -> object:
    return demo[0]


@pytest.fixture(scope="module")
def base_url(demo: tuple[object, Settings], port: int) -> Iterator[str]:
    store, settings = demo
    with serve_in_thread(create_app(settings, store), port) as base:  # type: ignore[arg-type]
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("chromium is not installed (make browser-deps)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def open_page(browser: object, width: int = 1280, height: int = 900) -> tuple[object, list[str]]:
    """A fresh page and the list its console errors, page errors and CSP violations go to."""
    context = browser.new_context(viewport={"width": width, "height": height})  # type: ignore[attr-defined]
    context.add_init_script(RECORD_CSP)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    return page, problems


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    page, problems = open_page(browser)
    yield page
    problems += page.evaluate("window.__problems || []")  # type: ignore[attr-defined]
    page.context.close()  # type: ignore[attr-defined]
    assert problems == []
