"""The review edge: the only SQL over `review_events` (INSERT and SELECT only: the table is append-only)."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb

from analyser.access import Identity
from analyser.db import Connection, table_exists, transaction
from analyser.review.model import LineageRecord, ReviewEvent

_EVENT_COLUMNS = "event_id, stream, stream_version, cluster_id, candidate_id, actor, \"at\", action, before, after, comment"


class StreamMoved(Exception):
    """Another writer appended to the same stream between our read and our commit."""


@dataclass(frozen=True)
class NewEvent:
    """An event about to be appended (event_id comes from the sequence)."""

    stream: str
    stream_version: int
    cluster_id: str
    candidate_id: str | None
    actor: str
    at: datetime
    action: str
    before: dict[str, Any]
    after: dict[str, Any]
    comment: str | None
    signed_in: Identity | None = None  # who the app signed in (None: a plain name from the CLI or a script)


@contextlib.contextmanager
def write_transaction(conn: Connection) -> Iterator[Any]:
    """One transaction; a duplicate (stream, stream_version) at insert or commit becomes StreamMoved."""
    try:
        with transaction(conn):
            yield conn
    except (duckdb.ConstraintException, duckdb.TransactionException) as exc:
        if "constraint" in str(exc).lower() or "conflict" in str(exc).lower():
            raise StreamMoved(str(exc)) from None
        raise


def append_events(conn: Connection, events: list[NewEvent]) -> list[int]:
    """Insert the events; return their ids."""
    ids = []
    for event in events:
        who = event.signed_in
        row = conn.execute(
            "INSERT INTO review_events (stream, stream_version, cluster_id, candidate_id, actor, \"at\", action, before, after, comment, "
            "actor_email, actor_role, signed_in_via) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING event_id",
            [event.stream, event.stream_version, event.cluster_id, event.candidate_id, event.actor, event.at,
             event.action, json.dumps(event.before, ensure_ascii=False), json.dumps(event.after, ensure_ascii=False),
             event.comment, who and who.email, who and who.role, who and who.signed_in_via],
        ).fetchall()
        ids.append(int(row[0][0]))
    return ids


def has_review_table(conn: Connection) -> bool:
    """False on a database not migrated since reviews exist (a read-only connection does not migrate)."""
    return table_exists(conn, "review_events")


def stream_events(conn: Connection, stream: str) -> list[ReviewEvent]:
    """The events of one stream (a cluster or a candidate), oldest first."""
    if not has_review_table(conn):
        return []
    rows = conn.execute(
        f"SELECT {_EVENT_COLUMNS} FROM review_events WHERE stream = ? ORDER BY stream_version", [stream]
    ).fetchall()
    return [_event(row) for row in rows]


def cluster_events(conn: Connection, cluster_id: str) -> list[ReviewEvent]:
    """Every event about a cluster, its candidates' edits included, oldest first."""
    if not has_review_table(conn):
        return []
    rows = conn.execute(
        f"SELECT {_EVENT_COLUMNS} FROM review_events WHERE cluster_id = ? ORDER BY event_id", [cluster_id]
    ).fetchall()
    return [_event(row) for row in rows]


def candidate_events(conn: Connection, candidate_id: str | None = None) -> list[ReviewEvent]:
    """The promote and edit events of one candidate (or of all), oldest first."""
    if not has_review_table(conn):
        return []
    rows = conn.execute(
        f"SELECT {_EVENT_COLUMNS} FROM review_events "
        "WHERE candidate_id IS NOT NULL AND (? IS NULL OR candidate_id = ?) ORDER BY event_id",
        [candidate_id, candidate_id],
    ).fetchall()
    return [_event(row) for row in rows]


def all_events(conn: Connection) -> list[ReviewEvent]:
    if not has_review_table(conn):
        return []
    rows = conn.execute(f"SELECT {_EVENT_COLUMNS} FROM review_events ORDER BY event_id").fetchall()
    return [_event(row) for row in rows]


def next_candidate_id(conn: Connection) -> str:
    """A fresh candidate id from the sequence: unique even across concurrent writers, never reused."""
    return f"UC{conn.execute('SELECT nextval(?)', ['review_candidate_seq']).fetchall()[0][0]:04d}"


def known_cluster_ids(conn: Connection, cluster_ids: list[str]) -> set[str]:
    """Which of these ids the pipeline ever issued."""
    if not cluster_ids:
        return set()
    rows = conn.execute("SELECT cluster_id FROM cluster_ids WHERE list_contains(?, cluster_id)", [cluster_ids]).fetchall()
    return {row[0] for row in rows}


def live_cluster_ids(conn: Connection) -> list[str]:
    """The clusters of the last complete run (empty before the first run)."""
    rows = conn.execute(
        "SELECT cluster_id FROM clusters WHERE run_id = (SELECT run_id FROM run_results ORDER BY completed_at DESC, run_id DESC LIMIT 1) "
        "ORDER BY cluster_id"
    ).fetchall()
    return [row[0] for row in rows]


def lineage_records(conn: Connection) -> list[LineageRecord]:
    """The lineage of every complete run, oldest run first."""
    rows = conn.execute(
        "SELECT l.run_id, l.cluster_id, l.event, l.related_ids FROM cluster_lineage l "
        "JOIN run_results r USING (run_id) ORDER BY r.completed_at, l.run_id, l.cluster_id, l.event"
    ).fetchall()
    return [LineageRecord(run_id, cluster_id, event, tuple(related or ())) for run_id, cluster_id, event, related in rows]


def _event(row: tuple) -> ReviewEvent:
    event_id, stream, version, cluster_id, candidate_id, actor, at, action, before, after, comment = row
    return ReviewEvent(
        event_id=int(event_id), stream=stream, stream_version=int(version), cluster_id=cluster_id,
        candidate_id=candidate_id, actor=actor, at=at, action=action,
        before=json.loads(before) if before else {}, after=json.loads(after) if after else {}, comment=comment,
    )
