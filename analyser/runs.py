"""The run record: every job gets an id, its settings and code version, and ends with a status and counts.

A job killed outright (SIGKILL, power cut) cannot write its end: its record stays 'running'. Status
shows such a record as 'interrupted' as soon as no live process holds the batch lock (`shown_runs`),
and the next job that takes the lock writes that down (`close_interrupted_runs`).
"""

from __future__ import annotations

import logging
import secrets
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from analyser import __version__
from analyser.config import Settings
from analyser.db import Connection, OpenSession
from analyser.errors import AnalyserError
from analyser.queries import runs as queries

log = logging.getLogger("analyser")

INTERRUPTED_BEFORE_PUBLISHING = (
    "the process stopped before the run finished (killed or crashed): its results were not published, readers still see "
    "the previous complete run; the tickets it ingested and the embeddings, map and labels it computed are kept and reused"
)
INTERRUPTED_AFTER_PUBLISHING = (
    "the process stopped after publishing the run's results (readers see them), before it finished its record"
)


@dataclass
class RunRecord:
    run_id: str
    command: str
    started_at: datetime
    counts: dict[str, Any] = field(default_factory=dict)
    status: str = "running"  # set to 'partial' by the job when rows were quarantined


def new_run_id(now: datetime) -> str:
    return f"{now:%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"


def code_version() -> str:
    """Package version plus the git commit when running from a checkout."""
    root = Path(__file__).resolve().parents[1]
    try:
        commit = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=5
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    return f"{__version__}+{commit}" if commit else __version__


@contextmanager
def recorded_run(session: OpenSession, command: str, settings: Settings) -> Iterator[RunRecord]:
    """Record a run from start to end, each write in its own short session; a failure is stored and re-raised."""
    started = datetime.now()
    run = RunRecord(new_run_id(started), command, started)
    with session() as conn:
        queries.insert_run(
            conn, run_id=run.run_id, command=command, started_at=started,
            settings=settings.public_dict(), code_version=code_version(),
        )
    try:
        yield run
    except BaseException as exc:
        _record_failure(session, run, exc)
        raise
    final = "succeeded" if run.status == "running" else run.status
    with session() as conn:
        queries.finish_run(conn, run_id=run.run_id, status=final, finished_at=datetime.now(), counts=run.counts, error=None)
    run.status = final


@contextmanager
def failure_recorded(session: OpenSession, command: str, settings: Settings) -> Iterator[None]:
    """Work before a job starts (reading its sources, loading models): when it fails on an existing database, a
    'failed' run records it, so `analyser status` shows the night that did not happen. A first run leaves no database."""
    try:
        yield
    except Exception as exc:
        if settings.database.is_file():
            run = RunRecord(new_run_id(datetime.now()), command, datetime.now())
            try:
                with session() as conn:
                    queries.insert_run(conn, run_id=run.run_id, command=command, started_at=run.started_at,
                                       settings=settings.public_dict(), code_version=code_version())
            except AnalyserError as busy:
                log.warning("could not record the failed %s in the database: %s", command, busy)
            else:
                _record_failure(session, run, exc)
        raise


def _record_failure(session: OpenSession, run: RunRecord, exc: BaseException) -> None:
    """Store the failure; if even that fails (the database is busy or broken), log it and let the first error through."""
    try:
        with session() as conn:
            queries.finish_run(
                conn, run_id=run.run_id, status="failed", finished_at=datetime.now(), counts=run.counts,
                error=str(exc) or type(exc).__name__,
            )
    except AnalyserError as busy:
        log.warning("could not record that run %s failed: %s", run.run_id, busy)


def close_interrupted_runs(conn: Connection) -> int:
    """Runs still 'running' while we hold the batch lock died (killed, power cut): say so, and what they left, in their record."""
    return queries.mark_interrupted_runs(
        conn, published_error=INTERRUPTED_AFTER_PUBLISHING, unpublished_error=INTERRUPTED_BEFORE_PUBLISHING,
    )


def shown_runs(recent: list[dict[str, Any]], lock_held: bool) -> list[dict[str, Any]]:
    """Runs (newest first) as status shows them: a 'running' run is interrupted unless a live process holds the
    batch lock and it is the newest running one (a lock has one holder)."""
    live = next((run["run_id"] for run in recent if run["status"] == "running"), None) if lock_held else None
    return [
        {**run, "status": "interrupted",
         "error": INTERRUPTED_AFTER_PUBLISHING if run.get("published") else INTERRUPTED_BEFORE_PUBLISHING}
        if run["status"] == "running" and run["run_id"] != live else run
        for run in recent
    ]
