"""Text from feeds and OPML files reaches the terminal as plain text: Rich markup in a title
is shown as it is (an OPML title `[/b]` used to raise), and escape sequences (a new window
title, a cleared screen, an OSC 8 link pointing elsewhere) are removed before printing."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from newsfeed.cli.output import plain
from tests.integration.test_cli import runner

TITLE = "\x1b]0;owned\x07Tide [/b] tables\x1b[2J [bold]up[/bold]"
LINK = "\x1b]8;;https://evil.example/\x1b\\Harbour\x1b]8;;\x1b\\"
CONTROLS = ("\x1b", "\x07", "\x9b", "\x9d")


@pytest.fixture
def cli(store, database_url, tmp_path, monkeypatch):
    """`newsfeed …` that also checks no traceback and no control character got out."""
    invoke = runner(database_url, tmp_path, monkeypatch)

    def checked(*args: str) -> tuple[int, str, str]:
        code, out, err = invoke(*args)
        assert "Traceback" not in out + err
        for char in CONTROLS:
            assert char not in out + err, (args, char)
        return code, out, err

    return checked


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b]0;owned\x07Tides", "Tides"),  # window title (OSC 0, BEL-terminated)
        ("\x1b]0;owned\x1b\\Tides", "Tides"),  # ST-terminated
        ("a\x1b[2Jb\x1b[31mc", "abc"),  # clear screen, colour
        (LINK, "Harbour"),  # OSC 8 hyperlink: the text stays, the hidden target goes
        ("\x9b2Jx\x9d0;t\x07y", "xy"),  # 8-bit CSI and OSC
        ("line\nbreak\ttab\r", "line break tab "),
        ("nul\x00bell\x07del\x7f", "nulbelldel"),
        ("\u202eevil\u202c", "evil"),  # right-to-left override
        ("[/b] [red]x[/red] :smile:", "[/b] [red]x[/red] :smile:"),  # not markup: kept
        ("\x1b]0;never ends", ""),  # unterminated: the rest is the sequence's
    ],
)
def test_plain(raw, shown):
    assert plain(raw) == shown


def test_an_opml_title_with_markup_is_printed_as_it_is(cli, server, tmp_path):
    url = server.url("/a.rss")
    opml = tmp_path / "subs.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body>'
        f'<outline type="rss" text="[/b] [red]Harbour" xmlUrl="{url}"/>'
        '<outline type="rss" text="[bold]bad" xmlUrl="gopher://x[/b]"/></body></opml>'
    )
    code, out, err = cli("import", str(opml))
    assert code == 0 and "imported 1 source (0 already there, 1 invalid)" in out
    assert "gopher://x[/b]" in err
    code, out, _ = cli("sources")
    assert code == 0 and "[/b] [red]Harbour" in out
    code, out, _ = cli("pause", "1")
    assert code == 0 and "paused source 1: [/b] [red]Harbour" in out
    code, out, _ = cli("remove", "1")
    assert code == 0 and "removed source 1: [/b] [red]Harbour" in out


def test_escape_sequences_in_a_source_are_removed(cli, store):
    store.sources.add("https://tides.example/feed", title=TITLE, now=datetime.now(UTC))
    code, out, _ = cli("sources")
    assert code == 0 and "Tide [/b] tables [bold]up[/bold]" in out and "owned" not in out
    code, out, _ = cli("export")  # XML cannot hold the control characters either
    assert code == 0 and 'text="Tide [/b] tables [bold]up[/bold]"' in out


def test_escape_sequences_in_articles_are_removed(cli, server):
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": f"{LINK} Gazette",
        "items": [
            {
                "id": "1",
                "url": server.url("/a1"),
                "title": TITLE,
                "content_text": "The sandbagging went on \x1b[2J all night [/b] along the quay.",
                "authors": [{"name": "\x1b]0;x\x07Mara [i]Quill"}],
                "date_published": "2026-11-30T10:00:00Z",
            }
        ],
    }
    url = server.route(
        "/f.json", body=json.dumps(feed).encode(), headers={"Content-Type": "application/feed+json"}
    )
    code, out, _ = cli("add", url, "--full-text", "never")
    assert code == 0 and "added source 1:" in out and "Harbour Gazette" in out
    code, out, _ = cli("articles")
    assert code == 0 and "Tide [/b] tables" in out and "Mara [i]Quill" in out
    code, out, _ = cli("search", "sandbagging")
    assert code == 0 and "Tide [/b] tables" in out and "all night [/b] along" in out
