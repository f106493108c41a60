"""HTML for article bodies: an allowlist sanitizer (nh3, Rust), HTML → plain text and
plain text → HTML.

The sanitizer keeps structure (paragraphs, headings, lists, quotes, figures, tables, inline
emphasis, links, images) and drops everything active or presentational: scripts, styles,
frames, objects, event handlers, `style`/`class` attributes, and any URL whose scheme is not
http, https or mailto (so `javascript:` and `data:` URLs go). Links get
`rel="noopener noreferrer"`; relative `href`/`src` are made absolute against `base_url`
(by nh3 itself, as a browser resolves them; by a pass over nh3's output for the rare base
nh3 cannot parse).

Pure functions: cleaning many bodies at once on threads is `update.sanitizing`'s work.
"""

from __future__ import annotations

import html as _html
import re
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin, urlsplit

import nh3

ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "code", "col",
        "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption",
        "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
        "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp", "small", "span",
        "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
        "thead", "time", "tr", "tt", "u", "ul", "var", "wbr",
    }
)  # fmt: skip

ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "bdo": {"dir"},
    "col": {"span"},
    "colgroup": {"span"},
    "del": {"datetime"},
    "ins": {"datetime"},
    "li": {"value"},
    "ol": {"start", "reversed", "type"},
    "td": {"colspan", "rowspan", "headers"},
    "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
    "time": {"datetime"},
}

#: Tags removed together with everything inside them.
DROPPED_WITH_CONTENT: frozenset[str] = frozenset(
    {"script", "style", "iframe", "embed", "noscript", "template",
     "noembed", "noframes", "frameset", "frame", "svg", "math", "select", "textarea",
     "title", "head"}
)  # fmt: skip

URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})
_URL_ATTRIBUTES = frozenset({"href", "src"})
_LINK_REL = "noopener noreferrer"
# The fallback pass (a base nh3 rejects, e.g. a port out of range): nh3 writes every
# attribute value in double quotes with `"` and `>` escaped, and escapes `<` in text, so in
# its output `<a ` / `<img ` always start a real tag.
_URL_IN_TAG = re.compile(r'(<(?:a|img)\s[^>]*?\b(?:href|src)=")([^"]*)"')
_HAS_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")

_OPTIONS: dict[str, Any] = {
    "tags": set(ALLOWED_TAGS),
    "clean_content_tags": set(DROPPED_WITH_CONTENT),
    "attributes": {tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    "strip_comments": True,
    "link_rel": _LINK_REL,
    "url_schemes": set(URL_SCHEMES),
    "generic_attribute_prefixes": set(),
}
_CLEANER = nh3.Cleaner(**_OPTIONS)


@lru_cache(maxsize=256)
def _cleaner_for(base_url: str | None) -> tuple[nh3.Cleaner, str | None]:
    """The cleaner for a base URL, and the base still to apply by `_absolutize` (None when
    the cleaner resolves relative URLs itself). Feeds have few bases (usually the feed URL
    or the site), so there are few cleaners. nh3 resolves against the base the way browsers
    do (WHATWG URL), inside its GIL-free call; a base it cannot parse falls back to our
    pass over its output."""
    base = _usable_base(base_url)
    if base is None:
        return _CLEANER, None
    try:
        return nh3.Cleaner(**_OPTIONS, url_relative=("rewrite_with_base", base)), None
    except ValueError:
        return _CLEANER, base


def _usable_base(base_url: str | None) -> str | None:
    if not base_url:
        return None
    try:
        scheme = urlsplit(base_url).scheme.lower()
    except ValueError:
        return None
    return base_url if scheme in ("http", "https") else None


@lru_cache(maxsize=4096)
def _join(base: str, escaped: str) -> str:
    try:
        absolute = urljoin(base, _html.unescape(escaped).strip())
    except ValueError:
        return escaped
    return _html.escape(absolute, quote=True)


@lru_cache(maxsize=256)
def _prefixes(base: str) -> tuple[str, str]:
    """`scheme:` and `scheme://host` of an http(s) base, HTML-escaped for nh3 output."""
    parts = urlsplit(base)
    scheme = parts.scheme.lower()
    return _html.escape(scheme + ":", quote=True), _html.escape(
        f"{scheme}://{parts.netloc}", quote=True
    )


def _absolute(base: str, value: str) -> str:
    """`value` (an escaped attribute value from nh3) made absolute against `base`. The two
    common shapes, `/path` and `//host/path` without dot segments, are joined by
    concatenation (what `urljoin` returns for them); the rest goes through `urljoin`."""
    if value[0] == "/" and "/." not in value and value[-1] != " " and value.isprintable():
        scheme, origin = _prefixes(base)
        return (scheme if value[1:2] == "/" else origin) + value
    return _join(base, value)


def _absolutize(cleaned: str, base: str) -> str:
    """Make relative href/src in nh3 output absolute. Values that kept a scheme already
    passed nh3's scheme allowlist; relative ones resolve against an http(s) base."""

    def fix(match: re.Match[str]) -> str:
        value = match.group(2)
        if not value or _HAS_SCHEME.match(value):
            return match.group(0)
        return f'{match.group(1)}{_absolute(base, value)}"'

    return _URL_IN_TAG.sub(fix, cleaned)


# Elements whose content HTML parses as raw text, or that we drop with their content. In
# HTML a `/>` on them is ignored, so `<iframe src="…"/>` (XHTML habit, common in feeds)
# would swallow the rest of the article; the author meant an empty element.
_SWALLOWING = "script|style|iframe|noscript|noembed|noframes|textarea|title|xmp|select|template"
_SELF_CLOSED = re.compile(rf"<({_SWALLOWING})(\s[^<>]*?)?/>", re.IGNORECASE)


def close_empty_elements(html: str) -> str:
    """Write `<iframe …/>` and its kind as `<iframe …></iframe>` (a no-op for most input)."""
    if "/>" not in html:
        return html
    return _SELF_CLOSED.sub(r"<\1\2></\1>", html)


# Bounds on the work one body may cost. nh3's time grows faster than linearly with nesting
# (100,000 nested <div>s took 44 s), so a body nested deeper than any article is is not
# given to it: its text is kept as plain paragraphs instead.
MAX_HTML_CHARS = 2_000_000
MAX_NESTING = 256
_TAGS_BEFORE_DEPTH_CHECK = 1_000  # fewer tags than this cannot nest too deep to matter
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*?(/?)>")
_ANY_TAG = re.compile(r"<[^<>]*>")
# Elements that never nest (void), or whose end tag HTML implies, so they don't count.
_FLAT = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "rp", "rt"}
)  # fmt: skip


def nesting_depth(html: str, stop_at: int = MAX_NESTING) -> int:
    """How deep the elements of `html` nest (by their tags; stops counting at `stop_at`)."""
    depth = deepest = 0
    for match in _TAG.finditer(html):
        closing, name, self_closed = match.groups()
        if self_closed or name.lower() in _FLAT:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        if depth > deepest:
            deepest = depth
            if deepest >= stop_at:
                break
    return deepest


def too_costly(html: str) -> bool:
    """True when `html` is nested too deep to be sanitized in bounded time."""
    if html.count("<") < _TAGS_BEFORE_DEPTH_CHECK:
        return False
    return nesting_depth(html) >= MAX_NESTING


def plain_paragraphs(html: str) -> str:
    """The plain fallback for a body we will not parse: every tag dropped, the text kept
    (entities decoded, then escaped again) as paragraphs."""
    text = _html.unescape(_ANY_TAG.sub(" ", html))
    return text_to_html(_RUN_OF_SPACES.sub(" ", text))


def sanitize_html(html: str, *, base_url: str | None = None) -> str:
    """Return `html` reduced to the article-body allowlist, with absolute links. A body over
    MAX_HTML_CHARS is cut first; one nested too deep becomes plain paragraphs."""
    if not html:
        return ""
    if len(html) > MAX_HTML_CHARS:
        html = html[:MAX_HTML_CHARS]
    if too_costly(html):
        return plain_paragraphs(html)
    cleaner, base = _cleaner_for(base_url)
    cleaned = cleaner.clean(close_empty_elements(html))
    return _absolutize(cleaned, base) if base else cleaned


# ── HTML → text ──────────────────────────────────────────────────────────────────────
_BLOCK_TAGS = (
    "p|div|h[1-6]|ul|ol|li|dl|dt|dd|blockquote|figure|figcaption|table|thead|tbody|tfoot|tr"
    "|pre|hr|section|article|aside|header|footer|nav|main|details|summary|caption|address"
)
_BLOCK_RE = re.compile(rf"</?(?:{_BLOCK_TAGS})\b[^>]*>", re.IGNORECASE)
_BR_RE = re.compile(r"<br\b[^>]*>", re.IGNORECASE)
_CELL_RE = re.compile(r"</t[dh]\s*>", re.IGNORECASE)
_PARA_SPLIT = re.compile(r"\s*\n\s*\n\s*")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")  # the whitespace around it is stripped per line
_RUN_OF_SPACES = re.compile("  +")
_TEXT_ONLY = nh3.Cleaner(
    tags=set(), clean_content_tags=set(DROPPED_WITH_CONTENT), strip_comments=True
)


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment: blocks become paragraphs separated by one blank
    line, `<br>` a line break, entities decoded, runs of whitespace collapsed."""
    if not html:
        return ""
    if len(html) > MAX_HTML_CHARS:
        html = html[:MAX_HTML_CHARS]
    if too_costly(html):
        html = plain_paragraphs(html)
    marked = _one_space(html, "\t\r\n\f")  # newlines in HTML source are just spaces
    marked = _BLOCK_RE.sub("\n\n", marked)
    marked = _BR_RE.sub("\n", marked)
    marked = _CELL_RE.sub(" ", marked)
    text = _html.unescape(_TEXT_ONLY.clean(close_empty_elements(marked)))
    text = _one_space(text, "\t\r\f\v\u00a0")
    paragraphs = (_lines(p) for p in _PARAGRAPH_BREAK.split(text))
    return "\n\n".join(p for p in paragraphs if p)


def _one_space(text: str, spaces: str) -> str:
    """Every run of " " and `spaces` as one " ". Written with str.replace and a literal
    pattern: a character-class regex (or str.translate) costs ~30x more on a 3 KB body,
    trying a match at every space between two words."""
    for char in spaces:
        if char in text:
            text = text.replace(char, " ")
    return _RUN_OF_SPACES.sub(" ", text) if "  " in text else text


def _lines(paragraph: str) -> str:
    lines = (line.strip() for line in paragraph.split("\n"))
    return "\n".join(line for line in lines if line)


# ── text → HTML ──────────────────────────────────────────────────────────────────────
def text_to_html(text: str) -> str:
    """Escape plain text and wrap each paragraph (split on blank lines) in `<p>`; single
    line breaks inside a paragraph become `<br>`."""
    paragraphs = [p.strip() for p in _PARA_SPLIT.split(text.replace("\r\n", "\n"))]
    return "".join(
        "<p>" + "<br>".join(_html.escape(line.strip()) for line in p.split("\n")) + "</p>"
        for p in paragraphs
        if p
    )
