"""Suggestions that make review fast (pure): the clusters most like one cluster, as merge candidates, and
its members least like it, as tickets to look at (and move, once moving lands).

Similarity is the cosine of the clusters' centroids in the embedding space (stored per run in
`clusters.centroid`); shared keywords are shown beside it so a reviewer sees why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class MergeSuggestion:
    cluster_id: str
    similarity: float  # cosine of the centroids, -1 to 1
    shared_keywords: tuple[str, ...]


def merge_suggestions(
    cluster_id: str, cluster_ids: Sequence[str], centroids: np.ndarray, keywords: Sequence[Sequence[str]], top: int = 3,
) -> list[MergeSuggestion]:
    """The `top` other clusters whose centroid is closest to `cluster_id`'s (ties: more shared keywords, then id)."""
    if cluster_id not in cluster_ids or len(cluster_ids) < 2:
        return []
    unit = centroids / np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12)
    index = list(cluster_ids).index(cluster_id)
    similarity = unit @ unit[index]
    own = set(keywords[index])
    candidates = [
        MergeSuggestion(other, float(similarity[i]), tuple(word for word in keywords[i] if word in own))
        for i, other in enumerate(cluster_ids) if i != index
    ]
    candidates.sort(key=lambda s: (-round(s.similarity, 6), -len(s.shared_keywords), s.cluster_id))
    return candidates[:top]
