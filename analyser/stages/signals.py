"""Weak signals per cluster: emerging, new, intense, hidden, reach, and one combined score that ranks them.

Pure: numbers in, numbers out. Every component lies in [0, 1] and keeps the raw figures behind it
in `details`, so a person sees why a cluster ranks where it does (`explain_signal` says it in words).
Time windows end at the newest ticket date, never at the wall clock.

Emerging is a Bayesian rate test: the cluster's share of all tickets in the recent window against
its share in the baseline weeks, as a rate ratio with a credible interval (Jeffreys Beta posterior
on the recent share, the conditional form of a Gamma-Poisson rate ratio). Weekly counts that vary
more than Poisson (overdispersion) shrink the evidence. A cluster is emerging only when the LOWER
bound of the interval reaches `emerging_min_ratio`: 3 tickets a week rising to 6 is not enough.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np
from scipy import stats

from analyser.config import SignalSettings
from analyser.stages.signals_explain import explain_signal

__all__ = [
    "COMPONENTS", "ClusterSignal", "TicketFacts", "cluster_series", "compute_signals", "explain_signal", "scan_noise", "windows_for",
]

COMPONENTS = ("emerging", "novelty", "intensity", "hidden", "reach")


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
class Windows:
    newest: date
    recent_start: date
    baseline_start: date  # the baseline is [baseline_start, recent_start)
    first: date

    @property
    def baseline_days(self) -> int:
        return (self.recent_start - self.baseline_start).days

    def as_dict(self) -> dict[str, Any]:
        return {"newest_day": self.newest.isoformat(), "recent_start": self.recent_start.isoformat(),
                "baseline_start": self.baseline_start.isoformat(), "recent_days": (self.newest - self.recent_start).days + 1,
                "baseline_days": self.baseline_days}


def windows_for(days: Sequence[date], settings: SignalSettings) -> Windows:
    newest, first = max(days), min(days)
    recent_start = newest - timedelta(days=settings.recent_days - 1)
    baseline_start = max(first, recent_start - timedelta(weeks=settings.baseline_weeks))
    return Windows(newest, recent_start, min(baseline_start, recent_start), first)


@dataclass(frozen=True)
class ClusterSignal:
    cluster_id: str
    size: int
    recent_tickets: int
    baseline_tickets: int
    intense_tickets: int
    catch_all_tickets: int
    emerging: float
    novelty: float
    intensity: float
    hidden: float
    reach: float
    is_emerging: bool
    is_new: bool
    is_intense: bool
    is_hidden: bool
    score: float = 0.0
    rank: int = 0
    journey_stage: str = "unclear"
    journey_confidence: float = 0.0
    details: dict[str, Any] = field(default_factory=dict)


def rate_test(recent: int, baseline: int, recent_total: int, baseline_total: int, dispersion: float, level: float) -> dict[str, Any]:
    """Rate ratio of a cluster's share of tickets, recent against baseline, with a credible interval and a p-value."""
    if recent_total == 0 or baseline_total == 0:
        return {"rate_ratio": None, "ratio_low": 0.0, "ratio_high": None, "p_value": 1.0}
    expected_share = recent_total / (recent_total + baseline_total)
    prior_odds = expected_share / (1 - expected_share)
    a, b = recent / dispersion + 0.5, baseline / dispersion + 0.5
    tail = (1 - level) / 2
    low_share, high_share = stats.beta.ppf([tail, 1 - tail], a, b)
    point = (recent / recent_total) / (baseline / baseline_total) if baseline else None
    trials = round((recent + baseline) / dispersion)
    p_value = stats.binomtest(min(round(recent / dispersion), trials), trials, expected_share, alternative="greater").pvalue if trials else 1.0
    return {
        "rate_ratio": point,
        "ratio_low": float(low_share / (1 - low_share) / prior_odds),
        "ratio_high": float(high_share / (1 - high_share) / prior_odds) if high_share < 1 else None,
        "p_value": float(p_value),
    }


def weekly_dispersion(weekly_counts: np.ndarray) -> float:
    """Variance over mean of the baseline weekly counts (1 = Poisson), kept within [1, 5]."""
    if len(weekly_counts) < 3 or weekly_counts.mean() <= 0:
        return 1.0
    return float(np.clip(weekly_counts.var(ddof=1) / weekly_counts.mean(), 1.0, 5.0))


def _share_excess(share: float, overall: float) -> float:
    """How far a share goes above the average ticket's, on [0, 1]."""
    return float(np.clip((share - overall) / max(1 - overall, 1e-9), 0.0, 1.0))


def parse_satisfaction(values: Sequence[str | None]) -> tuple[np.ndarray, float]:
    """Numeric satisfaction (NaN when absent) and its scale's top (5 or 10, guessed from the data)."""
    numbers = np.full(len(values), np.nan)
    for index, value in enumerate(values):
        if value is not None and str(value).strip():
            try:
                numbers[index] = float(str(value).replace(",", "."))
            except ValueError:
                continue
    top = np.nanmax(numbers) if np.isfinite(numbers).any() else 5.0
    return numbers, 10.0 if top > 5 else 5.0


def repeat_contacts(days: Sequence[date], clusters: Sequence[str | None], customers: Sequence[str | None], window_days: int) -> np.ndarray:
    """True for a ticket whose customer wrote another ticket in the same cluster within `window_days`."""
    result = np.zeros(len(days), dtype=bool)
    groups: dict[tuple[str, str], list[int]] = {}
    for index, (cluster, customer) in enumerate(zip(clusters, customers)):
        if cluster is not None and customer:
            groups.setdefault((cluster, customer), []).append(index)
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda i: days[i])
        for previous, current in zip(members, members[1:]):
            if (days[current] - days[previous]).days <= window_days:
                result[previous] = result[current] = True
    return result


def compute_signals(facts: TicketFacts, no_ancestor: set[str] | None, settings: SignalSettings) -> list[ClusterSignal]:
    """Every cluster's components, flags and details, ranked by the combined score (rank 1 first).

    `no_ancestor`: clusters with no ancestor in the previous run (None on a first run: nothing to compare).
    """
    if not facts.ticket_ids:
        return []
    win = windows_for(facts.days, settings)
    day = np.array(facts.days, dtype="datetime64[D]")
    recent = day >= np.datetime64(win.recent_start)
    baseline = (day >= np.datetime64(win.baseline_start)) & ~recent
    week_index = ((np.datetime64(win.recent_start) - day).astype(int) - 1) // 7  # 0 = the 7 days before the recent window
    ids = sorted({c for c in facts.clusters if c is not None})
    code_of = {cid: code for code, cid in enumerate(ids)}
    codes = np.array([code_of[c] if c is not None else -1 for c in facts.clusters], dtype=np.int64)  # int compares are fast
    catch_all = {value.strip().lower() for value in settings.catch_all_categories}
    is_catch_all = np.array([(c or "").strip().lower() in catch_all for c in facts.categories])
    intense = np.array(facts.intensity) >= settings.intense_ticket_score
    level = np.minimum(np.array(facts.intensity), 2.0) / 2.0  # how strongly a ticket speaks (several phrases: more)
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
    all_channels = {c for c in facts.channels if c}
    all_products = {p for p in facts.products if p}
    customers_of = {cid: len({facts.customers[i] for i in np.flatnonzero(codes == code_of[cid]) if facts.customers[i]}) for cid in ids}
    most_customers = max(customers_of.values(), default=0)
    top_shares = [_top_category_share(codes == code_of[cid], is_catch_all, facts.categories) for cid in ids]
    overall["median_top_category_share"] = float(np.median([t for t in top_shares if t is not None])) if any(
        t is not None for t in top_shares) else 1.0
    result = []
    for cid in ids:
        members = codes == code_of[cid]
        size = int(members.sum())
        n_recent, n_base = int((members & recent).sum()), int((members & baseline).sum())
        weeks = np.bincount(week_index[members & baseline], minlength=max(1, win.baseline_days // 7))[: max(1, win.baseline_days // 7)]
        dispersion = weekly_dispersion(weeks.astype(float)) if win.baseline_days >= 21 else 1.0
        test = rate_test(n_recent, n_base, int(recent.sum()), int(baseline.sum()), dispersion, settings.credible_level)
        enough = min(1.0, n_recent / settings.min_recent_tickets)
        emerging = float(np.clip(math.log(max(test["ratio_low"], 1.0)) / math.log(settings.emerging_full_ratio), 0, 1)) * enough
        is_emerging = n_recent >= settings.min_recent_tickets and test["ratio_low"] >= settings.emerging_min_ratio
        recent_share = n_recent / size
        orphan = None if no_ancestor is None else cid in no_ancestor
        novelty = max(_share_excess(recent_share, overall["recent_share"]), 0.5 if orphan else 0.0)
        is_new = bool(orphan) or recent_share >= settings.new_recent_share
        intensity, intensity_details = _intensity(
            members, intense, level, repeats, has_customer, satisfaction, low_satisfaction, scale, overall, facts
        )
        hidden, hidden_details = _hidden(members, is_catch_all, facts.categories, overall, settings)
        cust = customers_of[cid]
        chans = len({facts.channels[i] for i in np.flatnonzero(members) if facts.channels[i]})
        prods = len({facts.products[i] for i in np.flatnonzero(members) if facts.products[i]})
        reach = (0.5 * (math.log1p(cust) / math.log1p(most_customers) if most_customers else 0.0)
                 + 0.25 * (chans / len(all_channels) if all_channels else 0.0) + 0.25 * (prods / len(all_products) if all_products else 0.0))
        baseline_weeks = win.baseline_days / 7
        details = {
            "size": size, "windows": win.as_dict(),
            "emerging": {"recent": n_recent, "baseline": n_base, "recent_weekly": n_recent / (((win.newest - win.recent_start).days + 1) / 7),
                         "baseline_weekly": n_base / baseline_weeks if baseline_weeks else None, "overdispersion": dispersion,
                         "level": settings.credible_level, **test},
            "novelty": {"recent_share": recent_share, "expected_recent_share": float(overall["recent_share"]), "no_ancestor": orphan},
            "intensity": intensity_details, "hidden": hidden_details,
            "reach": {"customers": cust, "channels": chans, "products": prods,
                      "all_channels": len(all_channels), "all_products": len(all_products)},
        }
        result.append(ClusterSignal(
            cluster_id=cid, size=size, recent_tickets=n_recent, baseline_tickets=n_base,
            intense_tickets=int((members & intense).sum()), catch_all_tickets=int((members & is_catch_all).sum()),
            emerging=emerging, novelty=novelty, intensity=intensity, hidden=hidden, reach=float(np.clip(reach, 0, 1)),
            is_emerging=bool(is_emerging), is_new=is_new, is_intense=intensity >= settings.intense_share,
            is_hidden=bool(hidden_details["flag"]), details=details,
        ))
    return rank_signals(result, settings)


def _intensity(members, intense, level, repeats, has_customer, satisfaction, low_satisfaction, scale, overall, facts) -> tuple[float, dict]:  # noqa: ANN001
    """Lexicon share, repeat-contact share and low satisfaction, each as an excess over the average clustered ticket."""
    size = int(members.sum())
    with_customer = members & has_customer
    rated = members & np.isfinite(satisfaction)
    lexicon_share = float(intense[members].mean())
    repeat_share = float(repeats[with_customer].mean()) if with_customer.any() else 0.0
    low_share = float(low_satisfaction[rated].mean()) if rated.any() else None
    lexicon_level = float(level[members].mean())
    parts = {"lexicon": (0.5, _share_excess(lexicon_level, overall["lexicon_level"])),
             "repeat": (0.3, _share_excess(repeat_share, overall["repeat_share"]))}
    if low_share is not None and rated.sum() >= 5:  # few ratings say little: their weight grows up to 20 ratings
        parts["satisfaction"] = (0.2 * min(1.0, rated.sum() / 20), _share_excess(low_share, overall["low_satisfaction_share"]))
    value = sum(weight * part for weight, part in parts.values()) / sum(weight for weight, _ in parts.values())
    phrase_counts: dict[str, int] = {}
    for index in np.flatnonzero(members & intense):
        for phrase in facts.phrases[index]:
            phrase_counts[phrase] = phrase_counts.get(phrase, 0) + 1
    top_terms = [p for p, _ in sorted(phrase_counts.items(), key=lambda item: (-item[1], item[0]))[:5]]
    return float(value), {
        "intense_tickets": int((members & intense).sum()), "intense_share": lexicon_share, "lexicon_level": lexicon_level,
        "top_terms": top_terms,
        "repeat_tickets": int((members & repeats).sum()), "repeat_share": repeat_share,
        "rated": int(rated.sum()), "satisfaction_mean": float(np.nanmean(satisfaction[rated])) if rated.any() else None,
        "satisfaction_scale": scale, "low_satisfaction_share": low_share,
        "average": {key: float(overall[key]) for key in ("intense_share", "lexicon_level", "repeat_share", "low_satisfaction_share")},
        "parts": {key: part for key, (_, part) in parts.items()}, "size": size,
    }


def _hidden(members, is_catch_all, categories, overall, settings: SignalSettings) -> tuple[float, dict]:  # noqa: ANN001
    """Catch-all share above the average ticket's, or (half weight) categories more spread than the median cluster's."""
    size = int(members.sum())
    counts: dict[str, int] = {}
    for index in np.flatnonzero(members & ~is_catch_all):
        counts[categories[index]] = counts.get(categories[index], 0) + 1  # type: ignore[index]
    catch_share = float(is_catch_all[members].mean())
    real = sum(counts.values())
    top_category, top_count = max(counts.items(), key=lambda item: (item[1], item[0])) if counts else (None, 0)
    top_share = top_count / real if real else 1.0
    catch_part = _share_excess(catch_share, overall["catch_all_share"])
    spread_part = 0.5 * _share_excess(1 - top_share, 1 - overall["median_top_category_share"]) if real >= 10 else 0.0
    flag = catch_share >= settings.hidden_catch_all_share or (real >= 10 and top_share <= settings.hidden_max_top_category_share)
    return max(catch_part, spread_part), {
        "catch_all_tickets": int((members & is_catch_all).sum()), "catch_all_share": catch_share,
        "average_catch_all_share": float(overall["catch_all_share"]), "top_category": top_category, "top_category_share": top_share,
        "median_top_category_share": float(overall["median_top_category_share"]),
        "distinct_categories": len(counts), "categories": dict(sorted(counts.items(), key=lambda item: -item[1])[:8]),
        "flag": bool(flag), "size": size,
    }


def _top_category_share(members: np.ndarray, is_catch_all: np.ndarray, categories: Sequence[str | None]) -> float | None:
    counts: dict[str, int] = {}
    for index in np.flatnonzero(members & ~is_catch_all):
        counts[categories[index]] = counts.get(categories[index], 0) + 1  # type: ignore[index]
    return max(counts.values()) / sum(counts.values()) if sum(counts.values()) >= 10 else None


def rank_signals(signals: list[ClusterSignal], settings: SignalSettings) -> list[ClusterSignal]:
    """Combined score = weighted mean of the components; rank 1 = look first (ties: larger, then id)."""
    from dataclasses import replace

    weights = settings.weights.model_dump()
    total = sum(weights.values())
    scored = [replace(s, score=sum(weights[name] * getattr(s, name) for name in COMPONENTS) / total) for s in signals]
    scored.sort(key=lambda s: (-s.score, -s.size, s.cluster_id))
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
