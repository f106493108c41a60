"""Apply the Alembic migrations shipped in `migrations/`, programmatically (no alembic.ini).
Several processes may start at once: PostgreSQL serializes them with an advisory lock,
SQLite with BEGIN IMMEDIATE."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from newsfeed.store.engine import IMMEDIATE

MIGRATIONS = Path(__file__).parent / "migrations"
LOCK_ID = 0x6E657773  # "news": the advisory lock held while migrating


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: sa.Engine) -> None:
    """Bring the database to the newest revision; a no-op when it is there already."""
    config = alembic_config()
    with engine.connect().execution_options(**{IMMEDIATE: True}) as conn, conn.begin():
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:id)"), {"id": LOCK_ID})
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def current_revision(engine: sa.Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()
