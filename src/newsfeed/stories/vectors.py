"""Sparse TF-IDF vectors (dict term → weight) with document frequencies learnt online, and
story centroids that keep a running sum and its norm. Pure, no I/O."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

Vector = dict[str, float]


@dataclass
class DocFreq:
    """How many of the articles seen so far hold each term. Bounded: past `max_terms`, the
    terms seen once are forgotten (they are the bulk, and rare enough to weigh the most)."""

    max_terms: int = 300_000
    docs: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, terms: Iterable[str]) -> None:
        self.docs += 1
        counts = self.counts
        for term in terms:
            counts[term] = counts.get(term, 0) + 1
        if len(counts) > self.max_terms:
            self.counts = {t: n for t, n in counts.items() if n > 1}

    def idf(self, term: str) -> float:
        return math.log((self.docs + 1) / (self.counts.get(term, 0) + 1)) + 1.0


def weigh(counts: Mapping[str, int], df: DocFreq, keep: int) -> Vector:
    """Unit-length (1 + log tf) · idf vector of the `keep` heaviest terms."""
    log, known, top = math.log, df.counts, math.log(df.docs + 1) + 1.0
    weights = {t: (1.0 + log(n)) * (top - log(known.get(t, 0) + 1)) for t, n in counts.items()}
    if len(weights) > keep:
        weights = dict(sorted(weights.items(), key=lambda kv: -kv[1])[:keep])
    return unit(weights)


def unit(weights: Vector) -> Vector:
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {t: w / norm for t, w in weights.items()} if norm else {}


def dot(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


@dataclass
class Centroid:
    """The sum of the members' unit vectors; `cosine` divides by its norm. Past `keep`·2
    terms it is cut back to the `keep` heaviest."""

    keep: int
    sums: Vector = field(default_factory=dict)
    norm2: float = 0.0

    def add(self, vector: Mapping[str, float]) -> None:
        sums = self.sums
        for term, w in vector.items():
            old = sums.get(term, 0.0)
            sums[term] = old + w
            self.norm2 += 2 * old * w + w * w
        if len(sums) > 2 * self.keep:
            self.sums = dict(sorted(sums.items(), key=lambda kv: -kv[1])[: self.keep])
            self.norm2 = sum(w * w for w in self.sums.values())

    def cosine(self, vector: Mapping[str, float]) -> float:
        if self.norm2 <= 0.0:
            return 0.0
        return dot(vector, self.sums) / math.sqrt(self.norm2)

    def top(self, n: int) -> list[str]:
        return [t for t, _ in Counter(self.sums).most_common(n)]
