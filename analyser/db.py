"""Opening the database: connect(), session(), opener(settings), schema migrations applied on open, transaction().

`Connection` is the one connection type every edge function takes; `OpenSession` is what services take
to open a short-lived one (`opener(settings)` builds it from the settings).
"""

from __future__ import annotations

import contextlib
import functools
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from analyser.errors import AnalyserError
from analyser.schema import MIGRATIONS, Migration, pending_migrations

if TYPE_CHECKING:
    from analyser.config import Settings

Connection = duckdb.DuckDBPyConnection
OpenSession = Callable[[], AbstractContextManager[Connection]]


def connect(path: Path, *, read_only: bool = False) -> Connection:
    """Open (creating if needed) the DuckDB file and bring its schema up to date."""
    if read_only:
        if not path.is_file():
            raise AnalyserError(f"database {path} does not exist yet. Fix: run `analyser run` or `analyser ingest FILE` first.")
        return _open(path, read_only=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = _open(path, read_only=False)
    apply_migrations(conn)
    return conn


# DuckDB shares one database instance between the connections of a process. When one thread closes the
# last connection while another opens the file, the opener can see the closing instance still attached
# ("Unique file handle conflict"). That lasts milliseconds, so it is retried for this long whatever wait_seconds says.
_INSTANCE_TEARDOWN_SECONDS = 5.0


def _open(path: Path, *, read_only: bool, wait_seconds: float = 0.0) -> Connection:
    """Open the file, retrying while another process holds DuckDB's single-writer lock
    or another thread of this process is closing its instance."""
    started = time.monotonic()
    delay = 0.01
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() - started >= wait_seconds:
                raise (DatabaseBusyError if "lock" in str(exc).lower() else AnalyserError)(
                    f"cannot open database {path}: {exc}. If another process is using it, retry when it is done."
                ) from None
        except duckdb.ResourceInUseException as exc:
            if "file handle conflict" not in str(exc).lower() or (
                time.monotonic() - started >= max(wait_seconds, _INSTANCE_TEARDOWN_SECONDS)
            ):
                raise AnalyserError(
                    f"cannot open database {path}: {exc}. Another connection of this process still holds it; "
                    "retry in a moment."
                ) from None
        time.sleep(delay)
        delay = min(delay * 2, 0.5)


class DatabaseBusyError(AnalyserError):
    """Another process kept DuckDB's single-writer lock for longer than the caller would wait."""


@contextlib.contextmanager
def read_session(path: Path, *, wait_seconds: float = 30.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short read-only connection that waits, as writes do, while another process (the batch, a review) writes."""
    if not path.is_file():
        raise AnalyserError(f"database {path} does not exist yet. Fix: run `analyser run` or `analyser ingest FILE` first.")
    try:
        conn = _open(path, read_only=True, wait_seconds=wait_seconds)
    except DatabaseBusyError:
        raise DatabaseBusyError(
            f"database {path} is busy: another process (a run or a review) kept it open for writing for more than "
            f"{wait_seconds:g} s. Retry in a moment, or wait longer with [runs] lock_wait_seconds."
        ) from None
    try:
        yield conn
    finally:
        conn.close()


@contextlib.contextmanager
def session(path: Path, *, wait_seconds: float = 30.0) -> Iterator[Connection]:
    """A short-lived read-write connection: long work holds no connection, so others can use the file between steps."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = _open(path, read_only=False, wait_seconds=wait_seconds)
    try:
        apply_migrations(conn)
        yield conn
    finally:
        conn.close()


def opener(settings: Settings) -> OpenSession:
    """Short-lived sessions on the settings' database, waiting up to `runs.lock_wait_seconds` for a writer."""
    return functools.partial(session, settings.database, wait_seconds=settings.runs.lock_wait_seconds)


def apply_migrations(conn: Connection, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[str]:
    """Apply pending migrations, each in its own transaction; return the names applied."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL)"
    )
    applied = {row[0] for row in conn.execute("SELECT name FROM schema_migrations").fetchall()}
    done = []
    for migration in pending_migrations(migrations, applied):
        with transaction(conn):
            conn.execute(migration.sql)
            conn.execute(
                "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)", [migration.name, datetime.now()]
            )
        done.append(migration.name)
    return done


def table_exists(conn: Connection, name: str) -> bool:
    """Whether a table exists: readers on a read-only connection (which does not migrate) check before reading later features."""
    return conn.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [name]).fetchall()[0][0] > 0


@contextlib.contextmanager
def transaction(conn: Connection) -> Iterator[Connection]:
    """Commit on success, roll back on any exception."""
    conn.execute("BEGIN TRANSACTION")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
