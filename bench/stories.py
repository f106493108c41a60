"""Story grouping quality and speed: replays every *.jsonl in a folder ({"id", "story",
"outlet", "time", "title", "text"}, one article a line) in time order through the real
grouper (newsfeed.stories.grouping) and scores the stories it makes against the gold
"story" labels, which only the scorer reads.

Per file: the whole file, its two halves split by event (sha1 of the story label, even
first byte → "tuning", odd → "kept_aside": the defaults were tuned on the tuning halves
only), and the same again with every time removed (file order, no dates); all of it also
for a plain TF-IDF centroid baseline ("baseline"), measured in the same run. Then a
throughput run: synthetic articles streamed through one grouper until 100,000 are stored,
and the next ones timed.

    .venv/bin/python bench/stories.py [--data DIR] [--json OUT] [--stored 100000]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from itertools import islice
from pathlib import Path

from newsfeed.stories.features import StoryArticle
from newsfeed.stories.grouping import Grouper, GroupingConfig
from newsfeed.stories.terms import STOPWORDS

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "clustering"


@dataclass(frozen=True)
class Row:
    article: StoryArticle
    gold: str  # read by the scorer only


# ── loading ──────────────────────────────────────────────────────────────────────────
def load(path: Path) -> list[Row]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            rows.append(_row(record))
        except (ValueError, KeyError, TypeError) as exc:
            raise SystemExit(f"{path.name}:{number}: not an article record ({exc})") from exc
    rows.sort(key=lambda r: r.article.published_at or datetime.min.replace(tzinfo=UTC))
    return rows


def _row(record: dict[str, object]) -> Row:
    when = record.get("time")
    published = datetime.fromisoformat(str(when)) if when else None
    if published is not None and published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    article = StoryArticle(
        id=str(record["id"]),
        outlet=str(record.get("outlet") or ""),
        published_at=published,
        title=str(record.get("title") or ""),
        text=str(record.get("text") or ""),
    )
    return Row(article, str(record["story"]))


def half(rows: Sequence[Row], which: str) -> list[Row]:
    """The tuning (even) or kept-aside (odd) half, by sha1 of the gold story label."""
    want = 0 if which == "tuning" else 1
    return [r for r in rows if hashlib.sha1(r.gold.encode()).digest()[0] % 2 == want]


def undated(rows: Sequence[Row]) -> list[Row]:
    return [Row(replace(r.article, published_at=None), r.gold) for r in rows]


# ── scoring ──────────────────────────────────────────────────────────────────────────
def prf(p: float, r: float) -> dict[str, float]:
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f1, 4)}


def pairwise(pred: Sequence[str], gold: Sequence[str]) -> dict[str, float]:
    def pairs(labels: Sequence[str]) -> set[tuple[int, int]]:
        groups: dict[str, list[int]] = defaultdict(list)
        for i, label in enumerate(labels):
            groups[label].append(i)
        return {(a, b) for g in groups.values() for i, a in enumerate(g) for b in g[i + 1 :]}

    p_pairs, g_pairs = pairs(pred), pairs(gold)
    both = len(p_pairs & g_pairs)
    return prf(both / len(p_pairs) if p_pairs else 1.0, both / len(g_pairs) if g_pairs else 1.0)


def bcubed(pred: Sequence[str], gold: Sequence[str]) -> dict[str, float]:
    by_pred: dict[str, set[int]] = defaultdict(set)
    by_gold: dict[str, set[int]] = defaultdict(set)
    for i, (p, g) in enumerate(zip(pred, gold, strict=True)):
        by_pred[p].add(i)
        by_gold[g].add(i)
    precision = recall = 0.0
    for p, g in zip(pred, gold, strict=True):
        common = len(by_pred[p] & by_gold[g])
        precision += common / len(by_pred[p])
        recall += common / len(by_gold[g])
    n = len(pred) or 1
    return prf(precision / n, recall / n)


def replay(rows: Sequence[Row], config: GroupingConfig | None = None) -> dict[str, object]:
    grouper = Grouper(config)
    t0 = time.perf_counter()
    pred = [str(grouper.assign(r.article).story) for r in rows]
    elapsed = time.perf_counter() - t0
    gold = [r.gold for r in rows]
    return {
        "pairwise": pairwise(pred, gold),
        "bcubed": bcubed(pred, gold),
        "articles_per_s": round(len(rows) / elapsed) if elapsed else 0,
        "articles": len(rows),
        "stories": {"gold": len(set(gold)), "made": len(set(pred))},
    }


# The comparison run in the same process: the plain online TF-IDF centroid (headline + text
# terms only, one threshold; no headline or names cosines, no margin rule), its threshold
# tuned on the same tuning halves.
BASELINE = GroupingConfig(
    title_weight=0.0, body_weight=1.0, names_weight=0.0, join_threshold=0.2, margin_threshold=9.0
)


def evaluate(rows: Sequence[Row], config: GroupingConfig | None = None) -> dict[str, object]:
    result = _evaluate(rows, config)
    result["baseline"] = _evaluate(rows, BASELINE)
    return result


def _evaluate(rows: Sequence[Row], config: GroupingConfig | None) -> dict[str, object]:
    result = replay(rows, config)
    result["halves"] = {w: replay(half(rows, w), config) for w in ("tuning", "kept_aside")}
    plain = undated(rows)
    result["no_time"] = replay(plain, config)
    result["no_time"]["halves"] = {
        w: replay(half(plain, w), config) for w in ("tuning", "kept_aside")
    }
    return result


# ── throughput with a realistic window ───────────────────────────────────────────────
_VOCAB = [f"w{i}" for i in range(20_000)]
_ZIPF = [1.0 / (rank + 1) for rank in range(len(_VOCAB))]  # common words are common
_FUNCTION_WORDS = sorted(STOPWORDS)
_NAMES = [f"Name{i} Person{i % 97}" for i in range(5_000)]
_TOPICS = 300  # beats (elections, floods, courts …): their events share words and people


def synthetic(total: int, seed: int = 7) -> Iterator[Row]:
    """A stream of `total` articles, ~3,000 a day, events of 1-12 articles over a few hours.
    Each event belongs to one of 300 topics (a few of them hot) and takes 25 of its 40 words
    and two of its three people from the topic's pool, so live stories of one topic compete.
    Texts of ~650 words (~4 KB): function words (45 %, as in English news), the event's
    words (20 %) and a Zipf-distributed vocabulary of 20,000 words."""
    rng = random.Random(seed)
    topics = [(rng.sample(_VOCAB, 150), rng.sample(_NAMES, 20)) for _ in range(_TOPICS)]
    topic_weights = [1.0 / (rank + 1) for rank in range(_TOPICS)]
    start = datetime(2026, 1, 1, tzinfo=UTC)
    made = 0
    event = 0
    while made < total:
        event += 1
        topic_words, topic_people = rng.choices(topics, topic_weights)[0]
        words = rng.sample(topic_words, 25) + rng.sample(_VOCAB, 15)
        people = rng.sample(topic_people, 2) + rng.sample(_NAMES, 1)
        when = start + timedelta(seconds=made * 29)
        for _ in range(min(rng.randint(1, 12), total - made)):
            made += 1
            yield Row(_synthetic_article(rng, made, words, people, when), str(event))


def _synthetic_article(
    rng: random.Random, number: int, words: list[str], people: list[str], when: datetime
) -> StoryArticle:
    common = rng.choices(_VOCAB, _ZIPF, k=600)
    body = [_word(rng, words, common[i]) for i in range(600)]
    for i in range(0, 600, 40):
        body.insert(i, rng.choice(people) + " said")
    title = " ".join(rng.sample(words, 6))
    return StoryArticle(
        id=number,
        outlet=f"outlet{rng.randint(1, 300)}",
        published_at=when + timedelta(minutes=rng.randint(0, 240)),
        title=title.title(),
        text=". ".join(" ".join(body[i : i + 15]) for i in range(0, len(body), 15)) + ".",
    )


def _word(rng: random.Random, event_words: list[str], common: str) -> str:
    roll = rng.random()
    if roll < 0.45:
        return rng.choice(_FUNCTION_WORDS)
    return rng.choice(event_words) if roll < 0.65 else common


def throughput(stored: int, timed: int = 5_000) -> dict[str, object]:
    """Articles per second once `stored` articles have gone through one grouper (streamed:
    neither the stored articles nor the grouper's closed stories stay in memory)."""
    grouper = Grouper()
    stream = synthetic(stored + timed)
    for row in islice(stream, stored):
        grouper.assign(row.article)
    rows = list(stream)
    t0, cpu0 = time.perf_counter(), time.process_time()
    pred = [str(grouper.assign(r.article).story) for r in rows]
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    gold = [r.gold for r in rows]
    return {
        "pairwise": pairwise(pred, gold),
        "bcubed": bcubed(pred, gold),
        "articles_per_s": round(timed / elapsed),
        "articles_per_cpu_s": round(timed / cpu),
        "stored": stored,
        "live_stories": grouper.live_stories,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--stored", type=int, default=100_000, help="0 skips the throughput run")
    args = parser.parse_args(argv)
    files = sorted(args.data.glob("*.jsonl")) if args.data.is_dir() else []
    if not files:
        print(f"stories: no *.jsonl files in {args.data}", file=sys.stderr)
        return 2
    results: dict[str, object] = {}
    for path in files:
        results[path.stem] = evaluate(load(path))
        print(path.stem, json.dumps(_brief(results[path.stem])))
    if args.stored:
        results[f"synthetic-{args.stored // 1000}k-stored"] = figures = throughput(args.stored)
        print("throughput", json.dumps(figures))
    if args.json:  # every entry has the same shape: pairwise, bcubed, articles_per_s, …
        args.json.write_text(json.dumps(results, indent=2))
    return 0


def _brief(result: object) -> dict[str, object]:
    assert isinstance(result, dict)
    halves = result["halves"]
    no_time = result["no_time"]
    return {
        "all": [result["bcubed"]["f1"], result["pairwise"]["f1"]],
        "kept_aside": [
            halves["kept_aside"]["bcubed"]["f1"],
            halves["kept_aside"]["pairwise"]["f1"],
        ],
        "tuning": [halves["tuning"]["bcubed"]["f1"], halves["tuning"]["pairwise"]["f1"]],
        "no_time_kept_aside": no_time["halves"]["kept_aside"]["bcubed"]["f1"],
        "no_time_all": no_time["bcubed"]["f1"],
        "per_s": result["articles_per_s"],
        "baseline": _brief(result["baseline"]) if "baseline" in result else None,
    }


if __name__ == "__main__":
    sys.exit(main())
