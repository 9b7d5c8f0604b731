"""Labels edge: the label cache, each run's choice of label per cluster, and the reads the app and exports use.

`current_labels(conn, cluster_ids)` is the read other modules call: for each cluster, the label the
latest published run chose for it (generated, cached or kept). A run's choices are written as its
labels are made but only count once the run is published (its `run_results` row): a run killed
while labelling changes no title readers see, and the labels it made stay in the cache.
Human-edited titles live in review events and win over these in the app and exports; this module
only knows generated labels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from analyser.db import Connection, table_exists, transaction
from analyser.stages.label.prompt import ClusterInput, GeneratedLabel, Ticket


@dataclass(frozen=True)
class ClusterLabel:
    """A generated label as stored, with the run that last chose it and why."""

    label_id: int
    cluster_id: str
    run_id: str  # the run that made it
    provider: str
    model: str
    endpoint_host: str | None
    prompt_version: str
    input_hash: str
    language: str
    title: str
    summary: str
    journey_stage: str
    expected_instead: str | None
    confidence: float | None
    fallback: bool
    error: str | None
    latency_ms: float | None
    created_at: datetime
    chosen_run_id: str  # the latest run that showed it
    reason: str  # generated | cached | kept | budget


_LABEL_COLUMNS = (
    "label_id", "cluster_id", "run_id", "provider", "model", "endpoint_host", "prompt_version", "input_hash", "language",
    "title", "summary", "journey_stage", "expected_instead", "confidence", "fallback", "error", "latency_ms", "created_at",
)


def current_labels(conn: Connection, cluster_ids: Sequence[str] | None = None) -> dict[str, ClusterLabel]:
    """The label to show now for each cluster id (all clusters ever labelled when cluster_ids is None).

    A database that has not been opened for writing since labels exist (migration 0006) simply has none.
    """
    if not table_exists(conn, "run_labels"):
        return {}
    columns = ", ".join(f"r.{name}" if name == "cluster_id" else f"l.{name}" for name in _LABEL_COLUMNS)
    rows = conn.execute(
        f"""
        SELECT {columns}, r.run_id AS chosen_run_id, r.reason
        FROM run_labels r JOIN cluster_labels l ON l.label_id = r.label_id JOIN run_results p ON p.run_id = r.run_id
        WHERE ?::VARCHAR[] IS NULL OR list_contains(?::VARCHAR[], r.cluster_id)
        QUALIFY row_number() OVER (PARTITION BY r.cluster_id ORDER BY r.chosen_at DESC, r.run_id DESC) = 1
        ORDER BY r.cluster_id
        """,
        [None if cluster_ids is None else list(cluster_ids)] * 2,
    ).fetchall()
    return {row[1]: ClusterLabel(*row) for row in rows}


def cached_label_ids(
    conn: Connection, provider: str, model: str, prompt_version: str, input_hashes: Sequence[str]
) -> dict[tuple[str, str], int]:
    """Latest successful (non-fallback) label per (cluster id, input hash) for this provider, model and prompt version."""
    if not input_hashes:
        return {}
    rows = conn.execute(
        """
        SELECT cluster_id, input_hash, max(label_id) FROM cluster_labels
        WHERE provider = ? AND model = ? AND prompt_version = ? AND NOT fallback AND list_contains(?::VARCHAR[], input_hash)
        GROUP BY cluster_id, input_hash
        """,
        [provider, model, prompt_version, list(input_hashes)],
    ).fetchall()
    return {(cluster_id, digest): label_id for cluster_id, digest, label_id in rows}


def previous_labels(
    conn: Connection, cluster_ids: Sequence[str], provider: str, model: str, prompt_version: str, language: str
) -> dict[str, tuple[int, frozenset[str]]]:
    """Latest successful label of each cluster made with this configuration, with the cluster's tickets at that time."""
    if not cluster_ids:
        return {}
    rows = conn.execute(
        """
        SELECT cluster_id, label_id, member_ticket_ids FROM cluster_labels
        WHERE provider = ? AND model = ? AND prompt_version = ? AND language = ? AND NOT fallback
          AND list_contains(?::VARCHAR[], cluster_id)
        QUALIFY row_number() OVER (PARTITION BY cluster_id ORDER BY label_id DESC) = 1
        """,
        [provider, model, prompt_version, language, list(cluster_ids)],
    ).fetchall()
    return {cluster_id: (label_id, frozenset(members)) for cluster_id, label_id, members in rows}


def insert_label(conn: Connection, run_id: str, label: GeneratedLabel, member_ticket_ids: frozenset[str]) -> int:
    answer = label.answer
    row = conn.execute(
        """
        INSERT INTO cluster_labels (cluster_id, run_id, provider, model, endpoint_host, prompt_version, input_hash, language,
            title, summary, journey_stage, expected_instead, confidence, fallback, error, latency_ms, prompt_tokens,
            completion_tokens, attempts, member_ticket_ids, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING label_id
        """,
        [
            label.cluster_id, run_id, label.provider, label.model, label.endpoint_host, label.prompt_version, label.input_hash,
            label.language, answer.title, answer.summary, answer.journey_stage, answer.expected_instead, answer.confidence,
            label.fallback, label.error, label.latency_ms, label.prompt_tokens, label.completion_tokens, label.attempts,
            sorted(member_ticket_ids), datetime.now(),
        ],
    ).fetchall()
    return int(row[0][0])


def choose_labels(conn: Connection, run_id: str, items: Sequence[tuple[str, int, str]]) -> None:
    """Record which label this run shows per cluster (cluster id, label id, reason), in one statement."""
    if not items:
        return
    cluster_ids, label_ids, reasons = (list(column) for column in zip(*items))
    conn.execute(
        "INSERT OR REPLACE INTO run_labels (run_id, cluster_id, label_id, reason, chosen_at) "
        "SELECT ?, unnest(?::VARCHAR[]), unnest(?::BIGINT[]), unnest(?::VARCHAR[]), ?",
        [run_id, cluster_ids, label_ids, reasons, datetime.now()],
    )


def store_generated(conn: Connection, run_id: str, items: Sequence[tuple[GeneratedLabel, frozenset[str], str]]) -> None:
    """New labels and this run's choice of them, in one short transaction."""
    with transaction(conn):
        chosen = [(label.cluster_id, insert_label(conn, run_id, label, members), reason) for label, members, reason in items]
        choose_labels(conn, run_id, chosen)


def store_reused(conn: Connection, run_id: str, items: Sequence[tuple[str, int, str]]) -> None:
    """This run shows already stored labels (cluster id, label id, reason: cached | kept)."""
    with transaction(conn):
        choose_labels(conn, run_id, items)


# ---------------------------------------------------------------- inputs


def cluster_inputs(
    conn: Connection, run_id: str, language: str, *, representatives: dict[str, list[str]] | None = None,
    stage_guesses: dict[str, str] | None = None, cluster_ids: Sequence[str] | None = None,
) -> dict[str, ClusterInput]:
    """What each cluster of a run is labelled from: keywords, representative redacted tickets, members, subject lines.

    `representatives` overrides the stored representative ticket ids (the pipeline passes as many as llm.representatives).
    """
    only = None if cluster_ids is None else list(cluster_ids)
    clusters = conn.execute(
        "SELECT cluster_id, size, keywords, representative_ticket_ids, centroid FROM clusters WHERE run_id = ? "
        "AND (?::VARCHAR[] IS NULL OR list_contains(?::VARCHAR[], cluster_id)) ORDER BY cluster_id",
        [run_id, only, only],
    ).fetchall()
    chosen = {cid: (representatives or {}).get(cid) or list(reps) for cid, _, _, reps, _ in clusters}
    wanted = sorted({ticket_id for ids in chosen.values() for ticket_id in ids})
    tickets = {
        row[0]: Ticket(*row)
        for row in conn.execute(
            "SELECT ticket_id, subject, text, language FROM tickets WHERE list_contains(?::VARCHAR[], ticket_id)", [wanted]
        ).fetchall()
    }
    members = dict(
        conn.execute(
            "SELECT cluster_id, list(ticket_id ORDER BY ticket_id) FROM assignments WHERE run_id = ? AND cluster_id IS NOT NULL "
            "AND (?::VARCHAR[] IS NULL OR list_contains(?::VARCHAR[], cluster_id)) GROUP BY cluster_id",
            [run_id, only, only],
        ).fetchall()
    )
    subjects: dict[str, list[tuple[str, int]]] = {}
    for cluster_id, subject, count in conn.execute(
        """
        SELECT a.cluster_id, t.subject, count(*) AS n FROM assignments a JOIN tickets t ON t.ticket_id = a.ticket_id
        WHERE a.run_id = ? AND a.cluster_id IS NOT NULL AND t.subject IS NOT NULL AND trim(t.subject) <> ''
          AND coalesce(t.language, ?) = ? AND (?::VARCHAR[] IS NULL OR list_contains(?::VARCHAR[], a.cluster_id))
        GROUP BY a.cluster_id, t.subject QUALIFY row_number() OVER (PARTITION BY a.cluster_id ORDER BY n DESC, t.subject) <= 30
        """,
        [run_id, language, language, only, only],
    ).fetchall():
        subjects.setdefault(cluster_id, []).append((subject, count))
    return {
        cid: ClusterInput(
            cluster_id=cid, size=size, keywords=list(keywords),
            tickets=[tickets[t] for t in chosen[cid] if t in tickets],
            stage_guess=(stage_guesses or {}).get(cid), member_ticket_ids=frozenset(members.get(cid, ())),
            subject_counts=tuple(subjects.get(cid, ())), centroid=np.asarray(centroid, dtype=np.float32),
        )
        for cid, size, keywords, _, centroid in clusters
    }


def signal_order(conn: Connection, run_id: str) -> tuple[list[str], dict[str, str]]:
    """Cluster ids by weak-signal rank and their journey-stage guesses, when the signals stage has written them."""
    if not table_exists(conn, "cluster_signals"):
        return [], {}
    rows = conn.execute(
        "SELECT cluster_id, journey_stage FROM cluster_signals WHERE run_id = ? ORDER BY rank, cluster_id", [run_id]
    ).fetchall()
    return [row[0] for row in rows], {row[0]: row[1] for row in rows if row[1]}


