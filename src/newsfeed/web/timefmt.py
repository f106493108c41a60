"""Human times for pages and feeds: "3 hours ago", absolute titles, RFC 822 and RFC 3339,
and the `<time>` element the pages show them in."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime
from functools import lru_cache

from markupsafe import Markup

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


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@lru_cache(maxsize=8192)
def absolute(moment: datetime) -> str:
    """'5 Mar 2024, 14:03 UTC' (English month names whatever the process locale: the pages
    are in English)."""
    value = aware(moment)
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}, {value:%H:%M} UTC"


@lru_cache(maxsize=8192)
def iso(moment: datetime) -> str:
    """RFC 3339 with a Z suffix, seconds precision."""
    return aware(moment).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def rfc822(moment: datetime) -> str:
    """The date format RSS 2.0 requires."""
    return format_datetime(aware(moment), usegmt=True)


def time_tag(moment: datetime, now: datetime) -> Markup:
    """`<time datetime="…" title="5 Mar 2024, 14:03 UTC">3 hours ago</time>`, in one call: a
    list page shows thirty, and three template expressions cost three filter calls and
    three escapes each time. The three strings are made here from numbers and fixed English
    words, so they hold nothing that needs escaping."""
    return Markup(
        f'<time datetime="{iso(moment)}" title="{absolute(moment)}">{relative(moment, now)}</time>'
    )
