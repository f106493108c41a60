"""Feed parsing speed: our parse_feed + sanitize_html of every entry's summary/content,
against feedparser with its own sanitizer, on the same generated 500-item RSS 2.0 feed.

Ours is timed serially and with the sanitizing on two threads (`sanitize_many`: nh3
releases the GIL); each figure is given in wall-clock and in process CPU time (all
threads), best of N, plus the CPU split between parsing and sanitizing.

    .venv/bin/python bench/parse_speed.py [--items 500] [--runs 7] [--json OUT]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import feedparser

from newsfeed.model import RawFeed
from newsfeed.normalize.html import sanitize_html, sanitize_many
from newsfeed.parse.feeds import parse_feed

PARAGRAPH = (
    "<p>The harbour council met on Tuesday &amp; agreed the new ferry timetable &mdash; "
    "after what one member called &ldquo;a long winter of delays&rdquo;. "
    '<a href="/news/ferries/{i}">Read the decision</a> or see the '
    '<a href="https://port.example.org/minutes?id={i}&amp;lang=en">minutes</a>. '
    "Residents of S&atilde;o Brandão and K&ouml;ln Street welcomed it.</p>"
    '<figure><img src="/img/{i}.jpg" alt="The ferry at dawn" width="640" height="360">'
    "<figcaption>The morning ferry (Harbour Trust)</figcaption></figure>"
    "<blockquote>We waited &lt;a long time&gt; for this, said Ana P&eacute;rez.</blockquote>"
    '<p onclick="track()">Fares stay at &euro;3 <script>track("x")</script>for now.</p>'
)


def make_feed(items: int) -> bytes:
    """A 500-item RSS 2.0 feed with ~3 KB of HTML (entities, links, images) per item."""
    entries = []
    for i in range(items):
        body = "".join(PARAGRAPH.format(i=i * 10 + k) for k in range(4))
        entries.append(
            f"<item><title>Ferry timetable agreed, part {i}</title>"
            f"<link>https://news.example.org/ferry/{i}</link>"
            f'<guid isPermaLink="false">ferry-{i}</guid>'
            f"<pubDate>Tue, 0{1 + i % 9} Apr 2025 08:{i % 60:02d}:00 +0200</pubDate>"
            f"<dc:creator>Ana Pérez</dc:creator><category>Transport</category>"
            f'<media:content url="https://cdn.example.org/{i}.jpg" medium="image">'
            f"<media:description>The ferry</media:description>"
            f"<media:credit>Harbour Trust</media:credit></media:content>"
            f"<description><![CDATA[{PARAGRAPH.format(i=i)[:400]}]]></description>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:media="http://search.yahoo.com/mrss/"><channel>'
        "<title>Harbour News</title><link>https://news.example.org/</link>"
        "<description>Local news</description><ttl>30</ttl>" + "".join(entries) + "</channel></rss>"
    ).encode()


URL = "https://news.example.org/feed.xml"


def html_of(feed: RawFeed) -> list[tuple[str, str | None]]:
    """Every entry's summary and content that is HTML, with the entry's base URL."""
    return [
        (text.value, entry.base_url)
        for entry in feed.entries
        for text in (entry.summary, entry.content)
        if text is not None and text.type == "html"
    ]


def ours_serial(content: bytes) -> int:
    feed = parse_feed(content, url=URL)
    for html, base in html_of(feed):
        sanitize_html(html, base_url=base)
    return len(feed.entries)


def ours_threads(content: bytes) -> int:
    feed = parse_feed(content, url=URL)
    sanitize_many(html_of(feed), threads=2)
    return len(feed.entries)


def parse_only(content: bytes) -> int:
    return len(parse_feed(content, url=URL).entries)


def reference(content: bytes) -> int:
    result = feedparser.parse(io.BytesIO(content), sanitize_html=True)
    return len(result.entries)


@dataclass
class Timing:
    wall_s: float
    cpu_s: float  # process CPU time: every thread's

    def figures(self, megabytes: float) -> dict[str, float]:
        return {
            "wall_s": round(self.wall_s, 4),
            "cpu_s": round(self.cpu_s, 4),
            "wall_mb_per_s": round(megabytes / self.wall_s, 2),
            "cpu_mb_per_s": round(megabytes / self.cpu_s, 2),
        }


def best_of(runs: int, work: Callable[[], object]) -> Timing:
    """The best wall-clock and the best CPU time over `runs` runs (each its own minimum)."""
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return Timing(min(walls), min(cpus))


def measure(content: bytes, runs: int) -> dict[str, Any]:
    megabytes = len(content) / 1e6
    feed = parse_feed(content, url=URL)
    pieces = html_of(feed)
    assert sanitize_many(pieces, threads=2) == [sanitize_html(h, base_url=b) for h, b in pieces]
    serial = best_of(runs, lambda: ours_serial(content))
    threads = best_of(runs, lambda: ours_threads(content))
    parse = best_of(runs, lambda: parse_only(content))
    sanitize = best_of(runs, lambda: [sanitize_html(h, base_url=b) for h, b in pieces])
    ref = best_of(max(1, runs // 2), lambda: reference(content))
    best_wall = min(serial.wall_s, threads.wall_s)
    return {
        "feed_bytes": len(content),
        "items": len(feed.entries),
        "html_bytes_sanitized": sum(len(h) for h, _ in pieces),
        "runs": runs,
        "load_average_1m": round(os.getloadavg()[0], 2),
        "ours_serial": serial.figures(megabytes),
        "ours_threads_2": threads.figures(megabytes),
        "cpu_split": {
            "parse_cpu_s": round(parse.cpu_s, 4),
            "parse_mb_per_s": round(megabytes / parse.cpu_s, 2),
            "sanitize_cpu_s": round(sanitize.cpu_s, 4),
            "sanitize_mb_per_s_of_feed": round(megabytes / sanitize.cpu_s, 2),
        },
        "feedparser": ref.figures(megabytes),
        "speedup_wall": round(ref.wall_s / best_wall, 1),
        "speedup_cpu": round(ref.cpu_s / serial.cpu_s, 1),
    }


def print_report(report: dict[str, Any]) -> None:
    print(
        f"feed: {report['feed_bytes']:,} bytes, {report['items']} items, "
        f"{report['html_bytes_sanitized']:,} bytes of HTML sanitized; "
        f"load average {report['load_average_1m']}"
    )
    print(f"{'':38} {'wall MB/s':>10} {'CPU MB/s':>10}")
    for label, key in (
        ("ours, serial (parse + sanitize_html)", "ours_serial"),
        ("ours, 2 sanitizer threads", "ours_threads_2"),
        ("feedparser (sanitizing)", "feedparser"),
    ):
        row = report[key]
        print(f"{label:38} {row['wall_mb_per_s']:>10} {row['cpu_mb_per_s']:>10}")
    split = report["cpu_split"]
    print(
        f"CPU split: parse {split['parse_cpu_s'] * 1000:.1f} ms ({split['parse_mb_per_s']} MB/s), "
        f"sanitize {split['sanitize_cpu_s'] * 1000:.1f} ms "
        f"({split['sanitize_mb_per_s_of_feed']} MB/s of feed)"
    )
    print(f"speed-up over feedparser: {report['speedup_wall']}x wall, {report['speedup_cpu']}x CPU")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=500)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", type=Path, dest="json_out")
    args = parser.parse_args(argv)
    content = make_feed(args.items)
    assert ours_serial(content) == reference(content) == args.items
    report = measure(content, args.runs)
    print_report(report)
    if args.json_out:
        args.json_out.write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
