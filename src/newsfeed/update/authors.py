"""Who wrote it: fill in an author's role, bio and photo once, from their profile page (the
address Atom and JSON Feed give) or else from the markup of one of their articles.

Runs after a refresh that stored new articles, for at most `AUTHORS_PER_ROUND` authors that
have no bio yet; each is looked up at most once per `author_lookup_interval_s`, found or
not, so a site without author data costs one request per author per interval."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime

from newsfeed.errors import NewsfeedError, NotFound
from newsfeed.fetch import Fetcher
from newsfeed.model import AuthorProfile, AuthorView, RawAuthor
from newsfeed.parse.profile import extract_profile
from newsfeed.settings import Settings
from newsfeed.store.api import Store
from newsfeed.update.fulltext import PAGE_ACCEPT
from newsfeed.update.offloop import OffLoop

log = logging.getLogger(__name__)

AUTHORS_PER_ROUND = 100


async def _from(fetcher: Fetcher, url: str, name: str | None) -> RawAuthor:
    fetched = await fetcher.get(url, accept=PAGE_ACCEPT)
    return await asyncio.to_thread(extract_profile, fetched.content, url=fetched.url, name=name)


async def look_up(
    fetcher: Fetcher, author: AuthorView, article_url: str | None
) -> RawAuthor | None:
    """The author's profile page first; else the named author on one of their articles."""
    tries = [(author.url, None), (article_url, author.name)]
    for url, name in tries:
        if not url:
            continue
        try:
            return await _from(fetcher, url, name)
        except NewsfeedError as exc:
            log.info("author %s: nothing at %s: %s", author.slug, url, exc)
        except Exception:  # a bug of ours on a hostile page: this author stays as is
            log.exception("author %s: unexpected error reading %s", author.slug, url)
    return None


async def enrich_authors(
    off: OffLoop, store: Store, settings: Settings, fetcher: Fetcher, *, now: datetime
) -> int:
    """Look up the authors that lack a bio; returns how many were enriched."""
    leads = await off(
        store.authors.to_enrich,
        now=now,
        limit=AUTHORS_PER_ROUND,
        retry_s=settings.author_lookup_interval_s,
    )
    found = await asyncio.gather(*(look_up(fetcher, a, url) for a, url in leads))
    enriched = 0
    for (author, _), profile in zip(leads, found, strict=True):
        if profile is not None:
            enriched += 1
        filled = AuthorProfile()
        if profile is not None:
            filled = AuthorProfile(
                role=profile.role, bio=profile.bio, avatar_url=profile.avatar_url, url=profile.url
            )
        try:
            await off(store.authors.fill_profile, author.id, filled, checked_at=now)
        except NotFound:  # removed with its source meanwhile
            continue
    return enriched
