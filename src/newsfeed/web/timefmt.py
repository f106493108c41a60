"""Human times for pages and feeds: "3 hours ago", absolute titles, RFC 822 and RFC 3339."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime
from functools import lru_cache

_UNITS = (
    (86_400 * 365, "year"),
    (86_400 * 30, "month"),
    (86_400 * 7, "week"),
    (86_400, "day"),
    (3_600, "hour"),
    (60, "minute"),
)


def aware(moment: datetime) -> datetime:
    """The same instant as an aware UTC datetime (naive values are taken as UTC)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def relative(moment: datetime, now: datetime) -> str:
    """'just now', '5 minutes ago', 'yesterday', '3 weeks ago', 'in 2 hours'."""
    seconds = int((aware(now) - aware(moment)).total_seconds())
    future = seconds < 0
    seconds = abs(seconds)
    if seconds < 60:
        return "just now"
    for size, unit in _UNITS:
        if seconds >= size:
            count = seconds // size
            if unit == "day" and count == 1 and not future:
                return "yesterday"
            label = f"{count} {unit}{'s' if count != 1 else ''}"
            return f"in {label}" if future else f"{label} ago"
    return "just now"  # pragma: no cover - the loop always returns


@lru_cache(maxsize=8192)
def absolute(moment: datetime) -> str:
    """'5 Mar 2024, 14:03 UTC'."""
    value = aware(moment)
    return f"{value.day} {value:%b %Y, %H:%M} UTC"


@lru_cache(maxsize=8192)
def iso(moment: datetime) -> str:
    """RFC 3339 with a Z suffix, seconds precision."""
    return aware(moment).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def rfc822(moment: datetime) -> str:
    """The date format RSS 2.0 requires."""
    return format_datetime(aware(moment), usegmt=True)
