"""The review service on a real database produced by the real pipeline (a private copy of the sample run)."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from analyser.config import Settings
from analyser.db import session
from analyser.review import service as review

SETTINGS = Settings()  # the review rules and journey stages of the defaults


class FakeClock:
    """The clock is a true boundary: a fake one, passed in, makes event times predictable."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, 0)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def db(sample_database_copy: Path):
    return sample_database_copy


def opener(database: Path):
    return lambda: session(database, wait_seconds=10)


def states(database: Path) -> dict[str, review.ReviewState]:
    with opener(database)() as conn:
        return review.current_states(conn)


def live_ids(database: Path, count: int) -> list[str]:
    live = [cid for cid, state in states(database).items() if not state.archived]
    assert len(live) >= count
    return live[:count]


def test_every_cluster_starts_unreviewed(db: Path) -> None:
    current = states(db)
    with duckdb.connect(str(db), read_only=True) as conn:
        [(clusters,)] = conn.execute(
            "SELECT count(*) FROM clusters WHERE run_id = (SELECT run_id FROM run_results ORDER BY completed_at DESC LIMIT 1)"
        ).fetchall()
    assert len(current) == clusters
    assert {state.status for state in current.values()} == {"unreviewed"}
    assert all(state.version == 0 and not state.archived for state in current.values())


def test_each_action_appends_one_event_and_changes_the_derived_state(db: Path) -> None:
    open_session, clock = opener(db), FakeClock()
    cid, other = live_ids(db, 2)

    review.rename(open_session, cid, "  Dépanneuse   en retard ", "Alice", clock=clock)
    review.tag(open_session, cid, ["severity:forte", "Nuit"], "Alice", clock=clock, settings=SETTINGS)
    review.tag(open_session, cid, "severity:critique", "Bob", clock=clock, settings=SETTINGS)  # single-valued: replaces "forte"
    review.untag(open_session, cid, "nuit", "Bob", clock=clock, settings=SETTINGS)
    review.set_journey_stage(open_session, cid, "panne_assistance", "Bob", clock=clock, settings=SETTINGS)
    review.add_comment(open_session, cid, "Vu trois fois cette semaine", "Carol", clock=clock)
    review.reject(open_session, other, "duplicate", "Carol", comment="même sujet", clock=clock, settings=SETTINGS)
    state = states(db)[cid]
    assert (state.title, state.tags, state.stage_override, state.comments) == (
        "Dépanneuse en retard", ("severity:critique",), "panne_assistance", 1)
    assert (state.version, state.last_actor, state.last_at) == (6, "Carol", datetime(2026, 3, 2, 9, 0, 6))
    assert (states(db)[other].status, states(db)[other].reject_reason) == ("rejected", "duplicate")

    review.validate(open_session, cid, "Alice", expected_version=6, clock=clock)
    candidate_id = review.promote(open_session, cid, "Alice", clock=clock, settings=SETTINGS)
    review.update_candidate(
        open_session, candidate_id, "Dana", grid={"customer_impact": (5, "panne = client bloqué"), "risk": {"score": 2, "justification": ""}},
        stance="assist", ethics={"serves": "les clients en panne", "weakens": "rien"}, owner="Équipe assistance",
        status="studying", clock=clock, settings=SETTINGS,
    )
    review.update_candidate(open_session, candidate_id, "Dana", grid={"risk": 3}, expected_version=1, clock=clock, settings=SETTINGS)
    state = states(db)[cid]
    assert (state.status, state.candidate_ids) == ("promoted", (candidate_id,))
    with opener(db)() as conn:
        [candidate] = review.candidates(conn)
        events = review.history(conn, cid)
        assert review.validated_cluster_ids(conn) == {cid}
        assert review.stage_overrides(conn) == {cid: "panne_assistance"}
    assert (candidate.cluster_id, candidate.title, candidate.stance, candidate.owner, candidate.status, candidate.version) == (
        cid, "Dépanneuse en retard", "assist", "Équipe assistance", "studying", 2)
    assert candidate.grid["customer_impact"] == review.GridScore(5, "panne = client bloqué")
    assert candidate.grid["risk"].score == 3 and candidate.ethics["weakens"] == "rien"
    assert [e.action for e in events] == [
        "rename", "tag", "tag", "untag", "set_stage", "comment", "validate", "promote", "edit_candidate", "edit_candidate"]
    assert events[2].before == {"tags": ["severity:forte", "nuit"]} and events[2].after == {"tags": ["nuit", "severity:critique"]}
    assert events[5].comment == "Vu trois fois cette semaine"

    review.reopen(open_session, cid, "Bob", comment="à revoir", clock=clock)
    assert states(db)[cid].status == "unreviewed" and states(db)[cid].candidate_ids == (candidate_id,)


def test_human_merge_and_reopen(db: Path) -> None:
    open_session = opener(db)
    target, a, b = live_ids(db, 3)
    review.merge(open_session, target, [a, b], "Alice", comment="même irritant")
    current = states(db)
    assert current[target].merged_from == (a, b) and current[a].merged_into == target
    assert review.effective_cluster(current, b) == target
    with pytest.raises(review.ReviewError, match=f"merged into {target}"):
        review.validate(open_session, a, "Bob")
    review.reopen(open_session, a, "Bob")
    current = states(db)
    assert current[a].merged_into is None and current[target].merged_from == (b,)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda o, c: review.rename(o, c, "x", "   "), "reviewer name is required"),
        (lambda o, c: review.rename(o, "C9999", "x", "Alice"), "unknown cluster C9999"),
        (lambda o, c: review.tag(o, c, "severity:enorme", "Alice", settings=SETTINGS), "'enorme' is not a severity"),
        (lambda o, c: review.reject(o, c, "boring", "Alice", settings=SETTINGS), "unknown reject reason 'boring'"),
        (lambda o, c: review.set_journey_stage(o, c, "lune", "Alice", settings=SETTINGS), "unknown journey stage 'lune'"),
        (lambda o, c: review.promote(o, c, "Alice", settings=SETTINGS), "only a validated friction can be promoted"),
        (lambda o, c: review.reopen(o, c, "Alice"), "nothing to reopen"),
        (lambda o, c: review.add_comment(o, c, "  ", "Alice"), "the comment is empty"),
        (lambda o, c: review.merge(o, c, [c], "Alice"), "cannot be merged into itself"),
    ],
)
def test_refused_actions_say_why_and_write_nothing(db: Path, call, message: str) -> None:
    [cid] = live_ids(db, 1)
    with pytest.raises(review.ReviewError, match=message):
        call(opener(db), cid)
    with opener(db)() as conn:
        assert review.history(conn, cid) == []


def test_candidate_edits_are_checked(db: Path) -> None:
    open_session = opener(db)
    [cid] = live_ids(db, 1)
    review.validate(open_session, cid, "Alice")
    candidate_id = review.promote(open_session, cid, "Alice", settings=SETTINGS)
    for kwargs, message in [
        ({"grid": {"customer_impact": 6}}, "whole number from 1 to 5"),
        ({"grid": {"beauty": 3}}, "unknown grid dimension 'beauty'"),
        ({"stance": "replace_everyone"}, "unknown stance"),
        ({"ethics": {"why": "?"}}, "unknown ethics question why"),
        ({"status": "maybe"}, "unknown candidate status 'maybe'"),
        ({}, "nothing to change"),
    ]:
        with pytest.raises(review.ReviewError, match=message):
            review.update_candidate(open_session, candidate_id, "Alice", **kwargs, settings=SETTINGS)
    with pytest.raises(review.ReviewError, match="unknown use-case candidate 'UC9999'"):
        review.update_candidate(open_session, "UC9999", "Alice", owner="x", settings=SETTINGS)


def test_a_stale_version_is_a_conflict_naming_who_changed_what(db: Path) -> None:
    open_session = opener(db)
    [cid] = live_ids(db, 1)
    seen = states(db)[cid].version
    review.rename(open_session, cid, "Titre de Bob", "Bob", expected_version=seen)
    with pytest.raises(review.ReviewConflict, match="Bob renamed it") as raised:
        review.rename(open_session, cid, "Titre d'Alice", "Alice", expected_version=seen)
    assert [e.actor for e in raised.value.changes] == ["Bob"]
    assert states(db)[cid].title == "Titre de Bob"


def test_racing_writers_on_one_version_never_both_win(db: Path) -> None:
    """Threads that all saw version 0 write at once: exactly one succeeds, the others get ReviewConflict."""
    open_session = opener(db)
    [cid] = live_ids(db, 1)
    outcomes: list[str] = []
    barrier = threading.Barrier(4)

    def write(name: str) -> None:
        barrier.wait()
        try:
            review.rename(open_session, cid, f"Titre de {name}", name, expected_version=0)
            outcomes.append("ok")
        except review.ReviewConflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=write, args=(name,)) for name in ("A", "B", "C", "D")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "conflict", "conflict", "ok"]
    with opener(db)() as conn:
        assert len(review.history(conn, cid)) == 1


def test_custom_vocabulary_from_settings(db: Path) -> None:
    settings = Settings(review={"vocabulary": {"canal": ["agence", "web"]}, "single_valued": []})
    [cid] = live_ids(db, 1)
    review.tag(opener(db), cid, ["canal:web", "canal:agence"], "Alice", settings=settings)
    assert states(db)[cid].tags == ("canal:web", "canal:agence")
    with pytest.raises(review.ReviewError, match="'telephone' is not a canal"):
        review.tag(opener(db), cid, "canal:telephone", "Alice", settings=settings)


def test_cli_records_decisions_and_reports_conflicts(db: Path) -> None:
    from typer.testing import CliRunner

    from analyser.cli.main import app

    [cid] = live_ids(db, 1)
    runner = CliRunner()
    base = ["--db", str(db), "--actor", "Alice"]
    assert runner.invoke(app, ["review", "validate", cid, *base]).exit_code == 0
    assert runner.invoke(app, ["review", "tag", cid, "severity:forte", "nuit", *base, "--expected-version", "1"]).exit_code == 0
    stale = runner.invoke(app, ["review", "rename", cid, "Autre titre", *base, "--expected-version", "1"])
    assert stale.exit_code == 2 and "Alice tagged it" in stale.output
    promoted = runner.invoke(app, ["review", "promote", cid, *base])
    assert promoted.exit_code == 0
    state = states(db)[cid]
    assert (state.status, state.tags, state.candidate_ids) == ("promoted", ("severity:forte", "nuit"), (promoted.stdout.strip(),))


def test_reads_work_on_a_database_from_before_reviews_opened_read_only(tmp_path: Path) -> None:
    """`analyser status`-like read-only connections do not migrate: reads must not fail on an older file."""
    from analyser.db import apply_migrations
    from analyser.schema import MIGRATIONS

    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as conn:
        # without reviews, and so without the columns 0012 adds to them
        apply_migrations(conn, tuple(m for m in MIGRATIONS if m.name not in ("0007_reviews", "0012_signed_in_actor")))
    with duckdb.connect(str(path), read_only=True) as conn:
        assert review.current_states(conn) == {} and review.candidates(conn) == []
        assert review.history(conn, "C0001") == [] and review.validated_cluster_ids(conn) == set()
