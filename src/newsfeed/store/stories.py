"""Stories: writing where grouping put a batch of articles (story rows found or made by the
grouper's key, each article's story and near-copy, names and attributions per article, the
stories' counts recomputed from their articles), reading a story, the top stories, what was
found in a story's articles, and the grouper's saved state. Grouping itself is pure code in
`stories/`, called by `update/`; this module only stores what it decided."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from newsfeed.errors import InvalidInput, NotFound
from newsfeed.model import (
    AttributionNote,
    NameNote,
    StoryAssignment,
    StoryNotes,
    StoryView,
)
from newsfeed.store.coltypes import UTCDateTime
from newsfeed.store.counts import chunks
from newsfeed.store.ids import require, storable
from newsfeed.store.schema import article_notes, articles, grouper_state, stories
from newsfeed.stories.features import StoryArticle
from newsfeed.stories.state import GrouperState, MemberState, StoryState

STORY_COLUMNS = (
    stories.c.id,
    stories.c.key,
    stories.c.title,
    stories.c.first_seen,
    stories.c.last_seen,
    stories.c.article_count,
    stories.c.outlet_count,
)
STATE_ID = 1


# ── writes ───────────────────────────────────────────────────────────────────────────
def assign(conn: sa.Connection, batch: Sequence[StoryAssignment]) -> dict[int, int]:
    """Write a batch of assignments; returns article id → story id. Articles deleted
    meanwhile are skipped."""
    present = _existing_articles(conn, [a.article_id for a in batch])
    kept = [a for a in batch if a.article_id in present]
    if not kept:
        return {}
    story_ids = _story_ids(conn, kept, present)
    rows = [
        {
            "b_id": a.article_id,
            "b_story": story_ids[a.story_key],
            "b_dup": a.duplicate_of if a.duplicate_of in present or _stored(conn, a) else None,
        }
        for a in kept
    ]
    conn.execute(
        sa.update(articles)
        .where(articles.c.id == sa.bindparam("b_id"))
        .values(story_id=sa.bindparam("b_story"), duplicate_of=sa.bindparam("b_dup")),
        rows,
    )
    _write_notes(conn, kept)
    recount(conn, set(story_ids.values()))
    return {a.article_id: story_ids[a.story_key] for a in kept}


def _id_chunks(ids: Iterable[int]) -> Iterable[list[int]]:
    """The ids that can name a row, sorted, in batches."""
    return chunks(sorted({i for i in ids if storable(i)}))


def _stored(conn: sa.Connection, a: StoryAssignment) -> bool:
    """Whether the article `a` is a near-copy of (from an earlier batch) is still stored."""
    if a.duplicate_of is None or not storable(a.duplicate_of):
        return False
    found = conn.execute(sa.select(articles.c.id).where(articles.c.id == a.duplicate_of))
    return found.first() is not None


def _existing_articles(conn: sa.Connection, ids: list[int]) -> dict[int, tuple[Any, int]]:
    """Article id → (published_at, source_id) of the ids that exist."""
    out: dict[int, tuple[Any, int]] = {}
    for chunk in _id_chunks(ids):
        query = sa.select(articles.c.id, articles.c.published_at, articles.c.source_id)
        for row in conn.execute(query.where(articles.c.id.in_(chunk))):
            out[row.id] = (row.published_at, row.source_id)
    return out


def _story_ids(
    conn: sa.Connection, batch: Sequence[StoryAssignment], present: dict[int, tuple[Any, int]]
) -> dict[int, int]:
    """Story key → story id, making the rows of keys not stored yet (titled with the
    headline of the story's first article in the batch)."""
    keys = sorted({a.story_key for a in batch})
    ids = _ids_by_key(conn, keys)
    missing: dict[int, dict[str, Any]] = {}
    for a in batch:
        if a.story_key not in ids and a.story_key not in missing:
            when = present[a.article_id][0]
            missing[a.story_key] = {
                "key": a.story_key,
                "title": a.title or "Untitled story",
                "first_seen": when,
                "last_seen": when,
                "article_count": 0,
                "outlet_count": 0,
            }
    if missing:
        dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
        insert = dialect.insert(stories).on_conflict_do_nothing(index_elements=["key"])
        conn.execute(insert, list(missing.values()))
        ids.update(_ids_by_key(conn, list(missing)))
    return ids


def _ids_by_key(conn: sa.Connection, keys: list[int]) -> dict[int, int]:
    ids: dict[int, int] = {}
    for chunk in chunks(keys):
        query = sa.select(stories.c.key, stories.c.id).where(stories.c.key.in_(chunk))
        ids.update({row.key: row.id for row in conn.execute(query)})
    return ids


def _write_notes(conn: sa.Connection, batch: Sequence[StoryAssignment]) -> None:
    ids = [a.article_id for a in batch]
    for chunk in chunks(ids):
        conn.execute(sa.delete(article_notes).where(article_notes.c.article_id.in_(chunk)))
    rows = [
        {
            "article_id": a.article_id,
            "names": [[n.text, n.kind, n.mentions] for n in a.names],
            "attributions": [[t.source, t.cue, t.sentence] for t in a.attributions],
        }
        for a in batch
        if a.has_notes
    ]
    if rows:
        conn.execute(sa.insert(article_notes), rows)


def recount(conn: sa.Connection, story_ids: set[int]) -> None:
    """Each story's first/last seen and article/outlet counts, from its articles (the
    `(story_id, published_at, id)` index: a story costs what it holds)."""
    for chunk in chunks(sorted(story_ids)):
        query = (
            sa.select(
                articles.c.story_id,
                sa.func.min(articles.c.published_at).label("first"),
                sa.func.max(articles.c.published_at).label("last"),
                sa.func.count().label("n"),
                sa.func.count(sa.distinct(articles.c.source_id)).label("outlets"),
            )
            .where(articles.c.story_id.in_(chunk))
            .group_by(articles.c.story_id)
        )
        rows = [
            {"b_id": r.story_id, "b_first": r.first, "b_last": r.last, "b_n": r.n, "b_o": r.outlets}
            for r in conn.execute(query)
        ]
        if rows:
            conn.execute(
                sa.update(stories)
                .where(stories.c.id == sa.bindparam("b_id"))
                .values(
                    first_seen=sa.bindparam("b_first", type_=UTCDateTime()),
                    last_seen=sa.bindparam("b_last", type_=UTCDateTime()),
                    article_count=sa.bindparam("b_n"),
                    outlet_count=sa.bindparam("b_o"),
                ),
                rows,
            )


# ── reads ────────────────────────────────────────────────────────────────────────────
def get_story(conn: sa.Connection, story_id: int) -> StoryView:
    require(story_id, "story")
    row = conn.execute(sa.select(*STORY_COLUMNS).where(stories.c.id == story_id)).first()
    if row is None:
        raise NotFound(f"no story with id {story_id}")
    return StoryView(*row)


def top_stories(conn: sa.Connection, *, hours: float, limit: int) -> list[StoryView]:
    """Stories ranked by how many outlets covered them in the `hours` before the newest
    coverage stored (so a quiet night or an old archive still has top stories), then by
    articles, then by recency. Stories of one article come last."""
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise InvalidInput(f"limit must be a positive integer, not {limit!r}")
    if not hours > 0:
        raise InvalidInput(f"hours must be positive, not {hours!r}")
    newest = conn.execute(sa.select(sa.func.max(stories.c.last_seen))).scalar()
    if newest is None:
        return []
    since = newest - timedelta(hours=hours)
    recent = (
        sa.select(
            articles.c.story_id.label("story_id"),
            sa.func.count(sa.distinct(articles.c.source_id)).label("outlets"),
        )
        .where(articles.c.story_id.is_not(None), articles.c.published_at >= since)
        .group_by(articles.c.story_id)
        .subquery()
    )
    query = (
        sa.select(*STORY_COLUMNS, recent.c.outlets)
        .join_from(stories, recent, recent.c.story_id == stories.c.id)
        .order_by(
            recent.c.outlets.desc(),
            stories.c.article_count.desc(),
            stories.c.last_seen.desc(),
            stories.c.id.desc(),
        )
        .limit(limit)
    )
    return [StoryView(*row) for row in conn.execute(query)]


def inputs(conn: sa.Connection, article_ids: Sequence[int]) -> list[StoryArticle]:
    """What grouping reads of these articles (outlet: the source id), in arrival order
    (published time, then id); ids that do not exist are left out."""
    out: list[StoryArticle] = []
    for chunk in _id_chunks(article_ids):
        query = sa.select(
            articles.c.id,
            articles.c.source_id,
            articles.c.published_at,
            articles.c.title,
            articles.c.text,
            articles.c.dek,
        ).where(articles.c.id.in_(chunk))
        for r in conn.execute(query):
            text = r.text or r.dek or ""
            out.append(StoryArticle(r.id, str(r.source_id), r.published_at, r.title, text))
    out.sort(key=lambda a: (a.published_at, a.id))
    return out


def notes_of(conn: sa.Connection, article_ids: Sequence[int]) -> list[StoryNotes]:
    """Names and attributions kept for these articles (in the order asked; articles for
    which none were looked for are left out)."""
    found: dict[int, StoryNotes] = {}
    for chunk in _id_chunks(article_ids):
        query = sa.select(article_notes).where(article_notes.c.article_id.in_(chunk))
        for row in conn.execute(query):
            claims = row.attributions or ()
            found[row.article_id] = StoryNotes(
                row.article_id,
                tuple(NameNote(str(t), str(k), int(n)) for t, k, n in row.names or ()),
                tuple(AttributionNote(str(s), str(c), str(x)) for s, c, x in claims),
            )
    return [found[i] for i in article_ids if i in found]


# ── the grouper's state ──────────────────────────────────────────────────────────────
def save_state(conn: sa.Connection, state: GrouperState, now: datetime) -> None:
    """Replace the saved state (one row)."""
    conn.execute(sa.delete(grouper_state).where(grouper_state.c.id == STATE_ID))
    conn.execute(
        sa.insert(grouper_state).values(id=STATE_ID, state=state_to_json(state), saved_at=now)
    )


def load_state(conn: sa.Connection) -> GrouperState | None:
    query = sa.select(grouper_state.c.state).where(grouper_state.c.id == STATE_ID)
    saved = conn.execute(query).scalar()
    return state_from_json(saved) if saved is not None else None


def _when(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse_when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value is not None else None


def state_to_json(state: GrouperState) -> dict[str, Any]:
    return {
        "seen": state.seen,
        "docs": state.docs,
        "doc_freq": [list(pair) for pair in state.doc_freq],
        "newest": _when(state.newest),
        "stories": [
            {
                "key": s.key,
                "first_seen": _when(s.first_seen),
                "last_seen": _when(s.last_seen),
                "last_seq": s.last_seq,
                "size": s.size,
                "title": [list(p) for p in s.title],
                "body": [list(p) for p in s.body],
                "names": [list(p) for p in s.names],
                "members": [[m.id, m.outlet, list(m.sketch)] for m in s.members],
            }
            for s in state.stories
        ],
    }


def state_from_json(data: dict[str, Any]) -> GrouperState:
    return GrouperState(
        seen=int(data["seen"]),
        docs=int(data["docs"]),
        doc_freq=tuple((str(t), int(n)) for t, n in data["doc_freq"]),
        newest=_parse_when(data.get("newest")),
        stories=tuple(
            StoryState(
                key=s["key"],
                first_seen=_parse_when(s["first_seen"]),
                last_seen=_parse_when(s["last_seen"]),
                last_seq=int(s["last_seq"]),
                size=int(s["size"]),
                title=tuple((str(t), float(w)) for t, w in s["title"]),
                body=tuple((str(t), float(w)) for t, w in s["body"]),
                names=tuple((str(t), float(w)) for t, w in s["names"]),
                members=tuple(MemberState(i, str(o), tuple(sk)) for i, o, sk in s["members"]),
            )
            for s in data["stories"]
        ),
    )
