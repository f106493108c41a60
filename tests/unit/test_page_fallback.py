"""extract_page on what must never come back empty: a short news brief is an article; the
plain extraction replaces a precise body that is missing or cut short, and the path used is
recorded in `field_sources`; words after an empty inline element stay in the body."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml.html import fromstring

from newsfeed.errors import ExtractionError
from newsfeed.parse.page import extract_page
from newsfeed.parse.page.body import Body, baseline_body, drop_empty_elements
from newsfeed.parse.page.extract import paragraph_words, pick_body, prose_words, suspect

PAGES = Path(__file__).parents[1] / "data" / "pages"


def body(words: int) -> Body:
    text = " ".join(["word"] * words)
    return Body(html=f"<p>{text}</p>", text=text, link_chars=0)


def test_a_forty_word_brief_is_stored() -> None:
    page = extract_page(
        (PAGES / "news_brief.html").read_bytes(), url="https://ledger.example.com/briefs/lights"
    )
    assert page.title == "Harbour lights back on"
    assert 35 <= len((page.text or "").split()) <= 45
    assert "east quay" in (page.text or "")
    assert ("content", "trafilatura") in page.field_sources


def test_a_page_rendered_by_script_falls_back_to_the_plain_extraction() -> None:
    """The precise path finds nothing in `<div id="app">`; the plain one reads the article
    from its JSON-LD articleBody, and the page records that path."""
    page = extract_page(
        (PAGES / "jsonld_body_only.html").read_bytes(), url="https://ledger.example.com/ferry"
    )
    assert ("content", "fallback:trafilatura") in page.field_sources
    text = page.text or ""
    assert text.startswith("Crews on the Saltmarsh ferries") and "own boat." in text
    assert [a.name for a in page.authors] == ["Wren Talbot"]


def test_baseline_body_reads_the_page_paragraphs() -> None:
    words = " ".join(["The harbour board met again on Thursday evening."] * 4)
    tree = fromstring(f"<html><body><div class='x'><p>{words}</p></div></body></html>")
    found = baseline_body(tree, "https://ledger.example.com/b")
    assert found is not None and found.text == words
    assert baseline_body(fromstring("<html><body></body></html>"), "https://x.example/") is None


def test_a_page_with_no_article_is_still_refused() -> None:
    html = b"<html><body><nav><a href='/'>Home</a></nav><p>Page not found.</p></body></html>"
    with pytest.raises(ExtractionError, match=r"words|no article"):
        extract_page(html, url="https://ledger.example.com/missing")


@pytest.mark.parametrize(
    ("precise", "plain", "path"),
    [
        (None, 300, "fallback:trafilatura"),  # the precise path found nothing
        (40, 300, "fallback:trafilatura"),  # cut after the first container
        (250, 300, "trafilatura"),  # close enough: keep the precise body
        (40, None, "trafilatura"),  # nothing better: keep what there is
    ],
)
def test_pick_body(precise: int | None, plain: int | None, path: str) -> None:
    a = body(precise) if precise is not None else None
    b = body(plain) if plain is not None else None
    chosen, name = pick_body(a, b)
    assert name == path
    assert chosen is (b if path.startswith("fallback") else a)


def test_suspect_bodies() -> None:
    assert suspect(None, 0) and suspect(body(30), 0)  # short: always checked
    assert suspect(body(200), 900)  # under half of the page's paragraphs
    assert not suspect(body(200), 300)


def test_paragraph_words_counts_paragraphs_or_articles() -> None:
    tree = fromstring("<html><body><article><p>one two</p> three four five</article></body></html>")
    assert paragraph_words(tree) == 5
    tree = fromstring("<html><body><p>one two three</p><div>four</div></body></html>")
    assert paragraph_words(tree) == 3


def test_an_article_written_as_a_list_counts_as_prose() -> None:
    item = "Bordeaux: five red grapes are allowed, and most wines are blends of them."
    menu = "".join(f"<li><a href='/{n}'>{n}</a></li>" for n in ("Home", "Wine", "Travel"))
    tree = fromstring(
        f"<html><body><nav><ul>{menu}</ul></nav><ul>{f'<li>{item}</li>' * 6}</ul>"
        "<footer><p>All rights reserved by the Vineyard Courier and its writers.</p></footer>"
        "</body></html>"
    )
    assert prose_words(tree) == 6 * len(item.split())  # no menu items, no footer
    assert paragraph_words(tree) == prose_words(tree)


def test_empty_elements_go_but_the_words_after_them_stay() -> None:
    tree = fromstring(
        "<html><body><p>The vote <span></span>passed <em></em>on Monday.</p></body></html>"
    )
    drop_empty_elements(tree)
    assert tree.find(".//p").text_content() == "The vote passed on Monday."
    assert tree.find(".//span") is None and tree.find(".//em") is None
