"""Turn whatever httpx, aiohttp, the socket layer or the guard raised into one FetchError
with a stable code and one human line naming the URL. Nothing else leaves the fetch package."""

from __future__ import annotations

import ssl
from collections.abc import Iterator

import aiohttp
import httpx

from newsfeed.errors import FetchError
from newsfeed.fetch.decode import DecodeError
from newsfeed.fetch.guard import AddressNotAllowed, NameNotResolved

TRANSLATED: tuple[type[BaseException], ...] = (
    httpx.HTTPError,
    httpx.InvalidURL,
    httpx.StreamError,
    aiohttp.ClientError,
    AddressNotAllowed,
    DecodeError,
    OSError,
    TimeoutError,
)

_TIMEOUTS = (httpx.TimeoutException, TimeoutError)
_BAD_URL = (httpx.UnsupportedProtocol, httpx.InvalidURL, aiohttp.InvalidURL)


def translate(exc: BaseException, url: str) -> FetchError:
    """The FetchError for `exc`, raised while fetching `url`."""
    code, problem = _classify(exc)
    return FetchError(f"{url}: {problem}", code=code, url=url)


def _classify(exc: BaseException) -> tuple[str, str]:
    if isinstance(exc, AddressNotAllowed):
        return "address_not_allowed", f"refused: {exc}"
    if isinstance(exc, DecodeError):
        return "bad_encoding", f"the body could not be decoded: {exc}"
    if isinstance(exc, _TIMEOUTS):
        return "timeout", "timed out"
    tls = _tls_cause(exc)
    if tls is not None:
        return "tls_error", f"TLS failed: {getattr(tls, 'reason', None) or tls}"
    if isinstance(exc, _BAD_URL):
        return "bad_url", f"cannot request this URL: {exc or type(exc).__name__}"
    return "connection_failed", f"connection failed: {_detail(exc)}"


def _tls_cause(exc: BaseException) -> ssl.SSLError | None:
    return next((e for e in _chain(exc) if isinstance(e, ssl.SSLError)), None)


def _detail(exc: BaseException) -> str:
    for cause in _chain(exc):
        if isinstance(cause, NameNotResolved):
            return str(cause)
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, ConnectionResetError):
            return "connection reset by the server"
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def _chain(exc: BaseException | None) -> Iterator[BaseException]:
    """`exc` and its causes, innermost last (bounded, in case of a cycle)."""
    for _ in range(10):
        if exc is None:
            return
        yield exc
        exc = exc.__cause__ or exc.__context__
