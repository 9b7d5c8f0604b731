"""Stable cluster identity: match tonight's clusters to last night's so ids (and human reviews) follow them.

The contract the review app relies on:

1. Every (new, old) pair is scored by the Jaccard similarity of their ticket sets plus 0.1 x the cosine
   of their centroids as a tie-breaker (negative cosines count as 0). Old ticket sets are first
   restricted to `current_ticket_ids` when given, so deleted tickets do not count. A pair is admissible
   only if the clusters share at least one ticket and Jaccard >= min_jaccard or cosine >=
   min_centroid_similarity. The one-to-one matching with the highest total score over admissible
   pairs is solved with scipy's linear_sum_assignment (not greedily); inadmissible pairs carry a
   prohibitive cost and are never kept.
2. A matched new cluster keeps the old stable id: "continued". Jaccard rewards the child holding most
   of the old tickets, so on a split that child inherits the id and its human reviews.
3. An unmatched new cluster holding >= split_share of some old cluster's still-existing tickets gets a
   fresh id and a "split" event from that parent (the one it shares most tickets with if several).
4. An unmatched old cluster with >= merge_share of its tickets inside one new cluster Y is
   "merged_into" Y (related: Y's id), and Y gets one "merged" event listing every absorbed old id.
   The absorbed id is retired, never reused.
5. Other unmatched new clusters get a fresh id: "new". Other unmatched old clusters: "vanished".
6. Fresh ids follow the largest id in `existing_ids` (and the previous clusters' ids) and are handed
   out by decreasing cluster size, ties by label, so a first run numbers its clusters C0001..Ck.
7. The same inputs give the same output, whatever order the clusters come in.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from analyser.config import IdentitySettings

CENTROID_WEIGHT = 0.1
COUNTED_EVENTS = ("continued", "new", "split", "merged", "vanished")
# Finite rather than inf so the solver never sees an infeasible matrix; real scores stay below 1.1.
_FORBIDDEN_COST = 1e6
_CLUSTER_ID = re.compile(r"C(\d+)")
_EVENT_ORDER = {"continued": 0, "split": 1, "new": 2, "merged": 3, "merged_into": 4, "vanished": 5}


@dataclass(frozen=True)
class PreviousCluster:
    """A cluster of the previous run, under its stable id; centroid L2-normalised."""

    cluster_id: str
    ticket_ids: frozenset[str]
    centroid: np.ndarray


@dataclass(frozen=True)
class NewCluster:
    """A cluster of this run, under the clustering's raw label."""

    label: int
    ticket_ids: frozenset[str]
    centroid: np.ndarray


@dataclass(frozen=True)
class LineageEvent:
    """What happened to one stable id this run, and which ids it is related to."""

    cluster_id: str
    event: str
    related_ids: tuple[str, ...]
    shared_tickets: int


@dataclass(frozen=True)
class IdentityResult:
    """Stable id of every new label, and the lineage events of this run."""

    stable_ids: dict[int, str]
    events: tuple[LineageEvent, ...]


@dataclass(frozen=True)
class _Overlap:
    """Pairwise (new x old) measures the rules are written in."""

    shared: np.ndarray  # tickets in common
    old_share: np.ndarray  # shared / the old cluster's still-existing tickets
    score: np.ndarray
    admissible: np.ndarray


def assign_identities(
    previous: Sequence[PreviousCluster],
    current: Sequence[NewCluster],
    *,
    existing_ids: Iterable[str],
    settings: IdentitySettings | None = None,
    current_ticket_ids: frozenset[str] | None = None,
    claimed: Mapping[int, str] | None = None,
) -> IdentityResult:
    """Match this run's clusters to the previous run's with an optimal assignment and record lineage.

    `claimed`: new label -> previous cluster id it must keep, whatever the overlaps say (a cluster a reviewer
    validated or merged, kept together by guided clustering); ids not in `previous` are ignored."""
    settings = settings or IdentitySettings()
    old = sorted(previous, key=lambda c: c.cluster_id)
    new = sorted(current, key=lambda c: c.label)
    _require_unique([c.cluster_id for c in old], "previous cluster id")
    _require_unique([c.label for c in new], "new cluster label")
    old_tickets = [c.ticket_ids if current_ticket_ids is None else c.ticket_ids & current_ticket_ids for c in old]
    overlap = _pair_overlap(new, old, old_tickets, settings)
    _claim(overlap, new, old, claimed or {})
    matches = _optimal_matches(overlap.score, overlap.admissible)

    stable_ids = {new[i].label: old[j].cluster_id for i, j in matches.items()}
    events = [LineageEvent(old[j].cluster_id, "continued", (old[j].cluster_id,), int(overlap.shared[i, j])) for i, j in matches.items()]
    issued = {*existing_ids, *(c.cluster_id for c in old)}
    events += _fresh_cluster_events(new, old, overlap, matches, issued, settings.split_share, stable_ids)
    events += _unmatched_old_events(new, old, overlap, set(matches.values()), settings.merge_share, stable_ids)
    events.sort(key=lambda e: (e.cluster_id, _EVENT_ORDER[e.event], e.related_ids))
    return IdentityResult(stable_ids=dict(sorted(stable_ids.items())), events=tuple(events))


def _claim(overlap: _Overlap, new: Sequence[NewCluster], old: Sequence[PreviousCluster], claimed: Mapping[int, str]) -> None:
    """Force each claimed (new label, old id) pair: the only admissible pair of its row and column, scored above any other."""
    row_of = {c.label: i for i, c in enumerate(new)}
    column_of = {c.cluster_id: j for j, c in enumerate(old)}
    for label, cluster_id in claimed.items():
        i, j = row_of.get(label), column_of.get(cluster_id)
        if i is None or j is None:
            continue
        overlap.admissible[i, :] = False
        overlap.admissible[:, j] = False
        overlap.admissible[i, j] = True
        overlap.score[i, j] = 10.0


def next_cluster_ids(existing_ids: Iterable[str], count: int) -> list[str]:
    """Fresh ids "C0001", "C0002"... after the largest existing one (ids never reused, even after a cluster vanished)."""
    if count < 0:
        raise ValueError(f"count of fresh cluster ids must be >= 0, got {count}")
    numbers = [int(m.group(1)) for cid in existing_ids if (m := _CLUSTER_ID.fullmatch(cid))]
    start = max(numbers, default=0) + 1
    return [f"C{n:04d}" for n in range(start, start + count)]


def lineage_counts(events: Iterable[LineageEvent]) -> dict[str, int]:
    """Counts per event kind, always with the keys continued, new, split, merged, vanished (merged counts merge events, not merged_into)."""
    counts = dict.fromkeys(COUNTED_EVENTS, 0)
    for event in events:
        if event.event in counts:
            counts[event.event] += 1
    return counts


def _fresh_cluster_events(
    new: Sequence[NewCluster],
    old: Sequence[PreviousCluster],
    overlap: _Overlap,
    matches: dict[int, int],
    issued: set[str],
    split_share: float,
    stable_ids: dict[int, str],
) -> list[LineageEvent]:
    """Give each unmatched new cluster a fresh id (biggest first) and a "split" or "new" event; fills stable_ids."""
    unmatched = sorted((i for i in range(len(new)) if i not in matches), key=lambda i: (-len(new[i].ticket_ids), new[i].label))
    events = []
    for i, fresh_id in zip(unmatched, next_cluster_ids(issued, len(unmatched))):
        stable_ids[new[i].label] = fresh_id
        parent = _strongest(overlap, row=i, min_share=split_share)
        if parent is None:
            events.append(LineageEvent(fresh_id, "new", (), 0))
        else:
            events.append(LineageEvent(fresh_id, "split", (old[parent].cluster_id,), int(overlap.shared[i, parent])))
    return events


def _unmatched_old_events(
    new: Sequence[NewCluster],
    old: Sequence[PreviousCluster],
    overlap: _Overlap,
    matched_old: set[int],
    merge_share: float,
    stable_ids: dict[int, str],
) -> list[LineageEvent]:
    """Each unmatched old cluster is "merged_into" the new cluster holding most of it, or "vanished"; one "merged" per absorber."""
    events = []
    absorbed: dict[int, list[int]] = {}
    for j in (j for j in range(len(old)) if j not in matched_old):
        survivor = _strongest(overlap, column=j, min_share=merge_share)
        if survivor is None:
            events.append(LineageEvent(old[j].cluster_id, "vanished", (), 0))
            continue
        absorbed.setdefault(survivor, []).append(j)
        survivor_id = stable_ids[new[survivor].label]
        events.append(LineageEvent(old[j].cluster_id, "merged_into", (survivor_id,), int(overlap.shared[survivor, j])))
    for i, old_indices in absorbed.items():
        absorbed_ids = tuple(old[j].cluster_id for j in old_indices)
        shared = int(sum(overlap.shared[i, j] for j in old_indices))
        events.append(LineageEvent(stable_ids[new[i].label], "merged", absorbed_ids, shared))
    return events


def _pair_overlap(
    new: Sequence[NewCluster], old: Sequence[PreviousCluster], old_tickets: list[frozenset[str]], settings: IdentitySettings
) -> _Overlap:
    """Shared tickets, shares, scores and admissibility of every (new, old) pair."""
    shared = _shared_ticket_counts([c.ticket_ids for c in new], old_tickets)
    new_sizes = np.array([len(c.ticket_ids) for c in new], dtype=float).reshape(-1, 1)
    old_sizes = np.array([len(t) for t in old_tickets], dtype=float).reshape(1, -1)
    union = new_sizes + old_sizes - shared
    jaccard = np.divide(shared, union, out=np.zeros(shared.shape), where=union > 0)
    old_share = np.divide(shared, old_sizes, out=np.zeros(shared.shape), where=old_sizes > 0)
    cosine = _centroid_cosines([c.centroid for c in new], [c.centroid for c in old])
    admissible = (shared >= 1) & ((jaccard >= settings.min_jaccard) | (cosine >= settings.min_centroid_similarity))
    # Only similarity earns a bonus: an opposed centroid must not push an admissible pair below "unmatched".
    score = jaccard + CENTROID_WEIGHT * np.clip(cosine, 0.0, None)
    return _Overlap(shared=shared, old_share=old_share, score=score, admissible=admissible)


def _shared_ticket_counts(new_tickets: list[frozenset[str]], old_tickets: list[frozenset[str]]) -> np.ndarray:
    """Tickets in common per (new, old) pair, via a ticket index: linear in tickets, not n x m intersections."""
    old_clusters_of: dict[str, list[int]] = {}
    for j, tickets in enumerate(old_tickets):
        for ticket in tickets:
            old_clusters_of.setdefault(ticket, []).append(j)
    shared = np.zeros((len(new_tickets), len(old_tickets)), dtype=np.int64)
    for i, tickets in enumerate(new_tickets):
        for ticket in tickets:
            for j in old_clusters_of.get(ticket, ()):
                shared[i, j] += 1
    return shared


def _centroid_cosines(new_centroids: list[np.ndarray], old_centroids: list[np.ndarray]) -> np.ndarray:
    """Cosine of every (new, old) centroid pair; re-normalised in case a caller passed raw means."""
    if not new_centroids or not old_centroids:
        return np.zeros((len(new_centroids), len(old_centroids)))
    a = _unit_rows(np.vstack([np.asarray(c, dtype=float).ravel() for c in new_centroids]))
    b = _unit_rows(np.vstack([np.asarray(c, dtype=float).ravel() for c in old_centroids]))
    if a.shape[1] != b.shape[1]:
        raise ValueError(f"centroids of this run have {a.shape[1]} dimensions, the previous run's {b.shape[1]}")
    return a @ b.T


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


def _optimal_matches(score: np.ndarray, admissible: np.ndarray) -> dict[int, int]:
    """The one-to-one matching (new index -> old index) with the highest total score over admissible pairs."""
    n_new, n_old = score.shape
    # One zero-cost "stay unmatched" column per new cluster. Without it a rectangular assignment must
    # match min(n_new, n_old) pairs, so the solver would trade one strong match for two weak ones
    # (or fall back on forbidden pairs) just to match more clusters.
    cost = np.full((n_new, n_old + n_new), _FORBIDDEN_COST)
    cost[:, :n_old] = np.where(admissible, -score, _FORBIDDEN_COST)
    cost[np.arange(n_new), n_old + np.arange(n_new)] = 0.0
    rows, cols = linear_sum_assignment(cost)
    return {int(i): int(j) for i, j in zip(rows, cols) if j < n_old and admissible[i, j]}


def _strongest(overlap: _Overlap, *, min_share: float, row: int | None = None, column: int | None = None) -> int | None:
    """Index of the partner sharing most tickets, among those holding >= min_share of the old cluster.

    With `row` (a new cluster) it returns an old index, with `column` (an old cluster) a new index;
    ties go to the lower index, which is deterministic because inputs are sorted by id and label.
    """
    if row is not None:
        shared, share = overlap.shared[row, :], overlap.old_share[row, :]
    else:
        shared, share = overlap.shared[:, column], overlap.old_share[:, column]
    candidates = [k for k in range(len(shared)) if shared[k] >= 1 and share[k] >= min_share]
    return max(candidates, key=lambda k: (shared[k], share[k], -k), default=None)


def _require_unique(values: list, what: str) -> None:
    duplicates = sorted(str(v) for v, n in Counter(values).items() if n > 1)
    if duplicates:
        raise ValueError(f"each {what} must appear once; repeated: {', '.join(duplicates)}")
