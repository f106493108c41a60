"""The migrations build exactly the schema the queries use (schema.py), on both databases,
and can be run again safely."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from newsfeed.model import AuthorProfile
from newsfeed.store.migrate import alembic_config, current_revision
from newsfeed.store.schema import metadata
from newsfeed.store.sqlstore import SqlStore

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)

# Full-text pieces that live outside schema.py on purpose.
SEARCH_OBJECTS = {
    "articles_fts",
    "articles_fts_data",
    "articles_fts_idx",
    "articles_fts_docsize",
    "articles_fts_config",
    "search_vector",
    "ix_articles_search",
}


def _ours(diff: Any) -> bool:
    names = {getattr(part, "name", None) for part in (diff if isinstance(diff, tuple) else (diff,))}
    flat = str(diff)
    return not (names & SEARCH_OBJECTS or any(name in flat for name in SEARCH_OBJECTS))


def test_migrated_schema_matches_schema_py(store: SqlStore) -> None:
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diffs = [d for d in compare_metadata(context, metadata) if _ours(d)]
    assert _without_approximate_indexes(diffs) == []


def _without_approximate_indexes(diffs: list[Any]) -> list[Any]:
    """Alembic cannot compare DESC index columns on SQLite: it reports such an index as
    removed and added again under the same name. Those pairs are not differences."""
    added = {d[1].name for d in diffs if isinstance(d, tuple) and d[0] == "add_index"}
    removed = {d[1].name for d in diffs if isinstance(d, tuple) and d[0] == "remove_index"}
    same = added & removed
    return [
        d
        for d in diffs
        if not (isinstance(d, tuple) and d[0].endswith("_index") and d[1].name in same)
    ]


def test_database_is_at_the_newest_revision(store: SqlStore) -> None:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    assert current_revision(store.engine) == head


def test_migrations_are_a_single_line(store: SqlStore) -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert len(script.get_heads()) == 1
    for revision in script.walk_revisions():
        assert revision.down_revision is None or isinstance(revision.down_revision, str)


def test_0002_adds_author_lookups_to_a_database_made_by_0001(tmp_path) -> None:
    """Append-only: a database created at 0001 with data in it upgrades in place."""
    from alembic import command

    from newsfeed.store import open_store
    from newsfeed.store.migrate import alembic_config

    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    old = open_store(url)
    config = alembic_config()
    with old.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
    source = old.sources.add("https://a.test/", now=NOW)  # sources did not change in 0002
    with old.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO authors (source_id, name, slug, role, article_count) "
            f"VALUES ({source.id}, 'Ada Brook', 'ada-brook', 'Editor', 0)"
        )
    old.upgrade()
    assert current_revision(old.engine) == "0004"
    assert old.authors.get("ada-brook").role == "Editor"
    # no profile URL and no article: nothing to look her up by
    assert old.authors.to_enrich(now=NOW, limit=5, retry_s=60) == []
    old.authors.fill_profile(
        old.authors.get("ada-brook").id,
        AuthorProfile(role="Reporter", bio="Writes."),
        checked_at=NOW,
    )
    ada = old.authors.get("ada-brook")
    assert (ada.role, ada.bio) == ("Editor", "Writes.")  # filled the gap, kept the role
    old.close()


def test_the_head_known_without_alembic_is_alembics_head():
    from alembic.script import ScriptDirectory

    from newsfeed.store.migrate import alembic_config, head_revision

    assert head_revision() == ScriptDirectory.from_config(alembic_config()).get_current_head()
