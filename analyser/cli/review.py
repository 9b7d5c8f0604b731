"""`analyser review ...`: the review service from the command line (for scripts); thin over analyser.review.service."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Annotated, Optional

import typer

from analyser import views
from analyser.cli.common import ConfigOption, DbOption, JsonOption, handles_user_errors, out, print_json, wired
from analyser.errors import AnalyserError
from analyser.review import service as review

review_app = typer.Typer(help="Record human review decisions (the same service the app uses).", no_args_is_help=True)

ActorOption = Annotated[str, typer.Option("--actor", help="Your name, recorded with the decision (required).")]
VersionOption = Annotated[
    Optional[int], typer.Option("--expected-version", help="Fail with a conflict if the cluster changed since this version.")
]
CommentOption = Annotated[Optional[str], typer.Option("--comment", help="Why (kept in the history).")]


def _done(event: review.ReviewEvent) -> int:
    out.print(f"{event.cluster_id}: {event.action} recorded (version {event.stream_version}, event {event.event_id}).",
              markup=False, highlight=False)
    return 0


def _command(function: Callable[..., int]) -> Callable[..., None]:
    """Register a review command; a refused action or a conflict is one message on stderr and exit code 2."""
    return review_app.command()(handles_user_errors(function))


@_command
def rename(cluster_id: str, title: str, actor: ActorOption, expected_version: VersionOption = None,
           comment: CommentOption = None, db: DbOption = None, config: ConfigOption = None) -> int:
    """Give a cluster a human title."""
    _, open_session = wired(config, db)
    return _done(review.rename(open_session, cluster_id, title, actor, expected_version, comment))


@_command
def tag(cluster_id: str, tags: list[str], actor: ActorOption, expected_version: VersionOption = None,
        comment: CommentOption = None, db: DbOption = None, config: ConfigOption = None) -> int:
    """Add tags: free words, or category:value from the review vocabulary setting."""
    settings, open_session = wired(config, db)
    return _done(review.tag(open_session, cluster_id, tags, actor, expected_version, comment, settings=settings))


@_command
def untag(cluster_id: str, tags: list[str], actor: ActorOption, expected_version: VersionOption = None,
          comment: CommentOption = None, db: DbOption = None, config: ConfigOption = None) -> int:
    """Remove tags."""
    settings, open_session = wired(config, db)
    return _done(review.untag(open_session, cluster_id, tags, actor, expected_version, comment, settings=settings))


@_command
def stage(cluster_id: str, stage_key: Annotated[str, typer.Argument(help="A journey stage key, or 'auto' to remove the override.")],
          actor: ActorOption, expected_version: VersionOption = None, comment: CommentOption = None,
          db: DbOption = None, config: ConfigOption = None) -> int:
    """Override the journey stage."""
    settings, open_session = wired(config, db)
    key = None if stage_key == "auto" else stage_key
    return _done(review.set_journey_stage(open_session, cluster_id, key, actor, expected_version, comment, settings=settings))


@_command
def validate(cluster_id: str, actor: ActorOption, expected_version: VersionOption = None,
             comment: CommentOption = None, db: DbOption = None, config: ConfigOption = None) -> int:
    """Validate a cluster as a friction."""
    _, open_session = wired(config, db)
    return _done(review.validate(open_session, cluster_id, actor, expected_version, comment))


@_command
def reject(cluster_id: str, reason: str, actor: ActorOption, expected_version: VersionOption = None,
           comment: CommentOption = None, db: DbOption = None, config: ConfigOption = None) -> int:
    """Reject a cluster with a reason from the reject_reasons setting."""
    settings, open_session = wired(config, db)
    return _done(review.reject(open_session, cluster_id, reason, actor, expected_version, comment, settings=settings))


@_command
def reopen(cluster_id: str, actor: ActorOption, expected_version: VersionOption = None,
           comment: CommentOption = None, db: DbOption = None, config: ConfigOption = None) -> int:
    """Back to unreviewed (also undoes a human merge of this cluster)."""
    _, open_session = wired(config, db)
    return _done(review.reopen(open_session, cluster_id, actor, expected_version, comment))


@_command
def merge(target_id: str, source_ids: list[str], actor: ActorOption, expected_version: VersionOption = None,
          comment: CommentOption = None, db: DbOption = None, config: ConfigOption = None) -> int:
    """Merge clusters into a target, for every later run too."""
    _, open_session = wired(config, db)
    return _done(review.merge(open_session, target_id, source_ids, actor, expected_version, comment))


@_command
def move(
    ticket_ids: Annotated[list[str], typer.Argument(help="Ticket ids to move (the cluster page and `analyser assignments` show them).")],
    actor: ActorOption,
    to: Annotated[str, typer.Option("--to", help="The cluster id to move them to, or 'unclustered'.")],
    comment: CommentOption = None, db: DbOption = None, config: ConfigOption = None,
) -> int:
    """Move tickets to another cluster, or out of every cluster (--to unclustered), for every later run too."""
    _, open_session = wired(config, db)
    target = None if to.strip().lower() == "unclustered" else to.strip()
    events = review.move_tickets(open_session, ticket_ids, target, actor, comment)
    moved = sum(len(event.after["tickets"]) for event in events)
    place = target or "unclustered"
    out.print(f"{moved} ticket{'s' if moved != 1 else ''} moved to {place} (events "
              f"{', '.join(str(event.event_id) for event in events)}); the next `analyser run` applies it.", markup=False, highlight=False)
    return 0


@_command
def comment(cluster_id: str, text: str, actor: ActorOption, db: DbOption = None, config: ConfigOption = None) -> int:
    """Add a comment to a cluster's history."""
    _, open_session = wired(config, db)
    return _done(review.add_comment(open_session, cluster_id, text, actor))


@_command
def promote(cluster_id: str, actor: ActorOption, expected_version: VersionOption = None,
            comment: CommentOption = None, db: DbOption = None, config: ConfigOption = None) -> int:
    """Promote a validated friction to a use-case candidate; prints its id."""
    settings, open_session = wired(config, db)
    out.print(review.promote(open_session, cluster_id, actor, expected_version, comment, settings=settings), markup=False)
    return 0


@_command
def history(cluster_id: str, db: DbOption = None, config: ConfigOption = None) -> int:
    """Every decision recorded on a cluster, oldest first (JSON)."""
    _, open_session = wired(config, db)
    with open_session() as conn:
        events = review.history(conn, cluster_id)
    print_json([event.__dict__ for event in events])
    return 0


@_command
def suggest(cluster_id: str, db: DbOption = None, config: ConfigOption = None, json_output: JsonOption = False) -> int:
    """The 3 clusters most like this one (to merge) and its 5 tickets least like it (to check), in the last complete run."""
    _, open_session = wired(config, db)
    fresh = views.latest_run(open_session)
    if fresh is None:
        raise AnalyserError("no complete run yet. Fix: run `analyser run` first.")
    found = views.suggestions(open_session, fresh["run_id"], cluster_id)
    if not found.merges and not found.outliers:
        raise AnalyserError(f"cluster {cluster_id} is not in the last complete run {fresh['run_id']}. Fix: pick an id from `analyser signals`.")
    if json_output:
        print_json(dataclasses.asdict(found))
        return 0
    out.print(f"Clusters like {cluster_id} (merge: analyser review merge {cluster_id} OTHER --actor NAME):", markup=False)
    for merge in found.merges:
        shared = ", ".join(merge.shared_keywords) or "-"
        out.print(f"  {merge.cluster_id}  similarity {merge.similarity:.2f}  shared keywords: {shared}", markup=False, highlight=False)
    out.print(f"Tickets least like {cluster_id}:", markup=False)
    for ticket in found.outliers:
        out.print(f"  {ticket['ticket_id']}  strength {ticket['strength']:.2f}  {ticket['text'][:100]}", markup=False, highlight=False)
    return 0
