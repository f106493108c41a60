"""Remember when an author was last looked up on the web (profile page or article markup),
so that an author without a bio costs one request per lookup interval, not one per refresh.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("authors") as batch:
        batch.add_column(sa.Column("profile_checked_at", sa.DateTime(timezone=True)))


def downgrade() -> None:
    raise NotImplementedError("migrations are append-only")
