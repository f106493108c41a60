"""to_utc, parse_date, clamp_future."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from newsfeed.normalize.dates import clamp_future, parse_date, to_utc

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def test_to_utc_none_naive_and_aware() -> None:
    assert to_utc(None) is None
    naive = datetime(2024, 5, 1, 10, 0)
    assert to_utc(naive) == utc(2024, 5, 1, 10, 0)
    assert to_utc(naive).tzinfo is UTC  # type: ignore[union-attr]
    paris = datetime(2024, 5, 1, 10, 0, tzinfo=timezone(timedelta(hours=2)))
    converted = to_utc(paris)
    assert converted == utc(2024, 5, 1, 8, 0)
    assert converted is not None and converted.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-01T10:00:00Z", utc(2024, 5, 1, 10, 0)),
        ("2024-05-01T10:00:00+02:00", utc(2024, 5, 1, 8, 0)),
        ("2024-05-01T10:00:00.250-05:00", datetime(2024, 5, 1, 15, 0, 0, 250000, tzinfo=UTC)),
        ("2024-05-01", utc(2024, 5, 1)),
        ("2024-05-01 10:00:00", utc(2024, 5, 1, 10, 0)),
        ("20240501", utc(2024, 5, 1)),
        ("Wed, 01 May 2024 10:00:00 GMT", utc(2024, 5, 1, 10, 0)),
        ("Wed, 01 May 2024 10:00:00 +0000", utc(2024, 5, 1, 10, 0)),
        ("Wed, 1 May 2024 10:00 +0200", utc(2024, 5, 1, 8, 0)),
        ("Wed, 01 May 2024 10:00:00 EST", utc(2024, 5, 1, 15, 0)),
        ("Wed, 01 May 2024 10:00:00 PDT", utc(2024, 5, 1, 17, 0)),
        ("1 May 2024 10:00:00 +0100", utc(2024, 5, 1, 9, 0)),
        ("May 1, 2024", utc(2024, 5, 1)),
        ("May 1, 2024 10:00 PM PDT", utc(2024, 5, 2, 5, 0)),
        ("1st May 2024", utc(2024, 5, 1)),
        ("2024/05/01", utc(2024, 5, 1)),
        ("01.05.2024", utc(2024, 5, 1)),
        ("Sun Nov  6 08:49:37 1994", utc(1994, 11, 6, 8, 49, 37)),
        ("  Wed,\n 01 May 2024\t10:00:00 GMT  ", utc(2024, 5, 1, 10, 0)),
        ("Wed, 01 May 2024 10:00:00 XYZ", utc(2024, 5, 1, 10, 0)),
        ("2024年5月1日", utc(2024, 5, 1)),
        ("2024년 5월 1일 10:30", utc(2024, 5, 1, 10, 30)),
    ],
)
def test_parse_date_forms(text: str, expected: datetime) -> None:
    parsed = parse_date(text)
    assert parsed == expected
    assert parsed is not None and parsed.tzinfo is UTC


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "   ",
        "garbage",
        "Tuesday",
        "May 2024",
        "10:00",
        "2024-13-45",
        "Mon, 31 Feb 2024 10:00:00 GMT",
        "Wed, 01 May 2024 25:00:00 GMT",
        "0000-00-00 00:00:00",
        "1714557600",
        "x" * 500,
    ],
)
def test_parse_date_refuses_what_is_not_a_full_date(text: str | None) -> None:
    assert parse_date(text) is None


def test_clamp_future_keeps_past_and_near_future() -> None:
    past = utc(2024, 4, 30)
    assert clamp_future(past, NOW) == past
    soon = NOW + timedelta(minutes=30)
    assert clamp_future(soon, NOW) == soon


def test_clamp_future_replaces_far_future_with_now() -> None:
    assert clamp_future(NOW + timedelta(days=400), NOW) == NOW
    assert clamp_future(NOW + timedelta(hours=2), NOW) == NOW
    assert clamp_future(NOW + timedelta(hours=2), NOW, slack=timedelta(hours=3)) == NOW + timedelta(
        hours=2
    )


def test_clamp_future_none_and_naive() -> None:
    assert clamp_future(None, NOW) is None
    naive_future = datetime(2030, 1, 1)
    assert clamp_future(naive_future, NOW) == NOW
    naive_now = datetime(2024, 5, 1, 12, 0)
    assert clamp_future(utc(2024, 5, 1, 11), naive_now) == utc(2024, 5, 1, 11)
