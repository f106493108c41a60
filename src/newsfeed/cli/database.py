"""Which database a command uses, and opening it.

A configured database (`database_url`, `--database-url`) is always the one. Without one,
the database is the SQLite file `<data_dir>/newsfeed.sqlite3`; until that exists, commands
that read or change what is there use the demo's (`<data_dir>/demo/`, what `make run`
loaded), so that after `make run` the CLI sees what the web app shows. Only commands that
add something (add, import, serve, worker, db upgrade) create a database; the others say
that there is none yet and how to make one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from newsfeed.cli.output import note
from newsfeed.errors import InvalidInput, NewsfeedError
from newsfeed.settings import Settings
from newsfeed.store.api import Store

DEMO_FOLDER = "demo"
_SQLITE_FILE = re.compile(r"^sqlite(?:\+\w+)?:///([^?]+)")


class NoDatabase(NewsfeedError):
    code = "no_database"


@dataclass(frozen=True, slots=True)
class Database:
    url: str
    note: str | None = None  # said on stderr when it is not the database one would expect


def demo_settings(cfg: Settings) -> Settings:
    """The settings `newsfeed demo` loads the sample with when no database is configured."""
    return cfg.replace(data_dir=str(Path(cfg.data_dir) / DEMO_FOLDER))


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL; None for PostgreSQL and in-memory databases."""
    found = _SQLITE_FILE.match(url)
    if found is None or found.group(1) == ":memory:":
        return None
    return Path(found.group(1))


def choose(cfg: Settings, *, create: bool) -> Database:
    """The database for a command; with `create` it may be made, else it must exist."""
    if cfg.database_url:
        if not create:
            _must_exist(cfg.database_url)
        return Database(cfg.database_url)
    own = Database(cfg.resolved_database_url)
    if create or _exists(own.url):
        return own
    demo = demo_settings(cfg).resolved_database_url
    if _exists(demo):
        shown = Path(cfg.data_dir) / DEMO_FOLDER
        return Database(demo, f"(the demo's database in {shown}: there is none of your own yet)")
    raise NoDatabase(
        f"no database yet in {cfg.data_dir}: `newsfeed add URL` starts one, "
        "`make run` (or `newsfeed demo`) loads the sample"
    )


def _exists(url: str) -> bool:
    path = sqlite_file(url)
    return path is None or path.is_file()


def _must_exist(url: str) -> None:
    path = sqlite_file(url)
    if path is not None and not path.is_file():
        raise NoDatabase(f"no database at {path}: `newsfeed add URL` starts one there")


@contextmanager
def opened(db: Database) -> Iterator[Store]:
    """The store at `db`, migrated; its folder made first for a new SQLite file."""
    from newsfeed.store import open_store

    if db.note:
        note(db.note)
    path = sqlite_file(db.url)
    if path is not None:
        _make_folder(path.parent)
    store = open_store(db.url)
    try:
        store.upgrade()
        yield store
    finally:
        store.close()


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInput(
            f"cannot use {folder} for the database: {exc.strerror}", code="bad_data_dir"
        ) from exc


@contextmanager
def store_for(cfg: Settings, *, create: bool = False) -> Iterator[Store]:
    """`opened(choose(cfg, create=create))`: what most commands want."""
    with opened(choose(cfg, create=create)) as store:
        yield store
