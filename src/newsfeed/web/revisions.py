"""The revision history of an article as shown on its page: each earlier version with what
changed into the next one (a word diff)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher

from newsfeed.model import ArticleView
from newsfeed.web.timefmt import aware

MAX_DIFF_WORDS = 2_000


@dataclass(frozen=True, slots=True)
class RevisionStep:
    when: datetime
    title: str
    new_title: str
    diff: tuple[tuple[str, str], ...]  # ("same" | "del" | "ins", words)

    @property
    def title_changed(self) -> bool:
        return self.title != self.new_title


def word_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """Runs of equal, deleted and inserted words; empty when the texts are equal."""
    a, b = old.split()[:MAX_DIFF_WORDS], new.split()[:MAX_DIFF_WORDS]
    if a == b:
        return ()
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            out.append(("del", " ".join(a[i1:i2])))
        if op in ("insert", "replace"):
            out.append(("ins", " ".join(b[j1:j2])))
        if op == "equal":
            out.append(("same", _elide(a[i1:i2])))
    return tuple(out)


def _elide(words: list[str], keep: int = 8) -> str:
    if len(words) <= 2 * keep:
        return " ".join(words)
    return " ".join([*words[:keep], "…", *words[-keep:]])


def revision_steps(article: ArticleView) -> list[RevisionStep]:
    """Newest first, like `article.revisions`; each compared with the version after it.

    A step is dated when we noticed the change, except the newest one: the publisher's own
    "updated" time dates the change that made the current version, as the article's
    "Updated …" line does (when it is not later than when we noticed it)."""
    steps = []
    newer_title, newer_text = article.title, article.text
    for index, rev in enumerate(article.revisions):
        when = _published_change(article, rev.recorded_at) if index == 0 else rev.recorded_at
        steps.append(RevisionStep(when, rev.title, newer_title, word_diff(rev.text, newer_text)))
        newer_title, newer_text = rev.title, rev.text
    return steps


def _published_change(article: ArticleView, noticed: datetime) -> datetime:
    updated = article.updated_at
    if updated is None or aware(updated) > aware(noticed):
        return noticed
    return updated
