"""The Jinja2 environment: autoescaped templates, time filters and versioned static URLs."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from newsfeed.web import timefmt
from newsfeed.web.feeds_out import xml_text
from newsfeed.web.views import article_path

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


def static_version(folder: Path = STATIC) -> str:
    """A short hash of every static file, so their URLs change when they do."""
    digest = hashlib.blake2b(digest_size=5)
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return "v-" + digest.hexdigest()


def minutes_read(minutes: int) -> str:
    return f"{max(1, minutes)} min read"


_URL_BREAK = re.compile(r"(?<=[/_-])(?=[^/_-])|(?<=[^?&#])(?=[?&#])")


def url_breaks(url: str | None) -> Markup:
    """A URL, escaped, that may wrap after a `/`, `-` or `_`, or before a `?`, `&` or `#`
    (a `<wbr>` there) instead of in the middle of a word, on a phone."""
    parts = _URL_BREAK.split(url or "")
    return Markup("<wbr>").join(escape(part) for part in parts)


def make_environment(version: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),  # XML feeds too
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters.update(
        x=xml_text,
        rfc822=timefmt.rfc822,
        iso=timefmt.iso,
        absolute=timefmt.absolute,
        minutes_read=minutes_read,
        time_tag=timefmt.time_tag,
        article_url=article_path,
        url_breaks=url_breaks,
    )
    env.globals.update(static=lambda name: f"/static/{version}/{name}")
    return env


def now_utc() -> datetime:
    return datetime.now(UTC)
