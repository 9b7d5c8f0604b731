"""`render`: one export, start to end. The CLI writes its bytes to a file; the app hands them to a download button.

Reads happen in one short session, rendering holds no connection, and the export record is written in
a second short session, so an export never blocks the nightly batch for long.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from analyser.access import Actor, Identity, check_role
from analyser.config import Settings
from analyser.db import OpenSession
from analyser.errors import AnalyserError
from analyser.export.documents import FORMATS_BY_WHAT, MIME_TYPES, render_document
from analyser.export.gather import INCLUDE_CHOICES, gather
from analyser.export.model import ExportContext, ExportFile
from analyser.queries import exports as store

Clock = Callable[[], datetime]


def check_request(what: str, fmt: str) -> None:
    """A clear error for an unknown list or a format that list does not come in."""
    if what not in FORMATS_BY_WHAT:
        raise AnalyserError(f"--what {what!r} is not known. Fix: use one of {', '.join(FORMATS_BY_WHAT)}.")
    if fmt not in FORMATS_BY_WHAT[what]:
        raise AnalyserError(f"--what {what} does not come as {fmt!r}. Fix: use --format {' or '.join(FORMATS_BY_WHAT[what])}.")


def render(
    open_session: OpenSession, settings: Settings, what: str, fmt: str, *, actor: Actor,
    filters: Mapping[str, Any] | None = None, clock: Clock | None = None, delimiter: str | None = None,
    language: str | None = None, record: bool = True,
) -> ExportFile:
    """Build one export of the last complete run and (by default) record it; return its name, MIME type and bytes.

    filters: {"include": ["validated" | "candidates" | "reviewed", ...], "candidates": ["UC0001", ...]}.
    clock: returns the export time (aware); tests pass a fixed one. Two exports of the same selection
    from the same data differ only in the export time they state.
    actor: a plain name is a trusted caller (the CLI, a script); a signed-in Identity needs the coach role
    (else AccessDenied) and is recorded as "Name <e-mail>" with its e-mail, role and sign-in mode.
    """
    check_role(actor, "coach", "an export")
    check_request(what, fmt)
    signed_in = actor if isinstance(actor, Identity) else None
    name = " ".join((signed_in.label if signed_in else actor or "").split())
    if not name:
        raise AnalyserError("an export needs the name of who makes it. Fix: pass --actor NAME.")
    language = language or settings.export.language
    if language not in ("fr", "en"):
        raise AnalyserError(f"language {language!r} is not available. Fix: use fr or en.")
    filters = _normalised_filters(filters or {})
    exported_at = (clock or _local_clock(settings))()
    with open_session() as conn:
        data = gather(conn, settings, include=filters["include"], language=language,
                      candidate_ids=filters.get("candidates", []))
    context = ExportContext(data.run_id, data.first_ticket_at, data.last_ticket_at, exported_at, language, filters)
    content, items = render_document(
        what, fmt, data.frictions, data.candidates, data.journey, context,
        delimiter=delimiter or settings.export.csv_delimiter, with_candidates="candidates" in filters["include"],
    )
    file_name = f"analyser-{what}-{exported_at:%Y%m%d-%H%M%S}.{fmt}"
    export_id = f"{exported_at:%Y%m%dT%H%M%S}-{secrets.token_hex(3)}" if record else None
    if record:
        with open_session() as conn:
            store.record_export(conn, {
                "export_id": export_id, "exported_at": exported_at.replace(tzinfo=None), "actor": name, "what": what,
                "format": fmt, "language": language, "filters": filters, "run_id": data.run_id,
                "first_ticket_at": data.first_ticket_at, "last_ticket_at": data.last_ticket_at, "items": items,
                "file_name": file_name, "bytes": len(content), "sha256": hashlib.sha256(content).hexdigest(),
                "actor_email": signed_in and signed_in.email, "actor_role": signed_in and signed_in.role,
                "signed_in_via": signed_in and signed_in.signed_in_via,
            })
    return ExportFile(name=file_name, mime=MIME_TYPES[fmt], data=content, items=items, export_id=export_id)


def _normalised_filters(filters: Mapping[str, Any]) -> dict[str, Any]:
    """Known keys only, lists sorted and deduplicated: the same selection is recorded (and rendered) the same way."""
    unknown = set(filters) - {"include", "candidates"}
    if unknown:
        raise AnalyserError(f"unknown export filter {', '.join(sorted(unknown))}. Fix: use include or candidates.")
    result: dict[str, Any] = {}
    for key in ("include", "candidates"):
        values = filters.get(key)
        if values:
            result[key] = sorted({str(value) for value in ([values] if isinstance(values, str) else values)})
    result.setdefault("include", ["validated"])
    bad = set(result["include"]) - set(INCLUDE_CHOICES)
    if bad:
        raise AnalyserError(f"--include {', '.join(sorted(bad))} is not known. Fix: use {', '.join(INCLUDE_CHOICES)}.")
    return result


def _local_clock(settings: Settings) -> Clock:
    zone = ZoneInfo(settings.ingest.timezone)
    return lambda: datetime.now(zone).replace(microsecond=0)
