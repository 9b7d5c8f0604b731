"""What the signal components read: the run's tickets (`TicketFacts`), the per-ticket arrays and the
average figures computed once per run (`RunFacts`), and one cluster's members (`ClusterFacts`). Pure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

import numpy as np

from analyser.config import SignalSettings
from analyser.stages.signals.growth import GrowthCalibration, growth_windows, window_masks
from analyser.stages.signals.measures import Windows, parse_satisfaction, repeat_contacts, windows_for


@dataclass(frozen=True)
class TicketFacts:
    """One entry per ticket of the run (same order everywhere)."""

    ticket_ids: list[str]
    days: list[date]
    clusters: list[str | None]  # stable cluster id, None when unclustered
    categories: list[str | None]
    customers: list[str | None]
    channels: list[str | None]
    products: list[str | None]
    satisfaction: list[str | None]
    intensity: list[float]  # lexicon score of the ticket
    phrases: list[tuple[str, ...]]  # lexicon phrases found in the ticket


@dataclass(frozen=True)
class RunFacts:
    """Per-ticket arrays and run-wide averages, computed once and shared by every cluster's components."""

    tickets: TicketFacts
    settings: SignalSettings
    windows: Windows
    cluster_ids: list[str]
    codes: np.ndarray  # cluster code per ticket, -1 when unclustered
    recent: np.ndarray
    baseline: np.ndarray
    is_catch_all: np.ndarray
    intense: np.ndarray
    level: np.ndarray  # how strongly a ticket speaks, 0 to 1 (several phrases: more)
    repeats: np.ndarray
    has_customer: np.ndarray
    satisfaction: np.ndarray
    satisfaction_scale: float
    low_satisfaction: np.ndarray
    no_ancestor: set[str] | None  # clusters with no ancestor in the previous run (None on a first run)
    overall: dict[str, float] = field(default_factory=dict)
    customers_of: dict[str, int] = field(default_factory=dict)
    all_channels: int = 0
    all_products: int = 0
    # Columns the export has (some ticket holds a value): a component that needs one the export lacks is unknown, not 0.
    known_columns: frozenset[str] = frozenset()
    # The night's date-shuffle calibration of emerging alerts (growth.py); None: no alert can be calibrated (too little history)
    calibration: GrowthCalibration | None = None
    window_masks: np.ndarray | None = None  # (growth windows, tickets): dated in the last w days


@dataclass(frozen=True)
class ClusterFacts:
    """One cluster as the components see it: a mask over the run's tickets, and the run."""

    cluster_id: str
    members: np.ndarray
    run: RunFacts

    @cached_property  # read by several components of the same cluster
    def size(self) -> int:
        return int(self.members.sum())

    @cached_property
    def recent_tickets(self) -> int:
        return int((self.members & self.run.recent).sum())

    def distinct(self, values: list[Any]) -> int:
        return len({values[i] for i in np.flatnonzero(self.members) if values[i]})


def run_facts(
    facts: TicketFacts, no_ancestor: set[str] | None, settings: SignalSettings, calibration: GrowthCalibration | None = None,
) -> RunFacts:
    """The arrays and averages every component compares a cluster against."""
    win = windows_for(facts.days, settings)
    day = np.array(facts.days, dtype="datetime64[D]")
    recent = day >= np.datetime64(win.recent_start)
    ids = sorted({c for c in facts.clusters if c is not None})
    code_of = {cid: code for code, cid in enumerate(ids)}
    codes = np.array([code_of[c] if c is not None else -1 for c in facts.clusters], dtype=np.int64)  # int compares are fast
    catch_all = {value.strip().lower() for value in settings.catch_all_categories}
    present = known_columns(facts)
    # Without a category column no ticket is "in a catch-all": that is unknown, and the hidden component says so.
    is_catch_all = np.array([(c or "").strip().lower() in catch_all for c in facts.categories]) & ("category" in present)
    intense = np.array(facts.intensity) >= settings.intense_ticket_score
    level = np.minimum(np.array(facts.intensity), 2.0) / 2.0
    repeats = repeat_contacts(facts.days, facts.clusters, facts.customers, settings.repeat_days)
    has_customer = np.array([bool(c) for c in facts.customers])
    satisfaction, scale = parse_satisfaction(facts.satisfaction)
    low_satisfaction = (satisfaction - 1) / (scale - 1) <= 0.25
    rated = np.isfinite(satisfaction)
    clustered = codes >= 0
    overall = {
        "recent_share": recent.mean(), "intense_share": intense[clustered].mean() if clustered.any() else 0.0,
        "lexicon_level": level[clustered].mean() if clustered.any() else 0.0,
        "repeat_share": repeats[clustered & has_customer].mean() if (clustered & has_customer).any() else 0.0,
        "low_satisfaction_share": low_satisfaction[rated].mean() if rated.any() else 0.0,
        "catch_all_share": is_catch_all.mean(),
    }
    top_shares = [top_category_share(codes == code_of[cid], is_catch_all, facts.categories) for cid in ids]
    known = [share for share in top_shares if share is not None]
    overall["median_top_category_share"] = float(np.median(known)) if known else 1.0
    customers_of = {cid: len({facts.customers[i] for i in np.flatnonzero(codes == code_of[cid]) if facts.customers[i]}) for cid in ids}
    return RunFacts(
        tickets=facts, settings=settings, windows=win, cluster_ids=ids, codes=codes, recent=recent,
        baseline=(day >= np.datetime64(win.baseline_start)) & ~recent,
        is_catch_all=is_catch_all, intense=intense, level=level, repeats=repeats, has_customer=has_customer,
        satisfaction=satisfaction, satisfaction_scale=scale, low_satisfaction=low_satisfaction, no_ancestor=no_ancestor,
        overall=overall, customers_of=customers_of,
        all_channels=len({c for c in facts.channels if c}), all_products=len({p for p in facts.products if p}),
        known_columns=present, calibration=calibration, window_masks=window_masks(facts.days, growth_windows(settings)),
    )


def known_columns(facts: TicketFacts) -> frozenset[str]:
    """The optional columns at least one ticket of the run fills: category, customer, channel, product, satisfaction."""
    columns = {"category": facts.categories, "customer": facts.customers, "channel": facts.channels, "product": facts.products,
               "satisfaction": facts.satisfaction}
    return frozenset(name for name, values in columns.items() if any(value is not None and str(value).strip() for value in values))


def top_category_share(members: np.ndarray, is_catch_all: np.ndarray, categories: list[str | None]) -> float | None:
    """Share of the most common real category among a cluster's categorised tickets (None under 10 of them)."""
    counts: dict[str, int] = {}
    for index in np.flatnonzero(members & ~is_catch_all):
        counts[categories[index]] = counts.get(categories[index], 0) + 1  # type: ignore[index]
    return max(counts.values()) / sum(counts.values()) if sum(counts.values()) >= 10 else None
