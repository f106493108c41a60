"""fetch: bytes off the network, nothing else. Every outbound request goes through
`Fetcher` (conditional GET, total deadline, byte cap after decompression, redirect cap,
per-host concurrency, Retry-After, and the SSRF guard on the address actually connected to)."""

from newsfeed.fetch.client import Fetcher, fetch_once
from newsfeed.fetch.guard import AddressPolicy, is_public_address
from newsfeed.fetch.headers import cache_lifetime_s, parse_http_date, retry_after_s

__all__ = [
    "AddressPolicy",
    "Fetcher",
    "cache_lifetime_s",
    "fetch_once",
    "is_public_address",
    "parse_http_date",
    "retry_after_s",
]
