"""The SSRF guard on real sockets. 127.0.0.2 stands in for a public host (the guard is
given a predicate that counts it as public); everything else on loopback must be refused,
directly, after a redirect, and after a DNS answer changes (rebinding)."""

from __future__ import annotations

import ipaddress
import threading
from collections.abc import Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsfeed.errors import FetchError
from newsfeed.fetch import Fetcher, is_public_address
from newsfeed.fetch.guard import AddressPredicate, IPAddress, Resolver
from newsfeed.settings import Settings
from tests.localserver import LocalServer

PUBLIC_STAND_IN = ipaddress.ip_address("127.0.0.2")
GUARDED = Settings(allow_private_addresses=False, fetch_timeout_s=5.0)


def public_or_stand_in(ip: IPAddress) -> bool:
    return ip == PUBLIC_STAND_IN or is_public_address(ip)


class StandInServer:
    """An HTTP server on 127.0.0.2: /go redirects to `self.location`, anything else is 200."""

    def __init__(self) -> None:
        self.location = ""
        self.paths: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                outer.paths.append(self.path)
                redirect = self.path == "/go"
                self.send_response(302 if redirect else 200)
                if redirect:
                    self.send_header("Location", outer.location)
                self.send_header("Content-Length", "6")
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(b"public")

        self.httpd = ThreadingHTTPServer(("127.0.0.2", 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, path: str, host: str = "127.0.0.2") -> str:
        return f"http://{host}:{self.port}{path}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def stand_in() -> Iterator[StandInServer]:
    srv = StandInServer()
    yield srv
    srv.close()


class FakeDNS:
    """A resolver whose answers are set per name; each answer list is used in turn."""

    def __init__(self, **answers: Sequence[Sequence[str]]) -> None:
        self.answers = {name.replace("_", "."): list(a) for name, a in answers.items()}
        self.calls: list[str] = []

    async def __call__(self, host: str, port: int) -> Sequence[str]:
        self.calls.append(host)
        queue = self.answers[host]
        return queue.pop(0) if len(queue) > 1 else queue[0]


async def refused(
    url: str, *, address_allowed: AddressPredicate | None = None, resolver: Resolver | None = None
) -> FetchError:
    with pytest.raises(FetchError) as info:
        async with Fetcher(GUARDED, address_allowed=address_allowed, resolver=resolver) as fetcher:
            await fetcher.get(url)
    return info.value


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "[::1]", "[::ffff:127.0.0.1]", "localhost", "0.0.0.0"]
)
async def test_loopback_is_refused_before_connecting(server: LocalServer, host: str) -> None:
    server.route("/secret", body=b"internal")
    error = await refused(f"http://{host}:{server.port}/secret")
    assert error.code == "address_not_allowed"
    assert host.strip("[]") in error.message
    assert server.requests == []


@pytest.mark.parametrize("host", ["2130706433", "127.1", "0x7f.0.0.1"])
async def test_legacy_numeric_hosts_are_refused_before_connecting(
    server: LocalServer, host: str
) -> None:
    """Old shorthand forms of 127.0.0.1 are not URLs we request at all."""
    server.route("/secret", body=b"internal")
    error = await refused(f"http://{host}:{server.port}/secret")
    assert error.code in {"bad_url", "address_not_allowed"}
    assert host in error.message
    assert server.requests == []


async def test_the_stand_in_public_host_is_fetched(stand_in: StandInServer) -> None:
    """Control for the tests below: the guard does let an allowed address through."""
    async with Fetcher(GUARDED, address_allowed=public_or_stand_in) as fetcher:
        result = await fetcher.get(stand_in.url("/page"))
    assert result.content == b"public"


async def test_redirect_to_loopback_is_refused(
    server: LocalServer, stand_in: StandInServer
) -> None:
    server.route("/secret", body=b"internal")
    stand_in.location = server.url("/secret")
    error = await refused(stand_in.url("/go"), address_allowed=public_or_stand_in)
    assert error.code == "address_not_allowed" and "127.0.0.1" in error.message
    assert stand_in.paths == ["/go"]
    assert server.hits("/secret") == 0


async def test_redirect_to_a_name_with_a_private_address_is_refused(
    stand_in: StandInServer,
) -> None:
    dns = FakeDNS(intranet_example_test=[["10.20.30.40"]])
    stand_in.location = "http://intranet.example.test/admin"
    error = await refused(stand_in.url("/go"), address_allowed=public_or_stand_in, resolver=dns)
    assert error.code == "address_not_allowed" and "10.20.30.40" in error.message
    assert dns.calls == ["intranet.example.test"]


async def test_dns_rebinding_is_caught_on_the_next_connection(stand_in: StandInServer) -> None:
    dns = FakeDNS(news_rebind_test=[["127.0.0.2"], ["127.0.0.1"]])
    url = stand_in.url("/page", host="news.rebind.test")
    async with Fetcher(GUARDED, address_allowed=public_or_stand_in, resolver=dns) as fetcher:
        first = await fetcher.get(url)
        with pytest.raises(FetchError) as info:
            await fetcher.get(url)
    assert first.content == b"public"
    assert info.value.code == "address_not_allowed"
    assert dns.calls == ["news.rebind.test"] * 2
    assert stand_in.paths == ["/page"]


async def test_only_allowed_addresses_of_a_name_are_connected_to(stand_in: StandInServer) -> None:
    dns = FakeDNS(mixed_example_test=[["192.168.1.10", "127.0.0.2"]])
    url = stand_in.url("/page", host="mixed.example.test")
    async with Fetcher(GUARDED, address_allowed=public_or_stand_in, resolver=dns) as fetcher:
        assert (await fetcher.get(url)).content == b"public"


async def test_private_addresses_allowed_when_configured(server: LocalServer) -> None:
    url = server.route("/intranet", body=b"ok")
    async with Fetcher(GUARDED.replace(allow_private_addresses=True)) as fetcher:
        assert (await fetcher.get(url)).content == b"ok"
