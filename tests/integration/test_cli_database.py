"""Which database the CLI uses without a configured one: its own SQLite file, else the
demo's (what `make run` loaded), else none, said plainly; a read command never creates an
empty database. These are about SQLite files in a data folder, whatever NEWSFEED_TEST_DB."""

from __future__ import annotations

import os
import socket
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfeed.cli import app
from newsfeed.store import open_store


@pytest.fixture
def data(tmp_path, monkeypatch) -> Path:
    for name in [n for n in os.environ if n.startswith("NEWSFEED_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("NEWSFEED_AUTHOR_LOOKUPS", "false")
    monkeypatch.setenv("NEWSFEED_ALLOW_PRIVATE_ADDRESSES", "true")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "data"


def newsfeed(data: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--data-dir", str(data), *args])
    return result.exit_code, result.stdout, result.stderr


def make_database(path: Path, *titles: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    store = open_store(f"sqlite:///{path}")
    store.upgrade()
    for i, title in enumerate(titles):
        store.sources.add(f"https://o{i}.example/feed", title=title, now=datetime.now(UTC))
    store.close()


@pytest.mark.parametrize(
    "args", [("sources",), ("articles",), ("search", "flood"), ("export",), ("refresh",)]
)
def test_a_read_command_without_a_database_says_so_and_creates_none(data, args):
    code, out, err = newsfeed(data, *args)
    assert code == 1 and out == ""
    assert err.startswith("error: no database yet in ") and "`newsfeed add URL`" in err
    assert "make run" in err and len(err.strip().splitlines()) == 1
    assert not data.exists()


def test_a_missing_sqlite_file_named_by_url_is_not_created(data, tmp_path):
    missing = tmp_path / "elsewhere.sqlite3"
    result = CliRunner().invoke(app, ["--database-url", f"sqlite:///{missing}", "sources"])
    assert result.exit_code == 1 and "no database at" in result.stderr
    assert not missing.exists()


def test_the_demo_database_is_read_until_there_is_one_of_our_own(data, server):
    make_database(data / "demo" / "newsfeed.sqlite3", "Sample Outlet")
    code, out, err = newsfeed(data, "sources")
    assert code == 0 and "Sample Outlet" in out
    assert "the demo's database" in err  # said, on stderr
    assert not (data / "newsfeed.sqlite3").exists()

    feed = (Path(__file__).parent.parent / "data" / "ingest" / "harbor.rss").read_bytes()
    url = server.route("/mine.rss", body=feed, headers={"Content-Type": "application/rss+xml"})
    code, out, err = newsfeed(data, "add", url, "--no-refresh")
    assert code == 0 and "added source 1: Harbor City Ledger" in out
    assert (data / "newsfeed.sqlite3").is_file()  # adding starts a database of our own

    code, out, err = newsfeed(data, "sources")
    assert "Harbor City Ledger" in out and "Sample Outlet" not in out and err == ""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_after_make_run_the_cli_reads_what_the_demo_loaded(data):
    """`make run` is `newsfeed demo` with no database configured."""
    code, _, err = newsfeed(data, "demo", "--no-serve", "--port", str(_free_port()))
    assert code == 0 and "loaded:" in err
    assert "`newsfeed sources`" in err and "read this database too" in err
    code, out, _ = newsfeed(data, "sources")
    assert code == 0 and "Northgate Wire" in out and "paused" in out
    code, out, _ = newsfeed(data, "search", "flood")
    assert code == 0 and "nothing found" not in out and "Fenmoor" in out
