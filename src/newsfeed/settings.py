"""One table of settings: name, default, help. Each is read from the environment
(`NEWSFEED_<NAME>`), then from the settings file (`newsfeed.toml` in the working directory,
or the file named by `NEWSFEED_CONFIG`), then falls back to its default. The same table
drives the CLI help and the settings table in the README (`newsfeed settings`)."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from newsfeed.errors import InvalidInput


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("data_dir", "./newsfeed-data", "Folder for the SQLite database and other state."),
    Setting(
        "database_url",
        "",
        "SQLAlchemy URL; empty means sqlite:///<data_dir>/newsfeed.sqlite3. "
        "PostgreSQL: postgresql+psycopg://user@host/db.",
    ),
    Setting("fetch_timeout_s", 20.0, "Total deadline for one HTTP request, redirects included."),
    Setting("max_body_bytes", 10_000_000, "Largest response body accepted, after decompression."),
    Setting("max_redirects", 5, "Most redirects followed for one request."),
    Setting("per_host_concurrency", 2, "Most requests in flight to one host at a time."),
    Setting("refresh_concurrency", 16, "Most sources refreshed at the same time."),
    Setting(
        "parse_processes",
        0,
        "Worker processes that parse and normalize feeds in big refreshes (8+ sources); "
        "0: one per core, -1: none (all in the main process).",
    ),
    Setting(
        "allow_private_addresses",
        False,
        "Allow fetching from loopback and private networks (tests, the demo, intranets).",
    ),
    Setting("default_interval_s", 1800, "Refresh interval when a feed gives no TTL or caching."),
    Setting("min_interval_s", 300, "Shortest refresh interval, whatever the feed asks for."),
    Setting("max_backoff_s", 86_400, "Longest wait between retries of a failing source."),
    Setting("full_text_min_words", 150, "In full_text=auto, fetch the page below this many words."),
    Setting(
        "author_lookups",
        True,
        "Look up an author's role, bio and photo on the web when the feed gives none.",
    ),
    Setting(
        "author_lookup_interval_s",
        604_800,
        "How long before an author without a bio is looked up again on the web.",
    ),
    Setting("page_size", 30, "Articles per page in the News Feed and lists."),
    Setting(
        "scheduler_interval_s", 30.0, "How often the in-process scheduler looks for due sources."
    ),
    Setting("lease_s", 300, "How long a worker holds a claimed source before others may take it."),
    Setting("host", "127.0.0.1", "Address the web server listens on."),
    Setting("port", 8000, "Port the web server listens on."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Settings:
    data_dir: str = "./newsfeed-data"
    database_url: str = ""
    fetch_timeout_s: float = 20.0
    max_body_bytes: int = 10_000_000
    max_redirects: int = 5
    per_host_concurrency: int = 2
    refresh_concurrency: int = 16
    parse_processes: int = 0
    allow_private_addresses: bool = False
    default_interval_s: int = 1800
    min_interval_s: int = 300
    max_backoff_s: int = 86_400
    full_text_min_words: int = 150
    author_lookups: bool = True
    author_lookup_interval_s: int = 604_800
    page_size: int = 30
    scheduler_interval_s: float = 30.0
    lease_s: int = 300
    host: str = "127.0.0.1"
    port: int = 8000
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        path = Path(self.data_dir).expanduser().resolve() / "newsfeed.sqlite3"
        return f"sqlite:///{path}"

    def replace(self, **changes: Any) -> Settings:
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(changes)
        return Settings(**values)


def _coerce(name: str, raw: Any) -> Any:
    default = _BY_NAME[name].default
    try:
        if isinstance(default, bool):
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in {"1", "true", "yes", "on"}:
                return True
            if text in {"0", "false", "no", "off", ""}:
                return False
            raise ValueError(raw)
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
        return str(raw)
    except (TypeError, ValueError) as exc:
        raise InvalidInput(
            f"setting {name!r}: {raw!r} is not a valid {type(default).__name__}",
            code="bad_setting",
        ) from exc


def _file_values(environ: dict[str, str]) -> dict[str, Any]:
    named = environ.get("NEWSFEED_CONFIG")
    path = Path(named or "newsfeed.toml")
    if not path.is_file():
        if named:
            raise InvalidInput(f"settings file {path} (NEWSFEED_CONFIG) does not exist")
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InvalidInput(f"settings file {path}: {exc}", code="bad_setting") from exc
    unknown = sorted(set(data) - set(_BY_NAME))
    if unknown:
        raise InvalidInput(f"settings file {path}: unknown setting(s) {', '.join(unknown)}")
    return data


def load_settings(environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
    """Environment → file → default; keyword overrides (from CLI flags) win over all."""
    env = dict(os.environ if environ is None else environ)
    values: dict[str, Any] = {}
    for name, raw in _file_values(env).items():
        values[name] = _coerce(name, raw)
    for setting in SETTINGS:
        key = f"NEWSFEED_{setting.name.upper()}"
        if key in env:
            values[setting.name] = _coerce(setting.name, env[key])
    for name, raw in overrides.items():
        if raw is not None:
            values[name] = _coerce(name, raw)
    return Settings(**values)
