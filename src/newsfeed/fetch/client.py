"""The one guarded HTTP client every outbound request goes through.

`Fetcher.get` follows redirects itself, hop by hop (each hop gets a fresh URL check, a
per-host slot and the SSRF guard on its connection), under one total deadline that covers
every hop and the whole body. See docs/design/fetch.md for the rules and why."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Self

import httpx

from newsfeed import USER_AGENT
from newsfeed.errors import FetchError
from newsfeed.fetch.body import read_body
from newsfeed.fetch.decode import ACCEPT_ENCODING
from newsfeed.fetch.guard import AddressPolicy, AddressPredicate, Resolver, is_public_address
from newsfeed.fetch.headers import parse_content_type, retry_after_s
from newsfeed.fetch.hosts import HostSlots
from newsfeed.fetch.translate import TRANSLATED, translate
from newsfeed.fetch.transport import GuardedTransport
from newsfeed.fetch.urls import REDIRECT_STATUSES, checked_url, redirect_target
from newsfeed.model import FetchResult
from newsfeed.settings import Settings


@dataclass
class _Trip:
    """One call to `get`: what was asked, and what happened on the way."""

    url: str
    etag: str | None
    last_modified: str | None
    started: float = 0.0
    redirects: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Answer:
    status: int
    headers: dict[str, str]
    content: bytes = b""


class Fetcher:
    """Async context manager; one connection pool and one set of per-host slots.

    `transport` replaces the guarded transport (then the SSRF guard is the transport's job);
    `resolver` and `address_allowed` tune the guard (tests use them to fake public hosts)."""

    def __init__(
        self,
        settings: Settings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        resolver: Resolver | None = None,
        address_allowed: AddressPredicate | None = None,
    ) -> None:
        self._settings = settings
        self._slots = HostSlots(settings.per_host_concurrency)
        policy = AddressPolicy(
            settings.allow_private_addresses, address_allowed or is_public_address
        )
        self._transport = transport or GuardedTransport(policy, resolver=resolver)
        # Every request carries the same per-phase timeouts; the total deadline is ours.
        self._timeouts = httpx.Timeout(settings.fetch_timeout_s).as_dict()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._transport.aclose()

    async def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str | None = None,
    ) -> FetchResult:
        """GET `url`: the final answer, or FetchError with a stable code."""
        target = checked_url(url)
        trip = _Trip(str(url).strip(), etag, last_modified)
        headers = _request_headers(etag, last_modified, accept)
        timeout_s = self._settings.fetch_timeout_s
        try:
            async with asyncio.timeout(None) as deadline:
                return await self._follow(target, headers, trip, deadline)
        except TimeoutError as exc:
            message = f"{trip.url}: no complete answer within {timeout_s:g} s"
            raise FetchError(message, code="timeout", url=trip.url) from exc

    async def _follow(
        self, url: httpx.URL, headers: dict[str, str], trip: _Trip, deadline: asyncio.Timeout
    ) -> FetchResult:
        while True:
            async with self._slots.hold(url.host):
                self._start_clock(trip, deadline)
                outcome = await self._hop(url, headers)
            if isinstance(outcome, _Answer):
                return _result(outcome, url, trip)
            trip.redirects.append(str(url))
            if len(trip.redirects) > self._settings.max_redirects:
                raise _too_many_redirects(trip, self._settings.max_redirects)
            url = outcome

    def _start_clock(self, trip: _Trip, deadline: asyncio.Timeout) -> None:
        """The deadline starts once the first hop has its slot: queueing does not count."""
        if deadline.when() is None:
            trip.started = time.monotonic()
            loop = asyncio.get_running_loop()
            deadline.reschedule(loop.time() + self._settings.fetch_timeout_s)

    async def _hop(self, url: httpx.URL, headers: dict[str, str]) -> httpx.URL | _Answer:
        try:
            request = httpx.Request(
                "GET", url, headers=headers, extensions={"timeout": self._timeouts}
            )
            response = await self._transport.handle_async_request(request)
            try:
                return await self._answer(response, url)
            finally:
                await response.aclose()
        except TRANSLATED as exc:
            raise translate(exc, str(url)) from exc

    async def _answer(self, response: httpx.Response, url: httpx.URL) -> httpx.URL | _Answer:
        status, location = response.status_code, response.headers.get("location")
        headers = {name: response.headers[name] for name in response.headers}
        if status in REDIRECT_STATUSES and location:
            return redirect_target(url, location)
        if status == 304:
            return _Answer(304, headers)
        if not 200 <= status < 300:
            raise _http_error(response, str(url), headers)
        limit = self._settings.max_body_bytes
        return _Answer(status, headers, await read_body(response, limit, str(url)))


def fetch_once(
    settings: Settings,
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    accept: str | None = None,
) -> FetchResult:
    """One GET from synchronous code (the CLI): runs its own event loop."""

    async def run() -> FetchResult:
        async with Fetcher(settings) as fetcher:
            return await fetcher.get(url, etag=etag, last_modified=last_modified, accept=accept)

    return asyncio.run(run())


def _request_headers(
    etag: str | None, last_modified: str | None, accept: str | None
) -> dict[str, str]:
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": accept or "*/*",
        "Accept-Encoding": ACCEPT_ENCODING,
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _result(answer: _Answer, url: httpx.URL, trip: _Trip) -> FetchResult:
    headers, not_modified = answer.headers, answer.status == 304
    media_type, charset = parse_content_type(headers.get("content-type"))
    return FetchResult(
        url=str(url),
        status=answer.status,
        content=answer.content,
        headers=headers,
        not_modified=not_modified,
        etag=headers.get("etag") or (trip.etag if not_modified else None),
        last_modified=headers.get("last-modified")
        or (trip.last_modified if not_modified else None),
        content_type=media_type,
        encoding=charset,
        elapsed_s=time.monotonic() - trip.started,
        redirects=tuple(trip.redirects),
    )


def _http_error(response: httpx.Response, url: str, headers: dict[str, str]) -> FetchError:
    status = response.status_code
    wait = retry_after_s(headers, datetime.now(UTC))
    message = f"{url}: the server answered {status} {response.reason_phrase}".rstrip()
    if wait is not None:
        message += f" (retry after {wait:g} s)"
    return FetchError(message, code=f"http_{status}", url=url, retry_after_s=wait)


def _too_many_redirects(trip: _Trip, limit: int) -> FetchError:
    message = f"{trip.url}: more than {limit} redirects"
    return FetchError(message, code="too_many_redirects", url=trip.url)
