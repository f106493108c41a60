"""Servers that misbehave on a raw socket: trickling bytes, never answering, speaking
garbage, hanging up. Every case must end as a FetchError with the right code, in time."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from newsfeed.errors import FetchError
from newsfeed.fetch import Fetcher
from newsfeed.settings import Settings
from tests.localserver import LocalServer

Behaviour = Callable[[socket.socket], None]


class RawServer:
    """Accepts connections on 127.0.0.1 and hands each socket to `behaviour` in a thread."""

    def __init__(self, behaviour: Behaviour) -> None:
        self.behaviour = behaviour
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, scheme: str = "http") -> str:
        return f"{scheme}://127.0.0.1:{self.port}/feed.xml"

    def close(self) -> None:
        self.stop.set()
        self.sock.close()

    def _accept(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        with conn:
            try:
                conn.settimeout(10)
                self.behaviour(conn)
            except OSError:
                pass


@pytest.fixture
def raw() -> Iterator[Callable[[Behaviour], RawServer]]:
    servers: list[RawServer] = []

    def start(behaviour: Behaviour) -> RawServer:
        servers.append(RawServer(behaviour))
        return servers[-1]

    yield start
    for s in servers:
        s.close()


def settings(timeout_s: float = 5.0) -> Settings:
    return Settings(allow_private_addresses=True, fetch_timeout_s=timeout_s)


async def fetch_error(url: str, timeout_s: float = 5.0) -> tuple[FetchError, float]:
    started = time.monotonic()
    with pytest.raises(FetchError) as info:
        async with Fetcher(settings(timeout_s)) as fetcher:
            await fetcher.get(url)
    return info.value, time.monotonic() - started


def trickle(conn: socket.socket) -> None:
    """Headers at once, then one byte every 0.1 s, forever: no single read ever times out."""
    conn.recv(65536)
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n")
    while True:
        conn.sendall(b"x")
        time.sleep(0.1)


def trickle_headers(conn: socket.socket) -> None:
    conn.recv(65536)
    for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"y" * 1000:
        conn.sendall(bytes([byte]))
        time.sleep(0.1)


async def test_trickling_body_hits_the_total_deadline(
    raw: Callable[[Behaviour], RawServer],
) -> None:
    error, took = await fetch_error(raw(trickle).url(), timeout_s=1.0)
    assert error.code == "timeout" and "127.0.0.1" in error.message
    assert took < 2.5


async def test_trickling_headers_hit_the_total_deadline(
    raw: Callable[[Behaviour], RawServer],
) -> None:
    error, took = await fetch_error(raw(trickle_headers).url(), timeout_s=1.0)
    assert error.code == "timeout" and took < 2.5


async def test_slow_server_times_out(server: LocalServer) -> None:
    url = server.route("/slow", body=b"late", delay_s=2.0)
    error, took = await fetch_error(url, timeout_s=0.5)
    assert error.code == "timeout" and took < 1.5


async def test_deadline_covers_redirects(server: LocalServer) -> None:
    """Three hops of 0.4 s each: every hop is quick, the whole trip is not."""
    server.route("/end", body=b"done", delay_s=0.4)
    server.route("/b", status=302, headers={"Location": "/end"}, delay_s=0.4)
    url = server.route("/a", status=302, headers={"Location": "/b"}, delay_s=0.4)
    error, took = await fetch_error(url, timeout_s=1.0)
    assert error.code == "timeout" and took < 1.6


def garbage(conn: socket.socket) -> None:
    conn.recv(65536)
    conn.sendall(b"SPAM SPAM SPAM\r\n\x00\x01\x02 not http at all\r\n\r\n")


def hang_up(conn: socket.socket) -> None:
    conn.recv(65536)


def truncated(conn: socket.socket) -> None:
    conn.recv(65536)
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n" + b"<rss>" * 10)


@pytest.mark.parametrize("behaviour", [garbage, hang_up, truncated])
async def test_broken_servers_are_connection_failed(
    raw: Callable[[Behaviour], RawServer], behaviour: Behaviour
) -> None:
    server = raw(behaviour)
    error, took = await fetch_error(server.url())
    assert error.code == "connection_failed", error.message
    assert server.url() in error.message and took < 2


async def test_connection_refused_is_connection_failed() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    error, _ = await fetch_error(f"http://127.0.0.1:{port}/")
    assert error.code == "connection_failed" and str(port) in error.message


async def test_unresolvable_host_is_connection_failed() -> None:
    error, _ = await fetch_error("http://no-such-host.invalid/feed.xml")
    assert error.code == "connection_failed" and "no-such-host.invalid" in error.message


async def test_https_to_a_plain_http_server_is_tls_error(server: LocalServer) -> None:
    url = server.route("/feed.xml", body=b"plain").replace("http://", "https://")
    error, _ = await fetch_error(url)
    assert error.code == "tls_error" and url in error.message


async def test_no_httpx_exception_escapes(raw: Callable[[Behaviour], RawServer]) -> None:
    """The original exception is kept as the cause, but what is raised is ours."""
    error, _ = await fetch_error(raw(garbage).url())
    assert type(error) is FetchError and error.__cause__ is not None


async def test_fetcher_still_works_after_a_timeout(server: LocalServer) -> None:
    """A deadline that cancels a request mid-flight must not leave a slot or a pooled
    connection stuck: the next request to the same host goes through."""
    slow = server.route("/slow", body=b"late", delay_s=1.0)
    fast = server.route("/fast", body=b"quick")
    one_slot = settings(timeout_s=0.3).replace(per_host_concurrency=1)
    async with Fetcher(one_slot) as fetcher:
        with pytest.raises(FetchError):
            await fetcher.get(slow)
        assert (await fetcher.get(fast)).content == b"quick"
