"""Clustering core: HDBSCAN on reduced vectors, merging near-duplicate clusters, noise reassignment.

Pure functions over numpy arrays (the reduction itself is in `reduce.py`). The same inputs and
settings give the same labels.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from analyser.config import ClusteringSettings

NOISE = -1


@dataclass(frozen=True)
class Clustering:
    """Labels per ticket (NOISE for unclustered) and what the human needs to trust them."""

    labels: np.ndarray  # int, final (after merge and reassignment)
    probabilities: np.ndarray  # float in [0, 1]: HDBSCAN membership, or similarity for reassigned tickets
    reassigned: np.ndarray  # bool: noise moved to its nearest cluster
    layout: np.ndarray  # (n, 2) map coordinates

    @property
    def cluster_labels(self) -> list[int]:
        return sorted(int(label) for label in np.unique(self.labels) if label != NOISE)


def hdbscan_labels(reduced: np.ndarray, settings: ClusteringSettings) -> tuple[np.ndarray, np.ndarray]:
    """Density clusters in the reduced space: labels (NOISE for outliers) and membership strengths."""
    import hdbscan

    if len(reduced) < settings.min_cluster_size:
        return np.full(len(reduced), NOISE), np.zeros(len(reduced))
    model = hdbscan.HDBSCAN(
        min_cluster_size=settings.min_cluster_size,
        min_samples=settings.min_samples,
        cluster_selection_method=settings.selection_method,
        cluster_selection_epsilon=settings.selection_epsilon,
        core_dist_n_jobs=1,
    )
    labels = model.fit_predict(reduced)
    return labels.astype(np.int64), np.nan_to_num(model.probabilities_.astype(np.float64))


def centroids(labels: np.ndarray, vectors: np.ndarray) -> dict[int, np.ndarray]:
    """Unit-length mean vector of each cluster."""
    result = {}
    for label in np.unique(labels):
        if label == NOISE:
            continue
        mean = vectors[labels == label].mean(axis=0)
        result[int(label)] = mean / max(np.linalg.norm(mean), 1e-12)
    return result


def merge_close_clusters(labels: np.ndarray, vectors: np.ndarray, threshold: float) -> np.ndarray:
    """Merge clusters whose centroids are more similar than `threshold` (single linkage), then renumber by size."""
    merged = labels.copy()
    while True:
        centres = centroids(merged, vectors)
        keys = sorted(centres)
        if len(keys) < 2:
            break
        matrix = np.stack([centres[key] for key in keys])
        similarity = matrix @ matrix.T
        np.fill_diagonal(similarity, -1.0)
        i, j = np.unravel_index(np.argmax(similarity), similarity.shape)
        if similarity[i, j] < threshold:
            break
        merged[merged == keys[j]] = keys[i]
    return renumber_by_size(merged)


def reassign_noise(
    labels: np.ndarray, vectors: np.ndarray, threshold: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Give each noise ticket to its nearest cluster centroid when the cosine reaches `threshold`.

    Returns (labels, reassigned mask, similarity to the chosen centroid, 0 where not reassigned).
    """
    result = labels.copy()
    reassigned = np.zeros(len(labels), dtype=bool)
    similarity = np.zeros(len(labels), dtype=np.float64)
    centres = centroids(labels, vectors)
    noise = np.flatnonzero(labels == NOISE)
    if not centres or len(noise) == 0:
        return result, reassigned, similarity
    keys = np.array(sorted(centres))
    matrix = np.stack([centres[key] for key in keys])
    scores = vectors[noise] @ matrix.T
    best = scores.argmax(axis=1)
    best_score = scores[np.arange(len(noise)), best]
    accept = best_score >= threshold
    result[noise[accept]] = keys[best[accept]]
    reassigned[noise[accept]] = True
    similarity[noise[accept]] = best_score[accept]
    return result, reassigned, similarity


def renumber_by_size(labels: np.ndarray) -> np.ndarray:
    """Labels 0..k-1 by decreasing size (ties by old label), noise kept; makes output order deterministic."""
    values, counts = np.unique(labels[labels != NOISE], return_counts=True)
    order = sorted(zip(values.tolist(), counts.tolist()), key=lambda item: (-item[1], item[0]))
    mapping = {old: new for new, (old, _) in enumerate(order)}
    return np.array([mapping.get(int(label), NOISE) for label in labels], dtype=np.int64)


def pca_2d(vectors: np.ndarray) -> np.ndarray:
    """A plain 2-D projection, for inputs too small for UMAP."""
    if len(vectors) < 2:
        return np.zeros((len(vectors), 2), dtype=np.float32)
    centred = vectors - vectors.mean(axis=0)
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    projected = centred @ components[:2].T
    return np.pad(projected, ((0, 0), (0, 2 - projected.shape[1]))).astype(np.float32)


def label_tickets(reduced: np.ndarray, vectors: np.ndarray, layout: np.ndarray, settings: ClusteringSettings) -> Clustering:
    """HDBSCAN in the reduced space, then merge near-duplicate clusters and reassign confident noise."""
    if len(vectors) < 2 * settings.min_cluster_size:  # too few tickets to find any group: all unclustered
        size = len(vectors)
        return Clustering(np.full(size, NOISE, dtype=np.int64), np.zeros(size), np.zeros(size, dtype=bool), layout)
    labels, probabilities = hdbscan_labels(reduced, settings)
    if settings.merge_similarity is not None:
        labels = merge_close_clusters(labels, vectors, settings.merge_similarity)
    else:
        labels = renumber_by_size(labels)
    labels, reassigned, similarity = reassign_noise(labels, vectors, settings.reassign_similarity)
    probabilities = np.where(reassigned, similarity, probabilities)
    probabilities = np.where(labels == NOISE, 0.0, probabilities)
    return Clustering(labels, probabilities, reassigned, layout)
