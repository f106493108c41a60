"""split_caption_credit: credits come off the end; ordinary text is left alone."""

from __future__ import annotations

import pytest

from newsfeed.normalize.captions import looks_like_credit, split_caption_credit

SPLITS = [
    # the reference page
    (
        "Soldiers at a checkpoint on Oct. 23, 2019. (AFP via Getty Images)",
        "Soldiers at a checkpoint on Oct. 23, 2019.",
        "AFP via Getty Images",
    ),
    # labels with a colon
    (
        "Protesters march downtown. Photo: Jane Doe/Reuters",
        "Protesters march downtown.",
        "Jane Doe/Reuters",
    ),
    ("Protesters march downtown. Credit: Jane Doe", "Protesters march downtown.", "Jane Doe"),
    ("Protesters march downtown | Photographer: Jane Doe", "Protesters march downtown", "Jane Doe"),
    (
        "The skyline at night. Photograph: Jane Doe/The Harbour Post",
        "The skyline at night.",
        "Jane Doe/The Harbour Post",
    ),
    (
        "Officials met in Paris - Photo: EPA-EFE/Jane Doe",
        "Officials met in Paris",
        "EPA-EFE/Jane Doe",
    ),
    ("Officials met in Paris — Image: Max Moe", "Officials met in Paris", "Max Moe"),
    (
        "Workers at the plant. Credit...Jane Doe for The Daily Planet",
        "Workers at the plant.",
        "Jane Doe for The Daily Planet",
    ),
    ("Workers at the plant. Photo credit: Jane Doe", "Workers at the plant.", "Jane Doe"),
    # "by" forms
    (
        "Protesters march downtown. (Photo by Jane Doe/Getty Images)",
        "Protesters march downtown.",
        "Jane Doe/Getty Images",
    ),
    ("Workers at the plant. Photo by Jane Doe", "Workers at the plant.", "Jane Doe"),
    ("The launch. Image courtesy of NASA", "The launch.", "NASA"),
    # copyright
    ("The harbour at dawn ©2024 Jane Doe", "The harbour at dawn", "©2024 Jane Doe"),
    ("The harbour at dawn. © Jane Doe", "The harbour at dawn.", "© Jane Doe"),
    ("The view from the summit (c) Jane Doe", "The view from the summit", "(c) Jane Doe"),
    ("The old pier. Copyright 2023 Harbour Post", "The old pier.", "Copyright 2023 Harbour Post"),
    # agency lines after the caption
    (
        "Crowds gather on Main Street. AP Photo/John Smith",
        "Crowds gather on Main Street.",
        "AP Photo/John Smith",
    ),
    (
        "Crowds gather on Main Street AP Photo/John Smith",
        "Crowds gather on Main Street",
        "AP Photo/John Smith",
    ),
    ("Workers at the plant. REUTERS/Jane Doe", "Workers at the plant.", "REUTERS/Jane Doe"),
    (
        "Workers at the plant. John A. Smith/Reuters",
        "Workers at the plant.",
        "John A. Smith/Reuters",
    ),
    ("Workers at the plant. Getty Images", "Workers at the plant.", "Getty Images"),
    # parentheses and brackets that are credits
    ("A cat. (Courtesy of the Smith family)", "A cat.", "Courtesy of the Smith family"),
    ("A cat (Jane Doe/The Daily Planet)", "A cat", "Jane Doe/The Daily Planet"),
    ("Workers at the plant [Reuters]", "Workers at the plant", "Reuters"),
    ("A rally in the square. (AP)", "A rally in the square.", "AP"),
    ("A rally in the square (Jane Doe via AP).", "A rally in the square", "Jane Doe via AP"),
    ("A rally in the square. (Photo: Max Moe)", "A rally in the square.", "Max Moe"),
]


@pytest.mark.parametrize(("text", "caption", "credit"), SPLITS)
def test_splits_credit(text: str, caption: str, credit: str) -> None:
    assert split_caption_credit(text) == (caption, credit)


@pytest.mark.parametrize(
    ("text", "credit"),
    [
        ("(AFP via Getty Images)", "AFP via Getty Images"),
        ("AP Photo/John Smith", "AP Photo/John Smith"),
        ("Photo: Reuters", "Reuters"),
        ("Image: NASA", "NASA"),
        ("Getty Images", "Getty Images"),
    ],
)
def test_credit_only(text: str, credit: str) -> None:
    assert split_caption_credit(text) == (None, credit)


@pytest.mark.parametrize(
    "text",
    [
        "Maria Lopez (left) and her son at the fair.",
        "Maria Lopez and her son at the fair (left)",
        "The fair in 2019 (file)",
        "The old mill (2019)",
        "The mayor (center) speaks",
        "Reuters reported the incident on Monday.",
        "Two men (Jane Doe/Reuters) walk through the market",
        "Jane Doe",
        "A march about copyright law",
        "A new start. The group's image: a new beginning",
        "Officials met (seen here at a press conference with AP reporters)",
        "Prices rose 3% (year on year)",
        "The team celebrates. They won 3-1.",
    ],
)
def test_ordinary_text_is_not_a_credit(text: str) -> None:
    assert split_caption_credit(text) == (text, None)


@pytest.mark.parametrize("text", [None, "", "   ", "\n\t"])
def test_empty(text: str | None) -> None:
    assert split_caption_credit(text) == (None, None)


def test_whitespace_collapsed() -> None:
    assert split_caption_credit("  Boats \n in the  harbour.\n(Jane Doe/Reuters) ") == (
        "Boats in the harbour.",
        "Jane Doe/Reuters",
    )


def test_looks_like_credit() -> None:
    assert looks_like_credit("AFP via Getty Images")
    assert looks_like_credit("Photo by Jane Doe")
    assert looks_like_credit("Jane Doe/Reuters")
    assert not looks_like_credit("left")
    assert not looks_like_credit("")
    assert not looks_like_credit("a " * 40 + "Reuters")


def test_outlet_credit_in_parentheses_after_the_last_sentence():
    caption = "The first sleeper carriage waits at Eastfold station on Nov. 24, 2026."
    assert split_caption_credit(caption + " (Courier Photo Desk)") == (
        caption,
        "Courier Photo Desk",
    )
    assert (
        split_caption_credit("Crowds on the quay. (Harbor City Ledger)")[1] == "Harbor City Ledger"
    )
    # not after a sentence end, or not name-like: left alone
    assert split_caption_credit("Maria Lopez (Left) with her son")[1] is None
    assert split_caption_credit("The bridge in winter. (2019)")[1] is None
    assert split_caption_credit("The mayor speaks. (left to right)")[1] is None
