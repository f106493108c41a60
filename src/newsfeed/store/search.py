"""Ranked full-text search: SQLite FTS5 (bm25, title weighted over dek over text) or
PostgreSQL tsvector (websearch_to_tsquery, ts_rank). The user's string only ever reaches the
engine rebuilt from its words (`textsearch`).

Cost is bounded whatever the word: a query ranks at most CANDIDATES matches, the newest
ones (highest ids: ids grow as articles arrive), so a word found in half the corpus costs
the same as one found in 2,000 articles. Both engines hand those newest matches over in id
order straight from the index (FTS5 doclists are sorted by rowid; PostgreSQL walks the
primary key backwards or sorts the bitmap's ids), rank them, and keep one page. Snippets and
article rows are then read for that page only. Filters (source, author, dates) narrow the
matches before the cap. Pages are by offset: a rank is relative to the corpus, so a keyset
over it would be no more stable; the cursor stays opaque either way."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from newsfeed.errors import BadQuery
from newsfeed.model import ArticleQuery, ArticleSummary, L, Page, SearchHit
from newsfeed.store.cursors import decode_search_cursor, encode_search_cursor
from newsfeed.store.fastpath import fetch_rows
from newsfeed.store.filters import bound, by_author, conditions
from newsfeed.store.lists import article_select
from newsfeed.store.reads import IDS, records
from newsfeed.store.rows import COLUMNS
from newsfeed.store.schema import articles
from newsfeed.store.textsearch import (
    MARK_END,
    MARK_START,
    parse_query,
    snippet_of,
    to_fts5,
    to_websearch,
)

CANDIDATES = 2_000  # matches ranked per query: the newest ones
CONFIG = "english"
SNIPPET_WORDS = 24
HEADLINE_CHARS = 10_000  # ts_headline parses all it is given: ~0.1 ms per KB
SHIELD_LT, SHIELD_GT = "\x04", "\x05"
Ranked = list[tuple[int, float]]  # (article id, rank: higher is better)
Rows = list[Sequence[Any]]  # the load's columns, then the snippet


def search(conn: sa.Connection, query: ArticleQuery[L]) -> Page[SearchHit[L]]:
    """Ranked by relevance; `query.text` is required (BadQuery when blank), every filter of
    the query applies, its `order` does not."""
    if query.text is None:
        raise BadQuery("empty search query")
    parsed = parse_query(query.text)
    offset = decode_search_cursor(query.cursor) if query.cursor is not None else 0
    used = bound(query)
    if not parsed or offset >= CANDIDATES or used is None:
        return Page((), None)
    limit = query.limit
    if conn.dialect.name == "postgresql":
        words = to_websearch(parsed)
        ranked = _pg_ranked(conn, words, used, limit + 1, offset)
        names, rows = _pg_page(conn, words, [i for i, _ in ranked[:limit]], query.load)
    else:
        match = to_fts5(parsed)
        ranked = _sqlite_ranked(conn, match, used, limit + 1, offset)
        names, rows = _sqlite_page(conn, match, [i for i, _ in ranked[:limit]], query.load)
    next_cursor = encode_search_cursor(offset + limit) if len(ranked) > limit else None
    return Page(_hits(conn, query.load, ranked[:limit], names, rows), next_cursor)


def _hits(
    conn: sa.Connection, load: type[L], ranked: Ranked, names: tuple[str, ...], rows: Rows
) -> tuple[SearchHit[L], ...]:
    """The page's hits in rank order (an article deleted meanwhile is left out)."""
    if not rows:
        return ()
    by_id = {row[0]: row for row in rows}
    present = [(i, rank) for i, rank in ranked if i in by_id]
    page = [by_id[i] for i, _ in present]
    found = records(conn, load, names[:-1], [row[:-1] for row in page])
    return tuple(
        SearchHit(article, snippet_of(row[-1]), rank)
        for article, row, (_, rank) in zip(found, page, present, strict=True)
    )


def _candidates(used: frozenset[str]) -> sa.Select[Any] | None:
    """The ids the filters allow, read from covering indexes (SQLite checks each match
    against this list); None when there is no filter."""
    if used <= {"author_slug"}:
        return by_author() if used else None
    return sa.select(articles.c.id).where(*conditions(used))


# ── SQLite FTS5 ───────────────────────────────────────────────────────────────────────
_FTS = sa.table("articles_fts", sa.column("rowid", sa.Integer))
_FTS_TABLE: sa.ColumnElement[Any] = sa.literal_column("articles_fts")
# `rowid + 0`, written out: an expression SQLite cannot use to plan FTS5's index (and no
# bound 0, which a statement run with its ids rendered in could not supply)
_UNPLANNED_ROWID: sa.ColumnElement[int] = sa.literal_column("articles_fts.rowid + 0", sa.Integer)


def _fts_match() -> sa.ColumnElement[bool]:
    # value None: not "required" at compile time (the page statement is compiled with its
    # ids rendered in); every call binds it
    return _FTS_TABLE.op("MATCH")(sa.bindparam("match", None, type_=sa.String()))


# Both statements are built once per combination of filters and run through
# `fastpath.fetch_rows` (compiled once, on the driver's cursor): building and compiling them
# per query was a fifth of a search's CPU.
def _sqlite_ranked(
    conn: sa.Connection, match: str, used: dict[str, Any], limit: int, offset: int
) -> Ranked:
    """bm25 over the newest CANDIDATES matches (`used`: the filters given, by name)."""
    statement = _ranked_statement(frozenset(used))
    params = {"match": match, "candidates": CANDIDATES, "limit": limit, "offset": offset}
    params |= used
    return [(i, -float(score)) for i, score in fetch_rows(conn, statement, params)[1]]


@cache
def _ranked_statement(used: frozenset[str]) -> sa.Select[Any]:
    """`rowid + 0` keeps the filter out of FTS5's index planning: FTS5 walks its doclist
    newest first and SQLite checks each rowid against the filter's id list, built once."""
    bm25: sa.ColumnElement[float] = sa.literal_column("bm25(articles_fts, 10.0, 4.0, 1.0)")
    newest = sa.select(_FTS.c.rowid.label("id"), bm25.label("score")).where(_fts_match())
    among = _candidates(used)
    if among is not None:
        newest = newest.where(_UNPLANNED_ROWID.in_(among))
    candidates = sa.bindparam("candidates", type_=sa.Integer())
    capped = newest.order_by(_FTS.c.rowid.desc()).limit(candidates).subquery("newest")
    return (
        sa.select(capped.c.id, capped.c.score)
        .order_by(capped.c.score, capped.c.id.desc())
        .limit(sa.bindparam("limit", type_=sa.Integer()))
        .offset(sa.bindparam("offset", type_=sa.Integer()))
    )


def _sqlite_page(
    conn: sa.Connection, match: str, ids: list[int], load: type[ArticleSummary]
) -> tuple[tuple[str, ...], Rows]:
    """The page's article rows with FTS5's snippet() last, in one statement driven by the
    doclist: the rowid range bounds the walk, `rowid + 0 IN` picks the page's rows without
    one doclist seek per id."""
    if not ids:
        return (), []
    params = {"match": match, "low": min(ids), "high": max(ids), "ids": ids}
    return fetch_rows(conn, _page_statement(load), params)


_PAGE_STATEMENTS: dict[type[ArticleSummary], sa.Select[Any]] = {}


def _page_statement(load: type[ArticleSummary]) -> sa.Select[Any]:
    found = _PAGE_STATEMENTS.get(load)
    if found is None:
        found = _PAGE_STATEMENTS[load] = _build_page_statement(load)
    return found


def _build_page_statement(load: type[ArticleSummary]) -> sa.Select[Any]:
    # in the SQL itself: a statement run with its ids rendered in has no other defaults
    snippet: sa.ColumnElement[str] = sa.literal_column(
        f"snippet(articles_fts, -1, char({ord(MARK_START)}), char({ord(MARK_END)}), '…', "
        f"{SNIPPET_WORDS})"
    )
    return (
        article_select(COLUMNS[load])
        .add_columns(snippet.label("snip"))
        .join(_FTS, _FTS.c.rowid == articles.c.id)
        .where(
            _fts_match(),
            _FTS.c.rowid.between(
                sa.bindparam("low", None, type_=sa.Integer()),
                sa.bindparam("high", None, type_=sa.Integer()),
            ),
            _UNPLANNED_ROWID.in_(IDS),
        )
    )


# ── PostgreSQL tsvector ───────────────────────────────────────────────────────────────
_CONFIG: sa.ColumnElement[str] = sa.literal_column(f"'{CONFIG}'::regconfig")
_VECTOR: sa.ColumnElement[Any] = sa.literal_column("articles.search_vector", postgresql.TSVECTOR)
_HEADLINE_OPTIONS = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=35, MinWords=15, "
    'MaxFragments=2, FragmentDelimiter=" … "'
)


def _tsquery(words: str) -> sa.ColumnElement[Any]:
    return sa.func.websearch_to_tsquery(_CONFIG, words)


def _pg_ranked(
    conn: sa.Connection, words: str, used: dict[str, Any], limit: int, offset: int
) -> Ranked:
    """ts_rank over the newest CANDIDATES matches (ts_rank reads each candidate's tsvector:
    ranking every match of a common word is what made search slow)."""
    newest = sa.select(articles.c.id, _VECTOR.label("vector")).where(
        _VECTOR.op("@@")(_tsquery(words)), *conditions(set(used))
    )
    capped = newest.order_by(articles.c.id.desc()).limit(CANDIDATES).subquery("newest")
    rank = sa.func.ts_rank(capped.c.vector, _tsquery(words))
    query = (
        sa.select(capped.c.id, rank.label("rank"))
        .order_by(rank.desc(), capped.c.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return [(row.id, float(row.rank)) for row in conn.execute(query, used).all()]


def _pg_page(
    conn: sa.Connection, words: str, ids: list[int], load: type[ArticleSummary]
) -> tuple[tuple[str, ...], Rows]:
    """The page's article rows with ts_headline (for these rows only) last."""
    if not ids:
        return (), []
    body = _shielded(
        sa.func.coalesce(articles.c.dek, "") + "\n" + sa.func.left(articles.c.text, HEADLINE_CHARS)
    )
    headline = sa.func.ts_headline(_CONFIG, body, _tsquery(words), _HEADLINE_OPTIONS)
    query = article_select(COLUMNS[load]).add_columns(headline).where(articles.c.id.in_(ids))
    result = conn.execute(query)
    names = tuple(result.keys())
    return names, [(*row[:-1], _unshield(row[-1]) or "") for row in result]


def _shielded(text: sa.ColumnElement[str]) -> sa.ColumnElement[str]:
    """ts_headline drops anything that looks like an HTML tag; our text is plain text, so
    hide < and > from it (as control characters that it keeps) and restore them after."""
    return sa.func.replace(sa.func.replace(text, "<", SHIELD_LT), ">", SHIELD_GT)


def _unshield(snippet: str | None) -> str | None:
    return snippet and snippet.replace(SHIELD_LT, "<").replace(SHIELD_GT, ">")
