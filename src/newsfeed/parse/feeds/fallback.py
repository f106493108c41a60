"""The lenient path: feedparser (its own sanitizer off) for anything the fast path does not
read — not-well-formed XML, Atom 0.3, CDF, odd roots — mapped into RawFeed."""

from __future__ import annotations

import io
import re
import time
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import feedparser

from newsfeed.model import RawAuthor, RawEnclosure, RawEntry, RawFeed, RawImage, RawText
from newsfeed.parse.feeds.dates import from_struct_time

from .itunes import EPISODE_TYPES, duration_seconds
from .repair import demoronize
from .text import is_image, plain, to_int
from .xmlmedia import merge_images


def parse_with_feedparser(
    content: bytes, url: str, content_type: str | None, encoding: str | None
) -> Any:
    """Run feedparser on the bytes (never on a URL: nothing is fetched). A document type
    declaration with entities of its own is dropped first: its entities are never expanded
    (billion laughs) nor loaded (XXE: a local file, a URL)."""
    content = without_internal_subset(content)
    headers = {"content-location": url} if url else {}
    media_type = content_type or "application/xml"
    headers["content-type"] = media_type + (f"; charset={encoding}" if encoding else "")
    return feedparser.parse(
        io.BytesIO(content),
        response_headers=headers,
        sanitize_html=False,
        resolve_relative_uris=False,
    )


_DOCTYPE = re.compile(rb"<!DOCTYPE\b", re.IGNORECASE)
_SUBSET_END = re.compile(rb"\]\s*>")
_ENTITY_DECLS = re.compile(rb"<!ENTITY\b", re.IGNORECASE)


def without_internal_subset(content: bytes) -> bytes:
    """`content` without its `<!DOCTYPE … [ … ]>` when that declares entities; the rest as
    is. Entity references left in the text are then just undefined (read as text)."""
    if _ENTITY_DECLS.search(content) is None:
        return content
    start = _DOCTYPE.search(content)
    if start is None:  # entity declarations outside a DTD: not XML, nothing expands them
        return content
    end = _SUBSET_END.search(content, start.end())
    if end is None:
        return content[: start.start()]
    return content[: start.start()] + content[end.end() :]


def to_raw_feed(result: Any) -> RawFeed:
    feed = result.get("feed", {})
    reason = result.get("bozo_exception")
    return RawFeed(
        version=result.get("version") or "unknown",
        title=plain(_text(feed.get("title_detail"))),
        link=feed.get("link") or None,
        subtitle=plain(_text(feed.get("subtitle_detail"))),
        language=feed.get("language") or None,
        updated=_updated(feed) or _date(feed.get("published_parsed")),
        image_url=(feed.get("image") or {}).get("href") or feed.get("logo") or None,
        ttl_minutes=to_int(feed.get("ttl")),
        authors=_authors(feed),
        entries=tuple(_entry(e) for e in result.get("entries", [])),
        bozo=bool(result.get("bozo")),
        bozo_reason=str(reason) if reason else None,
    )


def _entry(entry: Mapping[str, Any]) -> RawEntry:
    content = _content(entry)
    summary = _text(entry.get("summary_detail"))
    if summary is not None and content is not None and summary.value == content.value:
        summary = None
    enclosures = _enclosures(entry)
    detail = entry.get("content", [{}])[0] if content else entry.get("summary_detail") or {}
    return RawEntry(
        guid=entry.get("id") or None,
        link=_alternate(entry),
        title=_text(entry.get("title_detail")),
        summary=summary,
        content=content,
        published=_date(entry.get("published_parsed")),
        updated=_updated(entry),
        authors=_authors(entry),
        tags=tuple(
            dict.fromkeys(t["term"].strip() for t in entry.get("tags", []) if t.get("term"))
        ),
        images=merge_images(
            _media(entry), [i for e in enclosures if (i := _enclosure_image(e))], _artwork(entry)
        ),
        enclosures=tuple(enclosures),
        base_url=detail.get("base") or None,
        language=detail.get("language") or None,
        **_podcast(entry),
    )


def _podcast(entry: Mapping[str, Any]) -> dict[str, Any]:
    """feedparser's itunes_* keys as the episode fields of RawEntry."""
    explicit = entry.get("itunes_explicit")
    kind = str(entry.get("itunes_episodetype") or "").strip().lower()
    return {
        "duration_s": duration_seconds(str(entry.get("itunes_duration") or "")),
        "explicit": explicit if isinstance(explicit, bool) else None,
        "episode": to_int(entry.get("itunes_episode")),
        "season": to_int(entry.get("itunes_season")),
        "episode_type": kind if kind in EPISODE_TYPES else None,
    }


def _artwork(entry: Mapping[str, Any]) -> list[RawImage]:
    href = (entry.get("image") or {}).get("href")
    return [RawImage(url=href)] if href else []


def _updated(context: Mapping[str, Any]) -> datetime | None:
    """The feed's or entry's own update date: feedparser's `.get("updated_parsed")` answers
    with the published date when there is none (an old compatibility rule); `in` does not."""
    return _date(context["updated_parsed"]) if "updated_parsed" in context else None


def _alternate(entry: Mapping[str, Any]) -> str | None:
    for link in entry.get("links", []):
        if link.get("rel") == "alternate" and link.get("href"):
            return str(link["href"])
    return entry.get("link") or None


def _text(detail: Mapping[str, Any] | None) -> RawText | None:
    if not detail or not (detail.get("value") or "").strip():
        return None
    value = demoronize(detail["value"].strip())
    if "html" in (detail.get("type") or ""):
        return RawText(value, "html")
    return RawText(value, "text")


def _content(entry: Mapping[str, Any]) -> RawText | None:
    parts = [c for c in entry.get("content", []) if (c.get("value") or "").strip()]
    html = [c for c in parts if "html" in (c.get("type") or "")]
    return _text((html or parts or [None])[0])


def _date(value: time.struct_time | None) -> datetime | None:
    return from_struct_time(value)


def _authors(context: Mapping[str, Any]) -> tuple[RawAuthor, ...]:
    found = [
        RawAuthor(name=a.get("name") or None, email=a.get("email") or None, url=a.get("href"))
        for a in context.get("authors", [])
        if a.get("name") or a.get("email") or a.get("href")
    ]
    return tuple(dict.fromkeys(found))


def _enclosures(entry: Mapping[str, Any]) -> list[RawEnclosure]:
    return [
        RawEnclosure(link["href"], link.get("type") or None, to_int(link.get("length")))
        for link in entry.get("links", [])
        if link.get("rel") == "enclosure" and link.get("href")
    ]


def _enclosure_image(enclosure: RawEnclosure) -> RawImage | None:
    if is_image(enclosure.url, enclosure.type):
        return RawImage(url=enclosure.url, type=enclosure.type)
    return None


def _media(entry: Mapping[str, Any]) -> list[RawImage]:
    credits = [c.get("content") for c in entry.get("media_credit", []) if c.get("content")]
    credit = credits[0] if len(credits) == 1 else None
    images = [
        RawImage(
            url=m["url"],
            credit=credit,
            width=to_int(m.get("width")),
            height=to_int(m.get("height")),
            type=m.get("type"),
        )
        for m in entry.get("media_content", [])
        if m.get("url") and is_image(m["url"], m.get("type"), m.get("medium"))
    ]
    thumbs = [
        RawImage(url=m["url"], width=to_int(m.get("width")), height=to_int(m.get("height")))
        for m in entry.get("media_thumbnail", [])
        if m.get("url")
    ]
    return images + thumbs
