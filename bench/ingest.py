"""End-to-end ingest: N generated feeds × M entries (~3 KB HTML each) served from a local
server (another process, 10 loopback hosts), fetched, parsed, normalized and stored in
SQLite, searchable at once; then a second refresh where every feed answers 304.

In the same run, the `reader` library (lemon24/reader) on the same feeds, without and with
`update_search()` (our figure includes making the articles searchable).

    .venv/bin/python bench/ingest.py [--feeds 200] [--entries 50] [--json OUT]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from feedgen import FeedServer
from newsfeed.model import ArticleQuery, ArticleSummary
from newsfeed.settings import load_settings
from newsfeed.store import open_store
from newsfeed.update.service import refresh_sources


def run_newsfeed(
    urls: list[str], workdir: Path, concurrency: int, processes: int = 0
) -> dict[str, float]:
    cfg = load_settings(
        environ={},
        data_dir=str(workdir),
        allow_private_addresses=True,
        refresh_concurrency=concurrency,
        parse_processes=processes,
    )
    store = open_store(cfg.resolved_database_url)
    store.upgrade()
    now = datetime.now(UTC)
    for url in urls:
        store.sources.add(url, full_text="never", now=now)
    t0 = time.perf_counter()
    first = asyncio.run(refresh_sources(store, cfg, force=True))
    cold_s = time.perf_counter() - t0
    failed = [r for r in first if not r.ok]
    if failed:
        raise SystemExit(f"newsfeed: {len(failed)} sources failed, e.g. {failed[0].summary}")
    entries = sum(r.new for r in first)
    t0 = time.perf_counter()
    second = asyncio.run(refresh_sources(store, cfg, force=True))
    warm_s = time.perf_counter() - t0
    assert all(r.not_modified for r in second), [r.summary for r in second if not r.not_modified][
        :3
    ]
    hits = store.articles.search(ArticleQuery(load=ArticleSummary, text="harbour", limit=5)).items
    assert hits, "articles are not searchable"
    store.close()
    return {
        "entries": entries,
        "cold_s": cold_s,
        "entries_per_s": entries / cold_s,
        "not_modified_s": warm_s,
    }


def run_reader(urls: list[str], workdir: Path, workers: int) -> dict[str, float]:
    from reader import make_reader

    reader = make_reader(str(workdir / "reader.sqlite"))
    for url in urls:
        reader.add_feed(url)
    t0 = time.perf_counter()
    reader.update_feeds(workers=workers, scheduled=False)
    cold_s = time.perf_counter() - t0
    entries = reader.get_entry_counts().total
    t0 = time.perf_counter()
    reader.enable_search()
    reader.update_search()
    search_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    reader.update_feeds(workers=workers, scheduled=False)
    warm_s = time.perf_counter() - t0
    reader.close()
    return {
        "entries": entries,
        "cold_s": cold_s,
        "entries_per_s": entries / cold_s,
        "search_s": search_s,
        "entries_per_s_with_search": entries / (cold_s + search_s),
        "not_modified_s": warm_s,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--feeds", type=int, default=200)
    ap.add_argument("--entries", type=int, default=50)
    ap.add_argument("--concurrency", type=int, default=16, help="our refresh_concurrency")
    ap.add_argument("--parse-processes", type=int, default=0, help="0: one per core")
    ap.add_argument("--reader-workers", type=int, default=4)
    ap.add_argument("--skip-reader", action="store_true")
    ap.add_argument("--json", metavar="OUT")
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("reader").setLevel(logging.ERROR)  # its "bozo feed" notice per feed

    server = FeedServer(args.feeds, args.entries)
    try:
        print(
            f"{args.feeds} feeds × {args.entries} entries, {server.total_bytes / 1e6:.1f} MB; "
            f"load average {os.getloadavg()[0]:.1f}"
        )
        with tempfile.TemporaryDirectory() as tmp:
            ours = run_newsfeed(
                server.urls, Path(tmp) / "newsfeed", args.concurrency, args.parse_processes
            )
        print(
            f"newsfeed: {ours['entries']:.0f} entries in {ours['cold_s']:.2f} s = "
            f"{ours['entries_per_s']:.0f} entries/s (searchable); "
            f"304 refresh {ours['not_modified_s']:.3f} s"
        )
        figures: dict[str, object] = {
            "feeds": args.feeds,
            "entries_per_feed": args.entries,
            "newsfeed": ours,
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}",
            "load_average_at_start": os.getloadavg()[0],
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        if not args.skip_reader:
            with tempfile.TemporaryDirectory() as tmp:
                theirs = run_reader(server.urls, Path(tmp), args.reader_workers)
            print(
                f"reader:   {theirs['entries']:.0f} entries in {theirs['cold_s']:.2f} s = "
                f"{theirs['entries_per_s']:.0f} entries/s; "
                f"+ update_search {theirs['search_s']:.2f} s"
                f" = {theirs['entries_per_s_with_search']:.0f} entries/s; "
                f"304 refresh {theirs['not_modified_s']:.3f} s"
            )
            ratios = {
                "cold_vs_reader": ours["entries_per_s"] / theirs["entries_per_s"],
                "cold_vs_reader_with_search": ours["entries_per_s"]
                / theirs["entries_per_s_with_search"],
                "not_modified_vs_reader": theirs["not_modified_s"] / ours["not_modified_s"],
            }
            print(
                "ratios: cold {cold_vs_reader:.1f}× reader, {cold_vs_reader_with_search:.1f}× "
                "reader+search; 304 refresh {not_modified_vs_reader:.1f}× faster".format(**ratios)
            )
            figures["reader"] = theirs
            figures["ratios"] = ratios
        if args.json:
            Path(args.json).write_text(json.dumps(figures, indent=2))
    finally:
        server.close()


if __name__ == "__main__":
    main()
