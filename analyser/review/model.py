"""Review decisions as data: events, derived states, and the lineage carry-over rule (pure; no I/O).

The current state of a cluster is the fold of its events in stream order: every event's `after`
holds the full new value of each field the action changed, so the fold applies them in turn. The
fold is plain Python rather than SQL views because the carry-over rule below needs the pipeline's
lineage across runs and the events together; a few thousand events fold in milliseconds.

Carry-over rule (what happens to human decisions when the nightly pipeline re-clusters):
1. Decisions belong to a stable cluster id. "continued" keeps the id, so they simply stay.
2. Split: the child that keeps most of the old tickets keeps the id (analyser/stages/identity.py)
   and with it every decision. Each other child is a fresh id with `split_from` naming the parent
   and the parent's decisions shown in `inherited`; it stays "unreviewed" (a split means the
   machine now sees two different things) and `needs_attention` is set while it is unreviewed and
   a parent has any review event.
3. Pipeline merge: an old id absorbed into a survivor is archived (`archived_reason` "merged",
   `absorbed_into` the survivor); the survivor lists the absorbed clusters' decisions in
   `inherited` and gets `needs_attention` while it is unreviewed and any of them has a review event.
4. Vanished: archived (`archived_reason` "vanished"). Nothing is ever deleted: archived clusters
   keep their state and full history.
5. A human merge (action "merge") is a review event, so it holds across every later run until the
   merged cluster is reopened. `effective_cluster` follows human and pipeline merges to the live
   cluster that now stands for an id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from analyser.grid import feasibility_score, value_score

# The fields of a cluster's state that events may set (through `after`).
CLUSTER_FIELDS = ("title", "tags", "stage_override", "status", "reject_reason", "merged_into", "candidate_ids")
CANDIDATE_FIELDS = ("title", "grid", "stance", "ethics", "owner", "status")


@dataclass(frozen=True)
class ReviewEvent:
    """One recorded human action. `stream` is the cluster id, or the candidate id for candidate edits."""

    event_id: int
    stream: str
    stream_version: int
    cluster_id: str
    candidate_id: str | None
    actor: str
    at: datetime
    action: str
    before: dict[str, Any]
    after: dict[str, Any]
    comment: str | None


@dataclass(frozen=True)
class LineageRecord:
    """One row of `cluster_lineage` from a complete run, in run order."""

    run_id: str
    cluster_id: str
    event: str  # continued | new | split | merged | merged_into | vanished
    related_ids: tuple[str, ...]


@dataclass(frozen=True)
class InheritedDecision:
    """Another cluster's decisions shown on this one after a pipeline split or merge."""

    cluster_id: str
    relation: str  # "split_from" (a parent) | "absorbed" (merged into this one by the pipeline)
    status: str
    title: str | None
    tags: tuple[str, ...]
    reject_reason: str | None
    stage_override: str | None


@dataclass(frozen=True)
class ReviewState:
    """A cluster's review state, derived from its events and the pipeline's lineage."""

    cluster_id: str
    status: str = "unreviewed"
    title: str | None = None  # the human title; wins over any generated one
    tags: tuple[str, ...] = ()
    stage_override: str | None = None
    reject_reason: str | None = None
    merged_into: str | None = None  # a human merge: this cluster now counts as part of that one
    merged_from: tuple[str, ...] = ()  # clusters a human merged into this one (and not reopened)
    candidate_ids: tuple[str, ...] = ()
    comments: int = 0
    version: int = 0  # events on this cluster so far; pass it back as expected_version
    last_actor: str | None = None
    last_at: datetime | None = None
    archived: bool = False  # not in the last complete run
    archived_reason: str | None = None  # "vanished" | "merged" (by the pipeline) | None
    absorbed_into: str | None = None  # the pipeline merged this id into that one
    split_from: tuple[str, ...] = ()
    inherited: tuple[InheritedDecision, ...] = ()
    needs_attention: bool = False

    @property
    def reviewed(self) -> bool:
        return self.version > 0


@dataclass(frozen=True)
class GridScore:
    score: int
    justification: str


@dataclass(frozen=True)
class Candidate:
    """A use-case candidate promoted from a validated friction."""

    candidate_id: str
    cluster_id: str
    title: str | None
    grid: dict[str, GridScore] = field(default_factory=dict)
    stance: str | None = None
    ethics: dict[str, str] = field(default_factory=dict)
    owner: str | None = None
    status: str = "proposed"
    version: int = 0  # edits so far; pass it back as expected_version
    created_by: str = ""
    created_at: datetime | None = None
    last_actor: str | None = None
    last_at: datetime | None = None

    @property
    def scores(self) -> dict[str, int]:
        return {key: entry.score for key, entry in self.grid.items()}

    @property
    def value(self) -> float | None:
        """The grid's value score (analyser.grid.value_score)."""
        return value_score(self.scores)

    @property
    def feasibility(self) -> float | None:
        """The grid's feasibility score (analyser.grid.feasibility_score)."""
        return feasibility_score(self.scores)


def fold_cluster(cluster_id: str, events: Iterable[ReviewEvent]) -> ReviewState:
    """The state one cluster's own events (its stream, in version order) lead to; no lineage."""
    values: dict[str, Any] = {"cluster_id": cluster_id}
    for event in sorted((e for e in events if e.stream == cluster_id), key=lambda e: e.stream_version):
        for key in CLUSTER_FIELDS:
            if key in event.after:
                value = event.after[key]
                values[key] = tuple(value) if key in ("tags", "candidate_ids") else value
        values["comments"] = values.get("comments", 0) + (event.action == "comment")
        values.update(version=event.stream_version, last_actor=event.actor, last_at=event.at)
    return ReviewState(**values)


def fold_states(
    events: Iterable[ReviewEvent], lineage: Iterable[LineageRecord], live_ids: Iterable[str]
) -> dict[str, ReviewState]:
    """Every live cluster and every cluster ever reviewed, with the carry-over rule applied."""
    by_stream: dict[str, list[ReviewEvent]] = {}
    for event in events:
        if event.stream == event.cluster_id:
            by_stream.setdefault(event.cluster_id, []).append(event)
    live = set(live_ids)
    own = {cid: fold_cluster(cid, by_stream.get(cid, ())) for cid in sorted(live | set(by_stream))}
    split_from, absorbed, absorbed_into, vanished = _lineage_relations(lineage)
    merged_from: dict[str, list[str]] = {}
    for state in own.values():
        if state.merged_into:
            merged_from.setdefault(state.merged_into, []).append(state.cluster_id)
    states = {}
    for cid, state in own.items():
        inherited = tuple(
            _inherited(own[other], relation)
            for relation, others in (("split_from", split_from.get(cid, ())), ("absorbed", absorbed.get(cid, ())))
            for other in others
            if other in own and own[other].reviewed
        )
        archived = cid not in live
        reason = None
        if archived:
            reason = "merged" if cid in absorbed_into else "vanished" if cid in vanished else None
        states[cid] = ReviewState(
            **{**state.__dict__, "merged_from": tuple(sorted(merged_from.get(cid, ()))),
               "archived": archived, "archived_reason": reason, "absorbed_into": absorbed_into.get(cid),
               "split_from": tuple(split_from.get(cid, ())), "inherited": inherited,
               "needs_attention": state.status == "unreviewed" and bool(inherited)}
        )
    return states


def _inherited(state: ReviewState, relation: str) -> InheritedDecision:
    return InheritedDecision(
        state.cluster_id, relation, state.status, state.title, state.tags, state.reject_reason, state.stage_override
    )


def _lineage_relations(
    lineage: Iterable[LineageRecord],
) -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, str], set[str]]:
    """split_from[child], absorbed[survivor], absorbed_into[old id], vanished ids, over all runs in order."""
    split_from: dict[str, list[str]] = {}
    absorbed: dict[str, list[str]] = {}
    absorbed_into: dict[str, str] = {}
    vanished: set[str] = set()
    for record in lineage:
        if record.event == "split":
            _add_unique(split_from.setdefault(record.cluster_id, []), record.related_ids)
        elif record.event == "merged":
            _add_unique(absorbed.setdefault(record.cluster_id, []), record.related_ids)
        elif record.event == "merged_into" and record.related_ids:
            absorbed_into[record.cluster_id] = record.related_ids[0]
        elif record.event == "vanished":
            vanished.add(record.cluster_id)
    return split_from, absorbed, absorbed_into, vanished


def _add_unique(target: list[str], values: Iterable[str]) -> None:
    target.extend(value for value in values if value not in target)


def effective_cluster(states: dict[str, ReviewState], cluster_id: str) -> str:
    """The cluster that now stands for `cluster_id`: follows human merges, then pipeline merges, to the end."""
    seen = {cluster_id}
    current = cluster_id
    while current in states:
        state = states[current]
        nxt = state.merged_into or state.absorbed_into
        if nxt is None or nxt in seen:
            break
        seen.add(nxt)
        current = nxt
    return current


def fold_candidates(events: Iterable[ReviewEvent]) -> list[Candidate]:
    """Every candidate: created by a "promote" event, then changed by its "edit_candidate" events."""
    ordered = sorted(events, key=lambda e: e.event_id)
    values: dict[str, dict[str, Any]] = {}
    for event in ordered:
        if event.action == "promote" and event.candidate_id:
            initial = event.after.get("candidate", {})
            values[event.candidate_id] = {
                "candidate_id": event.candidate_id, "cluster_id": event.cluster_id, "title": initial.get("title"),
                "status": initial.get("status", "proposed"), "created_by": event.actor, "created_at": event.at,
                "last_actor": event.actor, "last_at": event.at,
            }
    edits = sorted((e for e in ordered if e.action == "edit_candidate"), key=lambda e: (e.stream, e.stream_version))
    for event in edits:
        current = values.get(event.stream)
        if current is None:
            continue
        for key in CANDIDATE_FIELDS:
            if key in event.after:
                current[key] = event.after[key]
        current.update(version=event.stream_version, last_actor=event.actor, last_at=event.at)
    return [_candidate(data) for _, data in sorted(values.items())]


def _candidate(data: dict[str, Any]) -> Candidate:
    grid = {key: GridScore(int(entry["score"]), str(entry.get("justification", ""))) for key, entry in (data.get("grid") or {}).items()}
    return Candidate(**{**data, "grid": grid, "ethics": dict(data.get("ethics") or {})})
