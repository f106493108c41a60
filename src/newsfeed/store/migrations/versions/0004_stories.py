"""Stories: one row per event (its representative headline, first and last seen, how many
articles and outlets), each article's story and the article it is a near-copy of (indexed
for keyset pages of one story), what was found in each article (names, attributions), and
the story grouper's saved state (so that a restart keeps the live stories).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.Integer, nullable=False, unique=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("first_seen", TS, nullable=False),
        sa.Column("last_seen", TS, nullable=False),
        sa.Column("article_count", sa.Integer, nullable=False),
        sa.Column("outlet_count", sa.Integer, nullable=False),
    )
    op.create_index("ix_stories_last_seen", "stories", [sa.desc("last_seen"), sa.desc("id")])
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("story_id", sa.Integer))
        batch.add_column(sa.Column("duplicate_of", sa.Integer))
    op.create_index(
        "ix_articles_story_published",
        "articles",
        ["story_id", sa.desc("published_at"), sa.desc("id")],
    )
    op.create_table(
        "article_notes",
        sa.Column(
            "article_id",
            sa.Integer,
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("names", sa.JSON, nullable=False),
        sa.Column("attributions", sa.JSON, nullable=False),
    )
    op.create_table(
        "grouper_state",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("state", sa.JSON, nullable=False),
        sa.Column("saved_at", TS, nullable=False),
    )


def downgrade() -> None:
    raise NotImplementedError("migrations are append-only")
