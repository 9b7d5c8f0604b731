"""Guided clustering: the reviewers' decisions (analyser/review/guidance.py) applied to tonight's labels (pure).

The nightly run clusters as usual, then `apply_guidance` makes the result honour every decision:

1. Each pinned group (a validated or merged cluster, or the target of moved tickets) gets a *home*: the cluster
   holding most of its tickets (its pinned tickets, and for a move target its last-run tickets too). A validated or
   merged group keeps that home only when the group makes at least half of it; otherwise tonight's clustering mixed
   it with tickets nobody reviewed, and the group is drawn out into a cluster of its own, leaving those tickets be.
   Two groups never share a home: the one holding more of it keeps it.
2. Every pinned ticket goes to its group's home; every held-out ticket becomes unclustered.
3. Tonight's other clusters: one made at least half of pinned tickets hands its free tickets to the nearest of
   those groups (cosine to the group's centroid), so new tickets that the clustering put with reviewed ones join
   them; one made at least half of held-out tickets is dissolved (a rejected "noise" cluster does not form again);
   what remains of a cluster that lost tickets to a group, when smaller than `min_cluster_size`, becomes unclustered.
   Clusters without a reviewed or held-out ticket are not touched.

`group_labels` then tells the identity step which cluster id each group's cluster must keep.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

import numpy as np

from analyser.review.guidance import Guidance
from analyser.stages.cluster import NOISE, Clustering, renumber_by_size

FREE = -1


@dataclass(frozen=True)
class TicketGuidance:
    """Guidance as rows of tonight's tickets: the group index of each pinned (and anchor) row, FREE elsewhere."""

    keys: tuple[str, ...]  # group index -> cluster id
    pinned: np.ndarray  # int per row: group index, or FREE
    anchors: np.ndarray  # int per row: group index whose last-run ticket it is (move targets nobody validated), or FREE
    held_out: np.ndarray  # bool per row
    strong: np.ndarray  # bool per group: validated or merged (all its tickets pinned)

    @property
    def fixed(self) -> np.ndarray:
        """Rows a later step must not move: pinned or held out."""
        return (self.pinned != FREE) | self.held_out

    @classmethod
    def of(cls, guidance: Guidance, ticket_ids: list[str]) -> TicketGuidance:
        """Map a review `Guidance` (ticket ids) onto tonight's rows; tickets no longer here are ignored."""
        row_of = {ticket: row for row, ticket in enumerate(ticket_ids)}
        keys = tuple(guidance.pinned)
        pinned = np.full(len(ticket_ids), FREE, dtype=np.int64)
        anchors = np.full(len(ticket_ids), FREE, dtype=np.int64)
        for index, key in enumerate(keys):
            anchors[[row_of[t] for t in guidance.anchors.get(key, ()) if t in row_of]] = index
        for index, key in enumerate(keys):
            pinned[[row_of[t] for t in guidance.pinned[key] if t in row_of]] = index
        held_out = np.zeros(len(ticket_ids), dtype=bool)
        held_out[[row_of[t] for t in guidance.held_out if t in row_of]] = True
        strong = np.array([key in guidance.strong for key in keys], dtype=bool)
        return cls(keys, pinned, anchors, held_out, strong)


@dataclass(frozen=True)
class GuidedLabels:
    clustering: Clustering
    moved: int  # tickets whose cluster the guidance changed


def apply_guidance(clustering: Clustering, vectors: np.ndarray, guide: TicketGuidance, min_cluster_size: int) -> GuidedLabels:
    """Tonight's clustering with every review decision honoured (rules in the module docstring)."""
    before = clustering.labels
    if not len(guide.keys) and not guide.held_out.any():
        return GuidedLabels(clustering, 0)
    labels = before.copy()
    sizes = Counter(before[before != NOISE].tolist())
    homes = _homes(before, guide, sizes)
    fresh = int(before.max(initial=NOISE)) + 1
    for index in range(len(guide.keys)):
        if homes[index] is None:
            homes[index], fresh = fresh, fresh + 1
    pinned = guide.pinned != FREE
    for index, home in homes.items():
        labels[guide.pinned == index] = home
    labels[guide.held_out] = NOISE
    home_labels = set(homes.values())
    unit = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    strength = clustering.probabilities.copy()
    for label, size in sizes.items():
        if label in home_labels:
            continue
        members = before == label
        free = members & ~pinned & ~guide.held_out
        if (members & guide.held_out).sum() * 2 >= size:
            labels[free] = NOISE
        elif (members & pinned).sum() * 2 >= size:
            present = sorted(set(guide.pinned[members & pinned].tolist()))
            centres = np.stack([_centre(unit[guide.pinned == index]) for index in present])
            scores = unit[free] @ centres.T
            choice = scores.argmax(axis=1)
            labels[free] = np.array([homes[present[c]] for c in choice], dtype=np.int64)
            strength[free] = np.clip(scores[np.arange(len(choice)), choice], 0.0, 1.0)
        elif (members & (pinned | guide.held_out)).any() and free.sum() < min_cluster_size:
            labels[free] = NOISE
    strength[pinned] = np.where(labels[pinned] == before[pinned], strength[pinned], 1.0)  # a human put it there
    strength[labels == NOISE] = 0.0
    result = replace(clustering, labels=renumber_by_size(labels), probabilities=strength,
                     reassigned=clustering.reassigned & (labels == before) & ~pinned)
    return GuidedLabels(result, int((labels != before).sum()))


def group_labels(labels: np.ndarray, guide: TicketGuidance) -> dict[int, str]:
    """Tonight's label of each pinned group -> the cluster id it must keep (for the identity step)."""
    claimed: dict[int, str] = {}
    for index, key in enumerate(guide.keys):
        held = Counter(int(label) for label in labels[guide.pinned == index] if label != NOISE).most_common(1)
        if held and held[0][0] not in claimed:
            claimed[held[0][0]] = key
    return claimed


def _homes(before: np.ndarray, guide: TicketGuidance, sizes: Counter) -> dict[int, int | None]:
    """Each group's home label tonight, or None when it needs a cluster of its own (rule 1)."""
    wanted = []
    for index in range(len(guide.keys)):
        rows = (guide.pinned == index) | (guide.anchors == index)
        held = Counter(int(label) for label in before[rows] if label != NOISE).most_common()
        held.sort(key=lambda item: (-item[1], item[0]))
        if not held:
            wanted.append((index, None, 0))
            continue
        label, count = held[0]
        if guide.strong[index] and count * 2 < sizes[label]:
            wanted.append((index, None, count))
        else:
            wanted.append((index, label, count))
    homes: dict[int, int | None] = {}
    taken: set[int] = set()
    for index, label, _ in sorted(wanted, key=lambda item: (-item[2], item[0])):
        homes[index] = label if label is not None and label not in taken else None
        if label is not None:
            taken.add(label)
    return homes


def _centre(rows: np.ndarray) -> np.ndarray:
    mean = rows.mean(axis=0)
    return mean / max(float(np.linalg.norm(mean)), 1e-12)


def umap_targets(guide: TicketGuidance) -> np.ndarray:
    """Labels for a semi-supervised UMAP fit: the group index of each pinned ticket, -1 (unlabelled) for the rest."""
    return np.where(guide.pinned != FREE, guide.pinned, -1)
