"""Web benchmark: 100,000 generated articles in SQLite, our app in one uvicorn process, load
from wrk (1 thread, 4 connections, 10 s per URL) on the News Feed, a Show More page deep in
the feed, an article, a search and the Atom feed. The same run measures two references that
render the same 30 items with one Jinja template in a bare Starlette app (bench/bare_app.py):
`bare` gets them from our store (store.articles.page: the gap to it is the web layer's cost),
`bare_raw` with one SELECT of the columns a feed item shows through the stdlib sqlite3
module (the gap from `bare` to it is the store's cost). `--only` and `--rounds` are for
iterating; a recorded run measures every URL.

    .venv/bin/python bench/web.py [--articles 100000] [--duration 10] [--db FILE]
        [--only feed show_more …] [--rounds 2] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from newsfeed.model import ArticleQuery, ArticleSummary
from newsfeed.store import open_store
from newsfeed.web.testing import free_port, sample_articles, vocabulary_word

HERE = Path(__file__).resolve().parent
NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
SOURCES = 20
SEARCH_WORD = vocabulary_word(2_000)  # in about 1 % of the articles
BATCH = 2_000
TARGETS = {  # name: (max p99 ms, min ratio to the bare app or None)
    "feed": (15.0, 0.75),
    "show_more": (15.0, 0.75),
    "article": (20.0, None),
    "search": (60.0, None),
    "atom": (30.0, None),
}
COMPARED = ("feed", "show_more")  # measured against both bare apps


def build_database(url: str, count: int) -> float:
    """Fill a new store with `count` articles over SOURCES sources; returns articles/s."""
    store = open_store(url)
    store.upgrade()
    started = time.perf_counter()
    ids = [
        store.sources.add(
            f"https://outlet{i}.example.invalid/feed", title=f"Outlet {i}", now=NOW
        ).id
        for i in range(SOURCES)
    ]
    for start in range(0, count, BATCH):
        batch = sample_articles(min(BATCH, count - start), NOW, start=start)
        store.articles.save(ids[(start // BATCH) % SOURCES], batch, now=NOW)
    rate = count / (time.perf_counter() - started)
    store.close()
    return rate


def bench_paths(url: str) -> dict[str, str]:
    """The URLs to load: a Show More cursor ~half way down, a mid article, a common word."""
    store = open_store(url)
    store.upgrade()  # a database made by an older version gets the new migrations
    cursor = None
    total = store.articles.count()
    for _ in range(total // 2 // 1000):
        cursor = store.articles.page(
            ArticleQuery(load=ArticleSummary, cursor=cursor, limit=1000)
        ).next_cursor
    middle = store.articles.page(ArticleQuery(load=ArticleSummary, cursor=cursor, limit=1)).items[0]
    store.close()
    return {
        "feed": "/",
        "show_more": f"/?cursor={cursor}",
        "article": f"/articles/{middle.id}/{middle.slug}",
        "search": f"/search?q={SEARCH_WORD}",
        "atom": "/.atom",
    }


@contextmanager
def server(args: list[str], *options: str) -> Iterator[str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, *args, str(port), *options], cwd=HERE.parent)
    try:
        wait_for_port(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(10)


def wait_for_port(port: int, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"server on port {port} did not start")


def wrk(url: str, duration_s: int) -> dict[str, float]:
    """Requests/s and p50/p99 latency (ms) from wrk --latency."""
    subprocess.run(["wrk", "-t1", "-c4", "-d2s", url], capture_output=True, check=True)  # warm
    out = subprocess.run(
        ["wrk", "-t1", "-c4", f"-d{duration_s}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        "p50_ms": _latency(out, "50"),
        "p99_ms": _latency(out, "99"),
        "non_2xx": float(errors.group(1)) if errors else 0.0,
    }


def _latency(out: str, pct: str) -> float:
    value, unit = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def measure(
    url: str, duration_s: int, rounds: int = 2, only: Collection[str] = tuple(TARGETS)
) -> dict[str, dict[str, float]]:
    """The URLs in `only` on our app; the two compared URLs alternate with both bare apps,
    `rounds` times, keeping each side's best run (the machine is shared, so load drifts)."""
    paths = bench_paths(url)
    results: dict[str, dict[str, float]] = {}
    with (
        server([str(HERE / "web.py"), "--serve", url]) as ours,
        server([str(HERE / "bare_app.py"), url]) as bare,
        server([str(HERE / "bare_app.py"), url], "--raw") as bare_raw,
    ):
        for _ in range(rounds):
            for name in (name for name in COMPARED if name in only):
                _keep_best(results, name, wrk(ours + paths[name], duration_s))
                _keep_best(results, f"bare_{name}", wrk(bare + paths[name], duration_s))
                _keep_best(results, f"bare_raw_{name}", wrk(bare_raw + paths[name], duration_s))
        for name in (name for name in TARGETS if name in only and name not in COMPARED):
            results[name] = wrk(ours + paths[name], duration_s)
    return results


def _keep_best(results: dict[str, dict[str, float]], name: str, run: dict[str, float]) -> None:
    if name not in results or run["rps"] > results[name]["rps"]:
        results[name] = run


def report(results: dict[str, dict[str, float]]) -> dict[str, object]:
    """The table; `/bare` is req/s over the store-backed bare app (the target's ratio),
    `/raw` over the bare app on raw sqlite3 (what the store and the web layer cost)."""
    print(
        f"{'url':<20}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'target p99':>12}"
        f"{'/bare':>7}{'/raw':>7}"
    )
    verdicts: dict[str, object] = {}
    for name, r in results.items():
        target, min_ratio = TARGETS.get(name, (None, None))
        ratio = _ratio(r, results.get(f"bare_{name}"))
        raw_ratio = _ratio(r, results.get(f"bare_raw_{name}"))
        if name.startswith("bare_") and not name.startswith("bare_raw_"):
            raw_ratio = _ratio(r, results.get(name.replace("bare_", "bare_raw_", 1)))
        ok = (
            (target is None or r["p99_ms"] <= target)
            and (min_ratio is None or (ratio or 0) >= min_ratio)
            and not r["non_2xx"]
        )
        verdicts[name] = {
            "ratio_to_bare": ratio,
            "ratio_to_bare_raw": raw_ratio,
            "ok": ok if target else None,
        }
        print(
            f"{name:<20}{r['rps']:>8.0f}{r['p50_ms']:>9.2f}{r['p99_ms']:>9.2f}"
            f"{(f'≤{target:g}' if target else ''):>12}{_fmt(ratio):>7}{_fmt(raw_ratio):>7}"
            f"{'' if target is None else ('  ok' if ok else '  MISSED')}"
        )
    return verdicts


def _ratio(run: dict[str, float], reference: dict[str, float] | None) -> float | None:
    return run["rps"] / reference["rps"] if reference else None


def _fmt(ratio: float | None) -> str:
    return f"{ratio:.2f}" if ratio is not None else ""


def serve_ours(url: str, port: int) -> None:
    from newsfeed.settings import load_settings
    from newsfeed.web.app import create_app
    from newsfeed.web.server import serve

    store = open_store(url)
    serve(
        create_app(load_settings(environ={}, database_url=url), store), host="127.0.0.1", port=port
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per URL")
    parser.add_argument("--db", help="reuse (or create) this SQLite file")
    parser.add_argument(
        "--only",
        nargs="+",
        choices=tuple(TARGETS),
        default=tuple(TARGETS),
        help="measure only these URLs",
    )
    parser.add_argument("--rounds", type=int, default=2, help="rounds of the compared URLs")
    parser.add_argument("--json", metavar="OUT", help="also write the figures as JSON here")
    parser.add_argument("--serve", nargs=2, metavar=("DB_URL", "PORT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve_ours(args.serve[0], int(args.serve[1]))
        return
    path = Path(args.db) if args.db else Path(tempfile.mkdtemp()) / "bench.sqlite3"
    url = f"sqlite:///{path}"
    rate = None
    if not path.exists():
        rate = build_database(url, args.articles)
        print(f"generated {args.articles} articles at {rate:.0f}/s")
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    results = measure(url, args.duration, args.rounds, args.only)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    verdicts = report(results)
    if args.json:
        figures = {
            "articles": args.articles,
            "insert_per_s": rate,
            "results": results,
            "verdicts": verdicts,
            "wrk": "-t1 -c4 --latency",
            "load_average": os.getloadavg(),
            "duration_s": args.duration,
            "rounds": args.rounds,
        }
        Path(args.json).write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
