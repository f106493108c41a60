"""The SSRF guard, in two places of the connection pool: the resolver keeps only permitted
addresses, and the socket factory checks the address of every socket before it connects, so
what is checked is what is connected to, on every connection (every redirect hop, every new
pooled connection, IP literals included). A DNS answer that changes between two lookups
(rebinding) cannot get past it."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

import aiohttp.abc
from aiohappyeyeballs import AddrInfoType
from aiohttp.abc import ResolveResult

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Awaitable[Sequence[str]]]
AddressPredicate = Callable[[IPAddress], bool]

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


class AddressNotAllowed(Exception):
    """Raised inside the transport; the Fetcher turns it into FetchError(address_not_allowed).
    Not an OSError on purpose: the pool must not take it for a failed connect and try on."""

    def __init__(self, host: str, address: str) -> None:
        where = address if address == host else f"{host} ({address})"
        super().__init__(f"{where} is not a public address")
        self.host = host
        self.address = address


class NameNotResolved(OSError):
    """The host name has no addresses (an OSError, so the pool reports a failed connect)."""


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


class GuardedResolver(aiohttp.abc.AbstractResolver):
    """Resolve a name and keep only the addresses the policy permits; none left → refused.
    IP literals never reach a resolver: `guarded_socket_factory` checks those."""

    def __init__(self, policy: AddressPolicy, resolver: Resolver | None = None) -> None:
        self._policy = policy
        self._resolve = resolver or system_resolver

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        try:
            addresses = list(await self._resolve(host, port))
        except OSError as exc:
            raise NameNotResolved(f"cannot resolve {host}: {exc}") from exc
        if not addresses:
            raise NameNotResolved(f"cannot resolve {host}: no addresses")
        allowed = [a for a in addresses if self._policy.permits(a)]
        if not allowed:
            raise AddressNotAllowed(host, addresses[0])
        return [_resolved(host, address, port) for address in allowed]

    async def close(self) -> None:
        pass


def guarded_socket_factory(policy: AddressPolicy) -> Callable[[AddrInfoType], socket.socket]:
    """The socket for one connection attempt, made only after its address passes the policy:
    the last check, on the address actually connected to, whatever resolved it."""

    def make(addr_info: AddrInfoType) -> socket.socket:
        family, kind, proto, _, sockaddr = addr_info
        address = str(sockaddr[0])
        if not policy.permits(address):
            raise AddressNotAllowed(address, address)
        return socket.socket(family, kind, proto)

    return make


def _resolved(host: str, address: str, port: int) -> ResolveResult:
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    return ResolveResult(hostname=host, host=address, port=port, family=family, proto=0, flags=0)
