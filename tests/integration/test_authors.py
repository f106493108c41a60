"""Author lookups: authors a feed only names get their role, bio and photo from their
profile page or from one of their articles, once per lookup interval."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

from newsfeed.update.service import refresh_sources

PERSON = {
    "@type": "Person",
    "name": "Ada Brook",
    "jobTitle": "Science Editor",
    "description": "Ada Brook edits the science desk and writes about rivers.",
    "image": "/img/ada.png",
}


def html(jsonld: object) -> bytes:
    script = f'<script type="application/ld+json">{json.dumps(jsonld)}</script>'
    return f"<!doctype html><html><head>{script}</head><body><p>x</p></body></html>".encode()


def atom(base: str) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Courier</title><id>urn:c</id>
<updated>2026-11-25T10:00:00Z</updated>
<entry><title>Rivers rise</title><id>urn:c:1</id><link href="{base}/2026/rivers"/>
<updated>2026-11-25T10:00:00Z</updated>
<author><name>Ada Brook</name><uri>{base}/people/ada</uri></author>
<content type="html">&lt;p&gt;The river rose.&lt;/p&gt;</content></entry></feed>""".encode()


def rss(base: str) -> bytes:
    return f"""<?xml version="1.0"?><rss version="2.0"
xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Wire</title><link>{base}/</link>
<item><title>Dam holds</title><link>{base}/2026/dam</link><guid>w1</guid>
<dc:creator>Ben Cole</dc:creator><description>The dam held overnight.</description></item>
</channel></rss>""".encode()


def refresh(store, settings, ids):
    return asyncio.run(refresh_sources(store, settings, ids))


def test_authors_are_looked_up_once(store, settings, server):
    base = server.base
    server.route("/atom", body=atom(base), headers={"Content-Type": "application/atom+xml"})
    server.route("/rss", body=rss(base), headers={"Content-Type": "application/rss+xml"})
    server.route(
        "/people/ada",
        body=html({"@type": "ProfilePage", "mainEntity": PERSON}),
        headers={"Content-Type": "text/html"},
    )
    ben = {
        "@type": "Person",
        "name": "Ben Cole",
        "jobTitle": "Reporter",
        "description": "Ben Cole covers dams, locks and weirs.",
        "url": "/people/ben",
    }
    server.route(
        "/2026/dam",
        body=html({"@type": "NewsArticle", "author": ben}),
        headers={"Content-Type": "text/html"},
    )
    now = datetime.now(UTC)
    ids = [store.sources.add(base + p, full_text="never", now=now).id for p in ("/atom", "/rss")]

    results = refresh(store, settings, ids)
    assert [r.new for r in results] == [1, 1]
    ada = store.authors.get("ada-brook")
    assert (ada.role, ada.bio) == ("Science Editor", PERSON["description"])
    assert ada.avatar_url == base + "/img/ada.png"
    cole = store.authors.get("ben-cole")  # RSS names him only: found on his article
    assert (cole.role, cole.url) == ("Reporter", base + "/people/ben")
    assert cole.bio.startswith("Ben Cole covers dams")

    hits = server.hits("/people/ada") + server.hits("/2026/dam")
    body = rss(base).replace(
        b"<item>",
        b"<item><title>Second</title><link>x</link><guid>w2</guid>"
        b"<dc:creator>Cy Dunn</dc:creator></item><item>",
        1,
    )
    server.route("/rss", body=body, headers={"Content-Type": "application/rss+xml"})
    refresh(store, settings, ids)
    assert server.hits("/people/ada") + server.hits("/2026/dam") == hits  # known: not again


def test_a_site_without_author_data_is_asked_once_per_interval(store, settings, server):
    base = server.base
    server.route("/rss", body=rss(base), headers={"Content-Type": "application/rss+xml"})
    server.route(
        "/2026/dam",
        body=b"<html><body>No data</body></html>",
        headers={"Content-Type": "text/html"},
    )
    source = store.sources.add(base + "/rss", full_text="never", now=datetime.now(UTC))
    refresh(store, settings, [source.id])
    assert server.hits("/2026/dam") == 1
    assert store.authors.get("ben-cole").bio is None
    leads = store.authors.to_enrich(now=datetime.now(UTC), limit=10, retry_s=3600)
    assert leads == []  # checked: not due again within the interval
