"""Cluster ids survive nightly re-clustering, so human reviews keep following the same cluster."""

from __future__ import annotations

import numpy as np

from analyser.config import IdentitySettings
from analyser.stages.identity import (
    IdentityResult,
    LineageEvent,
    NewCluster,
    PreviousCluster,
    assign_identities,
    lineage_counts,
    next_cluster_ids,
)

DIM = 32


def random_unit_vectors(count: int, seed: int) -> np.ndarray:
    vectors = np.random.default_rng(seed).normal(size=(count, DIM))
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def basis(k: int) -> np.ndarray:
    vector = np.zeros(DIM)
    vector[k] = 1.0
    return vector


def unit(vector: np.ndarray) -> np.ndarray:
    return vector / np.linalg.norm(vector)


def ticket_ids(prefix: str, count: int) -> list[str]:
    return [f"{prefix}-{k:04d}" for k in range(count)]


def old(cluster_id: str, tickets: list[str], centroid: np.ndarray) -> PreviousCluster:
    return PreviousCluster(cluster_id=cluster_id, ticket_ids=frozenset(tickets), centroid=centroid)


def new(label: int, tickets: list[str], centroid: np.ndarray) -> NewCluster:
    return NewCluster(label=label, ticket_ids=frozenset(tickets), centroid=centroid)


def events_of(result: IdentityResult, cluster_id: str) -> list[LineageEvent]:
    return [e for e in result.events if e.cluster_id == cluster_id]


def counts(continued: int = 0, new: int = 0, split: int = 0, merged: int = 0, vanished: int = 0) -> dict[str, int]:
    return {"continued": continued, "new": new, "split": split, "merged": merged, "vanished": vanished}


def test_first_run_numbers_clusters_by_decreasing_size() -> None:
    centroids = random_unit_vectors(5, seed=1)
    sizes = [5, 30, 12, 30, 1]
    current = [new(label, ticket_ids(f"t{label}", size), centroids[label]) for label, size in enumerate(sizes)]

    result = assign_identities([], current, existing_ids=[])

    # Equal sizes (labels 1 and 3) are broken by label so a rerun numbers them the same way.
    assert result.stable_ids == {1: "C0001", 3: "C0002", 2: "C0003", 0: "C0004", 4: "C0005"}
    assert {e.event for e in result.events} == {"new"}
    assert lineage_counts(result.events) == counts(new=5)


def test_same_clustering_with_permuted_labels_keeps_every_id() -> None:
    centroids = random_unit_vectors(10, seed=2)
    groups = [ticket_ids(f"g{k}", 10 + 7 * k) for k in range(10)]
    previous = [old(f"C{k + 1:04d}", groups[k], centroids[k]) for k in range(10)]
    permutation = np.random.default_rng(3).permutation(10)
    current = [new(int(permutation[k]), groups[k], centroids[k]) for k in range(10)]

    result = assign_identities(previous, current, existing_ids=[c.cluster_id for c in previous])

    assert result.stable_ids == {int(permutation[k]): f"C{k + 1:04d}" for k in range(10)}
    assert lineage_counts(result.events) == counts(continued=10)


def drifted_night(seed: int) -> tuple[list[PreviousCluster], list[NewCluster], frozenset[str]]:
    """40 clusters, then a night with 5 % new tickets and 2 % of tickets moved, labels shuffled."""
    rng = np.random.default_rng(seed)
    centroids = random_unit_vectors(40, seed=seed)
    groups = [ticket_ids(f"g{k}", int(rng.integers(20, 200))) for k in range(40)]
    previous = [old(f"C{k + 1:04d}", groups[k], centroids[k]) for k in range(40)]

    members = [set(g) for g in groups]
    total = sum(len(g) for g in groups)
    for n, k in enumerate(rng.integers(0, 40, size=total * 5 // 100)):
        members[k].add(f"fresh-{n:05d}")
    all_old = sorted(t for g in groups for t in g)
    for ticket in rng.choice(all_old, size=total * 2 // 100, replace=False):
        source = next(k for k, m in enumerate(members) if ticket in m)
        members[source].discard(ticket)
        members[(source + int(rng.integers(1, 40))) % 40].add(str(ticket))

    labels = rng.permutation(40)
    drift = rng.normal(scale=0.05, size=(40, DIM))
    current = [new(int(labels[k]), sorted(members[k]), unit(centroids[k] + drift[k])) for k in range(40)]
    return previous, current, frozenset(t for m in members for t in m)


def test_small_nightly_drift_keeps_at_least_95_percent_of_ids() -> None:
    previous, current, live_tickets = drifted_night(seed=4)
    truth = {c.label: previous[k].cluster_id for k, c in enumerate(current)}

    result = assign_identities(previous, current, existing_ids=[c.cluster_id for c in previous], current_ticket_ids=live_tickets)

    kept = sum(result.stable_ids[label] == cluster_id for label, cluster_id in truth.items())
    assert kept >= 0.95 * len(truth)
    assert lineage_counts(result.events)["continued"] == kept


def test_result_does_not_depend_on_input_order() -> None:
    previous, current, live_tickets = drifted_night(seed=5)
    existing = [c.cluster_id for c in previous]
    shuffle = np.random.default_rng(6).permutation

    first = assign_identities(previous, current, existing_ids=existing, current_ticket_ids=live_tickets)
    again = assign_identities(
        [previous[k] for k in shuffle(40)],
        [current[k] for k in shuffle(40)],
        existing_ids=reversed(existing),
        current_ticket_ids=live_tickets,
    )

    assert again == first


def test_on_a_split_the_bigger_child_keeps_the_id_and_the_smaller_is_flagged() -> None:
    centroid_x, centroid_y = random_unit_vectors(2, seed=7)
    x, y = ticket_ids("x", 100), ticket_ids("y", 50)
    previous = [old("C0001", y, centroid_y), old("C0003", x, centroid_x)]
    nudge = random_unit_vectors(2, seed=8) * 0.1
    current = [new(0, x[70:], unit(centroid_x + nudge[0])), new(1, x[:70], unit(centroid_x + nudge[1])), new(2, y, centroid_y)]

    # C0004 and C0005 belonged to clusters gone earlier: the split child must not take them.
    result = assign_identities(previous, current, existing_ids=["C0001", "C0003", "C0004", "C0005"])

    assert result.stable_ids == {0: "C0006", 1: "C0003", 2: "C0001"}
    assert events_of(result, "C0003") == [LineageEvent("C0003", "continued", ("C0003",), 70)]
    assert events_of(result, "C0006") == [LineageEvent("C0006", "split", ("C0003",), 30)]
    assert lineage_counts(result.events) == counts(continued=2, split=1)


def test_on_a_merge_the_bigger_id_survives_and_the_absorbed_id_is_retired() -> None:
    centroid_a, centroid_b, centroid_z = random_unit_vectors(3, seed=9)
    a, b, z = ticket_ids("a", 60), ticket_ids("b", 40), ticket_ids("z", 25)
    previous = [old("C0001", a, centroid_a), old("C0002", b, centroid_b)]
    current = [new(0, a + b, unit(0.6 * centroid_a + 0.4 * centroid_b)), new(1, z, centroid_z)]

    result = assign_identities(previous, current, existing_ids=["C0001", "C0002"])

    assert result.stable_ids == {0: "C0001", 1: "C0003"}
    assert LineageEvent("C0001", "merged", ("C0002",), 40) in result.events
    assert events_of(result, "C0002") == [LineageEvent("C0002", "merged_into", ("C0001",), 40)]
    assert lineage_counts(result.events) == counts(continued=1, new=1, merged=1)

    next_night = assign_identities(
        [old("C0001", a + b, current[0].centroid), old("C0003", z, centroid_z)],
        [new(0, a + b, current[0].centroid), new(1, z, centroid_z), new(2, ticket_ids("w", 10), basis(0))],
        existing_ids=["C0001", "C0002", "C0003"],
    )
    assert next_night.stable_ids == {0: "C0001", 1: "C0003", 2: "C0004"}


def test_a_vanished_cluster_and_a_brand_new_one_in_the_same_run() -> None:
    centroid_x, centroid_y, centroid_z = random_unit_vectors(3, seed=10)
    x, y, z = ticket_ids("x", 40), ticket_ids("y", 50), ticket_ids("z", 30)
    previous = [old("C0001", x, centroid_x), old("C0002", y, centroid_y)]
    # x's tickets still exist but no longer form a cluster (noise tonight).
    current = [new(0, z, centroid_z), new(1, y, centroid_y)]

    result = assign_identities(previous, current, existing_ids=["C0001", "C0002"])

    assert result.stable_ids == {0: "C0003", 1: "C0002"}
    assert events_of(result, "C0001") == [LineageEvent("C0001", "vanished", (), 0)]
    assert events_of(result, "C0003") == [LineageEvent("C0003", "new", (), 0)]
    assert lineage_counts(result.events) == counts(continued=1, new=1, vanished=1)


def test_an_inadmissible_pair_is_never_matched_even_as_the_only_option() -> None:
    x = ticket_ids("x", 200)
    previous = [old("C0001", x, basis(0))]
    current = [new(0, x[:1] + ticket_ids("n", 199), basis(1))]

    result = assign_identities(previous, current, existing_ids=["C0001"])

    assert result.stable_ids == {0: "C0002"}
    assert lineage_counts(result.events) == counts(new=1, vanished=1)


def test_close_centroids_let_a_cluster_continue_despite_low_overlap_but_not_without_shared_tickets() -> None:
    x = ticket_ids("x", 100)
    previous = [old("C0001", x, basis(0))]
    close = unit(basis(0) + 0.3 * basis(1))  # cosine 0.96

    # Jaccard 15 / 185 is far below 0.2; the close centroid and shared tickets carry the match.
    low_overlap = assign_identities(previous, [new(0, x[:15] + ticket_ids("n", 85), close)], existing_ids=["C0001"])
    no_overlap = assign_identities(previous, [new(0, ticket_ids("n", 100), basis(0))], existing_ids=["C0001"])

    assert low_overlap.stable_ids == {0: "C0001"}
    assert no_overlap.stable_ids == {0: "C0002"}


def test_deleted_tickets_do_not_count_against_a_cluster() -> None:
    x, fresh = ticket_ids("x", 100), ticket_ids("n", 60)
    previous = [old("C0001", x, basis(0))]
    current = [new(0, x[70:] + fresh, basis(1))]  # orthogonal: only the ticket overlap decides
    live = frozenset(x[70:] + fresh)

    # With the 70 deleted tickets ignored, Jaccard is 30 / 90; counting them it would be 30 / 160 < 0.2.
    kept = assign_identities(previous, current, existing_ids=["C0001"], current_ticket_ids=live)
    stale = assign_identities(previous, current, existing_ids=["C0001"])

    assert kept.stable_ids == {0: "C0001"}
    assert stale.stable_ids == {0: "C0002"}


def test_optimal_assignment_beats_first_come_matching() -> None:
    x, y = ticket_ids("x", 100), ticket_ids("y", 100)
    previous = [old("C0001", x, basis(0)), old("C0002", y, basis(1))]
    mixed = new(0, x[:50] + y[:55], unit(basis(0) + basis(1)))
    current = [mixed, new(1, x[50:], basis(0)), new(2, y[55:], basis(1))]

    result = assign_identities(previous, current, existing_ids=["C0001", "C0002"])

    # Label order first-come: the mixed cluster 0 takes C0002 (Jaccard 0.37 > 0.32), 1 takes C0001 and
    # cluster 2 is left out: total 0.87 + tie-breakers. Optimal: 1 -> C0001 (0.5), 2 -> C0002 (0.45).
    assert result.stable_ids == {0: "C0003", 1: "C0001", 2: "C0002"}
    assert events_of(result, "C0003") == [LineageEvent("C0003", "split", ("C0002",), 55)]
    assert lineage_counts(result.events) == counts(continued=2, split=1)


def test_a_strong_match_is_not_traded_for_two_weaker_ones() -> None:
    x, y = ticket_ids("x", 100), ticket_ids("y", 50)
    previous = [old("C0001", x, basis(0)), old("C0002", y, basis(1))]
    # Cluster 0 holds 75 % of x (Jaccard 0.63) and 20 of y's tickets with a centroid close to y's
    # (admissible via cosine 0.87). Matching it to y and cluster 1 to x would match more clusters
    # but score less in total, and would hand x's reviews to the smaller child.
    current = [new(0, x[:75] + y[:20], unit(0.5 * basis(0) + 0.9 * basis(1))), new(1, x[75:], basis(0))]

    result = assign_identities(previous, current, existing_ids=["C0001", "C0002"])

    assert result.stable_ids == {0: "C0001", 1: "C0003"}
    assert events_of(result, "C0003") == [LineageEvent("C0003", "split", ("C0001",), 25)]
    assert events_of(result, "C0002") == [LineageEvent("C0002", "vanished", (), 0)]


def test_stricter_settings_turn_a_continuation_into_a_new_cluster() -> None:
    x = ticket_ids("x", 100)
    previous = [old("C0001", x, basis(0))]
    current = [new(0, x[:30] + ticket_ids("n", 30), basis(1))]  # Jaccard 30 / 130

    default = assign_identities(previous, current, existing_ids=["C0001"])
    strict = assign_identities(previous, current, existing_ids=["C0001"], settings=IdentitySettings(min_jaccard=0.5))

    assert default.stable_ids == {0: "C0001"}
    assert strict.stable_ids == {0: "C0002"}
    assert lineage_counts(strict.events) == counts(split=1, vanished=1)


def test_fresh_ids_follow_the_largest_ever_issued() -> None:
    assert next_cluster_ids([], 3) == ["C0001", "C0002", "C0003"]
    assert next_cluster_ids(["C0002", "C0009", "C0004"], 2) == ["C0010", "C0011"]
    assert next_cluster_ids(["C9999"], 1) == ["C10000"]
    assert next_cluster_ids(["C0003", "manual-7"], 0) == []
