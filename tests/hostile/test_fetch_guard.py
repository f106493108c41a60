"""Feed URLs that point inside the network, end to end: a refresh with the guard on (as in
production) is refused, the source shows `address_not_allowed` or `bad_url`, no request
reaches the private server, and nothing stored changes. 127.0.0.2 stands in for a public
host (the guard is told it is public); everything else on loopback must be refused."""

from __future__ import annotations

import asyncio
import ipaddress
import logging
from collections.abc import Iterator, Sequence
from dataclasses import replace

import pytest

from newsfeed.fetch import Fetcher, is_public_address
from newsfeed.fetch.guard import IPAddress
from newsfeed.model import Source
from newsfeed.update.refresh import refresh_many
from newsfeed.update.result import RefreshResult
from tests.hostile.harness import NOW, assert_refused, refresh, snapshot, source_at
from tests.integration.test_fetch_ssrf import StandInServer
from tests.localserver import LocalServer

STAND_IN = ipaddress.ip_address("127.0.0.2")


def stand_in_is_public(ip: IPAddress) -> bool:
    return ip == STAND_IN or is_public_address(ip)


class ChangingDNS:
    """Answers for one name, in turn (the last one repeats): rebinding."""

    def __init__(self, *answers: Sequence[str]) -> None:
        self.answers = list(answers)
        self.asked = 0

    async def __call__(self, host: str, port: int) -> Sequence[str]:
        self.asked += 1
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]


@pytest.fixture
def guarded(settings):
    return settings.replace(allow_private_addresses=False, fetch_timeout_s=3.0)


@pytest.fixture
def stand_in() -> Iterator[StandInServer]:
    srv = StandInServer()
    yield srv
    srv.close()


def guarded_fetcher(settings, **kw) -> Fetcher:
    return Fetcher(settings, address_allowed=stand_in_is_public, **kw)


@pytest.mark.parametrize(
    ("host", "code"),
    [
        ("127.0.0.1", "address_not_allowed"),
        ("169.254.169.254", "address_not_allowed"),
        ("[::1]", "address_not_allowed"),
        ("[::ffff:127.0.0.1]", "address_not_allowed"),
        ("[64:ff9b::7f00:1]", "address_not_allowed"),
        ("100.64.0.1", "address_not_allowed"),
        ("2130706433", "bad_url"),
        ("0x7f.1", "bad_url"),
    ],
)
def test_private_feed_urls_are_refused(store, guarded, server: LocalServer, host, code):
    server.route("/feed", body=b"<rss/>")
    source = source_at(store, f"http://{host}:{server.port}/feed")
    before = snapshot(store)
    result = refresh(store, guarded, source, guarded_fetcher(guarded))
    if code == "bad_url" and result.error_code == "address_not_allowed":
        code = "address_not_allowed"  # a legacy numeric form aiohttp reads: still refused
    assert_refused(store, source, result, before, code, host.strip("[]"))
    assert server.requests == []


def test_a_name_that_resolves_to_10_x_is_refused(store, guarded):
    dns = ChangingDNS(["10.1.2.3"])
    source = source_at(store, "http://intranet.quay.example/feed")
    before = snapshot(store)
    result = refresh(store, guarded, source, guarded_fetcher(guarded, resolver=dns))
    assert_refused(store, source, result, before, "address_not_allowed", "10.1.2.3")


def test_a_public_looking_redirect_to_loopback_is_refused(
    store, guarded, server: LocalServer, stand_in: StandInServer
):
    server.route("/admin", body=b"internal")
    stand_in.location = server.url("/admin")
    source = source_at(store, stand_in.url("/go"))
    before = snapshot(store)
    result = refresh(store, guarded, source, guarded_fetcher(guarded))
    assert_refused(store, source, result, before, "address_not_allowed", "127.0.0.1")
    assert stand_in.paths == ["/go"] and server.requests == []


def test_a_redirect_to_a_name_that_rebinds_is_refused_on_the_hop(
    store, guarded, stand_in: StandInServer, server: LocalServer
):
    """The name answers the public stand-in once, then loopback: the hop's connection is
    checked on the address it actually connects to."""
    dns = ChangingDNS(["127.0.0.2"], ["127.0.0.1"])
    server.route("/feed", body=b"internal")
    stand_in.location = f"http://rebind.quay.example:{server.port}/feed"
    source = source_at(store, f"http://rebind.quay.example:{stand_in.port}/go")
    before = snapshot(store)
    result = refresh(store, guarded, source, guarded_fetcher(guarded, resolver=dns))
    assert_refused(store, source, result, before, "address_not_allowed", "127.0.0.1")
    assert dns.asked == 2 and stand_in.paths == ["/go"] and server.requests == []


def test_a_name_rebinding_between_refreshes_is_refused_the_second_time(
    store, guarded, stand_in: StandInServer
):
    dns = ChangingDNS(["127.0.0.2"], ["127.0.0.1"])
    source = source_at(store, f"http://rebind.quay.example:{stand_in.port}/feed")
    first = refresh(store, guarded, source, guarded_fetcher(guarded, resolver=dns))
    assert first.error_code != "address_not_allowed"  # the stand-in answered (not a feed)
    before = snapshot(store)
    second = refresh(store, guarded, source, guarded_fetcher(guarded, resolver=dns))
    assert_refused(store, source, second, before, "address_not_allowed", "127.0.0.1")
    assert stand_in.paths == ["/feed"]


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "gopher://127.0.0.1:70/_x",
        "javascript:alert(1)",
        "ftp://quay.example/f",
    ],
)
def test_other_schemes_are_refused(store, guarded, url):
    """A source can only be added with an http(s) URL; one that got into the store by
    another way is still never requested."""
    source = replace(source_at(store, "https://quay.example/feed"), url=url)
    before = snapshot(store)
    result = refresh_as_given(store, guarded, source)
    assert result.error_code == "bad_url", result.summary
    assert "only http:// and https://" in (result.error_message or "")
    assert snapshot(store) == before


def test_credentials_in_a_url_are_refused_and_never_shown(
    store, guarded, server: LocalServer, caplog
):
    caplog.set_level(logging.DEBUG)
    server.route("/feed", body=b"<rss/>")
    secret = "hunter2-quay"
    swapped_url = f"http://editor:{secret}@127.0.0.1:{server.port}/feed"
    source = replace(source_at(store, server.url("/feed")), url=swapped_url)
    before = snapshot(store)
    result = refresh_as_given(store, guarded, source)
    assert result.error_code == "bad_url", result.summary
    assert "user name or password" in (result.error_message or "")
    assert secret not in (result.error_message or "")
    assert secret not in caplog.text
    assert server.requests == [] and snapshot(store) == before


def refresh_as_given(store, settings, source: Source) -> RefreshResult:
    """Refresh `source` as given: its URL is not what the store holds (as an old database,
    or a bug elsewhere, might have it)."""

    async def run() -> RefreshResult:
        async with guarded_fetcher(settings) as fetcher:
            (result,) = await refresh_many(store, settings, [source], now=NOW, fetcher=fetcher)
            return result

    return asyncio.run(run())
