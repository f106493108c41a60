"""When to fetch a source next: pure functions of (what the server said, now, settings).

After a success the interval is the feed's own wish (RSS <ttl>, Cache-Control max-age,
Expires) clamped to [min_interval_s, max_backoff_s], else the default interval. After an
error it backs off exponentially from min_interval_s (×2 per consecutive error, capped at
max_backoff_s), and never earlier than the server's Retry-After.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from newsfeed.settings import Settings


def success_interval_s(
    settings: Settings, *, ttl_minutes: int | None = None, cache_lifetime_s: float | None = None
) -> float:
    wishes = [w for w in (cache_lifetime_s, ttl_minutes and ttl_minutes * 60) if w]
    wanted = max(wishes) if wishes else settings.default_interval_s
    return float(min(max(wanted, settings.min_interval_s), settings.max_backoff_s))


def error_interval_s(
    settings: Settings, error_count: int, *, retry_after_s: float | None = None
) -> float:
    """`error_count` counts this error too (1 after the first failure)."""
    exponent = max(error_count - 1, 0)
    backoff = settings.min_interval_s * (2 ** min(exponent, 30))
    backoff = min(backoff, settings.max_backoff_s)
    if retry_after_s is not None:
        backoff = max(backoff, min(retry_after_s, settings.max_backoff_s))
    return float(backoff)


def next_after_success(
    now: datetime,
    settings: Settings,
    *,
    ttl_minutes: int | None = None,
    cache_lifetime_s: float | None = None,
) -> datetime:
    interval = success_interval_s(
        settings, ttl_minutes=ttl_minutes, cache_lifetime_s=cache_lifetime_s
    )
    return now + timedelta(seconds=interval)


def next_after_error(
    now: datetime, settings: Settings, error_count: int, *, retry_after_s: float | None = None
) -> datetime:
    return now + timedelta(
        seconds=error_interval_s(settings, error_count, retry_after_s=retry_after_s)
    )
