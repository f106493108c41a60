"""Pictures in XML feeds: Media RSS (content, group, thumbnail, with description/title as
caption and credit) and image enclosures."""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from newsfeed.model import RawEnclosure, RawImage
from newsfeed.normalize.html import html_to_text

from .ns import media
from .text import is_image, resolve, to_int
from .xmltree import Found, every, scan, stripped

M_CONTENT = media("content")
M_GROUP = media("group")
M_THUMBNAIL = media("thumbnail")
M_DESCRIPTION = media("description")
M_TITLE = media("title")
M_CREDIT = media("credit")
M_CATEGORY = media("category")

_NOTHING: Found = {}

#: Roles of an item's Media RSS children for `xmltree.scan`.
MEDIA_ROLES: dict[object, str] = {
    **dict.fromkeys(M_CONTENT | M_GROUP | M_THUMBNAIL, "media"),
    **dict.fromkeys(M_DESCRIPTION, "m_description"),
    **dict.fromkeys(M_TITLE, "m_title"),
    **dict.fromkeys(M_CREDIT, "m_credit"),
}


def _media_text(elements: list[etree._Element] | None) -> str | None:
    """The plain text of the first of `elements` (HTML when its type says so)."""
    if not elements:
        return None
    element = elements[0]
    value = stripped(element)
    if value is not None and element.get("type") == "html":
        value = html_to_text(value)
    return value or None


def caption_and_credit(found: Found) -> tuple[str | None, str | None]:
    """media:description (else media:title) and media:credit, as plain text."""
    caption = _media_text(found.get("m_description")) or _media_text(found.get("m_title"))
    return caption, _media_text(found.get("m_credit"))


def _image(
    element: etree._Element,
    base: str | None,
    caption: str | None,
    credit: str | None,
    thumbnail: bool = False,
) -> RawImage | None:
    """The picture an element points to (a thumbnail always is one; media:content only
    when its medium, type or file name says so)."""
    url = resolve(base, element.get("url"))
    if not url:
        return None
    media_type = element.get("type")
    if not thumbnail and not is_image(url, media_type, element.get("medium")):
        return None
    return RawImage(
        url=url,
        caption=caption,
        credit=credit,
        width=to_int(element.get("width")),
        height=to_int(element.get("height")),
        type=media_type,
    )


def _collect(
    children: Iterable[etree._Element],
    base: str | None,
    caption: str | None,
    credit: str | None,
    out: list[RawImage],
    thumbs: list[RawImage],
) -> None:
    """Pictures among `children`, with the caption and credit of the enclosing element
    unless they carry their own."""
    for child in children:
        tag = child.tag
        if tag in M_THUMBNAIL:
            _add(thumbs, _image(child, base, caption, credit, thumbnail=True))
            continue
        found = scan(child, MEDIA_ROLES) if len(child) else _NOTHING
        own_caption, own_credit = caption_and_credit(found) if found else (None, None)
        own_caption, own_credit = own_caption or caption, own_credit or credit
        if tag in M_CONTENT:
            _add(out, _image(child, base, own_caption, own_credit))
            for inner in every(found, "media"):
                if inner.tag in M_THUMBNAIL:
                    _add(thumbs, _image(inner, base, own_caption, own_credit, thumbnail=True))
        elif tag in M_GROUP:
            _collect(child, base, own_caption, own_credit, out, thumbs)


def _add(images: list[RawImage], image: RawImage | None) -> None:
    if image is not None:
        images.append(image)


def media_images(found: Found, base: str | None) -> list[RawImage]:
    """Images from an item's Media RSS elements (as sorted by `MEDIA_ROLES`), full-size
    pictures before thumbnails."""
    media = found.get("media")
    if not media:
        return []
    images: list[RawImage] = []
    thumbs: list[RawImage] = []
    _collect(media, base, *caption_and_credit(found), images, thumbs)
    return images + thumbs


def enclosure_images(enclosures: list[RawEnclosure]) -> list[RawImage]:
    return [RawImage(url=e.url, type=e.type) for e in enclosures if is_image(e.url, e.type)]


def merge_images(*groups: list[RawImage]) -> tuple[RawImage, ...]:
    """Concatenate image lists, keeping the first (richest) entry for each URL."""
    images = [image for group in groups for image in group]
    if len(images) < 2:
        return tuple(images)
    seen: set[str] = set()
    merged: list[RawImage] = []
    for image in images:
        if image.url not in seen:
            seen.add(image.url)
            merged.append(image)
    return tuple(merged)
