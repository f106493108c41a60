"""Helpers for tests and benchmarks: generated articles, and the app served by a real
uvicorn server on 127.0.0.1 in a background thread."""

from __future__ import annotations

import hashlib
import itertools
import random
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

import uvicorn
from starlette.types import ASGIApp

from newsfeed.model import ArticleData, Author, Image

WORDS = [
    "harbour",
    "council",
    "river",
    "budget",
    "vote",
    "school",
    "storm",
    "bridge",
    "festival",
    "market",
    "rail",
    "energy",
    "water",
    "museum",
    "library",
    "ferry",
    "orchard",
    "clinic",
    "stadium",
    "tunnel",
    "garden",
    "airport",
    "harvest",
    "lighthouse",
    "quarry",
    "archive",
    "theatre",
    "tramway",
    "glacier",
    "vineyard",
]
PEOPLE = (
    ("Mara Lindqvist", "Reporter", "Covers city hall and the harbour."),
    ("Tomas Okafor", "Data editor", "Writes about budgets, transport and numbers."),
    ("Ines Albright", "Science correspondent", "Follows climate, rivers and glaciers."),
)


SYLLABLES = (
    "ka", "lo", "mi", "ren", "sa", "tor", "vel", "dun", "is", "pra",
    "me", "ko", "lin", "har", "od", "tes", "gra", "fu", "ne", "wil",
)  # fmt: skip


def _vocabulary(size: int = 5_000) -> list[str]:
    """Made-up words of 2–4 syllables, so that text has a realistic spread of rare words."""
    rng = random.Random(7)
    words: dict[str, None] = {}
    while len(words) < size:
        words["".join(rng.choices(SYLLABLES, k=rng.randint(2, 4)))] = None
    return list(words)


VOCABULARY = _vocabulary()
_ZIPF = list(itertools.accumulate(1 / rank for rank in range(1, len(VOCABULARY) + 1)))


def vocabulary_word(rank: int) -> str:
    """The word at this frequency rank (1 = most common): rank r is in about 20/r of all
    generated articles."""
    return VOCABULARY[rank - 1]


def _words(seed: int, count: int) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choices(VOCABULARY, cum_weights=_ZIPF, k=count))


def sample_article(
    i: int,
    now: datetime,
    *,
    step: timedelta = timedelta(minutes=7),
    words: int = 180,
    prefix: str = "g",
) -> ArticleData:
    """Article number `i`, published `i * step` before `now`; every third has a photo."""
    topic = WORDS[i % len(WORDS)]
    body = _words(i, words)
    title = f"{topic.title()} plan {i} divides the {WORDS[(i + 3) % len(WORDS)]} committee"
    name, role, bio = PEOPLE[i % len(PEOPLE)]
    image = None
    if i % 3 == 0:
        image = Image(
            url=f"https://images.example.invalid/{i}.jpg",
            caption=f"The {topic} site on a grey morning.",
            credit="Photo: Lee Marsh / Harbour Gazette",
            alt=f"The {topic} site",
            width=1200,
            height=800,
        )
    return ArticleData(
        guid=f"{prefix}{i}",
        url=f"https://gazette.example.invalid/{prefix}/{i}",
        title=title,
        dek=f"Residents weigh in on the {topic} proposal before Thursday's vote.",
        content_html=f"<p>{body}</p><p>Officials said the {topic} decision will come soon.</p>",
        text=f"{body} Officials said the {topic} decision will come soon.",
        language="en",
        published_at=now - step * i,
        updated_at=None,
        word_count=words + 8,
        reading_minutes=max(1, round((words + 8) / 265)),
        content_hash=hashlib.blake2b(f"{title}{body}".encode(), digest_size=8).hexdigest(),
        authors=(Author(name=name, role=role, bio=bio),),
        image=image,
        tags=(topic.title(), "Local news"),
    )


def sample_articles(
    count: int, now: datetime, *, start: int = 0, **kw: object
) -> list[ArticleData]:
    return [sample_article(i, now, **kw) for i in range(start, start + count)]  # type: ignore[arg-type]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve_in_thread(app: ASGIApp, port: int | None = None) -> Iterator[str]:
    """Run `app` under uvicorn on 127.0.0.1 in a thread; yields the base URL."""
    port = port or free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, access_log=False, log_level="warning", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
