"""Faults a night can meet: a database busy with a writer, stale run locks, killed and failed runs.

Every test uses real DuckDB files and real other processes (DuckDB's file lock is per process, so a
writer in another thread of the test process would not be a conflict at all).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from analyser.cli import app
from conftest import REPO, write_csv

runner = CliRunner()
GOOD = "T1;2026-05-01 10:00:00;email;Objet;Bonjour, mon prélèvement est passé deux fois;LOA;Facturation;C1;3"


def ingested_database(folder: Path) -> Path:
    """A database with one ingested ticket (and so one succeeded run)."""
    database = folder / "analyser.duckdb"
    source = write_csv(folder / "day.csv", [GOOD])
    assert runner.invoke(app, ["ingest", str(source), "--db", str(database)]).exit_code == 0
    return database


class WriteHolder:
    """Another process holding DuckDB's read-write connection on the file, as the batch or a review does while it writes."""

    def __init__(self, database: Path, seconds: float) -> None:
        code = (
            "import duckdb, sys, time\n"
            "conn = duckdb.connect(sys.argv[1])\n"
            "print('held', flush=True)\n"
            "time.sleep(float(sys.argv[2]))\n"
            "conn.close()\n"
        )
        self.process = subprocess.Popen(
            [sys.executable, "-c", code, str(database), str(seconds)], stdout=subprocess.PIPE, text=True,
            env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        )
        assert self.process.stdout is not None and self.process.stdout.readline().strip() == "held"
        self.held_since = time.monotonic()

    def __enter__(self) -> WriteHolder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.process.kill()
        self.process.wait()


@pytest.mark.parametrize(
    ("command", "expected"), [(["status", "--json"], lambda data: data["tickets"] == 1), (["quarantine", "--json"], lambda data: data == [])]
)
def test_read_commands_wait_while_another_process_writes(tmp_path: Path, command: list[str], expected) -> None:
    database = ingested_database(tmp_path)
    with WriteHolder(database, seconds=2.0) as holder:
        result = runner.invoke(app, [*command, "--db", str(database)])
        waited = time.monotonic() - holder.held_since
    assert result.exit_code == 0, result.output
    assert expected(json.loads(result.stdout))
    assert waited >= 1.5  # it got in once the writer let go, not before


def test_status_json_never_fails_during_a_write_and_says_so_when_the_wait_is_too_long(tmp_path: Path) -> None:
    database = ingested_database(tmp_path)
    with WriteHolder(database, seconds=5.0):
        status = runner.invoke(app, ["status", "--json", "--db", str(database)], env={"ANALYSER_RUNS__LOCK_WAIT_SECONDS": "0.5"})
    assert status.exit_code == 2
    assert "busy" in status.stderr and "lock_wait_seconds" in status.stderr and "Traceback" not in status.output
