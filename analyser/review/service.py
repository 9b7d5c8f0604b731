"""The human review workflow as a service: the UI, the CLI and the exports call these functions.

Writes (each appends events to the append-only `review_events` table and returns the event it wrote):
    rename(open_session, cluster_id, title, actor, expected_version=None, comment=None)
    tag(open_session, cluster_id, tags, actor, ...) / untag(...)       tags: "free text" or "category:value"
    set_journey_stage(open_session, cluster_id, stage_key, actor, ...) stage_key None: back to the computed stage
    validate(open_session, cluster_id, actor, ...) / reject(open_session, cluster_id, reason, actor, ...)
    reopen(open_session, cluster_id, actor, ...)                        also undoes a human merge of this cluster
    merge(open_session, target_id, source_ids, actor, ...)              one "merge" event on the target, one
                                                                        "merged_into" event on each source
    move_tickets(open_session, ticket_ids, target_id, actor, ...)       target None: to unclustered; one "move" event
                                                                        per cluster the tickets leave
    add_comment(open_session, cluster_id, text, actor, ...)
    promote(open_session, cluster_id, actor, ...) -> candidate_id       only a validated friction
    update_candidate(open_session, candidate_id, actor, grid=, stance=, ethics=, owner=, status=, title=, expected_version=None)
Reads (take an open connection):
    current_states(conn) -> dict[cluster_id, ReviewState]   history(conn, cluster_id) -> list[ReviewEvent]
    candidates(conn) -> list[Candidate]   validated_cluster_ids(conn) -> set[str]   stage_overrides(conn) -> dict[str, str]
    guidance(conn, settings) -> Guidance   what the decisions ask of the next run (analyser/review/guidance.py)

`open_session` is a zero-argument callable returning a context manager that yields a DuckDB
connection (`analyser.db.opener(settings)`): each write opens a
short-lived connection, so it waits (with retries) only while the nightly batch is writing, never
for a whole run. Every write also takes keyword-only `settings` (the loaded Settings: vocabulary,
reject reasons, journey stages; built-in defaults when omitted) and `clock` (returns a naive UTC
datetime; tests pass a fake).

Concurrency: `expected_version` is the `version` of the ReviewState (or Candidate) the reviewer
saw. If anyone wrote to that cluster (or candidate) since, ReviewConflict says who did what and
nothing is written. Without expected_version the action applies to the latest state. The check is
enforced by the database too: (stream, stream_version) is UNIQUE, so two writers racing on the
same version cannot both commit.

Who acts (`actor`): a plain non-empty name is a trusted caller (the CLI or a script: whoever can open
the database file could write to it anyway) and is recorded as given. An `analyser.access.Identity`
(what the app passes) must hold the role the action needs, else AccessDenied names the role: reviewer
for every decision, coach for promote and update_candidate. It is recorded as "Name <e-mail>", with its
e-mail, role and sign-in mode in their own columns.

Lineage: reviews follow stable cluster ids; see analyser/review/model.py for the carry-over rule
on pipeline splits and merges. Nothing is ever deleted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from analyser.access import AccessDenied, Actor, Identity, Role, check_role
from analyser.config import Settings
from analyser.db import Connection, OpenSession
from analyser.queries import clusters as queries
from analyser.review.guidance import Guidance, derive_guidance, latest_moves
from analyser.review.model import (
    Candidate,
    GridScore,
    ReviewEvent,
    ReviewState,
    effective_cluster,
    fold_candidates,
    fold_cluster,
    fold_states,
)
from analyser.review.rules import (
    Change,
    ReviewConflict,
    ReviewError,
    check_merge,
    clean_actor,
    clean_text,
    plan_candidate_edit,
    plan_promote,
    plan_reject,
    plan_rename,
    plan_reopen,
    plan_set_stage,
    plan_tag,
    plan_untag,
    plan_validate,
)
from analyser.review.store import (
    NewEvent,
    StreamMoved,
    all_events,
    append_events,
    candidate_events,
    cluster_events,
    known_cluster_ids,
    lineage_records,
    live_cluster_ids,
    next_candidate_id,
    stream_events,
    write_transaction,
)
from analyser.stages.cluster_store import last_complete_run_id, previous_members

__all__ = [
    "AccessDenied", "Candidate", "GridScore", "Guidance", "ReviewConflict", "ReviewError", "ReviewEvent", "ReviewState", "add_comment",
    "candidates", "current_states", "effective_cluster", "guidance", "history", "history_since", "merge", "move_tickets", "promote", "reject",
    "rename", "reopen", "set_journey_stage", "stage_overrides", "tag", "untag", "update_candidate", "validate", "validated_cluster_ids",
]

Clock = Callable[[], datetime]
_RETRIES = 5  # re-reads when another writer raced us and the caller gave no expected_version


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


# ---- writes -------------------------------------------------------------------------------------------


def rename(open_session: OpenSession, cluster_id: str, title: str, actor: Actor, expected_version: int | None = None,
           comment: str | None = None, *, clock: Clock = utc_now) -> ReviewEvent:
    """Give the cluster a human title (it wins over the generated one)."""
    return _cluster_action(open_session, cluster_id, actor, "rename", lambda s: plan_rename(s, title),
                           expected_version, comment, clock)


def tag(open_session: OpenSession, cluster_id: str, tags: Iterable[str] | str, actor: Actor, expected_version: int | None = None,
        comment: str | None = None, *, settings: Settings, clock: Clock = utc_now) -> ReviewEvent:
    """Add free tags and/or controlled 'category:value' tags (a single-valued category's old value is replaced)."""
    rules = settings.review
    return _cluster_action(open_session, cluster_id, actor, "tag", lambda s: plan_tag(s, tags, rules),
                           expected_version, comment, clock)


def untag(open_session: OpenSession, cluster_id: str, tags: Iterable[str] | str, actor: Actor, expected_version: int | None = None,
          comment: str | None = None, *, settings: Settings, clock: Clock = utc_now) -> ReviewEvent:
    """Remove tags the cluster has."""
    rules = settings.review
    return _cluster_action(open_session, cluster_id, actor, "untag", lambda s: plan_untag(s, tags, rules),
                           expected_version, comment, clock)


def set_journey_stage(open_session: OpenSession, cluster_id: str, stage_key: str | None, actor: Actor,
                      expected_version: int | None = None, comment: str | None = None, *,
                      settings: Settings, clock: Clock = utc_now) -> ReviewEvent:
    """Override the journey stage with a configured stage key; None removes the override."""
    keys = [stage.key for stage in settings.journey]
    return _cluster_action(open_session, cluster_id, actor, "set_stage", lambda s: plan_set_stage(s, stage_key, keys),
                           expected_version, comment, clock)


def validate(open_session: OpenSession, cluster_id: str, actor: Actor, expected_version: int | None = None,
             comment: str | None = None, *, clock: Clock = utc_now) -> ReviewEvent:
    """Validate the cluster as a friction (from unreviewed or rejected)."""
    return _cluster_action(open_session, cluster_id, actor, "validate", plan_validate, expected_version, comment, clock)


def reject(open_session: OpenSession, cluster_id: str, reason: str, actor: Actor, expected_version: int | None = None,
           comment: str | None = None, *, settings: Settings, clock: Clock = utc_now) -> ReviewEvent:
    """Reject with one of the configured reasons (noise, already_known, duplicate, not_actionable by default)."""
    rules = settings.review
    held_out: list[str] = []
    if reason in settings.clustering.guidance_noise_reasons:  # its tickets will stay unclustered: record which they are
        with open_session() as conn:
            held_out = queries.all_cluster_ticket_ids(conn, last_complete_run_id(conn), cluster_id)

    def plan(state: ReviewState) -> Change:
        before, after = plan_reject(state, reason, rules)
        return before, {**after, "held_out": held_out} if held_out else after

    return _cluster_action(open_session, cluster_id, actor, "reject", plan, expected_version, comment, clock)


def reopen(open_session: OpenSession, cluster_id: str, actor: Actor, expected_version: int | None = None,
           comment: str | None = None, *, clock: Clock = utc_now) -> ReviewEvent:
    """Back to unreviewed (undoing a human merge of this cluster); promoted candidates are kept."""
    return _cluster_action(open_session, cluster_id, actor, "reopen", plan_reopen, expected_version, comment, clock)


def add_comment(open_session: OpenSession, cluster_id: str, text: str, actor: Actor, expected_version: int | None = None,
                *, clock: Clock = utc_now) -> ReviewEvent:
    """A free comment in the cluster's history."""
    body = clean_text(text, "the comment")
    return _cluster_action(open_session, cluster_id, actor, "comment", lambda s: ({}, {}), expected_version, body, clock)


def promote(open_session: OpenSession, cluster_id: str, actor: Actor, expected_version: int | None = None,
            comment: str | None = None, *, settings: Settings, clock: Clock = utc_now) -> str:
    """Turn a validated friction into a use-case candidate; returns the new candidate id (UC0001...)."""
    initial_status = settings.review.candidate_statuses[0]
    event = _cluster_action(
        open_session, cluster_id, actor, "promote",
        lambda s, candidate_id: plan_promote(s, candidate_id, initial_status),
        expected_version, comment, clock, new_candidate=True,
    )
    assert event.candidate_id is not None
    return event.candidate_id


def merge(open_session: OpenSession, target_id: str, source_ids: Iterable[str], actor: Actor, expected_version: int | None = None,
          comment: str | None = None, *, clock: Clock = utc_now) -> ReviewEvent:
    """Merge clusters into a target, for every later run too (until a source is reopened); returns the target's event.

    expected_version is the target's; each source gets a "merged_into" event in the same transaction."""
    actor, signed_in = _acting(actor, "reviewer", "the action 'merge'")
    sources = list(dict.fromkeys(source_ids))
    note = clean_text(comment, "the comment", required=False)
    for _ in range(_RETRIES):
        try:
            with open_session() as conn, write_transaction(conn):
                _require_known(conn, [target_id, *sources])
                target = _checked_state(conn, target_id, expected_version)
                source_states = [fold_cluster(cid, stream_events(conn, cid)) for cid in sources]
                check_merge(target, source_states, set(live_cluster_ids(conn)))
                at = clock()
                events = [NewEvent(target_id, target.version + 1, target_id, None, actor, at, "merge",
                                   {}, {"merged_from": sources}, note, signed_in)]
                events += [NewEvent(s.cluster_id, s.version + 1, s.cluster_id, None, actor, at, "merged_into",
                                    {"merged_into": None}, {"merged_into": target_id}, note, signed_in) for s in source_states]
                ids = append_events(conn, events)
            first = events[0]
            return ReviewEvent(ids[0], first.stream, first.stream_version, target_id, None, actor, at, "merge",
                               first.before, first.after, note)
        except StreamMoved:
            if expected_version is not None:
                raise _conflict(open_session, target_id, expected_version) from None
    raise ReviewError(f"too many concurrent changes around {target_id}; try again")


def move_tickets(open_session: OpenSession, ticket_ids: Iterable[str], target_id: str | None, actor: Actor,
                 comment: str | None = None, *, clock: Clock = utc_now) -> list[ReviewEvent]:
    """Move tickets to another cluster, or to unclustered (`target_id` None), for every later run too.

    A ticket's latest move wins over every other decision about it (analyser/review/guidance.py). One "move" event is
    written on each cluster the tickets leave (on the target's stream for tickets that were unclustered), all in one
    transaction. Refused: unknown tickets or cluster, no complete run yet, or every ticket already where it is sent."""
    actor, signed_in = _acting(actor, "reviewer", "the action 'move'")
    tickets = list(dict.fromkeys(str(ticket).strip() for ticket in ticket_ids if str(ticket).strip()))
    if not tickets:
        raise ReviewError("no ticket to move. Fix: give at least one ticket id (the cluster page and `analyser assignments` show them).")
    note = clean_text(comment, "the comment", required=False)
    for _ in range(_RETRIES):
        try:
            with open_session() as conn, write_transaction(conn):
                events = _move_events(conn, tickets, target_id, actor, note, signed_in, clock())
                ids = append_events(conn, events)
            return [_written(event_id, new) for event_id, new in zip(ids, events)]
        except StreamMoved:
            continue
    raise ReviewError("too many concurrent changes around these tickets; try again")


def _move_events(conn: Connection, tickets: list[str], target_id: str | None, actor: str, note: str | None,
                 signed_in: Identity | None, at: datetime) -> list[NewEvent]:
    run_id = last_complete_run_id(conn)
    if run_id is None:
        raise ReviewError("no complete run yet, so no ticket is in a cluster. Fix: run `analyser run` first.")
    placed = queries.placements(conn, run_id, tickets)
    unknown = [ticket for ticket in tickets if ticket not in placed]
    if unknown:
        shown = ", ".join(unknown[:5]) + (f" and {len(unknown) - 5} more" if len(unknown) > 5 else "")
        raise ReviewError(f"unknown ticket {shown}: no such ticket id in the database. Fix: copy the ids from the cluster page "
                          "or `analyser assignments`.")
    if target_id is not None:
        _require_known(conn, [target_id])
    pending = latest_moves(all_events(conn))  # moves since the last run count as where the ticket now is
    where = {ticket: pending[ticket] if ticket in pending else placed[ticket] for ticket in tickets}
    moving = [ticket for ticket in tickets if where[ticket] != target_id]
    if not moving:
        place = f"in {target_id}" if target_id else "unclustered"
        raise ReviewError(f"nothing to move: {'this ticket is' if len(tickets) == 1 else 'these tickets are'} already {place}.")
    by_stream: dict[str, list[str]] = {}
    for ticket in moving:
        source = placed[ticket]
        by_stream.setdefault(source if source is not None else str(target_id), []).append(ticket)
    events = []
    for stream, moved in sorted(by_stream.items()):
        state = fold_cluster(stream, stream_events(conn, stream))
        events.append(NewEvent(stream, state.version + 1, stream, None, actor, at, "move",
                               {"from": [where[ticket] for ticket in moved]}, {"tickets": moved, "to": target_id}, note, signed_in))
    return events


def update_candidate(
    open_session: OpenSession, candidate_id: str, actor: Actor, *, grid: Mapping[str, Any] | None = None,
    stance: str | None = None, ethics: Mapping[str, str] | None = None, owner: str | None = None,
    status: str | None = None, title: str | None = None, expected_version: int | None = None,
    comment: str | None = None, settings: Settings, clock: Clock = utc_now,
) -> ReviewEvent:
    """Edit a candidate: grid {dimension: {"score": 1-5, "justification": str}} and ethics {question: answer} are
    merged into what is there; stance (automate|assist|keep_human), owner ("" clears), status, title replace."""
    actor, signed_in = _acting(actor, "coach", "editing a use-case candidate")
    rules = settings.review
    note = clean_text(comment, "the comment", required=False)
    for _ in range(_RETRIES):
        try:
            with open_session() as conn, write_transaction(conn):
                found = fold_candidates(candidate_events(conn, candidate_id))
                if not found:
                    raise ReviewError(f"unknown use-case candidate {candidate_id!r}")
                candidate = found[0]
                if expected_version is not None and candidate.version != expected_version:
                    raise ReviewConflict(candidate_id, expected_version, stream_events(conn, candidate_id)[expected_version:])
                before, after = plan_candidate_edit(candidate, rules, grid=grid, stance=stance, ethics=ethics,
                                                    owner=owner, status=status, title=title)
                new = NewEvent(candidate_id, candidate.version + 1, candidate.cluster_id, candidate_id, actor, clock(),
                               "edit_candidate", before, after, note, signed_in)
                [event_id] = append_events(conn, [new])
            return _written(event_id, new)
        except StreamMoved:
            if expected_version is not None:
                raise _conflict(open_session, candidate_id, expected_version) from None
    raise ReviewError(f"too many concurrent changes on {candidate_id}; try again")


def _cluster_action(
    open_session: OpenSession, cluster_id: str, actor: Actor, action: str, plan: Callable[..., Change],
    expected_version: int | None, comment: str | None, clock: Clock, *, new_candidate: bool = False,
) -> ReviewEvent:
    """Check the role, then read the cluster's stream, check the version, plan the change and append it, in one transaction."""
    actor, signed_in = _acting(actor, "coach" if action == "promote" else "reviewer", f"the action {action!r}")
    note = comment if action == "comment" else clean_text(comment, "the comment", required=False)
    for _ in range(_RETRIES):
        try:
            with open_session() as conn, write_transaction(conn):
                _require_known(conn, [cluster_id])
                state = _checked_state(conn, cluster_id, expected_version)
                candidate_id = next_candidate_id(conn) if new_candidate else None
                before, after = plan(state, candidate_id) if new_candidate else plan(state)
                new = NewEvent(cluster_id, state.version + 1, cluster_id, candidate_id, actor, clock(), action,
                               before, after, note, signed_in)
                [event_id] = append_events(conn, [new])
            return _written(event_id, new)
        except StreamMoved:
            if expected_version is not None:
                raise _conflict(open_session, cluster_id, expected_version) from None
    raise ReviewError(f"too many concurrent changes on {cluster_id}; try again")


def _acting(actor: Actor, needed: Role, doing: str) -> tuple[str, Identity | None]:
    """Refuse a signed-in person below `needed`; return the name to record and the identity (None for a plain name)."""
    check_role(actor, needed, doing)
    if isinstance(actor, Identity):
        return " ".join(actor.label.split()), actor
    return clean_actor(actor), None


def _checked_state(conn: Connection, cluster_id: str, expected_version: int | None) -> ReviewState:
    events = stream_events(conn, cluster_id)
    state = fold_cluster(cluster_id, events)
    if expected_version is not None and state.version != expected_version:
        raise ReviewConflict(cluster_id, expected_version, [e for e in events if e.stream_version > expected_version])
    return state


def _conflict(open_session: OpenSession, stream: str, expected_version: int) -> ReviewConflict:
    with open_session() as conn:
        events = stream_events(conn, stream)
    return ReviewConflict(stream, expected_version, [e for e in events if e.stream_version > expected_version])


def _require_known(conn: Connection, cluster_ids: list[str]) -> None:
    unknown = sorted(set(cluster_ids) - known_cluster_ids(conn, list(cluster_ids)))
    if unknown:
        raise ReviewError(f"unknown cluster {', '.join(unknown)}: no pipeline run ever produced it")


def _written(event_id: int, new: NewEvent) -> ReviewEvent:
    return ReviewEvent(event_id, new.stream, new.stream_version, new.cluster_id, new.candidate_id, new.actor, new.at,
                       new.action, new.before, new.after, new.comment)


# ---- reads --------------------------------------------------------------------------------------------


def current_states(conn: Connection) -> dict[str, ReviewState]:
    """Every cluster of the last complete run and every cluster ever reviewed (archived ones included)."""
    return fold_states(all_events(conn), lineage_records(conn), live_cluster_ids(conn))


def history(conn: Connection, cluster_id: str) -> list[ReviewEvent]:
    """Every review event about the cluster (its candidates' edits included), oldest first."""
    return cluster_events(conn, cluster_id)


def history_since(conn: Connection, since: datetime) -> list[ReviewEvent]:
    """Every review event recorded at or after `since` (naive UTC), oldest first."""
    return [event for event in all_events(conn) if event.at >= since]


def candidates(conn: Connection) -> list[Candidate]:
    """Every use-case candidate, by id."""
    return fold_candidates(candidate_events(conn))


def validated_cluster_ids(conn: Connection) -> set[str]:
    """Clusters a human validated as a friction (promoted ones included), not merged into another by a human."""
    return {cid for cid, s in current_states(conn).items() if s.status in ("validated", "promoted") and s.merged_into is None}


def guidance(conn: Connection, settings: Settings) -> Guidance:
    """What the review decisions ask of the next run: pinned, anchored and held-out tickets (analyser/review/guidance.py)."""
    return derive_guidance(current_states(conn), all_events(conn), previous_members(conn),
                           settings.clustering.guidance_noise_reasons)


def stage_overrides(conn: Connection) -> dict[str, str]:
    """Journey stage chosen by a human, per cluster."""
    return {cid: s.stage_override for cid, s in current_states(conn).items() if s.stage_override}
