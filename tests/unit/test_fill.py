from __future__ import annotations

from newsfeed.model import Author, Image
from newsfeed.normalize.fill import fill_missing


def test_fills_only_empty_fields_from_the_first_other_that_has_them() -> None:
    page = Image("https://x.example/a.jpg", caption="", credit="AFP", width=0)
    feed = Image("https://x.example/a-small.jpg", caption="The quay", credit="Staff", width=640)
    later = Image("https://x.example/a.jpg", alt="Boats at the quay", width=1280)
    filled = fill_missing(page, feed, later)
    assert filled == Image(
        "https://x.example/a.jpg", caption="The quay", credit="AFP", alt="Boats at the quay",
        width=640,
    )  # fmt: skip


def test_nothing_to_fill_gives_the_same_record() -> None:
    person = Author("Ada Brook", role="Reporter")
    assert fill_missing(person, Author("Ada Brook")) is person
    assert fill_missing(Author("Ada Brook"), Author("Ada Brook", bio="Covers the coast.")) == (
        Author("Ada Brook", bio="Covers the coast.")
    )
