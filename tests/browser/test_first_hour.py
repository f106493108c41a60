"""The first hour of a new user, in real headless Chromium over the demo corpus: Show More
keeps your place (reload, Back from an article, no JavaScript), the end of a list says so."""

from __future__ import annotations

from tests.browser.conftest import open_page
from tests.browser.test_pages import ITEMS, click_show_more_until_done, feed_ids, store_order

MORE = "a[data-show-more][data-main]"


def show_more_once(page) -> None:
    before = page.locator(ITEMS).count()
    page.locator(MORE).click()
    page.locator("a[data-show-more][aria-busy]").wait_for(state="detached")
    assert page.locator(ITEMS).count() > before


def test_show_more_then_reload_keeps_the_same_items(page, base_url, store):
    page.goto(base_url + "/")
    show_more_once(page)
    shown = feed_ids(page)
    assert len(shown) > 30
    assert page.url == base_url + "/"  # the address is not rewritten to page 2
    page.evaluate("window.scrollTo(0, 2500)")
    page.wait_for_function("Math.abs(window.scrollY - 2500) < 1")
    page.reload()
    page.wait_for_load_state("domcontentloaded")
    assert feed_ids(page) == shown == store_order(store)[: len(shown)]
    assert abs(page.evaluate("window.scrollY") - 2500) <= 2  # and the place in it
    show_more_once(page)  # and Show More still carries on from there
    assert feed_ids(page) == store_order(store)[: len(feed_ids(page))]


def test_show_more_then_article_then_back_keeps_items_and_scroll(page, base_url):
    page.goto(base_url + "/")
    show_more_once(page)
    shown = feed_ids(page)
    target = page.locator(f"{ITEMS}:nth-child(40) .story__title a")
    scroll = int(target.evaluate("a => a.getBoundingClientRect().top + window.scrollY - 300"))
    assert scroll > 1000
    page.evaluate(f"window.scrollTo(0, {scroll})")  # no smooth scrolling still under way
    page.wait_for_function(f"Math.abs(window.scrollY - {scroll}) < 1")
    target.evaluate("a => a.click()")  # as a person would: Playwright's own click may
    # scroll the link elsewhere first while the new items' entrance animation runs
    page.wait_for_url("**/articles/**")
    page.go_back()
    page.wait_for_function(f"document.querySelectorAll('{ITEMS}').length === {len(shown)}")
    # Headless Chromium reloads the page on Back (app.js puts the list and the place back);
    # when it keeps the page in memory instead (bfcache), both are intact anyway.
    assert feed_ids(page) == shown
    assert abs(page.evaluate("window.scrollY") - scroll) <= 2


def test_a_fresh_visit_starts_at_the_newest_again(page, base_url, store):
    page.goto(base_url + "/")
    show_more_once(page)
    page.goto(base_url + "/sources")
    page.locator("a[href='/']").first.click()  # a new visit, not Back: page 1 only
    page.wait_for_url(base_url + "/")
    assert feed_ids(page) == store_order(store)[:30]


def test_the_end_of_the_feed_says_so(page, base_url, store):
    page.goto(base_url + "/")
    assert page.locator("[data-list-end]").count() == 0
    click_show_more_until_done(page)
    assert feed_ids(page) == store_order(store)
    end = page.locator("[data-list-end]")
    assert end.is_visible()
    assert "end of this list" in end.inner_text()
    assert page.locator("[data-status]").first.inner_text().endswith("end of the list")


def test_page_two_without_javascript_says_where_you_are(browser, base_url, store):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    try:
        page.goto(base_url + "/")
        assert page.locator("[data-where]").count() == 0
        page.locator(MORE).click()
        page.wait_for_url("**/?cursor=*")
        expected = store_order(store)
        assert feed_ids(page) == expected[30:60]
        assert page.title().startswith("News Feed · page 2")
        where = page.locator("[data-where]")
        assert where.inner_text().startswith("Page 2: older articles")
        page.locator(MORE).click()  # the last page: the end, and the way back
        page.wait_for_url("**page=3*")
        assert feed_ids(page) == expected[60:]
        assert "end of this list" in page.locator("[data-list-end]").inner_text()
        where = page.locator("[data-where]")
        assert where.inner_text().startswith("Page 3: older articles")
        where.get_by_role("link", name="Back to the newest").click()
        page.wait_for_url(base_url + "/")
        assert feed_ids(page) == expected[:30]
        assert page.title().startswith("News Feed ·") and "page" not in page.title()
    finally:
        context.close()


def test_sources_page_on_a_phone_shows_every_column(browser, base_url, store, artifacts):
    page, problems = open_page(browser, width=390, height=844)
    try:
        page.goto(base_url + "/sources")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert page.evaluate("document.querySelector('.table-wrap').scrollWidth") <= 390
        cells = page.locator("table.sources tbody td")
        assert cells.count() == 6 * len(store.sources.all())
        for box in cells.evaluate_all("els => els.map(e => e.getBoundingClientRect().toJSON())"):
            assert box["left"] >= 0 and box["right"] <= 390 and box["width"] > 100
        label = page.locator("table.sources tbody td").first.evaluate(
            "td => getComputedStyle(td, '::before').content"
        )
        assert label == '"Status"'  # each value says which column it is
        for url in page.locator("table.sources .url").evaluate_all(
            "els => els.map(e => e.getBoundingClientRect().right)"
        ):
            assert url <= 390
        page.screenshot(path=str(artifacts / "sources-390.png"), full_page=True)
        problems += page.evaluate("window.__problems")
    finally:
        page.context.close()
    assert problems == []


def test_topics_are_in_one_case(page, base_url, store):
    page.goto(base_url + "/topics")
    names = page.locator(".topic-grid a").all_inner_texts()
    assert len(names) == len(store.tags.top(limit=500)) > 10
    assert [n for n in names if n[0].islower()] == []


def test_search_count_becomes_exact_once_every_result_is_in(page, base_url):
    page.goto(base_url + "/search?q=said")
    count = page.locator("[data-count]")
    assert count.inner_text() == "More than 30 articles match “said”, best matches first"
    assert page.locator("input[name=q]").count() == 1
    click_show_more_until_done(page)
    n = page.locator(ITEMS).count()
    assert n > 30
    assert count.inner_text() == f"{n} articles match “said”"


def test_search_controls_line_up(page, base_url):
    page.goto(base_url + "/search?q=flood")
    boxes = page.locator(
        ".search-form select, .search-form input[type=date], .search-form button"
    ).evaluate_all("els => els.map(e => e.getBoundingClientRect().toJSON())")
    assert len(boxes) == 5
    assert max(b["height"] for b in boxes) - min(b["height"] for b in boxes) <= 1
    assert max(b["top"] for b in boxes) - min(b["top"] for b in boxes) <= 1  # one row
    words = page.locator("#q").bounding_box()
    assert abs(words["height"] - boxes[0]["height"]) <= 1
