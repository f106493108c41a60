"""The lead figure: caption and credit from a credit element or from the caption text."""

from __future__ import annotations

import lxml.html

from newsfeed.model import RawImage
from newsfeed.parse.page.figure import read_figure

URL = "https://news.example/story/1"


def image(body: str, lead_url: str | None = None) -> RawImage | None:
    tree = lxml.html.document_fromstring(f"<html><body>{body}</body></html>")
    return read_figure(tree, URL, lead_url).image


def test_credit_in_its_own_element() -> None:
    got = image(
        '<article><figure><img src="/p.jpg" alt="A" width="800" height="600">'
        '<figcaption>Crowds at the gate. <span class="credit">Photo: Ann Lee/Reuters</span>'
        "</figcaption></figure></article>"
    )
    assert got == RawImage("https://news.example/p.jpg", "Crowds at the gate.", "Ann Lee/Reuters",
                           "A", 800, 600)  # fmt: skip


def test_credit_inside_the_caption_text() -> None:
    got = image(
        '<figure><img data-src="/lazy.jpg"><figcaption>Crowds at the gate on Monday. '
        "(AFP via Getty Images)</figcaption></figure>"
    )
    assert got is not None
    assert (got.url, got.caption, got.credit) == (
        "https://news.example/lazy.jpg",
        "Crowds at the gate on Monday.",
        "AFP via Getty Images",
    )


def test_figures_in_asides_and_author_boxes_are_not_the_lead() -> None:
    got = image(
        '<aside><figure><img src="/ad.jpg"><figcaption>Ad</figcaption></figure></aside>'
        '<div class="author-box"><figure><img src="/me.jpg"></figure></div>'
        '<main><figure><img src="/lead.jpg"></figure></main>'
    )
    assert got is not None and got.url == "https://news.example/lead.jpg"


def test_og_image_with_the_caption_beside_it_when_there_is_no_figure() -> None:
    got = image(
        '<div><img src="https://cdn.example/x/ferry.jpg" alt="Ferry">'
        '<p class="caption">The ferry in March. Photo: Hauke Jensen</p></div><p>Body.</p>',
        lead_url="https://cdn.example/x/ferry.jpg?w=1200",
    )
    assert got is not None
    assert (got.caption, got.credit, got.alt) == ("The ferry in March.", "Hauke Jensen", "Ferry")


def test_a_body_paragraph_after_the_image_is_not_its_caption() -> None:
    got = image(
        '<div><img src="/ferry.jpg"><p>The ferry left at noon with 40 cars.</p></div>',
        lead_url="https://news.example/ferry.jpg",
    )
    assert got is not None
    assert (got.url, got.caption, got.credit) == ("https://news.example/ferry.jpg", None, None)
