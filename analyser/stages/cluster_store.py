"""Clustering edge: read the previous complete run, write this run's results in one short transaction.

Readers only see runs that have a `run_results` row. The pipeline writes a run's clusters,
assignments, lineage and signals unpublished (no `run_results` row), labels them, then publishes
the run in one short transaction (`publish_run_results`): until then readers keep seeing the
previous complete run, and a run that fails or is killed changes nothing they see.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
import pyarrow as pa

from analyser.db import Connection, transaction
from analyser.stages.embed_store import vectors_to_arrow
from analyser.stages.identity import LineageEvent


def last_complete_run_id(conn: Connection) -> str | None:
    row = conn.execute("SELECT run_id FROM run_results ORDER BY completed_at DESC, run_id DESC LIMIT 1").fetchall()
    return row[0][0] if row else None


def previous_members(conn: Connection) -> dict[str, frozenset[str]]:
    """The last complete run's clusters and their tickets (empty before the first run).

    Centroids are not read back: the pipeline recomputes them from tonight's vectors, so identities
    survive a change of embedding model (old centroids would live in another space).
    """
    run_id = last_complete_run_id(conn)
    if run_id is None:
        return {}
    members = conn.execute(
        "SELECT cluster_id, list(ticket_id ORDER BY ticket_id) FROM assignments "
        "WHERE run_id = ? AND cluster_id IS NOT NULL GROUP BY cluster_id ORDER BY cluster_id",
        [run_id],
    ).fetchall()
    return {cluster_id: frozenset(tickets) for cluster_id, tickets in members}


def previous_gathered_groups(conn: Connection) -> list[frozenset[str]]:
    """The tickets of each group the last complete run gathered into one cluster (a pocket, or a group followed since)."""
    run_id = last_complete_run_id(conn)
    if run_id is None:
        return []
    rows = conn.execute("SELECT ticket_ids FROM gathered_groups WHERE run_id = ? ORDER BY group_id", [run_id]).fetchall()
    return [frozenset(tickets) for (tickets,) in rows]


def issued_cluster_ids(conn: Connection) -> list[str]:
    return [row[0] for row in conn.execute("SELECT cluster_id FROM cluster_ids").fetchall()]


@dataclass(frozen=True)
class ClusterRow:
    cluster_id: str
    size: int
    reassigned: int
    keywords: list[str]
    representative_ticket_ids: list[str]
    centroid: np.ndarray
    x: float
    y: float
    first_ticket_at: datetime
    last_ticket_at: datetime
    gathered: bool = False  # drawn out of the clustering's own clusters: later runs keep its tickets together


@dataclass(frozen=True)
class RunResults:
    run_id: str
    model_id: str
    clusters: list[ClusterRow]
    ticket_ids: list[str]
    cluster_of_ticket: list[str | None]
    probabilities: np.ndarray
    reassigned: np.ndarray
    layout: np.ndarray
    lineage: list[LineageEvent]
    new_ids: list[str]
    gathered_groups: list[tuple[str, bool, list[str]]] = field(default_factory=list)  # (cluster, drawn out, tickets)


def write_run_results(
    conn: Connection, results: RunResults, keep_assignment_runs: int, also_write: Callable[[Any], None] | None = None,
    *, publish: bool = True,
) -> None:
    """Everything a run produced in one transaction; with `publish`, visible to readers at once and old assignments pruned.

    `also_write(conn)` adds a later stage's rows (signals) inside the same transaction. Without `publish`
    the rows wait, unseen, for `publish_run_results` (the pipeline labels the clusters in between).
    """
    clusters = pa.table(
        {
            "cluster_id": [row.cluster_id for row in results.clusters],
            "size": pa.array([row.size for row in results.clusters], pa.int32()),
            "reassigned": pa.array([row.reassigned for row in results.clusters], pa.int32()),
            "keywords": pa.array([row.keywords for row in results.clusters], pa.list_(pa.string())),
            "representative_ticket_ids": pa.array([row.representative_ticket_ids for row in results.clusters], pa.list_(pa.string())),
            "centroid": vectors_to_arrow(np.stack([row.centroid for row in results.clusters]))
            if results.clusters else pa.array([], pa.list_(pa.float32())),
            "x": [row.x for row in results.clusters],
            "y": [row.y for row in results.clusters],
            "first_ticket_at": pa.array([row.first_ticket_at for row in results.clusters], pa.timestamp("us")),
            "last_ticket_at": pa.array([row.last_ticket_at for row in results.clusters], pa.timestamp("us")),
            "gathered": pa.array([row.gathered for row in results.clusters], pa.bool_()),
        }
    )
    assignments = pa.table(
        {
            "ticket_id": results.ticket_ids,
            "cluster_id": pa.array(results.cluster_of_ticket, pa.string()),
            "probability": results.probabilities.astype(np.float64),
            "reassigned": results.reassigned.astype(bool),
            "x": results.layout[:, 0].astype(np.float64),
            "y": results.layout[:, 1].astype(np.float64),
        }
    )
    lineage = pa.table(
        {
            "cluster_id": [event.cluster_id for event in results.lineage],
            "event": [event.event for event in results.lineage],
            "related_ids": pa.array([list(event.related_ids) for event in results.lineage], pa.list_(pa.string())),
            "shared_tickets": pa.array([event.shared_tickets for event in results.lineage], pa.int32()),
        }
    )
    groups = pa.table(
        {
            "group_id": pa.array(range(1, len(results.gathered_groups) + 1), pa.int32()),
            "cluster_id": pa.array([cluster for cluster, _, _ in results.gathered_groups], pa.string()),
            "drawn_out": pa.array([drawn for _, drawn, _ in results.gathered_groups], pa.bool_()),
            "ticket_ids": pa.array([tickets for _, _, tickets in results.gathered_groups], pa.list_(pa.string())),
        }
    )
    tables = (("new_clusters", clusters), ("new_assignments", assignments), ("new_lineage", lineage), ("new_groups", groups))
    for name, table in tables:
        conn.register(name, table)
    try:
        with transaction(conn):
            conn.execute("INSERT INTO clusters SELECT ?, * FROM new_clusters", [results.run_id])
            conn.execute("INSERT INTO assignments SELECT ?, * FROM new_assignments", [results.run_id])
            conn.execute("INSERT INTO cluster_lineage SELECT ?, * FROM new_lineage", [results.run_id])
            conn.execute("INSERT INTO gathered_groups SELECT ?, * FROM new_groups", [results.run_id])
            if also_write is not None:
                also_write(conn)
            if publish:
                _publish(conn, results)
    finally:
        for name, _ in tables:
            conn.unregister(name)
    if publish:
        prune_assignments(conn, keep_assignment_runs)


def publish_run_results(conn: Connection, results: RunResults, keep_assignment_runs: int) -> None:
    """Make a run written with publish=False visible to readers (with its labels), in one transaction; prune old assignments."""
    with transaction(conn):
        _publish(conn, results)
    prune_assignments(conn, keep_assignment_runs)


def _publish(conn: Connection, results: RunResults) -> None:
    """The run's newly issued ids and its `run_results` row: from this row on, readers see the run."""
    now = datetime.now()
    if results.new_ids:
        conn.executemany(
            "INSERT INTO cluster_ids (cluster_id, first_run_id, created_at) VALUES (?, ?, ?)",
            [[cluster_id, results.run_id, now] for cluster_id in results.new_ids],
        )
    unclustered = sum(cluster is None for cluster in results.cluster_of_ticket)
    conn.execute(
        "INSERT INTO run_results VALUES (?, ?, ?, ?, ?, ?)",
        [results.run_id, now, results.model_id, len(results.ticket_ids), len(results.clusters), unclustered],
    )


def prune_assignments(conn: Connection, keep_runs: int) -> None:
    """Per-ticket rows of older runs, and of runs killed before publishing, are dropped (clusters and lineage stay)
    so the file does not grow without end."""
    for table in ("assignments", "gathered_groups"):
        conn.execute(
            f"DELETE FROM {table} WHERE run_id NOT IN "
            "(SELECT run_id FROM run_results ORDER BY completed_at DESC, run_id DESC LIMIT ?)",
            [keep_runs],
        )
