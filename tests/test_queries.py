"""The read model on a real database file: what the app's search finds."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from analyser.db import connect
from analyser.queries.clusters import clusters_with_text

TICKETS = {
    "T1": ("C1", "Remise de 100% promise, jamais appliquée"),
    "T2": ("C2", "Mon numéro client_fidèle ne marche pas"),
    "T3": ("C3", "La dépanneuse n'est jamais venue"),
}


def database(tmp_path: Path) -> Path:
    path = tmp_path / "analyser.duckdb"
    conn = connect(path)
    now = datetime(2026, 12, 1, 9)
    for ticket_id, (cluster_id, text) in TICKETS.items():
        conn.execute(
            "INSERT INTO tickets (ticket_id, created_at, text, content_hash, redacted_kinds, source_file, source_row, first_run_id, "
            "last_run_id, ingested_at, updated_at) VALUES (?, ?, ?, 'h', [], 'f.csv', 1, 'R1', 'R1', ?, ?)",
            [ticket_id, now, text, now, now],
        )
        conn.execute("INSERT INTO assignments VALUES ('R1', ?, ?, 1.0, false, 0, 0)", [ticket_id, cluster_id])
    conn.close()
    return path


def test_search_treats_percent_and_underscore_as_characters(tmp_path: Path) -> None:
    conn = connect(database(tmp_path))
    assert clusters_with_text(conn, "R1", "%") == ["C1"]
    assert clusters_with_text(conn, "R1", "_") == ["C2"]
    assert clusters_with_text(conn, "R1", "DÉPANNEUSE") == ["C3"]  # case does not matter
    assert clusters_with_text(conn, "R1", "absent") == []
