"""Rules that remove the page's chrome from trafilatura's body tree.

Trafilatura keeps what looks like prose; on many sites that includes the headline, the lead
photo again, "Read more:" teasers, newsletter prompts, a credit line, and the author box
(avatar, name, role, bio) when it sits inside the article container. Each rule looks at one
block of the body (paragraph, heading, list item, quote, image) and says whether it is chrome.
Every rule was measured on the extraction benchmark; see docs/design/extraction.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from lxml.etree import _Element

#: Short blocks that are navigation or prompts, not prose (matched on the whole block).
CHROME_PATTERNS = re.compile(
    r"^(?:"
    r"(?:read|show|load|see|view) (?:more|all|full story)\b.*"
    r"|(?:related|more|also read|read also|see also|recommended|further reading)\s*:.*"
    r"|\d+\s*(?:min|mins|minute|minutes)\.? read"
    r"|avatar"
    r"|advertisement|sponsored|skip (?:to|ad).*"
    r"|(?:photo|photograph|image|picture|credit|foto)s?\s*(?:by)?\s*:.*"
    r"|share (?:this|on) .*"
    r"|(?:sign up|subscribe|get|join)\b.*\b(?:newsletters?|inbox)\b.*"
    r")$",
    re.IGNORECASE,
)
MAX_CHROME_WORDS = 20
MAX_TEASER_WORDS = 20  # a link-only block longer than this is prose (a list of sources…)
TEASER_LINK_SHARE = 0.9
_BARE_URL = re.compile(r"^https?://\S+$")
BLOCKS = ("p", "head", "item", "quote", "list", "graphic", "table", "code")


@dataclass(frozen=True, slots=True)
class ChromeContext:
    """What the page already told us elsewhere: these texts are fields, not body."""

    title: str | None = None
    known_texts: frozenset[str] = frozenset()  # author names, roles, bios, caption, credit
    image_urls: frozenset[str] = frozenset()  # the lead photo and author avatars
    captions: frozenset[str] = frozenset()  # captions of the lead photo, normalized


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the body as the rules see it."""

    element: _Element
    tag: str
    text: str  # whitespace collapsed
    folded: str  # `norm(text)`: as the rules compare it


Rule = Callable[[Block, ChromeContext], bool]


_EDGES = " \t\n:()[]|-–—"


def norm(text: str | None) -> str:
    """Text as rules compare it: one line, case-folded, no surrounding punctuation."""
    return " ".join((text or "").split()).strip(_EDGES).casefold()


def block_text(element: _Element) -> str:
    """The text of a block with runs of whitespace collapsed to one space."""
    return " ".join("".join(element.itertext()).split())


def make_block(element: _Element) -> Block:
    text = block_text(element)
    return Block(element, str(element.tag), text, text.strip(_EDGES).casefold())


def is_title(block: Block, ctx: ChromeContext) -> bool:
    """The headline repeated as a heading of the body."""
    return block.tag == "head" and bool(ctx.title) and block.folded == norm(ctx.title)


def is_known_text(block: Block, ctx: ChromeContext) -> bool:
    """A block equal to a field we already hold: bio, author name, role, caption, credit,
    or a caption followed by its credit ("… Photo: Jane Doe")."""
    text = block.folded
    if not text:
        return False
    if text in ctx.known_texts:
        return True
    return any(
        text.startswith(c) and norm(text[len(c) :]).split(":")[-1].strip() in ctx.known_texts
        for c in ctx.captions
    )


def is_chrome_phrase(block: Block, ctx: ChromeContext) -> bool:
    """A short block that is a button, label or prompt ("Read more", "1 min read", …)."""
    if block.tag not in ("p", "head", "item") or not block.text:
        return False
    words = block.text.count(" ") + 1  # the text is collapsed: one space between words
    return words <= MAX_CHROME_WORDS and bool(CHROME_PATTERNS.match(block.text))


def is_known_image(block: Block, ctx: ChromeContext) -> bool:
    """The lead photo (kept as the article's image) or an avatar, or an image alt "Avatar"."""
    if block.tag != "graphic":
        return False
    src = block.element.get("src") or ""
    return norm(block.element.get("alt")) == "avatar" or any(
        src and (src == url or url.endswith(src)) for url in ctx.image_urls
    )


def is_link_teaser(block: Block, ctx: ChromeContext) -> bool:
    """A short block that is all link text (a teaser to another article) or a bare URL."""
    if block.tag not in ("p", "head", "item") or not block.text:
        return False
    if block.text.count(" ") >= MAX_TEASER_WORDS:
        return False
    if _BARE_URL.match(block.text):
        return True
    linked = sum(len(block_text(ref)) for ref in block.element.iter("ref"))
    return linked >= TEASER_LINK_SHARE * len(block.text)


CHROME_RULES: dict[str, Rule] = {
    "title": is_title,
    "known_text": is_known_text,
    "phrases": is_chrome_phrase,
    "images": is_known_image,
    "teasers": is_link_teaser,
}


def remove_chrome(
    body: _Element, ctx: ChromeContext, rules: dict[str, Rule] = CHROME_RULES
) -> list[str]:
    """Delete every chrome block from `body` in place; return the names of the rules that
    fired (in order), for the benchmark's per-rule counts."""
    fired: list[str] = []
    for element in list(body.iter(*BLOCKS)):
        block = make_block(element)
        name = next((n for n, rule in rules.items() if rule(block, ctx)), None)
        if name is not None and element.getparent() is not None:
            _delete(element)
            fired.append(name)
    return fired


def _delete(element: _Element) -> None:
    """Remove `element`, keeping its tail text in the document."""
    parent = element.getparent()
    assert parent is not None
    if element.tail and element.tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)
