"""The `newsfeed` command: its global options, its commands, and how it fails.

Every failure is one line on stderr and a non-zero exit, never a traceback nor a box: our
errors (status 1), wrong usage such as a missing argument or an unknown option (status 2,
as click has it), and a bug of ours (status 2, the details with --verbose)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from newsfeed import __version__
from newsfeed.cli import admin, articles, logs, refreshing, serving, sources
from newsfeed.cli.output import error_line, out
from newsfeed.cli.state import State
from newsfeed.errors import NewsfeedError


class OneLineGroup(TyperGroup):
    """Runs the command itself rather than in click's standalone mode, to report every
    failure in one line."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        code = _status(
            lambda: super(OneLineGroup, self).main(
                args, prog_name, complete_var, standalone_mode=False, **extra
            )
        )
        if not standalone_mode:
            return code
        sys.exit(code)


def _status(command: Any) -> int:
    """Run `command`; its exit status, after saying in one line what went wrong."""
    try:
        code = command()  # without standalone mode click returns the status of an exit
    except typer.Abort:
        error_line("aborted")
        return 1
    except NewsfeedError as exc:
        error_line(exc.message, exc.code)
        return 1
    except Exception as exc:
        if _is_a(exc, "NoArgsIsHelpError"):  # the help; printed already when rich is on
            help_text = exc.format_message()  # type: ignore[attr-defined]
            if help_text.strip():
                typer.echo(help_text)
            return int(exc.exit_code)  # type: ignore[attr-defined]
        if _is_a(exc, "ClickException"):  # a usage error
            error_line(_usage_message(exc))
            return int(exc.exit_code)  # type: ignore[attr-defined]
        _internal_error(exc)
        return 2
    return code if isinstance(code, int) else 0


def _is_a(exc: Exception, name: str) -> bool:
    """Whether `exc` is click's exception `name`, by name: typer ships its own copy of
    click (typer._click), whose classes are not those of an installed click."""
    return any(cls.__name__ == name for cls in type(exc).__mro__)


def _internal_error(exc: Exception) -> None:
    """A bug of ours: one line; the details with --verbose."""
    logging.getLogger("newsfeed").error("unexpected error", exc_info=exc)  # --verbose shows it
    error_line(
        f"internal error ({type(exc).__name__}: {exc}); run with --verbose for details, "
        "and please report it"
    )


def _usage_message(exc: Exception) -> str:
    message = " ".join(exc.format_message().split())  # type: ignore[attr-defined]
    ctx = getattr(exc, "ctx", None)
    if ctx is None:
        return message
    return f"{message} (see `{ctx.command_path} --help`)"


app = typer.Typer(
    cls=OneLineGroup,
    help="newsfeed: a self-hosted news feed engine.",
    rich_markup_mode=None,  # plain help: rich's panels name every flag's type "<bool>"
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True, rich_markup_mode=None)
app.add_typer(db_app, name="db")


def _version(value: bool) -> None:
    if value:
        out.print(f"newsfeed {__version__}")
        raise typer.Exit()


@app.callback()
def _global(
    database_url: Annotated[
        str | None,
        typer.Option("--database-url", help="SQLAlchemy URL (overrides settings).", metavar="URL"),
    ] = None,
    data_dir: Annotated[
        str | None, typer.Option("--data-dir", help="Data folder.", metavar="DIR")
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log what happens.")] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Show the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
) -> None:
    State.overrides = {"database_url": database_url, "data_dir": data_dir}
    logs.configure(verbose)


app.command()(sources.add)
app.command("import")(sources.import_opml)
app.command()(sources.export)
app.command()(sources.remove)
app.command()(sources.sources)
app.command()(sources.pause)
app.command()(sources.resume)
app.command()(refreshing.refresh)
app.command()(articles.articles)
app.command()(articles.search)
app.command()(serving.serve)
app.command()(serving.demo)
app.command()(serving.worker)
app.command("settings")(admin.show_settings)
db_app.command("upgrade")(admin.db_upgrade)


def main() -> None:
    app(prog_name="newsfeed")
