"""Per-field caps, NUL bytes and lone surrogates, and the bound on sanitizing work."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from newsfeed.model import ArticleData, Author, Image
from newsfeed.normalize.article import content_hash
from newsfeed.normalize.html import (
    MAX_NESTING,
    html_to_text,
    nesting_depth,
    sanitize_html,
    too_costly,
)
from newsfeed.normalize.limits import (
    MAX_GUID_BYTES,
    MAX_TITLE_CHARS,
    bounded_article,
    capped_guid,
    capped_url,
    clean_text,
)
from newsfeed.stories.identity import distinct_identities
from newsfeed.web.testing import sample_article

NOW = datetime(2026, 11, 20, tzinfo=UTC)


def article(**kw) -> ArticleData:
    """A plain article (title "Ferry", text "Boats."), with `kw` replaced."""
    plain = replace(
        sample_article(1, NOW),
        guid="g-1",
        url="https://quay.example/1",
        title="Ferry",
        text="Boats.",
        content_hash=content_hash("Ferry", "Boats."),
    )
    return replace(plain, **kw)


def test_clean_text_strips_nul_and_replaces_lone_surrogates():
    assert clean_text("a\x00b") == "ab"
    assert clean_text("tide \ud800 table") == "tide \ufffd table"
    assert clean_text("café") == "café"


def test_a_plain_article_passes_unchanged():
    plain = article()
    assert bounded_article(plain) == plain


def test_every_field_is_bounded_and_the_hash_follows():
    bad = article(
        title="Quay " * 100_000,
        text="Boats\x00.",
        guid="g" * 3_000,
        url="https://quay.example/" + "a" * 5_000,
        authors=(Author(name="Ada\x00 Quill", url="javascript:x" + "a" * 3000),),
        image=Image(url="https://quay.example/i.jpg", caption="c\x00" * 2_000),
        tags=("t\x00ag",) * 80,
    )
    out = bounded_article(bad)
    assert len(out.title) <= MAX_TITLE_CHARS and out.text == "Boats."
    assert out.content_hash == content_hash(out.title, out.text)
    assert out.guid.startswith("sha256:") and len(out.guid) < MAX_GUID_BYTES
    assert out.url is None
    assert out.authors[0].name == "Ada Quill" and out.authors[0].url is None
    assert out.image is not None and "\x00" not in (out.image.caption or "")
    assert out.tags[0] == "tag" and len(out.tags) == 50


def test_long_guids_hash_the_same_each_time():
    assert capped_guid("x" * 600) == capped_guid("x" * 600) != capped_guid("y" * 600)
    assert capped_guid("short") == "short"
    assert capped_url("https://quay.example/ok") == "https://quay.example/ok"


def test_items_sharing_a_guid_get_guid_plus_link():
    batch = [article(url=f"https://quay.example/{n}") for n in range(3)] + [article(guid="g-2")]
    out = distinct_identities(batch)
    assert [a.guid for a in out] == [
        "g-1 https://quay.example/0",
        "g-1 https://quay.example/1",
        "g-1 https://quay.example/2",
        "g-2",
    ]
    same = [article(), article()]
    assert distinct_identities(same) == same  # true duplicates stay one article


def test_deep_nesting_is_detected_cheaply_and_kept_as_text():
    deep = "<div>" * 100_000 + "Harbour &amp; quay" + "</div>" * 100_000
    assert nesting_depth(deep) == MAX_NESTING and too_costly(deep)
    assert sanitize_html(deep) == "<p>Harbour &amp; quay</p>"
    assert html_to_text(deep) == "Harbour & quay"


def test_ordinary_bodies_are_not_taken_for_deep_ones():
    many_paragraphs = "<p>One<p>Two<li>three" * 2_000
    assert not too_costly(many_paragraphs)
    assert "<p>One</p>" in sanitize_html(many_paragraphs)
    table = "<table>" + "<tr><td>a</td><td>b</td></tr>" * 1_000 + "</table>"
    assert not too_costly(table)


def test_deep_bodies_lose_their_active_content_too():
    deep = "<div>" * 300 + "<script>alert(1)</script><b onclick=x>hi</b>" + "</div>" * 300
    deep += "<i>x</i>" * 1_000
    out = sanitize_html(deep)
    assert "<script" not in out and "onclick" not in out and "hi" in out
