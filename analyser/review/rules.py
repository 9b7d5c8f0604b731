"""What each review action may do to a state, and what it changes (pure; no I/O).

Each `plan_*` function checks the action against the current state and the settings, and returns
`(before, after)`: the fields it changes, as they were and as they will be. A refused action raises
ReviewError with a message a reviewer can act on.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from analyser.config import ReviewSettings
from analyser.errors import AnalyserError
from analyser.grid import DIMENSION_KEYS, ETHICS_KEYS, STANCE_KEYS
from analyser.review.model import Candidate, ReviewEvent, ReviewState

Change = tuple[dict[str, Any], dict[str, Any]]
MAX_TITLE = 200
MAX_TAG = 60
MAX_TEXT = 2000
_VERBS = {
    "rename": "renamed it", "tag": "tagged it", "untag": "removed tags", "set_stage": "changed its journey stage",
    "validate": "validated it", "reject": "rejected it", "reopen": "reopened it", "merge": "merged clusters into it",
    "merged_into": "merged it into another cluster", "comment": "commented", "promote": "promoted it",
    "edit_candidate": "edited it",
}


class ReviewError(AnalyserError):
    """An action the current state or the settings do not allow."""


class ReviewConflict(ReviewError):
    """The cluster or candidate changed since the reviewer saw it; nothing was written."""

    def __init__(self, subject: str, expected: int, changes: list[ReviewEvent]) -> None:
        self.subject, self.expected, self.changes = subject, expected, changes
        current = changes[-1].stream_version if changes else expected
        done = "; ".join(f"{e.actor} {_VERBS.get(e.action, e.action)} at {e.at:%H:%M:%S}" for e in changes)
        super().__init__(
            f"{subject} changed since you opened it (your version {expected}, now {current}): {done or 'someone else wrote first'}. "
            "Nothing was saved: reload it, check, and try again."
        )


def clean_actor(actor: str | None) -> str:
    """A reviewer's name: required, trimmed, one line."""
    name = " ".join((actor or "").split())
    if not name:
        raise ReviewError("a reviewer name is required before any review action. Fix: enter your name (or sign in).")
    if len(name) > 100:
        raise ReviewError(f"reviewer name is too long ({len(name)} characters, at most 100)")
    return name


def clean_text(value: str | None, what: str, limit: int = MAX_TEXT, required: bool = True) -> str | None:
    text = (value or "").strip()
    if not text:
        if required:
            raise ReviewError(f"{what} is empty. Fix: write something.")
        return None
    if len(text) > limit:
        raise ReviewError(f"{what} is too long ({len(text)} characters, at most {limit})")
    return text


def plan_rename(state: ReviewState, title: str) -> Change:
    new = " ".join((clean_text(title, "the title", MAX_TITLE) or "").split())
    if new == state.title:
        raise ReviewError(f"{state.cluster_id} already has the title {new!r}")
    return {"title": state.title}, {"title": new}


def normalise_tag(tag: str, rules: ReviewSettings) -> str:
    """Lower-case, single spaces; 'category:value' must use the configured vocabulary."""
    text = " ".join(str(tag).strip().lower().split())
    if not text:
        raise ReviewError("an empty tag. Fix: type a word.")
    if len(text) > MAX_TAG:
        raise ReviewError(f"tag {text[:20]!r}... is too long (at most {MAX_TAG} characters)")
    category, sep, value = text.partition(":")
    if sep and category.strip() in rules.vocabulary:
        category, value = category.strip(), value.strip()
        allowed = rules.vocabulary[category]
        if value not in allowed:
            raise ReviewError(f"{value!r} is not a {category}. Use one of: {', '.join(allowed)} (set in [review.vocabulary]).")
        return f"{category}:{value}"
    return text


def plan_tag(state: ReviewState, tags: Iterable[str], rules: ReviewSettings) -> Change:
    new_tags = [normalise_tag(tag, rules) for tag in _as_list(tags)]
    if not new_tags:
        raise ReviewError("no tag given")
    result = list(state.tags)
    for tag in new_tags:
        category = tag.partition(":")[0] if ":" in tag else None
        if category in rules.single_valued:
            result = [t for t in result if not t.startswith(f"{category}:")]
        if tag not in result:
            result.append(tag)
    if result == list(state.tags):
        raise ReviewError(f"{state.cluster_id} already has these tags")
    return {"tags": list(state.tags)}, {"tags": result}


def plan_untag(state: ReviewState, tags: Iterable[str], rules: ReviewSettings) -> Change:
    drop = {" ".join(str(tag).strip().lower().split()) for tag in _as_list(tags)}
    missing = sorted(drop - set(state.tags))
    if missing or not drop:
        raise ReviewError(f"{state.cluster_id} has no tag {', '.join(missing) or '(none given)'}; its tags: {', '.join(state.tags) or 'none'}")
    return {"tags": list(state.tags)}, {"tags": [tag for tag in state.tags if tag not in drop]}


def plan_set_stage(state: ReviewState, stage_key: str | None, stage_keys: list[str]) -> Change:
    """A stage key from the configured journey, or None to go back to the computed stage."""
    if stage_key is not None and stage_key not in stage_keys:
        raise ReviewError(f"unknown journey stage {stage_key!r}. Use one of: {', '.join(stage_keys)} (set in [[journey]]).")
    if stage_key == state.stage_override:
        raise ReviewError(f"{state.cluster_id} already has that journey stage")
    return {"stage_override": state.stage_override}, {"stage_override": stage_key}


def plan_validate(state: ReviewState) -> Change:
    _not_merged(state)
    if state.status not in ("unreviewed", "rejected"):
        raise ReviewError(f"{state.cluster_id} is already {state.status}; reopen it first to decide again")
    return _status_change(state, "validated", None)


def plan_reject(state: ReviewState, reason: str, rules: ReviewSettings) -> Change:
    _not_merged(state)
    if reason not in rules.reject_reasons:
        raise ReviewError(f"unknown reject reason {reason!r}. Use one of: {', '.join(rules.reject_reasons)}.")
    if state.status not in ("unreviewed", "validated"):
        raise ReviewError(f"{state.cluster_id} is already {state.status}; reopen it first to decide again")
    return _status_change(state, "rejected", reason)


def plan_reopen(state: ReviewState) -> Change:
    """Back to unreviewed; also undoes a human merge of this cluster. Candidates already promoted stay."""
    if state.status == "unreviewed" and state.merged_into is None:
        raise ReviewError(f"{state.cluster_id} is not decided yet: nothing to reopen")
    before, after = _status_change(state, "unreviewed", None)
    before["merged_into"], after["merged_into"] = state.merged_into, None
    return before, after


def plan_promote(state: ReviewState, candidate_id: str, initial_status: str) -> Change:
    _not_merged(state)
    if state.status != "validated":
        raise ReviewError(f"only a validated friction can be promoted; {state.cluster_id} is {state.status}. Validate it first.")
    before, after = _status_change(state, "promoted", None)
    before["candidate_ids"] = list(state.candidate_ids)
    after["candidate_ids"] = [*state.candidate_ids, candidate_id]
    after["candidate"] = {"title": state.title, "status": initial_status}
    return before, after


def check_merge(target: ReviewState, sources: list[ReviewState], live_ids: set[str]) -> None:
    """A human merge: target live and not itself merged; sources distinct, not the target, not merged yet."""
    if not sources:
        raise ReviewError("choose at least one cluster to merge into the target")
    if target.cluster_id not in live_ids:
        raise ReviewError(f"{target.cluster_id} is not in the last run (archived): merge into a current cluster")
    _not_merged(target)
    ids = [source.cluster_id for source in sources]
    if target.cluster_id in ids or len(set(ids)) != len(ids):
        raise ReviewError("a cluster cannot be merged into itself, and each source is given once")
    for source in sources:
        if source.merged_into is not None:
            raise ReviewError(f"{source.cluster_id} is already merged into {source.merged_into}; reopen it first")


def plan_candidate_edit(
    candidate: Candidate,
    rules: ReviewSettings,
    *,
    grid: Mapping[str, Any] | None,
    stance: str | None,
    ethics: Mapping[str, str] | None,
    owner: str | None,
    status: str | None,
    title: str | None,
) -> Change:
    """Grid entries and ethics answers are merged into the existing ones; other fields are replaced when given."""
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}

    def change(key: str, old: Any, new: Any) -> None:
        if new != old:
            before[key], after[key] = old, new

    old_grid = {key: {"score": s.score, "justification": s.justification} for key, s in candidate.grid.items()}
    if grid:
        change("grid", old_grid, {**old_grid, **{key: _grid_entry(key, value) for key, value in grid.items()}})
    if stance is not None:
        if stance not in STANCE_KEYS:
            raise ReviewError(f"unknown stance {stance!r}. Use one of: {', '.join(STANCE_KEYS)}.")
        change("stance", candidate.stance, stance)
    if ethics:
        known = list(ETHICS_KEYS)
        unknown = sorted(set(ethics) - set(known))
        if unknown:
            raise ReviewError(f"unknown ethics question {', '.join(unknown)}. Use: {', '.join(known)}.")
        answers = {key: clean_text(value, f"the answer to {key}", required=False) or "" for key, value in ethics.items()}
        change("ethics", candidate.ethics, {**candidate.ethics, **answers})
    if owner is not None:
        change("owner", candidate.owner, clean_text(owner, "the owner", 100, required=False))
    if status is not None:
        if status not in rules.candidate_statuses:
            raise ReviewError(f"unknown candidate status {status!r}. Use one of: {', '.join(rules.candidate_statuses)}.")
        change("status", candidate.status, status)
    if title is not None:
        change("title", candidate.title, clean_text(title, "the title", MAX_TITLE))
    if not after:
        raise ReviewError(f"nothing to change on {candidate.candidate_id}")
    return before, after


def _grid_entry(key: str, value: Any) -> dict[str, Any]:
    """A grid score given as {"score": n, "justification": "..."}, (n, "...") or n."""
    known = list(DIMENSION_KEYS)
    if key not in known:
        raise ReviewError(f"unknown grid dimension {key!r}. Use: {', '.join(known)}.")
    if isinstance(value, Mapping):
        score, justification = value.get("score"), value.get("justification", "")
    elif isinstance(value, (tuple, list)) and len(value) == 2:
        score, justification = value
    else:
        score, justification = value, ""
    if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
        raise ReviewError(f"grid {key}: the score must be a whole number from 1 to 5, got {score!r}")
    return {"score": score, "justification": clean_text(justification, f"grid {key} justification", 500, required=False) or ""}


def _status_change(state: ReviewState, status: str, reason: str | None) -> Change:
    return ({"status": state.status, "reject_reason": state.reject_reason}, {"status": status, "reject_reason": reason})


def _not_merged(state: ReviewState) -> None:
    if state.merged_into is not None:
        raise ReviewError(
            f"{state.cluster_id} was merged into {state.merged_into}: act on {state.merged_into}, or reopen {state.cluster_id} first"
        )


def _as_list(tags: Iterable[str] | str) -> list[str]:
    return [tags] if isinstance(tags, str) else list(tags)

