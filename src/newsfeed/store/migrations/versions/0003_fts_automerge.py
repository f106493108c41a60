"""SQLite: let FTS5 gather up to 16 index segments per level before merging them (its
default is 4). Measured on 3,000 articles of ~3 KB saved in batches of 50: save_articles
1,722 → 1,911 per second; searches read a few more segments. PostgreSQL: nothing to do.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('automerge', 16)")


def downgrade() -> None:
    raise NotImplementedError("migrations are append-only")
