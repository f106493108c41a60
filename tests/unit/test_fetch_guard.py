"""Which addresses the SSRF guard lets through."""

from __future__ import annotations

import ipaddress

import pytest

from newsfeed.fetch import AddressPolicy, is_public_address

REFUSED = [
    "127.0.0.1",
    "127.255.255.254",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.0.10",
    "169.254.169.254",  # cloud metadata
    "100.64.0.1",  # shared address space (CGNAT)
    "0.0.0.0",
    "224.0.0.251",
    "239.255.255.250",
    "240.0.0.1",
    "255.255.255.255",
    "192.0.2.1",  # documentation
    "::1",
    "::",
    "fe80::1",
    "fc00::1",
    "fd12:3456::1",
    "fec0::1",  # site-local (deprecated)
    "ff02::1",
    "::ffff:127.0.0.1",  # IPv4-mapped loopback
    "::ffff:10.0.0.1",
    "::ffff:169.254.169.254",
    "2002:7f00:1::1",  # 6to4 wrapping 127.0.0.1
    "2002:a00:1::1",  # 6to4 wrapping 10.0.0.1
    "64:ff9b::7f00:1",  # NAT64 wrapping 127.0.0.1
    "2001:db8::1",  # documentation
]
ALLOWED = [
    "93.184.215.14",
    "8.8.8.8",
    "1.1.1.1",
    "2606:4700:4700::1111",
    "2a00:1450:4001:82a::200e",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
]


@pytest.mark.parametrize("address", REFUSED)
def test_refused(address: str) -> None:
    assert not is_public_address(ipaddress.ip_address(address))
    assert not AddressPolicy().permits(address)


@pytest.mark.parametrize("address", ALLOWED)
def test_allowed(address: str) -> None:
    assert is_public_address(ipaddress.ip_address(address))
    assert AddressPolicy().permits(address)


def test_allow_private_lets_everything_through() -> None:
    assert AddressPolicy(allow_private=True).permits("127.0.0.1")


def test_unparsable_address_is_refused() -> None:
    assert not AddressPolicy().permits("not-an-ip")


def test_custom_predicate() -> None:
    policy = AddressPolicy(is_allowed=lambda ip: ip == ipaddress.ip_address("127.0.0.2"))
    assert policy.permits("127.0.0.2") and not policy.permits("127.0.0.1")
