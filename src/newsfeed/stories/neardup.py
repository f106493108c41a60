"""Near-duplicates: the same text from another outlet (wire copy, syndication). Each text
becomes a bottom-k sketch: the k smallest hashes of its 4-word shingles (CRC-32, stable
across processes, so sketches can be saved). Two sketches estimate the Jaccard resemblance
of the shingle sets; a few of the smallest hashes serve as lookup keys (two texts that are
80 % the same share their smallest hash 80 % of the time). Pure, no I/O."""

from __future__ import annotations

import heapq
import zlib
from itertools import accumulate

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
    joined = " ".join(tokens).encode("utf-8")
    ends = list(accumulate((len(t.encode("utf-8")) + 1 for t in tokens), initial=0))
    crc = zlib.crc32
    span = SHINGLE_WORDS
    hashes = {crc(joined[ends[i] : ends[i + span] - 1]) for i in range(len(tokens) - span + 1)}
    return tuple(heapq.nsmallest(size, hashes))


def resemblance(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated Jaccard resemblance of the two shingle sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    size = min(len(a), len(b))
    union = heapq.nsmallest(size, set(a) | set(b))
    common = set(a) & set(b)
    return sum(1 for h in union if h in common) / size


def lookup_keys(a: tuple[int, ...]) -> tuple[int, ...]:
    return a[:LOOKUP_KEYS]
