"""Shared fixtures: an isolated working folder per test, and helpers to write real input files."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "data" / "samples"

SAMPLE_HEADER = "numero_ticket;date_creation;canal;objet;message;produit;categorie;id_client;satisfaction"


@pytest.fixture(scope="session", autouse=True)
def shared_numba_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One numba cache for every pipeline of the session, in-process or in a subprocess: UMAP compiles once."""
    folder = tmp_path_factory.mktemp("numba-cache")
    os.environ.setdefault("NUMBA_CACHE_DIR", str(folder))
    return Path(os.environ["NUMBA_CACHE_DIR"])


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test runs in its own folder with no ANALYSER_* variables, so no stray config is read."""
    for name in list(os.environ):
        if name.startswith("ANALYSER_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def settings_in(tmp_path: Path, **ingest: object):
    """Default settings on a database under tmp_path, with these [ingest] settings."""
    from analyser.config import Settings

    return Settings(database=tmp_path / "analyser.duckdb", ingest=ingest or {})


def ingest(paths: list[Path], settings):
    """The nightly ingest job on these files, as `analyser ingest` runs it."""
    from analyser.progress import ProgressReporter
    from pipelines.nightly import ingest_job

    return ingest_job(paths, settings, ProgressReporter())


def query(settings, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(settings.database), read_only=True) as conn:
        return conn.execute(sql, params or []).fetchall()


def write_csv(path: Path, rows: list[str], header: str = SAMPLE_HEADER, encoding: str = "utf-8") -> Path:
    """A CSV file in the sample export's layout; rows are raw lines (already delimited)."""
    path.write_bytes(("\n".join([header, *rows]) + "\n").encode(encoding))
    return path


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    """One `analyser run` on the whole bundled sample, shared by every test that reads its results.

    Tests must not write to this database: use `sample_database_copy` for that.
    """
    from typer.testing import CliRunner

    from analyser.cli.main import app

    database = tmp_path_factory.mktemp("sample") / "analyser.duckdb"
    result = CliRunner().invoke(app, ["run", "--config", str(REPO / "analyser.toml"), "--db", str(database), "--json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout), database


@pytest.fixture
def sample_database_copy(sample_run: tuple[dict, Path], tmp_path: Path) -> Path:
    """A private copy of the sample run's database that a test may write to."""
    copy = tmp_path / "sample-copy" / "analyser.duckdb"
    copy.parent.mkdir()
    shutil.copy2(sample_run[1], copy)
    return copy


@pytest.fixture(scope="session")
def small_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small complete run written by SQL in about a second (bench/app_speed.py's synthesiser): 240 tickets in 6
    clusters with signals and journey stages, no labels. For tests of the app and the services that need a run, not
    the pipeline's results. Tests must not write to it: use `small_database`."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("app_speed", REPO / "bench" / "app_speed.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    database = tmp_path_factory.mktemp("small") / "analyser.duckdb"
    bench.synthesise(database, tickets=240, clusters=6)
    return database


@pytest.fixture
def small_database(small_run: Path, tmp_path: Path) -> Path:
    """A private copy of the small run's database that a test may write to."""
    copy = tmp_path / "small-copy" / "analyser.duckdb"
    copy.parent.mkdir()
    shutil.copy2(small_run, copy)
    return copy
