"""Counting words in plain text.

Scripts written without spaces between words (Chinese, Japanese; Korean is counted the same
way for simplicity) are counted per character: `cjk_count`. Everything else is counted per
word: a run of non-space characters holding at least one letter or digit, so "—" and "•"
are not words and "well-known" and "don't" are one each. `word_count` is the sum of both,
the figure we store; reading time weighs the two parts differently (see readingtime).
"""

from __future__ import annotations

import re

#: Han (with extensions and compatibility ideographs), kana, Hangul.
_CJK_CLASS = (
    "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
    "\u1100-\u11ff\u3130-\u318f\U00020000-\U0002fa1f"
)
_CJK = re.compile(f"[{_CJK_CLASS}]")
_WORD = re.compile(rf"[^\s\w]*[^\W_{_CJK_CLASS}][^\s{_CJK_CLASS}]*")
_SPACES = re.compile(r"\s+")
_ALNUM = re.compile(r"[^\W_]")  # a letter or digit: what str.isalnum() accepts


def cjk_count(text: str) -> int:
    """Number of CJK characters (ideographs, kana, Hangul) in `text`."""
    return len(_CJK.findall(text)) if text else 0


def latin_word_count(text: str) -> int:
    """Number of space-separated words outside CJK runs. Without CJK in `text` that is the
    number of whitespace-separated tokens holding a letter or digit, counted without the
    regex (a third less time: most tokens are all letters, which `isalnum` tells at once)."""
    if not text:
        return 0
    if _CJK.search(text):
        return len(_WORD.findall(text))
    return sum(1 for token in text.split() if token.isalnum() or _ALNUM.search(token))


def counts(text: str) -> tuple[int, int]:
    """(words outside CJK, CJK characters): the inputs of reading time."""
    return latin_word_count(text), cjk_count(text)


def word_count(text: str) -> int:
    """Words in `text`, each CJK character counting as one word."""
    words, cjk = counts(text)
    return words + cjk


def collapse_spaces(text: str) -> str:
    """All runs of whitespace (newlines too) as one space, trimmed."""
    return _SPACES.sub(" ", text).strip()


def cut_at_word(text: str, limit: int, ellipsis: str = "…") -> str:
    """`text` shortened to at most `limit` characters (ellipsis included), cut at a space
    when there is one in the second half, else mid-word (CJK has no spaces)."""
    if len(text) <= limit:
        return text
    room = max(limit - len(ellipsis), 1)
    head = text[:room]
    space = head.rfind(" ")
    if not text[room].isspace() and space > room // 2:
        head = head[:space]
    return head.rstrip(" ,;:.-–—") + ellipsis
