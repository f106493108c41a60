"""The first schema: sources (with leases), articles and their revisions, lead images,
authors, tags, and the full-text index (SQLite FTS5 / PostgreSQL tsvector).

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    _sources()
    _articles()
    _authors_and_tags()
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_search()
    else:
        _sqlite_search()


def downgrade() -> None:
    raise NotImplementedError("migrations are append-only")


def _sources() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", sa.Text, nullable=False, unique=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("site_url", sa.Text),
        sa.Column("full_text", sa.String(16), nullable=False),
        sa.Column("enabled", sa.Boolean, nullable=False),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("last_fetched_at", TS),
        sa.Column("last_success_at", TS),
        sa.Column("next_fetch_at", TS),
        sa.Column("error_count", sa.Integer, nullable=False),
        sa.Column("last_error_code", sa.String(64)),
        sa.Column("last_error", sa.Text),
        sa.Column("article_count", sa.Integer, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("leased_by", sa.String(200)),
        sa.Column("lease_until", TS),
    )
    op.create_index("ix_sources_due", "sources", ["enabled", "next_fetch_at"])


def _articles() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("guid", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("slug", sa.String(200), nullable=False),
        sa.Column("dek", sa.Text),
        sa.Column("content_html", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("language", sa.String(35)),
        sa.Column("published_at", TS, nullable=False),
        sa.Column("updated_at", TS),
        sa.Column("fetched_at", TS, nullable=False),
        sa.Column("word_count", sa.Integer, nullable=False),
        sa.Column("reading_minutes", sa.Integer, nullable=False),
        sa.Column("content_hash", sa.String(128), nullable=False),
        sa.Column("field_sources", sa.JSON),
        sa.Column("extraction_error", sa.Text),
        sa.Column("revision_count", sa.Integer, nullable=False),
        sa.UniqueConstraint("source_id", "guid", name="uq_articles_source_guid"),
    )
    op.create_index("ix_articles_source_url", "articles", ["source_id", "url"])
    op.create_index("ix_articles_published", "articles", [sa.desc("published_at"), sa.desc("id")])
    op.create_index(
        "ix_articles_source_published",
        "articles",
        ["source_id", sa.desc("published_at"), sa.desc("id")],
    )
    op.create_table(
        "article_revisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "article_id",
            sa.Integer,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(128), nullable=False),
        sa.Column("recorded_at", TS, nullable=False),
    )
    op.create_index("ix_article_revisions_article", "article_revisions", ["article_id", "id"])
    op.create_table(
        "images",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "article_id",
            sa.Integer,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        ),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("caption", sa.Text),
        sa.Column("credit", sa.Text),
        sa.Column("alt", sa.Text),
        sa.Column("width", sa.Integer),
        sa.Column("height", sa.Integer),
    )


def _authors_and_tags() -> None:
    op.create_table(
        "authors",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="CASCADE")),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("slug", sa.String(200), nullable=False, unique=True),
        sa.Column("role", sa.Text),
        sa.Column("bio", sa.Text),
        sa.Column("avatar_url", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("email", sa.Text),
        sa.Column("article_count", sa.Integer, nullable=False),
        sa.UniqueConstraint("source_id", "name", name="uq_authors_source_name"),
    )
    op.create_table(
        "article_authors",
        sa.Column(
            "article_id",
            sa.Integer,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "author_id",
            sa.Integer,
            sa.ForeignKey("authors.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("published_at", TS, nullable=False),
    )
    op.create_index(
        "ix_article_authors_author_published",
        "article_authors",
        ["author_id", sa.desc("published_at"), sa.desc("article_id")],
    )
    op.create_table(
        "tags",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(200), nullable=False, unique=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("article_count", sa.Integer, nullable=False),
    )
    op.create_index("ix_tags_popular", "tags", [sa.desc("article_count"), "slug"])
    op.create_table(
        "article_tags",
        sa.Column(
            "article_id",
            sa.Integer,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "tag_id", sa.Integer, sa.ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("published_at", TS, nullable=False),
    )
    op.create_index(
        "ix_article_tags_tag_published",
        "article_tags",
        ["tag_id", sa.desc("published_at"), sa.desc("article_id")],
    )


def _sqlite_search() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5(title, dek, text, "
        "content='articles', content_rowid='id', "
        "tokenize='porter unicode61 remove_diacritics 2')"
    )
    add = (
        "INSERT INTO articles_fts(rowid, title, dek, text) "
        "VALUES (new.id, new.title, new.dek, new.text);"
    )
    drop = (
        "INSERT INTO articles_fts(articles_fts, rowid, title, dek, text) "
        "VALUES ('delete', old.id, old.title, old.dek, old.text);"
    )
    op.execute(f"CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN {add} END")
    op.execute(f"CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN {drop} END")
    op.execute(
        "CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, dek, text ON articles "
        f"BEGIN {drop} {add} END"
    )


def _postgresql_search() -> None:
    op.execute(
        "ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
        "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
        "setweight(to_tsvector('english'::regconfig, coalesce(dek, '')), 'B') || "
        "setweight(to_tsvector('english'::regconfig, left(text, 200000)), 'C')) STORED"
    )
    op.execute("CREATE INDEX ix_articles_search ON articles USING gin (search_vector)")
