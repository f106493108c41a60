"""normalize_tags."""

from __future__ import annotations

from newsfeed.normalize.tags import MAX_TAGS, clean_tag, normalize_tags


def test_trim_collapse_and_dedupe_case_insensitively() -> None:
    assert normalize_tags(
        ["  Politics ", "politics", "Harbour\n  Works", "POLITICS", "Harbour works"]
    ) == (
        "Politics",
        "Harbour Works",
    )


def test_drop_empty_long_and_urls() -> None:
    assert normalize_tags(["", "   ", "x" * 65, "https://example.com/tag/a", "Ok"]) == ("Ok",)
    assert normalize_tags(["X" * 64]) == ("X" * 64,)


def test_entities_and_punctuation() -> None:
    assert normalize_tags(["Arts &amp; Culture", "#Election2024", "Economy,"]) == (
        "Arts & Culture",
        "Election2024",
        "Economy",
    )


def test_at_most_twenty_in_order() -> None:
    tags = normalize_tags([f"Tag {i}" for i in range(50)])
    assert len(tags) == MAX_TAGS == 20
    assert tags[0] == "Tag 0" and tags[-1] == "Tag 19"


def test_duplicates_do_not_use_up_the_limit() -> None:
    raw = ["Same"] * 30 + ["Other"]
    assert normalize_tags(raw) == ("Same", "Other")


def test_empty_input_and_none() -> None:
    assert normalize_tags([]) == ()
    assert clean_tag(None) is None
    assert normalize_tags(["新闻", "新闻"]) == ("新闻",)
