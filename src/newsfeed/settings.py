"""One table of settings: name, default, help. Each is read from the environment
(`NEWSFEED_<NAME>`), then from the settings file (`newsfeed.toml` in the working directory,
or the file named by `NEWSFEED_CONFIG`), then falls back to its default. The same table
drives the CLI help and the settings table in the README (`newsfeed settings`)."""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsfeed.errors import InvalidInput


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


def _setting(default: Any, text: str) -> Any:
    return field(default=default, metadata={"help": text})


@dataclass(frozen=True)
class Settings:
    """Every setting with its type, default and help: the one place they are written."""

    data_dir: str = _setting("./newsfeed-data", "Folder for the SQLite database and other state.")
    database_url: str = _setting(
        "",
        "SQLAlchemy URL; empty means sqlite:///<data_dir>/newsfeed.sqlite3. "
        "PostgreSQL: postgresql+psycopg://user@host/db.",
    )
    fetch_timeout_s: float = _setting(
        20.0, "Total deadline for one HTTP request, redirects included."
    )
    max_body_bytes: int = _setting(
        10_000_000, "Largest response body accepted, after decompression."
    )
    max_redirects: int = _setting(5, "Most redirects followed for one request.")
    per_host_concurrency: int = _setting(2, "Most requests in flight to one host at a time.")
    refresh_concurrency: int = _setting(16, "Most sources refreshed at the same time.")
    parse_processes: int = _setting(
        0,
        "Worker processes that parse and normalize feeds in big refreshes (8+ sources); "
        "0: one per core, -1: none (all in the main process).",
    )
    allow_private_addresses: bool = _setting(
        False, "Allow fetching from loopback and private networks (tests, the demo, intranets)."
    )
    default_interval_s: int = _setting(
        1800, "Refresh interval when a feed gives no TTL or caching."
    )
    min_interval_s: int = _setting(300, "Shortest refresh interval, whatever the feed asks for.")
    max_backoff_s: int = _setting(86_400, "Longest wait between retries of a failing source.")
    full_text_min_words: int = _setting(
        150, "In full_text=auto, fetch the page below this many words."
    )
    full_text_max_pages: int = _setting(
        20, "Most article pages fetched per source and refresh; the rest wait for the next."
    )
    full_text_deadline_s: float = _setting(
        60.0, "Time for one source's article pages in one refresh; the rest wait for the next."
    )
    author_lookups: bool = _setting(
        True, "Look up an author's role, bio and photo on the web when the feed gives none."
    )
    author_lookup_interval_s: int = _setting(
        604_800, "How long before an author without a bio is looked up again on the web."
    )
    page_size: int = _setting(30, "Articles per page in the News Feed and lists.")
    scheduler_interval_s: float = _setting(
        30.0, "How often the in-process scheduler looks for due sources."
    )
    lease_s: int = _setting(
        300, "How long a worker holds a claimed source before others may take it."
    )
    host: str = _setting("127.0.0.1", "Address the web server listens on.")
    port: int = _setting(8000, "Port the web server listens on.")
    allowed_hosts: str = _setting(
        "",
        "Host names requests may use besides localhost and the listen address, "
        "comma-separated (your public name; * allows any: behind a proxy that checks).",
    )
    max_request_body_bytes: int = _setting(
        2_097_152, "Largest request body the web app reads (413 beyond)."
    )

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        path = Path(self.data_dir).expanduser().resolve() / "newsfeed.sqlite3"
        return f"sqlite:///{path}"

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


_PASSWORD_IN_NETLOC = re.compile(r"^(?P<head>[^:/?#]+://[^:/?#@]*):[^?#]*@")
_PASSWORD_IN_QUERY = re.compile(r"(?i)(?P<head>[?&]password=)[^&#]*")
HIDDEN = "***"


def redacted_url(url: str) -> str:
    """A database URL fit to show: its password, in the address or as a `password=`
    parameter, replaced by ***. `postgresql://me:s3cret@db/news` → `postgresql://me:***@db/news`."""
    shown = _PASSWORD_IN_NETLOC.sub(lambda m: f"{m['head']}:{HIDDEN}@", url, count=1)
    return _PASSWORD_IN_QUERY.sub(lambda m: f"{m['head']}{HIDDEN}", shown)


def shown_value(name: str, value: Any) -> Any:
    """A setting's value as it may be printed (the database URL without its password)."""
    return redacted_url(value) if name == "database_url" and isinstance(value, str) else value


SETTINGS: tuple[Setting, ...] = tuple(
    Setting(f.name, f.default, f.metadata["help"]) for f in dataclasses.fields(Settings)
)
_BY_NAME = {s.name: s for s in SETTINGS}


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
