"""`newsfeed refresh`, and the progress and results every command that fetches shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from newsfeed.cli.database import store_for
from newsfeed.cli.output import error_line, out, plural, styled, working
from newsfeed.cli.state import run, settings
from newsfeed.settings import Settings
from newsfeed.store.api import Store

if TYPE_CHECKING:
    from newsfeed.update.result import RefreshResult


def refresh(
    source_ids: Annotated[
        list[int] | None,
        typer.Argument(help="Source ids; default: the due ones.", metavar="ID", show_default=False),
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Every enabled source, due or not.")] = False,
) -> None:
    """Fetch sources now: the given ids, every due one, or --all."""
    cfg = settings()
    with store_for(cfg) as store:
        results = refresh_with_progress(store, cfg, source_ids or None, force=all_)
    failed = [r for r in results if not r.ok]
    for r in failed:
        print_result(r)
    out.print(summary(results))
    if failed and len(failed) == len(results):
        raise typer.Exit(1)


def summary(results: list[RefreshResult]) -> str:
    """'refreshed 3 sources: 5 new, 1 updated article, 1 failed'."""
    new = sum(r.new for r in results)
    updated = sum(r.updated for r in results)
    failed = sum(not r.ok for r in results)
    return (
        f"refreshed {plural(len(results), 'source')}: {new} new, "
        f"{plural(updated, 'updated article')}, {failed} failed"
    )


def print_result(r: RefreshResult) -> None:
    """`ok source 3: 2 new, …` on stdout, or `error: source 3: <url>: … (http_404)` on
    stderr: the URL once (a fetch error names it in its message already)."""
    message = r.error_message or ""
    where = f"source {r.source_id}" if r.url in message else f"source {r.source_id} {r.url}"
    if r.ok:
        out.print(styled(("ok", "green"), f" {where}: {r.summary}"))
    else:
        error_line(f"{where}: {message}", r.error_code)


def refresh_with_progress(
    store: Store, cfg: Settings, ids: list[int] | None, *, force: bool = False
) -> list[RefreshResult]:
    """Refresh with a spinner on stderr that names each request as it is made."""
    with working(f"refreshing {_what(ids, force)}") as show:
        return run(_refresh(store, cfg, ids, force, show))


def _what(ids: list[int] | None, force: bool) -> str:
    if ids:
        return plural(len(ids), "source")
    return "every source" if force else "the due sources"


async def _refresh(
    store: Store, cfg: Settings, ids: list[int] | None, force: bool, show: Callable[[str], None]
) -> list[RefreshResult]:
    from newsfeed.update.service import refresh_sources

    async with _reporting_fetcher(cfg, show) as fetcher:
        return await refresh_sources(store, cfg, ids, force=force, fetcher=fetcher)


def _reporting_fetcher(cfg: Settings, show: Callable[[str], None]) -> Any:
    """A Fetcher that tells `show` how many requests it has made and which one is next."""
    from newsfeed.fetch import Fetcher

    class Reporting(Fetcher):
        made = 0

        async def get(self, url: str, **kwargs: Any) -> Any:
            self.made += 1
            show(f"request {self.made}: {url}")
            return await super().get(url, **kwargs)

    return Reporting(cfg)
