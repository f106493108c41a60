"""How the `newsfeed` command talks: one line on stderr for every error (usage errors too),
`--version`, help without placeholders, and `settings` readable in 80 columns without the
database password. Run as a person would: the console script, in a terminal 80 wide."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfeed import __version__
from newsfeed.cli import app
from newsfeed.settings import SETTINGS

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def terminal(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`newsfeed ARGS` as if typed in an 80-column terminal (rich told it is one)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("NEWSFEED_")}
    clean.update(TTY_COMPATIBLE="1", COLUMNS="80", LINES="40", **env)
    proc = subprocess.run(
        [sys.executable, "-m", "newsfeed.cli", *args],
        capture_output=True,
        text=True,
        env=clean,
        cwd=cwd,
        timeout=60,
    )
    proc.stdout, proc.stderr = ANSI.sub("", proc.stdout), ANSI.sub("", proc.stderr)
    return proc


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add",), "Missing argument 'URL'"),
        (("add", "https://x.example/", "--frob"), "No such option: --frob"),
        (("articles", "-n", "0"), "Invalid value for '--limit' / '-n'"),
        (("remove", "seven"), "Invalid value for 'ID'"),
        (("frobnicate",), "No such command 'frobnicate'"),
        (("db", "downgrade"), "No such command 'downgrade'"),
        (("serve", "--port", "99999"), "65535"),
    ],
)
def test_usage_errors_are_one_line_on_stderr(tmp_path, args, message):
    proc = terminal(*args, cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("error: ") and message in lines[0]
    assert "(see `newsfeed " in lines[0] and "--help`)" in lines[0]  # where to look next
    assert not set("╭│╰─") & set(proc.stderr)  # no box


def test_usage_errors_in_process_too():
    result = CliRunner().invoke(app, ["add"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: Missing argument 'URL'.")
    assert len(result.stderr.strip().splitlines()) == 1


def test_version(tmp_path):
    proc = terminal("--version", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout.strip() == f"newsfeed {__version__}"


def test_no_arguments_shows_the_help(tmp_path):
    proc = terminal(cwd=tmp_path)
    assert proc.returncode == 2
    assert "Commands" in proc.stdout and "search" in proc.stdout and "pause" in proc.stdout


@pytest.mark.parametrize("command", [(), ("add",), ("refresh",), ("serve",), ("demo",)])
def test_help_has_no_type_placeholders(tmp_path, command):
    proc = terminal(*command, "--help", cwd=tmp_path)
    assert proc.returncode == 0
    assert "Usage:" in proc.stdout
    assert not re.search(
        r"<(bool|boolean|int|text|integer)>|\b(BOOLEAN|TEXT|INTEGER)\b", proc.stdout
    )
    assert max(len(line) for line in proc.stdout.splitlines()) <= 80


def test_settings_fit_80_columns_and_hide_the_password(tmp_path):
    url = "postgresql+psycopg://reader:s3cret-Pa55@db.example.org:5432/news"
    proc = terminal("settings", cwd=tmp_path, NEWSFEED_DATABASE_URL=url, NEWSFEED_PAGE_SIZE="12")
    assert proc.returncode == 0, proc.stderr
    assert "s3cret" not in proc.stdout + proc.stderr
    assert (
        'database_url = "postgresql+psycopg://reader:***@db.example.org:5432/news"' in proc.stdout
    )
    assert "page_size = 12" in proc.stdout and "default 30" in proc.stdout
    assert "max_body_bytes = 10_000_000" in proc.stdout  # as it is written in newsfeed.toml
    for s in SETTINGS:
        assert f"{s.name} = " in proc.stdout and f"NEWSFEED_{s.name.upper()}" in proc.stdout
    assert max(len(line) for line in proc.stdout.splitlines()) <= 80


def test_db_upgrade_makes_the_database(tmp_path):
    proc = terminal("--data-dir", str(tmp_path / "d"), "db", "upgrade", cwd=tmp_path)
    assert proc.returncode == 0 and "database is up to date: sqlite:///" in proc.stdout
    assert (tmp_path / "d" / "newsfeed.sqlite3").is_file()
