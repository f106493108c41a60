"""The `newsfeed` command against a real database and a real local feed server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfeed.cli import app

DATA = Path(__file__).parent.parent / "data" / "ingest"


@pytest.fixture
def cli(store, database_url, tmp_path, monkeypatch):
    return runner(database_url, tmp_path, monkeypatch)


def runner(database_url, tmp_path, monkeypatch):
    """Run `newsfeed …` in-process on the test database; returns (exit code, stdout, stderr)."""
    monkeypatch.setenv("NEWSFEED_ALLOW_PRIVATE_ADDRESSES", "true")
    monkeypatch.setenv("NEWSFEED_AUTHOR_LOOKUPS", "false")  # fixture hosts are not served
    monkeypatch.chdir(tmp_path)
    typer_runner = CliRunner()

    def invoke(*args: str):
        result = typer_runner.invoke(app, ["--database-url", database_url, *args])
        return result.exit_code, result.stdout, result.stderr

    return invoke


def feed(server, name="harbor.rss", path="/ledger.rss") -> str:
    return server.route(
        path, body=(DATA / name).read_bytes(), headers={"Content-Type": "application/rss+xml"}
    )


def test_add_refresh_list_search(cli, server):
    url = feed(server)
    code, out, _ = cli("add", url, "--full-text", "never")
    assert code == 0, out
    assert "added source 1: Harbor City Ledger" in out and "2 new" in out

    code, out, _ = cli("sources")
    assert code == 0 and "Harbor City Ledger" in out and "ok" in out

    code, out, _ = cli("articles")
    assert "flood barrier" in out and "Ines Calloway" in out

    code, out, _ = cli("search", "sandbagging")
    assert code == 0 and "flood barrier" in out

    code, out, _ = cli("search", "zeppelin")
    assert code == 0 and "nothing found" in out

    code, out, _ = cli("refresh", "--all")
    assert code == 0 and "refreshed 1 source: 0 new" in out


def test_opml_round_trip(cli, server, tmp_path):
    a, b = feed(server, path="/a.rss"), feed(server, "science.atom", "/b.atom")
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>mine</title></head><body>'
        f'<outline text="News"><outline type="rss" text="A" xmlUrl="{a}"/></outline>'
        f'<outline type="rss" text="B" xmlUrl="{b}"/>'
        '<outline type="rss" text="bad" xmlUrl="gopher://x"/></body></opml>'
    )
    code, out, _err = cli("import", str(opml))
    assert code == 0 and "imported 2 sources" in out and "1 invalid" in out
    code, out, _ = cli("import", str(opml))
    assert "imported 0 sources (2 already there" in out

    code, out, _ = cli("export")
    assert code == 0 and f'xmlUrl="{a}"' in out and f'xmlUrl="{b}"' in out

    code, out, _ = cli("refresh")
    assert code == 0 and "refreshed 2 sources: 3 new" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add", "not a url"), "not an http(s) URL"),
        (("add", "https://x.example/f", "--full-text", "sometimes"), "full_text must be one of"),
        (("remove", "999"), "no source with id 999"),
        (("refresh", "999"), "no source with id 999"),
        (("import", "/nonexistent.opml"), "cannot read /nonexistent.opml"),
        (("search", ""), ""),
    ],
)
def test_wrong_input_is_one_line_and_nonzero(cli, args, message):
    code, out, err = cli(*args)
    assert code != 0
    assert message in err
    assert "Traceback" not in out + err
    assert len(err.strip().splitlines()) == 1


def test_bad_opml_file(cli, tmp_path):
    bad = tmp_path / "bad.opml"
    bad.write_text("<html>no</html>")
    code, _, err = cli("import", str(bad))
    assert code == 1 and "not an OPML file" in err


def test_console_script_reports_a_broken_database_url_in_one_line(tmp_path):
    env = {**os.environ, "NEWSFEED_DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/x"}
    proc = subprocess.run(
        [sys.executable, "-m", "newsfeed.cli", "sources"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("error:")


def test_settings_table_lists_every_setting(cli):
    code, out, _ = cli("settings")
    assert code == 0
    for name in ("fetch_timeout_s", "max_body_bytes", "database_url", "NEWSFEED_PAGE_SIZE"):
        assert name in out


def test_unusable_paths_and_ports_are_one_line_errors(cli, tmp_path, monkeypatch):
    code, _, err = cli("export", "-o", str(tmp_path / "missing" / "x.opml"))
    assert code == 1 and "cannot write" in err and "Traceback" not in err
    code, _, err = cli("serve", "--port", "99999")
    assert code == 2 and "65535" in err
    monkeypatch.setenv("NEWSFEED_CONFIG", str(tmp_path / "nope.toml"))
    code, _, err = cli("sources")
    assert code == 1 and "nope.toml" in err and "does not exist" in err


def test_data_dir_that_cannot_be_made(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    proc = subprocess.run(
        [sys.executable, "-m", "newsfeed.cli", "--data-dir", str(blocker / "sub"), "db", "upgrade"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert proc.returncode == 1 and "cannot use" in proc.stderr and "Traceback" not in proc.stderr


def test_add_page_that_is_not_an_article_stores_nothing(cli, server):
    missing = server.url("/gone")
    code, _, err = cli("add", "--page", missing)
    assert code == 1 and "404" in err
    index = server.route(
        "/index",
        body=b"<html><body><a href=/a>A</a></body></html>",
        headers={"Content-Type": "text/html"},
    )
    code, _, err = cli("add", "--page", index)
    assert code == 1 and "no_article" in err
    code, out, _ = cli("sources")
    assert "no sources yet" in out


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_demo_adds_to_a_configured_database_and_never_replaces_it(cli, server, monkeypatch):
    monkeypatch.setenv("NEWSFEED_AUTHOR_LOOKUPS", "true")
    code, out, _ = cli("add", feed(server), "--full-text", "never")
    assert code == 0
    code, _, err = cli("demo", "--no-serve", "--port", str(_free_port()))
    assert code == 0 and "loaded: 7 sources" in err and "DemoReport(" not in err
    code, out, _ = cli("sources")
    assert "Northgate Wire" in out and "Kernel Street" in out  # demo sources added
    assert "paused (2, 3, 4, 5, 6, 7, 8): a sample outlet of the demo" in out  # why
    rows = [line for line in out.splitlines() if line.rstrip().endswith("paused")]
    assert len(rows) == 7 and all("—" in row and " in " not in row for row in rows)
    code, out, _ = cli("search", "sandbagging")
    assert "flood barrier" in out  # our own article is still there


def test_demo_on_a_busy_port_says_so_and_touches_nothing(cli, server):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        code, _, err = cli("demo", "--no-serve", "--port", str(busy.getsockname()[1]))
    assert code == 1 and "cannot listen on 127.0.0.1:" in err and "--port" in err
