"""Dates: everything we store is an aware UTC datetime.

`parse_date` tries, in order: ISO 8601 (stdlib), RFC 822/1123 (stdlib), feedparser's date
handlers (for the non-ASCII regional formats: Korean, Greek, Hungarian) and python-dateutil
(sloppy forms, US zone names). A string that does not name at least a year, month and day
gives None, never a guess.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, datetime, timedelta, tzinfo
from email.utils import parsedate_to_datetime

from dateutil import parser as _dateutil
from dateutil.tz import tzoffset
from feedparser.datetimes import _parse_date as _feedparser_date

MAX_DATE_CHARS = 200
DEFAULT_FUTURE_SLACK = timedelta(hours=1)

#: Zone abbreviations seen in feeds, in hours east of UTC (US ones as feeds use them).
ZONE_HOURS: dict[str, float] = {
    "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 1, "CET": 1, "MET": 1,
    "WEST": 1, "CEST": 2, "MEST": 2, "EET": 2, "EEST": 3, "MSK": 3, "IST": 5.5,
    "SGT": 8, "HKT": 8, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11, "NZST": 12,
    "NZDT": 13, "AST": -4, "ADT": -3, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
    "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "AKST": -9, "AKDT": -8, "HST": -10,
}  # fmt: skip

_DEFAULTS = (datetime(2000, 1, 1), datetime(2001, 2, 2))
_DIGITS_ONLY = re.compile(r"^\d+$")
_RFC822_SHAPE = re.compile(r"^(?:[A-Za-z]{2,9}\.?,?\s*)?\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{2,4}\s+\d")
_CJK_DATE = re.compile(r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?")
_DAY_FIRST = re.compile(r"^\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\b")


def to_utc(dt: datetime | None) -> datetime | None:
    """`dt` as an aware UTC datetime; a naive one is taken to be UTC already."""
    if dt is None:
        return None
    if dt.tzinfo is None or dt.utcoffset() is None:
        return dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)


def clamp_future(
    dt: datetime | None, now: datetime, slack: timedelta = DEFAULT_FUTURE_SLACK
) -> datetime | None:
    """`dt` in UTC, except that a date more than `slack` after `now` is not trusted and
    `now` is returned instead (feeds with broken clocks or scheduled posts)."""
    value = to_utc(dt)
    now_utc = to_utc(now)
    assert now_utc is not None
    if value is not None and value > now_utc + slack:
        return now_utc
    return value


def parse_date(s: str | None) -> datetime | None:
    """Parse a date as found in feeds and pages into aware UTC; None when it is empty or not
    a full date (at least year, month and day)."""
    if not s:
        return None
    text = _CJK_DATE.sub(r"\1-\2-\3 ", " ".join(s.split())).strip()
    if not text or len(text) > MAX_DATE_CHARS or (_DIGITS_ONLY.match(text) and len(text) != 8):
        return None
    for parse in (_iso, _rfc822, _feedparser, _sloppy):
        value = parse(text)
        if value is not None:
            return to_utc(value)
    return None


def _iso(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _rfc822(text: str) -> datetime | None:
    if not _RFC822_SHAPE.match(text):
        return None
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def _sloppy(text: str) -> datetime | None:
    """dateutil, parsed twice with different fill-in defaults: if the two disagree on the
    date, the string did not name a full date."""
    dayfirst = bool(_DAY_FIRST.match(text))  # "01.05.2024" is 1 May wherever dots are used
    try:
        first, second = (
            _dateutil.parse(text, default=d, tzinfos=_zone, dayfirst=dayfirst) for d in _DEFAULTS
        )
    except (ValueError, OverflowError, TypeError):
        return None
    if first.date() != second.date():
        return None
    found: datetime = first
    return found


def _zone(name: str | None, offset: int | None) -> tzinfo | None:
    zone: tzinfo | None = None
    if name and name.upper() in ZONE_HOURS:
        zone = tzoffset(name.upper(), int(ZONE_HOURS[name.upper()] * 3600))
    elif offset is not None:
        zone = tzoffset(None, offset)
    if zone is not None:
        return zone
    return None  # an unknown zone name: treated as UTC, like a naive date


def _feedparser(text: str) -> datetime | None:
    """feedparser's handlers, for the regional formats only (Korean, Greek, Hungarian):
    on ASCII text they accept things dateutil rightly refused ("10:00", month 13)."""
    if text.isascii():
        return None
    try:
        parsed = _feedparser_date(text)
        if parsed is None:
            return None
        return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    except (ValueError, OverflowError, TypeError, IndexError, OSError):
        return None
