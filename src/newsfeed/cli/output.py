"""What the command prints, and how: two consoles that never read markup, text from feeds
and files made safe for a terminal, one-line errors, and a spinner while slow work runs.

Titles, URLs and error messages come from strangers (feeds, pages, OPML files). Printed as
Rich markup, a title `[/b]` raises; printed raw, `ESC]0;…` retitles the terminal, `ESC[2J`
clears it and OSC 8 makes a link that shows one address and opens another. So every such
string goes through `plain()` and into a `Text`, never into a markup string."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.text import Text

out = Console(highlight=False, markup=False, emoji=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, markup=False, emoji=False, soft_wrap=True)
if not out.is_terminal:  # piped or captured: do not fold tables at 80 columns
    out.width = 250

_SEQUENCES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, clearing the screen
    r"|\x9b[0-?]*[ -/]*[@-~]"  # the same, in its 8-bit form
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]).*?(?:\x07|\x1b\\|\x9c|$)"  # OSC (titles,
    # OSC 8 links), DCS, SOS, PM, APC: up to their terminator, or to the end if none
    r"|\x1b[ -/]*[0-~]",  # any other escape sequence
    re.DOTALL,
)
_BREAKS = re.compile(r"[\t\n\r\x0b\x0c\x85\u2028\u2029]+")
# Other C0/C1 controls, and the bidirectional overrides that can reorder what is shown.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def plain(value: object) -> str:
    """`value` as one line of text a terminal shows as it is: escape sequences removed
    with their payload, line breaks made spaces, other control characters dropped."""
    text = _SEQUENCES.sub("", str(value))
    return _CONTROLS.sub("", _BREAKS.sub(" ", text))


def styled(*parts: str | tuple[str, str]) -> Text:
    """Text from plain parts and (text, style) pairs; every text goes through `plain`."""
    text = Text()
    for part in parts:
        if isinstance(part, tuple):
            text.append(plain(part[0]), style=part[1])
        else:
            text.append(plain(part))
    return text


def plural(count: int, word: str) -> str:
    """'1 source', '2 sources'."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def error_line(message: str, code: str | None = None) -> None:
    """`error: message (code)` as one line on stderr."""
    line = styled(("error:", "bold red"), " ", message)
    if code:
        line.append(f" ({plain(code)})", style="dim")
    err.print(line)


def note(message: str) -> None:
    """A dim remark on stderr (which database, what happens next): not part of the output."""
    err.print(styled((message, "dim")))


@contextmanager
def working(label: str) -> Iterator[Callable[[str], None]]:
    """A spinner with `label` and the time so far on stderr while slow work runs; gone
    when it ends, and nothing at all when stderr is not a terminal. Yields a function
    that shows what is happening now beside the label."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
    from rich.table import Column

    line = Column(no_wrap=True, overflow="ellipsis", ratio=1)
    with Progress(
        SpinnerColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}", markup=False, table_column=line),
        console=err,
        transient=True,
        expand=True,
        disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task(plain(label))
        yield lambda detail: bar.update(task, description=plain(f"{label}: {detail}"))
