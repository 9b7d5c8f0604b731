"""The reads and writes that the CLI, the pipeline and (later) the app share; values always bound."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from analyser.db import Connection


def insert_run(conn: Connection, *, run_id: str, command: str, started_at: datetime, settings: dict, code_version: str) -> None:
    conn.execute(
        "INSERT INTO runs (run_id, command, started_at, status, settings, code_version) VALUES (?, ?, ?, 'running', ?, ?)",
        [run_id, command, started_at, json.dumps(settings), code_version],
    )


def finish_run(conn: Connection, *, run_id: str, status: str, finished_at: datetime, counts: dict, error: str | None) -> None:
    conn.execute(
        "UPDATE runs SET status = ?, finished_at = ?, counts = ?, error = ? WHERE run_id = ?",
        [status, finished_at, json.dumps(counts), error, run_id],
    )


def recent_runs(conn: Connection, limit: int) -> list[dict[str, Any]]:
    """The latest runs, newest first, with their counts decoded and whether readers see their results."""
    rows = conn.execute(
        "SELECT run_id, command, status, started_at, finished_at, code_version, counts, error, "
        "run_id IN (SELECT run_id FROM run_results) AS published "
        "FROM runs ORDER BY started_at DESC, run_id DESC LIMIT ?",
        [limit],
    ).fetchall()
    keys = ("run_id", "command", "status", "started_at", "finished_at", "code_version", "counts", "error", "published")
    runs = []
    for row in rows:
        run = dict(zip(keys, row))
        run["counts"] = json.loads(run["counts"]) if run["counts"] else {}
        runs.append(run)
    return runs


def ticket_overview(conn: Connection) -> dict[str, Any]:
    """How many tickets, over which dates, by channel and language; redaction coverage."""
    total, first, last, redacted = conn.execute(
        "SELECT count(*), min(created_at), max(created_at), count(*) FILTER (WHERE len(redacted_kinds) > 0) FROM tickets"
    ).fetchall()[0]
    return {
        "tickets": total,
        "first_ticket_at": first,
        "last_ticket_at": last,
        "tickets_with_redactions": redacted,
        "by_channel": dict(_counts_by(conn, "channel")),
        "by_language": dict(_counts_by(conn, "language")),
        "edited_tickets": conn.execute("SELECT count(DISTINCT ticket_id) FROM ticket_history").fetchall()[0][0],
    }


# The column names below are constants, never user input.
def _counts_by(conn: Connection, column: str) -> list[tuple[str, int]]:
    return conn.execute(
        f"SELECT coalesce({column}, '(none)') AS value, count(*) AS n FROM tickets GROUP BY 1 ORDER BY n DESC, value"
    ).fetchall()


def quarantine_counts(conn: Connection) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT source_file, reason, count(*) FROM quarantine GROUP BY ALL ORDER BY source_file, reason"
    ).fetchall()
    return [{"source_file": path, "reason": reason, "rows": n} for path, reason, n in rows]


def quarantined_rows(conn: Connection, *, reason: str | None, limit: int) -> list[dict[str, Any]]:
    """Quarantined rows, newest first, optionally for one reason."""
    rows = conn.execute(
        "SELECT source_file, row_number, line, reason, detail, raw_record, run_id FROM quarantine "
        "WHERE ? IS NULL OR reason = ? ORDER BY quarantined_at DESC, source_file, row_number LIMIT ?",
        [reason, reason, limit],
    ).fetchall()
    keys = ("source_file", "row_number", "line", "reason", "detail", "raw_record", "run_id")
    return [dict(zip(keys, row)) for row in rows]


def mark_interrupted_runs(conn: Connection, *, published_error: str, unpublished_error: str) -> int:
    """Mark runs still 'running' as interrupted, with the error that fits whether their results were published."""
    rows = conn.execute(
        "UPDATE runs SET status = 'interrupted', finished_at = ?, "
        "error = CASE WHEN run_id IN (SELECT run_id FROM run_results) THEN ? ELSE ? END "
        "WHERE status = 'running' RETURNING run_id",
        [datetime.now(), published_error, unpublished_error],
    ).fetchall()
    return len(rows)


def changes_since(conn: Connection, run_id: str) -> dict[str, Any] | None:
    """What a complete run was made from (its settings and code version) and how the tickets moved since it completed."""
    rows = conn.execute(
        "SELECT r.settings, r.code_version, r.counts, (SELECT count(*) FROM tickets), "
        "(SELECT count(*) FROM tickets WHERE ingested_at > res.completed_at OR updated_at > res.completed_at) "
        "FROM runs r JOIN run_results res USING (run_id) WHERE r.run_id = ?",
        [run_id],
    ).fetchall()
    if not rows:
        return None
    settings, version, counts, tickets, changed = rows[0]
    return {"settings": json.loads(settings) if settings else None, "code_version": version,
            "counts": json.loads(counts) if counts else {}, "tickets": tickets, "changed_since": changed}


def last_complete_run(conn: Connection) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT run_id, completed_at, model_id, tickets, clusters, unclustered FROM run_results "
        "ORDER BY completed_at DESC, run_id DESC LIMIT 1"
    ).fetchall()
    keys = ("run_id", "completed_at", "model_id", "tickets", "clusters", "unclustered")
    return dict(zip(keys, row[0])) if row else None


def assignments_table(conn: Connection, run_id: str) -> Any:
    """One row per ticket of the run: ticket id, stable cluster id (NULL if unclustered), probability, run id."""
    return conn.sql(
        "SELECT ticket_id, cluster_id, probability, run_id FROM assignments WHERE run_id = $run ORDER BY ticket_id",
        params={"run": run_id},
    ).to_arrow_table()


def largest_clusters(conn: Connection, run_id: str, limit: int) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT c.cluster_id, c.size, c.keywords, l.event, l.related_ids FROM clusters c "
        "LEFT JOIN cluster_lineage l ON l.run_id = c.run_id AND l.cluster_id = c.cluster_id AND l.event <> 'merged_into' "
        "WHERE c.run_id = ? ORDER BY c.size DESC, c.cluster_id LIMIT ?",
        [run_id, limit],
    ).fetchall()
    keys = ("cluster_id", "size", "keywords", "event", "related_ids")
    return [dict(zip(keys, row)) for row in rows]
