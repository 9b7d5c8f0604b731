"""Local growth: where in the embedding space tickets come faster than before, and how sure we are.

An old pain that starts growing is a slice of a big, stable cluster: the cluster's own rate hardly
moves, and a recent pocket (mostly recent neighbours) never forms. Around each recent ticket, though,
its nearest neighbours are that slice. So, for each recent ticket (a *centre*) and each scale `s`
(`growth_scales`), the test counts how many of its `s` nearest neighbours (cosine, embeddings; the
centre itself left out) fall in the last `w` days (`growth_windows`), against the count expected if
dates had nothing to do with text: `s` times the share of all tickets in those `w` days. The same
count is made for every cluster. Each count gets its binomial upper-tail p-value.

Thousands of overlapping tests are made each night, so a raw p-value says little. The calibration
shuffles the tickets' dates (`alert_shuffles` times: the exact null of "nothing grows"), reruns every
test and keeps the smallest p-value of each shuffle. An alert needs a p-value below the `alert_level`
quantile of those minima: on a night when nothing grows, the chance that any test alerts is at most
`alert_level`. The corrected p-value of a test is the share of shuffles that did as well.

The neighbours are computed once per run for the recent tickets only (bounded: `growth_max_centres`),
and shuffles only reindex them, so the cost grows with the recent tickets, not with their square.

Pure: arrays in, arrays out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy import stats

from analyser.config import SignalSettings

__all__ = ["GrowthCalibration", "GrowthRegion", "GrowthScan", "calibrate_clusters", "growth_windows", "scan_growth", "tail_p", "window_masks"]


@dataclass(frozen=True)
class GrowthCalibration:
    """What date shuffles say: the smallest p-value a night reaches by chance when nothing grows."""

    level: float  # alert_level: the chance of any false alert on a night when nothing grows
    critical_p: float  # a test alerts when its p-value is at or below this
    null_minima: np.ndarray  # each shuffle's smallest p-value, sorted
    tests: int  # tests made per night (regions and clusters, all windows and scales)

    @property
    def shuffles(self) -> int:
        return len(self.null_minima)

    def corrected(self, p: float) -> float:
        """The family-wise p-value: the share of shuffled nights whose best test did at least as well."""
        return float((1 + np.searchsorted(self.null_minima, p, side="right")) / (self.shuffles + 1))

    def as_dict(self) -> dict[str, float | int]:
        return {"level": self.level, "critical_p": self.critical_p, "shuffles": self.shuffles, "tests": self.tests}


@dataclass(frozen=True)
class GrowthRegion:
    """A slice of the embedding space growing faster than chance allows: tickets, and what was counted."""

    rows: np.ndarray  # the significant centres and their nearest neighbours, merged over overlapping centres
    window_days: int
    observed: int  # tickets of the best test in the window
    expected: float  # its count expected when nothing grows
    p_value: float  # the best test's binomial tail
    corrected_p: float

    def figures(self) -> dict[str, float | int]:
        """What was counted, as stored with the growing slice and shown in words."""
        return {"window_days": self.window_days, "observed": self.observed, "expected": self.expected,
                "p_value": self.p_value, "corrected_p": self.corrected_p}


@dataclass(frozen=True)
class GrowthScan:
    calibration: GrowthCalibration
    regions: list[GrowthRegion]


def growth_windows(settings: SignalSettings) -> list[int]:
    """The windows tested, in days: `growth_windows` up to `recent_days` (the recent window itself when none fits)."""
    return [w for w in sorted(set(settings.growth_windows)) if w <= settings.recent_days] or [settings.recent_days]


def window_masks(days: Sequence[date], windows: Sequence[int]) -> np.ndarray:
    """(windows, tickets) bool: the ticket is dated in the last `w` days up to the newest ticket date."""
    day = np.array(days, dtype="datetime64[D]")
    newest = day.max()
    return np.stack([day > newest - np.timedelta64(w, "D") for w in windows])


def tail_p(observed: np.ndarray, trials: np.ndarray, share: np.ndarray) -> np.ndarray:
    """P(X >= observed) for X ~ Binomial(trials, share); 1 where nothing was observed above zero."""
    observed, trials, share = np.broadcast_arrays(np.asarray(observed), np.asarray(trials), np.asarray(share))
    result = np.ones(observed.shape)
    some = (observed > 0) & (trials > 0)
    result[some] = stats.binom.sf(observed[some] - 1, trials[some], share[some])
    return result


def scan_growth(
    days: Sequence[date], neighbours: np.ndarray, centres: np.ndarray, labels: np.ndarray, settings: SignalSettings, seed: int = 0,
) -> GrowthScan:
    """Calibrate the night's tests on shuffled dates, then return the growing regions (significant centres, merged).

    `centres`: rows of the recent tickets tested; `neighbours`: (centres, k) their nearest tickets, nearest first,
    itself excluded (k at least the largest scale; smaller k caps the scales); `labels`: the clustering, -1 noise."""
    windows = growth_windows(settings)
    masks = window_masks(days, windows)
    share = masks.mean(axis=1)  # (windows,)
    scales = np.array(sorted({min(s, neighbours.shape[1]) for s in settings.growth_scales}))
    floor = settings.min_recent_tickets
    codes, sizes = _cluster_codes(labels)

    def best_p(mask: np.ndarray) -> float:
        return float(min(_region_p(mask, neighbours, scales, share, floor).min(initial=1.0),
                         _cluster_p(mask, codes, sizes, share, floor).min(initial=1.0)))

    rng = np.random.default_rng(seed)
    minima = np.sort([best_p(masks[:, rng.permutation(masks.shape[1])]) for _ in range(settings.alert_shuffles)])
    critical = float(np.quantile(minima, settings.alert_level, method="lower"))
    calibration = GrowthCalibration(settings.alert_level, critical, minima,
                                    tests=len(windows) * (len(centres) * len(scales) + len(sizes)))
    p = _region_p(masks, neighbours, scales, share, floor)  # (windows, centres, scales)
    regions = _regions(p, masks, neighbours, centres, scales, share, windows, calibration)
    return GrowthScan(calibration, regions)


def calibrate_clusters(days: Sequence[date], labels: np.ndarray, settings: SignalSettings, seed: int = 0) -> GrowthCalibration:
    """The calibration of the clusters' own tests alone (no local growth test): what `compute_signals` uses when the
    nightly step (`scan_growth`, which also tests neighbourhoods) did not run, as in unit tests and benches."""
    return scan_growth(days, np.zeros((0, 1), dtype=np.int64), np.zeros(0, dtype=np.int64), labels, settings, seed).calibration


def _region_p(masks: np.ndarray, neighbours: np.ndarray, scales: np.ndarray, share: np.ndarray, floor: int) -> np.ndarray:
    """(windows, centres, scales) p-values of the neighbour counts; 1 below `floor` tickets (too few to call growth)."""
    counts = np.cumsum(masks[:, neighbours], axis=2, dtype=np.int32)[:, :, scales - 1]
    if not counts.size:
        return np.ones(counts.shape)
    p = np.ones(counts.shape)
    for wi in range(len(share)):  # per window and scale, p falls with the count: compute each distinct count once
        for si, scale in enumerate(scales):
            column = counts[wi, :, si]
            values, inverse = np.unique(column, return_inverse=True)
            tail = tail_p(values, np.full(len(values), scale), np.full(len(values), share[wi]))
            tail[values < floor] = 1.0
            p[wi, :, si] = tail[inverse]
    return p


def _cluster_codes(labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    clustered = labels >= 0
    codes = np.full(len(labels), -1)
    if clustered.any():
        _, codes[clustered] = np.unique(labels[clustered], return_inverse=True)
    return codes, np.bincount(codes[clustered], minlength=int(codes.max()) + 1 if clustered.any() else 0)


def _cluster_p(masks: np.ndarray, codes: np.ndarray, sizes: np.ndarray, share: np.ndarray, floor: int) -> np.ndarray:
    """(windows, clusters) p-values of each cluster's count in each window."""
    if not len(sizes):
        return np.ones((len(share), 0))
    clustered = codes >= 0
    counts = np.stack([np.bincount(codes[clustered & mask], minlength=len(sizes)) for mask in masks])
    p = tail_p(counts, sizes[None, :], share[:, None])
    p[counts < floor] = 1.0
    return p


def _regions(
    p: np.ndarray, masks: np.ndarray, neighbours: np.ndarray, centres: np.ndarray, scales: np.ndarray, share: np.ndarray,
    windows: list[int], calibration: GrowthCalibration,
) -> list[GrowthRegion]:
    """Significant centres grouped into regions, strongest first.

    Two significant centres are linked when one is among the other's tested neighbours; linked centres form a region.
    Its tickets are its centres and its core: the tickets found in the neighbourhoods of at least a quarter of its
    centres (all of it for a lone centre). Tickets that only one edge of a region reaches stay out, so a broad drift
    cannot chain neighbourhoods into one region spanning half the tickets."""
    if not p.size:
        return []
    flat = p.transpose(1, 0, 2).reshape(len(centres), -1)  # (centres, windows x scales)
    best = flat.argmin(axis=1)
    best_p = flat[np.arange(len(centres)), best]
    significant = np.flatnonzero(best_p <= calibration.critical_p)
    significant = significant[np.argsort(best_p[significant], kind="stable")][:500]  # the strongest first; bounded
    if not len(significant):
        return []
    hoods = [neighbours[index, :int(scales[best[index] % len(scales)])] for index in significant]
    position = {int(centres[index]): order for order, index in enumerate(significant)}
    parent = list(range(len(significant)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for order, hood in enumerate(hoods):
        for row in hood.tolist():
            other = position.get(row)
            if other is not None:
                parent[root(other)] = root(order)
    groups: dict[int, list[int]] = {}
    for order in range(len(significant)):
        groups.setdefault(root(order), []).append(order)
    regions = []
    for members in sorted(groups.values(), key=min):  # by the group's strongest centre
        reached = np.unique(np.concatenate([hoods[m] for m in members]), return_counts=True)
        needed = 1 if len(members) == 1 else max(2, -(-len(members) // 4))
        core = reached[0][reached[1] >= needed]
        strongest = significant[members[0]]
        wi, scale = int(best[strongest] // len(scales)), int(scales[best[strongest] % len(scales)])
        regions.append(GrowthRegion(
            rows=np.union1d(core, centres[significant[members]]), window_days=windows[wi],
            observed=int(masks[wi, neighbours[strongest, :scale]].sum()), expected=float(scale * share[wi]),
            p_value=float(best_p[strongest]), corrected_p=calibration.corrected(float(best_p[strongest])),
        ))
    return regions
