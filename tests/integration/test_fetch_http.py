"""The guarded client against a real local HTTP server: answers, conditional GET,
compression, redirects, the byte cap, HTTP errors and per-host concurrency."""

from __future__ import annotations

import asyncio
import gzip
import threading
import time
import tracemalloc
import zlib

import brotli
import pytest

from newsfeed import USER_AGENT
from newsfeed.errors import FetchError
from newsfeed.fetch import Fetcher, fetch_once
from newsfeed.model import FetchResult
from newsfeed.settings import Settings
from tests.localserver import LocalServer, Request, Response

FEED = (
    b"<?xml version='1.0'?><rss version='2.0'><channel><title>Harbour Post</title></channel></rss>"
)
LAST_MODIFIED = "Tue, 03 Mar 2026 08:00:00 GMT"
CLOSE = {"Connection": "close"}  # we hang up mid-body; spare the server a reset on keep-alive


@pytest.fixture
def fetch_settings() -> Settings:
    return Settings(allow_private_addresses=True, fetch_timeout_s=5.0)


async def get(settings: Settings, url: str, **kw: str) -> FetchResult:
    async with Fetcher(settings) as fetcher:
        return await fetcher.get(url, **kw)


async def fetch_error(settings: Settings, url: str, **kw: str) -> FetchError:
    with pytest.raises(FetchError) as info:
        await get(settings, url, **kw)
    return info.value


async def test_200_with_headers(server: LocalServer, fetch_settings: Settings) -> None:
    url = server.route(
        "/feed.xml",
        body=FEED,
        headers={"Content-Type": 'Application/RSS+XML; charset="ISO-8859-1"', "X-Desk": "metro"},
        etag='"v1"',
        last_modified=LAST_MODIFIED,
    )
    async with Fetcher(fetch_settings) as fetcher:
        result = await fetcher.get(url, accept="application/rss+xml")
    assert (result.status, result.content, result.url) == (200, FEED, url)
    assert not result.not_modified
    assert result.content_type == "application/rss+xml"
    assert result.encoding == "iso-8859-1"
    assert result.etag == '"v1"' and result.last_modified == LAST_MODIFIED
    assert result.headers["x-desk"] == "metro"
    assert all(name == name.lower() for name in result.headers)
    assert 0 < result.elapsed_s < 5 and result.redirects == ()
    sent = server.requests[-1].headers
    assert sent["user-agent"] == USER_AGENT
    assert sent["accept"] == "application/rss+xml"
    assert {"gzip", "deflate", "br"} <= {c.strip() for c in sent["accept-encoding"].split(",")}


async def test_304_via_etag(server: LocalServer, fetch_settings: Settings) -> None:
    url = server.route("/feed.xml", body=FEED, etag='"v7"')
    result = await get(fetch_settings, url, etag='"v7"')
    assert result.not_modified and result.status == 304 and result.content == b""
    assert result.etag == '"v7"'
    assert server.requests[-1].headers["if-none-match"] == '"v7"'
    changed = await get(fetch_settings, url, etag='"v6"')
    assert changed.status == 200 and changed.content == FEED


async def test_304_via_last_modified(server: LocalServer, fetch_settings: Settings) -> None:
    url = server.route("/feed.xml", body=FEED, last_modified=LAST_MODIFIED)
    result = await get(fetch_settings, url, last_modified=LAST_MODIFIED)
    assert result.not_modified and result.content == b""
    assert result.last_modified == LAST_MODIFIED
    assert server.requests[-1].headers["if-modified-since"] == LAST_MODIFIED


async def test_304_keeps_validators_the_server_did_not_repeat(
    server: LocalServer, fetch_settings: Settings
) -> None:
    url = server.route("/bare", status=304)
    result = await get(fetch_settings, url, etag='"old"', last_modified=LAST_MODIFIED)
    assert result.not_modified
    assert (result.etag, result.last_modified) == ('"old"', LAST_MODIFIED)


async def test_gzip_body(server: LocalServer, fetch_settings: Settings) -> None:
    url = server.route("/feed.xml", body=FEED * 50, gzip=True)
    result = await get(fetch_settings, url)
    assert result.content == FEED * 50
    assert result.headers["content-encoding"] == "gzip"
    assert int(result.headers["content-length"]) < len(FEED * 50)


async def test_brotli_body(server: LocalServer, fetch_settings: Settings) -> None:
    url = server.route(
        "/feed.xml", body=brotli.compress(FEED * 50), headers={"Content-Encoding": "br"}
    )
    assert (await get(fetch_settings, url)).content == FEED * 50


@pytest.mark.parametrize("wbits", [zlib.MAX_WBITS, -zlib.MAX_WBITS], ids=["zlib", "raw"])
async def test_deflate_body_zlib_or_raw(
    server: LocalServer, fetch_settings: Settings, wbits: int
) -> None:
    packer = zlib.compressobj(wbits=wbits)
    body = packer.compress(FEED * 20) + packer.flush()
    url = server.route("/d", body=body, headers={"Content-Encoding": "deflate"})
    assert (await get(fetch_settings, url)).content == FEED * 20


async def test_corrupt_gzip_is_bad_encoding(server: LocalServer, fetch_settings: Settings) -> None:
    url = server.route("/x", body=b"\x1f\x8b\x08garbage!", headers={"Content-Encoding": "gzip"})
    error = await fetch_error(fetch_settings, url)
    assert error.code == "bad_encoding" and url in error.message


def chain(server: LocalServer, hops: int) -> str:
    """/hop0 → /hop1 → … → /hop<hops-1> → /end; returns the first URL."""
    server.route("/end", body=b"arrived")
    for i in range(hops):
        target = "/end" if i == hops - 1 else f"/hop{i + 1}"
        server.redirect(f"/hop{i}", target if i % 2 else server.url(target), status=301 + i % 3)
    return server.url("/hop0")


async def test_redirect_chain_of_five_is_followed(
    server: LocalServer, fetch_settings: Settings
) -> None:
    result = await get(fetch_settings, chain(server, 5))
    assert result.content == b"arrived" and result.url == server.url("/end")
    assert result.redirects == tuple(server.url(f"/hop{i}") for i in range(5))


async def test_redirect_chain_of_six_is_refused(
    server: LocalServer, fetch_settings: Settings
) -> None:
    error = await fetch_error(fetch_settings, chain(server, 6))
    assert error.code == "too_many_redirects"
    assert server.hits("/end") == 0


async def test_redirect_to_ftp_is_bad_url(server: LocalServer, fetch_settings: Settings) -> None:
    url = server.redirect("/away", "ftp://files.example.net/feed.xml")
    assert (await fetch_error(fetch_settings, url)).code == "bad_url"


async def test_body_over_the_cap(server: LocalServer, fetch_settings: Settings) -> None:
    url = server.route("/big", body=b"x" * 200_001, headers=CLOSE)
    capped = fetch_settings.replace(max_body_bytes=200_000)
    error = await fetch_error(capped, url)
    assert error.code == "too_large" and url in error.message
    exact = server.route("/exact", body=b"x" * 200_000)
    assert len((await get(capped, exact)).content) == 200_000


async def test_body_over_the_cap_without_content_length(fetch_settings: Settings) -> None:
    """Chunked, no declared length: the cap is counted while streaming."""
    with ChunkedServer(b"y" * 64_000, chunks=20) as url:
        error = await fetch_error(fetch_settings.replace(max_body_bytes=100_000), url)
    assert error.code == "too_large"


def gzip_bomb(size: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b"\0" * 1_000_000
    return b"".join(packer.compress(block) for _ in range(size // len(block))) + packer.flush()


async def test_gzip_bomb_is_not_inflated(server: LocalServer, fetch_settings: Settings) -> None:
    bomb = gzip_bomb(200_000_000)  # 200 MB of zeros in ~200 KB
    url = server.route("/bomb", body=bomb, headers={"Content-Encoding": "gzip", **CLOSE})
    tracemalloc.start()
    try:
        error = await fetch_error(fetch_settings.replace(max_body_bytes=1_000_000), url)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert error.code == "too_large"
    assert peak < 20_000_000, f"peak {peak:,} bytes while refusing a gzip bomb"


async def test_brotli_bomb_is_not_inflated(server: LocalServer, fetch_settings: Settings) -> None:
    bomb = brotli.compress(b"\0" * 50_000_000, quality=5)
    url = server.route("/bomb", body=bomb, headers={"Content-Encoding": "br", **CLOSE})
    tracemalloc.start()
    try:
        error = await fetch_error(fetch_settings.replace(max_body_bytes=1_000_000), url)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert error.code == "too_large"
    assert peak < 20_000_000, f"peak {peak:,} bytes while refusing a brotli bomb"


@pytest.mark.parametrize("status", [404, 500, 410, 403])
async def test_http_errors(server: LocalServer, fetch_settings: Settings, status: int) -> None:
    url = server.route("/gone", body=b"nope", status=status)
    error = await fetch_error(fetch_settings, url)
    assert error.code == f"http_{status}" and error.url == url
    assert url in error.message and str(status) in error.message
    assert error.retry_after_s is None


@pytest.mark.parametrize("status", [429, 503])
async def test_retry_after_seconds(
    server: LocalServer, fetch_settings: Settings, status: int
) -> None:
    url = server.route("/busy", status=status, headers={"Retry-After": "120"})
    error = await fetch_error(fetch_settings, url)
    assert error.code == f"http_{status}" and error.retry_after_s == 120.0


async def test_retry_after_http_date(server: LocalServer, fetch_settings: Settings) -> None:
    later = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 600))
    url = server.route("/busy", status=429, headers={"Retry-After": later})
    error = await fetch_error(fetch_settings, url)
    assert error.retry_after_s is not None and 590 <= error.retry_after_s <= 601


@pytest.mark.parametrize("url", ["ftp://files.example.net/feed.xml", "not a url", "", "http://"])
async def test_bad_urls(fetch_settings: Settings, url: str) -> None:
    error = await fetch_error(fetch_settings, url)
    assert error.code == "bad_url"
    assert url in error.message


class InFlight:
    """A handler that records how many requests the server is answering at once."""

    def __init__(self, hold_s: float) -> None:
        self.hold_s, self.now, self.peak = hold_s, 0, 0
        self.lock = threading.Lock()

    def __call__(self, request: Request) -> Response:
        with self.lock:
            self.now += 1
            self.peak = max(self.peak, self.now)
        time.sleep(self.hold_s)
        with self.lock:
            self.now -= 1
        return Response(body=b"ok")


async def test_per_host_concurrency_is_capped(
    server: LocalServer, fetch_settings: Settings
) -> None:
    counter = InFlight(hold_s=0.15)
    url = server.route("/slow", counter)
    async with Fetcher(fetch_settings.replace(per_host_concurrency=2)) as fetcher:
        results = await asyncio.gather(*(fetcher.get(url) for _ in range(8)))
    assert [r.content for r in results] == [b"ok"] * 8
    assert counter.peak == 2


async def test_concurrency_cap_is_per_host(server: LocalServer, fetch_settings: Settings) -> None:
    counter = InFlight(hold_s=0.3)
    server.route("/slow", counter)
    other_host = f"http://localhost:{server.port}/slow"
    async with Fetcher(fetch_settings.replace(per_host_concurrency=1)) as fetcher:
        urls = [server.url("/slow"), other_host] * 2
        await asyncio.gather(*(fetcher.get(u) for u in urls))
    assert counter.peak == 2


def test_fetch_once_runs_its_own_loop(server: LocalServer, fetch_settings: Settings) -> None:
    url = server.route("/feed.xml", body=FEED, etag='"a"')
    assert fetch_once(fetch_settings, url).content == FEED
    assert fetch_once(fetch_settings, url, etag='"a"').not_modified


class ChunkedServer:
    """Answers every connection with a chunked body of `chunks` × `piece`."""

    def __init__(self, piece: bytes, chunks: int) -> None:
        import socket

        self.piece, self.chunks = piece, chunks
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}/chunked"

    def __exit__(self, *exc: object) -> None:
        self.sock.close()

    def _serve(self) -> None:
        conn, _ = self.sock.accept()
        with conn:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")
            try:
                for _ in range(self.chunks):
                    conn.sendall(b"%x\r\n%s\r\n" % (len(self.piece), self.piece))
                conn.sendall(b"0\r\n\r\n")
            except OSError:
                pass


def test_gzip_helper_really_is_gzip() -> None:
    assert gzip.decompress(gzip_bomb(2_000_000)) == b"\0" * 2_000_000
