from __future__ import annotations

from newsfeed.model import NameNote
from newsfeed.web.views import _names_involved


def test_one_name_whatever_its_case_written_as_most_articles_write_it() -> None:
    per_article = [
        (NameNote("HARBOR CITY", "place", 1), NameNote("Miriam Osei", "person", 2)),
        (NameNote("Harbor City", "place", 3),),
        (NameNote("Harbor City", "place", 1), NameNote("Miriam Osei", "person", 1)),
    ]
    assert _names_involved(per_article) == (
        NameNote("Harbor City", "place", 5),
        NameNote("Miriam Osei", "person", 3),
    )


def test_an_all_capitals_name_stays_when_no_article_writes_it_otherwise() -> None:
    assert _names_involved([(NameNote("NATO", "org", 2),)]) == (NameNote("NATO", "org", 2),)
