"""The `newsfeed` command: thin commands over the same services the web app uses.

Every NewsfeedError becomes one line on stderr and a non-zero exit; never a traceback."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from newsfeed.errors import InvalidInput, NewsfeedError
from newsfeed.model import MAX_PAGE_SIZE, Snippet
from newsfeed.settings import SETTINGS, Settings, load_settings

if TYPE_CHECKING:
    from newsfeed.update.result import RefreshResult

app = typer.Typer(
    help="newsfeed: a self-hosted news feed engine.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True)
app.add_typer(db_app, name="db")

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)
if not out.is_terminal:  # piped or captured: do not fold tables at 80 columns
    out.width = 250

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


PORT = typer.Option("--port", min=1, max=65535, help="Listen port.")


class State:
    overrides: ClassVar[dict[str, Any]] = {}


@app.callback()
def _global(
    database_url: Annotated[
        str | None, typer.Option("--database-url", help="SQLAlchemy URL (overrides settings).")
    ] = None,
    data_dir: Annotated[str | None, typer.Option("--data-dir", help="Data folder.")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what happens.")] = False,
) -> None:
    State.overrides = {"database_url": database_url, "data_dir": data_dir}
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


def settings(**extra: Any) -> Settings:
    merged = dict(State.overrides)
    merged.update({k: v for k, v in extra.items() if v is not None})
    return load_settings(**merged)


def friendly(fn: F) -> F:
    """Turn our errors into one line on stderr and exit status 1."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except NewsfeedError as exc:
            err.print(f"[red]error:[/red] {exc.message} [dim]({exc.code})[/dim]")
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            raise typer.Exit(130) from None
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except Exception as exc:  # a bug of ours: one line, the details with --verbose
            logging.getLogger("newsfeed").debug("unexpected error", exc_info=True)
            err.print(
                f"[red]error:[/red] internal error ({type(exc).__name__}: {exc}); "
                "run with --verbose for details, and please report it"
            )
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


@contextmanager
def opened_store(cfg: Settings) -> Iterator[Any]:
    from newsfeed.store import open_store

    url = cfg.resolved_database_url
    if url.startswith("sqlite:///"):
        folder = Path(url.removeprefix("sqlite:///")).parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InvalidInput(
                f"cannot use {folder} for the database: {exc.strerror}", code="bad_data_dir"
            ) from exc
    store = open_store(url)
    try:
        store.upgrade()
        yield store
    finally:
        store.close()


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def _when(dt: datetime | None) -> str:
    if dt is None:
        return "—"
    return dt.astimezone(UTC).strftime("%Y-%m-%d %H:%M")


# ── sources ──────────────────────────────────────────────────────────────────────────
@app.command()
@friendly
def add(
    url: Annotated[
        str, typer.Argument(help="A feed URL, a site's home page, or (with --page) an article.")
    ],
    page: Annotated[
        bool, typer.Option("--page", help="Follow URL as a single article page.")
    ] = False,
    full_text: Annotated[
        str, typer.Option("--full-text", help="auto | always | never: fetch article pages.")
    ] = "auto",
    title: Annotated[str | None, typer.Option("--title", help="Name to show.")] = None,
    no_refresh: Annotated[
        bool, typer.Option("--no-refresh", help="Only add; fetch later.")
    ] = False,
) -> None:
    """Add a source (finds the feed of a web site) and fetch it."""
    from newsfeed.update.service import add_source, refresh_sources

    cfg = settings()
    with opened_store(cfg) as store:
        kind = "page" if page else "feed"
        source = run(add_source(store, cfg, url, kind=kind, full_text=full_text, title=title))  # type: ignore[arg-type]
        out.print(f"added source {source.id}: {source.title or source.url} ({source.url})")
        if not no_refresh:
            (result,) = run(refresh_sources(store, cfg, [source.id]))
            _print_result(result)
            if not result.ok:
                raise typer.Exit(1)


@app.command("import")
@friendly
def import_opml(
    file: Annotated[Path, typer.Argument(help="An OPML file of subscriptions.")],
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
    cfg = settings()
    with opened_store(cfg) as store:
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
                err.print(f"[yellow]skipped[/yellow] {e.url}: {exc.message}")
    out.print(f"imported {added} sources ({skipped} already there, {bad} invalid) from {file}")


@app.command()
@friendly
def export(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
) -> None:
    """Export the sources as OPML."""
    from newsfeed.parse.opml import OpmlEntry, write_opml

    with opened_store(settings()) as store:
        data = write_opml(
            OpmlEntry(s.url, s.title, s.site_url) for s in store.sources.all() if s.kind == "feed"
        )
    if output:
        try:
            output.write_bytes(data)
        except OSError as exc:
            raise InvalidInput(
                f"cannot write {output}: {exc.strerror}", code="bad_argument"
            ) from exc
    else:
        sys.stdout.write(data.decode("utf-8"))


@app.command()
@friendly
def remove(
    source_id: Annotated[int, typer.Argument(help="Source id (see `newsfeed sources`).")],
) -> None:
    """Remove a source and its articles."""
    with opened_store(settings()) as store:
        source = store.sources.get(source_id)
        store.sources.remove(source_id)
    out.print(f"removed source {source_id}: {source.title or source.url}")


@app.command()
@friendly
def sources() -> None:
    """List sources with their health: last fetch, next fetch, errors."""
    with opened_store(settings()) as store:
        rows = store.sources.all()
    if not rows:
        out.print("no sources yet: add one with `newsfeed add URL`")
        return
    table = Table("id", "title", "kind", "articles", "last fetch", "next fetch", "status")
    for s in rows:
        status = (
            f"[red]{s.last_error_code}[/red] ×{s.error_count}: {s.last_error}"
            if s.error_count
            else ("[green]ok[/green]" if s.last_success_at else "new")
        )
        if not s.enabled:
            status = "disabled"
        table.add_row(
            str(s.id),
            s.title or s.url,
            s.kind,
            str(s.article_count),
            _when(s.last_fetched_at),
            _when(s.next_fetch_at),
            status,
        )
    out.print(table)


def _print_result(r: Any) -> None:
    mark = "[green]ok[/green]" if r.ok else "[red]error[/red]"
    out.print(f"{mark} {r.url}: {r.summary}")


@app.command()
@friendly
def refresh(
    source_ids: Annotated[
        list[int] | None, typer.Argument(help="Source ids; default: the due ones.")
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Every enabled source, due or not.")] = False,
) -> None:
    """Fetch sources now: the given ids, every due one, or --all."""
    cfg = settings()
    with opened_store(cfg) as store:
        results = run(_refresh_with_progress(store, cfg, source_ids or None, all_))
    failed = [r for r in results if not r.ok]
    for r in failed:
        _print_result(r)
    new = sum(r.new for r in results)
    updated = sum(r.updated for r in results)
    out.print(
        f"refreshed {len(results)} sources: {new} new, {updated} updated articles, "
        f"{len(failed)} failed"
    )
    if failed and len(failed) == len(results):
        raise typer.Exit(1)


async def _refresh_with_progress(
    store: Any, cfg: Settings, ids: list[int] | None, force: bool
) -> list[Any]:
    from newsfeed.update.service import refresh_sources

    with Progress(
        TextColumn("refreshing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task("refresh", total=None)
        results = await refresh_sources(store, cfg, ids, force=force)
        bar.update(task, total=len(results), completed=len(results))
    return results


# ── articles ─────────────────────────────────────────────────────────────────────────
@app.command()
@friendly
def articles(
    source: Annotated[int | None, typer.Option("--source", help="Only this source id.")] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, max=MAX_PAGE_SIZE, help="How many.")
    ] = 20,
) -> None:
    """The newest articles."""
    from newsfeed.model import ArticleItem, ArticleQuery

    with opened_store(settings()) as store:
        page = store.articles.page(ArticleQuery(load=ArticleItem, limit=limit, source_id=source))
    if not page.items:
        out.print("no articles yet: add a source and `newsfeed refresh`")
        return
    table = Table("id", "published", "outlet", "title", "read", "by")
    for a in page.items:
        table.add_row(
            str(a.id),
            _when(a.published_at),
            a.source_title or "",
            a.title,
            f"{a.reading_minutes} min",
            ", ".join(x.name for x in a.authors),
        )
    out.print(table)


@app.command()
@friendly
def search(
    query: Annotated[str, typer.Argument(help="Words to look for.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=MAX_PAGE_SIZE)] = 20,
) -> None:
    """Full-text search over titles, summaries and bodies."""
    from newsfeed.model import ArticleQuery, ArticleSummary

    with opened_store(settings()) as store:
        page = store.articles.search(ArticleQuery(load=ArticleSummary, text=query, limit=limit))
    if not page.items:
        out.print(f"nothing found for {query!r}")
        return
    for hit in page.items:
        a = hit.article
        out.print(_hit_heading(a.id, a.title, a.source_title, _when(a.published_at)))
        out.print(Text("    ").append_text(_marked(hit.snippet)))


def _hit_heading(article_id: int, title: str, outlet: str | None, when: str) -> Text:
    """Plain Text, never markup: a title from a feed can hold `[/b]` or any bracket."""
    heading = Text(f"{article_id} ", style="bold").append(title)
    return heading.append(f" — {outlet}, {when}", style="dim")


def _marked(snippet: Snippet) -> Text:
    """A search snippet with its matches in bold."""
    text = Text(snippet.text)
    for start, end in snippet.spans:
        text.stylize("bold yellow", start, end)
    return text


# ── serving ──────────────────────────────────────────────────────────────────────────
@app.command()
@friendly
def serve(
    host: Annotated[str | None, typer.Option("--host", help="Listen address.")] = None,
    port: Annotated[
        int | None, typer.Option("--port", min=1, max=65535, help="Listen port.")
    ] = None,
    no_scheduler: Annotated[
        bool, typer.Option("--no-scheduler", help="Do not refresh sources in the background.")
    ] = False,
) -> None:
    """Run the web app (and the in-process scheduler that refreshes due sources)."""
    cfg = settings(host=host, port=port)
    with opened_store(cfg) as store:
        _serve(cfg, store, scheduler=not no_scheduler)


def port_free(host: str, port: int) -> None:
    """InvalidInput naming the port when something already listens there."""
    import socket

    with socket.socket() as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise InvalidInput(
                f"cannot listen on {host}:{port} ({exc.strerror}); choose another with --port",
                code="port_in_use",
            ) from None


def _serve(cfg: Settings, store: Any, *, scheduler: bool) -> None:
    from newsfeed.update.scheduler import run_forever
    from newsfeed.web.app import create_app
    from newsfeed.web.server import serve as serve_app

    port_free(cfg.host, cfg.port)
    background = (lambda: run_forever(store, cfg)) if scheduler else None
    serve_app(create_app(cfg, store, background=background), host=cfg.host, port=cfg.port)


@app.command()
@friendly
def demo(
    host: Annotated[str | None, typer.Option("--host", help="Listen address.")] = None,
    port: Annotated[
        int | None, typer.Option("--port", min=1, max=65535, help="Listen port.")
    ] = None,
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Load the corpus and exit.")] = False,
) -> None:
    """Load the bundled sample corpus (no network) and serve it. Without a configured
    database it uses a fresh SQLite file in <data_dir>/demo; a configured database
    (--database-url, NEWSFEED_DATABASE_URL) is added to, never replaced."""
    from newsfeed.demo import load_demo

    overrides: dict[str, Any] = {"host": host, "port": port}
    base = settings()
    own_database = not base.database_url  # a SQLite file in a demo folder of our own
    if own_database:
        overrides["data_dir"] = str(Path(base.data_dir) / "demo")
    cfg = settings(**overrides)
    port_free(cfg.host, cfg.port)  # before the old demo database is replaced: a demo
    # already running there keeps its data
    if own_database:
        database = Path(cfg.resolved_database_url.removeprefix("sqlite:///"))
        for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
            path.unlink(missing_ok=True)  # a fresh demo database, with no old journal
    with opened_store(cfg) as store:
        err.print("loading the sample corpus through the ingest pipeline…")
        # The corpus server takes the web app's port while loading, so that the photo and
        # avatar URLs stored from the feeds point at the same origin the app serves them from.
        demo_cfg = cfg.replace(allow_private_addresses=True)
        report = run(load_demo(store, demo_cfg, port=cfg.port))
        err.print(f"loaded: {report}")
        if not no_serve:
            _serve(cfg, store, scheduler=False)


@app.command()
@friendly
def worker(
    once: Annotated[bool, typer.Option("--once", help="One round, then exit.")] = False,
) -> None:
    """Refresh due sources in a loop (run any number of these against PostgreSQL)."""
    from newsfeed.update.scheduler import run_forever, run_once

    cfg = settings()
    with opened_store(cfg) as store:
        if once:
            results = run(run_once(store, cfg))
            out.print(f"refreshed {len(results)} due sources")
            return
        err.print(f"worker started on {store.url}; Ctrl-C to stop")
        run(run_forever(store, cfg, on_round=_report_round))


def _report_round(results: list[RefreshResult]) -> None:
    if results:
        err.print(f"refreshed {len(results)}")


@db_app.command("upgrade")
@friendly
def db_upgrade() -> None:
    """Apply database migrations (also done on every start)."""
    cfg = settings()
    with opened_store(cfg) as store:
        out.print(f"database is up to date: {store.url}")


@app.command("settings")
def show_settings() -> None:
    """The settings table: name, environment variable, default, value now, help."""
    cfg = settings()
    table = Table("setting", "environment", "default", "now", "help")
    for s in SETTINGS:
        table.add_row(
            s.name,
            f"NEWSFEED_{s.name.upper()}",
            repr(s.default),
            repr(getattr(cfg, s.name)),
            s.help,
        )
    out.print(table)


def main() -> None:
    try:
        app()
    except NewsfeedError as exc:  # raised while reading settings, before a command runs
        err.print(f"[red]error:[/red] {exc.message} [dim]({exc.code})[/dim]")
        sys.exit(1)


if __name__ == "__main__":
    main()
