"""Feed dates → aware UTC datetimes, via feedparser's lenient date parser (RFC 822, W3DTF,
ISO 8601 and a dozen regional formats).

The two spellings nearly every feed uses — RFC 822 with a numeric or GMT/UTC zone
("Tue, 01 Apr 2025 08:00:00 +0200") and W3DTF with seconds ("2025-04-01T08:00:00Z") — are
read by a strict pattern first (feedparser walks a chain of a dozen regexes to reach them);
anything that does not match it exactly goes to feedparser, so results do not change.
"""

from __future__ import annotations

import re
import time
from datetime import UTC, datetime, timedelta
from functools import lru_cache

from feedparser.datetimes import _parse_date

_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_RFC822 = re.compile(
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun), )?(\d{1,2}) ([a-z]{3}) (\d{4}) (\d\d):(\d\d)"
    r"(?::(\d\d))? (?:([+-]\d{4})|gmt|utc|ut|z)",
    re.IGNORECASE,
)
_W3DTF = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,6})?(?:Z|[+-]\d\d:\d\d)")


def parse_feed_date(value: str | None) -> datetime | None:
    """Return `value` as an aware UTC datetime, or None when it is missing or unreadable."""
    if not value:
        return None
    value = value.strip()
    if not value:
        return None
    fast = _fast_w3dtf(value) if value[4:5] == "-" else _fast_rfc822(value)
    return fast if fast is not None else _with_feedparser(value)


def _fast_rfc822(value: str) -> datetime | None:
    match = _RFC822.fullmatch(value)
    if match is None:
        return None
    day, month, year, hour, minute, second, zone = match.groups()
    number = _MONTHS.get(month.lower())
    if number is None:
        return None
    try:
        moment = datetime(
            int(year), number, int(day), int(hour), int(minute), int(second or 0), tzinfo=UTC
        )
        return moment - _offset(zone) if zone else moment
    except (ValueError, OverflowError):
        return None  # feedparser decides what an impossible date means


@lru_cache(maxsize=64)
def _offset(zone: str) -> timedelta:
    """`+hhmm` / `-hhmm` as a timedelta (cached: a feed uses one or two zones, and building
    a timedelta costs more than the rest of the date)."""
    offset = timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5]))
    return offset if zone[0] == "+" else -offset


def _fast_w3dtf(value: str) -> datetime | None:
    if _W3DTF.fullmatch(value) is None:
        return None
    try:
        return datetime.fromisoformat(value).astimezone(UTC).replace(microsecond=0)
    except (ValueError, OverflowError):
        return None  # out of range once moved to UTC: left to feedparser


_LONG_OR_SIGNED_YEAR = re.compile(r"[+-]?\d{5,}-|[+-]\d")
_ISO_DAY = re.compile(r"\d{4}-(\d\d)-(\d\d)")


def _impossible(value: str) -> bool:
    """Dates feedparser would bend into another one: a year of five digits or more, or
    signed ("10000-01-01" read as 2010), an ISO day that does not exist ("2024-13-45")."""
    if _LONG_OR_SIGNED_YEAR.match(value):
        return True
    day = _ISO_DAY.match(value)
    if day is None:
        return False
    month, mday = (int(part) for part in day.groups())
    return not (1 <= month <= 12 and 1 <= mday <= 31)


def _with_feedparser(value: str) -> datetime | None:
    if _impossible(value):
        return None
    try:
        parsed = _parse_date(value)
    except (ValueError, OverflowError, TypeError, IndexError):
        return None
    return from_struct_time(parsed)


def from_struct_time(value: time.struct_time | None) -> datetime | None:
    """feedparser's UTC struct_time as an aware datetime (a leap second read as :59);
    None for none or an impossible one."""
    if not value:
        return None
    try:
        return datetime(
            value.tm_year,
            value.tm_mon,
            value.tm_mday,
            value.tm_hour,
            value.tm_min,
            min(value.tm_sec, 59),
            tzinfo=UTC,
        )
    except (ValueError, OverflowError, TypeError):
        return None
