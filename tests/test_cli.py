"""The CLI through Typer's runner, on real files and real DuckDB databases."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from analyser.cli.main import app
from conftest import write_csv

runner = CliRunner()
GOOD = "TK-1;2026-05-18 09:00:00;email;Objet;Bonjour, ma voiture est en panne depuis lundi;LOA;Assistance;C1;"
BAD_DATE = "TK-2;2026-13-45;email;;Date impossible;LOA;;C2;"


def test_ingest_json_report_and_partial_exit_code(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "export.csv", [GOOD, BAD_DATE, ";2026-05-18;chat;;sans id;;;;"])
    result = runner.invoke(app, ["ingest", str(source), "--db", str(tmp_path / "a.duckdb"), "--json"])
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    [entry] = report["files"]
    assert entry == {
        "path": str(source), "read": 3, "inserted": 1, "updated": 0, "unchanged": 0,
        "quarantined": {"missing_id": 1, "unparseable_date": 1}, "same_file": False,
    }
    assert entry["read"] == entry["inserted"] + entry["updated"] + entry["unchanged"] + sum(entry["quarantined"].values())
    assert report["status"] == "partial"


def test_clean_ingest_exits_zero_and_prints_a_table(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "export.csv", [GOOD])
    result = runner.invoke(app, ["ingest", str(source), "--db", str(tmp_path / "a.duckdb")])
    assert result.exit_code == 0, result.output
    assert "Ingest report" in result.stdout and "inserted" in result.stdout


def test_missing_file_is_exit_2_with_one_message_and_no_database(tmp_path: Path) -> None:
    database = tmp_path / "a.duckdb"
    result = runner.invoke(app, ["ingest", str(tmp_path / "nope.csv"), "--db", str(database)])
    assert result.exit_code == 2
    assert "nope.csv: file not found" in result.stderr
    assert "Traceback" not in result.output
    assert not database.exists()


def test_wrong_column_mapping_names_the_columns_and_the_fix(tmp_path: Path) -> None:
    source = tmp_path / "other.csv"
    source.write_text("id,date,body\n1,2026-05-01,hello\n")
    result = runner.invoke(app, ["ingest", str(source), "--db", str(tmp_path / "a.duckdb")])
    assert result.exit_code == 2
    assert "numero_ticket" in result.stderr and "[ingest.columns]" in result.stderr


def test_bad_config_is_exit_2(tmp_path: Path) -> None:
    config = tmp_path / "analyser.toml"
    config.write_text("[ingest]\ndelimter = ';'\n")
    result = runner.invoke(app, ["status", "--config", str(config)])
    assert result.exit_code == 2
    assert "ingest.delimter: unknown setting" in result.stderr


def test_run_without_sources_says_what_to_configure(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", "--db", str(tmp_path / "a.duckdb")])
    assert result.exit_code == 2
    assert "[ingest] sources" in result.stderr


def test_status_on_a_missing_database(tmp_path: Path) -> None:
    result = runner.invoke(app, ["status", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2
    assert "does not exist yet" in result.stderr


def test_run_from_config_then_status_and_quarantine(tmp_path: Path) -> None:
    write_csv(tmp_path / "day.csv", [GOOD, BAD_DATE])
    config = tmp_path / "analyser.toml"
    config.write_text('database = "out/tickets.duckdb"\n[ingest]\nsources = ["day.csv"]\n')

    run = runner.invoke(app, ["run", "--config", str(config), "--json"])
    assert run.exit_code == 1, run.output
    assert json.loads(run.stdout)["files"][0]["inserted"] == 1
    assert (tmp_path / "out" / "tickets.duckdb").exists()

    status = runner.invoke(app, ["status", "--config", str(config), "--json"])
    assert status.exit_code == 0, status.output
    data = json.loads(status.stdout)
    assert data["tickets"] == 1
    assert data["quarantine"] == [{"source_file": str(tmp_path / "day.csv"), "reason": "unparseable_date", "rows": 1}]
    [last] = data["runs"]
    assert last["command"] == "run" and last["status"] == "partial"
    assert last["counts"]["read"] == 2 and last["finished_at"] is not None

    listing = runner.invoke(app, ["quarantine", "--config", str(config), "--json"])
    [row] = json.loads(listing.stdout)
    assert row["row_number"] == 2 and row["line"] == 3 and "2026-13-45" in row["raw_record"]

    human = runner.invoke(app, ["status", "--config", str(config)])
    assert human.exit_code == 0 and "1 tickets" in human.stdout
    listed = runner.invoke(app, ["quarantine", "--config", str(config)])
    assert "row 2 (line 3): unparseable_date" in listed.stdout
    assert "add the format to [ingest] date_formats" in listed.stdout  # shown as written, not eaten as markup


def test_a_failed_run_is_recorded(tmp_path: Path) -> None:
    """A run that fails after it started leaves a 'failed' record with the error, and the next run works."""
    source = write_csv(tmp_path / "day.csv", [GOOD])
    database = tmp_path / "a.duckdb"
    assert runner.invoke(app, ["ingest", str(source), "--db", str(database)]).exit_code == 0
    source.unlink()
    source.mkdir()  # now a folder: refused before the run starts, nothing recorded
    assert runner.invoke(app, ["ingest", str(source), "--db", str(database)]).exit_code == 2
    status = json.loads(runner.invoke(app, ["status", "--db", str(database), "--json"]).stdout)
    assert [run["status"] for run in status["runs"]] == ["succeeded"]
