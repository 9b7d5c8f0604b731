"""The statistics the signal components share: time windows, the rate test, share excess, satisfaction
parsing and repeat contacts. Pure: numbers in, numbers out.

The rate test gives a cluster's share of the tickets in a window against its share before it, as a rate
ratio with a credible interval (Jeffreys Beta posterior on the window's share, the conditional form of a
Gamma-Poisson rate ratio) and a binomial p-value; `dispersion` above 1 widens both. The emerging badge
itself is decided by the date-shuffle calibration of growth.py, not by this p-value alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
from scipy import stats

from analyser.config import SignalSettings


@dataclass(frozen=True)
class Windows:
    newest: date
    recent_start: date
    baseline_start: date  # the baseline is [baseline_start, recent_start)
    first: date

    @property
    def baseline_days(self) -> int:
        return (self.recent_start - self.baseline_start).days

    @property
    def history_days(self) -> int:
        return (self.newest - self.first).days + 1

    def history_too_short(self, settings: SignalSettings) -> bool:
        """With little history the recent window is a large share of it: emerging flags and pockets would fire by chance."""
        return self.history_days < settings.min_history_days

    def as_dict(self) -> dict[str, Any]:
        return {"newest_day": self.newest.isoformat(), "recent_start": self.recent_start.isoformat(),
                "baseline_start": self.baseline_start.isoformat(), "recent_days": (self.newest - self.recent_start).days + 1,
                "baseline_days": self.baseline_days, "history_days": self.history_days}


def windows_for(days: Sequence[date], settings: SignalSettings) -> Windows:
    newest, first = max(days), min(days)
    recent_start = newest - timedelta(days=settings.recent_days - 1)
    baseline_start = max(first, recent_start - timedelta(weeks=settings.baseline_weeks))
    return Windows(newest, recent_start, min(baseline_start, recent_start), first)


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


def share_excess(share: float, overall: float) -> float:
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


