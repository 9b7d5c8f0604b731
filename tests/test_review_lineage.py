
"""Reviews survive a later pipeline run that re-clusters: the carry-over rule on real lineage."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from analyser.cli.main import app
from analyser.config import Settings
from analyser.db import session
from analyser.review import service as review
from conftest import REPO

SETTINGS = Settings()  # the review rules and journey stages of the defaults


@pytest.mark.parametrize(
    ("setting", "value", "expected_events"),
    [
        # bigger minimum size: small clusters are absorbed by others or vanish
        ("ANALYSER_CLUSTERING__MIN_CLUSTER_SIZE", "40", {"merged_into", "vanished"}),
        # HDBSCAN's leaf selection: finer clusters, so old ones split
        ("ANALYSER_CLUSTERING__SELECTION_METHOD", "leaf", {"split"}),
    ],
)
def test_every_decision_survives_a_second_run_and_follows_the_lineage(
    sample_database_copy: Path, monkeypatch: pytest.MonkeyPatch, setting: str, value: str, expected_events: set[str]
) -> None:
    database = sample_database_copy
    open_session = lambda: session(database, wait_seconds=30)  # noqa: E731
    with open_session() as conn:
        live = sorted(cid for cid, state in review.current_states(conn).items() if not state.archived)
    target, merged = live[0], live[1]
    for index, cid in enumerate(live[2:]):
        review.rename(open_session, cid, f"Titre humain {cid}", "Alice")
        if index % 2:
            review.reject(open_session, cid, "noise", "Bob", settings=SETTINGS)
        else:
            review.validate(open_session, cid, "Bob")
    review.validate(open_session, target, "Alice")
    candidate_id = review.promote(open_session, target, "Alice", settings=SETTINGS)
    review.merge(open_session, target, [merged], "Alice", comment="même irritant")
    with open_session() as conn:
        before = review.current_states(conn)
        histories = {cid: review.history(conn, cid) for cid in live}

    # A second run that clusters differently, so lineage has more than "continued". Guidance off: the carry-over
    # rules are what holds when the clustering redraws decided clusters (with guidance on they stay whole, so they
    # would not split: tests/test_guidance.py).
    monkeypatch.setenv(setting, value)
    monkeypatch.setenv("ANALYSER_CLUSTERING__GUIDANCE", "false")
    result = CliRunner().invoke(app, ["run", "--config", str(REPO / "analyser.toml"), "--db", str(database), "--json"])
    assert result.exit_code in (0, 1), result.output
    run_id = json.loads(result.stdout)["run_id"]

    with open_session() as conn:
        after = review.current_states(conn)
        assert {cid: review.history(conn, cid) for cid in live} == histories  # nothing lost, nothing rewritten
        [candidate] = review.candidates(conn)
    with duckdb.connect(str(database), read_only=True) as conn:
        lineage = conn.execute("SELECT cluster_id, event, related_ids FROM cluster_lineage WHERE run_id = ?", [run_id]).fetchall()

    decided = ("status", "title", "reject_reason", "merged_into", "candidate_ids")
    kinds = {event for _, event, _ in lineage}
    assert kinds & expected_events, f"the second run should record {sorted(expected_events)}, got {sorted(kinds)}"
    for cid, event, related in lineage:
        if event == "continued":
            assert not after[cid].archived
            assert [getattr(after[cid], f) for f in decided] == [getattr(before[cid], f) for f in decided]
        elif event in ("merged_into", "vanished"):
            state = after[cid]
            assert state.archived and state.archived_reason == ("merged" if event == "merged_into" else "vanished")
            assert [getattr(state, f) for f in decided] == [getattr(before[cid], f) for f in decided]
            if event == "merged_into":
                survivor = after[related[0]]
                assert state.absorbed_into == related[0]
                assert cid in {d.cluster_id for d in survivor.inherited if d.relation == "absorbed"}
                assert review.effective_cluster(after, cid) == review.effective_cluster(after, related[0])
        elif event == "split":
            child, parent = after[cid], related[0]
            assert child.status == "unreviewed" and child.split_from == (parent,)
            assert [(d.cluster_id, d.status) for d in child.inherited if d.relation == "split_from"] == [(parent, before[parent].status)]
            assert child.needs_attention
    # The human merge and the promoted candidate hold across the run.
    assert after[merged].merged_into == target
    assert (candidate.candidate_id, candidate.cluster_id) == (candidate_id, target)
    print(f"\n{setting}={value}: lineage of the second run: { {k: sum(e == k for _, e, _ in lineage) for k in sorted(kinds)} }")
