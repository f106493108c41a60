"""The pure header helpers: Retry-After, cache lifetime, Content-Type, HTTP dates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from newsfeed.fetch import cache_lifetime_s, parse_http_date, retry_after_s
from newsfeed.fetch.headers import cache_control, parse_content_type

NOW = datetime(2026, 3, 3, 12, 0, 0, tzinfo=UTC)


def http_date(when: datetime) -> str:
    return when.strftime("%a, %d %b %Y %H:%M:%S GMT")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("120", 120.0),
        (" 0 ", 0.0),
        (http_date(NOW + timedelta(minutes=5)), 300.0),
        (http_date(NOW - timedelta(minutes=5)), 0.0),  # in the past: retry now
        ("Tuesday, 03-Mar-26 12:01:00 GMT", 60.0),  # obsolete RFC 850 form
        ("Tue Mar  3 12:00:30 2026", 30.0),  # asctime form
        ("-5", None),
        ("1.5", None),
        ("soon", None),
        ("", None),
    ],
)
def test_retry_after(value: str, expected: float | None) -> None:
    assert retry_after_s({"Retry-After": value}, NOW) == expected


def test_retry_after_absent_and_case_insensitive() -> None:
    assert retry_after_s({}, NOW) is None
    assert retry_after_s({"retry-after": "7"}, NOW) == 7.0
    assert retry_after_s({"RETRY-AFTER": "7"}, NOW) == 7.0


def test_retry_after_accepts_a_naive_now_as_utc() -> None:
    later = http_date(NOW + timedelta(seconds=90))
    assert retry_after_s({"retry-after": later}, NOW.replace(tzinfo=None)) == 90.0


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"cache-control": "max-age=600"}, 600.0),
        ({"cache-control": "public, max-age=600, s-maxage=60"}, 60.0),
        ({"cache-control": 'max-age="300"'}, 300.0),
        ({"cache-control": "max-age=600", "age": "200"}, 400.0),
        ({"cache-control": "max-age=600", "age": "900"}, 0.0),
        ({"cache-control": "no-cache"}, 0.0),
        ({"cache-control": "no-store, max-age=600"}, 0.0),
        ({"cache-control": "NO-CACHE, max-age=600"}, 0.0),
        ({"cache-control": 'no-cache="set-cookie", max-age=600'}, 600.0),
        ({"cache-control": "max-age=soon", "expires": http_date(NOW + timedelta(hours=1))}, 3600.0),
        ({"expires": http_date(NOW + timedelta(hours=1))}, 3600.0),
        ({"expires": http_date(NOW - timedelta(hours=1))}, 0.0),
        ({"expires": "0"}, 0.0),  # invalid Expires means already stale
        (
            {
                "expires": http_date(NOW + timedelta(hours=2)),
                "date": http_date(NOW + timedelta(hours=1)),
            },
            3600.0,
        ),  # Expires − Date: the server's clock, not ours
        ({"cache-control": "private"}, None),
        ({}, None),
    ],
)
def test_cache_lifetime(headers: dict[str, str], expected: float | None) -> None:
    assert cache_lifetime_s(headers, NOW) == expected


def test_cache_control_directives() -> None:
    assert cache_control('Public, MAX-AGE=60, no-cache="x", , private') == {
        "public": "",
        "max-age": "60",
        "no-cache": "x",
        "private": "",
    }


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("application/rss+xml", ("application/rss+xml", None)),
        ("Text/HTML; Charset=UTF-8", ("text/html", "utf-8")),
        (
            'application/xml; boundary=x; charset="windows-1252"',
            ("application/xml", "windows-1252"),
        ),
        ("text/plain; charset=", ("text/plain", None)),
        ("", (None, None)),
        (None, (None, None)),
    ],
)
def test_content_type(value: str | None, expected: tuple[str | None, str | None]) -> None:
    assert parse_content_type(value) == expected


def test_http_date() -> None:
    assert parse_http_date("Tue, 03 Mar 2026 12:00:00 GMT") == NOW
    assert parse_http_date("garbage") is None
    assert parse_http_date(None) is None
