"""Which renderer makes which file: (what, format) + plain data -> bytes. Pure: no database, no clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from analyser.export.cards import cards_html
from analyser.export.cards_pdf import cards_pdf
from analyser.export.charts import journey_chart, matrix_chart
from analyser.export.lists import build_table
from analyser.export.model import CandidateCard, ExportContext, FrictionRow, JourneyRow
from analyser.export.texts import trend_text, word
from analyser.export.writers import csv_bytes, json_bytes, markdown_header, markdown_table, md_escape, xlsx_bytes
from analyser.grid import feasibility_score, value_score
from analyser.safe_text import printable_copy
from analyser.vocabulary import status_name


@dataclass(frozen=True)
class Document:
    """What a renderer reads: the items of every list, the export context and the options the request chose."""

    frictions: list[FrictionRow]
    candidates: list[CandidateCard]
    journey: list[JourneyRow]
    context: ExportContext
    delimiter: str = ","
    with_candidates: bool = False

    def items(self, what: str) -> list[Any]:
        return {"frictions": self.frictions, "candidates": self.candidates, "journey": self.journey}[what]


def _cards(fmt: str) -> Renderer:
    return lambda what, doc: (cards_pdf(doc.candidates, doc.context) if fmt == "pdf" else cards_html(doc.candidates, doc.context),
                              len(doc.candidates))


def _csv(what: str, doc: Document) -> tuple[bytes, int]:
    items = doc.items(what)
    return csv_bytes(build_table(what, items, doc.context.language), doc.context, doc.delimiter), len(items)


def _xlsx(what: str, doc: Document) -> tuple[bytes, int]:
    items, lang = doc.items(what), doc.context.language
    tables = [build_table(what, items, lang)]
    if what == "frictions" and doc.with_candidates:
        tables.append(build_table("candidates", doc.candidates, lang))
    return xlsx_bytes(tables, doc.context), len(items)


def _json(what: str, doc: Document) -> tuple[bytes, int]:
    items = doc.items(what)
    return json_bytes(_json_document(what, items, doc.context, doc.with_candidates, doc.candidates)), len(items)


def _md(what: str, doc: Document) -> tuple[bytes, int]:
    items = doc.items(what)
    table = build_table(what, items, doc.context.language)
    return _markdown(what, table, items, doc.candidates if doc.with_candidates else [], doc.context).encode("utf-8"), len(items)


def _chart(fmt: str) -> Renderer:
    def render(what: str, doc: Document) -> tuple[bytes, int]:
        if what == "matrix":
            return matrix_chart(doc.candidates, doc.context, fmt), len(doc.candidates)
        return journey_chart(doc.journey, doc.context, fmt), len(doc.journey)

    return render


Renderer = Callable[[str, Document], tuple[bytes, int]]
LISTS: dict[str, Renderer] = {"csv": _csv, "xlsx": _xlsx, "md": _md, "json": _json}
CHARTS: dict[str, Renderer] = {fmt: _chart(fmt) for fmt in ("png", "svg")}
# Every export: what it holds and the formats it comes in, each with its renderer. The CLI's --format help,
# the app's buttons and the service's checks are all read from here.
RENDERERS: dict[str, dict[str, Renderer]] = {
    "frictions": LISTS,
    "candidates": LISTS,
    "cards": {"html": _cards("html"), "pdf": _cards("pdf")},
    "matrix": CHARTS,
    "journey": {**LISTS, **CHARTS},
}
FORMATS_BY_WHAT: dict[str, tuple[str, ...]] = {what: tuple(formats) for what, formats in RENDERERS.items()}
MIME_TYPES = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "md": "text/markdown",
    "json": "application/json",
    "html": "text/html",
    "pdf": "application/pdf",
    "png": "image/png",
    "svg": "image/svg+xml",
}


def render_document(what: str, fmt: str, frictions: list[FrictionRow], candidates: list[CandidateCard], journey: list[JourneyRow],
                    context: ExportContext, *, delimiter: str = ",", with_candidates: bool = False) -> tuple[bytes, int]:
    """The file's bytes and how many items (rows, cards, stages) it holds.

    Every text goes through `printable_text` first: this is the one door to all the renderers, so no
    format can forget it (openpyxl refuses control characters; terminals and editors obey them).
    """
    frictions, candidates, journey, context = printable_copy((frictions, candidates, journey, context))
    document = Document(frictions, candidates, journey, context, delimiter, with_candidates)
    return RENDERERS[what][fmt](what, document)


def formats_help() -> str:
    """One line for --format: every export and its formats."""
    return "; ".join(f"{what}: {', '.join(formats)}" for what, formats in FORMATS_BY_WHAT.items())


def _json_document(what: str, items: list[Any], context: ExportContext, with_candidates: bool, candidates: list[CandidateCard]) -> dict:
    document: dict[str, Any] = {
        "export": {"what": what, "run_id": context.run_id, "first_ticket_at": context.first_ticket_at,
                   "last_ticket_at": context.last_ticket_at, "exported_at": context.exported_at,
                   "language": context.language, "filters": context.filters},
        what: [_record(item) for item in items],
    }
    if what == "frictions" and with_candidates:
        document["candidates"] = [_record(card) for card in candidates]
    return document


def _record(item: Any) -> dict[str, Any]:
    if isinstance(item, FrictionRow):
        kvis = item.kvis
        return {
            "cluster_id": item.cluster_id, "title": item.title, "summary": item.summary, "journey_stage": item.journey_stage,
            "status": item.status, "tags": list(item.tags),
            "kvis": {"tickets_per_month": list(kvis.tickets_per_month), "monthly_average": round(kvis.monthly_average, 2),
                     "trend": kvis.trend, "distinct_customers": kvis.distinct_customers,
                     "repeat_contact_share": kvis.repeat_contact_share, "intensity": kvis.intensity, "tickets_total": kvis.tickets_total},
            "signal_score": item.signal_score, "components": dict(sorted(item.components.items())), "explanation": list(item.explanation),
            "verbatims": list(item.verbatims), "validated_by": item.validated_by, "validated_at": item.validated_at,
            "keywords": list(item.keywords),
        }
    if isinstance(item, CandidateCard):
        return {
            "candidate_id": item.candidate_id, "cluster_id": item.friction.cluster_id, "title": item.friction.title,
            "grid": {g.key: {"score": g.score, "justification": g.justification} for g in item.grid},
            "value": value_score(item.scores), "feasibility": feasibility_score(item.scores), "stance": item.stance,
            "ethics": dict(item.ethics), "owner": item.owner, "status": item.status, "friction": _record(item.friction),
        }
    return {
        "stage_key": item.stage_key, "stage": item.stage_name, "tickets_per_month": list(item.tickets_per_month), "trend": item.trend,
        "clusters": item.clusters, "validated_frictions": item.validated_frictions, "intensity": item.intensity,
        "catch_all_share": item.catch_all_share, "growth": item.growth, "blind_spot": item.blind_spot,
        "reasons": list(item.reasons),
    }


def _markdown(what: str, table: Any, items: list[Any], candidates: list[CandidateCard], context: ExportContext) -> str:
    lang = context.language
    lines = markdown_header(word(what, lang), context)
    if what == "frictions":
        lines += markdown_table(table, keep=_indexes(table, lang, ("Titre", "Étape du parcours", "Statut", "Tickets/mois", "Tendance",
                                                                  "Clients distincts", "Score signal faible"),
                                                    ("Title", "Journey stage", "Status", "Tickets/month", "Trend",
                                                     "Distinct customers", "Weak-signal score")))
        for row in items:
            lines += ["", *_friction_section(row, lang)]
        if candidates:
            lines += ["", f"## {word('candidates', lang)}", "", *markdown_table(build_table("candidates", candidates, lang))]
    else:
        lines += markdown_table(table)
    return "\n".join(lines) + "\n"


def _indexes(table: Any, lang: str, fr: tuple[str, ...], en: tuple[str, ...]) -> list[int]:
    wanted = fr if lang == "fr" else en
    return [table.headers.index(name) for name in wanted]


def _friction_section(row: FrictionRow, lang: str) -> list[str]:
    kvis = row.kvis
    lines = [f"## {md_escape(row.title)}", ""]
    facts = [
        ("Cluster", row.cluster_id), (word("stage", lang), row.journey_stage), (word("status", lang), status_name(row.status, lang)),
        (word("tickets_month", lang) + " M-3/M-2/M-1", " / ".join(map(str, kvis.tickets_per_month))),
        (word("trend", lang), trend_text(kvis.trend, kvis.tickets_per_month[2], lang) or "–"),
        (word("customers", lang), str(kvis.distinct_customers)),
    ]
    if row.validated_by:
        when = f" ({row.validated_at:%Y-%m-%d %H:%M})" if row.validated_at else ""
        facts.append((word("validated_by", lang), row.validated_by + when))
    lines += [f"- **{md_escape(label)}** : {md_escape(value)}" for label, value in facts]
    if row.summary:
        lines += ["", md_escape(row.summary)]
    if row.explanation:
        lines += ["", *(f"- {md_escape(line)}" for line in row.explanation)]
    if row.verbatims:
        for text in row.verbatims:
            lines += ["", f"> « {md_escape(text)} »"]
    return lines

