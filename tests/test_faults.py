"""Faults a night can meet: a database busy with a writer, stale run locks, killed and failed runs.

Every test uses real DuckDB files and real other processes (DuckDB's file lock is per process, so a
writer in another thread of the test process would not be a conflict at all).
"""

from __future__ import annotations

import json
import os
import socket
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
            env={**os.environ, "PYTHONPATH": str(REPO)},
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


def test_a_read_that_waits_longer_than_lock_wait_seconds_says_the_database_is_busy(tmp_path: Path) -> None:
    database = ingested_database(tmp_path)
    with WriteHolder(database, seconds=5.0):
        status = runner.invoke(app, ["status", "--json", "--db", str(database)], env={"ANALYSER_RUNS__LOCK_WAIT_SECONDS": "0.5"})
    assert status.exit_code == 2
    assert "busy" in status.stderr and "lock_wait_seconds" in status.stderr and "Traceback" not in status.output


# ---------------------------------------------------------------- stale run locks

BOOT_ID = Path("/proc/sys/kernel/random/boot_id")
linux_only = pytest.mark.skipif(not BOOT_ID.is_file(), reason="boot id and process start times come from Linux /proc")


def process_start_ticks(pid: int) -> int:
    """Field 22 of /proc/PID/stat: when the process started, in clock ticks since boot."""
    after_name = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1]
    return int(after_name.split()[19])


@pytest.fixture
def other_live_process():
    """A live process that is not a run: its PID is what a reused PID looks like."""
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    yield process
    process.kill()
    process.wait()


def ingest_with_lock(tmp_path: Path, holder: dict) -> tuple[object, Path]:
    from analyser.lock import lock_path

    database = tmp_path / "analyser.duckdb"
    lock = lock_path(database)
    lock.write_text(json.dumps({"host": socket.gethostname(), "started_at": "2026-05-01T02:00:00", "what": "run", **holder}))
    source = write_csv(tmp_path / "day.csv", [GOOD])
    return runner.invoke(app, ["ingest", str(source), "--db", str(database)]), lock


@linux_only
def test_a_lock_whose_pid_now_belongs_to_another_process_is_cleared(tmp_path: Path, other_live_process) -> None:
    pid = other_live_process.pid
    result, lock = ingest_with_lock(
        tmp_path, {"pid": pid, "boot_id": BOOT_ID.read_text().strip(), "process_start": process_start_ticks(pid) - 1}
    )
    assert result.exit_code == 0, result.output
    assert not lock.exists()


@linux_only
def test_a_lock_from_before_a_reboot_is_cleared(tmp_path: Path, other_live_process) -> None:
    pid = other_live_process.pid
    result, lock = ingest_with_lock(
        tmp_path, {"pid": pid, "boot_id": "00000000-0000-0000-0000-000000000000", "process_start": process_start_ticks(pid)}
    )
    assert result.exit_code == 0, result.output
    assert not lock.exists()


@linux_only
def test_a_lock_held_by_a_live_run_stops_a_second_run_with_exit_3(tmp_path: Path) -> None:
    from analyser.lock import lock_path

    database = tmp_path / "analyser.duckdb"
    code = (
        "import sys, time\nfrom pathlib import Path\nfrom analyser.lock import run_lock\n"
        "with run_lock(Path(sys.argv[1]), 'run'):\n    print('held', flush=True)\n    time.sleep(120)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code, str(database)], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": str(REPO)})
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        recorded = json.loads(lock_path(database).read_text())
        assert recorded["boot_id"] == BOOT_ID.read_text().strip()
        assert recorded["process_start"] == process_start_ticks(holder.pid)
        result = runner.invoke(app, ["ingest", str(write_csv(tmp_path / "day.csv", [GOOD])), "--db", str(database)])
        assert result.exit_code == 3
        assert f"process {holder.pid}" in result.stderr and "Nothing was done" in result.stderr
        assert not database.exists()
    finally:
        holder.kill()
        holder.wait()


# ---------------------------------------------------------------- killed and failed runs in `analyser status`

RECORDED_RUN = """
import os, signal, sys, time
from pathlib import Path
from analyser.config import Settings
from analyser.db import session
from analyser.lock import run_lock
from analyser.runs import recorded_run

settings = Settings(database=Path(sys.argv[1]))
with run_lock(settings.database, "ingest"), recorded_run(lambda: session(settings.database), "ingest", settings):
    print("started", flush=True)
    if sys.argv[2] == "kill":
        os.kill(os.getpid(), signal.SIGKILL)  # as an OOM kill or a power cut would, mid-ingest
    time.sleep(120)
"""


def recorded_run_process(database: Path, how: str) -> subprocess.Popen:
    """A real process inside a recorded run under the batch lock, which then dies (`kill`) or keeps working (`live`)."""
    process = subprocess.Popen([sys.executable, "-c", RECORDED_RUN, str(database), how], stdout=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONPATH": str(REPO)})
    assert process.stdout is not None and process.stdout.readline().strip() == "started"
    return process


def status_runs(database: Path) -> list[dict]:
    result = runner.invoke(app, ["status", "--json", "--db", str(database)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["runs"]


def test_status_shows_a_run_whose_process_died_as_interrupted_and_a_live_one_as_running(tmp_path: Path) -> None:
    database = ingested_database(tmp_path)
    killed = recorded_run_process(database, "kill")
    killed.wait()
    runs = status_runs(database)
    assert [run["status"] for run in runs] == ["interrupted", "succeeded"]
    assert "not published" in runs[0]["error"] and not runs[0]["published"]
    human = runner.invoke(app, ["status", "--db", str(database)])
    assert "interrupted" in human.stdout and "not published" in human.stdout

    live = recorded_run_process(database, "live")
    try:
        runs = status_runs(database)
        assert [run["status"] for run in runs] == ["running", "interrupted", "succeeded"]
    finally:
        live.kill()
        live.wait()
    # the next command that takes the lock writes down what status showed
    assert runner.invoke(app, ["ingest", str(tmp_path / "day.csv"), "--db", str(database)]).exit_code == 0
    statuses = [row[0] for row in sql(database, "SELECT status FROM runs ORDER BY started_at DESC")]
    assert statuses == ["succeeded", "interrupted", "interrupted", "succeeded"]


def test_a_night_that_fails_before_its_work_starts_is_recorded_as_failed(tmp_path: Path) -> None:
    database = ingested_database(tmp_path)
    config = tmp_path / "analyser.toml"
    config.write_text(f'database = "{database.name}"\n[ingest]\nsources = ["tonight.csv"]\n', encoding="utf-8")
    result = runner.invoke(app, ["run", "--config", str(config)])
    assert result.exit_code == 2 and "tonight.csv" in result.stderr
    runs = status_runs(database)
    assert [(run["command"], run["status"]) for run in runs] == [("run", "failed"), ("ingest", "succeeded")]
    assert "tonight.csv" in runs[0]["error"]
    human = runner.invoke(app, ["status", "--db", str(database)])
    assert "failed" in human.stdout and "tonight.csv" in human.stdout


def sql(database: Path, query: str) -> list[tuple]:
    import duckdb

    with duckdb.connect(str(database), read_only=True) as conn:
        return conn.execute(query).fetchall()
