"""Apply the Alembic migrations shipped in `migrations/`, programmatically (no alembic.ini).
Several processes may start at once: PostgreSQL serializes them with an advisory lock,
SQLite with BEGIN IMMEDIATE."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from newsfeed.store.engine import IMMEDIATE

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
LOCK_ID = 0x6E657773  # "news": the advisory lock held while migrating


def alembic_config() -> Config:
    from alembic.config import Config  # alembic costs ~90 ms to import: only when migrating

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(engine: sa.Engine) -> None:
    """Bring the database to the newest revision; a no-op when it is there already (checked
    without loading alembic, so that a read command of the CLI starts fast)."""
    if at_head(engine):
        return
    from alembic import command

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


def head_revision() -> str:
    """The newest migration shipped: revisions are numbered like their files (0004_…)."""
    names = (p.name for p in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))
    return max(name[:4] for name in names)


def at_head(engine: sa.Engine) -> bool:
    """Whether the database is at `head_revision()` already (False when it has no tables)."""
    version = sa.table("alembic_version", sa.column("version_num"))
    try:
        with engine.connect() as conn:
            found = conn.execute(sa.select(version.c.version_num)).scalars().all()
    except sa.exc.SQLAlchemyError:
        return False
    return found == [head_revision()]
