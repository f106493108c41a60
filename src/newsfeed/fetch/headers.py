"""Pure helpers over response headers: Retry-After, cache lifetime, Content-Type.

They take any mapping of header names to values (case-insensitive lookup) and an explicit
`now`, so the scheduler can call them on stored headers and tests need no clock."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


def header(headers: Mapping[str, str], name: str) -> str | None:
    """The value of header `name`, whatever the case of the stored names."""
    value = headers.get(name)
    if value is not None:
        return value
    wanted = name.lower()
    return next((v for k, v in headers.items() if k.lower() == wanted), None)


def parse_http_date(value: str | None) -> datetime | None:
    """An HTTP-date (RFC 9110 §5.6.7, and the obsolete forms) as an aware UTC datetime."""
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    return _aware(when)


def retry_after_s(headers: Mapping[str, str], now: datetime) -> float | None:
    """Seconds to wait from `now`, from Retry-After as delta-seconds or an HTTP-date."""
    raw = (header(headers, "retry-after") or "").strip()
    if not raw:
        return None
    if raw.isdigit():
        return float(int(raw))
    when = parse_http_date(raw)
    if when is None:
        return None
    return max(0.0, (when - _aware(now)).total_seconds())


def cache_lifetime_s(headers: Mapping[str, str], now: datetime) -> float | None:
    """How long the response stays fresh, in seconds from now; None when it does not say.

    no-store / no-cache → 0; else s-maxage, then max-age (minus Age); else Expires − Date
    (an unparsable Expires means already stale, as RFC 9111 §5.3 says)."""
    directives = cache_control(header(headers, "cache-control"))
    if "no-store" in directives or directives.get("no-cache", "x") == "":
        return 0.0
    for name in ("s-maxage", "max-age"):
        seconds = _delta_seconds(directives.get(name))
        if seconds is not None:
            age = _delta_seconds(header(headers, "age")) or 0.0
            return max(0.0, seconds - age)
    return _expires_lifetime(headers, now)


def cache_control(value: str | None) -> dict[str, str]:
    """Cache-Control directives, names lower-cased; a bare directive maps to ""."""
    directives: dict[str, str] = {}
    for part in (value or "").split(","):
        name, _, arg = part.partition("=")
        name = name.strip().lower()
        if name and name not in directives:
            directives[name] = arg.strip().strip('"')
    return directives


def parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    """(media type in lower case, charset) from a Content-Type value."""
    if not value:
        return None, None
    media, *params = value.split(";")
    charset = None
    for param in params:
        name, _, arg = param.partition("=")
        if name.strip().lower() == "charset" and arg.strip().strip('"'):
            charset = arg.strip().strip('"').lower()
    return media.strip().lower() or None, charset


def _expires_lifetime(headers: Mapping[str, str], now: datetime) -> float | None:
    raw = header(headers, "expires")
    if raw is None:
        return None
    expires = parse_http_date(raw)
    if expires is None:
        return 0.0
    base = parse_http_date(header(headers, "date")) or _aware(now)
    return max(0.0, (expires - base).total_seconds())


def _delta_seconds(value: str | None) -> float | None:
    value = (value or "").strip()
    return float(int(value)) if value.isdigit() else None


def _aware(when: datetime) -> datetime:
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when
