"""The article body: trafilatura picks the main content, chrome rules trim it, nh3 sanitizes.

Settings measured on the extraction benchmarks (docs/design/extraction.md): favor_precision,
no comments, links and formatting kept, images dropped (image alt text and captions cost
precision; the lead photo is a field of its own). The other focus levels are trafilatura's
own balance and its recall mode, with the whole cascade: the plain extractions
`extract_page` falls back to; `baseline_body` is trafilatura's last resort (embedded JSON,
article tags, paragraphs).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import trafilatura
from lxml.etree import LxmlError, _Element, tostring
from lxml.html import HtmlElement
from trafilatura.htmlprocessing import convert_to_html
from trafilatura.settings import CUT_EMPTY_ELEMS
from trafilatura.xml import delete_element

from newsfeed.errors import ExtractionError
from newsfeed.normalize.html import html_to_text, sanitize_html
from newsfeed.parse.page.chrome import CHROME_RULES, ChromeContext, Rule, remove_chrome

FAVOR_PRECISION = True  # +0.010 F1 over the default balance on the benchmark
INCLUDE_IMAGES = False  # images in the body cost 0.008 F1 (alt text, captions)
FAST_FIRST = True  # skip trafilatura's readability/justext comparison on long texts: −6 ms/page
RECHECK_CHARS = 1000  # a shorter text gets the full cascade (it rescued one benchmark page)
Focus = Literal["precision", "balanced", "recall"]


@dataclass(frozen=True, slots=True)
class Body:
    html: str  # sanitized
    text: str
    link_chars: int  # characters of text inside links, for the "is this an article" test
    chrome_removed: tuple[str, ...] = ()  # names of the chrome rules that fired


def extract_body(
    tree: HtmlElement,
    url: str,
    ctx: ChromeContext,
    rules: dict[str, Rule] = CHROME_RULES,
    *,
    focus: Focus = "precision",
) -> Body | None:
    """The main text of the page as sanitized HTML and plain text; None when trafilatura
    finds nothing. Empty inline elements are removed from `tree` (their tail text kept)."""
    drop_empty_elements(tree)
    if focus == "precision":
        xml = _main_content(tree, url)
    else:
        xml = _trafilatura(tree, url, fast=False, focus=focus)
    if xml is None:
        return None
    fired = remove_chrome(xml, ctx, rules)
    link_chars = sum(len("".join(ref.itertext()).strip()) for ref in xml.iter("ref"))
    html = sanitize_html(_to_html(xml), base_url=url)
    return Body(
        html=html, text=html_to_text(html), link_chars=link_chars, chrome_removed=tuple(fired)
    )


def _main_content(tree: HtmlElement, url: str) -> _Element | None:
    """trafilatura's main content: its own extractor alone first (fast mode), then the whole
    cascade (readability and justext compared) when that found little text."""
    body = _trafilatura(tree, url, fast=FAST_FIRST)
    if FAST_FIRST and (body is None or _text_chars(body) < RECHECK_CHARS):
        body = _trafilatura(tree, url, fast=False)
    return body


def drop_empty_elements(tree: HtmlElement) -> None:
    """Remove the empty elements trafilatura prunes (`<a></a>`, `<span></span>`, `<div/>`…)
    keeping the text that follows them. In precision mode trafilatura deletes that text
    with them (words cut out of sentences); done here first, its own pass finds nothing
    left to prune. +0.002 F1 on the 91 pages, +0.001 on the WCXB tuning half."""
    empty = [e for e in tree.iterdescendants(CUT_EMPTY_ELEMS) if e.text is None and len(e) == 0]
    for element in empty:
        delete_element(element, keep_tail=True)


def baseline_body(tree: HtmlElement, url: str) -> Body | None:
    """trafilatura's baseline: the article from embedded JSON, `<article>` or the page's
    paragraphs, as plain paragraphs; None when it finds no text."""
    try:
        found, text, _ = trafilatura.baseline(tree)
    except (LxmlError, ValueError, TypeError, LookupError, RecursionError):
        return None
    if not text.strip():
        return None
    html = sanitize_html("".join(tostring(p, encoding="unicode") for p in found), base_url=url)
    return Body(html=html, text=html_to_text(html), link_chars=0)


def _trafilatura(
    tree: HtmlElement, url: str, *, fast: bool, focus: Focus = "precision"
) -> _Element | None:
    try:
        document = trafilatura.bare_extraction(
            tree,
            output_format="html",
            fast=fast,
            favor_precision=FAVOR_PRECISION and focus == "precision",
            favor_recall=focus == "recall",
            include_comments=False,
            include_links=True,
            include_formatting=True,
            include_images=INCLUDE_IMAGES,
            include_tables=True,
        )
    except (LxmlError, ValueError, TypeError, LookupError, RecursionError) as exc:
        raise ExtractionError(f"the page could not be read ({exc})", url=url) from exc
    if document is None or isinstance(document, dict) or document.body is None:
        return None
    body: _Element = document.body
    return body


def _text_chars(body: _Element) -> int:
    return sum(len(text.strip()) for text in body.itertext())


def _to_html(xml: _Element) -> str:
    """Trafilatura's XML (p, head, list/item, quote, ref, hi, …) as an HTML fragment."""
    body = convert_to_html(xml)[0]
    inner = [body.text or ""]
    inner.extend(tostring(child, encoding="unicode") for child in body)
    return "".join(inner)
