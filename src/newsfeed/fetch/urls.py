"""Which URLs may be fetched at all, and where a redirect points."""

from __future__ import annotations

import re

import httpx

from newsfeed.errors import FetchError

SCHEMES = ("http", "https")
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_HOST = re.compile(rb"[A-Za-z0-9._:-]+")  # raw (IDNA-encoded) host or IPv6 literal


def checked_url(url: object) -> httpx.URL:
    """`url` parsed, if it is an absolute http(s) URL with a host; else FetchError(bad_url)."""
    if not isinstance(url, str) or not url.strip():
        raise FetchError(f"empty URL: {url!r}", code="bad_url", url=str(url))
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FetchError(f"{url}: not a valid URL ({exc})", code="bad_url", url=url) from exc
    return _http_only(parsed, url)


def redirect_target(current: httpx.URL, location: str) -> httpx.URL:
    """The URL a Location header points to, resolved against the current URL."""
    try:
        target = current.join(location.strip())
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        message = f"{current}: redirected to an invalid URL {location!r}"
        raise FetchError(message, code="bad_url", url=str(current)) from exc
    return _http_only(target, str(target))


def _http_only(parsed: httpx.URL, original: str) -> httpx.URL:
    if parsed.scheme not in SCHEMES:
        message = f"{original}: only http:// and https:// URLs can be fetched"
        raise FetchError(message, code="bad_url", url=original)
    if not parsed.host:
        raise FetchError(f"{original}: the URL has no host", code="bad_url", url=original)
    if not _HOST.fullmatch(parsed.raw_host):
        message = f"{original}: {parsed.host!r} is not a valid host name"
        raise FetchError(message, code="bad_url", url=original)
    return parsed
