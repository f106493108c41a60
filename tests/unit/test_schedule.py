"""When a source is fetched next: pure functions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsfeed.settings import load_settings
from newsfeed.update import schedule

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
CFG = load_settings({})


def test_default_interval_without_hints():
    assert schedule.next_after_success(NOW, CFG) == NOW + timedelta(seconds=1800)


def test_ttl_and_cache_lifetime_are_honoured_within_bounds():
    assert schedule.success_interval_s(CFG, ttl_minutes=60) == 3600
    assert schedule.success_interval_s(CFG, cache_lifetime_s=7200, ttl_minutes=60) == 7200
    assert schedule.success_interval_s(CFG, cache_lifetime_s=5) == CFG.min_interval_s
    assert schedule.success_interval_s(CFG, ttl_minutes=10**6) == CFG.max_backoff_s


def test_backoff_doubles_and_is_capped_at_a_day():
    gaps = [schedule.error_interval_s(CFG, n) for n in range(1, 12)]
    assert gaps[:4] == [300, 600, 1200, 2400]
    assert max(gaps) == 86_400 and gaps[-1] == 86_400
    assert schedule.error_interval_s(CFG, 10**6) == 86_400


def test_retry_after_wins_when_longer():
    assert schedule.error_interval_s(CFG, 1, retry_after_s=3600) == 3600
    assert schedule.error_interval_s(CFG, 1, retry_after_s=10) == 300
    assert schedule.error_interval_s(CFG, 1, retry_after_s=10**9) == 86_400
