"""The demo corpus in a browser: the News Feed's Top stories view leads to stories covered by
three or more outlets, each with a timeline of coverage (first report marked) and the
attributions of its articles; every article of such a story links to it."""

from __future__ import annotations

import re


def test_demo_top_stories_have_timelines_and_attributions(page, base_url, store, artifacts):
    page.goto(base_url + "/")
    page.locator("a[data-top-stories]").click()
    page.wait_for_url(re.compile(r"/stories$"))
    top = page.locator("ol[data-top-stories] > li")
    assert top.count() >= 3
    covered = [store.stories.get(int(i)) for i in top.evaluate_all(_STORY_IDS)]
    wide = [s for s in covered if s.outlet_count >= 3]
    assert len(wide) >= 2, [(s.title, s.outlet_count) for s in covered]
    with_claims = 0
    for story in wide:
        page.goto(f"{base_url}/stories/{story.id}")
        assert page.locator("h1").inner_text() == story.title
        items = page.locator("ol[data-timeline] > li")
        assert items.count() == story.article_count
        outlets = set(items.locator(".story__outlet").all_inner_texts())
        assert len(outlets) == story.outlet_count >= 3
        assert items.first.locator("[data-first]").count() == 1
        with_claims += page.locator("ul[data-attributions] li").count() > 0
    assert with_claims == len(wide)
    page.screenshot(path=str(artifacts / "story.png"), full_page=True)


def test_demo_articles_link_to_their_story(page, base_url, store):
    (story,) = store.stories.top(limit=1)
    page.goto(f"{base_url}/stories/{story.id}")
    page.locator("ol[data-timeline] > li h3 a").first.click()
    related = page.locator("section[data-related]")
    assert related.locator("h2").inner_text() == "Related coverage"
    related.locator("a[data-coverage]").first.click()
    page.wait_for_url(re.compile(rf"/stories/{story.id}$"))
    page.goto(base_url + "/")
    coverage = page.locator(f"a[data-coverage][href='/stories/{story.id}']")
    assert coverage.count() >= 1
    assert re.fullmatch(r"Full coverage: \d+ outlets", coverage.first.inner_text())


_STORY_IDS = "items => items.map(i => i.getAttribute('data-story'))"
