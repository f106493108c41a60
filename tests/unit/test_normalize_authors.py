"""normalize_authors and slugify."""

from __future__ import annotations

import pytest

from newsfeed.model import Author, RawAuthor
from newsfeed.normalize.authors import normalize_authors, slugify


def names(*raw: RawAuthor) -> list[str]:
    return [a.name for a in normalize_authors(raw)]


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Jane Doe", ["Jane Doe"]),
        ("  Jane   Doe \n", ["Jane Doe"]),
        ("By Jane Doe", ["Jane Doe"]),
        ("by Jane Doe", ["Jane Doe"]),
        ("BY: Jane Doe", ["Jane Doe"]),
        ("Written by Jane Doe", ["Jane Doe"]),
        ("Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("Jane Doe & John Roe", ["Jane Doe", "John Roe"]),
        ("Jane Doe, John Roe", ["Jane Doe", "John Roe"]),
        ("Jane Doe, John Roe and Max Moe", ["Jane Doe", "John Roe", "Max Moe"]),
        ("Jane Doe; John Roe", ["Jane Doe", "John Roe"]),
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("Doe, Jane", ["Doe, Jane"]),
        ("Zoë O'Brien-Smith", ["Zoë O'Brien-Smith"]),
        ("Ana García y Luis Pérez", ["Ana García", "Luis Pérez"]),
        ("Harbour Post Staff", ["Harbour Post Staff"]),
        ("Byron Bylsma", ["Byron Bylsma"]),
        ("AT&amp;T Newsroom", ["AT&T Newsroom"]),
        ("李明", ["李明"]),
    ],
)
def test_bylines(byline: str, expected: list[str]) -> None:
    assert names(RawAuthor(byline)) == expected


@pytest.mark.parametrize("byline", [None, "", "   ", "By ", "jane@example.com", "x" * 400])
def test_empty_or_not_a_name_dropped(byline: str | None) -> None:
    assert normalize_authors([RawAuthor(byline)]) == ()


@pytest.mark.parametrize(
    "byline",
    ["Jane Doe (jane@example.com)", "jane@example.com (Jane Doe)", "Jane Doe <jane@example.com>"],
)
def test_name_and_email(byline: str) -> None:
    assert normalize_authors([RawAuthor(byline)]) == (Author("Jane Doe", email="jane@example.com"),)


def test_role_in_byline() -> None:
    assert normalize_authors([RawAuthor("Jane Doe, Staff Writer")]) == (
        Author("Jane Doe", role="Staff Writer"),
    )
    given = normalize_authors([RawAuthor("Jane Doe, Staff Writer", role="Reporter")])
    assert given[0].role == "Staff Writer"


def test_keeps_role_bio_avatar_url() -> None:
    raw = RawAuthor(
        " Jane Doe ",
        email="jane@example.com",
        url="https://news.example.com/authors/jane-doe",
        avatar_url="https://img.example.com/jane.jpg",
        role=" Reporter ",
        bio="Jane covers the harbour and city hall.",
    )
    assert normalize_authors([raw]) == (
        Author(
            "Jane Doe",
            role="Reporter",
            bio="Jane covers the harbour and city hall.",
            avatar_url="https://img.example.com/jane.jpg",
            url="https://news.example.com/authors/jane-doe",
            email="jane@example.com",
        ),
    )


def test_bad_urls_dropped() -> None:
    raw = RawAuthor("Jane Doe", url="javascript:alert(1)", avatar_url="/relative.jpg", email="nope")
    assert normalize_authors([raw]) == (Author("Jane Doe"),)


def test_deduplicated_case_insensitively_merging_details() -> None:
    result = normalize_authors(
        [
            RawAuthor("Jane Doe", role="Reporter"),
            RawAuthor("JANE DOE", bio="Covers the harbour."),
            RawAuthor("john roe"),
            RawAuthor("Jane Doe and John Roe"),
        ]
    )
    assert result == (
        Author("Jane Doe", role="Reporter", bio="Covers the harbour."),
        Author("john roe"),
    )


def test_split_byline_shares_role_only() -> None:
    result = normalize_authors([RawAuthor("Jane Doe and John Roe", role="Reporters", bio="Shared")])
    assert result == (Author("Jane Doe", role="Reporters"), Author("John Roe", role="Reporters"))


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Jane Doe", "jane-doe"),
        ("Zoë O'Brien-Smith", "zoe-o-brien-smith"),
        ("  Économie & Finance  ", "economie-finance"),
        ("COVID-19", "covid-19"),
        ("Ångström", "angstrom"),
        ("--Hello--World--", "hello-world"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_slugify_non_latin_is_stable_ascii() -> None:
    first = slugify("李明")
    assert first == slugify("李明") == slugify(" 李明 ")
    assert first != slugify("王芳")
    assert first.isascii() and first.startswith("a-")
    assert slugify("") == "unknown"


def test_slugify_long_names_cut_at_a_hyphen() -> None:
    slug = slugify("word " * 40)
    assert len(slug) <= 80
    assert not slug.endswith("-")
    assert slug.startswith("word-word")
