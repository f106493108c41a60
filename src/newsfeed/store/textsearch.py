"""User search strings → safe full-text queries, and engine snippets → text and spans.

Nothing the user types reaches the engine's query parser as syntax. We keep only words
(unicode letters and digits) and rebuild a small, always-valid query from them:
`word word` (all must match), `"a phrase"`, `-word` (must not match), `a OR b`. A chunk
such as `U.S.` or `don't` becomes the phrase of its words. At most MAX_TERMS terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfeed.errors import BadQuery
from newsfeed.model import Snippet

MAX_TERMS = 32
MAX_WORD = 64
MARK_START = "\x02"  # what the engines put around matches
MARK_END = "\x03"
_CHUNK = re.compile(r'-?"[^"]*"?|\S+')
_WORD = re.compile(r"[^\W_]+")
_MARKED = re.compile(f"{MARK_START}([^{MARK_START}{MARK_END}]*){MARK_END}")


@dataclass(frozen=True, slots=True)
class Term:
    words: tuple[str, ...]  # one word, or a phrase
    negated: bool = False


Query = tuple[tuple[Term, ...], ...]  # OR of groups; each group: all its terms


def parse_query(text: str) -> Query:
    """Raises BadQuery for a blank query; a query without any word gives ()."""
    if not isinstance(text, str) or not text.strip():
        raise BadQuery("empty search query")
    groups: list[list[Term]] = [[]]
    count = 0
    for chunk in _CHUNK.findall(text):
        if chunk == "OR":
            groups.append([])
            continue
        term = _term(chunk)
        if term is not None and count < MAX_TERMS:
            groups[-1].append(term)
            count += 1
    return tuple(tuple(g) for g in groups if any(not t.negated for t in g))


def _term(chunk: str) -> Term | None:
    negated = chunk.startswith("-") and len(chunk) > 1
    words = tuple(w[:MAX_WORD] for w in _WORD.findall(chunk.lower()))
    return Term(words, negated) if words else None


def to_fts5(query: Query) -> str:
    """FTS5 MATCH expression: every word inside double quotes, so never an operator."""
    return " OR ".join(f"({_fts5_group(group)})" for group in query)


def _fts5_group(group: tuple[Term, ...]) -> str:
    positive = " ".join(_quoted(t) for t in group if not t.negated)
    negative = "".join(f" NOT {_quoted(t)}" for t in group if t.negated)
    return f"({positive}){negative}"


def _quoted(term: Term) -> str:
    return '"' + " ".join(term.words) + '"'


def to_websearch(query: Query) -> str:
    """Input for PostgreSQL's websearch_to_tsquery (which never fails on any input)."""
    return " or ".join(" ".join(_web_term(t) for t in group) for group in query)


def _web_term(term: Term) -> str:
    text = _quoted(term) if len(term.words) > 1 else term.words[0]
    return f"-{text}" if term.negated else text


def snippet_of(raw: str | None) -> Snippet:
    """An engine snippet as text and the spans of its matches; stray markers are dropped."""
    if not raw:
        return Snippet("")
    text: list[str] = []
    spans: list[tuple[int, int]] = []
    at = 0
    for i, part in enumerate(_MARKED.split(raw)):
        clean = part.replace(MARK_START, "").replace(MARK_END, "")
        if i % 2 and clean:
            spans.append((at, at + len(clean)))
        text.append(clean)
        at += len(clean)
    return Snippet("".join(text), tuple(spans))
