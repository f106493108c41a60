"""word_count, reading time and its label, cut_at_word."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsfeed.normalize.readingtime import label, minutes_for, reading_minutes
from newsfeed.normalize.text import (
    _WORD,
    cjk_count,
    collapse_spaces,
    counts,
    cut_at_word,
    latin_word_count,
    word_count,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("   \n\t ", 0),
        ("Hello world", 2),
        ("  Hello \n\n world  ", 2),
        ("well-known don't e-mail", 3),
        ("A — B • C", 3),
        ("— • … !!!", 0),
        ("3.5 percent of 1,000", 4),
        ("Zoë's café in Köln", 4),
    ],
)
def test_word_count_latin(text: str, expected: int) -> None:
    assert word_count(text) == expected


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_word_count_is_the_regex_definition(text: str) -> None:
    """The count without CJK is a shortcut of the regex, which stays the definition."""
    assert latin_word_count(text) == len(_WORD.findall(text))
    spaced = " ".join([text, "a_b", "__", "-x-", "…", "é", "½"])
    assert latin_word_count(spaced) == len(_WORD.findall(spaced))


def test_cjk_characters_count_one_each() -> None:
    assert cjk_count("政府周二宣布新的预算") == 10
    assert word_count("政府周二宣布新的预算") == 10
    assert counts("東京タワーは高い") == (0, 8)
    assert counts("서울 시장") == (0, 4)


def test_mixed_scripts_add_up() -> None:
    assert counts("Tokyo 東京 is big") == (3, 2)
    assert counts("iPhone15を発表") == (1, 3)
    assert word_count("Tokyo 東京 is big") == 5


def test_reading_minutes_words_rounded_up() -> None:
    assert reading_minutes("word " * 265) == 1
    assert reading_minutes("word " * 266) == 2
    assert reading_minutes("word " * 530) == 2
    assert reading_minutes("word " * 1855) == 7


def test_reading_minutes_cjk_500_chars_per_minute() -> None:
    assert reading_minutes("字" * 500) == 1
    assert reading_minutes("字" * 501) == 2
    assert reading_minutes("字" * 2000) == 4
    # the same text counted as words (one "word" without spaces) would be 1 minute
    assert reading_minutes("字" * 2000) != reading_minutes("x" * 2000)


def test_reading_minutes_mixed_and_minimum() -> None:
    assert reading_minutes("") == 1
    assert reading_minutes("   ") == 1
    assert reading_minutes("Hi") == 1
    assert reading_minutes("word " * 265 + "字" * 500) == 2
    assert minutes_for(0, 0) == 1
    assert minutes_for(2650, 0) == 10


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [
        (1, "1 min read"),
        (7, "7 min read"),
        (0, "1 min read"),
        (-3, "1 min read"),
        (120, "120 min read"),
    ],
)
def test_label(minutes: int, expected: str) -> None:
    assert label(minutes) == expected


def test_collapse_spaces() -> None:
    assert collapse_spaces("  a \n\n b\tc\u00a0d ") == "a b c d"
    assert collapse_spaces("") == ""


def test_cut_at_word() -> None:
    sentence = "The quick brown fox jumps over the lazy dog"
    assert cut_at_word(sentence, 100) == sentence
    assert cut_at_word(sentence, 20) == "The quick brown fox…"
    assert cut_at_word(sentence, 18) == "The quick brown…"
    assert len(cut_at_word(sentence, 18)) <= 18
    assert cut_at_word("字" * 50, 10) == "字" * 9 + "…"
    assert cut_at_word("Supercalifragilistic", 8) == "Superca…"
