"""Ingest edge: read source files, look up stored hashes, write tickets and quarantine to DuckDB.

All files are opened and checked before anything is written; each file is stored in one transaction.
Reading, validating and redacting a file hold no database connection: a session is opened only to
look up stored hashes and to write, so review writes never wait for a whole file to be redacted.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pyarrow as pa

from analyser.config import IngestSettings
from analyser.db import Connection, transaction
from analyser.stages.ingest import (
    QUARANTINE_REASONS,
    FileReport,
    QuarantinedRow,
    Ticket,
    ValidRow,
    build_ticket,
    resolve_duplicates,
    validate_row,
)
from analyser.stages.redact import RedactionRules
from analyser.stages.sources import SourceFile, open_source


def open_sources(paths: Sequence[Path], settings: IngestSettings) -> list[SourceFile]:
    """Check every file before any is ingested: one unreadable file stops the job with nothing written."""
    return [open_source(Path(path), settings) for path in paths]

TICKET_COLUMNS = (
    "ticket_id", "created_at", "subject", "text", "raw_text", "channel", "product", "category",
    "customer_id", "language", "satisfaction", "content_hash", "redacted_kinds", "source_row",
)


def ingest_source(
    open_session: Callable[[], AbstractContextManager[Any]],
    source: SourceFile,
    settings: IngestSettings,
    rules: RedactionRules,
    *,
    keep_raw_text: bool,
    run_id: str,
    on_row: Callable[[], None] | None = None,
    recipe: str | None = None,
) -> FileReport:
    """Read, validate, redact and store one file in one transaction; return its report.

    `open_session` opens a short-lived connection (analyser.db.session); it is used twice, briefly.
    `recipe`: a digest of what else the result depends on (`ingest_recipe`). When the file is byte for byte the one
    last ingested from this path under the same recipe, it is not read again: every row it holds is reported as
    last time (its valid rows unchanged, its bad rows quarantined again, as a re-read would find them).
    """
    zone = ZoneInfo(settings.timezone)
    source_file = str(source.path.resolve())  # the file's identity: one spelling for the quarantine's "same row" rule
    if recipe is not None:
        with open_session() as conn:
            same = _same_file_report(conn, source_file, source.sha256, recipe)
        if same is not None:
            _record_file(open_session, run_id, source, source_file, same, recipe)
            return same
    report = FileReport(source_file)
    valid: list[ValidRow] = []
    quarantined: list[QuarantinedRow] = []
    for row in source.rows():
        report.read += 1
        result = validate_row(row, settings, zone)
        (valid if isinstance(result, ValidRow) else quarantined).append(result)
        if on_row:
            on_row()
    keep, repeats, conflicts = resolve_duplicates(valid)
    quarantined.extend(conflicts)
    with open_session() as conn:
        existing = existing_hashes(conn, [row.ticket_id for row in keep])
    new, changed = [], []
    unchanged = repeats
    for row in keep:
        if existing.get(row.ticket_id) == row.content_hash:
            unchanged += 1
            continue
        built = build_ticket(row, rules, keep_raw_text)
        if isinstance(built, QuarantinedRow):
            quarantined.append(built)
        else:
            (changed if row.ticket_id in existing else new).append(built)
    report.inserted, report.updated, report.unchanged = len(new), len(changed), unchanged
    for item in quarantined:
        report.quarantined[item.reason] = report.quarantined.get(item.reason, 0) + 1
    now = datetime.now()
    with open_session() as conn, transaction(conn):
        write_tickets(conn, new, changed, source_file=source_file, run_id=run_id, now=now)
        write_quarantine(conn, quarantined, source_file=source_file, run_id=run_id, now=now)
        _insert_file_row(conn, run_id, source, source_file, report, recipe, now)
    return report


def ingest_recipe(settings: IngestSettings, redaction: Any, code_version: str) -> str:
    """Digest of what an ingest's result depends on besides the file's bytes."""
    payload = {"ingest": settings.model_dump(mode="json"), "redaction": redaction.model_dump(mode="json"), "code": code_version}
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _same_file_report(conn: Connection, source_file: str, sha256: str, recipe: str) -> FileReport | None:
    """Last time's report when this path's last ingest read these very bytes under this recipe; else None."""
    rows = conn.execute(
        "SELECT file_sha256, recipe, report FROM ingest_files WHERE path = ? ORDER BY ingested_at DESC LIMIT 1", [source_file]
    ).fetchall()
    if not rows or rows[0][0] != sha256 or rows[0][1] != recipe:
        return None
    last = json.loads(rows[0][2])
    quarantined = {str(reason): int(count) for reason, count in (last.get("quarantined") or {}).items()}
    read = int(last["read"])
    return FileReport(source_file, read=read, unchanged=read - sum(quarantined.values()), quarantined=quarantined, same_file=True)


def _record_file(open_session: Callable[[], AbstractContextManager[Any]], run_id: str, source: SourceFile, source_file: str,
                 report: FileReport, recipe: str | None) -> None:
    with open_session() as conn, transaction(conn):
        _insert_file_row(conn, run_id, source, source_file, report, recipe, datetime.now())


def _insert_file_row(conn: Connection, run_id: str, source: SourceFile, source_file: str, report: FileReport,
                     recipe: str | None, now: datetime) -> None:
    conn.execute(
        "INSERT INTO ingest_files (run_id, path, file_sha256, format, encoding, delimiter, report, ingested_at, recipe) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [run_id, source_file, source.sha256, source.format, source.encoding, source.delimiter,
         json.dumps(report.as_dict()), now, recipe],
    )


def existing_hashes(conn: Connection, ticket_ids: list[str]) -> dict[str, str]:
    """Stored content hash of each of `ticket_ids` already in the database."""
    if not ticket_ids:
        return {}
    conn.register("incoming_ids", pa.table({"ticket_id": ticket_ids}))
    try:
        rows = conn.execute(
            "SELECT t.ticket_id, t.content_hash FROM tickets t JOIN incoming_ids i USING (ticket_id)"
        ).fetchall()
    finally:
        conn.unregister("incoming_ids")
    return dict(rows)


def _tickets_table(tickets: list[Ticket]) -> pa.Table:
    columns = {name: [getattr(ticket, name) for ticket in tickets] for name in TICKET_COLUMNS}
    columns["redacted_kinds"] = [list(kinds) for kinds in columns["redacted_kinds"]]
    schema = pa.schema(
        [(name, pa.timestamp("us") if name == "created_at" else pa.int32() if name == "source_row"
          else pa.list_(pa.string()) if name == "redacted_kinds" else pa.string()) for name in TICKET_COLUMNS]
    )
    return pa.table(columns, schema=schema)


def write_tickets(
    conn: Connection, new: list[Ticket], changed: list[Ticket], *, source_file: str, run_id: str, now: datetime
) -> None:
    """Insert new tickets; for changed ones, keep the old version in ticket_history, then update."""
    columns = ", ".join(TICKET_COLUMNS)
    if new:
        conn.register("incoming_tickets", _tickets_table(new))
        conn.execute(
            f"INSERT INTO tickets ({columns}, source_file, first_run_id, last_run_id, ingested_at, updated_at) "
            f"SELECT {columns}, ?, ?, ?, ?, ? FROM incoming_tickets",
            [source_file, run_id, run_id, now, now],
        )
        conn.unregister("incoming_tickets")
    if changed:
        conn.register("incoming_tickets", _tickets_table(changed))
        conn.execute(
            "INSERT INTO ticket_history (ticket_id, run_id, changed_at, old_content_hash, new_content_hash, "
            "old_created_at, old_subject, old_text, source_file, source_row) "
            "SELECT t.ticket_id, ?, ?, t.content_hash, i.content_hash, t.created_at, t.subject, t.text, ?, i.source_row "
            "FROM tickets t JOIN incoming_tickets i USING (ticket_id)",
            [run_id, now, source_file],
        )
        assignments = ", ".join(f"{name} = i.{name}" for name in TICKET_COLUMNS if name != "ticket_id")
        conn.execute(
            f"UPDATE tickets SET {assignments}, source_file = ?, last_run_id = ?, updated_at = ? "
            "FROM incoming_tickets i WHERE tickets.ticket_id = i.ticket_id",
            [source_file, run_id, now],
        )
        conn.unregister("incoming_tickets")


def write_quarantine(conn: Connection, rows: list[QuarantinedRow], *, source_file: str, run_id: str, now: datetime) -> None:
    """Record quarantined rows; the same row of the same file quarantined again is not duplicated."""
    if not rows:
        return
    table = pa.table(
        {
            "row_number": pa.array([row.row_number for row in rows], pa.int32()),
            "line": pa.array([row.line for row in rows], pa.int32()),
            "reason": [row.reason for row in rows],
            "detail": [f"{row.detail}. Fix: {QUARANTINE_REASONS[row.reason]}" for row in rows],
            "raw_record": [row.raw for row in rows],
            "raw_hash": [hashlib.sha256(row.raw.encode("utf-8")).hexdigest() for row in rows],
        }
    )
    conn.register("incoming_quarantine", table)
    conn.execute(
        "INSERT INTO quarantine (run_id, source_file, row_number, line, reason, detail, raw_record, raw_hash, quarantined_at) "
        "SELECT ?, ?, row_number, line, reason, detail, raw_record, raw_hash, ? FROM incoming_quarantine "
        "ON CONFLICT DO NOTHING",
        [run_id, source_file, now],
    )
    conn.unregister("incoming_quarantine")
