"""Servers that waste our time, memory or patience: every one ends the refresh with a
clear error on the source (no hang, no memory blow-up) and leaves the stored articles as
they were. The source first gets two good articles from a well-behaved route."""

from __future__ import annotations

import gzip
import zlib

import pytest

from newsfeed.model import Source, SourceEdit
from tests.hostile import rawserver
from tests.hostile.harness import (
    NOW,
    RSS,
    assert_refused,
    refresh,
    snapshot,
    with_good_articles,
)
from tests.localserver import LocalServer, Response


@pytest.fixture
def quick(settings):
    return settings.replace(fetch_timeout_s=2.0, max_body_bytes=5_000_000)


def moved(store, source: Source, url: str) -> Source:
    """The source now points at `url` (the same articles stay stored)."""
    return store.sources.edit(source.id, SourceEdit(url=url))


def against(store, settings, server: LocalServer, url: str) -> tuple[Source, object, object]:
    """A source holding two good articles, moved to `url` and refreshed: (source, result,
    snapshot taken before that refresh)."""
    source = moved(store, with_good_articles(store, settings, server), url)
    before = snapshot(store)
    return source, refresh(store, settings, source), before


def against_raw(store, settings, server: LocalServer, behaviour) -> tuple[Source, object, object]:
    with rawserver.RawServer(behaviour) as raw:
        return against(store, settings, server, raw.url())


def test_a_redirect_loop_stops(store, quick, server: LocalServer):
    source = with_good_articles(store, quick, server)
    server.redirect("/a", server.url("/b"), status=302)
    server.redirect("/b", server.url("/a"), status=302)
    source = moved(store, source, server.url("/a"))
    before = snapshot(store)
    result = refresh(store, quick, source)
    assert_refused(store, source, result, before, "too_many_redirects", "more than 5 redirects")
    assert server.hits("/a") + server.hits("/b") == quick.max_redirects + 1


def test_a_200_mb_body_is_cut_off_at_the_cap(store, quick, server: LocalServer):
    source, result, before = against_raw(store, quick, server, rawserver.endless)
    assert_refused(store, source, result, before, "too_large", "larger than 5,000,000 bytes")


def test_a_declared_200_mb_body_is_refused_before_reading(store, quick, server: LocalServer):
    def huge(conn):
        conn.sendall(rawserver.head(200 * 1024 * 1024) + b"<rss>")

    source, result, before = against_raw(store, quick, server, huge)
    assert_refused(store, source, result, before, "too_large", "larger than")


def test_a_lying_content_length_is_an_error(store, quick, server: LocalServer):
    source, result, before = against_raw(store, quick, server, rawserver.lies_about_length)
    assert_refused(store, source, result, before, "connection_failed", source.url)


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
def test_a_compression_bomb_is_inflated_only_up_to_the_cap(
    store, quick, server: LocalServer, encoding
):
    zeros = b"\0" * (200 * 1024 * 1024)
    bomb = gzip.compress(zeros, 9) if encoding == "gzip" else zlib.compress(zeros, 9)
    assert len(bomb) < 300_000
    headers = {"Content-Type": RSS, "Content-Encoding": encoding}
    url = server.route("/bomb", body=bomb, headers=headers)
    source, result, before = against(store, quick, server, url)
    assert_refused(store, source, result, before, "too_large", "larger than 5,000,000 bytes")


@pytest.mark.parametrize(
    "behaviour", [rawserver.drips, rawserver.never_answers], ids=["drips", "silent"]
)
def test_a_slow_server_hits_the_total_deadline(store, quick, server: LocalServer, behaviour):
    source, result, before = against_raw(store, quick, server, behaviour)
    assert_refused(store, source, result, before, "timeout", "no complete answer within 2 s")


def test_429_with_retry_after_backs_off_as_asked(store, quick, server: LocalServer):
    busy = Response(b"slow down", status=429, headers={"Retry-After": "7200"})
    source, result, before = against(store, quick, server, server.route("/busy", busy))
    assert_refused(store, source, result, before, "http_429", "retry after 7200 s")
    shown = store.sources.get(source.id)
    assert shown.next_fetch_at is not None
    assert (shown.next_fetch_at - NOW).total_seconds() >= 7200
