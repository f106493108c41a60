"""Sources from the CLI: pause and resume, what `sources` says about each, refresh results
(counted right, each URL once), progress while fetching and no library log lines."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.test_cli import feed, runner

DATA = Path(__file__).parent.parent / "data" / "ingest"


@pytest.fixture
def cli(store, database_url, tmp_path, monkeypatch):
    return runner(database_url, tmp_path, monkeypatch)


def row(out: str, source_id: int) -> str:
    """The table row of a source (the first line that starts with its id)."""
    return next(x for x in out.splitlines() if x.strip().startswith(f"{source_id} "))


def test_pause_and_resume(cli, server, store):
    code, _, _ = cli("add", feed(server), "--full-text", "never")
    assert code == 0
    code, out, _ = cli("pause", "1")
    assert code == 0 and out.strip() == "paused source 1: Harbor City Ledger"
    assert not store.sources.get(1).enabled

    code, out, _ = cli("sources")
    line = row(out, 1)
    assert line.rstrip().endswith("paused") and "—" in line and " in " not in line
    assert "1 paused: not fetched until resumed (`newsfeed resume 1`)" in out

    code, out, _ = cli("refresh", "--all")  # every enabled source: none
    assert code == 0 and "refreshed 0 sources" in out
    requests = len(server.requests)

    code, out, _ = cli("resume", "1")
    assert code == 0 and out.startswith("resumed source 1: Harbor City Ledger (next fetch: in ")
    assert store.sources.get(1).enabled
    code, out, _ = cli("refresh", "--all")
    assert code == 0 and "refreshed 1 source: 0 new" in out and len(server.requests) > requests


def test_pausing_an_unknown_source_changes_nothing(cli, server, store):
    cli("add", feed(server), "--no-refresh")
    code, out, err = cli("pause", "1", "99")
    assert code == 1 and out == "" and err.strip() == "error: no source with id 99 (not_found)"
    assert store.sources.get(1).enabled


def test_refresh_errors_name_the_url_once(cli, server):
    url = feed(server)
    cli("add", url, "--no-refresh")
    server.route("/ledger.rss", status=404, body=b"gone")
    code, out, err = cli("refresh", "1")
    assert code == 1
    assert err.count(url) == 1 and "source 1" in err and "(http_404)" in err
    assert "refreshed 1 source: 0 new, 0 updated articles, 1 failed" in out
    code, out, _ = cli("sources")
    assert "failing ×1" in row(out, 1) and "1 http_404:" in out


def console_script(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsfeed.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        cwd=cwd,
        timeout=120,
    )


def test_slow_work_shows_progress_in_a_terminal(store, database_url, server, tmp_path):
    url = server.route(
        "/slow.rss",
        body=(DATA / "harbor.rss").read_bytes(),
        headers={"Content-Type": "application/rss+xml"},
        delay_s=1.5,
    )
    env = {
        "NEWSFEED_DATABASE_URL": database_url,
        "NEWSFEED_ALLOW_PRIVATE_ADDRESSES": "true",
        "NEWSFEED_AUTHOR_LOOKUPS": "false",
        "TTY_COMPATIBLE": "1",
        "COLUMNS": "120",
    }
    proc = console_script("add", url, "--full-text", "never", env=env, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert f"looking at {url}" in proc.stderr  # while the feed is found
    assert f"refreshing 1 source: request 1: {url}" in proc.stderr  # while it is fetched
    assert "added source 1" in proc.stdout and "2 new" in proc.stdout


def test_library_log_lines_only_with_verbose(store, database_url, server, tmp_path):
    """trafilatura logs a WARNING for a page without an article; the user sees our line."""
    url = server.route(
        "/empty.html", body=b"<html><body></body></html>", headers={"Content-Type": "text/html"}
    )
    env = {"NEWSFEED_DATABASE_URL": database_url, "NEWSFEED_ALLOW_PRIVATE_ADDRESSES": "true"}
    quiet = console_script("add", "--page", url, env=env, cwd=tmp_path)
    assert quiet.returncode == 1
    assert quiet.stderr.startswith("error: ") and len(quiet.stderr.strip().splitlines()) == 1
    assert "trafilatura" not in quiet.stderr
    verbose = console_script("--verbose", "add", "--page", url, env=env, cwd=tmp_path)
    assert verbose.returncode == 1 and "trafilatura" in verbose.stderr
