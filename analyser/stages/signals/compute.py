"""Weak signals per cluster: every registered component (`components.py`), its badge, and one combined
score that ranks the clusters. Pure: numbers in, numbers out. Time windows end at the newest ticket
date, never at the wall clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

import numpy as np

from analyser.config import SignalSettings
from analyser.stages.signals.components import COMPONENTS
from analyser.stages.signals.facts import ClusterFacts, TicketFacts, run_facts
from analyser.stages.signals.growth import GrowthCalibration, calibrate_clusters
from analyser.stages.signals.measures import windows_for

__all__ = ["ClusterSignal", "cluster_series", "compute_signals", "rank_signals", "scan_noise"]


@dataclass(frozen=True)
class ClusterSignal:
    """One cluster's signal: `components` (key -> value in [0, 1]) and `flags` (is_* -> badge), readable as attributes."""

    cluster_id: str
    size: int
    recent_tickets: int
    baseline_tickets: int
    intense_tickets: int
    catch_all_tickets: int
    components: dict[str, float | None]  # None: unknown (the export lacks the column it needs)
    flags: dict[str, bool]
    score: float = 0.0
    rank: int = 0
    journey_stage: str = "unclear"
    journey_confidence: float = 0.0
    details: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        # Only called for names that are not fields: a component's value (signal.emerging) or a badge (signal.is_new).
        components, flags = self.__dict__.get("components", {}), self.__dict__.get("flags", {})
        if name in components:
            return components[name]
        if name in flags:
            return flags[name]
        raise AttributeError(name)


def compute_signals(
    facts: TicketFacts, no_ancestor: set[str] | None, settings: SignalSettings, calibration: GrowthCalibration | None = None,
) -> list[ClusterSignal]:
    """Every cluster's components, flags and details, ranked (rank 1 first: emerging alerts, then the combined score).

    `no_ancestor`: clusters with no ancestor in the previous run (None on a first run: nothing to compare).
    `calibration`: the night's date-shuffle calibration (growth.py: clusters and neighbourhoods); without it, the clusters'
    own tests are calibrated here. With less history than `min_history_days` no cluster is flagged emerging.
    """
    if not facts.ticket_ids:
        return []
    run = run_facts(facts, no_ancestor, settings, calibration)
    if calibration is None and not run.windows.history_too_short(settings):
        run = replace(run, calibration=calibrate_clusters(facts.days, run.codes, settings))
    result = []
    for code, cluster_id in enumerate(run.cluster_ids):
        cluster = ClusterFacts(cluster_id, run.codes == code, run)
        members = cluster.members
        measures = {component.key: component.measure(cluster) for component in COMPONENTS}
        result.append(ClusterSignal(
            cluster_id=cluster_id, size=cluster.size, recent_tickets=cluster.recent_tickets,
            baseline_tickets=int((members & run.baseline).sum()), intense_tickets=int((members & run.intense).sum()),
            catch_all_tickets=int((members & run.is_catch_all).sum()),
            components={key: measure.value for key, measure in measures.items()},
            flags={c.flag: bool(measures[c.key].flag) for c in COMPONENTS if c.flag},
            details={"size": cluster.size, "windows": run.windows.as_dict(), **{key: m.details for key, m in measures.items()}},
        ))
    return rank_signals(result, settings)


def rank_signals(signals: list[ClusterSignal], settings: SignalSettings) -> list[ClusterSignal]:
    """Combined score = weighted mean of the known components. Rank 1 = look first: clusters with a calibrated emerging
    alert come first (what changed this week; unless the emerging weight is 0), then by score (ties: larger, then id).

    A component the export cannot inform (None) is left out and the other weights share its part."""
    weights = settings.weights.model_dump()

    def score(signal: ClusterSignal) -> float:
        known = {key: value for key, value in signal.components.items() if value is not None}
        total = sum(weights[key] for key in known)
        return sum(weights[key] * value for key, value in known.items()) / total if total else 0.0

    scored = [replace(s, score=score(s)) for s in signals]
    alerts_first = weights["emerging"] > 0  # with the emerging weight set to 0 the score alone ranks
    scored.sort(key=lambda s: (alerts_first and not s.flags.get("is_emerging", False), -s.score, -s.size, s.cluster_id))
    return [replace(s, rank=position) for position, s in enumerate(scored, start=1)]


@dataclass(frozen=True)
class SeriesRow:
    cluster_id: str
    granularity: str  # 'day' | 'week'
    period_start: date
    tickets: int


def cluster_series(facts: TicketFacts, settings: SignalSettings) -> list[SeriesRow]:
    """Weekly counts (weeks start on Monday) over the whole history and daily counts over the last `series_days`, zeros included."""
    if not facts.ticket_ids:
        return []
    newest, first = max(facts.days), min(facts.days)
    first_week = first - timedelta(days=first.weekday())
    weeks = [first_week + timedelta(weeks=i) for i in range((newest - first_week).days // 7 + 1)]
    days = [newest - timedelta(days=i) for i in range(settings.series_days - 1, -1, -1) if newest - timedelta(days=i) >= first]
    weekly: dict[str, dict[date, int]] = {}
    daily: dict[str, dict[date, int]] = {}
    for day, cid in zip(facts.days, facts.clusters):
        if cid is None:
            continue
        week = day - timedelta(days=day.weekday())
        weekly.setdefault(cid, {})[week] = weekly.get(cid, {}).get(week, 0) + 1
        if day >= days[0]:
            daily.setdefault(cid, {})[day] = daily.get(cid, {}).get(day, 0) + 1
    rows = []
    for cid in sorted(weekly):
        rows.extend(SeriesRow(cid, "week", week, weekly[cid].get(week, 0)) for week in weeks)
        rows.extend(SeriesRow(cid, "day", day, daily.get(cid, {}).get(day, 0)) for day in days)
    return rows


@dataclass(frozen=True)
class NoiseGroup:
    """A dense group of recent unclustered tickets: a signal the clustering did not (yet) see."""

    rows: list[int]  # indices into the run's tickets
    cohesion: float  # mean cosine similarity to the group's centre


def scan_noise(facts: TicketFacts, vectors: np.ndarray, settings: SignalSettings) -> list[NoiseGroup]:
    """Groups of at least `noise_min_tickets` recent unclustered tickets within `noise_max_distance` (cosine, DBSCAN)."""
    from sklearn.cluster import DBSCAN

    if not facts.ticket_ids:
        return []
    win = windows_for(facts.days, settings)
    candidates = np.array([i for i, (cid, day) in enumerate(zip(facts.clusters, facts.days)) if cid is None and day >= win.recent_start])
    if len(candidates) < settings.noise_min_tickets:
        return []
    labels = DBSCAN(eps=settings.noise_max_distance, min_samples=settings.noise_min_tickets, metric="cosine").fit_predict(vectors[candidates])
    groups = []
    for label in sorted(set(labels.tolist()) - {-1}):
        rows = candidates[labels == label]
        centre = vectors[rows].mean(axis=0)
        centre /= max(float(np.linalg.norm(centre)), 1e-12)
        groups.append(NoiseGroup(sorted(int(r) for r in rows), float((vectors[rows] @ centre).mean())))
    groups.sort(key=lambda g: (-len(g.rows), g.rows[0]))
    return groups
