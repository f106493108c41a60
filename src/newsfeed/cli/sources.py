"""Commands about sources: add, import, export, remove, pause, resume, and the list with
each one's health."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from newsfeed.cli.database import store_for
from newsfeed.cli.output import err, out, plain, plural, styled, working
from newsfeed.cli.refreshing import print_result, refresh_with_progress
from newsfeed.cli.state import run, settings
from newsfeed.errors import InvalidInput
from newsfeed.model import Source, SourceEdit

SOURCE_IDS = typer.Argument(
    help="Source ids (see `newsfeed sources`).", metavar="ID", show_default=False
)


def add(
    url: Annotated[
        str,
        typer.Argument(
            help="A feed URL, a site's home page, or (with --page) an article.", metavar="URL"
        ),
    ],
    page: Annotated[
        bool, typer.Option("--page", help="Follow URL as a single article page.")
    ] = False,
    full_text: Annotated[
        str,
        typer.Option(
            "--full-text", help="auto | always | never: fetch article pages.", metavar="MODE"
        ),
    ] = "auto",
    title: Annotated[
        str | None, typer.Option("--title", help="Name to show.", metavar="NAME")
    ] = None,
    no_refresh: Annotated[
        bool, typer.Option("--no-refresh", help="Only add; fetch later.")
    ] = False,
) -> None:
    """Add a source (finds the feed of a web site) and fetch it."""
    from newsfeed.update.service import add_source

    cfg = settings()
    with store_for(cfg, create=True) as store:
        kind = "page" if page else "feed"
        with working(f"looking at {url}"):
            source = run(add_source(store, cfg, url, kind=kind, full_text=full_text, title=title))  # type: ignore[arg-type]
        out.print(styled(f"added source {source.id}: ", source.title or source.url))
        if not no_refresh:
            (result,) = refresh_with_progress(store, cfg, [source.id])
            print_result(result)
            if not result.ok:
                raise typer.Exit(1)


def import_opml(
    file: Annotated[Path, typer.Argument(help="An OPML file of subscriptions.", metavar="FILE")],
) -> None:
    """Add every feed of an OPML file (no fetching; `newsfeed refresh` fetches them)."""
    from newsfeed.errors import AlreadyExists
    from newsfeed.parse.opml import read_opml
    from newsfeed.update.refresh import utcnow
    from newsfeed.update.service import clean_url

    try:
        content = file.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"cannot read {file}: {exc.strerror}", code="bad_argument") from exc
    entries = read_opml(content)
    added = skipped = bad = 0
    with store_for(settings(), create=True) as store:
        for e in entries:
            try:
                store.sources.add(
                    clean_url(e.url), title=e.title, site_url=e.site_url, now=utcnow()
                )
                added += 1
            except AlreadyExists:
                skipped += 1
            except InvalidInput as exc:
                bad += 1
                err.print(styled(("skipped", "yellow"), f" {e.url}: {exc.message}"))
    out.print(
        styled(
            f"imported {plural(added, 'source')} ({skipped} already there, {bad} invalid) "
            f"from {file}"
        )
    )


def export(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here instead of stdout.", metavar="FILE"),
    ] = None,
) -> None:
    """Export the sources as OPML."""
    from newsfeed.parse.opml import OpmlEntry, write_opml

    with store_for(settings()) as store:
        feeds = [s for s in store.sources.all() if s.kind == "feed"]
    # XML holds no control characters: a title with an escape sequence is written plain.
    data = write_opml(OpmlEntry(s.url, s.title and plain(s.title), s.site_url) for s in feeds)
    if output:
        try:
            output.write_bytes(data)
        except OSError as exc:
            raise InvalidInput(
                f"cannot write {output}: {exc.strerror}", code="bad_argument"
            ) from exc
    else:
        sys.stdout.write(data.decode("utf-8"))


def remove(
    source_id: Annotated[
        int, typer.Argument(help="Source id (see `newsfeed sources`).", metavar="ID")
    ],
) -> None:
    """Remove a source and its articles."""
    with store_for(settings()) as store:
        source = store.sources.get(source_id)
        store.sources.remove(source_id)
    out.print(styled(f"removed source {source_id}: ", source.title or source.url))


def pause(source_ids: Annotated[list[int], SOURCE_IDS]) -> None:
    """Pause sources: they are not fetched until resumed."""
    for source in _set_enabled(source_ids, enabled=False):
        out.print(styled(f"paused source {source.id}: ", source.title or source.url))


def resume(source_ids: Annotated[list[int], SOURCE_IDS]) -> None:
    """Resume paused sources: fetched again when next due (at once if overdue)."""
    now = datetime.now(UTC)
    for source in _set_enabled(source_ids, enabled=True):
        due = source.next_fetch_at
        when = _when(due, now) if due and due > now else "now"
        line = styled(f"resumed source {source.id}: ", source.title or source.url)
        out.print(line.append(f" (next fetch: {when})"))


def _set_enabled(source_ids: list[int], *, enabled: bool) -> list[Source]:
    with store_for(settings()) as store:
        for source_id in source_ids:
            store.sources.get(source_id)  # NotFound names a wrong id before anything changes
        return [store.sources.edit(i, SourceEdit(enabled=enabled)) for i in source_ids]


def sources() -> None:
    """List sources with their health: last fetch, next fetch, status."""
    from rich.box import SIMPLE_HEAD
    from rich.table import Table

    with store_for(settings()) as store:
        rows = store.sources.all()
    if not rows:
        out.print("no sources yet: add one with `newsfeed add URL`")
        return
    now = datetime.now(UTC)
    table = Table(box=SIMPLE_HEAD, pad_edge=False)
    for name in ("id", "source", "articles", "last fetch", "next fetch", "status"):
        table.add_column(name, justify="right" if name in {"id", "articles"} else "left")
    for s in rows:
        next_fetch = "—" if not s.enabled else _when(s.next_fetch_at, now)
        table.add_row(
            str(s.id),
            styled(s.title or s.url),
            str(s.article_count),
            _when(s.last_fetched_at, now),
            next_fetch,
            _status(s),
        )
    out.print(table, soft_wrap=False)
    _print_details(rows)


def _status(s: Source) -> Text:
    if not s.enabled:
        return styled(("paused", "yellow"))
    if s.error_count:
        return styled(("failing", "red"), f" ×{s.error_count}")
    return styled(("ok", "green")) if s.last_success_at else Text("new")


def _print_details(rows: list[Source]) -> None:
    """Below the table, why sources are paused (one line per reason) or failing."""
    paused = [s for s in rows if not s.enabled]
    reasons: dict[int, str] = {}
    if paused:
        from newsfeed.demo import pause_reasons

        reasons = pause_reasons(paused)
    by_reason: dict[str, list[int]] = {}
    for s in paused:
        by_reason.setdefault(reasons.get(s.id, "not fetched until resumed"), []).append(s.id)
    for why, ids in by_reason.items():
        label = f"{ids[0]} paused" if len(ids) == 1 else f"paused ({_ids(ids)})"
        resume = f"newsfeed resume {ids[0] if len(ids) == 1 else 'ID'}"
        out.print(styled((label, "yellow"), f": {why} (`{resume}`)"), soft_wrap=False)
    for s in rows:
        if s.error_count and s.last_error_code:
            line = styled(f"{s.id} ", (s.last_error_code, "red"), f": {s.last_error or ''}")
            out.print(line, soft_wrap=False)  # folded at words in a terminal


def _ids(ids: list[int]) -> str:
    return ", ".join(str(i) for i in sorted(ids))


def _when(moment: datetime | None, now: datetime) -> str:
    from newsfeed.web.timefmt import relative

    return relative(moment, now) if moment else "never"
