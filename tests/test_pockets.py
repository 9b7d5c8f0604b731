"""Recent pockets: found around the new tickets in the embedding space, then gathered into one cluster."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from analyser.config import SignalSettings
from analyser.stages.cluster import NOISE, Clustering
from analyser.stages.signals.pockets import (
    RecentPocket,
    find_recent_pockets,
    gather_pockets,
    gather_recent_pockets,
    nearest_by_cosine,
    pockets_in,
    recent_neighbourhood,
    unplaced,
)

NEWEST = date(2026, 11, 15)


def topic_with_a_pocket(seed: int = 1) -> tuple[np.ndarray, list[date]]:
    """400 old tickets of one recurring topic, 30 recent ones spread like them, then 12 new, tight ones inside the topic."""
    rng = np.random.default_rng(seed)
    topic = rng.normal(size=16)
    old_topic = topic + rng.normal(scale=0.5, size=(400, 16))  # six months of one recurring topic
    old_days = [NEWEST - timedelta(days=14 + i % 160) for i in range(400)]
    spread_recent = topic + rng.normal(scale=0.5, size=(30, 16))  # the topic's own recent tickets, spread like the old ones
    pocket = topic + 0.5 * rng.normal(size=16) + rng.normal(scale=0.05, size=(12, 16))  # new, tight, inside the topic
    vectors = np.vstack([old_topic, spread_recent, pocket]).astype(np.float32)
    days = old_days + [NEWEST - timedelta(days=i % 14) for i in range(30)] + [NEWEST - timedelta(days=i % 5) for i in range(12)]
    return vectors, days


def clustering_of(labels: list[int]) -> Clustering:
    size = len(labels)
    return Clustering(np.array(labels, dtype=np.int64), np.full(size, 0.9), np.zeros(size, dtype=bool), np.zeros((size, 2)))


def test_a_recent_pocket_inside_an_old_cluster_is_found_and_evenly_spread_recent_tickets_are_not() -> None:
    """A new pain that rewords an old topic sits inside the old cluster: around it, almost every neighbour is recent."""
    vectors, days = topic_with_a_pocket()
    customers = [f"C{i}" for i in range(len(days))]
    pockets = find_recent_pockets(days, customers, vectors, SignalSettings())
    assert [p.rows for p in pockets] == [list(range(430, 442))]
    assert pockets[0].recent_share >= 0.6
    assert find_recent_pockets(days[:430], customers[:430], vectors[:430], SignalSettings()) == []  # recent tickets like the old ones
    assert find_recent_pockets(days, customers, vectors, SignalSettings(pocket_min_tickets=13)) == []  # too small to report
    one_customer = customers[:430] + ["K1"] * 12
    assert find_recent_pockets(days, one_customer, vectors, SignalSettings()) == []  # one customer writing 12 times: a repeat


def test_nearest_by_cosine_is_exact_and_excludes_the_ticket_itself() -> None:
    rng = np.random.default_rng(2)
    vectors = rng.normal(size=(300, 8)).astype(np.float32)
    rows = np.array([0, 5, 299])
    found = nearest_by_cosine(vectors, rows, 7, chunk=2)
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    for row, near in zip(rows, found):
        similarity = unit @ unit[row]
        similarity[row] = -np.inf
        assert near.tolist() == np.argsort(-similarity, kind="stable")[:7].tolist()


def test_a_pocket_absorbed_by_an_old_cluster_is_drawn_out_into_a_cluster_of_its_own() -> None:
    vectors, days = topic_with_a_pocket()
    pockets = find_recent_pockets(days, [f"C{i}" for i in range(len(days))], vectors, SignalSettings())
    before = [0] * 442  # the old topic's cluster absorbed the pocket
    gathering = gather_pockets(clustering_of(before), pockets, vectors, home_share=0.5)
    gathered, placed = gathering.clustering, gathering.pockets
    labels = gathered.labels
    assert set(labels[430:].tolist()) == {1} and set(labels[:430].tolist()) == {0}  # renumbered by size: the old topic stays 0
    assert placed[0].label == 1 and placed[0].drawn_from == [(0, 12)]  # drawn out of the cluster now labelled 0
    assert gathering.drawn_out == frozenset({1})  # later runs keep it together
    strengths = gathered.probabilities[430:]
    assert ((strengths > 0.9) & (strengths <= 1.0)).all()  # cosine to the pocket's own centre: tight
    assert (gathered.probabilities[:430] == 0.9).all()  # other tickets keep HDBSCAN's strength


def test_a_pocket_split_over_clusters_and_noise_is_gathered_in_one() -> None:
    rows = list(range(20, 32))
    pocket = RecentPocket(rows, 0.8)
    before = [0] * 10 + [1] * 10 + [2] * 5 + [3] * 4 + [NOISE] * 3  # the pocket: 5 in cluster 2, 4 in cluster 3, 3 noise
    vectors = np.random.default_rng(3).normal(size=(32, 8)).astype(np.float32)
    gathering = gather_pockets(clustering_of(before), [pocket], vectors, home_share=0.5)
    gathered, placed = gathering.clustering, gathering.pockets
    labels = gathered.labels.tolist()
    # cluster 2 is wholly the pocket (5 of its 5 tickets): the strays join it
    assert len(set(labels[20:])) == 1 and labels[20] != NOISE
    assert sorted(labels[:20]) == sorted([labels[0]] * 10 + [labels[10]] * 10) and labels[20] not in labels[:20]
    assert placed[0].label == labels[20]
    assert dict(placed[0].drawn_from) == {labels[20]: 9, NOISE: 3}  # clusters 2 and 3 were wholly the pocket
    assert not gathered.reassigned[20:].any()


def test_a_pocket_that_already_is_its_cluster_keeps_it_and_gathering_off_leaves_labels_alone() -> None:
    rows = list(range(16, 28))
    before = [0] * 16 + [1] * 14  # cluster 1: 14 tickets, 12 of them the pocket
    vectors = np.random.default_rng(4).normal(size=(30, 8)).astype(np.float32)
    gathering = gather_pockets(clustering_of(before), [RecentPocket(rows, 0.7)], vectors, home_share=0.5)
    gathered, placed = gathering.clustering, gathering.pockets
    assert gathering.drawn_out == frozenset()  # the clustering holds it: nothing to follow
    assert gathered.labels.tolist() == before  # nothing moves: the cluster already is the pocket
    assert placed[0].label == 1 and placed[0].drawn_from == [(1, 12)]
    left = unplaced([RecentPocket(rows, 0.7)], np.array(before))
    assert left[0].label is None and left[0].drawn_from == [(1, 12)]
    nothing = gather_pockets(clustering_of(before), [], vectors, home_share=0.5)
    assert nothing.clustering.labels.tolist() == before and nothing.pockets == [] and nothing.drawn_out == frozenset()


def test_a_group_drawn_out_earlier_stays_together_and_takes_its_new_tickets_once_it_is_no_longer_recent() -> None:
    """An issue gathered a month ago: its tickets are old now, so no pocket, but it stays one cluster and grows."""
    rng = np.random.default_rng(5)
    topic = rng.normal(size=16)
    issue = topic + 1.0 * rng.normal(size=16)
    vectors = np.vstack([
        topic + rng.normal(scale=0.5, size=(400, 16)),  # an old recurring topic: rows 0-399
        issue + rng.normal(scale=0.05, size=(20, 16)),  # the issue, gathered by an earlier run: rows 400-419, 20 to 40 days old
        issue + rng.normal(scale=0.05, size=(4, 16)),  # four new tickets of the issue: rows 420-423, too few for a pocket
        topic + rng.normal(scale=0.5, size=(30, 16)),  # the old topic's recent tickets: rows 424-453
    ]).astype(np.float32)
    days = ([NEWEST - timedelta(days=14 + i % 160) for i in range(400)] + [NEWEST - timedelta(days=20 + i) for i in range(20)]
            + [NEWEST - timedelta(days=i) for i in range(4)] + [NEWEST - timedelta(days=i % 14) for i in range(30)])
    settings = SignalSettings()
    hood = recent_neighbourhood(days, vectors, settings)
    assert pockets_in(hood, [f"C{i}" for i in range(len(days))], settings) == []
    before = [0] * len(days)  # the clustering puts everything in the old topic again
    followed = [list(range(400, 420))]
    gathering = gather_pockets(clustering_of(before), [], vectors, 0.5, followed=followed, hood=hood)
    labels = gathering.clustering.labels
    assert set(labels[400:424].tolist()) == {1} and set(labels[:400].tolist()) == set(labels[424:].tolist()) == {0}
    assert gathering.drawn_out == frozenset({1})
    assert [group.rows.tolist() for group in gathering.groups] == [list(range(400, 424))]  # and the next run follows it again
    # a pocket overlapping the followed group joins it instead of making a second cluster
    pocket = RecentPocket([418, 419, *range(424, 430)], 0.7)
    merged = gather_pockets(clustering_of(before), [pocket], vectors, 0.5, followed=followed, hood=hood)
    assert set(merged.clustering.labels[[*range(400, 424), *range(424, 430)]].tolist()) == {1}
    assert merged.pockets[0].label == 1 and merged.drawn_out == frozenset({1})


def test_a_followed_group_is_followed_while_active_even_when_the_clustering_holds_it_and_released_once_quiet() -> None:
    vectors, days = topic_with_a_pocket()
    settings = SignalSettings()
    hood = recent_neighbourhood(days, vectors, settings)
    issue = list(range(430, 442))  # recent: active
    held = [0] * 430 + [1] * 12  # tonight the clustering holds the issue on its own
    gathering = gather_pockets(clustering_of(held), [], vectors, 0.5, followed=[issue], hood=hood)
    assert gathering.clustering.labels.tolist() == held
    [group] = gathering.groups
    assert group.rows.tolist() == issue and group.label == 1 and not group.drawn_out  # followed again tomorrow, not badged
    quiet = list(range(0, 12))  # twelve old tickets of the topic: none recent, no recent ticket is mostly their neighbour
    released = gather_pockets(clustering_of([0] * 442), [], vectors, 0.5, followed=[quiet], hood=hood)
    assert released.groups == [] and released.clustering.labels.tolist() == [0] * 442


def test_with_too_little_history_no_pocket_is_found_by_chance() -> None:
    """Issue 12: on a first export of 35 days, 40 % of the tickets are recent; pockets would be chance, so none is raised."""
    vectors, days = topic_with_a_pocket()
    customers = [f"C{i}" for i in range(len(days))]
    ids = [f"T{i}" for i in range(len(days))]
    clustering = clustering_of([0] * len(days))
    assert gather_recent_pockets(clustering, ids, days, customers, vectors, [], SignalSettings()).pockets  # 174 days: found
    short = [max(day, NEWEST - timedelta(days=34)) for day in days]  # the same tickets squeezed into 35 days
    assert gather_recent_pockets(clustering, ids, short, customers, vectors, [], SignalSettings()).pockets == []
    assert gather_recent_pockets(clustering, ids, short, customers, vectors, [], SignalSettings(min_history_days=30)).pockets
