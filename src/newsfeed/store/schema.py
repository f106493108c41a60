"""The tables, as SQLAlchemy Core objects used by the queries. The migrations in
`migrations/versions/` create the same schema and are the source of truth for the database;
`tests/integration/test_store_migrations.py` checks the two agree."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from newsfeed.store.coltypes import UTCDateTime

metadata = sa.MetaData()

sources = sa.Table(
    "sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("url", sa.Text, nullable=False, unique=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("site_url", sa.Text),
    sa.Column("full_text", sa.String(16), nullable=False),
    sa.Column("enabled", sa.Boolean, nullable=False),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("last_fetched_at", UTCDateTime),
    sa.Column("last_success_at", UTCDateTime),
    sa.Column("next_fetch_at", UTCDateTime),
    sa.Column("error_count", sa.Integer, nullable=False),
    sa.Column("last_error_code", sa.String(64)),
    sa.Column("last_error", sa.Text),
    sa.Column("article_count", sa.Integer, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("leased_by", sa.String(200)),
    sa.Column("lease_until", UTCDateTime),
    sa.Index("ix_sources_due", "enabled", "next_fetch_at"),
)

articles = sa.Table(
    "articles",
    metadata,
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
    sa.Column("published_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime),
    sa.Column("fetched_at", UTCDateTime, nullable=False),
    sa.Column("word_count", sa.Integer, nullable=False),
    sa.Column("reading_minutes", sa.Integer, nullable=False),
    sa.Column("content_hash", sa.String(128), nullable=False),
    sa.Column("field_sources", sa.JSON),
    sa.Column("extraction_error", sa.Text),
    sa.Column("revision_count", sa.Integer, nullable=False),
    sa.Column("story_id", sa.Integer),  # 0004: the story of its event (stories.id)
    sa.Column("duplicate_of", sa.Integer),  # 0004: the article it is a near-copy of
    sa.UniqueConstraint("source_id", "guid", name="uq_articles_source_guid"),
    sa.Index("ix_articles_source_url", "source_id", "url"),
    sa.Index("ix_articles_published", sa.desc("published_at"), sa.desc("id")),
    sa.Index("ix_articles_source_published", "source_id", sa.desc("published_at"), sa.desc("id")),
    sa.Index("ix_articles_story_published", "story_id", sa.desc("published_at"), sa.desc("id")),
)
# PostgreSQL only: the generated tsvector column (see the migrations); not part of `articles`
# so that inserts never name it.
search_vector = sa.column("search_vector", postgresql.TSVECTOR)

article_revisions = sa.Table(
    "article_revisions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column(
        "article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("content_hash", sa.String(128), nullable=False),
    sa.Column("recorded_at", UTCDateTime, nullable=False),
    sa.Index("ix_article_revisions_article", "article_id", "id"),
)

images = sa.Table(
    "images",
    metadata,
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

authors = sa.Table(
    "authors",
    metadata,
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
    sa.Column("profile_checked_at", UTCDateTime),  # 0002: last web lookup of role/bio/photo
    sa.UniqueConstraint("source_id", "name", name="uq_authors_source_name"),
)

article_authors = sa.Table(
    "article_authors",
    metadata,
    sa.Column(
        "article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column(
        "author_id", sa.Integer, sa.ForeignKey("authors.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("published_at", UTCDateTime, nullable=False),  # copy of the article's, for keyset
    sa.Index(
        "ix_article_authors_author_published",
        "author_id",
        sa.desc("published_at"),
        sa.desc("article_id"),
    ),
)

tags = sa.Table(
    "tags",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("slug", sa.String(200), nullable=False, unique=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("article_count", sa.Integer, nullable=False),
    sa.Index("ix_tags_popular", sa.desc("article_count"), "slug"),
)

article_tags = sa.Table(
    "article_tags",
    metadata,
    sa.Column(
        "article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("tag_id", sa.Integer, sa.ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("published_at", UTCDateTime, nullable=False),  # copy of the article's, for keyset
    sa.Index(
        "ix_article_tags_tag_published", "tag_id", sa.desc("published_at"), sa.desc("article_id")
    ),
)

# 0004: stories (one per event), what was found per article, and the grouper's saved state
stories = sa.Table(
    "stories",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("key", sa.Integer, nullable=False, unique=True),  # the grouper's key
    sa.Column("title", sa.Text, nullable=False),  # the representative headline
    sa.Column("first_seen", UTCDateTime, nullable=False),
    sa.Column("last_seen", UTCDateTime, nullable=False),
    sa.Column("article_count", sa.Integer, nullable=False),
    sa.Column("outlet_count", sa.Integer, nullable=False),
    sa.Index("ix_stories_last_seen", sa.desc("last_seen"), sa.desc("id")),
)

article_notes = sa.Table(
    "article_notes",
    metadata,
    sa.Column(
        "article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("names", sa.JSON, nullable=False),  # [[text, kind, mentions], …]
    sa.Column("attributions", sa.JSON, nullable=False),  # [[source, cue, sentence], …]
)

grouper_state = sa.Table(
    "grouper_state",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),  # always 1: one state per database
    sa.Column("state", sa.JSON, nullable=False),
    sa.Column("saved_at", UTCDateTime, nullable=False),
)

# Emptied children first (tests, remove).
ALL_TABLES = (
    grouper_state,
    article_notes,
    stories,
    article_tags,
    tags,
    article_authors,
    authors,
    images,
    article_revisions,
    articles,
    sources,
)
