"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org) → RawFeed."""

from __future__ import annotations

import json
import re
from typing import Any

from newsfeed.errors import ParseError
from newsfeed.model import RawAuthor, RawEnclosure, RawEntry, RawFeed, RawImage, RawText

from .dates import parse_feed_date
from .text import is_image, resolve, to_int
from .xmlmedia import merge_images

_VERSIONS = {
    "https://jsonfeed.org/version/1": "json10",
    "https://jsonfeed.org/version/1.1": "json11",
}


def parse_json_feed(content: bytes, url: str, encoding: str | None) -> RawFeed:
    """Read a JSON Feed; ParseError "bad_json" when the JSON is broken, "not_a_feed" when
    it is JSON but not a feed."""
    try:
        document = json.loads(_without_lone_surrogates(content.decode(encoding or "utf-8-sig")))
    except (UnicodeDecodeError, LookupError, json.JSONDecodeError) as exc:
        raise ParseError(f"broken JSON Feed: {exc}", code="bad_json", url=url) from exc
    except RecursionError as exc:
        message = "broken JSON Feed: nested too deep"
        raise ParseError(message, code="bad_json", url=url) from exc
    if not isinstance(document, dict) or not (
        "jsonfeed.org/version" in str(document.get("version", ""))
        or isinstance(document.get("items"), list)
    ):
        raise ParseError("JSON document is not a JSON Feed", code="not_a_feed", url=url)
    if not isinstance(document.get("items", []), list):
        message = "JSON Feed whose items are not a list"
        raise ParseError(message, code="not_a_feed", url=url)
    return _feed(document, url)


_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def _without_lone_surrogates(text: str) -> str:
    """`text` with every `\\uD800`-style escape that is not half of a pair written as
    U+FFFD: json would decode it into a string no database and no UTF-8 encoder accepts."""
    if _SURROGATE.search(text) is None:
        return text
    return _LONE_SURROGATE.sub(r"\\ufffd", text)


def _feed(doc: dict[str, Any], url: str) -> RawFeed:
    version = str(doc.get("version") or "").strip().rstrip("/")
    base = _str(doc.get("home_page_url")) or url
    items = _list(doc.get("items"))
    return RawFeed(
        version=_VERSIONS.get(version, "json1"),
        title=_str(doc.get("title")),
        link=resolve(url, _str(doc.get("home_page_url"))),
        subtitle=_str(doc.get("description")),
        language=_str(doc.get("language")),
        image_url=resolve(url, _str(doc.get("icon")) or _str(doc.get("favicon"))),
        authors=_authors(doc, url),
        entries=tuple(_entry(item, base) for item in items if isinstance(item, dict)),
        bozo=version not in _VERSIONS,
        bozo_reason=None if version in _VERSIONS else f"unknown JSON Feed version {version!r}",
    )


def _entry(item: dict[str, Any], base: str) -> RawEntry:
    link = resolve(base, _str(item.get("url")))
    enclosures = _attachments(item, base)
    return RawEntry(
        guid=_str(item.get("id")) or link,
        link=link,
        title=_text(item.get("title"), "text"),
        summary=_text(item.get("summary"), "text"),
        content=_text(item.get("content_html"), "html") or _text(item.get("content_text"), "text"),
        published=parse_feed_date(_str(item.get("date_published"))),
        updated=parse_feed_date(_str(item.get("date_modified"))),
        authors=_authors(item, base),
        tags=tuple(dict.fromkeys(t.strip() for t in _list(item.get("tags")) if _str(t))),
        images=merge_images(_images(item, base), _attachment_images(enclosures)),
        enclosures=tuple(enclosures),
        base_url=link or base,
        language=_str(item.get("language")),
    )


def _str(value: Any) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value.strip() or None if isinstance(value, str) else None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _text(value: Any, kind: str) -> RawText | None:
    text = _str(value)
    if text is None:
        return None
    return RawText(text, "html" if kind == "html" else "text")


def _authors(context: dict[str, Any], base: str) -> tuple[RawAuthor, ...]:
    raw = _list(context.get("authors")) or [context.get("author")]
    found = [
        RawAuthor(
            name=_str(a.get("name")),
            url=resolve(base, _str(a.get("url"))),
            avatar_url=resolve(base, _str(a.get("avatar"))),
        )
        for a in raw
        if isinstance(a, dict)
    ]
    return tuple(a for a in found if a.name or a.url)


def _images(item: dict[str, Any], base: str) -> list[RawImage]:
    urls = (resolve(base, _str(item.get(key))) for key in ("image", "banner_image"))
    return [RawImage(url=u) for u in urls if u]


def _attachments(item: dict[str, Any], base: str) -> list[RawEnclosure]:
    found: list[RawEnclosure] = []
    for attachment in _list(item.get("attachments")):
        if isinstance(attachment, dict) and (href := resolve(base, _str(attachment.get("url")))):
            found.append(
                RawEnclosure(
                    href, _str(attachment.get("mime_type")), to_int(attachment.get("size_in_bytes"))
                )
            )
    return found


def _attachment_images(enclosures: list[RawEnclosure]) -> list[RawImage]:
    return [RawImage(url=e.url, type=e.type) for e in enclosures if is_image(e.url, e.type)]
