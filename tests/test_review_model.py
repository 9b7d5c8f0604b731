"""The pure core: folding events into states, and the lineage carry-over rule, on plain data."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from analyser.review.model import (
    LineageRecord,
    ReviewEvent,
    effective_cluster,
    fold_candidates,
    fold_states,
)

AT = datetime(2026, 3, 2, 9, 0)


def event(event_id: int, cluster_id: str, version: int, action: str, after: dict, *, stream: str | None = None,
          candidate_id: str | None = None, actor: str = "Alice") -> ReviewEvent:
    return ReviewEvent(event_id, stream or cluster_id, version, cluster_id, candidate_id, actor, AT, action, {}, after, None)


def test_events_fold_in_stream_order_whatever_order_they_are_read_in() -> None:
    events = [
        event(2, "C1", 2, "validate", {"status": "validated", "reject_reason": None}),
        event(1, "C1", 1, "rename", {"title": "Retards"}),
        event(3, "C1", 3, "tag", {"tags": ["a", "b"]}, actor="Bob"),
    ]
    state = fold_states(reversed(events), [], ["C1"])["C1"]
    assert (state.status, state.title, state.tags, state.version, state.last_actor) == ("validated", "Retards", ("a", "b"), 3, "Bob")


def test_split_child_shows_the_parents_decisions_and_asks_for_review() -> None:
    events = [event(1, "C1", 1, "validate", {"status": "validated", "reject_reason": None}),
              event(2, "C1", 2, "tag", {"tags": ["severity:forte"]})]
    lineage = [
        LineageRecord("r1", "C1", "new", ()),
        LineageRecord("r2", "C1", "continued", ("C1",)),  # the child keeping most tickets keeps the id
        LineageRecord("r2", "C7", "split", ("C1",)),
    ]
    states = fold_states(events, lineage, ["C1", "C7"])
    assert states["C1"].status == "validated" and not states["C1"].needs_attention
    child = states["C7"]
    assert (child.status, child.split_from, child.needs_attention) == ("unreviewed", ("C1",), True)
    [inherited] = child.inherited
    assert (inherited.cluster_id, inherited.relation, inherited.status, inherited.tags) == ("C1", "split_from", "validated", ("severity:forte",))


def test_pipeline_merge_archives_the_absorbed_id_and_shows_its_decisions_on_the_survivor() -> None:
    events = [event(1, "C2", 1, "reject", {"status": "rejected", "reject_reason": "noise"}),
              event(2, "C3", 1, "rename", {"title": "Survivant"})]
    lineage = [
        LineageRecord("r2", "C2", "merged_into", ("C3",)),
        LineageRecord("r2", "C3", "merged", ("C2",)),
        LineageRecord("r2", "C4", "vanished", ()),
    ]
    states = fold_states([*events, event(3, "C4", 1, "comment", {})], lineage, ["C3"])
    assert (states["C2"].archived, states["C2"].archived_reason, states["C2"].absorbed_into) == (True, "merged", "C3")
    assert states["C2"].status == "rejected"  # never lost
    assert (states["C4"].archived, states["C4"].archived_reason, states["C4"].comments) == (True, "vanished", 1)
    survivor = states["C3"]
    assert [(d.cluster_id, d.relation, d.status, d.reject_reason) for d in survivor.inherited] == [("C2", "absorbed", "rejected", "noise")]
    assert survivor.needs_attention and survivor.title == "Survivant"
    assert effective_cluster(states, "C2") == "C3"


def test_unreviewed_parents_bring_nothing_and_ids_never_reviewed_or_live_are_left_out() -> None:
    lineage = [LineageRecord("r2", "C7", "split", ("C1",)), LineageRecord("r2", "C1", "vanished", ())]
    states = fold_states([], lineage, ["C7"])
    assert set(states) == {"C7"}
    assert states["C7"].split_from == ("C1",) and states["C7"].inherited == () and not states["C7"].needs_attention


def test_human_merge_chain_resolves_to_the_live_cluster() -> None:
    events = [event(1, "C1", 1, "merged_into", {"merged_into": "C2"}), event(2, "C2", 1, "merged_into", {"merged_into": "C3"})]
    states = fold_states(events, [], ["C1", "C2", "C3"])
    assert states["C3"].merged_from == ("C2",) and states["C2"].merged_from == ("C1",)
    assert effective_cluster(states, "C1") == "C3"


def test_candidates_fold_promote_then_edits_with_value_and_feasibility() -> None:
    value_grid = {k: {"score": 4, "justification": "j"} for k in (
        "strategic_value", "customer_impact", "financial_potential", "brand_impact", "alignment")}
    full_grid = {**value_grid, "data_maturity": {"score": 5, "justification": ""},
                 "technical_complexity": {"score": 2, "justification": ""}, "risk": {"score": 1, "justification": ""}}
    events = [
        event(5, "C1", 3, "promote", {"status": "promoted", "candidate": {"title": "Panne", "status": "proposed"}}, candidate_id="UC0001"),
        event(6, "C1", 1, "edit_candidate", {"grid": value_grid}, stream="UC0001", candidate_id="UC0001", actor="Bob"),
        event(7, "C1", 2, "edit_candidate", {"grid": full_grid, "owner": "SAV"}, stream="UC0001", candidate_id="UC0001"),
    ]
    [first] = fold_candidates(events[:2])
    assert first.value == 4.0 and first.feasibility is None  # no feasibility dimension is scored yet
    [candidate] = fold_candidates(reversed(events))
    assert (candidate.candidate_id, candidate.title, candidate.owner, candidate.version, candidate.created_by, candidate.last_actor) == (
        "UC0001", "Panne", "SAV", 2, "Alice", "Alice")
    # complexity and risk are "lower is better": they count as 6 - score
    assert candidate.feasibility == pytest.approx((5 + (6 - 2) + (6 - 1)) / 3)


def test_no_code_ever_updates_or_deletes_review_events() -> None:
    """The history is append-only: DuckDB has no triggers to forbid it, so no module may issue such SQL."""
    root = Path(__file__).resolve().parents[1]
    pattern = re.compile(r"\b(UPDATE|DELETE\s+FROM|TRUNCATE|DROP\s+TABLE)\s+review_events\b", re.I)
    sources = [*root.joinpath("analyser").rglob("*.py"), *root.joinpath("pipelines").rglob("*.py"), root / "app.py"]
    offenders = [str(path.relative_to(root)) for path in sources if path.is_file() and pattern.search(path.read_text(encoding="utf-8"))]
    assert offenders == []
    assert "INSERT INTO review_events" in (root / "analyser" / "review/store.py").read_text(encoding="utf-8")
