"""A paused source says why on the web pages too: the demo's outlets after loading."""

from __future__ import annotations

import html
from datetime import UTC, datetime

import httpx

from newsfeed.demo.corpus import load_corpus
from newsfeed.demo.loader import PAUSED_WHY, source_specs
from newsfeed.model import SourceEdit
from newsfeed.web.app import create_app

NOW = datetime(2026, 3, 1, tzinfo=UTC)


async def test_sources_and_source_pages_say_why_a_demo_source_is_paused(store, settings):
    path = source_specs(load_corpus())[0].path
    demo = store.sources.add(f"http://127.0.0.1:8765{path}", title="Sample outlet", now=NOW)
    other = store.sources.add("https://quay.example/feed", title="Quay", now=NOW)
    for source in (demo, other):
        store.sources.edit(source.id, SourceEdit(enabled=False))
    transport = httpx.ASGITransport(app=create_app(settings, store))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as web:
        listing = html.unescape((await web.get("/sources")).text)
        demo_page = html.unescape((await web.get(f"/sources/{demo.id}")).text)
        other_page = html.unescape((await web.get(f"/sources/{other.id}")).text)
    assert PAUSED_WHY in listing
    assert PAUSED_WHY in demo_page
    assert PAUSED_WHY not in other_page and "not fetched until resumed" in other_page
