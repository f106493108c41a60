"""detect_language: declared tag first, else py3langid, else None."""

from __future__ import annotations

import pytest

from newsfeed.normalize.language import detect_language, normalize_tag

ENGLISH = "The city council voted on Tuesday to rebuild the old harbour wall before winter."
GERMAN = (
    "Der Stadtrat hat am Dienstag beschlossen, die alte Hafenmauer vor dem Winter neu zu bauen."
)
FRENCH = "Le conseil municipal a décidé mardi de reconstruire le vieux mur du port avant l'hiver."
SPANISH = (
    "El ayuntamiento decidió el martes reconstruir el viejo muro del puerto antes del invierno."
)
CHINESE = "市议会周二投票决定在冬天之前重建旧港口的城墙。"
JAPANESE = "市議会は火曜日、冬になる前に古い港の壁を再建することを決めました。"


@pytest.mark.parametrize(
    ("declared", "expected"),
    [
        ("en-US", "en"),
        ("EN-gb", "en"),
        ("pt_BR", "pt"),
        ("zh-Hant-TW", "zh"),
        ("de", "de"),
        (" fr ", "fr"),
        ("fil", "fil"),
    ],
)
def test_declared_tag_wins(declared: str, expected: str) -> None:
    assert detect_language(GERMAN, declared) == expected
    assert normalize_tag(declared) == expected


@pytest.mark.parametrize("declared", [None, "", "  ", "x-default", "und", "mul", "english", "e"])
def test_unusable_declared_tag_falls_back_to_detection(declared: str | None) -> None:
    assert normalize_tag(declared) is None
    assert detect_language(GERMAN, declared) == "de"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (ENGLISH, "en"),
        (GERMAN, "de"),
        (FRENCH, "fr"),
        (SPANISH, "es"),
        (CHINESE, "zh"),
        (JAPANESE, "ja"),
    ],
)
def test_detects_language_of_enough_text(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    "text", ["", "   ", "Hello", "OK thanks", "12345 67890 !!!", "— • …", "東京"]
)
def test_too_short_to_tell_is_none(text: str) -> None:
    assert detect_language(text) is None


def test_long_text_uses_its_start() -> None:
    assert detect_language(ENGLISH * 500) == "en"


def test_one_guess_for_a_feed_from_its_first_entries():
    from newsfeed.normalize.language import guess_feed_language

    english = "The council voted on Monday to build a flood barrier across the old port. " * 3
    german = "Der Stadtrat hat am Montag beschlossen, eine Flutmauer am alten Hafen zu bauen. " * 3
    assert guess_feed_language([english, english]) == "en"
    assert guess_feed_language([german]) == "de"
    assert guess_feed_language(["Hi", ""]) is None
    assert guess_feed_language([]) is None
