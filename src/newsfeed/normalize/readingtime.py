"""Reading time: 265 words per minute, 500 characters per minute for CJK text (the common
convention, as in Miniflux), rounded up, at least one minute."""

from __future__ import annotations

import math

from newsfeed.normalize.text import counts

WORDS_PER_MINUTE = 265
CJK_CHARS_PER_MINUTE = 500


def minutes_for(words: int, cjk_chars: int) -> int:
    """Minutes to read `words` words plus `cjk_chars` CJK characters, rounded up, min 1."""
    minutes = words / WORDS_PER_MINUTE + cjk_chars / CJK_CHARS_PER_MINUTE
    return max(1, math.ceil(minutes))


def reading_minutes(text: str) -> int:
    """Minutes to read plain `text` (mixed scripts add up), rounded up, at least 1."""
    return minutes_for(*counts(text))


def label(minutes: int) -> str:
    """'1 min read', '7 min read'. Anything under one minute reads as one."""
    return f"{max(1, int(minutes))} min read"
