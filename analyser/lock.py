"""One batch writer at a time: a lock file beside the database, with stale-lock detection.

The lock records the holder's host, process id and start time. A lock whose process no longer
exists on this host (a run killed with SIGKILL, a reboot) is stale and is cleared; a lock held by a
live process makes the second run stop at once with exit code 3.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from analyser.errors import AnalyserError

EXIT_RUN_IN_PROGRESS = 3


class RunInProgressError(AnalyserError):
    exit_code = EXIT_RUN_IN_PROGRESS


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".run.lock")


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


def _holder(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_stale(holder: dict | None) -> bool:
    """A lock is stale when its process is gone from this host, or when the file is unreadable."""
    if holder is None:
        return True
    if holder.get("host") != socket.gethostname():
        return False  # another machine's process: we cannot tell, so we do not steal it
    return not _process_alive(int(holder.get("pid", -1)))


@contextmanager
def run_lock(database: Path, run_description: str) -> Iterator[Path]:
    """Hold the batch lock for the database for the duration of the block."""
    path = lock_path(database)
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {"host": socket.gethostname(), "pid": os.getpid(), "started_at": datetime.now().isoformat(timespec="seconds"),
              "what": run_description}
    for _ in range(2):
        try:
            descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            holder = _holder(path)
            if is_stale(holder):
                path.unlink(missing_ok=True)
                continue
            raise RunInProgressError(
                f"another run is in progress on {database} (process {holder.get('pid')} on {holder.get('host')}, "
                f"started {holder.get('started_at')}). Nothing was done. If that process is gone, delete {path}."
            ) from None
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(record, handle)
        break
    else:  # pragma: no cover - the stale lock reappeared twice: another run won the race
        raise RunInProgressError(f"another run took the lock on {database} just now. Nothing was done.")
    try:
        yield path
    finally:
        if _holder(path) == record:
            path.unlink(missing_ok=True)
