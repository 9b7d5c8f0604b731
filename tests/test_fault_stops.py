"""`analyser run` killed (SIGKILL) right after each stage, through the `runs.fault_stop_after` testing hook.

After every kill: readers still see the previous complete run exactly as before (clusters, labels, a
review made before), `analyser status` shows the killed run as interrupted and says what it left,
and the next run completes. Every stage boundary is a parameter; by default only a representative
subset runs (each kill plus the next run takes about half a minute on 2 cores): set
ANALYSER_TEST_ALL_FAULT_STOPS=1 to run them all.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from analyser.cli import app
from analyser.config import NIGHTLY_STAGES
from analyser.db import session
from analyser.review import service as review
from conftest import REPO, SAMPLES

runner = CliRunner()
BEFORE, TONIGHT = 300, 340  # tickets in the export for the previous run, and for the run that is killed
REPRESENTATIVE = ("ingest", "write", "label", "publish")
ALL_STOPS = os.environ.get("ANALYSER_TEST_ALL_FAULT_STOPS") == "1"


def write_export(path: Path, count: int) -> None:
    """Every 20th sample ticket (a spread slice: a few real clusters from few tickets), the first `count` of them."""
    with (SAMPLES / "tickets.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows([rows[0], *rows[1::20][:count]])


def cli_json(*args: str) -> dict:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def visible_results(folder: Path) -> dict:
    """What readers see: the labels of the last complete run's clusters, and the review of its clusters."""
    database = folder / "analyser.duckdb"
    labels = cli_json("labels", "--db", str(database), "--limit", "1000")
    with duckdb.connect(str(database), read_only=True) as conn:
        states = {cid: (state.title, state.version) for cid, state in review.current_states(conn).items() if state.version}
        (clusters,) = conn.execute("SELECT clusters FROM run_results WHERE run_id = ?", [labels["run_id"]]).fetchone()
    return {"run_id": labels["run_id"], "clusters": clusters, "labels": labels["labels"], "reviews": states}


@pytest.fixture(scope="module")
def previous_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """A complete run on 300 sample tickets with one human rename; then tonight's export grows to 340 tickets."""
    folder = tmp_path_factory.mktemp("previous")
    write_export(folder / "export.csv", BEFORE)
    (folder / "analyser.toml").write_text('database = "analyser.duckdb"\n[ingest]\nsources = ["export.csv"]\n', encoding="utf-8")
    first = cli_json("run", "--config", str(folder / "analyser.toml"))
    assert first["clusters"] >= 2, first
    assert tuple(first["seconds"]) == NIGHTLY_STAGES  # the hook's stage names are the pipeline's
    database = folder / "analyser.duckdb"
    cluster_id = visible_results(folder)["labels"][0]["cluster_id"]
    review.rename(lambda: session(database), cluster_id, "Prélèvements en double (titre humain)", "Alice")
    write_export(folder / "export.csv", TONIGHT)
    return folder, visible_results(folder)


def stop_params() -> list:
    skip = pytest.mark.skipif(not ALL_STOPS, reason="not a representative stop: set ANALYSER_TEST_ALL_FAULT_STOPS=1")
    return [pytest.param(stage, marks=[] if stage in REPRESENTATIVE else [skip]) for stage in NIGHTLY_STAGES]


@pytest.mark.slow
@pytest.mark.parametrize("stage", stop_params())
def test_a_run_killed_after_a_stage_leaves_the_previous_results_and_an_honest_record(
    previous_run: tuple[Path, dict], stage: str, tmp_path: Path
) -> None:
    folder = tmp_path / "night"
    shutil.copytree(previous_run[0], folder, ignore=shutil.ignore_patterns(".analyser-cache"))
    before = previous_run[1]
    env = {**os.environ, "PYTHONPATH": str(REPO), "ANALYSER_RUNS__FAULT_STOP_AFTER": stage}
    killed = subprocess.run(
        [str(Path(sys.executable).parent / "analyser"), "run", "--config", "analyser.toml"],
        cwd=folder, env=env, capture_output=True, text=True, timeout=300,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-3000:]

    runs = cli_json("status", "--db", str(folder / "analyser.duckdb"))["runs"]
    assert [(run["command"], run["status"]) for run in runs] == [("run", "interrupted"), ("run", "succeeded")]
    if stage == "publish":  # killed after its results went out: readers see them, and the record says so
        assert runs[0]["published"] and "after publishing" in runs[0]["error"]
        assert visible_results(folder)["run_id"] == runs[0]["run_id"]
    else:
        assert not runs[0]["published"] and "not published" in runs[0]["error"]
        assert visible_results(folder) == before

    after = cli_json("run", "--config", str(folder / "analyser.toml"))
    assert after["tickets"] == TONIGHT
    runs = cli_json("status", "--db", str(folder / "analyser.duckdb"))["runs"]
    assert [run["status"] for run in runs] == ["succeeded", "interrupted", "succeeded"]
    assert ("not published" in runs[1]["error"]) != (stage == "publish")  # the record written down says the same
    now = visible_results(folder)
    # killed after publishing, nothing is new tonight: that run's results stand and the next run says so
    assert now["run_id"] == after.get("results_of", after["run_id"]) and len(now["labels"]) == now["clusters"] == after["clusters"]
    assert all(label["title"] for label in now["labels"])
    renamed = next(iter(before["reviews"]))
    assert now["reviews"][renamed] == before["reviews"][renamed]  # the human title survives, version unchanged


@pytest.mark.slow
def test_status_json_never_fails_while_a_run_writes(previous_run: tuple[Path, dict], tmp_path: Path) -> None:
    """The probe that found the fault: `status --json` in a loop during a real run (it failed 9 times in 30)."""
    folder = tmp_path / "night"
    shutil.copytree(previous_run[0], folder, ignore=shutil.ignore_patterns(".analyser-cache"))
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "analyser"), "run", "--config", "analyser.toml"],
        cwd=folder, env={**os.environ, "PYTHONPATH": str(REPO)}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    probes = []
    try:
        while process.poll() is None:
            result = runner.invoke(app, ["status", "--json", "--db", str(folder / "analyser.duckdb")])
            newest = json.loads(result.stdout)["runs"][0]["status"] if result.exit_code == 0 else None
            probes.append((result.exit_code, newest, result.stderr[-300:]))
    finally:
        process.wait(timeout=300)
    assert process.returncode == 0
    assert len(probes) >= 5 and [probe for probe in probes if probe[0] != 0] == []
    assert {newest for _, newest, _ in probes} <= {"running", "succeeded"}  # a live run is never shown as interrupted
