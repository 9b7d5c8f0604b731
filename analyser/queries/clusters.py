"""The SQL behind the review app's pages: reads of one complete run, values always bound.

Every function takes an open connection and a run id (a run is visible once its `run_results` row
exists), reads its result fully and returns plain Python or Arrow data; `views.py` shapes it for pages.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa

from analyser.db import Connection, table_exists
from analyser.stages.signals.components import COMPONENT_KEYS, SIGNAL_FLAGS

# Dimensions a cluster is broken down by; constants, so they may be formatted into SQL as identifiers.
BREAKDOWN_COLUMNS = ("channel", "product", "category")


def freshness(conn: Connection) -> dict[str, Any] | None:
    """The last complete run with its status and the date range of the tickets it covers; None before the first run."""
    rows = conn.execute(
        "SELECT r.run_id, r.completed_at, r.tickets, r.clusters, r.unclustered, r.model_id, "
        "runs.status, runs.finished_at FROM run_results r LEFT JOIN runs USING (run_id) "
        "ORDER BY r.completed_at DESC, r.run_id DESC LIMIT 1"
    ).fetchall()
    if not rows:
        return None
    keys = ("run_id", "completed_at", "tickets", "clusters", "unclustered", "model_id", "status", "finished_at")
    result = dict(zip(keys, rows[0]))
    first, last = conn.execute("SELECT min(created_at), max(created_at) FROM tickets").fetchall()[0]
    latest = conn.execute("SELECT run_id, status, started_at FROM runs ORDER BY started_at DESC, run_id DESC LIMIT 1").fetchall()
    result.update(first_ticket_at=first, last_ticket_at=last)
    # Labels are written just after a run completes: their count is part of the cache key of the run's data.
    result["labels"] = (
        conn.execute("SELECT count(*) FROM run_labels WHERE run_id = ?", [result["run_id"]]).fetchall()[0][0]
        if table_exists(conn, "run_labels") else 0
    )
    result["latest_attempt"] = dict(zip(("run_id", "status", "started_at"), latest[0])) if latest else None
    return result


def review_version(conn: Connection) -> int:
    """The newest review event id (0 before any): review-derived data is cached until it moves."""
    if not table_exists(conn, "review_events"):
        return 0
    return conn.execute("SELECT coalesce(max(event_id), 0) FROM review_events").fetchall()[0][0]


def clusters(conn: Connection, run_id: str) -> pa.Table:
    """One row per cluster of the run with its lineage event of that run (new, continued, split, merged). A cluster that
    continued and absorbed others has both events: "merged" is the one shown (it names what it absorbed)."""
    return conn.sql(
        "WITH l AS (SELECT cluster_id, arg_min(event, event <> 'merged') AS event, arg_min(related_ids, event <> 'merged') AS related_ids "
        "           FROM cluster_lineage WHERE run_id = $run AND event <> 'merged_into' GROUP BY cluster_id) "
        "SELECT c.cluster_id, c.size, c.keywords, c.representative_ticket_ids, c.x, c.y, "
        "c.first_ticket_at, c.last_ticket_at, coalesce(c.gathered, false) AS gathered, l.event AS lineage_event, l.related_ids AS lineage_related "
        "FROM clusters c LEFT JOIN l ON l.cluster_id = c.cluster_id "
        "WHERE c.run_id = $run ORDER BY c.size DESC, c.cluster_id",
        params={"run": run_id},
    ).to_arrow_table()


def signals(conn: Connection, run_id: str) -> pa.Table:
    """The signals stage's scores and journey stage per cluster (table from migration 0005)."""
    return conn.sql(
        f"SELECT cluster_id, score, rank, {', '.join((*COMPONENT_KEYS, *SIGNAL_FLAGS))}, journey_stage, journey_confidence, "
        "CAST(details AS VARCHAR) AS details FROM cluster_signals WHERE run_id = $run",  # names from the component registry
        params={"run": run_id},
    ).to_arrow_table()


def weekly_counts(conn: Connection, run_id: str) -> pa.Table:
    """Tickets per cluster per ISO week (Monday), from the run's assignments."""
    return conn.sql(
        "SELECT a.cluster_id, CAST(date_trunc('week', t.created_at) AS DATE) AS week, count(*)::INTEGER AS tickets "
        "FROM assignments a JOIN tickets t USING (ticket_id) "
        "WHERE a.run_id = $run AND a.cluster_id IS NOT NULL GROUP BY ALL ORDER BY 1, 2",
        params={"run": run_id},
    ).to_arrow_table()


def breakdown(conn: Connection, run_id: str) -> pa.Table:
    """Ticket counts per cluster by channel, product and original category (missing values as '')."""
    parts = [
        f"SELECT a.cluster_id, '{column}' AS dimension, coalesce(t.{column}, '') AS value, count(*)::INTEGER AS tickets "
        "FROM assignments a JOIN tickets t USING (ticket_id) WHERE a.run_id = $run AND a.cluster_id IS NOT NULL GROUP BY ALL"
        for column in BREAKDOWN_COLUMNS
    ]
    return conn.sql(" UNION ALL ".join(parts) + " ORDER BY 1, 2, 4 DESC, 3", params={"run": run_id}).to_arrow_table()


def clusters_with_text(conn: Connection, run_id: str, needle: str) -> list[str]:
    """Clusters of the run with at least one ticket whose (redacted) subject or text contains `needle`, ignoring case.

    A plain substring test, not LIKE: a `%` or `_` typed in the search box is a character, not a wildcard."""
    rows = conn.execute(
        "SELECT DISTINCT a.cluster_id FROM assignments a JOIN tickets t USING (ticket_id) "
        "WHERE a.run_id = ? AND a.cluster_id IS NOT NULL "
        "AND (contains(lower(t.text), lower(?)) OR contains(lower(coalesce(t.subject, '')), lower(?)))",
        [run_id, needle, needle],
    ).fetchall()
    return sorted(row[0] for row in rows)


def tickets_by_id(conn: Connection, ticket_ids: list[str]) -> list[dict[str, Any]]:
    """Redacted tickets in the order asked (never raw_text)."""
    if not ticket_ids:
        return []
    rows = conn.execute(
        "SELECT ticket_id, created_at, channel, product, category, subject, text FROM tickets "
        "WHERE ticket_id IN (SELECT unnest(?::VARCHAR[]))",
        [ticket_ids],
    ).fetchall()
    keys = ("ticket_id", "created_at", "channel", "product", "category", "subject", "text")
    found = {row[0]: dict(zip(keys, row)) for row in rows}
    return [found[ticket_id] for ticket_id in ticket_ids if ticket_id in found]


def centroids(conn: Connection, run_id: str) -> tuple[list[str], np.ndarray, list[list[str]]]:
    """Every cluster of the run with its centroid (embedding space) and keywords, by id."""
    rows = conn.execute("SELECT cluster_id, centroid, keywords FROM clusters WHERE run_id = ? ORDER BY cluster_id", [run_id]).fetchall()
    matrix = np.array([row[1] for row in rows], dtype=np.float32) if rows else np.zeros((0, 0), dtype=np.float32)
    return [row[0] for row in rows], matrix, [list(row[2]) for row in rows]


def weakest_members(conn: Connection, run_id: str, cluster_id: str, limit: int) -> list[tuple[str, float]]:
    """The cluster's tickets least like it (lowest membership strength) first, with that strength."""
    rows = conn.execute(
        "SELECT ticket_id, probability FROM assignments WHERE run_id = ? AND cluster_id = ? ORDER BY probability, ticket_id LIMIT ?",
        [run_id, cluster_id, limit],
    ).fetchall()
    return [(row[0], float(row[1])) for row in rows]


def cluster_ticket_ids(conn: Connection, run_id: str, cluster_id: str, limit: int) -> list[str]:
    """The cluster's tickets, most central (highest membership probability) first."""
    rows = conn.execute(
        "SELECT ticket_id FROM assignments WHERE run_id = ? AND cluster_id = ? ORDER BY probability DESC, ticket_id LIMIT ?",
        [run_id, cluster_id, limit],
    ).fetchall()
    return [row[0] for row in rows]


def placements(conn: Connection, run_id: str | None, ticket_ids: list[str]) -> dict[str, str | None]:
    """Each known ticket of `ticket_ids` and its cluster in the run (None: unclustered, or not in that run); unknown ids
    are left out."""
    rows = conn.execute(
        "SELECT t.ticket_id, a.cluster_id FROM tickets t LEFT JOIN assignments a ON a.ticket_id = t.ticket_id AND a.run_id = ? "
        "WHERE t.ticket_id IN (SELECT unnest(?::VARCHAR[]))",
        [run_id, list(ticket_ids)],
    ).fetchall()
    return {row[0]: row[1] for row in rows}


def all_cluster_ticket_ids(conn: Connection, run_id: str | None, cluster_id: str) -> list[str]:
    """Every ticket of the cluster in the run, by id (empty when the run or the cluster has none)."""
    rows = conn.execute(
        "SELECT ticket_id FROM assignments WHERE run_id = ? AND cluster_id = ? ORDER BY ticket_id", [run_id, cluster_id]
    ).fetchall()
    return [row[0] for row in rows]


def lineage(conn: Connection, cluster_id: str) -> list[dict[str, Any]]:
    """Every lineage event of a cluster across runs, oldest first, plus events of others that name it."""
    rows = conn.execute(
        "SELECT l.run_id, r.completed_at, l.cluster_id, l.event, l.related_ids, l.shared_tickets "
        "FROM cluster_lineage l JOIN run_results r USING (run_id) "
        "WHERE l.cluster_id = ? OR list_contains(l.related_ids, ?) ORDER BY r.completed_at, l.cluster_id",
        [cluster_id, cluster_id],
    ).fetchall()
    keys = ("run_id", "completed_at", "cluster_id", "event", "related_ids", "shared_tickets")
    return [dict(zip(keys, row)) for row in rows]


def map_points(conn: Connection, run_id: str, limit: int, excerpt_chars: int) -> pa.Table:
    """2-D layout of the run's tickets with a short redacted excerpt; a uniform sample above `limit`."""
    return conn.sql(
        "SELECT a.ticket_id, a.cluster_id, a.x, a.y, left(regexp_replace(t.text, '\\s+', ' ', 'g'), $chars) AS excerpt "
        "FROM assignments a JOIN tickets t USING (ticket_id) WHERE a.run_id = $run "
        "ORDER BY hash(a.ticket_id) LIMIT $limit",
        params={"run": run_id, "limit": limit, "chars": excerpt_chars},
    ).to_arrow_table()


def ticket_count_in_window(conn: Connection, run_id: str, start: Any, end: Any) -> pa.Table:
    """Tickets per cluster created in [start, end] (dates), for the date-window filter."""
    return conn.sql(
        "SELECT a.cluster_id, count(*)::INTEGER AS tickets FROM assignments a JOIN tickets t USING (ticket_id) "
        "WHERE a.run_id = $run AND a.cluster_id IS NOT NULL "
        "AND CAST(t.created_at AS DATE) BETWEEN $start AND $end GROUP BY ALL",
        params={"run": run_id, "start": start, "end": end},
    ).to_arrow_table()
