"""Ingest: source rows -> validated, cleaned, redacted tickets, or quarantine with a reason.

Pure functions on plain rows; `ingest_store` is the edge that reads and writes DuckDB.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from analyser.config import IngestSettings
from analyser.safe_text import without_controls
from analyser.stages.clean import clean_ticket_text
from analyser.stages.language import guess_language
from analyser.stages.redact import RedactionRules, redact
from analyser.stages.sources import SourceRow

# reason -> what the user should do about it (shown in reports and stored with the row)
QUARANTINE_REASONS: dict[str, str] = {
    "missing_id": "fill the ticket id column",
    "missing_text": "fill the text column or drop the row from the export",
    "empty_text": "the text is only whitespace or markup; drop the row or fill the text",
    "missing_date": "fill the creation date column",
    "unparseable_date": "use ISO 8601 (2026-05-18 14:03:00) or add the format to [ingest] date_formats",
    "duplicate_id_conflict": "the same id appears with different content in this file; keep one version and re-ingest",
    "text_too_long": "the text is longer than [ingest] max_text_chars; raise the limit or trim the text",
    "undecodable_bytes": "re-export the file as UTF-8, or set [ingest] encoding",
    "malformed_record": "fix the quoting/delimiter of this record (or the JSON syntax) and re-ingest",
}

OPTIONAL_FIELDS = ("subject", "channel", "product", "category", "customer_id", "language", "satisfaction")


@dataclass(frozen=True)
class ValidRow:
    """A row that passed validation, with normalised source fields and their hash."""

    row_number: int
    line: int | None
    ticket_id: str
    created_at: datetime
    text: str  # as in the source
    optional: dict[str, str | None]
    content_hash: str
    raw: str


@dataclass(frozen=True)
class QuarantinedRow:
    row_number: int
    line: int | None
    reason: str
    detail: str
    raw: str


@dataclass(frozen=True)
class Ticket:
    """A ticket as stored: text cleaned and redacted."""

    ticket_id: str
    created_at: datetime
    subject: str | None
    text: str
    raw_text: str | None
    channel: str | None
    product: str | None
    category: str | None
    customer_id: str | None
    language: str | None
    satisfaction: str | None
    content_hash: str
    redacted_kinds: tuple[str, ...]
    source_row: int


@dataclass
class FileReport:
    """What happened to each row of one file; `read` always equals the sum of the others."""

    path: str
    read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    quarantined: dict[str, int] = field(default_factory=dict)
    same_file: bool = False  # byte for byte the file last ingested from this path, same recipe: not read again

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "read": self.read,
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "quarantined": dict(sorted(self.quarantined.items())),
            "same_file": self.same_file,
        }

    @property
    def quarantined_total(self) -> int:
        return sum(self.quarantined.values())


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    return text if text.strip() else None


def parse_created_at(value: Any, formats: Sequence[str], zone: ZoneInfo) -> datetime | None:
    """A naive local datetime from ISO 8601, one of `formats`, or a datetime value; None if unparseable."""
    if isinstance(value, datetime):
        parsed = value
    else:
        text = str(value).strip()
        parsed = None
        try:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            for fmt in formats:
                try:
                    parsed = datetime.strptime(text, fmt)
                    break
                except ValueError:
                    continue
        if parsed is None:
            return None
    if parsed.tzinfo is not None:
        try:
            parsed = parsed.astimezone(zone).replace(tzinfo=None)
        except OverflowError:  # 0001-01-01T00:00+05:00 in local time is before year 1
            return None
    return parsed


def content_hash(ticket_id: str, created_at: datetime, text: str, optional: dict[str, str | None]) -> str:
    """Hash of the source fields: equal hashes mean the ticket did not change."""
    payload = json.dumps([ticket_id, created_at.isoformat(), text, optional], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8", errors="surrogateescape")).hexdigest()


def control_free(fields: dict[str, Any]) -> dict[str, Any]:
    """Every text field without control characters: a stray NUL or ESC is cleaned, whatever the format, never a reason to refuse a row."""
    return {name: without_controls(value) if isinstance(value, str) else value for name, value in fields.items()}


def validate_row(row: SourceRow, settings: IngestSettings, zone: ZoneInfo) -> ValidRow | QuarantinedRow:
    """Check one row's required fields; the first problem found sends it to quarantine."""

    def reject(reason: str, detail: str) -> QuarantinedRow:
        return QuarantinedRow(row.row_number, row.line, reason, detail, row.raw)

    columns = settings.columns
    if row.problem:
        return reject(row.problem, row.problem_detail)
    fields = control_free(row.fields)
    ticket_id = _as_text(fields.get("id"))
    if ticket_id is None:
        return reject("missing_id", f"column '{columns.id}' is empty")
    ticket_id = ticket_id.strip()
    raw_text = fields.get("text")
    if raw_text is None or str(raw_text) == "":
        return reject("missing_text", f"column '{columns.text}' is empty")
    raw_text = str(raw_text)
    if len(raw_text) > settings.max_text_chars:
        return reject("text_too_long", f"column '{columns.text}' holds {len(raw_text):,} characters, the limit is {settings.max_text_chars:,}")
    if not raw_text.strip():
        return reject("empty_text", f"column '{columns.text}' holds only whitespace")
    raw_date = fields.get("created_at")
    if raw_date is None or str(raw_date).strip() == "":
        return reject("missing_date", f"column '{columns.created_at}' is empty")
    created_at = parse_created_at(raw_date, settings.date_formats, zone)
    if created_at is None:
        return reject("unparseable_date", f"column '{columns.created_at}' = {str(raw_date)[:40]!r} is not a date")
    optional = {name: _as_text(fields.get(name)) for name in OPTIONAL_FIELDS}
    optional = {name: value.strip() if value else None for name, value in optional.items()}
    digest = content_hash(ticket_id, created_at, raw_text, optional)
    return ValidRow(row.row_number, row.line, ticket_id, created_at, raw_text, optional, digest, row.raw)


def resolve_duplicates(rows: Iterable[ValidRow]) -> tuple[list[ValidRow], int, list[QuarantinedRow]]:
    """Split repeated ids: identical repeats collapse to one row; conflicting versions all go to quarantine.

    Returns (rows to store, identical repeats dropped, quarantined conflicts). Every conflicting
    version is quarantined because nothing in the file says which one is right.
    """
    by_id: dict[str, list[ValidRow]] = defaultdict(list)
    for row in rows:
        by_id[row.ticket_id].append(row)
    keep: list[ValidRow] = []
    repeats = 0
    conflicts: list[QuarantinedRow] = []
    for ticket_id, versions in by_id.items():
        if len({version.content_hash for version in versions}) == 1:
            keep.append(versions[0])
            repeats += len(versions) - 1
            continue
        where = ", ".join(str(version.row_number) for version in versions)
        for version in versions:
            detail = f"id {ticket_id!r} appears in rows {where} with different content"
            conflicts.append(QuarantinedRow(version.row_number, version.line, "duplicate_id_conflict", detail, version.raw))
    return keep, repeats, conflicts


def build_ticket(row: ValidRow, rules: RedactionRules, keep_raw_text: bool) -> Ticket | QuarantinedRow:
    """Clean and redact a new or edited row; only the redacted text is kept unless asked otherwise.

    Cleaning happens here, not in validation, so unchanged rows of a nightly re-export cost no cleaning.
    """
    cleaned = clean_ticket_text(row.text)
    if not cleaned:
        detail = "the text holds no readable words once markup, quoted replies and signature are removed"
        return QuarantinedRow(row.row_number, row.line, "empty_text", detail, row.raw)
    body = redact(cleaned, rules)
    subject_source = row.optional.get("subject")
    subject = redact(clean_ticket_text(subject_source), rules) if subject_source else None
    kinds = sorted(set(body.kinds) | set(subject.kinds if subject else ()))
    language = row.optional.get("language") or guess_language(body.text)
    return Ticket(
        ticket_id=row.ticket_id,
        created_at=row.created_at,
        subject=subject.text if subject else None,
        text=body.text,
        raw_text=row.text if keep_raw_text else None,
        channel=row.optional.get("channel"),
        product=row.optional.get("product"),
        category=row.optional.get("category"),
        customer_id=row.optional.get("customer_id"),
        language=language,
        satisfaction=row.optional.get("satisfaction"),
        content_hash=row.content_hash,
        redacted_kinds=tuple(kinds),
        source_row=row.row_number,
    )
