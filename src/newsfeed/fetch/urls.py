"""Which URLs may be fetched at all, and where a redirect points."""

from __future__ import annotations

import re

import httpx

from newsfeed.errors import FetchError
from newsfeed.normalize.urls import host_name_problem, without_userinfo

SCHEMES = ("http", "https")
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_HOST = re.compile(rb"[A-Za-z0-9._:-]+")  # raw (IDNA-encoded) host or IPv6 literal


def checked_url(url: object) -> httpx.URL:
    """`url` parsed, if it is an absolute http(s) URL with a host and no user name or
    password; else FetchError(bad_url), whose message never shows the password."""
    if not isinstance(url, str) or not url.strip():
        raise FetchError(f"empty URL: {url!r}", code="bad_url", url=str(url))
    url = without_userinfo(url) if _has_userinfo(url) else url
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError, ValueError) as exc:  # UnicodeError (IDNA) too
        raise FetchError(f"{url}: not a valid URL ({exc})", code="bad_url", url=url) from exc
    return _http_only(parsed, url)


def redirect_target(current: httpx.URL, location: str) -> httpx.URL:
    """The URL a Location header points to, resolved against the current URL."""
    if _has_userinfo(location):
        location = without_userinfo(location)
    try:
        target = current.join(location.strip())
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        message = f"{current}: redirected to an invalid URL {location!r}"
        raise FetchError(message, code="bad_url", url=str(current)) from exc
    return _http_only(target, str(target))


def _http_only(parsed: httpx.URL, original: str) -> httpx.URL:
    try:
        return _checked_parts(parsed, original)
    except UnicodeError as exc:  # an `xn--` label that does not decode
        message = f"{original}: the host name is not valid ({exc})"
        raise FetchError(message, code="bad_url", url=original) from exc


def _has_userinfo(url: str) -> bool:
    return "@" in url and without_userinfo(url) != url


def _checked_parts(parsed: httpx.URL, original: str) -> httpx.URL:
    if parsed.userinfo:
        message = f"{original}: a user name or password in a URL is not accepted"
        raise FetchError(message, code="bad_url", url=original)
    if parsed.scheme not in SCHEMES:
        message = f"{original}: only http:// and https:// URLs can be fetched"
        raise FetchError(message, code="bad_url", url=original)
    if not parsed.host:
        raise FetchError(f"{original}: the URL has no host", code="bad_url", url=original)
    if not _HOST.fullmatch(parsed.raw_host):
        message = f"{original}: {parsed.host!r} is not a valid host name"
        raise FetchError(message, code="bad_url", url=original)
    problem = None if b":" in parsed.raw_host else host_name_problem(parsed.raw_host.decode())
    if problem:
        raise FetchError(f"{original}: {problem}", code="bad_url", url=original)
    return parsed
