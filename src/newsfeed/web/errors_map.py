"""How our stable error codes map to HTTP statuses, in one place for pages and API."""

from __future__ import annotations

import logging

from newsfeed.errors import (
    AlreadyExists,
    BadCursor,
    BadQuery,
    ExtractionError,
    FetchError,
    InvalidInput,
    NewsfeedError,
    NotFound,
    ParseError,
    StoreError,
)

log = logging.getLogger(__name__)

_STATUS: tuple[tuple[type[NewsfeedError], int], ...] = (
    (NotFound, 404),
    (BadCursor, 400),
    (BadQuery, 400),
    (InvalidInput, 422),
    (AlreadyExists, 409),
    (FetchError, 422),
    (ParseError, 422),
    (ExtractionError, 422),
    (StoreError, 503),
)

TITLES = {
    400: "Bad request",
    404: "Not found",
    405: "Method not allowed",
    409: "Already exists",
    422: "Unprocessable content",
    500: "Internal server error",
    503: "Service unavailable",
}


def status_for(exc: NewsfeedError) -> int:
    """The HTTP status that fits this error (500 for anything unexpected)."""
    for kind, status in _STATUS:
        if isinstance(exc, kind):
            return status
    return 500


def public_message(exc: NewsfeedError) -> str:
    """What a visitor may read about this error. A database failure names hosts, users,
    files and driver errors: that goes to the log, the visitor gets a plain sentence."""
    if isinstance(exc, StoreError):
        log.error("database error: %s", exc.message)
        return "The database is unavailable right now; please try again in a moment."
    return exc.message


def title_for(status: int) -> str:
    return TITLES.get(status, "Error")
