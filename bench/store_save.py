"""store.articles.save throughput: N generated articles (~3 KB of text each, authors, tags, a lead
image) saved in batches, then saved again unchanged, then with 10% changed; on SQLite and
PostgreSQL. Usage: python bench/store_save.py [--n 10000] [--batch 100] [--json OUT]
[--pg postgresql+psycopg://postgres@127.0.0.1:5432/test] [--no-pg]"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsfeed.model import ArticleData, ArticleItem, ArticleQuery, Author, Image
from newsfeed.store.sqlstore import SqlStore
from newsfeed.store.testing import create_pg_database

NOW = datetime(2025, 3, 1, tzinfo=UTC)


DATA = Path("/work/shared/data/clustering")


def real_text() -> tuple[str, list[str]]:
    """Body text and titles of real news articles (the clustering benchmark set), so that
    the index sees natural word frequencies; a synthetic Zipf text when the data is absent."""
    texts, titles = [], []
    for path in sorted(DATA.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            texts.append(row.get("text") or "")
            titles.append(row.get("title") or "")
    if texts:
        return " ".join(texts), [t for t in titles if t]
    rng = random.Random(1)
    words = ["".join(rng.choices("etaoinshrdlucmfw", k=rng.randint(2, 9))) for _ in range(20000)]
    weights = [1 / (rank + 1) for rank in range(len(words))]
    return " ".join(rng.choices(words, weights, k=600_000)), [" ".join(words[:8])]


def make_articles(n: int, seed: int = 7) -> list[ArticleData]:
    rng = random.Random(seed)
    corpus, titles = real_text()
    people = [f"Reporter {k}" for k in range(300)]
    topics = [f"topic {k}" for k in range(120)]
    out = []
    for i in range(n):
        start = rng.randrange(0, len(corpus) - 3100)
        text = corpus[start : start + 3000]
        title = f"{rng.choice(titles)} ({i})"
        out.append(
            ArticleData(
                guid=f"urn:bench:{i}",
                url=f"https://bench.test/a/{i}",
                title=title,
                dek=corpus[start + 3000 : start + 3100],
                content_html=f"<p>{text}</p>",
                text=text,
                language="en",
                published_at=NOW - timedelta(minutes=i),
                updated_at=None,
                word_count=len(text.split()),
                reading_minutes=2,
                content_hash=hashlib.sha256(f"{title}\n{text}".encode()).hexdigest(),
                authors=(Author(rng.choice(people), role="Reporter"),),
                image=Image(f"https://bench.test/i/{i}.jpg", caption="A caption", credit="Staff"),
                tags=tuple(rng.sample(topics, 3)),
            )
        )
    return out


def changed(articles: list[ArticleData], every: int) -> list[ArticleData]:
    out = []
    for i, a in enumerate(articles):
        if i % every == 0:
            text = a.text + " correction appended"
            a = replace(a, text=text, content_hash=hashlib.sha256(text.encode()).hexdigest())
        out.append(a)
    return out


def timed_save(store: SqlStore, source_id: int, articles: list[ArticleData], batch: int) -> float:
    start = time.perf_counter()
    for i in range(0, len(articles), batch):
        store.articles.save(source_id, articles[i : i + batch], now=NOW)
    return time.perf_counter() - start


def run(url: str, articles: list[ArticleData], batch: int) -> dict[str, float]:
    store = SqlStore(url)
    store.upgrade()
    n = len(articles)
    src = store.sources.add(f"https://bench.test/feed/{time.time()}", now=NOW).id
    figures = {"insert_per_s": n / timed_save(store, src, articles, batch)}
    figures["unchanged_per_s"] = n / timed_save(store, src, articles, batch)
    figures["10pct_changed_per_s"] = n / timed_save(store, src, changed(articles, 10), batch)
    big = store.sources.add(f"https://bench.test/one-call/{time.time()}", now=NOW).id
    figures["insert_one_call_per_s"] = n / timed_save(store, big, articles, n)
    start = time.perf_counter()
    for _ in range(50):
        store.articles.search(ArticleQuery(load=ArticleItem, text="correction appended", limit=30))
    figures["search_ms"] = (time.perf_counter() - start) / 50 * 1000
    page = store.articles.page(ArticleQuery(load=ArticleItem, limit=30))
    start = time.perf_counter()
    for _ in range(50):
        more = ArticleQuery(load=ArticleItem, limit=30, cursor=page.next_cursor)
        page = store.articles.page(more)
    figures["list_page_ms"] = (time.perf_counter() - start) / 50 * 1000
    store.close()
    return {k: round(v, 1) for k, v in figures.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--json", dest="json_out")
    parser.add_argument("--pg", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--no-pg", action="store_true")
    args = parser.parse_args()
    articles = make_articles(args.n)
    results: dict[str, object] = {"n": args.n, "batch": args.batch, "cpus": os.cpu_count()}
    results["load_before"] = round(os.getloadavg()[0], 2)
    with tempfile.TemporaryDirectory() as tmp:
        results["sqlite"] = run(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", articles, args.batch)
        print("sqlite", results["sqlite"], flush=True)
    if not args.no_pg:
        results["postgresql"] = run(create_pg_database(args.pg), articles, args.batch)
        print("postgresql", results["postgresql"], flush=True)
    results["load_after"] = round(os.getloadavg()[0], 2)
    print("load average before/after:", results["load_before"], results["load_after"])
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
