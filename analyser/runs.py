"""The run record: every job gets an id, its settings and code version, and ends with a status and counts."""

from __future__ import annotations

import secrets
import subprocess
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from analyser import __version__
from analyser.config import Settings
from analyser.queries import runs as queries


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
def recorded_run(session: Callable[[], AbstractContextManager[Any]], command: str, settings: Settings) -> Iterator[RunRecord]:
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
        with session() as conn:
            queries.finish_run(
                conn, run_id=run.run_id, status="failed", finished_at=datetime.now(), counts=run.counts,
                error=str(exc) or type(exc).__name__,
            )
        raise
    final = "succeeded" if run.status == "running" else run.status
    with session() as conn:
        queries.finish_run(conn, run_id=run.run_id, status=final, finished_at=datetime.now(), counts=run.counts, error=None)
    run.status = final
