"""The SSRF guard. A network backend for httpcore that resolves the host itself, checks
every address against the policy and connects to the checked address, so what is checked
is what is connected to, on every connection (every redirect hop, every new pooled
connection). A DNS answer that changes between two lookups (rebinding) cannot get past it."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import httpcore

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[Sequence[str]]]
AddressPredicate = Callable[[IPAddress], bool]

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


class AddressNotAllowed(Exception):
    """Raised inside the transport; the Fetcher turns it into FetchError(address_not_allowed)."""

    def __init__(self, host: str, address: str) -> None:
        where = address if address == host else f"{host} ({address})"
        super().__init__(f"{where} is not a public address")
        self.host = host
        self.address = address


def embedded_ipv4(ip: IPAddress) -> IPAddress:
    """The IPv4 address inside an IPv4-mapped, 6to4 or NAT64 IPv6 address, else `ip`."""
    if isinstance(ip, ipaddress.IPv4Address):
        return ip
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip


def is_public_address(ip: IPAddress) -> bool:
    """True for globally routable unicast addresses; False for loopback, private,
    link-local, multicast, reserved, unspecified and shared (CGNAT) space."""
    ip = embedded_ipv4(ip)
    if not ip.is_global:
        return False
    flags = (ip.is_private, ip.is_loopback, ip.is_link_local, ip.is_multicast)
    more = (ip.is_reserved, ip.is_unspecified, getattr(ip, "is_site_local", False))
    return not any(flags + more)


@dataclass(frozen=True)
class AddressPolicy:
    """Which addresses may be connected to. `is_allowed` is injectable for tests."""

    allow_private: bool = False
    is_allowed: AddressPredicate = is_public_address

    def permits(self, address: str) -> bool:
        if self.allow_private:
            return True
        try:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
        except ValueError:
            return False
        return self.is_allowed(ip)


async def system_resolver(host: str, port: int) -> list[str]:
    """The addresses of `host` from the system resolver, in its preferred order."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolve → check each address → connect to a checked address (never to the name)."""

    def __init__(self, policy: AddressPolicy, resolver: Resolver | None = None) -> None:
        self._policy = policy
        self._resolve = resolver or system_resolver
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        addresses = await self._addresses(host, port)
        allowed = [a for a in addresses if self._policy.permits(a)]
        if not allowed:
            raise AddressNotAllowed(host, addresses[0])
        error: httpcore.ConnectError | None = None
        for address in allowed:
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except httpcore.ConnectError as exc:
                error = exc
        assert error is not None
        raise error

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise AddressNotAllowed(path, "a unix socket")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)

    async def _addresses(self, host: str, port: int) -> list[str]:
        try:
            ipaddress.ip_address(host.split("%", 1)[0])
            return [host]
        except ValueError:
            pass
        try:
            addresses = list(await self._resolve(host, port))
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        if not addresses:
            raise httpcore.ConnectError(f"cannot resolve {host}: no addresses")
        return addresses
