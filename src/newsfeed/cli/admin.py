"""Commands about the installation: the settings in force, database migrations."""

from __future__ import annotations

import json
import textwrap
from typing import Any

from newsfeed.cli.database import store_for
from newsfeed.cli.output import out, styled
from newsfeed.cli.state import settings
from newsfeed.settings import SETTINGS, redacted_url, shown_value


def show_settings() -> None:
    """Every setting: its value now, what it does, its variable and default."""
    cfg = settings()
    out.print(
        "Each setting comes from its NEWSFEED_* variable, else newsfeed.toml, else its "
        "default; values are written as in newsfeed.toml.\n",
        soft_wrap=False,
    )
    for s in SETTINGS:
        value = shown_value(s.name, getattr(cfg, s.name))
        changed = value != s.default
        out.print(styled((s.name, "bold"), " = ", (toml_value(value), "yellow" if changed else "")))
        for line in _indented(s.help):
            out.print(line)
        for line in _indented(f"NEWSFEED_{s.name.upper()}, default {toml_value(s.default)}"):
            out.print(line, style="dim")


def _indented(text: str) -> list[str]:
    """`text` in lines that fit the terminal after an indent of four spaces."""
    return textwrap.wrap(
        text, width=max(out.width, 24), initial_indent="    ", subsequent_indent="    "
    )


def toml_value(value: Any) -> str:
    """How the value is written in newsfeed.toml: true, 10_000_000, 20.0, "./data"."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"{value:_}" if abs(value) >= 10_000 else str(value)
    if isinstance(value, float):
        return repr(value)
    return json.dumps(str(value))


def db_upgrade() -> None:
    """Apply database migrations (also done on every start)."""
    with store_for(settings(), create=True) as store:
        out.print(styled(f"database is up to date: {redacted_url(store.url)}"))
