"""Author profiles from profile pages and from article markup (pure parsing)."""

from __future__ import annotations

import json

import pytest

from newsfeed.errors import ExtractionError
from newsfeed.parse.profile import extract_profile

BASE = "https://courier.example/people/ada-brook"


def page(head: str = "", body: str = "") -> bytes:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>".encode()


def jsonld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


PERSON = {
    "@type": "Person",
    "name": "Ada Brook",
    "jobTitle": "Science Editor",
    "description": "Ada Brook edits the science desk.",
    "image": {"@type": "ImageObject", "url": "/img/ada.png"},
}


def test_profile_page_with_json_ld_person_in_a_profile_page():
    html = page(
        jsonld({"@context": "https://schema.org", "@type": "ProfilePage", "mainEntity": PERSON})
    )
    author = extract_profile(html, url=BASE)
    assert (author.name, author.role, author.bio) == (
        "Ada Brook",
        "Science Editor",
        "Ada Brook edits the science desk.",
    )
    assert author.avatar_url == "https://courier.example/img/ada.png"
    assert author.url == BASE


def test_open_graph_profile_page():
    html = page(
        '<meta property="og:type" content="profile">'
        '<meta property="profile:first_name" content="Ada">'
        '<meta property="profile:last_name" content="Brook">'
        '<meta property="og:description" content="Writes about rivers.">'
        '<meta property="og:image" content="https://cdn.example/ada.jpg">'
    )
    author = extract_profile(html, url=BASE)
    assert (author.name, author.bio, author.avatar_url) == (
        "Ada Brook",
        "Writes about rivers.",
        "https://cdn.example/ada.jpg",
    )


def test_named_author_on_an_article_page():
    other = {**PERSON, "name": "Ben Cole", "jobTitle": "Reporter", "description": "Ben."}
    html = page(
        jsonld(
            {
                "@type": "NewsArticle",
                "headline": "x",
                "author": [other, {**PERSON, "url": "/people/ada-brook"}],
            }
        )
    )
    author = extract_profile(html, url="https://courier.example/2026/story", name="ada  BROOK")
    assert author.role == "Science Editor"
    assert author.url == "https://courier.example/people/ada-brook"


def test_nothing_useful_is_an_error_that_names_the_page():
    with pytest.raises(ExtractionError) as info:
        extract_profile(page(body="<p>Hello</p>"), url=BASE)
    assert info.value.code == "no_profile" and BASE in str(info.value)
    html = page(jsonld({"@type": "NewsArticle", "author": PERSON}))
    with pytest.raises(ExtractionError):
        extract_profile(html, url=BASE, name="Someone Else")
    with pytest.raises(ExtractionError):
        extract_profile(b"", url=BASE)
