"""What a reader sees and clicks, in real headless Chromium over the demo corpus."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from newsfeed.web.testing import sample_articles
from tests.browser.conftest import open_page
from tests.queries import list_items

ITEMS = "#feed-items > li"


def feed_ids(page) -> list[int]:
    return [int(x) for x in page.locator(ITEMS).evaluate_all("els => els.map(e => e.dataset.id)")]


def store_order(store, **filters) -> list[int]:
    return [a.id for a in list_items(store, limit=1000, **filters).items]


def click_show_more_until_done(page, between=None) -> int:
    clicks = 0
    while page.locator("a[data-show-more][data-main]").count():
        before = page.locator(ITEMS).count()
        page.locator("a[data-show-more][data-main]").click()
        page.locator("a[data-show-more][aria-busy]").wait_for(state="detached")
        assert page.locator(ITEMS).count() > before
        clicks += 1
        if between:
            between()
    return clicks


def test_feed_renders(page, base_url, store, artifacts):
    page.goto(base_url + "/")
    assert page.locator("h1").all_inner_texts() == ["News Feed"]
    assert feed_ids(page) == store_order(store)[:30]
    first = page.locator(ITEMS).first
    assert first.locator(".story__outlet").inner_text()
    assert re.search(r"\d+ min read", first.locator(".read-time").inner_text())
    assert first.locator("time").get_attribute("datetime")
    assert page.locator(f"{ITEMS} img").count() > 0
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(artifacts / "feed.png"))


def test_show_more_appends_every_article_once(page, base_url, store):
    page.goto(base_url + "/")
    clicks = click_show_more_until_done(page)
    assert clicks >= 2
    assert feed_ids(page) == store_order(store)
    assert "cursor=" not in page.url  # the address stays: a reload keeps the list


def test_show_more_has_no_gaps_while_news_arrives(page, base_url, store):
    expected = store_order(store)
    wire = store.sources.add(
        "https://wire.example.invalid/feed", title="Breaking Wire", now=datetime.now(UTC)
    )
    batch = iter(range(0, 1000, 5))

    def news_arrives() -> None:
        start = next(batch)
        articles = sample_articles(
            5, datetime.now(UTC) + timedelta(hours=1), start=start, prefix="wire"
        )
        store.articles.save(wire.id, articles, now=datetime.now(UTC))

    try:
        page.goto(base_url + "/")
        news_arrives()
        click_show_more_until_done(page, between=news_arrives)
        assert feed_ids(page) == expected
    finally:
        store.sources.remove(wire.id)


def test_article_shows_caption_credit_reading_time_and_author(page, base_url, store, artifacts):
    article = next(
        a
        for a in list_items(store, limit=1000).items
        if a.image and a.image.caption and a.image.credit and a.authors
    )
    page.goto(base_url + "/")
    page.goto(f"{base_url}/articles/{article.id}")
    assert page.url.endswith(f"/articles/{article.id}/{article.slug}")
    assert page.locator("h1").all_inner_texts() == [article.title]
    assert page.locator("figure figcaption .caption").text_content() == article.image.caption
    assert page.locator("figure figcaption .credit").text_content() == article.image.credit
    assert page.locator("figure img").evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.locator(".article__meta .read-time").inner_text() == (
        f"{article.reading_minutes} min read"
    )
    box = page.locator(".author-box").first
    assert box.locator("h2").text_content() == article.authors[0].name
    if article.authors[0].bio:
        assert box.locator(".author-box__bio").text_content() == article.authors[0].bio
    assert "Avatar" not in page.content()
    assert box.get_by_role("link", name="Read more").is_visible()
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(artifacts / "article.png"))


def test_read_more_leads_to_the_authors_articles(page, base_url, store):
    article = next(a for a in list_items(store, limit=1000).items if a.authors)
    author = article.authors[0]
    page.goto(f"{base_url}/articles/{article.id}/{article.slug}")
    page.locator(".author-box").first.get_by_role("link", name="Read more").click()
    page.wait_for_url(f"**/authors/{author.slug}")
    assert page.locator("h1").inner_text() == author.name
    click_show_more_until_done(page)
    assert feed_ids(page) == store_order(store, author_slug=author.slug)
    assert article.id in feed_ids(page)


def test_search_finds_an_article_by_a_word_in_its_body(page, base_url, store):
    articles = [store.articles.get(a.id) for a in list_items(store, limit=1000).items]
    article, word = find_rare_body_word(articles)  # list items carry no body: get each
    page.goto(base_url + "/")
    page.locator("#site-q").fill(word)
    page.locator("#site-q").press("Enter")
    page.wait_for_url("**/search?q=*")
    assert article.id in feed_ids(page)
    assert page.locator(f"{ITEMS} mark").count() > 0


def find_rare_body_word(articles):
    """An article and a word of its body (not of its title or dek) in as few articles as
    possible, so that the article must be on the first page of results."""
    texts = [a.text.lower() for a in articles]
    best = None
    for article in articles:
        head = (article.title + " " + (article.dek or "")).lower()
        for word in set(re.findall(r"[a-z]{7,}", article.text.lower())) - set(head.split()):
            count = sum(word in text for text in texts)
            if best is None or count < best[0]:
                best = (count, article, word)
    assert best is not None and best[0] <= 10, "no article with a rare body word"
    return best[1], best[2]


def test_narrow_screen_layout(browser, base_url, artifacts):
    page, problems = open_page(browser, width=375, height=812)
    page.goto(base_url + "/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path=str(artifacts / "feed-375.png"))
    problems += page.evaluate("window.__problems")
    page.context.close()
    assert problems == []
