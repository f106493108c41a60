"""One exception tree. Every error carries a stable `code` (stored on sources, shown to
users, used by the API) and a human message. Third-party exceptions are translated once, at
the boundary that calls the library (`raise FetchError(...) from exc`)."""

from __future__ import annotations


class NewsfeedError(Exception):
    """Base of every error this package raises on purpose."""

    code = "error"

    def __init__(self, message: str, *, code: str | None = None, url: str | None = None):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.url = url

    def __str__(self) -> str:
        return self.message


class FetchError(NewsfeedError):
    """Getting bytes failed: timeout, too_large, too_many_redirects, address_not_allowed,
    connection_failed, tls_error, bad_url, bad_encoding (a body that does not decode with
    its Content-Encoding), http_<status>."""

    code = "fetch_failed"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        url: str | None = None,
        retry_after_s: float | None = None,
    ):
        super().__init__(message, code=code, url=url)
        self.retry_after_s = retry_after_s


class ParseError(NewsfeedError):
    """The bytes are not something we can read: not_a_feed, bad_json, empty, no_article."""

    code = "not_a_feed"


class ExtractionError(NewsfeedError):
    """An article page could not be turned into an article: no_article."""

    code = "no_article"


class InvalidInput(NewsfeedError):
    """A user gave us something wrong: bad_url, bad_argument, bad_opml, bad_cursor, bad_query."""

    code = "invalid_input"


class BadCursor(InvalidInput):
    code = "bad_cursor"


class BadQuery(InvalidInput):
    code = "bad_query"


class NotFound(NewsfeedError):
    code = "not_found"


class AlreadyExists(NewsfeedError):
    code = "already_exists"


class StoreError(NewsfeedError):
    """The database is unreachable or refused the operation."""

    code = "store_error"
