"""Publishers' feed fields: people written as child elements, the iTunes podcast namespace,
the rssboard Media RSS namespace, an Atom feed inside an XHTML page, and no `updated`
made up from `published` on the lenient path. Fixtures are in tests/data/feeds/."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsfeed.errors import ParseError
from newsfeed.model import RawAuthor, RawImage
from newsfeed.parse.discover import looks_like_feed
from newsfeed.parse.feeds import parse_feed
from newsfeed.parse.feeds.itunes import duration_seconds

FEEDS = Path(__file__).resolve().parent.parent / "data" / "feeds"


def test_author_with_child_elements_is_one_person_with_a_role() -> None:
    feed = parse_feed(
        (FEEDS / "people_children.xml").read_bytes(),
        url="https://blog.northwind.example.com/feed",
    )
    assert feed.entries[0].authors == (
        RawAuthor(
            name="Odile Marchetti",
            email="odile@northwind.example.com",
            url="https://blog.northwind.example.com/people/odile",
            role="Product Manager, Build Tools",
        ),
    )


def test_creator_with_children_beside_a_plain_creator() -> None:
    feed = parse_feed((FEEDS / "people_children.xml").read_bytes(), url="https://n.example.com/")
    assert feed.entries[1].authors == (
        RawAuthor(name="Tomasz Wiebe", role="Staff Engineer"),
        RawAuthor(name="Ines Caldeira"),
    )
    assert feed.entries[2].authors == (
        RawAuthor(name="Ruth Okafor", email="ruth@northwind.example.com"),
    )


def test_author_with_inline_markup_is_still_one_string() -> None:
    feed = parse_feed(
        b'<rss version="2.0"><channel><title>t</title><item><title>a</title>'
        b"<author>Jo <b>Bloggs</b> (jo@example.com)</author></item></channel></rss>",
        url="https://x.example.com/rss",
    )
    assert feed.entries[0].authors == (RawAuthor(name="Jo Bloggs", email="jo@example.com"),)


def test_podcast_episode_fields() -> None:
    feed = parse_feed((FEEDS / "podcast.xml").read_bytes(), url="https://lowtide.example.org/rss")
    episode = feed.entries[0]
    assert episode.authors == (RawAuthor(name="Mirela Stone"),)
    assert RawImage(url="https://cdn.lowtide.example.org/ep12.jpg") in episode.images
    assert episode.summary is not None and "seawall vote" in episode.summary.value
    assert (episode.duration_s, episode.explicit) == (3725, True)
    assert (episode.episode, episode.season, episode.episode_type) == (12, 2, "full")
    trailer = feed.entries[1]
    assert (trailer.duration_s, trailer.episode_type, trailer.explicit) == (95, "trailer", None)
    assert trailer.authors == ()  # normalize falls back to the show's author


def test_podcast_channel_fields() -> None:
    feed = parse_feed((FEEDS / "podcast.xml").read_bytes(), url="https://lowtide.example.org/rss")
    assert feed.authors == (RawAuthor(name="Harbour Radio Collective"),)
    assert feed.image_url == "https://cdn.lowtide.example.org/show-art.jpg"
    assert feed.subtitle == "Conversations about the coast, recorded at low tide."
    assert feed.explicit is False


def test_podcast_fields_on_the_lenient_path() -> None:
    broken = (FEEDS / "podcast.xml").read_bytes().replace(b"Low Tide Talks", b"Low Tide & Talks", 1)
    feed = parse_feed(broken, url="https://lowtide.example.org/rss")
    assert feed.bozo  # went through feedparser
    episode = feed.entries[0]
    assert episode.duration_s == 3725 and episode.episode == 12 and episode.season == 2
    assert episode.episode_type == "full"
    assert any(a.name == "Mirela Stone" for a in episode.authors)
    assert RawImage(url="https://cdn.lowtide.example.org/ep12.jpg") in episode.images


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("3725", 3725), ("62:05", 3725), ("1:02:05", 3725), ("01:02:05.5", 3725), ("95.0", 95),
     ("", None), ("an hour", None), ("1:2:3:4", None)],
)  # fmt: skip
def test_duration_forms(text: str, seconds: int | None) -> None:
    assert duration_seconds(text) == seconds


def test_rssboard_media_namespace_gives_the_photo() -> None:
    feed = parse_feed(
        (FEEDS / "rssboard_media.xml").read_bytes(), url="https://studiofenwick.example.net/rss"
    )
    images = feed.entries[0].images
    assert images[0] == RawImage(
        url="https://images.studiofenwick.example.net/spring.jpg",
        caption="Ceramic bowls on a linen cloth",
        credit="Aster Lund",
        width=1500,
        height=1000,
    )
    assert images[1].url == "https://images.studiofenwick.example.net/spring-thumb.jpg"


def test_atom_feed_inside_xhtml_is_recovered() -> None:
    feed = parse_feed(
        (FEEDS / "atom_in_xhtml.xhtml").read_bytes(), url="https://kettlelane.example.com/notes"
    )
    assert feed.version == "atom10" and feed.title == "Kettle Lane notes"
    assert feed.bozo and feed.bozo_reason == "an Atom feed inside an XHTML page"
    (entry,) = feed.entries
    assert entry.link == "https://kettlelane.example.com/notes/allotment"
    assert entry.authors == (RawAuthor(name="Petra Holm"),)


def test_discovery_takes_an_xhtml_page_holding_an_atom_feed() -> None:
    xhtml = (FEEDS / "atom_in_xhtml.xhtml").read_bytes()
    assert looks_like_feed(xhtml, "application/xhtml+xml")
    assert not looks_like_feed((FEEDS / "page.html").read_bytes(), "text/html")


def test_an_html_page_without_a_feed_is_still_refused() -> None:
    page = (FEEDS / "page.html").read_bytes()
    with pytest.raises(ParseError, match="HTML page"):
        parse_feed(page, url="https://example.org/")
    xhtml = (FEEDS / "atom_in_xhtml.xhtml").read_bytes().replace(b"<feed", b"<fled", 1)
    with pytest.raises(ParseError):
        parse_feed(xhtml.replace(b"</feed>", b"</fled>"), url="https://example.org/")


def test_lenient_path_does_not_invent_an_update_date() -> None:
    feed = parse_feed(
        (FEEDS / "illformed_no_updated.xml").read_bytes(), url="https://courier.example.com/rss"
    )
    assert feed.bozo
    (entry,) = feed.entries
    assert entry.published == datetime(2025, 4, 5, 7, 30, tzinfo=UTC)
    assert entry.updated is None
