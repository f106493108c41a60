"""The lead image of an entry: the photo shown above the article, with caption and credit.

Preference: the feed's own images (media:content / media:thumbnail / image enclosures /
JSON Feed image) with the largest known width, else the first usable `<img>` of the body
(with its `<figure>`'s `<figcaption>` as caption). URLs are made absolute; tracking pixels
(width or height ≤ 2), non-images and obvious icons, logos, avatars and emoji are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html

from newsfeed.model import Image, RawEntry, RawImage
from newsfeed.normalize.captions import split_caption_credit
from newsfeed.normalize.text import collapse_spaces

PIXEL_MAX = 2  # an image this narrow or short (in pixels) is a tracker, not a photo

_ICON = re.compile(
    r"favicon|apple-touch|/icons?/|[/_.-]icon[s]?[._-]|(?:^|[/_-])logos?[._/-]|/avatars?/"
    r"|gravatar\.com|/emoji/|/smilies/|spacer\.gif|blank\.gif|pixel\.(?:gif|png)|1x1\."
    r"|/share[_-]?buttons?/|feeds\.feedburner\.com|stats\.wordpress\.com|pixel\.wp\.com"
    r"|doubleclick\.net|/badges?/|/sprites?/",
    re.IGNORECASE,
)
_COUNTER = re.compile(
    r"feeds\.feedburner\.com/~r/|stats\.wordpress\.com|pixel\.wp\.com|doubleclick\.net"
    r"|/pixel\.(?:gif|png)|spacer\.gif|1x1\.(?:gif|png)",
    re.IGNORECASE,
)
_LAZY_ATTRS = ("data-src", "data-lazy-src", "data-original", "data-srcset", "srcset")
_CREDIT_CLASS = re.compile(r"credit|copyright|byline|source|attribution", re.IGNORECASE)
_CREDIT_TAGS = frozenset({"cite", "small"})
_WRAPPERS = frozenset({"a", "p", "div", "span", "picture", "figure"})
_NUMBER = re.compile(r"^\s*(\d{1,6})(?:\.\d+)?\s*(?:px)?\s*$")


def lead_image(entry: RawEntry, content_html: str | None) -> Image | None:
    """The lead image of `entry`, from its own images, else from `content_html`."""
    base = entry.base_url or entry.link
    image = best_raw_image(entry.images, base)
    if image is not None:
        return image
    root = parse_fragment(content_html or "")
    if root is None:
        return None
    found = first_body_image(root, base)
    return found[0] if found else None


# ── the feed's own images ────────────────────────────────────────────────────────────
def best_raw_image(images: Iterable[RawImage], base: str | None) -> Image | None:
    """The usable image with the largest known width (the first one on a tie)."""
    usable = [img for img in (image_from_raw(raw, base) for raw in images) if img is not None]
    if not usable:
        return None
    return max(usable, key=lambda img: img.width or 0)


def image_from_raw(raw: RawImage, base: str | None) -> Image | None:
    """`raw` as an Image, or None when it is not a usable photo."""
    if raw.type and not raw.type.lower().startswith("image/"):
        return None
    url = absolute_url(raw.url, base)
    if url is None or looks_like_icon(url) or is_tracking_pixel(raw.width, raw.height):
        return None
    caption, credit = _caption_credit(raw.caption, raw.credit)
    alt = collapse_spaces(raw.alt) if raw.alt else None
    return Image(url, caption, credit, alt or None, raw.width, raw.height)


def _caption_credit(caption: str | None, credit: str | None) -> tuple[str | None, str | None]:
    credit = collapse_spaces(credit) if credit else None
    if credit:
        return (collapse_spaces(caption) or None) if caption else None, credit
    return split_caption_credit(caption)


# ── images in the body ───────────────────────────────────────────────────────────────
def parse_fragment(html: str) -> Any | None:
    """An lxml tree of an HTML fragment under one `<div>`, or None when there is nothing."""
    if not html or not html.strip():
        return None
    try:
        return lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return None


def serialize_fragment(root: Any) -> str:
    """The inner HTML of a tree made by `parse_fragment`."""
    html: str = lxml.html.tostring(root, encoding="unicode")
    return html[len("<div>") : -len("</div>")]


def first_body_image(root: Any, base: str | None) -> tuple[Image, Any] | None:
    """The first usable `<img>` under `root`, as (Image, the element that shows it: its
    `<figure>`, or the `<img>` with any wrapper left empty without it)."""
    found = first_body_img(root, base)
    if found is None:
        return None
    img, url = found
    return body_image_at(img, url), display_element(img, root)


def first_body_img(root: Any, base: str | None) -> tuple[Any, str] | None:
    """The first usable `<img>` element under `root` and its absolute URL, found without
    reading its caption (a caller that only compares URLs needs no more)."""
    for img in root.iter("img"):
        url = _usable_url(img, base)
        if url is not None:
            return img, url
    return None


def body_image_at(img: Any, url: str) -> Image:
    """The Image of a usable `<img>` element whose URL is `url`: size, alt text, and the
    caption and credit of its figure."""
    width, height = _dimension(img.get("width")), _dimension(img.get("height"))
    caption, credit = figure_caption(img)
    alt = collapse_spaces(img.get("alt") or "") or None
    return Image(url, caption, credit, alt, width, height)


def _usable_url(img: Any, base: str | None) -> str | None:
    """The absolute URL an `<img>` shows; None for pixels, icons and unusable URLs."""
    if is_tracking_pixel(_dimension(img.get("width")), _dimension(img.get("height"))):
        return None
    return _img_url(img, base)


def figure_caption(img: Any) -> tuple[str | None, str | None]:
    """(caption, credit) from the `<figcaption>` of the `<figure>` around `img`."""
    figure = _ancestor(img, "figure")
    if figure is None:
        return None, None
    figcaption = next(figure.iter("figcaption"), None)
    if figcaption is None:
        return None, None
    full = collapse_spaces(figcaption.text_content())
    credit_el = _credit_element(figcaption)
    if credit_el is None:
        return split_caption_credit(full)
    credit = collapse_spaces(credit_el.text_content())
    caption = full[: full.rfind(credit)] + full[full.rfind(credit) + len(credit) :]
    return _caption_credit(caption, credit)


def display_element(img: Any, root: Any) -> Any:
    """The element to remove so that `img` no longer shows: its `<figure>`, else the
    outermost wrapper (`<a>`, `<p>`, `<picture>`…) that holds nothing else."""
    figure = _ancestor(img, "figure")
    return figure if figure is not None else _outer_wrapper(img, root)


def _outer_wrapper(img: Any, root: Any) -> Any:
    """`img`, or the outermost of its wrappers that holds nothing else."""
    target = img
    parent = target.getparent()
    while parent is not None and parent is not root and _only_holds(parent, target):
        target, parent = parent, parent.getparent()
    return target


def drop_tracking_pixels(root: Any) -> bool:
    """Remove `<img>` tracking pixels and counters from the tree; True if any were found."""
    pixels = [img for img in root.iter("img") if _is_pixel_element(img)]
    for img in pixels:
        remove_element(_outer_wrapper(img, root))
    return bool(pixels)


def _is_pixel_element(img: Any) -> bool:
    if is_tracking_pixel(_dimension(img.get("width")), _dimension(img.get("height"))):
        return True
    return bool(_COUNTER.search(img.get("src") or ""))


def remove_element(el: Any) -> None:
    """Remove `el` from its tree, keeping the text that follows it."""
    el.drop_tree()


def same_image(a: str, b: str) -> bool:
    """True when two image URLs name the same file (host and path; sizes in the query
    string are ignored)."""
    pa, pb = urlsplit(a), urlsplit(b)
    return (pa.hostname, pa.path) == (pb.hostname, pb.path)


# ── small helpers ────────────────────────────────────────────────────────────────────
def absolute_url(url: str | None, base: str | None) -> str | None:
    """`url` resolved against `base`; None unless the result is http(s) with a host."""
    if not url or not url.strip() or url.strip().startswith("data:"):
        return None
    url = url.strip()
    try:
        if base:
            url = urljoin(base, url)
        elif url.startswith("//"):
            url = "https:" + url
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def is_tracking_pixel(width: int | None, height: int | None) -> bool:
    """True for an image whose known width or height is at most PIXEL_MAX pixels."""
    return (width is not None and width <= PIXEL_MAX) or (
        height is not None and height <= PIXEL_MAX
    )


def looks_like_icon(url: str) -> bool:
    """True for URLs of favicons, logos, avatars, emoji, share buttons and counters."""
    return bool(_ICON.search(url))


def _img_url(img: Any, base: str | None) -> str | None:
    for attr in ("src", *_LAZY_ATTRS):
        value = img.get(attr)
        if not value:
            continue
        if attr.endswith("srcset"):
            value = _largest_in_srcset(value)
        url = absolute_url(value, base)
        if url is not None and not looks_like_icon(url):
            return url
    return None


def _largest_in_srcset(srcset: str) -> str | None:
    best: tuple[float, str] | None = None
    for candidate in srcset.split(","):
        parts = candidate.split()
        if not parts:
            continue
        size = _descriptor(parts[1]) if len(parts) > 1 else 1.0
        if best is None or size > best[0]:
            best = (size, parts[0])
    return best[1] if best else None


def _descriptor(text: str) -> float:
    try:
        return float(text.rstrip("wxWX"))
    except ValueError:
        return 0.0


def _dimension(value: str | None) -> int | None:
    match = _NUMBER.match(value) if value else None
    return int(match.group(1)) if match else None


def _ancestor(el: Any, tag: str) -> Any | None:
    for parent in el.iterancestors(tag):
        return parent
    return None


def _credit_element(figcaption: Any) -> Any | None:
    for el in figcaption.iterdescendants():
        if el.tag in _CREDIT_TAGS or _CREDIT_CLASS.search(el.get("class") or ""):
            return el
    return None


def _only_holds(parent: Any, child: Any) -> bool:
    if parent.tag not in _WRAPPERS or len(parent) != 1:
        return False
    return not (parent.text or "").strip() and not (child.tail or "").strip()
