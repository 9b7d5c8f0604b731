"""One batch writer at a time: a lock file beside the database, with stale-lock detection.

The lock records the holder's host, process id, the machine's boot id and the process's start time.
A lock is stale, and is cleared, when its host is this one and the machine has rebooted since (another
boot id), its process no longer exists (a run killed with SIGKILL), or its process id now belongs to
another process (another start time: a reused PID, a restarted container). A lock held by a live run
makes the second run stop at once with exit code 3. Boot id and start time come from Linux /proc;
elsewhere, and for locks written before they were recorded, only the process id is checked.
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


BOOT_ID_FILE = Path("/proc/sys/kernel/random/boot_id")


def boot_id() -> str | None:
    """This boot of the machine (changes at every reboot), or None where /proc does not say."""
    try:
        return BOOT_ID_FILE.read_text(encoding="ascii").strip() or None
    except OSError:
        return None


def process_start(pid: int) -> int | None:
    """When a process started, in clock ticks since boot (field 22 of /proc/PID/stat), or None if unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8", errors="replace")
        return int(stat.rsplit(")", 1)[1].split()[19])  # the name in parentheses may hold spaces
    except (OSError, IndexError, ValueError):
        return None


def _holder(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def is_stale(holder: dict | None) -> bool:
    """A lock is stale when its process is gone from this host (or its PID was reused), or when the file is unreadable."""
    if holder is None:
        return True
    if holder.get("host") != socket.gethostname():
        return False  # another machine's process: we cannot tell, so we do not steal it
    try:
        pid = int(holder.get("pid", 0))
    except (TypeError, ValueError):
        return True
    recorded_boot, current_boot = holder.get("boot_id"), boot_id()
    if pid <= 0 or (recorded_boot and current_boot and recorded_boot != current_boot):
        return True
    if not _process_alive(pid):
        return True
    recorded_start, current_start = holder.get("process_start"), process_start(pid)
    return recorded_start is not None and current_start is not None and recorded_start != current_start


def holder_alive(database: Path) -> bool:
    """Whether a live process holds the batch lock of this database now (a run or an ingest is in progress)."""
    path = lock_path(database)
    return path.exists() and not is_stale(_holder(path))


@contextmanager
def run_lock(database: Path, run_description: str) -> Iterator[Path]:
    """Hold the batch lock for the database for the duration of the block."""
    path = lock_path(database)
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {"host": socket.gethostname(), "pid": os.getpid(), "boot_id": boot_id(), "process_start": process_start(os.getpid()),
              "started_at": datetime.now().isoformat(timespec="seconds"), "what": run_description}
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
