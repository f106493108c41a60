"""names(): people, places and organisations in running text, without a model (sentences
written for these tests; invented people and outlets)."""

from __future__ import annotations

from newsfeed.stories.names import Name, mention_texts, names

TEXT = (
    "President Ada Marsh opened the harbour summit in Lisbon on Monday. Sen. Tomas Greer "
    "said the plan was too costly. The Ministry of Transport and NATO sent observers. "
    "Marsh later met the Fenmoor Rescue Service. Observers from the BBC watched. "
    "Declaring the summit open, Marsh thanked Portugal."
)


def by_text(found: tuple[Name, ...]) -> dict[str, Name]:
    return {n.text: n for n in found}


def test_people_places_and_organisations_are_told_apart() -> None:
    found = by_text(names(TEXT))
    assert found["Ada Marsh"].kind == "person"  # the title before the name is left out
    assert found["Tomas Greer"].kind == "person"
    assert found["Lisbon"].kind == "place" and found["Portugal"].kind == "place"
    assert found["Ministry of Transport"].kind == "org"
    assert found["NATO"].kind == "org"
    assert found["Fenmoor Rescue Service"].kind == "org"
    assert found["BBC"].kind == "org"


def test_a_surname_alone_counts_for_the_full_name() -> None:
    found = by_text(names(TEXT))
    assert "Marsh" not in found
    assert found["Ada Marsh"].mentions == 3
    assert names(TEXT)[0].text == "Ada Marsh"  # most mentioned first


def test_sentence_initial_common_words_and_weekdays_are_not_names() -> None:
    found = by_text(names(TEXT))
    for word in ("Declaring", "The", "Monday", "Observers", "President", "Sen"):
        assert word not in found
    assert "Declaring" not in mention_texts(TEXT)


def test_a_possessive_ends_the_name() -> None:
    found = by_text(names("Officials said Ukraine's military intelligence saw the convoy."))
    assert found["Ukraine"].kind == "place"


def test_text_without_names_gives_nothing() -> None:
    assert names("") == ()
    assert names("the river rose overnight and fell by noon.") == ()


def test_hostile_text_is_read_in_one_pass() -> None:
    assert names("A" + " " * 50_000 + "said") == ()
    assert names("(A" * 30_000) == ()
    assert names("Officials met " + "Alpha Beta " * 5_000 + "today.") == ()  # no name is so long
