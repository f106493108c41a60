"""What a refresh decided about its source, as a `SourceUpdate`: pure functions of (the
source as claimed, what the fetch and parse gave, the settings, now). The store writes it.

After a success: the validators the server sent (or, on 304, the ones we sent), the next
fetch from the feed's own wish (`schedule`), the error count reset, and the feed's title
and site link offered to a source that has none. After an error: the validators kept, the
error counted and recorded with its code, the next fetch backed off."""

from __future__ import annotations

from datetime import datetime

from newsfeed.fetch.headers import cache_lifetime_s
from newsfeed.model import FetchResult, Source, SourceUpdate
from newsfeed.settings import Settings
from newsfeed.update import schedule


def after_success(
    source: Source,
    fetched: FetchResult,
    settings: Settings,
    now: datetime,
    *,
    ttl_minutes: int | None = None,
    title: str | None = None,
    site_url: str | None = None,
    unfinished: bool = False,
) -> SourceUpdate:
    """`unfinished`: new items were left for a later refresh (the page cap), so the feed's
    validators are not kept: a 304 next time would leave those items waiting until the
    feed changes."""
    kept = fetched.not_modified  # a 304 sends no validators: the ones we sent still hold
    etag = fetched.etag or (source.etag if kept else None)
    last_modified = fetched.last_modified or (source.last_modified if kept else None)
    if unfinished:
        etag = last_modified = None
    lifetime = cache_lifetime_s(fetched.headers, now)
    next_at = schedule.next_after_success(
        now, settings, ttl_minutes=ttl_minutes, cache_lifetime_s=lifetime
    )
    return SourceUpdate(
        source_id=source.id,
        fetched_at=now,
        next_fetch_at=next_at,
        etag=etag,
        last_modified=last_modified,
        last_success_at=now,
        error_count=0,
        found_title=title or None,
        found_site_url=site_url or None,
    )


def after_error(
    source: Source,
    code: str,
    message: str,
    settings: Settings,
    now: datetime,
    *,
    retry_after_s: float | None = None,
) -> SourceUpdate:
    count = source.error_count + 1
    return SourceUpdate(
        source_id=source.id,
        fetched_at=now,
        next_fetch_at=schedule.next_after_error(now, settings, count, retry_after_s=retry_after_s),
        etag=source.etag,
        last_modified=source.last_modified,
        last_success_at=source.last_success_at,
        error_count=count,
        error_code=code,
        error=message,
    )
