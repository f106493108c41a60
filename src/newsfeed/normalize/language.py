"""Language of an article: the declared one when it is a usable tag ("en-US" → "en"), else
py3langid on the text, else None when the text is too short or too unclear to tell."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from typing import Any

from newsfeed.normalize.text import cjk_count

MIN_LETTERS = 24  # fewer letters than this (outside CJK) is not enough to tell
MIN_CJK_CHARS = 6
MIN_CONFIDENCE = 0.6
SAMPLE_CHARS = 400  # the start of a long text decides; cost grows with the sample (measured)

_TAG = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][0-9a-zA-Z]{1,8})*$")
_NOT_LANGUAGES = frozenset({"und", "mul", "zxx", "mis"})
_LETTER = re.compile(r"[^\W\d_]")

_lock = threading.Lock()
_identifier: Any = None


def normalize_tag(declared: str | None) -> str | None:
    """The primary subtag of a BCP 47 / RSS language tag, lower case: "en-US" → "en",
    "pt_BR" → "pt"; None for anything that is not a language ("x-default", "und", "")."""
    if not declared:
        return None
    match = _TAG.match(declared.strip())
    if match is None:
        return None
    primary = match.group(1).lower()
    return None if primary in _NOT_LANGUAGES else primary


def detect_language(text: str, declared: str | None = None) -> str | None:
    """The declared language when usable, else the detected one, else None."""
    tag = normalize_tag(declared)
    if tag is not None:
        return tag
    return guess_language(text)


def guess_language(text: str) -> str | None:
    """py3langid's guess for `text`, or None when the text is too short to tell or the
    model is not confident."""
    if not text:
        return None
    sample = text[:SAMPLE_CHARS]
    if not _enough_text(sample):
        return None
    lang, confidence = _get_identifier().classify(sample)
    if confidence < MIN_CONFIDENCE or lang in _NOT_LANGUAGES:
        return None
    return str(lang)


def guess_feed_language(texts: Iterable[str]) -> str | None:
    """One guess for a whole feed that declares no language, from the start of its first
    entries: feeds are nearly always in one language, and one guess costs a five-hundredth
    of guessing each of 500 entries (measured: 0.4 of 1.9 ms per entry)."""
    sample = ""
    for text in texts:
        sample += text[:SAMPLE_CHARS] + "\n"
        if len(sample) >= 2 * SAMPLE_CHARS:
            break
    return guess_language(sample[: 2 * SAMPLE_CHARS])


def _enough_text(sample: str) -> bool:
    cjk = cjk_count(sample)
    if cjk >= MIN_CJK_CHARS:
        return True
    return len(_LETTER.findall(sample)) - cjk >= MIN_LETTERS


def _get_identifier() -> Any:
    """The model, loaded once (about a second) on first use, with normalized probabilities."""
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier
