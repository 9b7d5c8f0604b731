from __future__ import annotations

from pathlib import Path

import pytest

from analyser.config import DEFAULT_JOURNEY, Settings
from analyser.config_file import load_settings
from analyser.errors import ConfigError
from conftest import REPO


def test_defaults_need_no_file(isolated: Path) -> None:
    settings = load_settings()
    assert settings.database == Path("data/analyser.duckdb")
    assert settings.ingest.columns.text == "message"
    assert [stage.key for stage in settings.journey][0] == "decouverte_devis"


def test_committed_example_matches_the_defaults() -> None:
    """The documented analyser.toml must not drift from the code defaults (only paths differ)."""
    settings = load_settings(REPO / "analyser.toml")
    defaults = Settings()
    assert settings.database == REPO / "data" / "analyser.duckdb"
    assert settings.ingest.sources == [REPO / "data" / "samples" / "tickets.csv"]
    for section in ("redaction", "embedding", "clustering", "identity", "runs", "llm", "app"):
        assert getattr(settings, section) == getattr(defaults, section), section
    assert settings.ingest.model_dump(exclude={"sources"}) == defaults.ingest.model_dump(exclude={"sources"})
    assert settings.journey == list(DEFAULT_JOURNEY)


def test_relative_paths_follow_the_config_file_and_env_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "conf"
    folder.mkdir()
    (folder / "my.toml").write_text('database = "db/x.duckdb"\n[ingest]\nsources = ["in.csv"]\nmax_text_chars = 10\n')
    settings = load_settings(folder / "my.toml")
    assert settings.database == folder.resolve() / "db" / "x.duckdb"
    assert settings.ingest.sources == [folder.resolve() / "in.csv"]
    monkeypatch.setenv("ANALYSER_INGEST__MAX_TEXT_CHARS", "99")
    monkeypatch.setenv("ANALYSER_DATABASE", "/tmp/other.duckdb")
    settings = load_settings(folder / "my.toml")
    assert settings.ingest.max_text_chars == 99
    assert settings.database == Path("/tmp/other.duckdb")


def test_config_found_through_environment_and_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "analyser.toml").write_text("[ingest]\nmax_text_chars = 7\n")
    assert load_settings().ingest.max_text_chars == 7
    other = tmp_path / "other.toml"
    other.write_text("[ingest]\nmax_text_chars = 8\n")
    monkeypatch.setenv("ANALYSER_CONFIG", str(other))
    assert load_settings().ingest.max_text_chars == 8


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        ("[ingest]\nmax_txt_chars = 3\n", "ingest.max_txt_chars: unknown setting"),
        ("[ingest]\nmax_text_chars = -1\n", "ingest.max_text_chars"),
        ("[ingest]\nencoding = 'klingon'\n", "unknown encoding 'klingon'"),
        ("[ingest]\ntimezone = 'Mars/Olympus'\n", "unknown time zone"),
        ("[redaction.custom_patterns]\nCONTRACT = ['(unclosed']\n", "CONTRACT"),
        ("[redaction]\nkinds = ['EMAIL', 'SHOE_SIZE']\n", "SHOE_SIZE"),
        ("[[journey]]\nkey='a'\nname='A'\n[[journey]]\nkey='a'\nname='B'\n", "repeated: a"),
        ("[[journey]]\nname='no key'\n", "journey.0.key"),
        ("[ingest\n", "not valid TOML"),
        # the old single-header setting fell back to a typed name: it now says what replaces it
        ("[app]\nreviewer_header = 'X-Remote-User'\n", 'auth = "proxy" under [app] and user_header = "X-Remote-User" under [app.proxy]'),
        ("[app]\nauth = 'ldap'\n", "app.auth"),
        ("[app.roles]\ndefault = 'boss'\n", "app.roles.default: Input should be 'viewer', 'reviewer', 'coach', 'admin' or 'none'"),
        ("[app.roles]\nreviewer = ['camille@example.com', ' ']\n", "app.roles.reviewer: an empty address"),
        ("[app.roles.groups]\nanalyser-boss = 'boss'\n", "app.roles.groups.analyser-boss"),
    ],
)
def test_a_wrong_setting_is_one_clear_message(tmp_path: Path, toml: str, expected: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(toml)
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    message = str(caught.value)
    assert expected in message
    assert str(path) in message


def test_missing_config_file_says_how_to_fix(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found. Fix"):
        load_settings(tmp_path / "nope.toml")
