"""Words → index terms for story grouping: lower case, no stop words, a light suffix stemmer
(so "sanction", "sanctions", "sanctioned" meet). Pure, no I/O."""

from __future__ import annotations

import re
from collections import Counter

_WORD = re.compile(r"[^\W_]+(?:['’](?!s\b)[^\W_]+)*")  # "biden's" → "biden", "s"


def word_set(text: str) -> frozenset[str]:
    """The words of a whitespace-separated list written in the source."""
    return frozenset(text.split())


# Function words and the verbs every news article uses; they carry no event.
STOPWORDS = word_set(
    """
    a about above after again against all almost also although always am among an and another
    any are around as at back be became because become been before being below between both
    but by can could did do does doing done down during each either else even ever every few
    for from further get gets got had has have having he her here hers herself him himself his
    how however i if in into is it its itself just last least less like made make makes many
    may me might more most much must my myself near neither never new next no nor not now of
    off often on once one only or other others our ours ourselves out over own per perhaps
    rather said same say saying says see seen she should since so some still such than that
    the their theirs them themselves then there these they this those though through thus to
    told too toward towards under until up upon us very via was we well were what when where
    whether which while who whom whose why will with within without would yet you your yours
    yourself mr mrs ms dr according week weeks year years day days time times today yesterday
    tomorrow monday tuesday wednesday thursday friday saturday sunday two three first people
    news report reported reports told going want wants think including people's nt s t
    """
)


_STEMS: dict[str, str] = {}


def stem(word: str) -> str:
    """`_stem`, remembered (a bounded table: cleared when full)."""
    found = _STEMS.get(word)
    if found is None:
        if len(_STEMS) > 200_000:
            _STEMS.clear()
        found = _STEMS[word] = _stem(word)
    return found


def _stem(word: str) -> str:
    """A light, stable suffix stripper (not Porter): plural and -ing/-ed endings only."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ing") and len(word) > 5:
        return word[:-3]
    if word.endswith("ed") and len(word) > 4:
        return word[:-2]
    return word


def words(text: str) -> list[str]:
    """Lower-case words of `text`; a possessive 's is a word of its own."""
    return _WORD.findall(text.lower())


def terms(text: str) -> list[str]:
    """Index terms of `text` in order: stemmed words that are not stop words."""
    return terms_of(words(text))


def terms_of(lowered: list[str]) -> list[str]:
    """Index terms of words already split and lowered by `words`."""
    stems = _STEMS
    return [stems.get(w) or stem(w) for w in lowered if w not in STOPWORDS and len(w) > 1]


def term_counts(lowered: list[str]) -> dict[str, int]:
    """How often each index term occurs in words split and lowered by `words` (counts the
    distinct words first: each is filtered and stemmed once)."""
    out: dict[str, int] = {}
    stems = _STEMS
    for word, n in Counter(lowered).items():
        if word in STOPWORDS or len(word) < 2:
            continue
        term = stems.get(word) or stem(word)
        out[term] = out.get(term, 0) + n
    return out
