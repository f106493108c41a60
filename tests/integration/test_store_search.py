"""Full-text search on the real database of this run: ranking, snippets, filters, paging,
and hostile queries (anything a user can type must give results or an empty page, never a
database error)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfeed.errors import BadCursor, BadQuery
from newsfeed.model import ArticleQuery, ArticleSummary, Author, Snippet
from newsfeed.store.sqlstore import SqlStore
from newsfeed.store.textsearch import Term, parse_query, snippet_of, to_fts5, to_websearch
from newsfeed.web.marks import mark_html
from tests.integration.test_store_articles import NOW, article
from tests.queries import list_items, search_items

HOSTILE = [
    '"',
    '"unbalanced phrase',
    "((( ferry",
    "ferry)))",
    "AND",
    "OR OR OR",
    "NOT ferry",
    "ferry NOT",
    "-ferry",
    "- - -",
    "*",
    "ferr*",
    "title:ferry",
    "ferry:",
    "NEAR(ferry harbour, 2)",
    "^ferry",
    "'; DROP TABLE articles; --",
    "ferry & | ! <-> :* harbour",
    "\\",
    "\x00ferry\x00",
    "🚢 ferry 🚢",
    "Überfahrt café naïve",
    "渡轮 港口",
    "ferry " * 2000,  # 12 KB
    "x" * 10_000,
    "a_b _ __",
    "²³ ½",
    '"" "" ""',
    "U.S. don't",
]


FINDS_FERRY = {"((( ferry", "ferry)))", "ferry:", "^ferry", "🚢 ferry 🚢"}
FINDS_FERRY |= {"\x00ferry\x00", "ferry " * 2000, "ferry & | ! <-> :* harbour"}


@pytest.fixture
def corpus(store: SqlStore) -> dict[str, int]:
    """A few articles of two invented outlets; returns name → id."""
    gazette = store.sources.add(
        "https://wendle-gazette.test/feed", title="Wendle Gazette", now=NOW
    ).id
    star = store.sources.add("https://north-star.test/rss", title="North Star", now=NOW).id
    mira = (Author("Mira Okafor"),)
    titled = article(
        "titled",
        title="Ferry strike halts harbour crossings",
        text="Crossings stopped at dawn. " * 5,
        authors=mira,
        published_at=NOW - timedelta(days=1),
    )
    body = article(
        "body",
        title="Council budget",
        text="Budget talks covered roads, schools and, briefly, the ferry.",
        published_at=NOW - timedelta(days=3),
    )
    escaped = article(
        "escaped",
        title="Notes",
        text="Readers wrote <script>alert(1)</script> & asked about ferry fares.",
        published_at=NOW - timedelta(days=5),
    )
    unrelated = article(
        "unrelated",
        title="Weather",
        text="Rain all week in the hills.",
        published_at=NOW - timedelta(days=2),
    )
    ids = store.articles.save(gazette, [titled, body, escaped, unrelated], now=NOW).new_ids
    (star_id,) = store.articles.save(
        star,
        [
            article(
                "star", title="Ferry fares to rise", text="Fares rise in spring.", published_at=NOW
            )
        ],
        now=NOW,
    ).new_ids
    names = ["titled", "body", "escaped", "unrelated"]
    return {
        **dict(zip(names, ids, strict=True)),
        "star": star_id,
        "gazette": gazette,
        "north": star,
    }


def hit_ids(page: object) -> list[int]:
    return [h.article.id for h in page.items]  # type: ignore[attr-defined]


def test_title_match_ranks_above_a_passing_mention(store: SqlStore, corpus: dict[str, int]) -> None:
    page = search_items(store, "ferry strike")
    assert hit_ids(page) == [corpus["titled"]]
    ranked = hit_ids(search_items(store, "ferry"))
    assert set(ranked) == {corpus[k] for k in ("titled", "body", "escaped", "star")}
    assert ranked.index(corpus["titled"]) < ranked.index(corpus["body"])
    assert ranked.index(corpus["star"]) < ranked.index(corpus["escaped"])
    ranks = [h.rank for h in search_items(store, "ferry").items]
    assert ranks == sorted(ranks, reverse=True)


def test_snippet_is_marked_and_escaped_when_rendered(
    store: SqlStore, corpus: dict[str, int]
) -> None:
    """The store gives the text as written and the spans of the matches in it; the web
    escapes it and marks the spans."""
    (hit,) = search_items(store, "fares asked").items
    assert hit.article.id == corpus["escaped"]
    assert "<script>alert(1)</script> & asked" in hit.snippet.text
    html = mark_html(hit.snippet)
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert "&amp;" in html
    assert "<mark>asked</mark>" in html and "<mark>fares</mark>" in html


def test_stemmed_and_accented_words_match(store: SqlStore, corpus: dict[str, int]) -> None:
    assert corpus["titled"] in hit_ids(search_items(store, "crossing"))
    assert corpus["titled"] in hit_ids(search_items(store, "HARBOUR"))


def test_phrase_or_and_exclusion(store: SqlStore, corpus: dict[str, int]) -> None:
    assert set(hit_ids(search_items(store, '"ferry fares"'))) == {corpus["star"], corpus["escaped"]}
    assert hit_ids(search_items(store, '"fares ferry"')) == []
    assert set(hit_ids(search_items(store, "rain OR strike"))) == {
        corpus["unrelated"],
        corpus["titled"],
    }
    assert corpus["titled"] not in hit_ids(search_items(store, "ferry -strike"))
    assert corpus["body"] in hit_ids(search_items(store, "ferry -strike"))


def test_filters(store: SqlStore, corpus: dict[str, int]) -> None:
    assert hit_ids(search_items(store, "ferry", source_id=corpus["north"])) == [corpus["star"]]
    assert hit_ids(search_items(store, "ferry", author_slug="mira-okafor")) == [corpus["titled"]]
    assert hit_ids(search_items(store, "ferry", author_slug="nobody")) == []
    window = search_items(store, "ferry", since=NOW - timedelta(days=4), until=NOW)
    assert set(hit_ids(window)) == {corpus["titled"], corpus["body"]}


def test_filters_combined(store: SqlStore, corpus: dict[str, int]) -> None:
    """Each combination of filters is its own prepared statement: all of them at once."""
    found = search_items(
        store,
        "ferry",
        source_id=corpus["gazette"],
        author_slug="mira-okafor",
        since=NOW - timedelta(days=2),
        until=NOW,
    )
    assert hit_ids(found) == [corpus["titled"]]
    gazette_only = search_items(store, "ferry", source_id=corpus["gazette"], until=NOW)
    assert set(hit_ids(gazette_only)) == {corpus[k] for k in ("titled", "body", "escaped")}
    assert (
        hit_ids(search_items(store, "ferry", source_id=corpus["north"], author_slug="mira-okafor"))
        == []
    )


@pytest.mark.parametrize("filters", [{}, {"source_id": "gazette"}, {"author_slug": "mira-okafor"}])
def test_lean_hits_are_the_same_hits_without_bodies_authors_or_tags(
    store: SqlStore, corpus: dict[str, int], filters: dict[str, str]
) -> None:
    given = {k: corpus[v] if k == "source_id" else v for k, v in filters.items()}
    full = search_items(store, "ferry", limit=2, **given)
    query = ArticleQuery(load=ArticleSummary, text="ferry", limit=2, **given)  # type: ignore[arg-type]
    lean = store.articles.search(query)
    assert full.items and lean.next_cursor == full.next_cursor
    for a, b in zip(full.items, lean.items, strict=True):
        assert (b.article.id, b.rank, b.snippet) == (a.article.id, a.rank, a.snippet)
        assert (b.article.title, b.article.published_at) == (
            a.article.title,
            a.article.published_at,
        )
        assert type(b.article) is ArticleSummary  # no body, authors or tags
        assert not any(hasattr(b.article, n) for n in ("content_html", "authors", "tags"))
    assert any(hit.article.content_html for hit in full.items)


def test_paging(store: SqlStore, corpus: dict[str, int]) -> None:
    first = search_items(store, "ferry", limit=3)
    assert len(first.items) == 3 and first.next_cursor
    second = search_items(store, "ferry", limit=3, cursor=first.next_cursor)
    assert second.next_cursor is None
    assert hit_ids(first) + hit_ids(second) == hit_ids(search_items(store, "ferry"))
    with pytest.raises(BadCursor):
        search_items(store, "ferry", cursor="nonsense")
    listed = list_items(store, limit=1).next_cursor
    with pytest.raises(BadCursor):
        search_items(store, "ferry", cursor=listed)


def test_index_follows_updates_and_removal(store: SqlStore, corpus: dict[str, int]) -> None:
    changed = article("unrelated", title="Weather", text="Fog grounded the seaplane.")
    store.articles.save(corpus["gazette"], [changed], now=NOW)
    assert hit_ids(search_items(store, "seaplane")) == [corpus["unrelated"]]
    assert hit_ids(search_items(store, "rain")) == []
    store.sources.remove(corpus["north"])
    assert corpus["star"] not in hit_ids(search_items(store, "ferry"))


@pytest.mark.parametrize("query", ["", "   ", "\n\t"])
def test_empty_query_is_bad_query(store: SqlStore, query: str) -> None:
    with pytest.raises(BadQuery) as info:
        search_items(store, query)
    assert info.value.code == "bad_query"


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_never_fail(store: SqlStore, corpus: dict[str, int], query: str) -> None:
    page = search_items(store, query)
    assert all(h.article.id in corpus.values() for h in page.items)
    if query in FINDS_FERRY:
        assert corpus["titled"] in [h.article.id for h in page.items], query


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(min_size=1, max_size=80))
def test_any_text_is_a_safe_query(store: SqlStore, corpus: dict[str, int], query: str) -> None:
    if not query.strip():
        with pytest.raises(BadQuery):
            search_items(store, query)
        return
    page = search_items(store, query)
    assert page.next_cursor is None or len(page.items) == 30


# ── the pure parts ───────────────────────────────────────────────────────────────────
def test_query_is_rebuilt_from_words() -> None:
    parsed = parse_query('Ferry "harbour strike" -fares OR U.S. NEAR(x) *')
    assert parsed == (
        (Term(("ferry",)), Term(("harbour", "strike")), Term(("fares",), negated=True)),
        (Term(("u", "s")), Term(("near", "x"))),
    )
    assert to_fts5(parsed) == '(("ferry" "harbour strike") NOT "fares") OR (("u s" "near x"))'
    assert to_websearch(parsed) == 'ferry "harbour strike" -fares or "u s" "near x"'


def test_query_of_only_exclusions_or_symbols_is_empty() -> None:
    assert parse_query("-ferry") == ()
    assert parse_query("*** ((( :") == ()
    with pytest.raises(BadQuery):
        parse_query("  ")


def test_query_terms_are_capped() -> None:
    (group,) = parse_query("word " * 5000)
    assert len(group) == 32


def test_snippet_escapes_and_balances() -> None:
    assert snippet_of("a <b> \x02c\x03 & \x02d") == Snippet("a <b> c & d", ((6, 7),))
    assert mark_html(snippet_of("a <b> \x02c\x03 & \x02d")) == "a &lt;b&gt; <mark>c</mark> &amp; d"
    assert snippet_of("\x02ferry\x03 and \x02fares\x03") == Snippet(
        "ferry and fares", ((0, 5), (10, 15))
    )
    assert snippet_of(None) == Snippet("")
