"""Settings: defaults, SEARCHSVC_* variables, explicit overrides, clear errors, the README table."""

from __future__ import annotations

from pathlib import Path

import pytest

from searchsvc import config
from searchsvc.errors import ConfigError, SearchsvcError

README = Path(__file__).resolve().parent.parent / "README.md"


def test_defaults() -> None:
    s = config.load_settings(environ={})
    assert s == {
        "seeds_dir": Path("seeds"),
        "index_dir": Path("index"),
        "stemmer": "pystemmer",
        "max_file_mb": 20.0,
        "admin_token": "",
        "secret_key": "",
        "host": "127.0.0.1",
        "port": 8000,
        "workers": 2,
        "public_url": "",
        "build_procs": 0,
        "rate_limit": None,
        "metrics": False,
        "log_format": "text",
        "dict_dir": Path("/usr/share/dictd"),
        "search_timeout": 2.0,
    }
    assert set(s) == {setting.name for setting in config.SETTINGS}


def test_environment_overrides_defaults(tmp_path: Path) -> None:
    env = {
        "SEARCHSVC_SEEDS_DIR": str(tmp_path / "s"),
        "SEARCHSVC_INDEX_DIR": str(tmp_path / "i"),
        "SEARCHSVC_STEMMER": " NLTK ",
        "SEARCHSVC_MAX_FILE_MB": "0.5",
        "SEARCHSVC_ADMIN_TOKEN": "t0ken",
        "SEARCHSVC_HOST": "0.0.0.0",
        "SEARCHSVC_PORT": "9001",
        "SEARCHSVC_WORKERS": "4",
        "SEARCHSVC_UNKNOWN": "ignored",
        "SEARCHSVC_SECRET_KEY": "",  # empty means the default
    }
    s = config.load_settings(environ=env)
    assert s["seeds_dir"] == tmp_path / "s" and s["index_dir"] == tmp_path / "i"
    assert s["stemmer"] == "nltk"
    assert s["max_file_mb"] == 0.5
    assert (s["admin_token"], s["secret_key"], s["host"], s["port"], s["workers"]) == ("t0ken", "", "0.0.0.0", 9001, 4)
    assert "unknown" not in s


def test_process_environment_is_the_default_source(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SEARCHSVC_PORT", "8123")
    assert config.load_settings()["port"] == 8123


def test_explicit_overrides_win_and_none_is_ignored() -> None:
    env = {"SEARCHSVC_PORT": "9001", "SEARCHSVC_SEEDS_DIR": "/from/env"}
    s = config.load_settings({"port": "9002", "seeds_dir": None, "index_dir": "/from/option", "workers": 3}, environ=env)
    assert s["port"] == 9002
    assert s["seeds_dir"] == Path("/from/env")
    assert s["index_dir"] == Path("/from/option")
    assert s["workers"] == 3


def test_bad_stemmer_is_a_clear_config_error() -> None:
    with pytest.raises(ConfigError) as err:
        config.load_settings(environ={"SEARCHSVC_STEMMER": "porter"})
    message = str(err.value)
    assert message.startswith("SEARCHSVC_STEMMER='porter' must be 'pystemmer' or 'nltk'")
    assert isinstance(err.value, SearchsvcError)


@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        ("SEARCHSVC_PORT", "abc", "must be a positive whole number"),
        ("SEARCHSVC_PORT", "0", "must be a positive whole number"),
        ("SEARCHSVC_WORKERS", "-2", "must be a positive whole number"),
        ("SEARCHSVC_MAX_FILE_MB", "lots", "must be a positive number"),
        ("SEARCHSVC_MAX_FILE_MB", "0", "must be a positive number"),
        ("SEARCHSVC_MAX_FILE_MB", "nan", "must be a positive number"),
        ("SEARCHSVC_MAX_FILE_MB", "inf", "must be a positive number"),
    ],
)
def test_bad_numbers_are_clear_config_errors(variable: str, value: str, says: str) -> None:
    with pytest.raises(ConfigError) as err:
        config.load_settings(environ={variable: value})
    assert str(err.value).startswith(f"{variable}={value!r} {says}: ")


def test_bad_override_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="^stemmer='snowball' must be 'pystemmer' or 'nltk'$"):
        config.load_settings({"stemmer": "snowball"}, environ={})


def test_settings_markdown_rows_are_in_the_readme() -> None:
    table = config.settings_markdown()
    rows = table.splitlines()
    assert len(rows) == 2 + len(config.SETTINGS)
    for setting in config.SETTINGS:
        assert f"`{setting.env}`" in table
    readme = README.read_text(encoding="utf-8")
    missing = [row for row in rows[2:] if row not in readme]
    assert not missing, "README.md lacks these settings rows (paste config.settings_markdown()):\n" + "\n".join(missing)


def test_search_timeout_must_be_a_positive_number() -> None:
    assert config.load_settings(environ={"SEARCHSVC_SEARCH_TIMEOUT": "0.5"})["search_timeout"] == 0.5
    for bad in ("0", "-1", "soon", "nan"):
        with pytest.raises(ConfigError, match="SEARCHSVC_SEARCH_TIMEOUT"):
            config.load_settings(environ={"SEARCHSVC_SEARCH_TIMEOUT": bad})
