"""Feed dates: the strict fast patterns must agree with feedparser's parser, which reads
everything else."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from feedparser.datetimes import _parse_date

from newsfeed.parse.feeds.dates import parse_feed_date

SAMPLES = [
    "Tue, 01 Apr 2025 18:45:00 +0200",
    "Tue, 1 Apr 2025 18:45:00 +0200",
    "1 Apr 2025 18:45 GMT",
    "Wed, 31 Dec 2003 23:59:59 -0530",
    "Sat, 01 Jan 2000 00:00:00 Z",
    "Mon, 29 Feb 2016 12:00:00 UT",
    "Xyz, 02 Mar 2021 01:02:03 UTC",
    "Tuesday, 01 Apr 2025 18:45:00 +0200",
    "Tue,01 Apr 2025 18:45:00 +0200",
    "Tue, 01 Apr 2025 18:45:00 +0260",
    "Tue, 01 Apr 2025 18:45:00 +2400",
    "tue, 01 apr 2025 18:45:00 +0000",
    "Tue, 31 Apr 2025 18:45:00 +0200",  # no such day: left to feedparser
    "Tue, 01 Apr 2025 18:45:60 +0200",  # leap second: left to feedparser
    "Tue, 01 Apr 2025 18:45:00 EST",  # named zone: left to feedparser
    "2025-04-01T08:00:00Z",
    "2025-04-01T08:00:00+05:30",
    "2025-04-01T08:00:00.123456-01:00",
    "2025-04-01T08:00Z",  # no seconds: left to feedparser
    "2025-04-01",
    "2003-12-31T10:14:55Z",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_fast_paths_agree_with_feedparser(text: str) -> None:
    parsed = _parse_date(text)
    expected = None
    if parsed is not None:
        year, month, day, hour, minute, second = parsed[:6]
        expected = datetime(year, month, day, hour, minute, min(second, 59), tzinfo=UTC)
    assert parse_feed_date(text) == expected


def test_offsets_are_applied() -> None:
    assert parse_feed_date("Tue, 01 Apr 2025 18:45:00 +0200") == datetime(
        2025, 4, 1, 16, 45, tzinfo=UTC
    )
    assert parse_feed_date("2025-04-01T08:00:00-01:30") == datetime(2025, 4, 1, 9, 30, tzinfo=UTC)


@pytest.mark.parametrize("text", [None, "", "   ", "not a date", "Tue, 99 Foo 2025"])
def test_unreadable_is_none(text: str | None) -> None:
    assert parse_feed_date(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Mon, 01 Jan 0001 00:00:00 +0100",
        "Fri, 31 Dec 9999 23:00:00 -0100",
        "0001-01-01T00:00:00+01:00",
    ],
)
def test_dates_out_of_range_in_utc_do_not_raise(text: str) -> None:
    """Moving these to UTC leaves the datetime range; they go to feedparser's reading."""
    parsed = _parse_date(text)
    expected = None
    if parsed is not None and parsed.tm_year >= 1:
        expected = datetime(*parsed[:6], tzinfo=UTC)
    assert parse_feed_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["10000-01-01", "10000-01-01T00:00:00Z", "99999999-01-01", "-0001-01-01", "2024-13-45"],
)
def test_impossible_dates_are_not_bent_into_others(text: str) -> None:
    """feedparser read "10000-01-01" as 2010-12-01 and "2024-13-45" as 2025-01-01."""
    assert parse_feed_date(text) is None


def test_ordinary_loose_dates_still_read() -> None:
    assert parse_feed_date("20240203") == datetime(2024, 2, 3, tzinfo=UTC)
    assert parse_feed_date("2024-02-03 10:00") == datetime(2024, 2, 3, 10, tzinfo=UTC)
