"""The lead photo as the page shows it: the first `<figure>` of the article with its caption
and credit (a credit element such as `<span class=credit>`, else split off the caption)."""

from __future__ import annotations

import re
from collections.abc import Callable
from posixpath import basename
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from newsfeed.model import RawImage
from newsfeed.normalize.captions import split_caption_credit
from newsfeed.normalize.urls import join_http
from newsfeed.parse.metadata import Found, clean, text_of
from newsfeed.parse.page.choose import same_file

_CREDIT_CLASS = re.compile(r"credit|copyright|attribution|photographer|source|byline", re.I)
_SKIP_ANCESTORS = frozenset({"nav", "aside", "footer"})
_CHROME_CLASS = re.compile(r"author|avatar|logo|related|sidebar|promo|teaser|\bads?\b|\bad-", re.I)
MAX_CAPTION_WORDS = 60
_CAPTION_TAGS = frozenset({"figcaption", "small", "cite", "em", "span"})
_CAPTION_CLASS = re.compile(
    r"caption|credit|legend|unterschrift|bildtext|leyenda|didascalia|desc", re.IGNORECASE
)


def read_figure(tree: HtmlElement, url: str, lead_url: str | None = None) -> Found:
    """The lead figure of the article, as an image with caption and credit (source "figure");
    without a `<figure>`, the `<img>` showing `lead_url` (og:image) and the caption beside it."""
    figure = lead_figure(tree)
    if figure is not None:
        return Found("figure", image=_figure_image(figure, url))
    img = _img_showing(tree, url, lead_url) if lead_url else None
    return Found("figure", image=_captioned_img(img, url) if img is not None else None)


def _img_showing(tree: HtmlElement, url: str, lead_url: str) -> HtmlElement | None:
    try:
        name = basename(urlsplit(lead_url).path)
    except ValueError:
        return None
    for img in tree.iter("img"):
        src = img.get("src") or img.get("data-src")
        if not src or (name and name not in src):
            continue  # (an src showing the file holds its name: a cheap test first)
        absolute = join_http(url, src)
        if absolute and same_file(absolute, lead_url):
            return img
    return None


def _captioned_img(img: HtmlElement, url: str) -> RawImage | None:
    """The image with the short text right after it (or after its link/picture wrapper)."""
    anchor = img
    while anchor.getnext() is None and anchor.getparent() is not None and _wraps(anchor):
        anchor = anchor.getparent()
    beside = anchor.getnext()
    text = text_of(beside) if beside is not None and _is_caption(beside) else None
    if text and len(text.split()) > MAX_CAPTION_WORDS:
        text = None
    caption, credit = split_caption_credit(text) if text else (None, None)
    absolute = join_http(url, img.get("src") or img.get("data-src"))
    if absolute is None:
        return None
    return RawImage(url=absolute, caption=caption, credit=credit, alt=clean(img.get("alt")))


def _is_caption(element: HtmlElement) -> bool:
    """A caption-like element: marked as one, or a small inline text element."""
    if element.tag in _CAPTION_TAGS:
        return True
    return bool(_CAPTION_CLASS.search(f"{element.get('class', '')} {element.get('id', '')}"))


def _wraps(element: HtmlElement) -> bool:
    parent = element.getparent()
    return parent is not None and parent.tag in ("a", "picture", "span") and len(parent) == 1


def lead_figure(tree: HtmlElement) -> HtmlElement | None:
    """The first usable `<figure>` inside the article (else main, else an element with
    role=main, else body)."""
    usable = [figure for figure in tree.iter("figure") if _usable(figure)]
    if not usable:
        return None
    tests = (
        _in_first(tree, "article"),
        _in_first(tree, "main"),
        _in_role_main,
        _in_first(tree, "body"),
    )
    return next((figure for test in tests for figure in usable if test(figure)), None)


def _in_first(tree: HtmlElement, tag: str) -> Callable[[HtmlElement], bool]:
    """A test: is the figure inside the page's first `tag` element?"""
    container = next(tree.iter(tag), None)
    return lambda figure: (
        container is not None and any(a is container for a in figure.iterancestors(tag))
    )


def _in_role_main(figure: HtmlElement) -> bool:
    return any(a.get("role") == "main" for a in figure.iterancestors())


def _usable(figure: HtmlElement) -> bool:
    if _image_url(figure) is None:
        return False
    for element in (figure, *figure.iterancestors()):
        if element.tag in _SKIP_ANCESTORS or _CHROME_CLASS.search(element.get("class", "")):
            return False
    return True


def _figure_image(figure: HtmlElement, url: str) -> RawImage | None:
    absolute = join_http(url, _image_url(figure))
    if absolute is None:
        return None
    img = next(figure.iter("img"), None)
    caption, credit = caption_and_credit(figure)
    return RawImage(
        url=absolute,
        caption=caption,
        credit=credit,
        alt=clean(img.get("alt")) if img is not None else None,
        width=_int(img.get("width")) if img is not None else None,
        height=_int(img.get("height")) if img is not None else None,
    )


def _image_url(figure: HtmlElement) -> str | None:
    for img in figure.iter("img", "source"):
        for attr in ("src", "data-src", "data-lazy-src", "data-original", "srcset", "data-srcset"):
            value = (img.get(attr) or "").strip()
            if value and not value.startswith("data:"):
                return value.split(",")[0].split()[0]
    return None


def caption_and_credit(figure: HtmlElement) -> tuple[str | None, str | None]:
    """Caption and credit of a figure: a marked credit element wins, else the credit is split
    off the caption text ("… (AFP via Getty Images)", "Photo: …")."""
    credit_el = _credit_element(figure)
    credit = _credit_text(text_of(credit_el)) if credit_el is not None else None
    caption_el = figure.find(".//figcaption")
    if caption_el is None:
        return None, credit
    caption = _text_without(caption_el, credit_el)
    if credit is None and caption:
        return split_caption_credit(caption)
    return caption, credit


def _credit_element(figure: HtmlElement) -> HtmlElement | None:
    for element in figure.iter():
        if element is figure or not isinstance(element.tag, str) or element.tag == "img":
            continue
        if _CREDIT_CLASS.search(element.get("class", "")) and text_of(element):
            return element
    return None


def _text_without(element: HtmlElement, skip: HtmlElement | None) -> str | None:
    parts: list[str] = []
    _collect(element, skip, parts)
    return clean(" ".join(parts))


def _collect(element: HtmlElement, skip: HtmlElement | None, parts: list[str]) -> None:
    if element is not skip:
        parts.append(element.text or "")
        for child in element:
            if isinstance(child.tag, str):
                _collect(child, skip, parts)
            parts.append(child.tail or "")


def _credit_text(text: str | None) -> str | None:
    """A credit element's text without its label or brackets ("Image credit: X" → "X")."""
    if not text:
        return None
    caption, credit = split_caption_credit(text)
    if credit and not caption:
        return credit
    return clean(text.strip("()[] "))


def _int(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() else None
