"""Topics in one case: an all-lowercase tag is capitalized as a title, others kept."""

from __future__ import annotations

from newsfeed.normalize.tags import clean_tag, normalize_tags


def test_lowercase_tags_become_titles_like_their_neighbours() -> None:
    assert normalize_tags(["fenmoor", "open data", "Business"]) == (
        "Fenmoor",
        "Open Data",
        "Business",
    )


def test_small_words_stay_small_except_first() -> None:
    assert clean_tag("arts and culture") == "Arts and Culture"
    assert clean_tag("the economy") == "The Economy"
    assert clean_tag("état civil") == "État Civil"
    assert clean_tag("covid-19") == "Covid-19"
    assert clean_tag("ß") == "ß"  # no one-letter upper case: kept as written


def test_any_capital_means_the_spelling_is_deliberate() -> None:
    for tag in ("iPhone", "NHS", "eBay", "Open data", "新闻", "2024"):
        assert clean_tag(tag) == tag


def test_lowercase_and_titled_spellings_are_one_topic() -> None:
    assert normalize_tags(["open data", "Open Data", "OPEN DATA"]) == ("Open Data",)
