"""The demo corpus as shipped: enough articles, outlets, authors, photos, events and
revisions, all consistent, and the rendered site in every promised format."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
import pytest
from lxml import html as lxml_html

from newsfeed.demo import STATIC_DIR, load_corpus, render_site
from newsfeed.demo.corpus import DATA_DIR, Corpus
from newsfeed.demo.markup import plain_text, reading_minutes, word_count
from newsfeed.errors import InvalidInput

NOW = datetime(2025, 3, 14, 12, 0, tzinfo=UTC)
BASE = "http://127.0.0.1:9"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus()


@pytest.fixture(scope="module")
def site(corpus: Corpus) -> dict[str, tuple[bytes, str]]:
    return render_site(corpus, now=NOW, phase=1, base_url=BASE)


@pytest.fixture(scope="module")
def site2(corpus: Corpus) -> dict[str, tuple[bytes, str]]:
    return render_site(corpus, now=NOW, phase=2, base_url=BASE)


def words(body: str) -> int:
    return word_count(plain_text(body))


def test_size_span_and_lengths(corpus: Corpus) -> None:
    assert len(corpus.articles) >= 72
    assert max(a.hours_ago for a in corpus.articles) >= 100  # about five days
    assert min(a.hours_ago for a in corpus.articles) <= 3
    counts = [words(a.body) for a in corpus.articles]
    assert min(counts) >= 150 and max(counts) <= 900
    assert {reading_minutes(n) for n in counts} == {1, 2, 3, 4}


def test_every_article_is_complete(corpus: Corpus) -> None:
    for article in corpus.articles:
        assert article.title and article.dek, article.id
        assert 1 <= len(article.authors) <= 2, article.id
        assert article.tags, article.id
    with_photo = [a for a in corpus.articles if a.photo]
    assert len(with_photo) >= 0.8 * len(corpus.articles)
    for article in with_photo:
        assert article.photo and article.photo.alt and article.photo.caption, article.id
        assert article.photo.credit, article.id


def test_outlets_and_authors(corpus: Corpus) -> None:
    formats = {o.format for o in corpus.outlets}
    assert {"rss20", "rss20-teaser", "atom", "jsonfeed", "rdf", "page"} <= formats
    assert len([o for o in corpus.outlets if o.feed_path]) >= 6
    assert len(corpus.authors) >= 14
    for author in corpus.authors:
        assert author.role and author.bio.count(".") >= 1, author.id
        assert (STATIC_DIR / author.avatar_file).is_file(), author.id
    used = {a for article in corpus.articles for a in article.authors}
    assert used == {a.id for a in corpus.authors}


def test_images_are_small_and_shipped(corpus: Corpus) -> None:
    for article in corpus.articles:
        if article.photo:
            size = (STATIC_DIR / article.photo.file).stat().st_size
            assert 5_000 < size < 40_000, article.id
    package = Path(STATIC_DIR).parent
    total = sum(p.stat().st_size for p in package.rglob("*") if p.is_file())
    assert total < 3_000_000


def test_events_are_covered_by_three_outlets_hours_apart(corpus: Corpus) -> None:
    events = corpus.events()
    assert len(events) >= 6
    for event, articles in events.items():
        assert len({a.outlet for a in articles}) >= 3, event
        times = sorted(a.hours_ago for a in articles)
        assert times[-1] - times[0] >= 3, event
        assert len({a.title for a in articles}) == len(articles), event


def test_revisions_change_title_or_body(corpus: Corpus) -> None:
    revised = [corpus.article(r.article) for r in corpus.revisions]
    assert len(revised) >= 3
    for article in revised:
        after = corpus.at_phase(article, 2)
        assert (after.title, after.body) != (article.title, article.body)
        assert after.updated_hours_ago is not None
        assert after.updated_hours_ago < article.hours_ago
    assert sum(1 for a in revised if corpus.at_phase(a, 2).title != a.title) >= 2


def test_a_broken_article_file_is_a_clear_error(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    (data / "articles" / "broken.md").write_text("no front matter here\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as err:
        load_corpus(data)
    assert err.value.code == "bad_corpus" and "broken.md" in err.value.message


def test_an_unknown_author_is_a_clear_error(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = next((data / "articles").glob("*.md"))
    text = re.sub(r"^authors: .*$", "authors: nobody-at-all", path.read_text(), flags=re.M)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InvalidInput, match="nobody-at-all"):
        load_corpus(data)


# ── the rendered site ────────────────────────────────────────────────────────────────
def feed_of(site: dict[str, tuple[bytes, str]], path: str) -> feedparser.FeedParserDict:
    body, _ = site[path]
    return feedparser.parse(body)


def test_feed_formats(site: dict[str, tuple[bytes, str]]) -> None:
    assert feed_of(site, "/northgate-wire/feed.rss").version == "rss20"
    assert feed_of(site, "/harbor-city-ledger/feed.rss").version == "rss20"
    assert feed_of(site, "/exchange-courier/feed.atom").version == "atom10"
    assert feed_of(site, "/kernel-street/feed.atom").version == "atom10"
    assert feed_of(site, "/lowland-broadcasting/feed.rdf").version == "rss10"
    jf = json.loads(site["/parallax/feed.json"][0])
    assert jf["version"] == "https://jsonfeed.org/version/1.1"
    assert all(a["avatar"].startswith("/static/demo/") for i in jf["items"] for a in i["authors"])


def test_full_rss_carries_media_and_creators(site: dict[str, tuple[bytes, str]]) -> None:
    feed = feed_of(site, "/northgate-wire/feed.rss")
    assert not feed.bozo
    entry = feed.entries[0]
    assert len(entry.content[0].value.split()) > 100
    assert entry.author and entry.tags
    assert entry.media_content[0]["url"].startswith("/static/demo/")
    body = site["/northgate-wire/feed.rss"][0].decode()
    assert "<media:description" in body and "<media:credit" in body


def test_teaser_feed_has_short_items_and_pages_beside_it(
    site: dict[str, tuple[bytes, str]],
) -> None:
    feed = feed_of(site, "/harbor-city-ledger/feed.rss")
    assert len(feed.entries) >= 10
    for entry in feed.entries:
        assert len(entry.summary.split()) < 60
        assert "content" not in entry
        assert entry.link.removeprefix(BASE) in site


def test_dates_are_relative_to_now(site: dict[str, tuple[bytes, str]], corpus: Corpus) -> None:
    newest = min(corpus.articles, key=lambda a: a.hours_ago)
    body = site[f"/{newest.outlet}/news/{newest.id}.html"][0].decode()
    expected = NOW - timedelta(hours=newest.hours_ago)
    assert expected.strftime("%Y-%m-%dT%H:%M") in body
    rss = feed_of(site, "/northgate-wire/feed.rss").entries
    published = max(parsedate_to_datetime(e.published) for e in rss)
    assert NOW - timedelta(days=5) < published < NOW


def test_article_page_is_publisher_style(site: dict[str, tuple[bytes, str]]) -> None:
    page = site["/harbor-city-ledger/news/eastbank-braces-for-flood.html"][0].decode()
    tree = lxml_html.fromstring(page)
    assert tree.xpath("//figure/figcaption/span[@class='credit']/text()") == [
        "(Harbor City Ledger)"
    ]
    box = tree.xpath("//section[@class='author-box']")[0]
    assert box.xpath(".//img/@alt") == ["Avatar"]
    assert box.xpath(".//p[@class='author-role']/text()") == ["City Hall Reporter"]
    assert "Read more" in box.text_content()
    assert tree.xpath("//aside[@class='news-feed']/h2/text()") == ["News Feed"]
    assert "Show More" in page
    assert re.search(r"\d min read", page)
    ld = json.loads(tree.xpath("//script[@type='application/ld+json']/text()")[0])
    assert ld["@type"] == "NewsArticle"
    assert ld["author"][0]["jobTitle"] == "City Hall Reporter"
    assert ld["image"]["creditText"] == "(Harbor City Ledger)"


def test_phase_two_applies_revisions(
    site: dict[str, tuple[bytes, str]], site2: dict[str, tuple[bytes, str]]
) -> None:
    before = feed_of(site, "/northgate-wire/feed.rss").entries
    after = feed_of(site2, "/northgate-wire/feed.rss").entries
    titles = {e.title for e in after} - {e.title for e in before}
    assert titles == {"Central Reserve raises key rate by a quarter point to 4.00%"}
    assert {e.id for e in before} == {e.id for e in after}
    assert site["/parallax/feed.json"] != site2["/parallax/feed.json"]
    assert site["/exchange-courier/feed.atom"] == site2["/exchange-courier/feed.atom"]


def test_every_link_and_image_on_the_site_resolves(site: dict[str, tuple[bytes, str]]) -> None:
    missing: Counter[str] = Counter()
    for body, ctype in site.values():
        if not ctype.startswith("text/html"):
            continue
        tree = lxml_html.fromstring(body)
        for ref in tree.xpath("//a/@href | //img/@src"):
            target = ref.removeprefix(BASE).split("#")[0]
            if target.startswith("/") and target not in site:
                missing[target] += 1
    assert not missing
