"""attributions(): who an article attributes its claims to, with the sentence it stands in
(sentences written for these tests; invented outlets and people)."""

from __future__ import annotations

from newsfeed.stories.attributions import Attribution, attributions, outlets

TEXT = (
    "Two drones hit a fuel depot near Carrow overnight, Norland TV reported. "
    "According to Reuters, the fire burned for six hours. "
    "The strike followed claims by Ostrava's military intelligence (OMI) that a convoy was hit. "
    "A spokesman for the governor told the BBC that nobody was hurt. "
    'Sen. Jane Marlow said the strike was "a warning." '
    "The agency, citing two officials, said more strikes were planned. "
    "He said nothing else on Tuesday."
)


def found() -> dict[str, Attribution]:
    return {a.source: a for a in attributions(TEXT)}


def test_each_kind_of_attribution_is_found_with_its_source() -> None:
    got = found()
    assert got["Norland TV"].cue == "reported"
    assert got["Reuters"].cue == "according_to"
    assert got["Ostrava's military intelligence (OMI)"].cue == "claims_by"
    assert got["BBC"].cue == "told"  # "the" left out
    assert got["Jane Marlow"].cue == "said"  # "Sen." left out
    assert got["two officials"].cue == "citing"


def test_the_span_is_the_sentence_it_stands_in() -> None:
    got = found()
    reuters = got["Reuters"]
    assert TEXT[reuters.start : reuters.end] == reuters.sentence
    assert reuters.sentence == "According to Reuters, the fire burned for six hours."
    marlow = got["Jane Marlow"]
    assert marlow.sentence.startswith("Sen. Jane Marlow said")  # "Sen." ends no sentence


def test_pronouns_and_weekdays_are_no_sources() -> None:
    sources = {a.source.lower() for a in attributions(TEXT)}
    assert not sources & {"he", "tuesday", "the agency"}
    initial = attributions("Initial claims reported by the ministry rose. Jobless figures rose.")
    assert [a.source for a in initial] == []


def test_outlets_keeps_organisations_and_leaves_out_people() -> None:
    assert outlets(attributions(TEXT)) == (
        "Norland TV",
        "Reuters",
        "Ostrava's military intelligence (OMI)",
        "BBC",
    )


def test_text_without_attributions_gives_nothing() -> None:
    assert attributions("") == ()
    assert attributions("The river rose overnight and fell by noon.") == ()


def test_hostile_text_gives_nothing_and_does_not_make_the_patterns_backtrack() -> None:
    # each of these took seconds to minutes with unbounded, ambiguous patterns
    assert attributions("A" + " " * 50_000 + "said") == ()
    assert attributions("A" * 100_000 + " said") == ()
    assert attributions(("Alpha" + " " * 3) * 20_000) == ()
    assert len(attributions("according to " + "x" * 100_000)) == 1
