"""Golden files: each tests/data/feeds/<name>.<ext> beside <name>.expected.json (the RawFeed
as JSON, checked by hand). Regenerate with NEWSFEED_REGEN_GOLDEN=1, then read the diff."""

from __future__ import annotations

import dataclasses
import json
import os
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from newsfeed.model import RawFeed
from newsfeed.parse.feeds import parse_feed

FEEDS = Path(__file__).resolve().parent.parent / "data" / "feeds"
GOLDEN = [
    ("rss20_full.xml", "https://gazette.example.org/feed.xml"),
    ("rss091.xml", "http://oldmill.example.com/rss.xml"),
    ("rss10.rdf", "http://valley.example.net/index.rdf"),
    ("atom10_base.xml", "https://tidewater.example.org/feed.atom"),
    ("atom03.xml", "http://lighthouse.example.com/atom.xml"),
    ("jsonfeed11.json", "https://orchard.example.org/feed.json"),
    ("entities.xml", "https://cafe.example.org/rss"),
    ("illformed.xml", "https://broken.example.org/rss"),
    ("hostile.xml", "https://hostile.example.org/rss"),
]


def render(value: Any) -> Any:
    """A RawFeed as plain JSON data (datetimes as ISO strings)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: render(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [render(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def expected_path(name: str) -> Path:
    return FEEDS / (name.rsplit(".", 1)[0] + ".expected.json")


@pytest.mark.parametrize(("name", "url"), GOLDEN)
def test_golden(name: str, url: str) -> None:
    feed = parse_feed((FEEDS / name).read_bytes(), url=url)
    got = render(feed)
    if feed.bozo_reason:
        got["bozo_reason"] = "<any>"  # wording belongs to the underlying parser
    path = expected_path(name)
    if os.environ.get("NEWSFEED_REGEN_GOLDEN"):
        path.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n")
    assert got == json.loads(path.read_text())


def test_dates_are_aware_utc() -> None:
    feed = parse_feed((FEEDS / "rss20_full.xml").read_bytes(), url="https://g.example.org/")
    published = feed.entries[0].published
    assert published is not None and published.utcoffset() is not None
    assert published.utcoffset().total_seconds() == 0  # type: ignore[union-attr]
    assert published.hour == 16  # 18:45 +0200


def test_rawfeed_type() -> None:
    feed = parse_feed((FEEDS / "atom03.xml").read_bytes(), url="http://l.example.com/")
    assert isinstance(feed, RawFeed) and feed.version == "atom03"
