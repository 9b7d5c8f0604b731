"""Review decisions as constraints on the next run's clustering (pure; no I/O).

What each decision asks of the next run (`derive_guidance`):

- **Validated** (or promoted) cluster: its tickets are *pinned* to it. They stay together, under its id, until a
  reviewer reopens it; new tickets the clustering puts with them join it.
- **Human merge**: the merged clusters' tickets are pinned to the merge target, validated or not, so the next
  run makes them one cluster under the target's id. Reopening a merged cluster undoes that.
- **Reject with a noise reason** (`[clustering] guidance_noise_reasons`, "noise" by default): the cluster's tickets
  are *held out*: they stay unclustered, and a cluster made mostly of them is dissolved the next night, so that
  cluster does not form again. The tickets are those the cluster held when it was rejected (recorded in the
  event) and those it still holds. Reopening it releases them.
- **Move** (`analyser review move`): a moved ticket is pinned to its target cluster, or held out when moved to
  unclustered. The latest move of a ticket wins over every other decision about it.

Targets are followed to the cluster that now stands for them (`effective_cluster`: human and pipeline merges).
A move to a cluster nobody validated pins only the moved tickets; that cluster's other tickets are its
*anchors*: they say where the cluster lives tonight, so the moved tickets can join it, and stay free.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from analyser.review.model import ReviewEvent, ReviewState, effective_cluster

GUIDING_STATUSES = ("validated", "promoted")


@dataclass(frozen=True)
class Guidance:
    """Constraints for one run, as ticket ids. Every ticket is in at most one pinned group or held out."""

    pinned: dict[str, frozenset[str]] = field(default_factory=dict)  # cluster id -> tickets that must be in it
    anchors: dict[str, frozenset[str]] = field(default_factory=dict)  # cluster id -> its last-run tickets (where it lives)
    held_out: frozenset[str] = frozenset()  # tickets that must stay unclustered
    strong: frozenset[str] = frozenset()  # pinned groups a reviewer validated or merged (all their tickets pinned)
    decisions: tuple[str, ...] = ()  # the decisions these constraints come from, one canonical line each

    @property
    def empty(self) -> bool:
        return not self.pinned and not self.held_out

    def counts(self) -> dict[str, int]:
        return {"groups": len(self.pinned), "pinned_tickets": sum(len(t) for t in self.pinned.values()),
                "held_out_tickets": len(self.held_out)}

    def digest(self) -> str:
        """Changes when a decision that guides clustering changes (not when a guided cluster gains tickets): a run
        whose results were made under other decisions must be redone."""
        return hashlib.sha256(json.dumps(list(self.decisions)).encode()).hexdigest()[:16]


def derive_guidance(
    states: Mapping[str, ReviewState], events: Iterable[ReviewEvent], members: Mapping[str, frozenset[str]],
    noise_reasons: Iterable[str],
) -> Guidance:
    """The constraints the current review decisions put on the next run.

    `states`: every cluster's folded review state; `events`: every review event (moves and rejects are read from
    them); `members`: the last complete run's tickets per cluster id."""
    noise = set(noise_reasons)
    ordered = sorted(events, key=lambda event: event.event_id)
    pinned: dict[str, set[str]] = {}
    strong: set[str] = set()
    decisions: list[str] = []
    for cluster_id, state in sorted(states.items()):
        merged = state.merged_into is not None or bool(state.merged_from)
        if state.status in GUIDING_STATUSES or merged:
            key = effective_cluster(dict(states), cluster_id)
            pinned.setdefault(key, set()).update(members.get(cluster_id, ()))
            strong.add(key)
            decisions.append(f"keep {cluster_id} in {key}")
    held_out: set[str] = set()
    for cluster_id, state in sorted(states.items()):
        if state.status == "rejected" and state.reject_reason in noise:
            held_out.update(members.get(cluster_id, ()))
            held_out.update(_rejected_tickets(ordered, cluster_id))
            decisions.append(f"hold out {cluster_id}")
    for tickets in pinned.values():
        tickets.difference_update(held_out)  # a validated cluster wins over a rejected one only through a move
    anchors: dict[str, frozenset[str]] = {}
    moves = latest_moves(ordered)
    decisions += [f"move {ticket} to {target}" for ticket, target in sorted(moves.items())]
    for ticket, target in moves.items():
        for tickets in pinned.values():
            tickets.discard(ticket)
        held_out.discard(ticket)
        if target is None:
            held_out.add(ticket)
            continue
        key = effective_cluster(dict(states), target)
        pinned.setdefault(key, set()).add(ticket)
        if key not in strong:
            anchors[key] = frozenset(members.get(key, ()))
    return Guidance(
        pinned={key: frozenset(tickets) for key, tickets in sorted(pinned.items()) if tickets},
        anchors=dict(sorted(anchors.items())), held_out=frozenset(held_out), strong=frozenset(strong),
        decisions=tuple(decisions),
    )


def latest_moves(events: Iterable[ReviewEvent]) -> dict[str, str | None]:
    """Where each moved ticket was last moved to (a cluster id, or None for unclustered), in event order."""
    target: dict[str, str | None] = {}
    for event in sorted(events, key=lambda e: e.event_id):
        if event.action == "move":
            for ticket in event.after.get("tickets", ()):
                target[str(ticket)] = event.after.get("to")
    return target


def _rejected_tickets(events: list[ReviewEvent], cluster_id: str) -> list[str]:
    """The tickets the cluster held at its latest rejection (recorded by the review service)."""
    rejects = [e for e in events if e.stream == cluster_id and e.action == "reject"]
    return [str(ticket) for ticket in rejects[-1].after.get("held_out", ())] if rejects else []
