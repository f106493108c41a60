"""Near-duplicates: the same text from another outlet (wire copy, syndication). Each text
becomes a bottom-k sketch: the k smallest hashes of its 4-word shingles (CRC-32, stable
across processes, so sketches can be saved). Two sketches estimate the Jaccard resemblance
of the shingle sets; a few of the smallest hashes serve as lookup keys (two texts that are
80 % the same share their smallest hash 80 % of the time). Pure, no I/O."""

from __future__ import annotations

import zlib

from newsfeed.stories.terms import words

SHINGLE_WORDS = 4
SKETCH_SIZE = 64
SKETCH_WORDS = 300  # the opening words are enough to tell a copy, and bound the cost
LOOKUP_KEYS = 8


def sketch(text: str, size: int = SKETCH_SIZE) -> tuple[int, ...]:
    """The `size` smallest distinct shingle hashes of `text`, ascending."""
    return sketch_of(words(text), size)


def sketch_of(tokens: list[str], size: int = SKETCH_SIZE) -> tuple[int, ...]:
    """`sketch` of words already split and lowered by `terms.words`."""
    tokens = tokens[:SKETCH_WORDS]
    if len(tokens) <= SHINGLE_WORDS:
        return (zlib.crc32(" ".join(tokens).encode("utf-8")),) if tokens else ()
    windows = (tokens[i:] for i in range(SHINGLE_WORDS))  # shorter and shorter: zip stops
    shingles = map(" ".join, zip(*windows, strict=False))  # at the last whole shingle
    hashes = set(map(zlib.crc32, map(str.encode, shingles)))
    return tuple(sorted(hashes)[:size])


def resemblance(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard resemblance of the two shingle sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    size = min(len(a), len(b))
    union = sorted(set(a) | set(b))[:size]
    common = set(a) & set(b)
    return sum(1 for h in union if h in common) / size


def lookup_keys(a: tuple[int, ...]) -> tuple[int, ...]:
    return a[:LOOKUP_KEYS]
