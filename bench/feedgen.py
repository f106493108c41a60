"""Generated feeds for the benchmarks, and a feed server in its own process.

The server listens on several loopback addresses (127.0.0.1 … 127.0.0.N), so that the
per-host concurrency limit applies as it would to N real sites, and answers conditional
requests with 304. It runs in a separate process so it does not compete with the code under
test for the GIL."""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import random
import socket
import threading
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

WORDS = [
    "council",
    "harbour",
    "budget",
    "river",
    "storm",
    "minister",
    "market",
    "energy",
    "vote",
    "school",
    "bridge",
    "court",
    "transit",
    "rail",
    "hospital",
    "museum",
    "festival",
    "research",
    "vaccine",
    "satellite",
    "climate",
    "drought",
    "flood",
    "inflation",
    "wages",
    "housing",
    "police",
    "strike",
    "union",
    "election",
    "mayor",
    "coast",
    "port",
    "shipping",
    "grain",
    "factory",
    "chips",
    "software",
    "startup",
    "battery",
    "solar",
    "wind",
    "forest",
    "wildfire",
    "heat",
    "rainfall",
]


def paragraph(rng: random.Random, words: int) -> str:
    picked = [rng.choice(WORDS) for _ in range(words)]
    picked[0] = picked[0].capitalize()
    i = rng.randrange(5, words - 5)
    picked[i] = f'<a href="/related/{rng.randrange(10_000)}">{picked[i]}</a>'
    picked[i + 2] = f"<em>{picked[i + 2]}</em> &amp; caf&#233;"
    return "<p>" + " ".join(picked) + ".</p>"


def entry_html(rng: random.Random, target_bytes: int = 3000) -> str:
    parts = [
        f'<figure><img src="/img/{rng.randrange(10_000)}.jpg" alt="A scene" width="800" '
        'height="450"><figcaption>The harbour at dawn. (Photo: Ana Ruiz/Example Wire)'
        "</figcaption></figure>"
    ]
    while sum(map(len, parts)) < target_bytes:
        parts.append(paragraph(rng, rng.randrange(40, 70)))
    return "".join(parts)


def rss_feed(feed_no: int, entries: int, base: str, now: datetime) -> bytes:
    rng = random.Random(feed_no)
    items = []
    for n in range(entries):
        when = format_datetime(now - timedelta(minutes=feed_no * 7 + n * 13))
        title = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} report {feed_no}-{n}"
        items.append(
            "<item>"
            f"<title>{escape(title)}</title>"
            f"<link>{base}/story/{feed_no}/{n}?utm_source=rss</link>"
            f'<guid isPermaLink="false">feed{feed_no}-item{n}</guid>'
            f"<pubDate>{when}</pubDate>"
            f"<dc:creator>Reporter {rng.randrange(40)}</dc:creator>"
            f"<category>{rng.choice(WORDS)}</category>"
            f"<description>{escape(paragraph(rng, 30))}</description>"
            f"<content:encoded><![CDATA[{entry_html(rng)}]]></content:encoded>"
            f'<media:content url="{base}/photos/{feed_no}-{n}.jpg" medium="image" width="1200">'
            "<media:description>Workers on the quay.</media:description>"
            "<media:credit>Example Wire</media:credit></media:content>"
            "</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">'
        f"<channel><title>Bench outlet {feed_no}</title><link>{base}/</link>"
        f"<description>Generated feed {feed_no}</description>" + "".join(items) + "</channel></rss>"
    ).encode()


def _serve(addresses: list[str], port: int, feeds: dict[str, bytes], ready: mp.Event) -> None:
    etags = {path: '"' + hashlib.sha1(body).hexdigest()[:16] + '"' for path, body in feeds.items()}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            body = feeds.get(self.path)
            if body is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            etag = etags[self.path]
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    servers = []
    for address in addresses:
        srv = ThreadingHTTPServer((address, port), Handler)
        srv.daemon_threads = True
        servers.append(srv)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
    ready.set()
    threading.Event().wait()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class FeedServer:
    """Feed k at http://127.0.0.(k % hosts + 1):port/feeds/k.xml, from another process."""

    def __init__(self, n_feeds: int, entries: int, hosts: int = 10, port: int = 0):
        self.addresses = [f"127.0.0.{i + 1}" for i in range(hosts)]
        self.port = port = port or _free_port()
        now = datetime.now(UTC)
        self.urls = []
        feeds = {}
        for k in range(n_feeds):
            base = f"http://{self.addresses[k % hosts]}:{port}"
            feeds[f"/feeds/{k}.xml"] = rss_feed(k, entries, base, now)
            self.urls.append(f"{base}/feeds/{k}.xml")
        self.total_bytes = sum(map(len, feeds.values()))
        ctx = mp.get_context("fork")
        ready = ctx.Event()
        self.proc = ctx.Process(
            target=_serve, args=(self.addresses, port, feeds, ready), daemon=True
        )
        self.proc.start()
        if not ready.wait(30):
            raise RuntimeError("feed server did not start")

    def close(self) -> None:
        self.proc.terminate()
        self.proc.join(5)
