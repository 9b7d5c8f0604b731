"""Clustering core on synthetic vectors whose true groups are known."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import normalized_mutual_info_score

from analyser.config import ClusteringSettings
from analyser.stages.cluster import NOISE, label_tickets, merge_close_clusters, reassign_noise, renumber_by_size
from analyser.stages.describe import cluster_keywords, representatives
from analyser.stages.reduce import Reduction, apply_reduction, fit_reduction, needs_refit


def blobs(groups: int, per_group: int, dimension: int = 64, spread: float = 0.15, seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(groups, dimension))
    labels = np.repeat(np.arange(groups), per_group)
    noise = rng.normal(scale=spread, size=(len(labels), dimension)) / np.sqrt(dimension)
    vectors = centres[labels] / np.linalg.norm(centres[labels], axis=1, keepdims=True) + noise
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32), labels


def test_well_separated_groups_are_found_with_a_layout() -> None:
    vectors, truth = blobs(groups=8, per_group=40)
    settings = ClusteringSettings()
    _, reduced, layout = fit_reduction(vectors, settings, key="test")
    result = label_tickets(reduced, vectors, layout, settings)
    assert normalized_mutual_info_score(truth, result.labels) > 0.9
    assert result.layout.shape == (len(vectors), 2) and np.isfinite(result.layout).all()
    assert ((result.probabilities >= 0) & (result.probabilities <= 1)).all()
    assert result.cluster_labels == list(range(len(result.cluster_labels)))


def test_clusters_with_near_identical_centroids_are_merged() -> None:
    vectors, truth = blobs(groups=3, per_group=20)
    split_in_two = truth.copy()
    split_in_two[(truth == 0) & (np.arange(len(truth)) % 2 == 0)] = 7  # one true group cut in half
    merged = merge_close_clusters(split_in_two, vectors, threshold=0.9)
    assert len(set(merged.tolist())) == 3
    assert normalized_mutual_info_score(truth, merged) == 1.0


def test_noise_joins_its_nearest_cluster_only_when_close_enough() -> None:
    vectors, truth = blobs(groups=2, per_group=20)
    labels = truth.copy()
    labels[[0, 25]] = NOISE
    far = np.zeros((1, vectors.shape[1]), dtype=np.float32)
    far[0, 0] = 1.0
    all_vectors = np.vstack([vectors, far])
    all_labels = np.append(labels, NOISE)
    result, reassigned, similarity = reassign_noise(all_labels, all_vectors, threshold=0.5)
    assert result[0] == truth[0] and result[25] == truth[25]
    assert result[-1] == NOISE and not reassigned[-1]
    assert reassigned[[0, 25]].all() and (similarity[[0, 25]] >= 0.5).all()


def test_labels_are_numbered_by_size() -> None:
    assert renumber_by_size(np.array([5, 5, NOISE, 2, 2, 2, 9])).tolist() == [1, 1, NOISE, 0, 0, 0, 2]


def test_keywords_say_what_a_cluster_is_about_without_filler_or_placeholders() -> None:
    texts = [
        "Bonjour, prélèvement en double sur mon compte <NAME>, merci de me rembourser",
        "prélèvement en double ce mois ci, remboursement svp",
        "Encore un prélèvement en double !! Cordialement",
        "la dépanneuse est arrivée avec trois heures de retard",
        "dépanneuse en retard, pas de véhicule de remplacement",
        "Bonjour, la dépanneuse n'est jamais venue, merci",
    ]
    keywords = cluster_keywords(texts, np.array([0, 0, 0, 1, 1, 1]), top_n=5)
    assert "prélèvement double" in keywords[0] or "prélèvement" in keywords[0]
    assert any("dépanneuse" in word for word in keywords[1])
    every = {word for words in keywords.values() for word in words}
    assert not every & {"bonjour", "merci", "cordialement", "svp", "name"}


def test_representatives_are_central_and_not_duplicates() -> None:
    vectors, truth = blobs(groups=2, per_group=30)
    texts = [f"ticket {index % 12}" for index in range(len(truth))]  # many identical texts
    chosen = representatives(truth, vectors, texts, count=5)
    for label, indices in chosen.items():
        assert len(indices) == 5 and all(truth[index] == label for index in indices)
        assert len({texts[index] for index in indices}) == 5


def test_a_stored_fit_maps_new_tickets_next_to_their_group_and_survives_pickling() -> None:
    vectors, truth = blobs(groups=4, per_group=40)
    settings = ClusteringSettings(fit_sample=120)  # fit on a sample, map the rest
    reduction, reduced, layout = fit_reduction(vectors[:150], settings, key="k")
    restored = Reduction.from_bytes(reduction.to_bytes())
    new_reduced, new_layout = apply_reduction(restored, vectors[150:])
    assert new_reduced.shape == (10, settings.umap_components) and new_layout.shape == (10, 2)
    centres = {label: reduced[:150][truth[:150] == label].mean(axis=0) for label in range(4)}
    nearest = [min(centres, key=lambda label: np.linalg.norm(point - centres[label])) for point in new_reduced]
    assert nearest == truth[150:].tolist()


def test_refit_policy() -> None:
    vectors, _ = blobs(groups=2, per_group=20)
    reduction, _, _ = fit_reduction(vectors, ClusteringSettings(), key="k")
    assert needs_refit(None, "k", 0, 100, 0.2)
    assert needs_refit(reduction, "other settings", 0, 100, 0.2)
    assert not needs_refit(reduction, "k", 20, 100, 0.2)
    assert needs_refit(reduction, "k", 21, 100, 0.2)
