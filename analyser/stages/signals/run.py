"""The nightly `signals` stage: from a run's clusters to ranked signals, series, stages, noise groups and recent pockets.

Glue between the pure cores (`signals.py`, `intensity.py`, `journey.py`) and the pipeline; it
touches no database (the pipeline writes the result with the run, `signals_store.write_signals`).
The only model call is the embedding of the stage texts and of each cluster's keywords.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

import numpy as np

from analyser.config import Settings
from analyser.stages.describe import cluster_keywords
from analyser.stages.embed import Embedder
from analyser.stages.signals.compute import ClusterSignal, NoiseGroup, SeriesRow, cluster_series, compute_signals, scan_noise
from analyser.stages.signals.facts import TicketFacts
from analyser.stages.signals.growth import GrowthCalibration
from analyser.stages.signals.intensity import load_lexicon, score_texts
from analyser.stages.signals.journey import assign_stages, stage_similarities, stage_texts
from analyser.stages.signals.measures import windows_for
from analyser.stages.signals.pockets import PlacedPocket


@dataclass(frozen=True)
class TicketAttributes:
    """Ticket fields the signals need, in ticket-id order (as the pipeline's vectors)."""

    ticket_ids: list[str]
    categories: list[str | None]
    customers: list[str | None]
    channels: list[str | None]
    products: list[str | None]
    satisfaction: list[str | None]
    texts: list[str]  # subject and body (redacted), for the intensity lexicon


@dataclass(frozen=True)
class NoiseSignal:
    group_id: int
    ticket_ids: list[str]
    cohesion: float
    keywords: list[str]
    first_ticket_at: datetime
    last_ticket_at: datetime


@dataclass(frozen=True)
class PocketSignal:
    """A recent pocket as stored: its tickets, the cluster gathering them, where the clustering had put them, what they say."""

    pocket_id: int
    ticket_ids: list[str]
    recent_share: float
    keywords: list[str]
    cluster_ids: list[str]  # clusters the clustering had put its tickets in, most first (unclustered tickets not listed)
    cluster_tickets: list[int]  # how many of its tickets each of those clusters held
    cluster_sizes: list[int]  # each of those clusters' size in the run
    first_ticket_at: datetime
    last_ticket_at: datetime
    gathered_into: str | None = None  # the cluster all its tickets are in (None: gathering turned off)
    kind: str = "recent"  # recent: mostly recent neighbours (new pain); growth: a slice growing faster than chance (growth.py)
    growth: dict[str, Any] | None = None  # growth: window_days, observed, expected, p_value, corrected_p


@dataclass(frozen=True)
class RunSignals:
    run_id: str
    newest_day: date
    recent_start: date
    baseline_start: date
    lexicon: str
    clusters: list[ClusterSignal]
    series: list[SeriesRow]
    noise: list[NoiseSignal]
    pockets: list[PocketSignal]
    details: dict[str, Any]


def build_run_signals(
    run_id: str, settings: Settings, embedder: Embedder, attributes: TicketAttributes, created_at: list[datetime],
    cluster_of_ticket: list[str | None], vectors: np.ndarray, cluster_rows: list[Any], no_ancestor: set[str] | None,
    pockets: list[PlacedPocket], stable_ids: dict[int, str], calibration: GrowthCalibration | None = None,
) -> RunSignals | None:
    """Everything the run stores about weak signals; None when there are no tickets.

    `pockets`: the run's recent pockets and growing slices as gathered by the clustering (`pockets.gather_pockets`), their
    labels named by `stable_ids`; `calibration`: the night's date-shuffle calibration of emerging alerts (growth.py)."""
    config = settings.signals
    if not attributes.ticket_ids:
        return None
    lexicon = load_lexicon(config.intensity_lexicon)
    scored = score_texts(lexicon, attributes.texts)
    facts = TicketFacts(
        ticket_ids=attributes.ticket_ids, days=[moment.date() for moment in created_at], clusters=cluster_of_ticket,
        categories=attributes.categories, customers=attributes.customers, channels=attributes.channels,
        products=attributes.products, satisfaction=attributes.satisfaction,
        intensity=[item.score for item in scored], phrases=[item.phrases for item in scored],
    )
    signals = compute_signals(facts, no_ancestor, config, calibration)
    signals = _with_stages(signals, cluster_rows, settings, embedder)
    noise = _noise_signals(facts, vectors, attributes.texts, created_at, settings)
    pocket_signals = _pocket_signals(facts, pockets, stable_ids, attributes.texts, created_at, settings)
    win = windows_for(facts.days, config)
    return RunSignals(
        run_id=run_id, newest_day=win.newest, recent_start=win.recent_start, baseline_start=win.baseline_start,
        lexicon=str(config.intensity_lexicon) if config.intensity_lexicon else "bundled:intensity_lexicon.txt",
        clusters=signals, series=cluster_series(facts, config), noise=noise, pockets=pocket_signals,
        details={"windows": win.as_dict(), "settings": config.model_dump(mode="json"),
                 "history": {"days": win.history_days, "min_days": config.min_history_days, "reliable": not win.history_too_short(config)},
                 "alerts": calibration.as_dict() if calibration is not None else None,
                 "journey": [stage.model_dump() for stage in settings.journey]},
    )


def _with_stages(signals: list[ClusterSignal], cluster_rows: list[Any], settings: Settings, embedder: Embedder) -> list[ClusterSignal]:
    if not signals:
        return signals
    rows = {row.cluster_id: row for row in cluster_rows}
    ordered = [rows[signal.cluster_id] for signal in signals]
    texts, owner = stage_texts(settings.journey)
    text_vectors = embedder.embed(texts)
    keyword_vectors = embedder.embed([", ".join(row.keywords) or "-" for row in ordered])
    centroids = np.stack([np.asarray(row.centroid, dtype=np.float32) for row in ordered])
    centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12)
    similarities = stage_similarities(centroids, keyword_vectors, text_vectors, owner, len(settings.journey))
    assignments = assign_stages(
        similarities, [stage.key for stage in settings.journey], settings.signals.journey_temperature, settings.signals.journey_min_confidence
    )
    result = []
    for signal, assignment in zip(signals, assignments):
        details = {**signal.details, "journey": {"stage": assignment.stage, "best_stage": assignment.best_stage,
                                                  "confidence": assignment.confidence, "similarities": assignment.similarities}}
        result.append(replace(signal, journey_stage=assignment.stage, journey_confidence=assignment.confidence, details=details))
    return result


def _noise_signals(facts: TicketFacts, vectors: np.ndarray, texts: list[str], created_at: list[datetime], settings: Settings) -> list[NoiseSignal]:
    groups: list[NoiseGroup] = scan_noise(facts, vectors, settings.signals) if len(vectors) == len(facts.ticket_ids) else []
    if not groups:
        return []
    keywords = _group_keywords([group.rows for group in groups], texts, settings)
    return [
        NoiseSignal(
            group_id=index + 1, ticket_ids=[facts.ticket_ids[row] for row in group.rows], cohesion=group.cohesion,
            keywords=keywords.get(index, []), first_ticket_at=min(created_at[row] for row in group.rows),
            last_ticket_at=max(created_at[row] for row in group.rows),
        )
        for index, group in enumerate(groups)
    ]


def _pocket_signals(
    facts: TicketFacts, pockets: list[PlacedPocket], stable_ids: dict[int, str], texts: list[str],
    created_at: list[datetime], settings: Settings,
) -> list[PocketSignal]:
    if not pockets:
        return []
    keywords = _group_keywords([pocket.rows for pocket in pockets], texts, settings)
    sizes = Counter(cluster for cluster in facts.clusters if cluster is not None)
    result = []
    for index, pocket in enumerate(pockets):
        held = [(stable_ids[label], count) for label, count in pocket.drawn_from if label in stable_ids]
        result.append(PocketSignal(
            pocket_id=index + 1, ticket_ids=[facts.ticket_ids[row] for row in pocket.rows], recent_share=pocket.recent_share,
            keywords=keywords.get(index, []), cluster_ids=[cluster for cluster, _ in held],
            cluster_tickets=[count for _, count in held], cluster_sizes=[sizes[cluster] for cluster, _ in held],
            first_ticket_at=min(created_at[row] for row in pocket.rows), last_ticket_at=max(created_at[row] for row in pocket.rows),
            gathered_into=stable_ids.get(pocket.label) if pocket.label is not None else None,
            kind="growth" if pocket.growth is not None else "recent",
            growth=pocket.growth.figures() if pocket.growth is not None else None,
        ))
    return result


def _group_keywords(groups: list[list[int]], texts: list[str], settings: Settings) -> dict[int, list[str]]:
    """Keywords of each group of tickets (noise groups, pockets), computed like a cluster's against all the run's texts."""
    labels = np.full(len(texts), -1)
    for index, rows in enumerate(groups):
        labels[rows] = index
    return cluster_keywords(texts, labels, settings.clustering.keywords)
