"""Following a gathered cluster across nightly runs, on a copy of the real sample run's database."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
from typer.testing import CliRunner

from analyser.cli.main import app
from conftest import REPO


def sql(database: Path, query: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as conn:
        return conn.execute(query, params or []).fetchall()


def test_a_cluster_an_earlier_run_drew_out_keeps_its_id_and_its_tickets_in_the_next_run(sample_database_copy: Path) -> None:
    """Written as an earlier run would have: a third of the largest cluster drawn out as C9999, a gathered group. The next
    run finds no pocket there, and its clustering puts those tickets back in the big cluster; following keeps them together."""
    database = sample_database_copy
    [(run_id,)] = sql(database, "SELECT run_id FROM run_results ORDER BY completed_at DESC LIMIT 1")
    [(largest, size)] = sql(database, "SELECT cluster_id, size FROM clusters WHERE run_id = ? ORDER BY size DESC LIMIT 1", [run_id])
    members = [row[0] for row in sql(
        database, "SELECT a.ticket_id FROM assignments a JOIN tickets t USING (ticket_id) WHERE a.run_id = ? AND a.cluster_id = ? "
        "ORDER BY t.created_at, a.ticket_id", [run_id, largest])]
    drawn = members[::3]  # a third, old and recent (it is followed while active): the rest of the big cluster stays their home
    with duckdb.connect(str(database)) as conn:
        conn.execute("INSERT INTO cluster_ids VALUES ('C9999', ?, now())", [run_id])
        conn.execute("INSERT INTO clusters SELECT * REPLACE ('C9999' AS cluster_id, ? AS size, true AS gathered) FROM clusters "
                     "WHERE run_id = ? AND cluster_id = ?", [len(drawn), run_id, largest])
        conn.execute("UPDATE clusters SET size = size - ? WHERE run_id = ? AND cluster_id = ?", [len(drawn), run_id, largest])
        conn.execute("UPDATE assignments SET cluster_id = 'C9999' WHERE run_id = ? AND list_contains(?, ticket_id)", [run_id, drawn])
        conn.execute("INSERT INTO gathered_groups VALUES (?, 99, 'C9999', true, ?)", [run_id, drawn])
    result = CliRunner().invoke(app, ["run", "--config", str(REPO / "analyser.toml"), "--db", str(database), "--json", "--force"])
    assert result.exit_code in (0, 1), result.output
    counts = json.loads(result.stdout)
    [(next_run,)] = sql(database, "SELECT run_id FROM run_results ORDER BY completed_at DESC LIMIT 1")
    assert next_run != run_id and counts["newly_embedded"] == 0
    held = sql(database, "SELECT cluster_id, count(*) FROM assignments WHERE run_id = ? AND list_contains(?, ticket_id) GROUP BY 1",
               [next_run, drawn])
    assert held == [("C9999", len(drawn))]  # all together, under the same id
    [(gathered, new_size)] = sql(database, "SELECT gathered, size FROM clusters WHERE run_id = ? AND cluster_id = 'C9999'", [next_run])
    assert gathered and new_size >= len(drawn)  # recent tickets whose neighbours are mostly the group's may have joined
    [(followed,)] = sql(database, "SELECT ticket_ids FROM gathered_groups WHERE run_id = ? AND cluster_id = 'C9999'", [next_run])
    assert set(drawn) <= set(followed)  # and the run after follows it again
    assert sql(database, "SELECT event FROM cluster_lineage WHERE run_id = ? AND cluster_id = 'C9999'", [next_run]) == [("continued",)]
    assert sql(database, "SELECT count(*) FROM clusters WHERE run_id = ? AND cluster_id = ?", [next_run, largest]) == [(1,)]
