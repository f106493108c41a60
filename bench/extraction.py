"""Article body extraction benchmark: extract_page against the benchmark's ground truth.

Usage: python bench/extraction.py [--data DIR ...] [--json OUT] [--limit N] [--rounds N]
[--ablate]

Each DIR holds `html/<key>.html.gz` (or `.html`) and `ground-truth.json` ({key: {url,
articleBody}}); by default the 91 pages of ../shared/data/extraction and the 479 of
../shared/data/extraction-wcxb. Scoring is the benchmark's own: `\\w+` tokens, multisets of
word 4-gram shingles, per-page tp/fp/fn normalised to sum to 1, precision and recall
averaged over pages, F1 from the two means; accuracy is the share of pages whose token
sequence equals the truth; `empty_100` counts pages with no text where the truth has 100+
words. WCXB is split by a hash of the page key: extraction was tuned on the "tune" half
only, and the "aside" half is reported on its own (`half`).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from newsfeed.errors import ExtractionError
from newsfeed.parse.page import extract_page
from newsfeed.parse.page.chrome import CHROME_RULES, Rule

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
DEFAULT_DATA = SHARED / "extraction"
DEFAULT_SETS = (DEFAULT_DATA, SHARED / "extraction-wcxb")
SPLIT_SETS = ("extraction-wcxb",)  # tuned on one half of these; the other is kept aside
TOKEN = re.compile(r"\w+")
Extractor = Callable[[bytes, str], str]


@dataclass(frozen=True)
class Case:
    key: str
    url: str
    html: bytes
    truth: str


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    exact: bool


def load_cases(data: Path) -> list[Case]:
    """Every page of the data folder with its ground truth, in key order."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    cases = []
    for key in sorted(truth):
        cases.append(
            Case(key, truth[key]["url"], read_html(data / "html", key), truth[key]["articleBody"])
        )
    return cases


def half(key: str) -> str:
    """The fixed half of a split set a page belongs to: "tune" or "aside"."""
    return "tune" if hashlib.sha256(key.encode()).digest()[0] % 2 == 0 else "aside"


def read_html(folder: Path, key: str) -> bytes:
    gz = folder / f"{key}.html.gz"
    if gz.exists():
        return gzip.decompress(gz.read_bytes())
    return (folder / f"{key}.html").read_bytes()


def shingles(text: str, n: int = 4) -> Counter[str]:
    tokens = TOKEN.findall(text)
    grams = (" ".join(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))
    return Counter(g for g in grams if g)


def score(truth: str, predicted: str) -> Score:
    """Precision and recall of one page over word 4-gram shingles."""
    want, got = shingles(truth), shingles(predicted)
    tp = sum((want & got).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    exact = TOKEN.findall(truth) == TOKEN.findall(predicted)
    if fp == fn == 0:
        return Score(1.0, 1.0, exact)
    if tp == 0:
        return Score(0.0, 0.0, exact)
    return Score(tp / (tp + fp), tp / (tp + fn), exact)


def ours_with(rules: dict[str, Rule], paths: dict[str, str] | None = None) -> Extractor:
    """extract_page with only `rules` as chrome rules; `paths` records, per URL, which
    path gave the body ("trafilatura", "fallback:trafilatura" or the error)."""

    def extract(html: bytes, url: str) -> str:
        try:
            page = extract_page(html, url=url, chrome=rules)
        except ExtractionError as exc:
            if paths is not None:
                paths[url] = f"error: {exc}"
            return ""
        if paths is not None:
            paths[url] = dict(page.field_sources).get("content", "")
        return page.text or ""

    return extract


ours = ours_with(CHROME_RULES)


def ablation(cases: list[Case]) -> list[dict[str, float | int | str]]:
    """The score with no chrome rules, and with each rule alone (timed in one pass)."""
    variants = {"no rules": ours_with({})}
    variants.update(
        {f"only {name}": ours_with({name: rule}) for name, rule in CHROME_RULES.items()}
    )
    seconds = cpu_seconds(variants, cases, rounds=1)
    return [run(name, extract, cases, sum(seconds[name])) for name, extract in variants.items()]


def plain_trafilatura(html: bytes, url: str) -> str:
    return trafilatura.extract(html, url=url) or ""


def run(
    name: str, extractor: Extractor, cases: list[Case], seconds: float
) -> dict[str, float | int | str]:
    """Score one extractor over every case; `seconds` is its time for all of them."""
    texts = [extractor(case.html, case.url) for case in cases]
    scores = [score(case.truth, text) for case, text in zip(cases, texts, strict=True)]
    precision = statistics.fmean(s.precision for s in scores)
    recall = statistics.fmean(s.recall for s in scores)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "name": name,
        "f1": round(f1, 4),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "accuracy": round(sum(s.exact for s in scores) / len(scores), 4),
        "pages_per_s": round(len(scores) / seconds, 1),
        "pages": len(scores),
        "empty_100": sum(
            not text.strip() and len(TOKEN.findall(case.truth)) >= 100
            for case, text in zip(cases, texts, strict=True)
        ),
    }


def cpu_seconds(
    extractors: dict[str, Extractor], cases: list[Case], rounds: int
) -> dict[str, list[float]]:
    """CPU seconds of this process (one core) each extractor takes for each case, metadata
    included. The extractors take turns page by page, so load from other processes hits
    them alike; per page the best of `rounds` runs counts (other load only ever adds time).
    One warm-up page first: lazy imports and caches are not throughput."""
    for extract in extractors.values():
        extract(cases[0].html, cases[0].url)
    best = {name: [float("inf")] * len(cases) for name in extractors}
    for _ in range(rounds):
        for i, case in enumerate(cases):
            for name, extract in extractors.items():
                start = time.process_time()
                extract(case.html, case.url)
                best[name][i] = min(best[name][i], time.process_time() - start)
    return best


def print_table(rows: list[dict[str, float | int | str]]) -> None:
    cols = ["name", "f1", "precision", "recall", "accuracy", "pages_per_s", "pages", "empty_100"]
    print("  ".join(f"{c:>12}" for c in cols))
    for row in rows:
        print("  ".join(f"{row[c]!s:>12}" for c in cols))


def compare(
    cases: list[Case], rounds: int, *, split: bool
) -> dict[str, list[dict[str, float | int | str]]]:
    """newsfeed and plain trafilatura on every case, and on each half of a split set."""
    paths: dict[str, str] = {}
    extractors = {"newsfeed": ours_with(CHROME_RULES, paths), "trafilatura": plain_trafilatura}
    seconds = cpu_seconds(extractors, cases, rounds)
    groups = {"all": list(range(len(cases)))}
    if split:
        for name in ("tune", "aside"):
            groups[name] = [i for i, case in enumerate(cases) if half(case.key) == name]
    results = {}
    for group, indices in groups.items():
        subset = [cases[i] for i in indices]
        rows = [
            run(name, extract, subset, sum(seconds[name][i] for i in indices))
            for name, extract in extractors.items()
        ]
        rows[0]["fallback_pages"] = sum(paths.get(c.url, "").startswith("fallback") for c in subset)
        results[group] = rows
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, action="append", help="a data set (repeatable)")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--ablate", action="store_true", help="also score each chrome rule alone")
    parser.add_argument(
        "--rounds", type=int, default=3, help="timing: best of N runs per page (1: one pass)"
    )
    args = parser.parse_args(argv)
    sets = args.data or [d for d in DEFAULT_SETS if (d / "ground-truth.json").exists()]
    missing = [d for d in sets if not (d / "ground-truth.json").exists()]
    if missing or not sets:
        print(f"no ground-truth.json in {', '.join(map(str, missing or sets))}", file=sys.stderr)
        return 2
    figures: dict[str, object] = {"rounds": args.rounds}
    for data in sets:
        cases = load_cases(data)[: args.limit]
        results = compare(cases, args.rounds, split=data.resolve().name in SPLIT_SETS)
        if args.ablate and data == sets[0]:
            results["all"] += ablation(cases)
        for group, rows in results.items():
            print(f"{data.name}: {group}")
            print_table(rows)
        figures[data.name] = {
            group: {str(row["name"]): {k: v for k, v in row.items() if k != "name"} for row in rows}
            for group, rows in results.items()
        }
    load = round(os.getloadavg()[0], 2)
    figures["load_average"] = load
    print(f"timing: best of {args.rounds} rounds per page; load average {load}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
