"""Commands that run for long: the web app, the demo, a fetch worker."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newsfeed.cli.database import Database, choose, demo_settings, opened, sqlite_file, store_for
from newsfeed.cli.output import err, note, out, plural, styled, working
from newsfeed.cli.refreshing import summary
from newsfeed.cli.state import run, settings
from newsfeed.settings import Settings

if TYPE_CHECKING:
    from newsfeed.update.result import RefreshResult

HOST = typer.Option("--host", help="Listen address.", metavar="ADDRESS", show_default=False)
PORT = typer.Option(
    "--port", min=1, max=65535, help="Listen port.", metavar="PORT", show_default=False
)


def serve(
    host: Annotated[str | None, HOST] = None,
    port: Annotated[int | None, PORT] = None,
    no_scheduler: Annotated[
        bool, typer.Option("--no-scheduler", help="Do not refresh sources in the background.")
    ] = False,
) -> None:
    """Run the web app (and the in-process scheduler that refreshes due sources)."""
    cfg = settings(host=host, port=port)
    with store_for(cfg, create=True) as store:
        _serve(cfg, store, scheduler=not no_scheduler)


def _serve(cfg: Settings, store: Any, *, scheduler: bool) -> None:
    from newsfeed.update.scheduler import run_forever
    from newsfeed.web.app import create_app
    from newsfeed.web.server import port_free
    from newsfeed.web.server import serve as serve_app

    port_free(cfg.host, cfg.port)
    background = (lambda: run_forever(store, cfg)) if scheduler else None
    serve_app(create_app(cfg, store, background=background), host=cfg.host, port=cfg.port)


def demo(
    host: Annotated[str | None, HOST] = None,
    port: Annotated[int | None, PORT] = None,
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Load the corpus and exit.")] = False,
) -> None:
    """Load the bundled sample corpus (no network) and serve it. Without a configured
    database it uses a fresh SQLite file in <data_dir>/demo, which the other commands read
    until you add a source of your own; a configured database (--database-url,
    NEWSFEED_DATABASE_URL) is added to, never replaced."""
    from newsfeed.demo import load_demo
    from newsfeed.web.server import port_free

    base = settings(host=host, port=port)
    own_database = not base.database_url  # a SQLite file in a demo folder of our own
    cfg = demo_settings(base) if own_database else base
    port_free(cfg.host, cfg.port)  # before the old demo database is replaced: a demo
    # already running there keeps its data
    database = sqlite_file(cfg.resolved_database_url)
    if own_database and database is not None:
        _remove_sqlite(database)
    with opened(Database(cfg.resolved_database_url)) as store:
        # The corpus server takes the web app's port while loading, so that the photo and
        # avatar URLs stored from the feeds point at the same origin the app serves them from.
        demo_cfg = cfg.replace(allow_private_addresses=True)
        with working("loading the sample corpus through the ingest pipeline"):
            report = run(load_demo(store, demo_cfg, port=cfg.port))
        err.print(styled(f"loaded: {report}"))
        for problem in report.errors:
            err.print(styled(("  failed: ", "red"), problem))
        note(_where_to_read(base, cfg, report.sources))
        if not no_serve:
            _serve(cfg, store, scheduler=False)


def _where_to_read(base: Settings, cfg: Settings, sources: int) -> str:
    paused = f"The {plural(sources, 'sample source')} are paused: the app serves their pages."
    if choose(base, create=False).url == cfg.resolved_database_url:
        return f"{paused} `newsfeed sources`, `newsfeed search WORDS` read this database too."
    return f"{paused} `newsfeed --data-dir {cfg.data_dir} sources` reads this database."


def _remove_sqlite(database: Path) -> None:
    """A fresh demo database, with no old journal."""
    for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
        path.unlink(missing_ok=True)


def worker(
    once: Annotated[bool, typer.Option("--once", help="One round, then exit.")] = False,
) -> None:
    """Refresh due sources in a loop (run any number of these against PostgreSQL)."""
    from newsfeed.update.scheduler import run_forever, run_once

    cfg = settings()
    with store_for(cfg, create=True) as store:
        if once:
            out.print(summary(run(run_once(store, cfg))))
            return
        err.print(styled(f"worker started on {store.url}; Ctrl-C to stop"))
        run(run_forever(store, cfg, on_round=_report_round))


def _report_round(results: list[RefreshResult]) -> None:
    if results:
        err.print(summary(results))
