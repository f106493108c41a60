"""Filling one record's gaps from another: the merge that authors, photos and profiles all
need ("the page's photo, with the feed's caption when the page has none")."""

from __future__ import annotations

from dataclasses import fields, replace
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

R = TypeVar("R", bound="DataclassInstance")


def fill_missing(first: R, *others: R) -> R:
    """`first`, with each empty field (None, "", 0) taken from the first of `others` that
    has it. Fields `first` has are never replaced."""
    gaps: dict[str, Any] = {}
    for field in fields(first):
        if getattr(first, field.name):
            continue
        found = next((v for o in others if (v := getattr(o, field.name))), None)
        if found:
            gaps[field.name] = found
    return replace(first, **gaps) if gaps else first
