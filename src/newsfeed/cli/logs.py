"""Log lines on the terminal only with `--verbose`. Without it, no library's log record or
warning reaches the user (trafilatura logs an ERROR for every page it cannot read, which
we already report in our own words); with it, every record from INFO up, made plain."""

from __future__ import annotations

import logging
import warnings

from newsfeed.cli.output import err, plain


class _Plain(logging.Filter):
    """A record's message after `plain()`: a log line quotes feeds and URLs too."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = plain(record.getMessage()), None
        return True


def configure(verbose: bool) -> None:
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "newsfeed_cli", False)]:
        root.removeHandler(handler)  # from an earlier run in this process (tests)
    handler = _verbose_handler() if verbose else logging.NullHandler()
    # Without --verbose a handler that drops everything, so that Python's last-resort
    # handler (WARNING and up to stderr when no handler is found) never prints either.
    handler.newsfeed_cli = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    if verbose:
        root.setLevel(logging.INFO)
        logging.getLogger("alembic").setLevel(logging.WARNING)  # its plugin list, each start
        logging.getLogger("alembic.runtime.migration").setLevel(logging.INFO)  # migrations run
        logging.captureWarnings(True)
    else:
        warnings.simplefilter("ignore")


def _verbose_handler() -> logging.Handler:
    from rich.logging import RichHandler

    handler = RichHandler(console=err, show_path=False, markup=False, rich_tracebacks=False)
    handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    handler.addFilter(_Plain())
    return handler
