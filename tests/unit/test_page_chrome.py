"""The chrome rules on small trafilatura body trees."""

from __future__ import annotations

import pytest
from lxml import etree

from newsfeed.parse.page.chrome import ChromeContext, norm, remove_chrome


def body(*blocks: str) -> etree._Element:
    return etree.fromstring(f"<body>{''.join(blocks)}</body>")


def texts(tree: etree._Element) -> list[str]:
    return ["".join(el.itertext()) for el in tree]


PROSE = "<p>The council met on Tuesday and agreed the budget for next year.</p>"


@pytest.mark.parametrize(
    "chrome",
    [
        "Read more",
        "Show More",
        "1 min read",
        "Avatar",
        "Related: Bridge to close in August",
        "Photo: AFP via Getty Images",
        "Sign up for our Morning Briefing newsletter",
        "SEE MORE: Another story",
    ],
)
def test_chrome_phrases_go(chrome: str) -> None:
    tree = body(PROSE, f"<p>{chrome}</p>")
    assert remove_chrome(tree, ChromeContext()) == ["phrases"]
    assert texts(tree) == ["The council met on Tuesday and agreed the budget for next year."]


@pytest.mark.parametrize(
    "prose",
    [
        "Read more about the plan in the council's own report, which runs to 400 pages and was "
        "published in full on Monday along with every amendment that councillors tabled.",
        "Click here to get more information.",
        "You can also subscribe to this newsletter here.",
        "Sign up for the bundle using the same email as your account.",
    ],
)
def test_prose_that_merely_mentions_chrome_words_stays(prose: str) -> None:
    tree = body(PROSE, f"<p>{prose}</p>")
    assert remove_chrome(tree, ChromeContext()) == []
    assert len(tree) == 2


def test_known_texts_go_bio_role_credit_and_caption_with_credit() -> None:
    ctx = ChromeContext(
        known_texts=frozenset(
            norm(t) for t in ["She covers the port.", "Reporter", "Ann Lee", "Cap."]
        ),
        captions=frozenset({norm("Cap.")}),
    )
    tree = body(
        PROSE, "<p>She covers the port.</p>", "<p>Reporter</p>", "<p>Cap. Photo: Ann Lee</p>"
    )
    assert remove_chrome(tree, ctx) == ["known_text"] * 3
    assert len(tree) == 1


def test_headline_repeated_as_first_heading_goes() -> None:
    tree = body('<head rend="h1">Bridge  to close</head>', PROSE)
    assert remove_chrome(tree, ChromeContext(title="Bridge to close")) == ["title"]


def test_lead_photo_and_avatar_images_go_other_images_stay() -> None:
    ctx = ChromeContext(image_urls=frozenset({"https://e.example/lead.jpg"}))
    tree = body(
        '<graphic src="https://e.example/lead.jpg"/>',
        '<graphic src="/a.png" alt="Avatar"/>',
        '<graphic src="/chart.png" alt="Chart"/>',
        PROSE,
    )
    assert remove_chrome(tree, ctx) == ["images", "images"]
    assert [el.get("src") for el in tree.iter("graphic")] == ["/chart.png"]


def test_tail_text_of_a_removed_block_is_kept() -> None:
    tree = body("<p>Read more</p>tail words")
    remove_chrome(tree, ChromeContext())
    assert "".join(tree.itertext()) == "tail words"
