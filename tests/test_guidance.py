"""Guided clustering: review decisions become constraints on the next run (analyser/review/guidance.py,
analyser/stages/guide.py), on small arrays, through the review service and the CLI, and through the real pipeline."""

from __future__ import annotations

import numpy as np
import pytest

from analyser.review.guidance import Guidance
from analyser.stages.cluster import NOISE, Clustering
from analyser.stages.guide import TicketGuidance, apply_guidance, group_labels, umap_targets
from analyser.stages.identity import NewCluster, PreviousCluster, assign_identities
from analyser.stages.reduce import Reduction, needs_refit

IDS = [f"T{i:03d}" for i in range(150)]


def blobs(sizes: list[int], seed: int = 0) -> np.ndarray:
    """Tight groups of unit vectors, one axis each."""
    rng = np.random.default_rng(seed)
    return np.vstack([np.eye(8)[index] + 0.05 * rng.standard_normal((size, 8)) for index, size in enumerate(sizes)])


def clustering(labels: list[int] | np.ndarray) -> Clustering:
    labels = np.asarray(labels, dtype=np.int64)
    return Clustering(labels, np.full(len(labels), 0.8), np.zeros(len(labels), dtype=bool), np.zeros((len(labels), 2)))


def guided(labels: np.ndarray, guidance: Guidance, vectors: np.ndarray, ids: list[str] = IDS) -> tuple[np.ndarray, TicketGuidance]:
    guide = TicketGuidance.of(guidance, ids[: len(labels)])
    return apply_guidance(clustering(labels), vectors, guide, min_cluster_size=5).clustering.labels, guide


def same_partition(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether two labelings group the rows the same way (label numbers may differ)."""
    return len(set(zip(a.tolist(), b.tolist()))) == len(set(a.tolist())) == len(set(b.tolist()))


def test_a_validated_cluster_that_the_clustering_splits_stays_one_cluster() -> None:
    vectors = blobs([30, 30, 30])
    tonight = np.repeat([0, 1, 2], 30)
    tonight[15:30] = 3  # tonight's clustering cut the validated cluster (rows 0-29) in two
    validated = Guidance(pinned={"C0007": frozenset(IDS[:28])}, strong=frozenset({"C0007"}))
    labels, guide = guided(tonight, validated, vectors)
    assert len(set(labels[:30].tolist())) == 1  # its 28 tickets and the 2 new ones next to them
    assert same_partition(labels[30:], tonight[30:])  # the others as the clustering made them
    assert group_labels(labels, guide) == {int(labels[0]): "C0007"}


def test_merged_clusters_come_out_as_one_cluster_that_keeps_the_target_id() -> None:
    vectors = blobs([30, 30, 30])
    tonight = np.repeat([0, 1, 2], 30)
    merged = Guidance(pinned={"C0002": frozenset(IDS[:60])}, strong=frozenset({"C0002"}))  # C0001 merged into C0002
    labels, guide = guided(tonight, merged, vectors)
    assert len(set(labels[:60].tolist())) == 1 and labels[60] != labels[0]
    previous = [PreviousCluster("C0001", frozenset(IDS[:35]), vectors[:30].mean(axis=0)),  # the bigger one, by tickets
                PreviousCluster("C0002", frozenset(IDS[35:60]), vectors[30:60].mean(axis=0)),
                PreviousCluster("C0003", frozenset(IDS[60:90]), vectors[60:90].mean(axis=0))]
    ids = np.array(IDS[:90])
    current = [NewCluster(label, frozenset(ids[labels == label].tolist()), vectors[labels == label].mean(axis=0))
               for label in sorted(set(labels.tolist()))]
    unguided = assign_identities(previous, current, existing_ids=["C0003"])
    assert unguided.stable_ids[int(labels[0])] == "C0001"  # overlap alone would hand the merge target's id away
    result = assign_identities(previous, current, existing_ids=["C0003"], claimed=group_labels(labels, guide))
    assert result.stable_ids[int(labels[0])] == "C0002"
    assert result.stable_ids[int(labels[60])] == "C0003"
    assert ("C0001", "merged_into", ("C0002",)) in {(e.cluster_id, e.event, e.related_ids) for e in result.events}


def test_held_out_tickets_stay_unclustered_and_a_cluster_made_of_them_does_not_form_again() -> None:
    vectors = blobs([30, 30, 30])
    tonight = np.repeat([0, 1, 2], 30)
    rejected = Guidance(held_out=frozenset(IDS[30:50]))  # 20 of the 30 tickets of tonight's cluster 1
    labels, _ = guided(tonight, rejected, vectors)
    assert (labels[30:60] == NOISE).all()  # the 10 new ones go with them
    assert same_partition(labels[[*range(30), *range(60, 90)]], tonight[[*range(30), *range(60, 90)]])


def test_moved_tickets_stay_moved_and_join_the_cluster_where_their_target_lives() -> None:
    vectors = blobs([30, 30, 30])
    tonight = np.repeat([0, 1, 2], 30)
    moves = Guidance(
        pinned={"C0003": frozenset([IDS[0], IDS[1]])},  # two tickets of cluster 0 moved to C0003 (nobody validated it)
        anchors={"C0003": frozenset(IDS[60:90])},  # C0003's tickets of the last run: tonight's cluster 2
        held_out=frozenset([IDS[2]]),  # one moved to unclustered
    )
    labels, _ = guided(tonight, moves, vectors)
    assert labels[0] == labels[1] == labels[60] and labels[2] == NOISE
    assert len(set(labels[3:30].tolist())) == 1 and labels[3] != labels[60]  # the rest of cluster 0 stays together


def test_clusters_nobody_reviewed_are_left_as_the_clustering_made_them() -> None:
    vectors = blobs([30, 30, 30, 30, 2])
    tonight = np.array([*np.repeat([0, 1, 2, 3], 30), NOISE, NOISE])
    decisions = Guidance(pinned={"C0001": frozenset(IDS[:30])}, strong=frozenset({"C0001"}), held_out=frozenset(IDS[30:60]))
    labels, _ = guided(tonight, decisions, vectors)
    untouched = np.r_[60:122]
    assert same_partition(labels[untouched], tonight[untouched])
    assert (labels[120:] == NOISE).all()


def test_a_validated_cluster_mixed_into_a_larger_unreviewed_one_is_drawn_out_without_taking_it() -> None:
    vectors = blobs([20, 60])
    tonight = np.zeros(80, dtype=np.int64)  # tonight's clustering lumped the validated 20 with 60 unreviewed tickets
    validated = Guidance(pinned={"C0004": frozenset(IDS[:20])}, strong=frozenset({"C0004"}))
    labels, guide = guided(tonight, validated, vectors)
    assert len(set(labels[:20].tolist())) == 1 and len(set(labels[20:].tolist())) == 1 and labels[0] != labels[20]
    assert group_labels(labels, guide) == {int(labels[0]): "C0004"}


def test_no_decision_changes_nothing() -> None:
    vectors = blobs([30, 30])
    before = clustering(np.repeat([0, 1], 30))
    result = apply_guidance(before, vectors, TicketGuidance.of(Guidance(), IDS[:60]), min_cluster_size=5)
    assert result.clustering is before and result.moved == 0


def test_umap_targets_and_refits_follow_the_reviewed_tickets() -> None:
    guide = TicketGuidance.of(Guidance(pinned={"C1": frozenset(IDS[:3]), "C2": frozenset(IDS[5:6])}), IDS[:8])
    assert umap_targets(guide).tolist() == [0, 0, 0, -1, -1, 1, -1, -1]
    fit = Reduction("key", None, None, guided=100, guided_weight=0.5)
    assert not needs_refit(fit, "key", unseen=0, total=1000, refit_new_share=0.2, guided=900, guided_weight=0.5)  # decisions alone
    assert needs_refit(fit, "key", unseen=201, total=1000, refit_new_share=0.2, guided=100, guided_weight=0.5)
    assert needs_refit(fit, "key", unseen=0, total=1000, refit_new_share=0.2, guided=100, guided_weight=0.9)
    assert Reduction.from_bytes(fit.to_bytes()).guided == 100


def test_a_guided_umap_fit_is_told_the_reviewed_groups() -> None:
    from analyser.config import ClusteringSettings
    from analyser.stages.reduce import fit_reduction

    vectors = blobs([40, 40, 40], seed=1).astype(np.float32)
    targets = np.full(120, -1)
    targets[:20], targets[40:60] = 0, 1
    settings = ClusteringSettings(umap_epochs=50, guidance_weight=0.7)
    reduction, reduced, _ = fit_reduction(vectors, settings, "key", targets)
    assert reduction.guided == 40 and reduction.guided_weight == 0.7 and reduced.shape == (120, 5)
    off, _, _ = fit_reduction(vectors, settings.model_copy(update={"guidance": False}), "key", targets)
    assert off.guided == 0


# ---- the review service and the CLI, on a small complete run ------------------------------------------------------


def members(database, cluster_id: str) -> list[str]:
    from analyser.db import connect

    with connect(database) as conn:
        run_id = conn.execute("SELECT run_id FROM run_results ORDER BY completed_at DESC LIMIT 1").fetchall()[0][0]
        return [r[0] for r in conn.execute(
            "SELECT ticket_id FROM assignments WHERE run_id = ? AND cluster_id = ? ORDER BY ticket_id", [run_id, cluster_id]
        ).fetchall()]


def cluster_ids(database) -> list[str]:
    from analyser.db import connect

    with connect(database) as conn:
        run_id = conn.execute("SELECT run_id FROM run_results ORDER BY completed_at DESC LIMIT 1").fetchall()[0][0]
        return [r[0] for r in conn.execute("SELECT cluster_id FROM clusters WHERE run_id = ? ORDER BY size DESC", [run_id]).fetchall()]


def test_decisions_become_the_guidance_of_the_next_run(small_database) -> None:
    from analyser.config import Settings
    from analyser.db import opener
    from analyser.review import service as review

    settings = Settings(database=small_database)
    open_session = opener(settings)
    first, second, third, fourth, fifth = cluster_ids(small_database)[:5]
    review.validate(open_session, first, "Awa")
    review.merge(open_session, second, [third], "Awa")
    review.reject(open_session, fourth, "noise", "Awa", settings=settings)
    review.reject(open_session, fifth, "already_known", "Awa", settings=settings)  # not a noise reason: no constraint
    moved_out, moved_over = members(small_database, first)[:2], members(small_database, fifth)[0]
    events = review.move_tickets(open_session, [*moved_out, moved_over], None, "Awa", comment="pas une livraison")
    assert {e.cluster_id for e in events} == {first, fifth} and all(e.action == "move" for e in events)
    review.move_tickets(open_session, [moved_over], second, "Awa")  # the latest move wins
    with open_session() as conn:
        guidance = review.guidance(conn, settings)
        reject_event = [e for e in review.history(conn, fourth) if e.action == "reject"][-1]
    assert guidance.pinned[first] == frozenset(members(small_database, first)) - set(moved_out)
    assert guidance.pinned[second] == frozenset(members(small_database, second) + members(small_database, third) + [moved_over])
    assert guidance.strong == {first, second}
    assert guidance.held_out == frozenset(members(small_database, fourth)) | set(moved_out)
    assert sorted(reject_event.after["held_out"]) == members(small_database, fourth)  # recorded: they outlive the cluster
    before = guidance.digest()
    review.reopen(open_session, fourth, "Awa")  # releases its tickets
    with open_session() as conn:
        reopened = review.guidance(conn, settings)
    assert reopened.held_out == frozenset(moved_out) and reopened.digest() != before


def test_move_refuses_what_it_cannot_do_with_the_fix(small_database) -> None:
    from analyser.config import Settings
    from analyser.db import opener
    from analyser.review import service as review

    open_session = opener(Settings(database=small_database))
    first, second = cluster_ids(small_database)[:2]
    ticket = members(small_database, first)[0]
    with pytest.raises(review.ReviewError, match="unknown ticket TK-NOPE.*Fix"):
        review.move_tickets(open_session, ["TK-NOPE", ticket], second, "Awa")
    with pytest.raises(review.ReviewError, match="already in " + first):
        review.move_tickets(open_session, [ticket], first, "Awa")
    with pytest.raises(review.ReviewError, match="unknown cluster C9999"):
        review.move_tickets(open_session, [ticket], "C9999", "Awa")
    with pytest.raises(review.ReviewError, match="no ticket to move"):
        review.move_tickets(open_session, ["  "], second, "Awa")
    review.move_tickets(open_session, [ticket], None, "Awa")
    with pytest.raises(review.ReviewError, match="already unclustered"):  # moves since the last run count
        review.move_tickets(open_session, [ticket], None, "Awa")


def test_cli_moves_tickets_and_says_when_it_applies(small_database) -> None:
    from typer.testing import CliRunner

    from analyser.cli import app

    first, second = cluster_ids(small_database)[:2]
    tickets = members(small_database, first)[:2]
    runner = CliRunner()
    result = runner.invoke(app, ["review", "move", *tickets, "--to", second, "--actor", "Awa", "--db", str(small_database)])
    assert result.exit_code == 0, result.output
    assert f"2 tickets moved to {second}" in result.stdout and "next `analyser run`" in result.stdout
    result = runner.invoke(app, ["review", "move", tickets[0], "--to", "unclustered", "--actor", "Awa", "--db", str(small_database)])
    assert result.exit_code == 0 and "1 ticket moved to unclustered" in result.stdout
    refused = runner.invoke(app, ["review", "move", "TK-NOPE", "--to", second, "--actor", "Awa", "--db", str(small_database)])
    assert refused.exit_code == 2 and "unknown ticket TK-NOPE" in refused.output
    history = runner.invoke(app, ["review", "history", first, "--db", str(small_database)])
    assert '"action": "move"' in history.stdout


# ---- through the real pipeline: run, decide, run again ------------------------------------------------------------


def run(database, *extra: str) -> dict:
    import json

    from typer.testing import CliRunner

    from analyser.cli import app
    from conftest import REPO

    result = CliRunner().invoke(app, ["run", "--config", str(REPO / "analyser.toml"), "--db", str(database), "--json", *extra])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def placements(database) -> dict[str, str | None]:
    from analyser.db import connect

    with connect(database) as conn:
        run_id = conn.execute("SELECT run_id FROM run_results ORDER BY completed_at DESC LIMIT 1").fetchall()[0][0]
        return dict(conn.execute("SELECT ticket_id, cluster_id FROM assignments WHERE run_id = ?", [run_id]).fetchall())


def by_cluster(placed: dict[str, str | None]) -> dict[str, frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for ticket, cluster in placed.items():
        if cluster is not None:
            groups.setdefault(cluster, set()).add(ticket)
    return {cluster: frozenset(tickets) for cluster, tickets in groups.items()}


def test_the_next_run_keeps_every_decision_and_leaves_the_rest_alone(sample_database_copy, monkeypatch) -> None:
    """On the bundled sample's run: decide, run again, next to the same second run with guidance off (a copy). The map
    fit is reused by both (no new ticket), so every cluster nobody reviewed must come out the same in both. Both
    second runs leave pockets where the clustering puts them, so that only the guidance differs."""
    import shutil

    from analyser.config import Settings
    from analyser.db import opener
    from analyser.review import service as review

    database = sample_database_copy
    plain = database.parent / "plain.duckdb"
    shutil.copy2(database, plain)
    before = placements(database)
    clusters = sorted(by_cluster(before).items(), key=lambda item: (-len(item[1]), item[0]))
    (kept, kept_tickets), (target, target_tickets), (source_id, source_tickets), (noise, noise_tickets) = clusters[:4]
    other_tickets, third = clusters[4][1], clusters[5][0]
    settings = Settings(database=database)
    open_session = opener(settings)
    review.validate(open_session, kept, "Awa")
    review.merge(open_session, target, [source_id], "Awa")
    review.reject(open_session, noise, "noise", "Awa", settings=settings)
    out_of_all, into_kept, into_third = sorted(other_tickets)[:2], sorted(other_tickets)[2:4], sorted(other_tickets)[4]
    review.move_tickets(open_session, out_of_all, None, "Awa")
    review.move_tickets(open_session, into_kept, kept, "Awa")
    review.move_tickets(open_session, [into_third], third, "Awa")

    monkeypatch.setenv("ANALYSER_SIGNALS__POCKET_GATHER", "false")  # gathering pockets moves tickets too: not this test's
    second = run(database)
    assert not second.get("nothing_new") and not second["umap_refitted"]  # decisions changed: recomputed, same map
    assert second["guidance"]["groups"] == 3 and second["guidance"]["tickets_moved"] > 0
    after = placements(database)
    groups = by_cluster(after)
    assert kept_tickets | set(into_kept) <= groups[kept]  # validated: kept whole, under its id, with what was moved in
    assert target_tickets | source_tickets <= groups[target] and source_id not in groups  # merged stays merged
    assert all(after[ticket] is None for ticket in [*noise_tickets, *out_of_all]) and noise not in groups  # held out
    assert after[into_third] == third  # joined the cluster its target still is
    monkeypatch.setenv("ANALYSER_CLUSTERING__GUIDANCE", "false")
    assert not run(plain, "--force")["umap_refitted"]
    monkeypatch.delenv("ANALYSER_CLUSTERING__GUIDANCE")
    reviewed = kept_tickets | target_tickets | source_tickets | noise_tickets | other_tickets | {into_third}
    untouched = [tickets for tickets in by_cluster(placements(plain)).values() if not tickets & reviewed]
    same = [tickets in set(groups.values()) for tickets in untouched]
    assert len(untouched) > 10 and all(same), f"{same.count(False)} of {len(untouched)} clusters nobody reviewed changed"

    third_run = run(database)  # same tickets, same decisions: the results stand
    assert third_run.get("nothing_new") and third_run["results_of"] == second["run_id"]


def test_noise_reasons_must_be_reject_reasons() -> None:
    from analyser.config import Settings

    with pytest.raises(ValueError, match="guidance_noise_reasons lists bruit.*Fix"):
        Settings(clustering={"guidance_noise_reasons": ["bruit"]})
    assert Settings(review={"reject_reasons": ["bruit", "doublon"]}).clustering.guidance_noise_reasons == []  # default dropped
    assert Settings(review={"reject_reasons": ["bruit"]}, clustering={"guidance_noise_reasons": ["bruit"]}).clustering.guidance
