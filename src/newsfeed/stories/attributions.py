"""Who an article attributes its claims to: "according to Reuters", "… CNN Turk reported",
"claims by Ukraine's military intelligence (HUR)", "a spokesman told the BBC", "citing
officials". Each hit names the source as written and the sentence it stands in (character
offsets into the text), so a reader sees who reported what. Patterns, no model. Pure."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from newsfeed.stories.lexicon import AGENCIES, NOT_NAMES, ORG_WORDS, PERSON_TITLES
from newsfeed.stories.names import is_abbreviation, last_word, mention_texts
from newsfeed.stories.terms import word_set

Cue = Literal["according_to", "reported", "said", "told", "citing", "claims_by"]


@dataclass(frozen=True, slots=True)
class Attribution:
    source: str  # as written: "Reuters", "Ukraine's military intelligence (HUR)"
    cue: Cue
    start: int  # the sentence's span in the text
    end: int
    sentence: str


# Every piece is bounded and unambiguous (words of at most 40 characters that start a word,
# spaces of 1-3 characters), so no text can make the patterns backtrack for long.
_CHAR = r"[\w’'&.\-]"
_NAME_WORD = rf"(?:(?<!{_CHAR})[A-Z]{_CHAR}{{0,40}}(?!{_CHAR})|\([A-Z][\w.\-]{{0,20}}\))"
_GAP = r"[ \t]{1,3}"
_NAME = rf"{_NAME_WORD}(?:{_GAP}(?:(?:of|the|de|al|for|and){_GAP})?{_NAME_WORD}){{0,5}}"
# a phrase after "according to" / "claims by": up to 8 words, stopping at punctuation or a
# clause word
_SAY = r"(?:reported|reports|said|says|claimed|claims|stated|announced|confirmed|wrote)"
_CLAUSE = rf"(?:that|which|who|when|as|on|in|after|but|while|showed|shows|found|{_SAY})"
_PHRASE_WORD = r"[\w’'().\-]{1,40}"
_PHRASE = rf"(?:the{_GAP})?{_PHRASE_WORD}(?:{_GAP}(?!{_CLAUSE}\b){_PHRASE_WORD}){{0,7}}"

_PATTERNS: tuple[tuple[Cue, re.Pattern[str]], ...] = (
    ("according_to", re.compile(rf"\b[Aa]ccording to (?P<src>{_PHRASE})")),
    (
        "claims_by",
        re.compile(
            rf"\b(?:claims?|reports?|statements?|data|figures|estimates?)"
            rf" (?:by|from) (?P<src>{_PHRASE})"
        ),
    ),
    ("citing", re.compile(rf"\b(?:[Cc]iting|[Cc]ited by|[Qq]uoted by) (?P<src>{_PHRASE})")),
    ("told", re.compile(rf"\btold (?P<src>(?:the )?{_NAME})")),
    ("reported", re.compile(rf"(?P<src>{_NAME})(?:,[^,]{{1,60}},)? (?P<verb>{_SAY})\b")),
    ("reported", re.compile(rf"\b(?P<verb>{_SAY}) (?P<src>{_NAME})")),
)
_BREAK = re.compile(r"[.!?]+[\"”’)]*(?=\s)|\n")
_NOT_SOURCES = word_set("he she they it we i you this that there officials one who which the a an")
_LEADING = PERSON_TITLES | {"the"}
_TRIM = " ,;:.\"“”‘’'"


def attributions(text: str) -> tuple[Attribution, ...]:
    """Every attribution in `text`, in order; the same source in one sentence once."""
    found: list[Attribution] = []
    seen: set[tuple[str, int]] = set()
    known = {w for m in mention_texts(text) for w in m.split()}
    for start, end in _sentences(text):
        sentence = text[start:end]
        for cue, source in _sources(sentence, known):
            if (source.lower(), start) not in seen:
                seen.add((source.lower(), start))
                found.append(Attribution(source, cue, start, end, sentence))
    return tuple(found)


def outlets(found: tuple[Attribution, ...]) -> tuple[str, ...]:
    """The outlets and organisations among the sources (people and vague ones left out)."""
    out: dict[str, None] = {}
    for a in found:
        words = a.source.lower().replace("(", " ").replace(")", " ").split()
        if any(w in AGENCIES or w in ORG_WORDS or w.isupper() for w in words) or _acronym(a):
            out.setdefault(a.source, None)
    return tuple(out)


def _acronym(a: Attribution) -> bool:
    return any(w.strip("()").isupper() and len(w.strip("()")) > 1 for w in a.source.split())


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence, surrounding spaces left out; "Sen." and "U.S." do
    not end one."""
    start = 0
    for match in _BREAK.finditer(text):
        if match.group() == "." and is_abbreviation(last_word(text[max(0, start) : match.end()])):
            continue
        yield from _stripped(text, start, match.end())
        start = match.end()
    yield from _stripped(text, start, len(text))


def _stripped(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    piece = text[start:end]
    if piece.strip():
        lead = len(piece) - len(piece.lstrip())
        yield start + lead, start + len(piece.rstrip())


def _sources(sentence: str, known: set[str]) -> Iterator[tuple[Cue, str]]:
    """(cue, source) pairs; a capitalised single word counts only when `known` holds it as
    a name (so "Initial claims reported" is no source), never a weekday or month."""
    for cue, pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            source = _clean(match.group("src"))
            if _plausible(source, cue, known):
                verb = match.groupdict().get("verb") or ""
                yield ("said" if verb.startswith("said") or verb == "says" else cue), source


def _plausible(source: str, cue: Cue, known: set[str]) -> bool:
    words = source.split()
    if not words or source.lower() in _NOT_SOURCES:
        return False
    if all(w.lower().strip(_TRIM) in NOT_NAMES for w in words):
        return False
    single_name = len(words) == 1 and source[:1].isupper()
    return not single_name or source in known or source.lower() in AGENCIES


def _clean(source: str) -> str:
    source = source.strip(_TRIM)
    words = source.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in _LEADING:
        words = words[1:]  # "the BBC" → "BBC", "Mayor Tom Evans" → "Tom Evans"
    source = " ".join(words)
    if source.count("(") > source.count(")"):
        source = source[: source.rfind("(")].strip(_TRIM)
    return source
