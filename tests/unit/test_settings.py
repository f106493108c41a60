"""The settings table is the single source: the dataclass, the README and the loader agree."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from newsfeed.errors import InvalidInput
from newsfeed.settings import SETTINGS, Settings, load_settings

README = Path(__file__).parents[2] / "README.md"


def test_dataclass_defaults_match_the_table():
    defaults = {f.name: f.default for f in fields(Settings) if f.name != "extra"}
    assert defaults == {s.name: s.default for s in SETTINGS}


def test_readme_lists_every_setting_with_its_default():
    text = README.read_text()
    for s in SETTINGS:
        row = f"| `{s.name}` | `NEWSFEED_{s.name.upper()}` | `{s.default!r}` | {s.help} |"
        assert row in text, f"README settings table is out of date for {s.name}"


def test_environment_then_file_then_default(tmp_path):
    cfg_file = tmp_path / "nf.toml"
    cfg_file.write_text("page_size = 12\nport = 9000\n")
    env = {"NEWSFEED_CONFIG": str(cfg_file), "NEWSFEED_PORT": "9100"}
    cfg = load_settings(env)
    assert (cfg.page_size, cfg.port, cfg.host) == (12, 9100, "127.0.0.1")
    assert load_settings(env, port=9200).port == 9200


def test_bad_values_name_the_setting(tmp_path):
    with pytest.raises(InvalidInput, match="fetch_timeout_s"):
        load_settings({"NEWSFEED_FETCH_TIMEOUT_S": "soon"})
    with pytest.raises(InvalidInput, match="allow_private_addresses"):
        load_settings({"NEWSFEED_ALLOW_PRIVATE_ADDRESSES": "maybe"})
    bad = tmp_path / "bad.toml"
    bad.write_text("colour = 'blue'\n")
    with pytest.raises(InvalidInput, match="unknown setting"):
        load_settings({"NEWSFEED_CONFIG": str(bad)})


def test_sqlite_is_the_default_database(tmp_path):
    cfg = load_settings({}, data_dir=str(tmp_path))
    assert cfg.resolved_database_url == f"sqlite:///{tmp_path}/newsfeed.sqlite3"
