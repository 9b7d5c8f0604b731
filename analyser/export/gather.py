"""Gathering the workshop material from DuckDB into plain data (the edge; the renderers never see a connection).

Sources: the last complete run (clusters, assignments, tickets), human review decisions
(`analyser.review.service`: human title wins, stage override wins), generated labels (`label_store`) and
weak signals (`cluster_signals`, explained in words by `explain_signal`).

Every free text that leaves here goes through the redactor once more (titles and comments typed by
reviewers, generated summaries, ticket excerpts): stored ticket text is already redacted, this is the
safety net for text that people typed in the app. Reviewer and owner names are staff, not customers,
and are kept as typed.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from analyser.config import Settings
from analyser.db import Connection
from analyser.errors import AnalyserError
from analyser.export.cards import shorten
from analyser.export.kvis import kvis_for, monthly_counts, trend, window_start
from analyser.export.model import CandidateCard, FrictionRow, GridScore, JourneyRow
from analyser.export.texts import word
from analyser.grid import GRID
from analyser.queries import exports as store
from analyser.review import service as review
from analyser.stages.label.store import current_labels
from analyser.stages.redact import RedactionRules, compile_rules, redact
from analyser.stages.signals.components import COMPONENT_KEYS
from analyser.stages.signals.explain import explain_signal
from analyser.stages.signals.store import read_blind_spot_report

INCLUDE_CHOICES = ("validated", "candidates", "reviewed")
UNCLEAR = "unclear"


@dataclass
class ExportData:
    run_id: str
    first_ticket_at: datetime | None
    last_ticket_at: datetime | None
    frictions: list[FrictionRow] = field(default_factory=list)
    candidates: list[CandidateCard] = field(default_factory=list)
    journey: list[JourneyRow] = field(default_factory=list)


class _Sources:
    """What one export reads, once: review states, labels, signals, cluster rows and the 90 days of ticket facts."""

    def __init__(self, conn: Connection, settings: Settings, language: str) -> None:
        scope = store.export_scope(conn)
        if scope["run_id"] is None:
            raise AnalyserError("nothing to export: no complete run yet. Fix: run `analyser run` first.")
        self.run_id: str = scope["run_id"]
        self.first, self.last = scope["first_ticket_at"], scope["last_ticket_at"]
        self.settings, self.language = settings, language
        self.rules: RedactionRules = compile_rules(settings.redaction.kinds, settings.redaction.custom_patterns)
        self.zone = ZoneInfo(settings.ingest.timezone)
        self.states = review.current_states(conn)
        self.signals = store.signal_rows(conn, self.run_id)
        self.clusters = store.cluster_rows(conn, self.run_id, sorted(set(self.states) | set(self.signals)))
        self.labels = current_labels(conn, sorted(self.clusters))
        self.facts: dict[str, list[tuple[datetime, str | None]]] = defaultdict(list)
        for cluster_id, created, customer in store.cluster_ticket_facts(conn, self.run_id, None, window_start(self.last)):
            self.facts[cluster_id].append((created, customer))
        self.stage_names = {stage.key: stage.name for stage in settings.journey}
        self.conn = conn

    def clean(self, text: str | None) -> str:
        return redact(text, self.rules).text if text else ""

    def stage_key(self, cluster_id: str) -> str:
        state = self.states.get(cluster_id)
        if state and state.stage_override:
            return state.stage_override
        signal = self.signals.get(cluster_id)
        if signal and signal.get("journey_stage"):
            return signal["journey_stage"]
        label = self.labels.get(cluster_id)
        return getattr(label, "journey_stage", None) or UNCLEAR

    def stage_name(self, key: str) -> str:
        if key == UNCLEAR:
            return "Non déterminé" if self.language == "fr" else "Undetermined"
        return self.stage_names.get(key, key)

    def members(self, cluster_id: str) -> list[str]:
        """The cluster and those a human merged into it: a merge counts their tickets together."""
        state = self.states.get(cluster_id)
        return [cluster_id, *(state.merged_from if state else ())]

    def local(self, when: datetime | None) -> datetime | None:
        """Review times are stored in UTC; exports show local time."""
        return when.replace(tzinfo=ZoneInfo("UTC")).astimezone(self.zone).replace(tzinfo=None) if when else None


def gather(conn: Connection, settings: Settings, *, include: Iterable[str] = ("validated",), language: str = "fr",
           candidate_ids: Iterable[str] = ()) -> ExportData:
    """Everything the exports of the last complete run need, in a stable order."""
    include = set(include)
    unknown = include - set(INCLUDE_CHOICES)
    if unknown:
        raise AnalyserError(f"--include {', '.join(sorted(unknown))} is not known. Fix: use {', '.join(INCLUDE_CHOICES)}.")
    sources = _Sources(conn, settings, language)
    statuses = {"validated", "promoted"}
    listed = [cid for cid, state in sources.states.items()
              if state.merged_into is None and (state.status in statuses or ("reviewed" in include and state.reviewed))]
    frictions = sorted((_friction(sources, cid) for cid in listed), key=_friction_order)
    wanted = set(candidate_ids)
    cards = [_card(sources, candidate) for candidate in sorted(review.candidates(conn), key=lambda c: c.candidate_id)
             if not wanted or candidate.candidate_id in wanted]
    missing = wanted - {card.candidate_id for card in cards}
    if missing:
        raise AnalyserError(f"no use-case candidate {', '.join(sorted(missing))}. Fix: check the ids with `analyser export --what candidates`.")
    return ExportData(sources.run_id, sources.first, sources.last, frictions, cards, _journey(sources))


def _friction_order(row: FrictionRow) -> tuple:
    return (row.signal_score is None, -(row.signal_score or 0.0), row.cluster_id)


def _friction(sources: _Sources, cluster_id: str) -> FrictionRow:
    state = sources.states.get(cluster_id)
    label = sources.labels.get(cluster_id)
    signal = sources.signals.get(cluster_id, {})
    cluster = sources.clusters.get(cluster_id, {"size": 0, "keywords": [], "representatives": []})
    facts = [fact for member in sources.members(cluster_id) for fact in sources.facts.get(member, [])]
    kvis = kvis_for([f[0] for f in facts], [f[1] for f in facts], sources.last, intensity=signal.get("intense_share"),
                    repeat_contact_share=signal.get("repeat_share"), tickets_total=cluster["size"])
    title = (state.title if state else None) or getattr(label, "title", None) or ", ".join(cluster["keywords"][:4]) or cluster_id
    validated_by, validated_at = _validation(sources.conn, cluster_id)
    explanation = explain_signal(signal["details"], sources.language) if signal.get("details") else []
    if not any(member in sources.clusters for member in sources.members(cluster_id)):
        explanation = [word("absent_from_run", sources.language), *explanation]  # say why its KVIs are zero
    return FrictionRow(
        cluster_id=cluster_id,
        title=sources.clean(title),
        summary=sources.clean(getattr(label, "summary", None)),
        journey_stage=sources.stage_name(sources.stage_key(cluster_id)),
        status=state.status if state else "unreviewed",
        tags=tuple(sources.clean(tag) for tag in (state.tags if state else ())),
        kvis=kvis,
        signal_score=signal.get("score"),
        components={name: signal[name] for name in COMPONENT_KEYS if signal.get(name) is not None},
        explanation=tuple(sources.clean(line) for line in explanation),
        verbatims=_verbatims(sources, cluster["representatives"]),
        validated_by=validated_by,
        validated_at=sources.local(validated_at),
        keywords=tuple(sources.clean(word) for word in cluster["keywords"]),
    )


def _verbatims(sources: _Sources, ticket_ids: list[str]) -> tuple[str, ...]:
    """Up to `export.verbatims` short excerpts of the most representative tickets, in representativeness order."""
    wanted = ticket_ids[: sources.settings.export.verbatims * 2]
    texts = store.ticket_texts(sources.conn, wanted)
    excerpts: list[str] = []
    for ticket_id in wanted:
        text = shorten(sources.clean(texts.get(ticket_id)), sources.settings.export.verbatim_chars)
        if text and text not in excerpts:
            excerpts.append(text)
        if len(excerpts) == sources.settings.export.verbatims:
            break
    return tuple(excerpts)


def _validation(conn: Connection, cluster_id: str) -> tuple[str | None, datetime | None]:
    """Who validated the friction and when (the validation still standing: a reopen cancels it)."""
    who, when = None, None
    for event in review.history(conn, cluster_id):
        if event.cluster_id != cluster_id or event.candidate_id:
            continue
        if event.action == "validate":
            who, when = event.actor, event.at
        elif event.action in ("reopen", "reject"):
            who, when = None, None
    return who, when


def _card(sources: _Sources, candidate: Any) -> CandidateCard:
    friction = _friction(sources, candidate.cluster_id)
    if candidate.title:
        friction = dataclasses.replace(friction, title=sources.clean(candidate.title))
    grid = tuple(GridScore(d.key, candidate.grid[d.key].score, sources.clean(candidate.grid[d.key].justification))
                 for d in GRID if d.key in candidate.grid)
    ethics = tuple((key, sources.clean(answer)) for key, answer in sorted(candidate.ethics.items()))
    return CandidateCard(
        candidate_id=candidate.candidate_id, friction=friction, grid=grid, stance=candidate.stance, ethics=ethics,
        owner=candidate.owner, status=candidate.status, updated_by=candidate.last_actor,
    )


def _journey(sources: _Sources) -> list[JourneyRow]:
    """Stages in the configured order (then 'unclear'): 30-day volumes here, growth and blind spots from the signals' report.

    The blind-spot report is the one the app's journey page and `analyser run` show, computed now with
    today's validations and stage overrides, so the numbers match what the team saw on screen.
    """
    by_stage: dict[str, list[str]] = defaultdict(list)
    for cluster_id in sorted(sources.clusters):
        by_stage[sources.stage_key(cluster_id)].append(cluster_id)
    keys = [stage.key for stage in sources.settings.journey]
    keys += sorted(key for key in by_stage if key not in keys and key != UNCLEAR) + ([UNCLEAR] if by_stage.get(UNCLEAR) else [])
    validated = {cid for cid, s in sources.states.items() if s.status in ("validated", "promoted") and s.merged_into is None}
    overrides = {cid: s.stage_override for cid, s in sources.states.items() if s.stage_override}
    report = {row.stage: row for row in read_blind_spot_report(sources.conn, sources.run_id, validated, overrides,
                                                                 stages=list(sources.settings.journey))}
    rows = []
    for key in keys:
        clusters = by_stage.get(key, [])
        counts = monthly_counts([created for cid in clusters for created, _ in sources.facts.get(cid, [])], sources.last)
        stage = report.get(key)
        rows.append(JourneyRow(
            stage_key=key, stage_name=sources.stage_name(key), tickets_per_month=counts, trend=trend(counts),
            clusters=len(clusters), validated_frictions=sum(cid in validated for cid in clusters),
            intensity=stage.intensity if stage else None, catch_all_share=stage.catch_all_share if stage else None,
            growth=stage.growth if stage else None, blind_spot=bool(stage and stage.blind_spot),
            reasons=tuple(stage.reasons) if stage else (),
        ))
    return rows
