"""extract_page against the golden pages in tests/data/pages (each beside its expected
result): fields, field sources, and a body free of the page's chrome."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsfeed.errors import ExtractionError
from newsfeed.model import RawPage
from newsfeed.parse.page import extract_page

PAGES = Path(__file__).parents[1] / "data" / "pages"
NAMES = sorted(p.name.removesuffix(".expected.json") for p in PAGES.glob("*.expected.json"))
ARTICLES = [
    n for n in NAMES if "error" not in json.loads((PAGES / f"{n}.expected.json").read_text())
]
NOT_ARTICLES = [n for n in NAMES if n not in ARTICLES]


def expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((PAGES / f"{name}.expected.json").read_text("utf-8"))
    return data


def extract(name: str) -> RawPage:
    html = (PAGES / f"{name}.html").read_bytes()
    return extract_page(html, url=expected(name)["url"])


def test_the_golden_pages_are_all_there() -> None:
    assert {"publisher_article", "jsonld_only", "opengraph_only", "two_authors"} <= set(ARTICLES)
    assert {"index_page", "not_found"} <= set(NOT_ARTICLES)


@pytest.mark.parametrize("name", ARTICLES)
def test_scalar_fields(name: str) -> None:
    page, want = extract(name), expected(name)
    assert page.title == want["title"]
    assert page.dek == want["dek"]
    assert (page.published.isoformat() if page.published else None) == want["published"]
    assert (page.updated.isoformat() if page.updated else None) == want["updated"]
    assert page.site_name == want["site_name"]
    assert page.language == want["language"]
    assert list(page.tags) == want["tags"]


@pytest.mark.parametrize("name", ARTICLES)
def test_authors_with_role_bio_and_avatar(name: str) -> None:
    page, want = extract(name), expected(name)
    got = [
        {k: getattr(a, k) for k in ("name", "role", "bio", "avatar_url", "url")}
        for a in page.authors
    ]
    assert got == want["authors"]


@pytest.mark.parametrize("name", ARTICLES)
def test_lead_image_with_caption_and_credit(name: str) -> None:
    page, want = extract(name), expected(name)
    got = (
        {k: getattr(page.image, k) for k in ("url", "caption", "credit", "alt")}
        if page.image
        else None
    )
    assert got == want["image"]


@pytest.mark.parametrize("name", ARTICLES)
def test_body_holds_the_article_and_no_chrome(name: str) -> None:
    page, want = extract(name), expected(name)
    assert page.text is not None and page.content_html is not None
    paragraphs = page.text.split("\n\n")
    assert len(paragraphs) == want["paragraphs"]
    assert paragraphs[0].startswith(want["body_starts_with"])
    assert paragraphs[-1].endswith(want["body_ends_with"])
    for chrome in want["body_excludes"]:
        assert chrome not in page.text, chrome
        assert chrome not in page.content_html, chrome


@pytest.mark.parametrize("name", ARTICLES)
def test_field_sources(name: str) -> None:
    assert dict(extract(name).field_sources) == expected(name)["field_sources"]


@pytest.mark.parametrize("name", NOT_ARTICLES)
def test_pages_without_an_article_raise_no_article(name: str) -> None:
    with pytest.raises(ExtractionError) as info:
        extract(name)
    assert info.value.code == expected(name)["error"] == "no_article"
    assert info.value.url == expected(name)["url"]


def test_body_html_is_sanitized_with_absolute_links() -> None:
    html = (
        (PAGES / "publisher_article.html")
        .read_text("utf-8")
        .replace(
            "<p>The mayor said",
            '<p onclick="x()"><script>alert(1)</script><a href="/m">The mayor</a> said',
        )
    )
    page = extract_page(html, url="https://harborledger.example/news/a")
    assert page.content_html is not None
    assert "script" not in page.content_html and "onclick" not in page.content_html
    assert 'href="https://harborledger.example/m"' in page.content_html


@pytest.mark.parametrize(
    "html", [b"", "   ", b"\x00\x01\x02", "<html><body></body></html>", "plain words"]
)
def test_empty_or_broken_input_is_a_clear_error(html: bytes | str) -> None:
    with pytest.raises(ExtractionError) as info:
        extract_page(html, url="https://example.org/x")
    assert info.value.code == "no_article"
