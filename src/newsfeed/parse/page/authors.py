"""Authors as the page shows them: the byline and the author boxes (avatar, name, role, bio).

An author box is an element whose class or id names one (`author-box`, `author-bio`,
`about-the-author`, …) or an `itemprop=author` block; the outermost such element is the box.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from lxml.html import HtmlElement

from newsfeed.model import RawAuthor
from newsfeed.normalize.authors import ROLE_WORDS
from newsfeed.normalize.urls import join_http
from newsfeed.parse.metadata import Found, clean, text_of

_BOX = re.compile(
    r"author[-_ ]?(?:box|bio|card|info|profile|details|block|wrap|container|about)"
    r"|about[-_ ]?(?:the[-_ ]?)?author|contributor[-_ ]?(?:box|bio|card)|byline[-_ ]?(?:box|card)",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"\bbyline\b|\bauthors?\b|\bauthor[-_]name\b|\bwriter\b", re.IGNORECASE)
_NAME_CLASS = re.compile(r"name|title-author", re.IGNORECASE)
_ROLE_CLASS = re.compile(r"role|job|position", re.IGNORECASE)
_NOT_ROLES = re.compile(r"author|subscribe|follow|contact|more|about", re.IGNORECASE)
_BIO_CLASS = re.compile(r"bio|desc|about|summary", re.IGNORECASE)
_BY = re.compile(r"^\s*(?:by|von|par|por|door|di)\s+", re.IGNORECASE)
_NOT_NAMES = re.compile(r"\d|@|https?:|min read|updated|published|staff", re.IGNORECASE)
#: Cheap XPath prefilters; the regular expressions above decide.
#: The tags an author box, a byline or an author link can be (one pass over these only).
_SCANNED = ("div", "section", "aside", "footer", "article", "li", "span", "p", "address", "a")
_MARK = re.compile(r"uthor|ontributor|yline|riter")
_BOX_TAGS = frozenset({"div", "section", "aside", "footer", "article", "li"})
_BYLINE_TAGS = frozenset({"span", "div", "p", "address"})
_AUTHOR_HREF = re.compile(r"/(?:author|authors|profile|profiles|people|staff|journalists?)/", re.I)
BOX_DEPTH = 3  # an author link's avatar sits at most this many levels up
MIN_BIO_CHARS = 40
MAX_ROLE_WORDS = 4
MAX_NAME_CHARS = 60
MAX_BYLINE_CHARS = 160


def read_byline(tree: HtmlElement, url: str) -> Found:
    """Authors from author boxes, else from the byline; source "authorbox" or "byline"."""
    marked = _marked(tree)
    boxes = tuple(a for a in (_box_author(b, url) for b in author_boxes(marked)) if a.name)
    if boxes:
        return Found("authorbox", authors=_unique(boxes))
    return Found("byline", authors=_unique(_byline_authors(marked, url)))


def _marked(tree: HtmlElement) -> list[HtmlElement]:
    """Every element any author reader looks at, in page order (the regexes below decide)."""
    return [e for e in tree.iter(*_SCANNED) if _is_marked(e)]


def _is_marked(element: HtmlElement) -> bool:
    marks = f"{element.get('class') or ''} {element.get('id') or ''}"
    if "omment" in marks:  # comment forms and comment authors are not the article's
        return False
    if _MARK.search(marks):
        return True
    if element.get("itemprop") == "author":
        return True
    return element.tag == "a" and (
        element.get("rel") == "author" or bool(_AUTHOR_HREF.search(element.get("href") or ""))
    )


def author_boxes(marked: list[HtmlElement]) -> list[HtmlElement]:
    """The outermost author-box elements, in page order: marked ones, else the block around
    an author-page link that also holds a picture (an unmarked box: avatar, name, bio)."""
    found = [e for e in marked if e.tag in _BOX_TAGS and _is_box(e)]
    boxes = [box for element in _outermost(found) for box in _split(element, found)]
    return boxes or _unmarked_boxes(marked)


def _outermost(elements: list[HtmlElement]) -> list[HtmlElement]:
    """The elements not inside another of them (lxml keeps one proxy per referenced node,
    so identity works)."""
    chosen = set(elements)
    return [e for e in elements if not any(a in chosen for a in e.iterancestors())]


def _split(box: HtmlElement, marked: list[HtmlElement]) -> list[HtmlElement]:
    """A box holding two or more boxes (a list of author cards) is those boxes."""
    top = _outermost([e for e in marked if e is not box and _inside(e, box)])
    return top if len(top) >= 2 else [box]


def _unmarked_boxes(marked: list[HtmlElement]) -> list[HtmlElement]:
    found: list[HtmlElement] = []
    for link in marked:
        if link.tag != "a" or not _AUTHOR_HREF.search(link.get("href", "")):
            continue
        box = _box_around(link)
        if box is not None and all(box is not b for b in found):
            found.append(box)
    return found


def _box_around(link: HtmlElement) -> HtmlElement | None:
    for depth, parent in enumerate(link.iterancestors()):
        if depth >= BOX_DEPTH or parent.tag in ("body", "article", "main"):
            return None
        if parent.find(".//img") is not None:
            return parent
    return None


def _is_box(element: HtmlElement) -> bool:
    marks = f"{element.get('class', '')} {element.get('id', '')}"
    return bool(_BOX.search(marks)) or element.get("itemprop") == "author"


def _inside(element: HtmlElement, box: HtmlElement) -> bool:
    return any(parent is box for parent in element.iterancestors())


def _box_author(box: HtmlElement, url: str) -> RawAuthor:
    name_el = _name_element(box)
    name = _person_name(text_of(name_el)) if name_el is not None else None
    role = _marked_text(box, "jobTitle", _ROLE_CLASS, exclude=name) or _role_line(box)
    return RawAuthor(
        name=name,
        url=_link(name_el, box, url),
        avatar_url=_avatar(box, url),
        role=role if _is_role(role, name) else None,
        bio=_bio(box, {name, role}),
    )


def _name_element(box: HtmlElement) -> HtmlElement | None:
    for path in (".//*[@itemprop='name']", ".//a[@rel='author']", ".//a[@class='author-name']"):
        found = box.find(path)
        if found is not None:
            return found
    for element in box.iter():
        if isinstance(element.tag, str) and _NAME_CLASS.search(element.get("class", "")):
            return element
    return box.find(".//a") if box.find(".//a") is not None else _heading(box)


def _heading(box: HtmlElement) -> HtmlElement | None:
    for tag in ("h2", "h3", "h4", "h5", "strong"):
        found = box.find(f".//{tag}")
        if found is not None:
            return found
    return None


def _marked_text(
    box: HtmlElement, itemprop: str, pattern: re.Pattern[str], exclude: str | None
) -> str | None:
    found = box.find(f".//*[@itemprop='{itemprop}']")
    if found is not None:
        return text_of(found)
    for element in box.iter():
        if not isinstance(element.tag, str) or element is box or element.tag in ("img", "a"):
            continue
        if pattern.search(element.get("class", "")):
            text = text_of(element)
            if text and text != exclude:
                return text
    return None


def _is_role(role: str | None, name: str | None) -> bool:
    if not role or role == name or _NOT_ROLES.search(role):
        return False
    return len(role.split()) <= MAX_ROLE_WORDS + 2


def _role_line(box: HtmlElement) -> str | None:
    """A short line of job words ("Reporter", "Senior Correspondent") inside the box."""
    for element in box.iter("p", "span", "div", "small", "em"):
        text = text_of(element)
        words = (text or "").lower().replace("-", " ").split()
        if 0 < len(words) <= MAX_ROLE_WORDS and all(w in ROLE_WORDS for w in words):
            return text
    return None


def _bio(box: HtmlElement, skip: set[str | None]) -> str | None:
    marked = _marked_text(box, "description", _BIO_CLASS, exclude=None)
    if marked and len(marked) >= MIN_BIO_CHARS:
        return marked
    texts = (text_of(p) for p in box.iter("p", "div", "span"))
    long = [t for t in texts if t and t not in skip and len(t) >= MIN_BIO_CHARS]
    return min(long, key=len) if long else None


def _link(name_el: HtmlElement | None, box: HtmlElement, url: str) -> str | None:
    link = name_el if name_el is not None and name_el.tag == "a" else box.find(".//a[@href]")
    href = link.get("href") if link is not None else None
    return join_http(url, href)


def _avatar(box: HtmlElement, url: str) -> str | None:
    for img in box.iter("img"):
        src = img.get("src") or img.get("data-src") or img.get("data-lazy-src")
        found = join_http(url, src)
        if found:
            return found
    return None


def _person_name(text: str | None) -> str | None:
    name = clean(_BY.sub("", text or ""))
    if not name or len(name) > MAX_NAME_CHARS or _NOT_NAMES.search(name):
        return None
    return name


# ── byline ───────────────────────────────────────────────────────────────────────────
def _byline_authors(marked: list[HtmlElement], url: str) -> Iterator[RawAuthor]:
    rel = (e for e in marked if e.tag == "a" and e.get("rel") == "author")
    links = [a for a in rel if _person_name(text_of(a))]
    if links:
        for link in links:
            yield RawAuthor(name=_person_name(text_of(link)), url=_link(link, link, url))
        return
    byline = _byline_element(marked)
    if byline is not None:
        yield from _names_in(byline, url)


def _byline_element(marked: list[HtmlElement]) -> HtmlElement | None:
    for element in marked:
        if element.get("itemprop") == "author":
            return element
    for element in marked:
        tagged = element.tag in _BYLINE_TAGS and _BYLINE.search(element.get("class", ""))
        if tagged and text_of(element):
            return element
    return None


def _names_in(byline: HtmlElement, url: str) -> Iterator[RawAuthor]:
    links = [a for a in byline.iter("a") if _person_name(text_of(a))]
    if links:
        for link in links:
            yield RawAuthor(name=_person_name(text_of(link)), url=_link(link, link, url))
        return
    text = clean(text_of(byline))
    if text and len(text) <= MAX_BYLINE_CHARS and not _NOT_NAMES.search(text):
        yield RawAuthor(name=text)  # normalize.authors splits it into people


def _unique(authors: Iterable[RawAuthor]) -> tuple[RawAuthor, ...]:
    seen: dict[str, RawAuthor] = {}
    for author in authors:
        key = (author.name or "").casefold()
        if key and key not in seen:
            seen[key] = author
    return tuple(seen.values())
