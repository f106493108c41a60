"""`extract_page`: one article page (bytes) → `RawPage` (body, metadata, lead photo, authors).

The page is parsed once; every reader works on that tree and returns a `Found`; `choose`
picks each field by a fixed preference; the body comes from trafilatura trimmed of the
chrome the other fields already account for (author box, caption, credit, headline).
When that precise body is missing or looks cut short (few words, or far fewer than the
page's paragraphs hold), trafilatura's plain balanced extraction is run too and used when
it finds much more; when neither finds any text, its recall mode and then its baseline are
tried; `field_sources` says which path gave the body.
"""

from __future__ import annotations

from lxml.etree import LxmlError
from lxml.html import HtmlElement

from newsfeed.errors import ExtractionError
from newsfeed.model import RawPage
from newsfeed.normalize.language import normalize_tag
from newsfeed.parse.metadata import (
    Found,
    meta_map,
    read_jsonld,
    read_meta,
    read_opengraph,
    read_trafilatura,
)
from newsfeed.parse.page.authors import read_byline
from newsfeed.parse.page.body import Body, baseline_body, extract_body
from newsfeed.parse.page.choose import Chosen, choose
from newsfeed.parse.page.chrome import CHROME_RULES, ChromeContext, Rule, norm
from newsfeed.parse.page.figure import read_figure
from newsfeed.parse.page.load import parse_html

MIN_WORDS = 10  # fewer words than this is never an article (a 40-word brief is one)
MIN_WORDS_UNMARKED = 60  # …nor on a page that does not say it holds an article
MAX_LINK_SHARE = 0.5  # a body mostly made of link text is an index page
SUSPECT_WORDS = 60  # a precise body this short is checked against the plain extraction
SUSPECT_SHARE = 0.5  # …and so is one with under half the words of the page's paragraphs
FALLBACK_SHARE = 0.7  # the plain body is used when the precise one has under 70 % of its words
PROSE_BLOCK_WORDS = 8  # a shorter block (a menu item, a label) is not counted as prose
_PROSE_TAGS = ("p", "li", "dd", "td", "blockquote", "pre")
_CHROME_TAGS = frozenset({"nav", "footer", "aside", "header", "form"})


def extract_page(html: bytes | str, *, url: str, chrome: dict[str, Rule] = CHROME_RULES) -> RawPage:
    """Extract the article of one page. `chrome` is the set of body-trimming rules (all of
    them unless the benchmark measures one alone).

    Raises ExtractionError(code="no_article") when the page holds no article."""
    tree = _load(html, url)
    found = _read_all(tree, url)
    chosen = choose(found)
    body, path = _body(tree, url, _chrome_context(chosen, found), chrome)
    _check_article(body, found, url)
    assert body is not None
    if _needs_fallback(chosen):
        chosen = choose([*found, read_trafilatura(tree, url)])
    return _raw_page(url, chosen, body, path)


def _load(html: bytes | str, url: str) -> HtmlElement:
    if not html or not (html.strip() if isinstance(html, bytes | str) else True):
        raise ExtractionError("the page is empty", url=url)
    try:
        tree = parse_html(html)
    except (LxmlError, ValueError, TypeError) as exc:
        raise ExtractionError(f"not readable as HTML ({exc})", url=url) from exc
    if tree is None:
        raise ExtractionError("not readable as HTML", url=url)
    return tree


def _read_all(tree: HtmlElement, url: str) -> list[Found]:
    meta = meta_map(tree)
    jsonld, opengraph = read_jsonld(tree), read_opengraph(meta)
    lead = jsonld.image or opengraph.image
    return [
        jsonld,
        opengraph,
        read_meta(tree, meta),
        read_byline(tree, url),
        read_figure(tree, url, lead.url if lead else None),
    ]


def _body(
    tree: HtmlElement, url: str, ctx: ChromeContext, chrome: dict[str, Rule]
) -> tuple[Body | None, str]:
    """The precise body, or the plain one when the precise one is missing or cut short;
    with the name of the path used."""
    page_words = paragraph_words(tree)  # before extraction prunes anything
    body = extract_body(tree, url, ctx, chrome)
    if not suspect(body, page_words):
        return body, "trafilatura"
    body, path = pick_body(body, extract_body(tree, url, ctx, chrome, focus="balanced"))
    if _words(body) == 0:
        return _last_resort(tree, url, ctx, chrome)
    return body, path


def _last_resort(
    tree: HtmlElement, url: str, ctx: ChromeContext, chrome: dict[str, Rule]
) -> tuple[Body | None, str]:
    """When neither the precise nor the balanced extraction finds any text: trafilatura's
    recall mode, then its baseline (embedded JSON, `<article>`, the page's paragraphs)."""
    recall = extract_body(tree, url, ctx, chrome, focus="recall")
    if _words(recall):
        return recall, "fallback:trafilatura-recall"
    return baseline_body(tree, url), "fallback:baseline"


def pick_body(precise: Body | None, plain: Body | None) -> tuple[Body | None, str]:
    """The plain body when the precise one is missing or has under FALLBACK_SHARE of its
    words, else the precise one; with the path's name for `field_sources`."""
    if plain is not None and _words(precise) < FALLBACK_SHARE * _words(plain):
        return plain, "fallback:trafilatura"
    return precise, "trafilatura"


def paragraph_words(tree: HtmlElement) -> int:
    """A rough size of the article that costs no extraction: the words in the page's `<p>`
    elements, in its `<article>` elements, or in its prose blocks (below), whichever is
    most."""
    paragraphs = sum(len(p.text_content().split()) for p in tree.iter("p"))
    articles = sum(len(a.text_content().split()) for a in tree.iter("article"))
    return max(paragraphs, articles, prose_words(tree))


def prose_words(tree: HtmlElement) -> int:
    """Words in the innermost text blocks (paragraphs, list items, definitions, cells,
    quotes) of at least PROSE_BLOCK_WORDS words outside navigation, header, footer, aside
    and forms: catches an article written as a list (a roundup, a guide by region)."""
    total = 0
    for block in tree.iter(_PROSE_TAGS):
        text = block.text_content()
        if len(text) < PROSE_BLOCK_WORDS * 3:  # cheap tests first: most blocks are short
            continue
        words = len(text.split())
        if words < PROSE_BLOCK_WORDS or not _innermost(block) or _in_chrome(block):
            continue
        total += words
    return total


def _innermost(block: HtmlElement) -> bool:
    return block.find(".//p") is None and block.find(".//li") is None


def _in_chrome(block: HtmlElement) -> bool:
    return any(parent.tag in _CHROME_TAGS for parent in block.iterancestors())


def suspect(body: Body | None, page_words: int) -> bool:
    """Whether a precise body may be cut short: few words, or few for the page's size."""
    words = _words(body)
    return words < SUSPECT_WORDS or words < SUSPECT_SHARE * page_words


def _words(body: Body | None) -> int:
    return len(body.text.split()) if body is not None else 0


def _chrome_context(chosen: Chosen, found: list[Found]) -> ChromeContext:
    """Texts and images that are fields of the article, so not part of its body."""
    authors = [a for f in found for a in f.authors]
    texts = {t for a in authors for t in (a.name, a.role, a.bio)}
    images = [f.image for f in found if f.image is not None]
    texts.update(t for img in images for t in (img.caption, img.credit))
    urls = {img.url for img in images} | {a.avatar_url for a in authors if a.avatar_url}
    return ChromeContext(
        title=chosen.title,
        known_texts=frozenset(norm(t) for t in texts if t),
        image_urls=frozenset(urls),
        captions=frozenset(norm(img.caption) for img in images if img.caption),
    )


def _check_article(body: Body | None, found: list[Found], url: str) -> None:
    if body is None or not body.text.strip():
        raise ExtractionError("no article text on the page", url=url)
    words = len(body.text.split())
    if words < MIN_WORDS:
        raise ExtractionError(f"only {words} words of text", url=url)
    if _marked_as_article(found):
        return
    if body.link_chars > MAX_LINK_SHARE * len(body.text):
        raise ExtractionError("the page is a list of links", url=url)
    if words < MIN_WORDS_UNMARKED:
        raise ExtractionError(f"{words} words and no article markup", url=url)


def _marked_as_article(found: list[Found]) -> bool:
    """The page says it is an article: JSON-LD article, og:type article, a publish date."""
    return any(f.published is not None or (f.source == "jsonld" and f.title) for f in found)


def _needs_fallback(chosen: Chosen) -> bool:
    return not (chosen.title and chosen.published)


def _raw_page(url: str, chosen: Chosen, body: Body, path: str) -> RawPage:
    sources = (*chosen.field_sources, ("content", path))
    return RawPage(
        url=url,
        title=chosen.title,
        dek=chosen.dek,
        content_html=body.html,
        text=body.text,
        published=chosen.published,
        updated=chosen.updated,
        site_name=chosen.site_name,
        language=normalize_tag(chosen.language),
        authors=chosen.authors,
        image=chosen.image,
        tags=chosen.tags,
        field_sources=sources,
    )
