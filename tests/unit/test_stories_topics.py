"""topics(): the feed's categories merged with the names an article is about."""

from __future__ import annotations

from newsfeed.stories.names import Name
from newsfeed.stories.topics import Topic, topics

TEXT = (
    "Mayor Ilse Brandt toured Fenmoor on Monday. Brandt said Fenmoor needs flood barriers. "
    "The Fenmoor Rescue Service rescued 40 people; the Fenmoor Rescue Service had 12 boats."
)


def test_tags_come_first_then_the_names_mentioned_most() -> None:
    got = topics(("Floods", "Weather"), text=TEXT)
    assert got[:2] == (Topic("floods", "Floods", "tag"), Topic("weather", "Weather", "tag"))
    assert Topic("ilse-brandt", "Ilse Brandt", "person") in got
    assert Topic("fenmoor-rescue-service", "Fenmoor Rescue Service", "org") in got


def test_a_tag_and_a_name_with_one_slug_are_one_topic_of_the_names_kind() -> None:
    found = (Name("Fenmoor", "place", 2), Name("Ilse Brandt", "person", 2))
    got = topics(("fenmoor", "Floods"), found)
    assert [t.slug for t in got].count("fenmoor") == 1
    assert Topic("fenmoor", "fenmoor", "place") in got  # the tag's label, the name's kind


def test_names_mentioned_once_are_left_out_when_others_repeat() -> None:
    found = (Name("Ada Marsh", "person", 3), Name("Lisbon", "place", 1))
    assert topics((), found) == (Topic("ada-marsh", "Ada Marsh", "person"),)
    assert topics((), found[1:]) == (Topic("lisbon", "Lisbon", "place"),)
    assert topics((" ",), ()) == ()
