"""Feeds written to hurt the parser, the sanitizer or the store. Each either fails with a
clear error (nothing stored changes) or is stored safely: the bad parts cut, stripped or
escaped, the good items all kept, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import json

from newsfeed.normalize.limits import MAX_TITLE_CHARS
from newsfeed.update.cpu import MAX_ENTRIES_PER_FEED
from tests.hostile.harness import (
    NOW,
    RSS,
    assert_refused,
    item,
    refresh,
    rss,
    snapshot,
    source_at,
    with_good_articles,
)
from tests.localserver import LocalServer, Response
from tests.queries import list_items

JSON_FEED = "application/feed+json"


def serve(server: LocalServer, body: bytes, ctype: str = RSS, path: str = "/feed") -> str:
    return server.route(path, body=body, headers={"Content-Type": ctype})


def json_feed(items: object) -> bytes:
    doc = {"version": "https://jsonfeed.org/version/1.1", "title": "Quay JSON", "items": items}
    return json.dumps(doc).encode()


def stored(store):
    return [store.articles.get(a.id) for a in list_items(store, limit=200).items]


def only_article(store, settings, server, body: bytes, ctype: str = RSS):
    """Serve `body` as a new source's feed, refresh it, and give its one stored article."""
    source = source_at(store, serve(server, body, ctype))
    result = refresh(store, settings, source)
    assert result.ok, result.summary
    (article,) = stored(store)
    return article


def refused_content(store, settings, server, body: bytes, ctype: str, code: str, *words: str):
    source = with_good_articles(store, settings, server)
    serve(server, body, ctype)
    before = snapshot(store)
    result = refresh(store, settings, source)
    assert_refused(store, source, result, before, code, *words)


# ── not feeds at all ─────────────────────────────────────────────────────────────────
def test_an_html_page_served_as_a_feed(store, settings, server):
    page = b"<!doctype html><html><head><title>Quay</title></head><body>Hi</body></html>"
    refused_content(store, settings, server, page, "text/html", "not_a_feed", "HTML page")


def test_an_empty_body(store, settings, server):
    refused_content(store, settings, server, b"", RSS, "not_a_feed", "empty")


def test_broken_json(store, settings, server):
    body = b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": '
    refused_content(store, settings, server, body, JSON_FEED, "bad_json", "broken JSON Feed")


def test_json_feed_whose_items_are_a_string(store, settings, server):
    body = json_feed("x")
    refused_content(store, settings, server, body, JSON_FEED, "not_a_feed", "not a list")


def test_json_nested_100000_deep(store, settings, server):
    body = b'{"version": "https://jsonfeed.org/version/1.1", "items": ' + b"[" * 100_000
    body += b"]" * 100_000 + b"}"
    refused_content(store, settings, server, body, JSON_FEED, "bad_json", "nested too deep")


# ── entity tricks ────────────────────────────────────────────────────────────────────
def billion_laughs() -> bytes:
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
        for n in range(1, 10)
    ]
    return (
        '<?xml version="1.0"?><!DOCTYPE rss [' + "".join(entities) + "]>"
        '<rss version="2.0"><channel><title>Laughs</title>'
        + item("l-1", "Laughing &lol9; matter", "Ha")
        + "</channel></rss>"
    ).encode()


def test_billion_laughs_is_never_expanded(store, settings, server):
    article = only_article(store, settings, server, billion_laughs())
    assert "lollol" not in article.title and "lollol" not in article.text
    assert len(article.title) < 100


def xxe_feed(system_id: str) -> bytes:
    """A feed whose title and body use an external entity `&x;` read from `system_id`."""
    return (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "{system_id}">]>'
        '<rss version="2.0"><channel><title>XXE</title>'
        + item("x-1", "Leak &x; here", "Body &x; here")
        + "</channel></rss>"
    ).encode()


def test_xxe_with_a_local_file_is_never_read(store, settings, server, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("QUAY-SECRET-4471")
    article = only_article(store, settings, server, xxe_feed(f"file://{secret}"))
    assert "QUAY-SECRET" not in article.title + article.text + article.content_html


def test_xxe_with_a_url_is_never_fetched(store, settings, server):
    leak = server.route("/leak", body=b"QUAY-REMOTE-SECRET")
    article = only_article(store, settings, server, xxe_feed(leak))
    assert server.hits("/leak") == 0
    assert "QUAY-REMOTE" not in article.title + article.text


# ── encodings and bytes the database refuses ─────────────────────────────────────────
def test_latin1_bytes_declared_as_utf8(store, settings, server):
    body = rss(item("e-1", "Caf\u00e9 on the quay", "Cr\u00e8me")).replace(
        b"Caf\xc3\xa9", b"Caf\xe9"
    )
    article = only_article(store, settings, server, body)
    assert article.title.startswith("Caf") and "quay" in article.title


def test_mixed_encodings_in_one_document(store, settings, server):
    utf8 = item("m-1", "Cr\u00e8me br\u00fbl\u00e9e", "ok").encode()
    latin = item("m-2", "Cr\u00e8me", "ok").encode("latin-1")
    body = rss().replace(b"</channel>", utf8 + latin + b"</channel>")
    source = source_at(store, serve(server, body))
    result = refresh(store, settings, source)
    assert result.ok, result.summary
    titles = sorted(a.title for a in stored(store))
    assert len(titles) == 2 and all(t.startswith("Cr") for t in titles), titles


def test_nul_bytes_and_lone_surrogates_in_every_field(store, settings, server):
    """PostgreSQL refuses NUL and lone surrogates: one such item used to fail the whole
    feed on every refresh. Now they are stripped and every item is kept."""
    bad = {
        "id": "n-\u0000-1",
        "url": "https://quay.example/n-1",
        "title": "Tide\u0000 tables \ud800 for December",
        "content_html": "<p>High water\u0000 at six.</p>",
        "summary": "\u0000",
        "authors": [{"name": "Ada\u0000 Quill"}],
        "tags": ["har\u0000bour"],
    }
    good = {"id": "n-2", "url": "https://quay.example/n-2", "title": "Fine", "content_text": "x"}
    source = source_at(store, serve(server, json_feed([bad, good]), JSON_FEED))
    result = refresh(store, settings, source)
    assert result.ok and result.new == 2, result.summary
    articles = {a.guid: a for a in stored(store)}
    tide = articles["n--1"]
    assert tide.title == "Tide tables \ufffd for December"
    assert "\x00" not in tide.text and "High water at six." in tide.text
    assert [a.name for a in tide.authors] == ["Ada Quill"]


# ── size ─────────────────────────────────────────────────────────────────────────────
def test_100000_nested_elements_are_kept_as_text(store, settings, server):
    nested = "&lt;div&gt;" * 100_000 + "Deep harbour news" + "&lt;/div&gt;" * 100_000
    article = only_article(store, settings, server, rss(item("d-1", "Deep", nested)))
    assert article.text == "Deep harbour news"
    assert "<div" not in article.content_html


def test_a_1_mb_title_is_cut(store, settings, server):
    article = only_article(store, settings, server, rss(item("t-1", "Quay " * 200_000, "B")))
    assert 0 < len(article.title) <= MAX_TITLE_CHARS and article.title.endswith("…")


def test_a_3_kb_guid_is_stored_and_keeps_its_identity(store, settings, server):
    guid = "g" * 3_000
    source = source_at(store, serve(server, rss(item(guid, "Long id", "Body"))))
    first = refresh(store, settings, source)
    assert first.ok and first.new == 1, first.summary
    second = refresh(store, settings, source)
    assert second.ok and second.new == 0, second.summary
    (article,) = stored(store)
    assert article.guid.startswith("sha256:")


def test_absurd_dates_are_not_read_as_other_dates(store, settings, server):
    dates = ["10000-01-01", "0000-00-00", "2024-13-45", "-0001-01-01", "9999-12-31T00:00:00Z"]
    items = [
        item(f"a-{n}", f"Date {n}", "x").replace("Tue, 17 Nov 2026 08:00:00 GMT", value)
        for n, value in enumerate(dates)
    ]
    source = source_at(store, serve(server, rss(*items)))
    result = refresh(store, settings, source)
    assert result.ok and result.new == len(dates), result.summary
    for article in stored(store):
        assert article.published_at.year != 2010, article.guid
        assert article.published_at <= NOW, article.guid


# ── identity ─────────────────────────────────────────────────────────────────────────
def test_items_sharing_one_guid_are_all_kept(store, settings, server):
    items = [item("same", f"Story {n}", "x", link=f"https://quay.example/s/{n}") for n in range(20)]
    source = source_at(store, serve(server, rss(*items)))
    first = refresh(store, settings, source)
    assert first.ok and first.new == 20, first.summary
    again = refresh(store, settings, source)
    assert again.ok and again.new == 0 and again.updated == 0, again.summary
    assert len(stored(store)) == 20


def test_guids_changing_on_every_fetch_do_not_duplicate(store, settings, server):
    turn = {"n": 0}

    def changing(request):
        turn["n"] += 1
        items = [
            item(f"r{turn['n']}-{k}", f"Story {k}", "x", link=f"https://quay.example/{k}")
            for k in range(3)
        ]
        return Response(rss(*items), headers={"Content-Type": RSS})

    source = source_at(store, server.route("/feed", changing))
    for _ in range(3):
        result = refresh(store, settings, source)
        assert result.ok, result.summary
    assert len(stored(store)) == 3


def test_100000_items_cost_a_bounded_amount_of_work(store, settings, server):
    items = "".join(f"<item><guid>{n}</guid><title>{n}</title></item>" for n in range(100_000))
    body = f'<rss version="2.0"><channel><title>Many</title>{items}</channel></rss>'.encode()
    source = source_at(store, serve(server, body))
    result = refresh(store, settings, source)
    assert result.ok and result.new == MAX_ENTRIES_PER_FEED, result.summary
    assert store.sources.get(source.id).article_count == MAX_ENTRIES_PER_FEED
