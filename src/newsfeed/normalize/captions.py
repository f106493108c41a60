"""Photo captions: split the credit off the end of a caption.

Recognised, at the end of the text only:
  "… (AFP via Getty Images)"      a trailing parenthesis that looks like a credit
  "… Photo: Jane Doe/Reuters"     a label (Photo, Credit, Image, Photographer, …) and colon;
  "… | Photographer: Jane Doe"    also "Credit…Jane Doe" and "Photo by Jane Doe"
  "… ©2024 Jane Doe"              a copyright sign (kept in the credit)
  "… AP Photo/John Smith"         a last segment shaped like a credit line, or an agency
                                  credit glued on ("… Main Street AP Photo/John Smith")
Labels are dropped from the credit ("Photo by X/Getty Images" → "X/Getty Images"); agency
forms that name the photo ("AP Photo/John Smith") are kept whole. An ordinary parenthesis
("(left)", "(2019)") is never a credit: it must name an agency, a photo label, "via",
a copyright sign or a "Name/Agency" pair — or stand alone after the caption's last
sentence as a short run of capitalised words ("… on Nov. 24. (Courier Photo Desk)").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from newsfeed.normalize.text import collapse_spaces

MAX_CREDIT_CHARS = 120
MAX_CREDIT_WORDS = 12

#: Photo agencies and libraries, matched as whole words, case-sensitively.
AGENCIES: frozenset[str] = frozenset(
    {
        "AP", "AFP", "Reuters", "REUTERS", "EPA", "EFE", "EPA-EFE", "Getty", "Shutterstock",
        "Alamy", "iStock", "iStockphoto", "Bloomberg", "Xinhua", "Anadolu", "NurPhoto",
        "SOPA", "Sipa", "SIPA", "ZUMA", "Zuma", "Imago", "IMAGO", "dpa", "DPA", "Kyodo",
        "Yonhap", "ANSA", "TASS", "Sputnik", "Polaris", "Redux", "Magnum", "Unsplash",
        "Pexels", "Wikimedia", "NASA", "PA", "Pool", "POOL", "Corbis", "Keystone", "Abaca",
        "WireImage", "UPI", "Newscom", "Flickr",
    }
)  # fmt: skip
AGENCY_PHRASES: tuple[str, ...] = ("Associated Press", "Agence France-Presse", "Press Association")

_LABEL = (
    r"(?:photo(?:graph)?s?(?:\s+illustration)?|images?|pictures?|illustrations?|graphics?"
    r"|fotos?|video)(?:\s+credits?)?|credits?|photographers?|copyright"
)
_LABEL_COLON = re.compile(rf"^(?:{_LABEL})\s*(?::|\.\.\.|…)\s*", re.IGNORECASE)
_LABEL_BY = re.compile(
    r"^(?:photo(?:graph)?s?(?:\s+illustration)?|images?|pictures?|illustrations?"
    r"|graphics?)\s+by\s+",
    re.IGNORECASE,
)
_STARTS_CREDITISH = re.compile(
    rf"^(?:(?:{_LABEL})\s*(?::|\.\.\.|…|\bby\b)|courtesy\b|©|\([cC]\)\s|handout\b)",
    re.IGNORECASE,
)
_TRAILING_PAREN = re.compile(rf"[(\[]([^()\[\]]{{2,{MAX_CREDIT_CHARS}}})[)\]]\s*\.?$")
_LABELLED = re.compile(
    rf"(?P<sep>^|\s*[|•·–—]\s*|\s+-\s+|\s+)(?P<label>(?:{_LABEL})\s*(?::|\.\.\.|…)"
    rf"|(?:photo(?:graph)?s?|pictures?|images?|illustrations?)\s+by\s"
    rf"|(?:photo(?:graph)?s?|pictures?|images?)\s+courtesy\s+(?:of\s)?)"
    rf"\s*(?P<credit>[^:…]{{2,{MAX_CREDIT_CHARS}}})$",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    rf"(?:^|\s)(?P<credit>(?:©|\([cC]\)\s|Copyright\s+(?:©\s*)?\d{{4}})[^©]{{1,{MAX_CREDIT_CHARS}}})$"
)
_AGENCY_SLASH = re.compile(
    r"(?:^|\s)(?P<credit>(?:[A-Z][A-Za-z-]{1,15}\s+Photos?|AP|AFP|EPA|EPA-EFE|REUTERS|Reuters|UPI)"
    r"\s*/\s*[A-Z][\w.'’ -]{1,60})$"
)
_NAME_SLASH = re.compile(r"[A-Z][\w.'’-]*\s*/\s*[A-Z0-9]")
_VIA = re.compile(r"\bvia\s+[A-Z]")
_BOUNDARY = re.compile(r"(?<=[.!?”\"')])\s+(?=\S)|\s*[|•·–—]\s*|\s+-\s+")
_TITLE_WORD = re.compile(
    r"^(?:[A-Z0-9©(\[]|i[A-Z]|d[pP][aA]\b|via$|for$|and$|of$|the$|de$|"
    r"van$|von$|da$|del$|la$|le$|du$|/$|&$|-$|y$|e$)"
)
_EDGE_JUNK = " \t|•·–—-/:;,"


def split_caption_credit(text: str | None) -> tuple[str | None, str | None]:
    """(caption, credit) from a caption that may end with a photo credit; either is None
    when absent. Whitespace is collapsed."""
    clean = collapse_spaces(text or "")
    if not clean:
        return None, None
    for finder in _FINDERS:
        found = finder(clean)
        if found is not None:
            caption, credit = _tidy_caption(found[0]), _tidy_credit(found[1])
            if credit:
                return caption, credit
    return clean, None


def looks_like_credit(s: str) -> bool:
    """True when `s` on its own reads as a photo credit rather than ordinary words."""
    s = s.strip()
    if not s or len(s) > MAX_CREDIT_CHARS or len(s.split()) > MAX_CREDIT_WORDS:
        return False
    if _STARTS_CREDITISH.match(s):
        return True
    if s[0].islower() and not s.startswith(("via ", "iStock", "dpa")):
        return False
    return _names_agency(s) or bool(_NAME_SLASH.search(s) or _VIA.search(s))


def _names_agency(s: str) -> bool:
    if any(phrase in s for phrase in AGENCY_PHRASES):
        return True
    words = re.split(r"[\s/,;()]+", s)
    return any(w in AGENCIES or w.rstrip(".") in AGENCIES for w in words) or s.endswith(
        (" Images", " Photos", " Pictures")
    )


def _trailing_paren(text: str) -> tuple[str, str] | None:
    match = _TRAILING_PAREN.search(text)
    if match is None:
        return None
    inner = match.group(1)
    if looks_like_credit(inner) or (_ends_sentence(text[: match.start()]) and _name_like(inner)):
        return text[: match.start()], inner
    return None


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "!", "?", "”", '"'))


def _name_like(s: str) -> bool:
    """ "Courier Photo Desk", "Harbor City Ledger": a short run of capitalised words (with
    particles) standing alone after the caption's last sentence, the way outlets credit
    their own photographers."""
    words = s.split()
    if not 1 <= len(words) <= 6 or not any(w[:1].isupper() and w.isalpha() for w in words):
        return False
    return all(_TITLE_WORD.match(w) and not w.isdigit() for w in words)


def _labelled(text: str) -> tuple[str, str] | None:
    match = _LABELLED.search(text)
    if match is None:
        return None
    strong_sep = match.group("sep").strip() != ""
    if not strong_sep and not match.group("label")[0].isupper():
        return None  # "the group's image: a new start" is prose, not a credit
    return text[: match.start()], match.group("credit")


def _copyright(text: str) -> tuple[str, str] | None:
    match = _COPYRIGHT.search(text)
    if match is None:
        return None
    return text[: match.start("credit")], match.group("credit")


def _agency_slash(text: str) -> tuple[str, str] | None:
    """ "… Main Street AP Photo/John Smith": an agency credit glued to the caption."""
    match = _AGENCY_SLASH.search(text)
    if match is None or not _credit_line(match.group("credit")):
        return None
    return text[: match.start("credit")], match.group("credit")


def _trailing_segment(text: str) -> tuple[str, str] | None:
    """The longest tail after a sentence end or separator that is shaped like a credit
    line: every word capitalised (or a particle) and naming an agency or a Name/Agency."""
    for boundary in [None, *_BOUNDARY.finditer(text)]:
        start, end = (0, 0) if boundary is None else (boundary.start(), boundary.end())
        tail = text[end:]
        if _credit_line(tail):
            return text[:start], tail
    return None


def _credit_line(s: str) -> bool:
    if s.endswith((".", "!", "?")) and not s.endswith(("Inc.", "Ltd.", "Jr.", "Co.")):
        return False
    if not looks_like_credit(s):
        return False
    return all(_TITLE_WORD.match(w) for w in s.replace("/", " / ").split())


_FINDERS: tuple[Callable[[str], tuple[str, str] | None], ...] = (
    _trailing_paren,
    _labelled,
    _copyright,
    _trailing_segment,
    _agency_slash,
)


def _tidy_caption(caption: str) -> str | None:
    caption = caption.strip(_EDGE_JUNK)
    return caption or None


def _tidy_credit(credit: str) -> str | None:
    credit = credit.strip()
    if credit[:1] in "([" and credit[-1:] in ")]":
        credit = credit[1:-1].strip()
    credit = _LABEL_BY.sub("", _LABEL_COLON.sub("", credit)).strip()
    credit = credit.rstrip(".").strip(_EDGE_JUNK)
    return credit or None
