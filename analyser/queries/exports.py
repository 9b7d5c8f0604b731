"""The exports' database edge: the reads that feed the workshop material, and the export record. Values always bound.

Only redacted columns are read (`tickets.subject` and `tickets.text`; never `raw_text`).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from analyser.db import Connection
from analyser.stages.cluster_store import last_complete_run_id
from analyser.stages.signals.components import COMPONENT_KEYS


def export_scope(conn: Connection) -> dict[str, Any]:
    """The last complete run and the date range of the tickets it clustered (all None before the first run)."""
    run_id = last_complete_run_id(conn)
    if run_id is None:
        return {"run_id": None, "first_ticket_at": None, "last_ticket_at": None}
    first, last = conn.execute(
        "SELECT min(t.created_at), max(t.created_at) FROM assignments a JOIN tickets t USING (ticket_id) WHERE a.run_id = ?",
        [run_id],
    ).fetchall()[0]
    return {"run_id": run_id, "first_ticket_at": first, "last_ticket_at": last}


def cluster_rows(conn: Connection, run_id: str, cluster_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Size, keywords and representative tickets of the given clusters in the run."""
    rows = conn.execute(
        "SELECT cluster_id, size, keywords, representative_ticket_ids FROM clusters WHERE run_id = ? AND list_contains(?, cluster_id)",
        [run_id, cluster_ids],
    ).fetchall()
    return {row[0]: {"size": row[1], "keywords": list(row[2]), "representatives": list(row[3])} for row in rows}


def cluster_ticket_facts(conn: Connection, run_id: str, cluster_ids: list[str] | None, since: datetime) -> list[tuple[str, datetime, str | None]]:
    """(cluster id, created at, customer id) of the run's clustered tickets created since `since` (all clusters when None)."""
    return conn.execute(
        "SELECT a.cluster_id, t.created_at, t.customer_id FROM assignments a JOIN tickets t USING (ticket_id) "
        "WHERE a.run_id = ? AND a.cluster_id IS NOT NULL AND t.created_at >= ? AND (? IS NULL OR list_contains(?, a.cluster_id)) "
        "ORDER BY a.cluster_id, t.created_at, t.ticket_id",
        [run_id, since, cluster_ids, cluster_ids],
    ).fetchall()


def ticket_texts(conn: Connection, ticket_ids: list[str]) -> dict[str, str]:
    """Redacted text of the given tickets (the subject in front when there is one)."""
    rows = conn.execute(
        "SELECT ticket_id, subject, text FROM tickets WHERE list_contains(?, ticket_id)", [ticket_ids]
    ).fetchall()
    return {ticket_id: (f"{subject} : {text}" if subject and subject not in text else text) for ticket_id, subject, text in rows}


def record_export(conn: Connection, record: dict[str, Any]) -> None:
    """Append one row to `exports`: who exported what (and, from the app, their e-mail, role and sign-in mode), when,
    from which run, with which selection, and the file's hash."""
    conn.execute(
        "INSERT INTO exports (export_id, exported_at, actor, what, format, language, filters, run_id, first_ticket_at, "
        "last_ticket_at, items, file_name, bytes, sha256, actor_email, actor_role, signed_in_via) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [record["export_id"], record["exported_at"], record["actor"], record["what"], record["format"], record["language"],
         json.dumps(record["filters"], sort_keys=True), record["run_id"], record["first_ticket_at"], record["last_ticket_at"],
         record["items"], record["file_name"], record["bytes"], record["sha256"],
         record.get("actor_email"), record.get("actor_role"), record.get("signed_in_via")],
    )


def signal_rows(conn: Connection, run_id: str) -> dict[str, dict[str, Any]]:
    """Weak-signal score, components, stage and details per cluster of the run, plus the two shares the exports show."""
    keys = ("score", *COMPONENT_KEYS, "journey_stage")  # column names from the component registry, never user input
    rows = conn.execute(
        f"SELECT cluster_id, {', '.join(keys)}, details FROM cluster_signals WHERE run_id = ? ORDER BY cluster_id", [run_id],
    ).fetchall()
    signals = {}
    for row in rows:
        details = json.loads(row[-1]) if row[-1] else {}
        signal = dict(zip(keys, row[1:-1]), details=details)
        signal["intense_share"] = (details.get("intensity") or {}).get("intense_share")
        signal["repeat_share"] = (details.get("intensity") or {}).get("repeat_share")
        signal["catch_all_share"] = (details.get("hidden") or {}).get("catch_all_share")
        signals[row[0]] = signal
    return signals
