"""Names of people, places and organisations in running text, without a model: runs of
capitalised words (with "of", "de", "al" … inside), sentence-initial common words left out,
the kind told by titles before the name ("Sen.", "President"), words that end an
organisation ("… Ministry", "… Party"), acronyms, a list of places, and the verb after it
("… said"). A surname alone is counted for the full name seen before it. Pure, no I/O."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from newsfeed.stories.lexicon import (
    AGENCIES,
    NOT_NAMES,
    ORG_NAMES,
    ORG_WORDS,
    PERSON_TITLES,
    PLACE_WORDS,
    PLACES,
)
from newsfeed.stories.terms import word_set

NameKind = Literal["person", "place", "org"]


@dataclass(frozen=True, slots=True)
class Name:
    text: str  # as first written in full, e.g. "Joe Biden"
    kind: NameKind
    mentions: int  # how often it (or its surname alone) appears


@dataclass(frozen=True, slots=True)
class Mention:
    """One run of capitalised words: its text, where it is, and the words around it."""

    text: str
    start: int
    end: int
    before: str  # the word before, lower case ("" at a sentence start)
    after: str  # the word after, lower case


_UPPER = "A-ZÀ-ÖØ-ÞĀ-ſΑ-ΩА-Я"  # Latin, Greek, Cyrillic capitals (ſ range: Latin Extended-A)
_CAP = rf"(?:[A-Z]\.){{2,}}|[{_UPPER}][^\W_]*(?:['’\-][^\W_]+)*"
_CONNECTORS = frozenset({"of", "de", "da", "del", "der", "van", "von", "al", "bin", "la", "le"})
_CONNECTOR = "(?:" + "|".join(sorted(_CONNECTORS)) + ")"
# The run starts with a capital not preceded by a letter (a character class first lets the
# regex engine skip ahead fast: 6x faster than a leading \b), then "U.S."-style initials or
# the rest of the word, then more capitalised words.
_RUN = re.compile(
    rf"[{_UPPER}](?<![^\W_][{_UPPER}])(?:\.(?:[A-Z]\.)+|[^\W_]*(?:['’\-][^\W_]+)*)"
    rf"(?:[ \t]+(?:{_CONNECTOR}[ \t]+)?(?:{_CAP}))*"
)
_SPACED = re.compile(r"\S+")
_WORD_AFTER = re.compile(r"^[\s,]*([^\W_]+)")
_ABBREVIATIONS = word_set(
    "mr mrs ms dr sen rep gov gen col lt st jr sr prof capt sgt rev vs inc corp co ltd no ft mt"
)
MAX_NAME_WORDS = 8
_OPENERS = frozenset(" \t\"“‘'(")
_PUNCTUATION = ".,;:!?\"“”‘’'()[]"
_INITIALS = re.compile(r"(?:[A-Z]\.)*[A-Z]")
_SAY_VERBS = frozenset({"said", "says", "told", "added", "wrote", "argued", "tweeted"})


def names(text: str) -> tuple[Name, ...]:
    """People, places and organisations in `text`, most mentioned first."""
    counts: dict[str, int] = {}
    kinds: dict[str, NameKind | None] = {}
    for mention in mentions(text):
        key = mention.text
        counts[key] = counts.get(key, 0) + 1
        if kinds.get(key) is None:
            kinds[key] = _kind(mention)
    merged = _merge_surnames(counts, kinds)
    out = [Name(key, kind, n) for key, (kind, n) in merged.items() if kind is not None]
    return tuple(sorted(out, key=lambda name: -name.mentions))


def mentions(text: str) -> Iterator[Mention]:
    """Every run of capitalised words that may be a name, with the words around it."""
    for start, end, at_start in _spans(text):
        yield _mention(text, start, end, at_start)


def mention_texts(text: str) -> list[str]:
    """The text of every mention (what story grouping compares), faster than `mentions`."""
    return [" ".join(text[a:b].split()) for a, b, _ in _spans(text)]


def _spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, starts a sentence) of each mention. A lone word that starts a sentence
    counts only when it is a known name or appears capitalised mid-sentence."""
    pieces = [
        piece
        for run in _RUN.finditer(text)
        for piece in _pieces(text, run)
        if text.count(" ", piece[0], piece[1]) < MAX_NAME_WORDS  # longer: a title-case line
    ]
    mid = {w for a, b, at_start in pieces for w in text[a:b].split()[int(at_start) :]}
    return [
        (a, b, at_start)
        for a, b, at_start in pieces
        if not at_start or " " in text[a:b] or _known(text[a:b]) or text[a:b] in mid
    ]


def _pieces(text: str, run: re.Match[str]) -> Iterator[tuple[int, int, bool]]:
    """The run split at words that are never names ("The", "On", "Monday") and with
    leading titles ("President", "Sen.") dropped: (start, end, starts a sentence)."""
    at_start = _sentence_starts_before(text, run.start())
    whole = run.group()
    if " " not in whole and "\t" not in whole:  # the common case: one word
        low = whole.lower().rstrip(".")
        if low not in NOT_NAMES and low not in PERSON_TITLES:
            yield run.start(), run.end() - 2 * whole.endswith(("'s", "’s")), at_start
        return
    begin: int | None = None
    last_end = run.start()
    for word in _SPACED.finditer(whole):
        a, b = run.start() + word.start(), run.start() + word.end()
        low = word.group().lower().rstrip(".")
        if begin is not None and low in _CONNECTORS:
            continue
        if low in NOT_NAMES or (begin is None and low in PERSON_TITLES):
            if begin is not None:
                yield begin, last_end, at_start
            begin, at_start = None, False
            continue
        if begin is None:
            begin = a
        last_end = b
        if word.group().endswith(("'s", "’s")):
            yield begin, b - 2, at_start
            begin, at_start = None, False
    if begin is not None:
        yield begin, last_end, at_start


def _sentence_starts_before(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in _OPENERS:
        j -= 1
    if j < 0 or text[j] in "\n!?":
        return True
    if text[j] != ".":
        return False  # the common case: a word or a comma before the run
    return not is_abbreviation(last_word(text[max(0, j - 40) : j + 1]))


def is_abbreviation(word: str) -> bool:
    """ "Sen", "Mr", an initial "J", "U.S" (the last period already stripped)."""
    return word.lower() in _ABBREVIATIONS or _INITIALS.fullmatch(word) is not None


def _mention(text: str, start: int, end: int, at_start: bool) -> Mention:
    words = " ".join(text[start:end].split())
    before = "" if at_start else last_word(text[max(0, start - 40) : start]).lower()
    after = _WORD_AFTER.match(text[end : end + 40])
    return Mention(words, start, end, before, after.group(1).lower() if after else "")


def last_word(text: str) -> str:
    """The last word of `text`, without the punctuation around it ("" when none)."""
    parts = text.split()
    return parts[-1].strip(_PUNCTUATION) if parts else ""


def _known(word: str) -> bool:
    low = word.lower().rstrip("'s").rstrip("’s")
    return low in PLACES or low in AGENCIES or _is_acronym(word)


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def _kind(mention: Mention) -> NameKind | None:
    low = mention.text.lower()
    parts = low.split()
    if low in ORG_NAMES:
        return "org"
    if low in PLACES or low.replace(".", "") in {"us", "uk"}:
        return "place"
    if mention.before in PERSON_TITLES:
        return "person"
    if any(p in ORG_WORDS or p in AGENCIES for p in parts) or _is_acronym(mention.text.split()[0]):
        return "org"
    if parts[-1] in PLACE_WORDS:
        return "place"
    if mention.after in _SAY_VERBS or " " in low:
        return "person"
    return None


def _merge_surnames(
    counts: dict[str, int], kinds: dict[str, NameKind | None]
) -> dict[str, tuple[NameKind | None, int]]:
    """'Biden' alone counts for 'Joe Biden' when that person was named in full."""
    surnames: dict[str, str] = {}
    for key, kind in kinds.items():
        if kind == "person" and " " in key:
            surnames.setdefault(key.split()[-1], key)
    merged: dict[str, tuple[NameKind | None, int]] = {}
    for key, n in counts.items():
        full = surnames.get(key) if " " not in key else None
        target = full or key
        kind = kinds[target] if full else kinds[key]
        previous = merged.get(target, (kind, 0))[1]
        merged[target] = (kind, previous + n)
    return merged
