"""Story grouping on articles written for these tests (invented outlets, people and places):
the same event from several outlets in different words, a wire copy republished verbatim,
two different events on the same topic on the same day, an event developing over several
days; the window, undated articles, and saving/restoring the state."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

import pytest

from newsfeed.model import ArticleData
from newsfeed.stories.features import StoryArticle, from_article_data
from newsfeed.stories.grouping import Assignment, Grouper, GroupingConfig
from newsfeed.stories.state import GrouperState

DAY1 = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)


def article(
    id: str, outlet: str, hours: float | None, title: str, text: str, tags: tuple[str, ...] = ()
) -> StoryArticle:
    when = None if hours is None else DAY1 + timedelta(hours=hours)
    return StoryArticle(id, outlet, when, title, text, tags)


FLOOD = (
    article(
        "flood-1",
        "Fenmoor Courier",
        0,
        "Aldwater bursts its banks at Fenmoor",
        "The Aldwater burst its banks at Fenmoor before dawn on Monday, flooding the market "
        "square and about 300 homes along Mill Lane. Fire crews used boats to reach families "
        "trapped upstairs. Mayor Ilse Brandt said the river rose faster than in the 2009 "
        "floods. The Fenmoor Rescue Service said nobody had been hurt.",
    ),
    article(
        "flood-2",
        "Eastbank Herald",
        2,
        "Hundreds of Fenmoor homes under water as river overflows",
        "Hundreds of homes in Fenmoor were under water on Monday after the Aldwater "
        "overflowed during the night. Boats ferried residents from Mill Lane, where water "
        "reached the first floors. Ilse Brandt, the town's mayor, called it the worst "
        "flooding since 2009 and opened the sports hall as a shelter.",
    ),
    article(
        "flood-3",
        "Valley Signal",
        3,
        "Night-time flood swamps Fenmoor market square",
        "Residents of Fenmoor woke to a swamped market square as the swollen Aldwater spilled "
        "into the streets overnight. According to the Fenmoor Rescue Service, crews in boats "
        "lifted dozens of people from upstairs windows on Mill Lane. Mayor Brandt said "
        "flood barriers had been ordered weeks ago.",
    ),
)

FLOOD_LATER = (
    article(
        "flood-4",
        "Fenmoor Courier",
        26,
        "Fenmoor evacuates riverside streets as Aldwater keeps rising",
        "Fenmoor ordered the evacuation of six riverside streets on Tuesday as the Aldwater "
        "kept rising. Mayor Ilse Brandt said the sports hall shelter on Mill Lane would stay "
        "open. The rescue service said the river would crest on Wednesday.",
    ),
    article(
        "flood-5",
        "Eastbank Herald",
        50,
        "Aldwater crests at Fenmoor, water starts to fall",
        "The Aldwater crested at Fenmoor on Wednesday afternoon, a metre above the 2009 "
        "record, and the water in the market square began to fall. Mayor Brandt warned "
        "residents of Mill Lane not to return home yet.",
    ),
    article(
        "flood-6",
        "Valley Signal",
        74,
        "Fenmoor begins clean-up after the Aldwater flood",
        "The clean-up began in Fenmoor on Thursday as the Aldwater fell back inside its "
        "banks. Volunteers cleared mud from the market square and Mill Lane, and Mayor Ilse "
        "Brandt said the town would ask for flood barriers before next winter.",
    ),
)

WIRE_TEXT = (
    "Copperfield Mining said on Monday it had found a large lithium deposit under the "
    "Skarn Hills, north of Ostrava Bay, and would apply for a licence to dig an open pit. "
    "Chief executive Pavel Dorn told the Norland Press Agency that the find could supply "
    "battery makers for thirty years. Farmers in the hills have opposed earlier mines, "
    "saying they drain the wells their herds depend on. The regional environment office "
    "said it would review any application within six months."
)

WIRE = (
    article(
        "wire-1",
        "Norland Press Agency",
        1,
        "Copperfield finds lithium under Skarn Hills",
        WIRE_TEXT,
    ),
    article("wire-2", "Ostrava Daily", 4, "Lithium find in the Skarn Hills", WIRE_TEXT),
    article(
        "wire-3",
        "Hill Country News",
        6,
        "Copperfield finds lithium under Skarn Hills (NPA)",
        WIRE_TEXT + " Copies of the statement were sent to the farmers' union.",
    ),
)

RAIL_CRASH = article(
    "rail-crash",
    "Eastbank Herald",
    5,
    "Freight train derails near Northvale junction",
    "A freight train carrying grain derailed near Northvale junction on Monday morning, "
    "tipping eleven wagons down an embankment. Nobody was injured, the line operator "
    "Midland Rail said, but the line between Northvale and Carrow will stay shut for three "
    "days while cranes lift the wagons. Investigators are examining a broken rail.",
)

RAIL_STRIKE = article(
    "rail-strike",
    "Valley Signal",
    6,
    "Rail workers at Southport vote to strike over pay",
    "Train drivers and guards at Southport depot voted on Monday to strike over pay, their "
    "union said, after rejecting a two per cent offer. The Railway Workers Union said "
    "walkouts could begin in April and would halt commuter services to the coast. "
    "Midland Rail said it was disappointed and wanted more talks.",
)

BUDGET = article(
    "budget",
    "Fenmoor Courier",
    8,
    "Dunmore council cuts library hours to balance budget",
    "Dunmore council voted to cut library opening hours by a fifth to close a gap of "
    "1.2 million in next year's budget. Councillor Rosa Achterberg said the cuts were "
    "painful but unavoidable; parents' groups plan a petition to keep Saturday hours.",
)


def replay(
    articles: Iterable[StoryArticle], grouper: Grouper | None = None
) -> dict[str, Assignment]:
    grouper = grouper or Grouper()
    return {a.id: grouper.assign(a) for a in articles}  # type: ignore[misc]


def by_time(*articles: StoryArticle) -> list[StoryArticle]:
    return sorted(articles, key=lambda a: a.published_at or DAY1)


EVERYTHING = by_time(*FLOOD, *WIRE, RAIL_CRASH, RAIL_STRIKE, BUDGET, *FLOOD_LATER)


def stories_of(assigned: dict[str, Assignment]) -> dict[object, set[str]]:
    out: dict[object, set[str]] = {}
    for article_id, a in assigned.items():
        out.setdefault(a.story, set()).add(article_id)
    return out


def test_one_event_from_several_outlets_in_different_words_is_one_story() -> None:
    assigned = replay(by_time(*FLOOD, RAIL_CRASH, BUDGET))
    assert assigned["flood-1"].new_story
    assert {assigned[a.id].story for a in FLOOD} == {"flood-1"}
    assert not assigned["flood-2"].new_story and assigned["flood-2"].duplicate_of is None
    assert assigned["flood-2"].similarity > 0


def test_a_wire_copy_republished_verbatim_is_a_near_duplicate_in_the_same_story() -> None:
    assigned = replay(EVERYTHING)
    assert assigned["wire-2"].duplicate_of == "wire-1"
    assert assigned["wire-2"].similarity == pytest.approx(1.0)
    assert assigned["wire-3"].duplicate_of == "wire-1"  # one sentence added at the end
    assert {assigned[a.id].story for a in WIRE} == {"wire-1"}
    assert assigned["flood-2"].duplicate_of is None  # rewritten, not copied


def test_two_rail_stories_on_the_same_day_stay_apart() -> None:
    assigned = replay(EVERYTHING)
    assert assigned["rail-crash"].new_story and assigned["rail-strike"].new_story
    assert assigned["rail-crash"].story != assigned["rail-strike"].story


def test_an_event_developing_over_three_days_stays_one_story() -> None:
    assigned = replay(EVERYTHING)
    groups = stories_of(assigned)
    assert groups["flood-1"] == {a.id for a in (*FLOOD, *FLOOD_LATER)}
    assert len(groups) == 5  # flood, wire, crash, strike, budget


def test_a_story_closes_after_the_window() -> None:
    grouper = Grouper(GroupingConfig(window_h=72))
    replay(FLOOD, grouper)
    assert grouper.live_stories == 1
    late = dataclasses.replace(FLOOD_LATER[2], published_at=DAY1 + timedelta(days=10))
    assigned = grouper.assign(late)
    assert assigned.new_story  # the flood story was closed: the late article starts anew
    assert grouper.live_stories == 1


def test_undated_articles_group_by_content_and_close_by_arrival_count() -> None:
    undated = [dataclasses.replace(a, published_at=None) for a in EVERYTHING]
    assigned = replay(undated)
    assert stories_of(assigned)["flood-1"] == {a.id for a in (*FLOOD, *FLOOD_LATER)}
    assert assigned["wire-2"].duplicate_of == "wire-1"
    grouper = Grouper(GroupingConfig(undated_window=2))
    replay(undated[:3], grouper)
    replay(
        [dataclasses.replace(BUDGET, id=f"other-{i}", published_at=None) for i in range(3)], grouper
    )
    assert grouper.assign(dataclasses.replace(FLOOD[2], id="again", published_at=None)).new_story


def test_live_stories_are_capped() -> None:
    grouper = Grouper(GroupingConfig(max_live=3))
    for i in range(10):
        grouper.assign(StoryArticle(i, "o", DAY1, f"Topic{i} alpha{i}", f"Text{i} about beta{i}."))
    assert grouper.live_stories <= 4


def test_state_saves_and_restores_to_the_same_decisions() -> None:
    first_half, second_half = EVERYTHING[:7], EVERYTHING[7:]
    straight = replay(EVERYTHING)
    grouper = Grouper()
    replay(first_half, grouper)
    state = grouper.state()
    assert isinstance(state, GrouperState)
    with pytest.raises(dataclasses.FrozenInstanceError):
        state.seen = 0  # type: ignore[misc]
    assert all(dataclasses.is_dataclass(s) for s in state.stories)
    assert len(state.stories) == grouper.live_stories
    restored = replay(second_half, Grouper(state=state))
    for a in second_half:
        got, want = restored[a.id], straight[a.id]
        assert (got.story, got.new_story, got.duplicate_of) == (
            want.story,
            want.new_story,
            want.duplicate_of,
        )
        assert got.similarity == pytest.approx(want.similarity)


def test_grouping_input_comes_from_article_data() -> None:
    data = ArticleData(
        guid="g1",
        url="https://example.test/a",
        title="Aldwater bursts its banks",
        dek="The river flooded Fenmoor.",
        content_html="",
        text="",
        language="en",
        published_at=DAY1,
        updated_at=None,
        word_count=0,
        reading_minutes=1,
        content_hash="h",
        tags=("Floods",),
    )
    article = from_article_data(42, "7", data)
    assert article == StoryArticle(
        42, "7", DAY1, "Aldwater bursts its banks", "The river flooded Fenmoor.", ("Floods",)
    )


def test_an_article_with_no_words_starts_its_own_story() -> None:
    grouper = Grouper()
    replay(FLOOD, grouper)
    empty = grouper.assign(StoryArticle("empty", "o", DAY1, "", ""))
    assert empty.new_story and empty.story == "empty"


def test_an_updated_article_stays_in_its_story_and_is_not_its_own_duplicate() -> None:
    grouper = Grouper()
    replay(EVERYTHING, grouper)
    live = grouper.live_stories
    again = grouper.assign(FLOOD[0])  # it started the flood story
    assert (again.story, again.new_story, again.duplicate_of) == ("flood-1", False, None)
    edited = dataclasses.replace(WIRE[1], text=WIRE_TEXT + " Updated with a correction.")
    update = grouper.assign(edited)
    assert update.story == "wire-1" and update.duplicate_of == "wire-1"
    assert grouper.live_stories == live
