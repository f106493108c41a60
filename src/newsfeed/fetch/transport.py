"""The default httpx transport: an aiohttp connection pool (HTTP/1.1, keep-alive) whose every
connection goes through the SSRF guard. httpx keeps the client's shape (requests, responses,
URLs, headers); aiohttp moves the bytes, at about a third of httpcore's CPU per request on a
304 (docs/design/fetch.md). No proxies, no unix sockets, no cookies, no decompression here:
the body is handed on raw, and `body.py` inflates it under the byte cap."""

from __future__ import annotations

import socket
import ssl
from collections.abc import AsyncIterator
from functools import cache

import aiohttp
import httpx
import yarl

from newsfeed.fetch.guard import AddressPolicy, GuardedResolver, Resolver, guarded_socket_factory

_CHUNK = 64 * 1024


class _Body(httpx.AsyncByteStream):
    """The raw body of an aiohttp response; closing it releases (or drops) the connection."""

    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self._response = response

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._response.content.iter_chunked(_CHUNK):
            yield chunk

    async def aclose(self) -> None:
        self._response.release()


class GuardedTransport(httpx.AsyncBaseTransport):
    def __init__(
        self,
        policy: AddressPolicy,
        *,
        resolver: Resolver | None = None,
        max_connections: int = 100,
    ) -> None:
        self._policy = policy
        self._resolver = resolver
        self._max_connections = max_connections
        self._session: aiohttp.ClientSession | None = None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        timeout = request.extensions.get("timeout", {})
        response = await self._open_session().request(
            request.method,
            yarl.URL(str(request.url), encoded=True),
            headers=request.headers.multi_items(),
            data=request.content or None,
            allow_redirects=False,
            timeout=aiohttp.ClientTimeout(
                sock_connect=timeout.get("connect"), sock_read=timeout.get("read")
            ),
        )
        return httpx.Response(
            status_code=response.status,
            headers=response.raw_headers,
            stream=_Body(response),
            extensions={"reason_phrase": (response.reason or "").encode()},
        )

    async def aclose(self) -> None:
        if self._session is not None:
            await self._session.close()

    def _open_session(self) -> aiohttp.ClientSession:
        """Made on first use: aiohttp binds its pool to the running event loop."""
        if self._session is None:
            connector = aiohttp.TCPConnector(
                limit=self._max_connections,
                limit_per_host=0,  # the Fetcher's HostSlots keep the per-host cap
                keepalive_timeout=30.0,
                ssl=_tls_context(),
                resolver=GuardedResolver(self._policy, self._resolver),
                socket_factory=guarded_socket_factory(self._policy),
                family=socket.AF_UNSPEC,
                use_dns_cache=False,  # every new connection is resolved and checked afresh
            )
            self._session = aiohttp.ClientSession(
                connector=connector,
                cookie_jar=aiohttp.DummyCookieJar(),
                auto_decompress=False,
                trust_env=False,
                skip_auto_headers=("User-Agent", "Accept", "Accept-Encoding"),
            )
        return self._session


@cache
def _tls_context() -> ssl.SSLContext:
    """Certificate verification against certifi's roots; loading them costs ~35 ms, once."""
    return httpx.create_ssl_context()
