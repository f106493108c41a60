"""Shared fixtures. The database under test is chosen by NEWSFEED_TEST_DB ("sqlite", the
default, or "postgresql"); `make test` runs the whole suite once for each."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsfeed.settings import Settings, load_settings
from tests.localserver import LocalServer

TEST_DB = os.environ.get("NEWSFEED_TEST_DB", "sqlite")
PG_URL = os.environ.get("NEWSFEED_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
DATA = Path(__file__).parent / "data"


def pytest_report_header(config: pytest.Config) -> str:
    return f"newsfeed test database: {TEST_DB}"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The database for this run: a SQLite file, or a PostgreSQL database of its own."""
    if TEST_DB == "postgresql":
        from newsfeed.store.testing import create_pg_database

        return create_pg_database(PG_URL)
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return load_settings(
        environ={},
        data_dir=str(tmp_path / "data"),
        database_url=database_url,
        allow_private_addresses=True,
        fetch_timeout_s=5.0,
        allowed_hosts="testserver,test,t",  # the names ASGI test clients send
    )


@pytest.fixture
def store(database_url: str) -> Iterator[object]:
    """A migrated, empty store; emptied again after the test."""
    from newsfeed.store.testing import fresh_store

    with fresh_store(database_url) as s:
        yield s


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as srv:
        yield srv
