"""Pictures in XML feeds: Media RSS (content, group, thumbnail, with description/title as
caption and credit) and image enclosures."""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from newsfeed.model import RawEnclosure, RawImage
from newsfeed.normalize.html import html_to_text

from .ns import media
from .text import is_image, resolve, to_int
from .xmltree import Found, every, first, scan, stripped

M_CONTENT = media("content")
M_GROUP = media("group")
M_THUMBNAIL = media("thumbnail")
M_DESCRIPTION = media("description")
M_TITLE = media("title")
M_CREDIT = media("credit")
M_CATEGORY = media("category")

#: Roles of an item's Media RSS children for `xmltree.scan`.
MEDIA_ROLES: dict[object, str] = {
    **dict.fromkeys(M_CONTENT | M_GROUP | M_THUMBNAIL, "media"),
    **dict.fromkeys(M_DESCRIPTION, "m_description"),
    **dict.fromkeys(M_TITLE, "m_title"),
    **dict.fromkeys(M_CREDIT, "m_credit"),
}


def _media_text(element: etree._Element | None) -> str | None:
    value = stripped(element)
    if value is None or element is None:
        return None
    if element.get("type") == "html":
        value = html_to_text(value)
    return value or None


def caption_and_credit(found: Found) -> tuple[str | None, str | None]:
    """media:description (else media:title) and media:credit, as plain text."""
    caption = _media_text(first(found, "m_description")) or _media_text(first(found, "m_title"))
    return caption, _media_text(first(found, "m_credit"))


class _Context:
    """Caption and credit inherited from an enclosing item or media:group."""

    __slots__ = ("base", "caption", "credit")

    def __init__(self, base: str | None, caption: str | None, credit: str | None) -> None:
        self.base, self.caption, self.credit = base, caption, credit

    def inner(self, element: etree._Element) -> _Context:
        if not len(element):
            return self
        caption, credit = caption_and_credit(scan(element, MEDIA_ROLES))
        return _Context(self.base, caption or self.caption, credit or self.credit)


def _image(element: etree._Element, ctx: _Context, kind: str | None) -> RawImage | None:
    url = resolve(ctx.base, element.get("url"))
    if not url:
        return None
    media_type = element.get("type")
    if kind is None and not is_image(url, media_type, element.get("medium")):
        return None
    return RawImage(
        url=url,
        caption=ctx.caption,
        credit=ctx.credit,
        width=to_int(element.get("width")),
        height=to_int(element.get("height")),
        type=media_type,
    )


def _collect(
    children: Iterable[etree._Element], ctx: _Context, out: list[RawImage], thumbs: list[RawImage]
) -> None:
    for child in children:
        tag = child.tag
        if tag in M_CONTENT:
            inner = ctx.inner(child)
            image = _image(child, inner, None)
            if image is not None:
                out.append(image)
            _collect_thumbs(child, inner, thumbs)
        elif tag in M_GROUP:
            _collect(child, ctx.inner(child), out, thumbs)
        elif tag in M_THUMBNAIL:
            thumb = _image(child, ctx, "image")
            if thumb is not None:
                thumbs.append(thumb)


def _collect_thumbs(parent: etree._Element, ctx: _Context, thumbs: list[RawImage]) -> None:
    for child in parent:
        if child.tag in M_THUMBNAIL:
            thumb = _image(child, ctx, "image")
            if thumb is not None:
                thumbs.append(thumb)


def media_images(found: Found, base: str | None) -> list[RawImage]:
    """Images from an item's Media RSS elements (as sorted by `MEDIA_ROLES`), full-size
    pictures before thumbnails."""
    media = every(found, "media")
    if not media:
        return []
    ctx = _Context(base, *caption_and_credit(found))
    images: list[RawImage] = []
    thumbs: list[RawImage] = []
    _collect(media, ctx, images, thumbs)
    return images + thumbs


def enclosure_images(enclosures: list[RawEnclosure]) -> list[RawImage]:
    return [RawImage(url=e.url, type=e.type) for e in enclosures if is_image(e.url, e.type)]


def merge_images(*groups: list[RawImage]) -> tuple[RawImage, ...]:
    """Concatenate image lists, keeping the first (richest) entry for each URL."""
    seen: set[str] = set()
    merged: list[RawImage] = []
    for group in groups:
        for image in group:
            if image.url not in seen:
                seen.add(image.url)
                merged.append(image)
    return tuple(merged)
