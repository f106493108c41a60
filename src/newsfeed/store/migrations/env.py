"""Alembic environment. `newsfeed.store.migrate.upgrade` passes an open connection in
`config.attributes["connection"]`; the `alembic` command line works too, given
`-x url=<database url>` or `sqlalchemy.url` in an ini file."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from newsfeed.store.schema import metadata


def _run(connection: sa.Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata)
    with context.begin_transaction():
        context.run_migrations()


def _main() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or context.config.get_main_option(
        "sqlalchemy.url"
    )
    engine = sa.create_engine(str(url))
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()


_main()
