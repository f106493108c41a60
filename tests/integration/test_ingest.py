"""The ingest pipeline end to end: a real local HTTP server serves feeds, the real fetcher
gets them, and we assert what the real database holds afterwards."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsfeed.errors import AlreadyExists, InvalidInput, ParseError
from newsfeed.update.service import add_source, refresh_sources
from tests.queries import list_items, search_items

DATA = Path(__file__).parent.parent / "data" / "ingest"
RSS = "application/rss+xml; charset=utf-8"


@pytest.fixture
def settings(settings):
    """These fixtures' articles and authors live on hosts we do not serve: no author
    lookups here (tests/integration/test_authors.py covers them)."""
    return settings.replace(author_lookups=False)


def serve_file(server, path: str, name: str, ctype: str = RSS, **kw) -> str:
    return server.route(
        path, body=(DATA / name).read_bytes(), headers={"Content-Type": ctype}, **kw
    )


def add(store, settings, url: str, **kw):
    """Add a source; these fixtures' article pages live on hosts we do not serve, so full
    text is off unless a test asks for it (tests/integration/test_fulltext.py does)."""
    kw.setdefault("full_text", "never")
    return asyncio.run(add_source(store, settings, url, **kw))


def refresh(store, settings, ids=None, **kw):
    return asyncio.run(refresh_sources(store, settings, ids, **kw))


def articles_of(store, source_id: int):
    return {a.guid: store.articles.get(a.id) for a in list_items(store, source_id=source_id).items}


def test_rss_with_photo_caption_credit_authors_and_tags(store, settings, server):
    url = serve_file(server, "/ledger.rss", "harbor.rss")
    source = add(store, settings, url)
    assert source.title == "Harbor City Ledger"
    (result,) = refresh(store, settings, [source.id])
    assert result.ok and result.new == 2, result.summary

    stored = articles_of(store, source.id)
    barrier = stored["ledger-1001"]
    assert barrier.title == "Council approves “floating” flood barrier for the old port"
    assert barrier.url == "https://ledger.example/2026/11/flood-barrier"  # utm_* removed
    assert [a.name for a in barrier.authors] == ["Ines Calloway"]
    assert {t.name for t in barrier.tags} == {"City", "Climate"}
    assert barrier.image is not None
    assert barrier.image.url == "https://ledger.example/img/barrier.jpg"
    assert barrier.image.caption == "Workers inspect a test gate at the old port on Nov. 20, 2026."
    assert barrier.image.credit == "Tomas Brandt/Harbor City Ledger"
    assert barrier.dek and barrier.dek.startswith("The 40-million project")
    assert barrier.published_at == datetime(2026, 11, 24, 7, 30, tzinfo=UTC)
    assert "<script" not in barrier.content_html and "onclick" not in barrier.content_html
    assert "sandbagging" in barrier.text
    assert barrier.reading_minutes == 1 and barrier.word_count > 80

    ferries = stored["ledger-1002"]
    assert "forty minutes" in ferries.text  # summary-only item becomes the body
    source = store.sources.get(source.id)
    assert source.last_success_at is not None and source.error_count == 0
    # <ttl>60</ttl> → next fetch in an hour (not earlier than min_interval_s)
    assert source.next_fetch_at - source.last_fetched_at == timedelta(minutes=60)


def test_atom_xhtml_relative_urls_and_figure_credit(store, settings, server):
    url = serve_file(server, "/lumen.atom", "science.atom", "application/atom+xml")
    source = add(store, settings, url)
    refresh(store, settings, [source.id])
    (article,) = articles_of(store, source.id).values()
    assert article.title == "Probe Kestrel sends first images from the ice moon"
    assert article.image is not None
    assert article.image.url == "https://lumen.example/articles/img/kestrel-ridge.jpg"
    assert article.image.caption.startswith("Ridges near the moon's south pole")
    assert article.image.credit == "Kestrel mission team"
    assert 'href="https://lumen.example/articles/methods"' in article.content_html
    assert "kestrel-ridge.jpg" not in article.content_html  # lead photo not shown twice
    assert article.authors[0].name == "Dr. Yuki Tanabe"
    assert article.updated_at == datetime(2026, 11, 25, 9, 40, tzinfo=UTC)
    assert article.language == "en"


def test_rdf_splits_two_authors(store, settings, server):
    url = serve_file(server, "/wire.rdf", "wire.rdf", "application/rdf+xml")
    source = add(store, settings, url)
    refresh(store, settings, [source.id])
    (article,) = articles_of(store, source.id).values()
    assert [a.name for a in article.authors] == ["Lena Fischer", "Omar Haddad"]
    assert article.title == "Central bank holds rates at 3.25%"
    assert [t.name for t in article.tags] == ["Economy"]


def test_json_feed_authors_with_avatar_and_image(store, settings, server):
    url = serve_file(server, "/feed.json", "tech.json", "application/feed+json")
    source = add(store, settings, url)
    assert source.title == "Circuit Notes"
    refresh(store, settings, [source.id])
    (article,) = articles_of(store, source.id).values()
    (author,) = article.authors
    assert author.name == "Rosa Achebe"
    assert author.avatar_url == "https://circuit.example/avatars/rosa.png"
    assert article.image and article.image.url == "https://circuit.example/img/fab.jpg"
    assert article.published_at == datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def test_second_refresh_is_a_304_and_writes_nothing(store, settings, server):
    url = serve_file(server, "/ledger.rss", "harbor.rss", etag='"v1"')
    source = add(store, settings, url)
    refresh(store, settings, [source.id])
    before = {a.id: a.fetched_at for a in list_items(store).items}

    (again,) = refresh(store, settings, [source.id])
    assert again.ok and again.not_modified
    assert server.requests[-1].headers.get("if-none-match") == '"v1"'
    assert {a.id: a.fetched_at for a in list_items(store).items} == before


def test_unchanged_items_cost_no_write_and_changed_items_keep_a_revision(store, settings, server):
    body = (DATA / "harbor.rss").read_bytes()
    server.route("/ledger.rss", body=body, headers={"Content-Type": RSS})
    source = add(store, settings, server.url("/ledger.rss"))
    refresh(store, settings, [source.id])

    (same,) = refresh(store, settings, [source.id])  # no ETag: full body again, same items
    assert (same.new, same.updated, same.unchanged) == (0, 0, 2)

    changed = body.replace(b"voted 31 to 9", b"voted 30 to 10").replace(
        b"Ferry timetable changes", b"Ferry timetable cuts"
    )
    server.route("/ledger.rss", body=changed, headers={"Content-Type": RSS})
    (upd,) = refresh(store, settings, [source.id])
    assert (upd.new, upd.updated, upd.unchanged) == (0, 2, 0)
    ferries = articles_of(store, source.id)["ledger-1002"]
    assert ferries.title == "Ferry timetable cuts for the winter season"
    assert [r.title for r in ferries.revisions] == ["Ferry timetable changes for the winter season"]


def test_redirect_is_followed(store, settings, server):
    serve_file(server, "/new/feed.rss", "harbor.rss")
    server.redirect("/old/feed.rss", server.url("/new/feed.rss"))
    source = add(store, settings, server.url("/old/feed.rss"), discover=False)
    (result,) = refresh(store, settings, [source.id])
    assert result.ok and result.new == 2


def test_bad_sources_do_not_stop_the_others(store, settings, server):
    good = serve_file(server, "/good.rss", "harbor.rss")
    slow = server.route("/slow.rss", body=b"<rss/>", delay_s=3.0)
    broken = server.route("/broken.rss", status=500, body=b"oops")
    garbage = server.route("/garbage.rss", body=bytes(range(256)) * 20)
    missing = server.url("/missing.rss")
    fast = settings.replace(fetch_timeout_s=1.0)
    ids = {
        name: store.sources.add(url, full_text="never", now=datetime.now(UTC)).id
        for name, url in [
            ("good", good),
            ("slow", slow),
            ("broken", broken),
            ("garbage", garbage),
            ("missing", missing),
        ]
    }
    results = {r.source_id: r for r in refresh(store, fast, list(ids.values()))}
    assert results[ids["good"]].ok and results[ids["good"]].new == 2
    expected = {
        "slow": "timeout",
        "broken": "http_500",
        "garbage": "not_a_feed",
        "missing": "http_404",
    }
    for name, code in expected.items():
        r = results[ids[name]]
        assert not r.ok and r.error_code == code, (name, r)
        s = store.sources.get(ids[name])
        assert s.error_count == 1 and s.last_error_code == code and s.last_error
        assert s.next_fetch_at > s.last_fetched_at


def test_errors_back_off_exponentially(store, settings, server):
    url = server.route("/down.rss", status=503, body=b"", headers={"Retry-After": "10"})
    source = store.sources.add(url, full_text="never", now=datetime.now(UTC))
    gaps = []
    for _ in range(3):
        refresh(store, settings, [source.id])
        s = store.sources.get(source.id)
        gaps.append((s.next_fetch_at - s.last_fetched_at).total_seconds())
    assert gaps == [
        settings.min_interval_s,
        2 * settings.min_interval_s,
        4 * settings.min_interval_s,
    ]
    assert store.sources.get(source.id).error_count == 3


def test_a_broken_feed_keeps_what_was_stored(store, settings, server):
    url = serve_file(server, "/ledger.rss", "harbor.rss")
    source = add(store, settings, url)
    refresh(store, settings, [source.id])
    server.route(
        "/ledger.rss",
        body=b"<html><body>maintenance</body></html>",
        headers={"Content-Type": "text/html"},
    )
    (result,) = refresh(store, settings, [source.id])
    assert not result.ok and result.error_code == "not_a_feed"
    assert len(list_items(store, source_id=source.id).items) == 2


def test_add_finds_the_feed_of_a_web_site(store, settings, server):
    feed = serve_file(server, "/news/feed.xml", "harbor.rss")
    server.route(
        "/",
        body=b'<html><head><title>Ledger</title><link rel="alternate" '
        b'type="application/rss+xml" href="/news/feed.xml"></head><body>Hi</body></html>',
        headers={"Content-Type": "text/html; charset=utf-8"},
    )
    source = add(store, settings, server.url("/"))
    assert source.url == feed
    assert source.title == "Harbor City Ledger"


def test_add_rejects_bad_input_and_stores_nothing(store, settings, server):
    for bad in ["", "ftp://example.com/feed", "not a url", "javascript:alert(1)"]:
        with pytest.raises(InvalidInput):
            add(store, settings, bad)
    page = server.route(
        "/plain",
        body=b"<html><body><p>No feed here.</p></body></html>",
        headers={"Content-Type": "text/html"},
    )
    with pytest.raises(ParseError) as info:
        add(store, settings, page)
    assert info.value.code == "not_a_feed"
    with pytest.raises(InvalidInput):
        add(store, settings, page, kind="podcast")
    assert store.sources.all() == []
    url = serve_file(server, "/ledger.rss", "harbor.rss")
    add(store, settings, url)
    with pytest.raises(AlreadyExists):
        add(store, settings, url)


def test_due_sources_are_claimed_once(store, settings, server):
    url = serve_file(server, "/ledger.rss", "harbor.rss")
    store.sources.add(url, full_text="never", now=datetime.now(UTC) - timedelta(minutes=1))
    first = refresh(store, settings)
    assert [r.new for r in first] == [2]
    assert refresh(store, settings) == []  # not due again until its next_fetch_at


def test_search_finds_new_articles_at_once(store, settings, server):
    url = serve_file(server, "/ledger.rss", "harbor.rss")
    source = add(store, settings, url)
    refresh(store, settings, [source.id])
    hits = search_items(store, "sandbagging").items
    assert [h.article.guid for h in hits] == ["ledger-1001"]


def test_gzip_served_feed(store, settings, server):
    url = serve_file(server, "/z.rss", "harbor.rss", gzip=True)
    source = add(store, settings, url)
    (result,) = refresh(store, settings, [source.id])
    assert result.new == 2
    assert "gzip" in server.requests[-1].headers.get("accept-encoding", "")


def test_future_dates_are_not_trusted(store, settings, server):
    body = (
        (DATA / "harbor.rss")
        .read_bytes()
        .replace(b"Tue, 24 Nov 2026 08:30:00 +0100", b"Tue, 24 Nov 2099 08:30:00 +0100")
    )
    server.route("/f.rss", body=body, headers={"Content-Type": RSS})
    source = add(store, settings, server.url("/f.rss"))
    refresh(store, settings, [source.id])
    newest = list_items(store, source_id=source.id).items[0]
    assert newest.published_at <= datetime.now(UTC) + timedelta(hours=1)


def test_big_refresh_parses_in_worker_processes(store, settings, server):
    """8+ sources: parse + normalize run in a process pool; results and error codes come
    back the same as inline."""
    from newsfeed.update import cpu

    body = (DATA / "harbor.rss").read_bytes()
    urls = [server.route(f"/f{i}.rss", body=body, headers={"Content-Type": RSS}) for i in range(8)]
    urls.append(server.route("/junk.rss", body=b"\x00\x01 not a feed"))
    now = datetime.now(UTC)
    ids = [store.sources.add(u, full_text="never", now=now).id for u in urls]
    pooled = settings.replace(parse_processes=1)
    assert cpu.processes_for(pooled.parse_processes, len(ids)) == 1
    results = refresh(store, pooled, ids)
    assert [r.new for r in results[:8]] == [2] * 8
    assert results[8].error_code == "not_a_feed" and "feed" in results[8].error_message
    barrier = search_items(store, "sandbagging").items[0].article
    assert barrier.image and barrier.image.credit == "Tomas Brandt/Harbor City Ledger"


def test_a_dead_parse_worker_is_replaced(store, settings, server):
    """A worker process killed mid-life (out of memory, say) costs one inline parse; the
    next big refresh gets fresh workers."""
    import os
    import signal

    from newsfeed.update import cpu

    body = (DATA / "harbor.rss").read_bytes()
    urls = [server.route(f"/p{i}.rss", body=body, headers={"Content-Type": RSS}) for i in range(8)]
    now = datetime.now(UTC)
    ids = [store.sources.add(u, full_text="never", now=now).id for u in urls]
    pooled = settings.replace(parse_processes=1)
    assert [r.new for r in refresh(store, pooled, ids)] == [2] * 8
    for pid in list(cpu._shared_pool(1)._processes):
        os.kill(pid, signal.SIGKILL)
    results = refresh(store, pooled, ids, force=True)
    assert all(r.ok for r in results), [r.summary for r in results if not r.ok]
    results = refresh(store, pooled, ids)
    assert all(r.ok for r in results)
