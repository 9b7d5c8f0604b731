"""The review app's read service: what each page shows, as plain data (pandas), no Streamlit here.

Run-level data (clusters, signals, labels, weekly series, breakdowns, map points) only changes when a
new run completes, so the app caches it per run id; review state changes with every click and is read
fresh. Every read opens a short-lived connection (`open_session`) and closes it, so the nightly batch is
never blocked for long and readers always see the last complete run.

Features built in parallel plug in here when they land: signals (`cluster_signals`, migration 0005),
labels (`label_store.current_labels`), reviews (`analyser.review`). Until then their columns are empty.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from analyser import view_queries as q
from analyser.review_model import FEASIBILITY_DIMENSIONS, VALUE_DIMENSIONS
from analyser.review_model import GRID_DIMENSIONS as _GRID

OpenSession = Callable[[], AbstractContextManager[Any]]
SIGNAL_FLAGS = ("is_emerging", "is_new", "is_intense", "is_hidden")
COMPONENTS = ("emerging", "novelty", "intensity", "hidden", "reach")
REVIEW_STATUSES = ("unreviewed", "validated", "rejected", "promoted")


@dataclass(frozen=True)
class RunData:
    """Everything about one complete run that pages read; immutable once the run exists, so cacheable by run id."""

    run_id: str
    clusters: pd.DataFrame
    weekly: pd.DataFrame
    breakdown: pd.DataFrame
    labels: dict[str, dict[str, Any]] = field(default_factory=dict)
    has_signals: bool = False


@dataclass(frozen=True)
class ReviewSnapshot:
    """The human decisions as of now (derived from the append-only review history)."""

    states: dict[str, Any] = field(default_factory=dict)
    candidates: list[Any] = field(default_factory=list)
    available: bool = False


def latest_run(open_session: OpenSession) -> dict[str, Any] | None:
    """Freshness header data: the last complete run, the latest attempt and the ticket date range."""
    with open_session() as conn:
        return q.freshness(conn)


def run_data(open_session: OpenSession, run_id: str) -> RunData:
    """Read one run's clusters (joined with signals when that stage has run), weekly series and breakdowns."""
    with open_session() as conn:
        clusters = q.clusters(conn, run_id).to_pandas()
        has_signals = q.table_exists(conn, "cluster_signals")
        if has_signals:
            scored = q.signals(conn, run_id).to_pandas()
            has_signals = not scored.empty
            clusters = clusters.merge(scored, on="cluster_id", how="left")
        weekly = q.weekly_counts(conn, run_id).to_pandas()
        breakdown = q.breakdown(conn, run_id).to_pandas()
        labels = _labels(conn, clusters["cluster_id"].tolist())
    return RunData(run_id, _with_signal_columns(clusters), weekly, breakdown, labels, has_signals)


def _with_signal_columns(clusters: pd.DataFrame) -> pd.DataFrame:
    """Before the signals stage exists every cluster gets empty components, and the size decides the order."""
    for column in ("score", *COMPONENTS, "journey_confidence"):
        if column not in clusters:
            clusters[column] = float("nan")
    for column in (*SIGNAL_FLAGS, "gathered"):
        clusters[column] = clusters[column].fillna(False).astype(bool) if column in clusters else False
    for column in ("journey_stage", "details"):
        if column not in clusters:
            clusters[column] = None
    if "rank" not in clusters or clusters["rank"].isna().all():
        clusters["rank"] = range(1, len(clusters) + 1)
    return clusters


def _labels(conn: Any, cluster_ids: list[str]) -> dict[str, dict[str, Any]]:
    try:
        from analyser.stages.label_store import current_labels
    except ImportError:  # the labels stage has not landed in this build
        return {}
    if not q.table_exists(conn, "cluster_labels"):
        return {}
    return {cluster_id: _as_dict(label) for cluster_id, label in current_labels(conn, cluster_ids).items()}


def _as_dict(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    if hasattr(value, "as_dict"):
        return value.as_dict()
    if hasattr(value, "_asdict"):
        return value._asdict()
    return dict(getattr(value, "__dict__", {}))


def review_version(open_session: OpenSession) -> int:
    with open_session() as conn:
        return q.review_version(conn)


def review_snapshot(open_session: OpenSession) -> ReviewSnapshot:
    """Current review states and use-case candidates, read fresh (they change with every action)."""
    try:
        from analyser import review
    except ImportError:  # the review service has not landed in this build
        return ReviewSnapshot()
    with open_session() as conn:
        return ReviewSnapshot(review.current_states(conn), list(review.candidates(conn)), available=True)


def state_value(state: Any, name: str, default: Any = None) -> Any:
    """One field of a review state, whether the service returns objects or dicts."""
    if state is None:
        return default
    value = state.get(name, default) if isinstance(state, dict) else getattr(state, name, default)
    return default if value is None else value


def board(data: RunData, reviews: ReviewSnapshot) -> pd.DataFrame:
    """The signals table: one row per cluster with display title, sparkline, badges, stage and review status."""
    frame = data.clusters.copy()
    ids = frame["cluster_id"].tolist()
    states = [reviews.states.get(cluster_id) for cluster_id in ids]
    # Built as Python lists before they become columns: pandas turns a missing string into NaN, which is truthy.
    keywords = [", ".join(list(words)[:6]) for words in frame["keywords"]]
    generated = [data.labels.get(cluster_id, {}).get("title") for cluster_id in ids]
    human = [state_value(state, "title") for state in states]
    computed_stage = [missing_to_none(stage) for stage in frame["journey_stage"]]
    override = [state_value(state, "stage_override") for state in states]
    frame["sparkline"] = _dense_series(data.weekly, frame["cluster_id"])
    frame["keywords_text"] = keywords
    frame["generated_title"] = generated
    frame["human_title"] = human
    frame["title"] = [h or g or k for h, g, k in zip(human, generated, keywords)]
    frame["status"] = [state_value(state, "status", "unreviewed") for state in states]
    frame["stage_override"] = override
    frame["stage"] = [o or c for o, c in zip(override, computed_stage)]
    frame["tags"] = [list(state_value(state, "tags", [])) for state in states]
    frame["merged_into"] = [state_value(state, "merged_into") for state in states]
    frame["version"] = [state_value(state, "version", 0) for state in states]
    order = ["score", "size"] if data.has_signals else ["size"]
    return frame.sort_values(order, ascending=False, na_position="last", kind="stable").reset_index(drop=True)


def missing_to_none(value: Any) -> Any:
    """NaN / NA (how pandas stores a missing value) as None, anything else unchanged."""
    if value is None or isinstance(value, (list, tuple, dict)):
        return value
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):  # array-like values
        return value


def board_row(frame: pd.DataFrame, cluster_id: str) -> dict[str, Any]:
    """One cluster's row as plain Python values (None for missing ones)."""
    row = frame[frame["cluster_id"] == cluster_id].iloc[0].to_dict()
    return {key: missing_to_none(value) for key, value in row.items()}


def _dense_series(weekly: pd.DataFrame, cluster_ids: pd.Series) -> list[list[int]]:
    """Weekly counts per cluster over the run's whole range of weeks, zeros where a cluster had no ticket."""
    if weekly.empty:
        return [[] for _ in cluster_ids]
    grid = weekly.pivot_table(index="cluster_id", columns="week", values="tickets", aggfunc="sum", fill_value=0)
    grid = grid.reindex(index=cluster_ids, fill_value=0)
    return [list(map(int, row)) for row in grid.to_numpy()]


@dataclass(frozen=True)
class BoardFilters:
    stages: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    window: tuple[date, date] | None = None
    text: str = ""


def filter_board(
    frame: pd.DataFrame, data: RunData, filters: BoardFilters, text_hits: list[str] | None = None,
    window_counts: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Apply the page's filters; text matches titles and keywords here and ticket text via `text_hits`."""
    keep = pd.Series(True, index=frame.index)
    if filters.stages:
        keep &= frame["stage"].fillna("").isin(filters.stages)
    if filters.statuses:
        keep &= frame["status"].isin(filters.statuses)
    for dimension, wanted in (("channel", filters.channels), ("product", filters.products)):
        if wanted:
            rows = data.breakdown[(data.breakdown["dimension"] == dimension) & data.breakdown["value"].isin(wanted)]
            keep &= frame["cluster_id"].isin(set(rows["cluster_id"]))
    if window_counts is not None:
        keep &= frame["cluster_id"].isin(set(window_counts["cluster_id"]))
    if filters.text:
        needle = filters.text.casefold()
        in_labels = frame["title"].str.casefold().str.contains(needle, regex=False) | frame["keywords_text"].str.casefold().str.contains(
            needle, regex=False
        )
        keep &= in_labels | frame["cluster_id"].isin(set(text_hits or []))
    return frame[keep].reset_index(drop=True)


def tickets_matching(open_session: OpenSession, run_id: str, needle: str) -> list[str]:
    with open_session() as conn:
        return q.clusters_with_text(conn, run_id, needle)


def window_counts(open_session: OpenSession, run_id: str, start: date, end: date) -> pd.DataFrame:
    with open_session() as conn:
        return q.ticket_count_in_window(conn, run_id, start, end).to_pandas()


def facet_values(data: RunData, dimension: str) -> list[str]:
    values = data.breakdown.loc[data.breakdown["dimension"] == dimension, "value"]
    return sorted(value for value in values.unique() if value)


@dataclass(frozen=True)
class ClusterDetail:
    cluster_id: str
    tickets: list[dict[str, Any]]
    lineage: list[dict[str, Any]]
    history: list[Any]


def representative_ids(data: RunData, cluster_id: str) -> tuple[str, ...]:
    row = data.clusters[data.clusters["cluster_id"] == cluster_id]
    return tuple(row.iloc[0]["representative_ticket_ids"]) if not row.empty else ()


def cluster_detail(
    open_session: OpenSession, run_id: str, cluster_id: str, representative: tuple[str, ...], ticket_limit: int
) -> ClusterDetail:
    """Representative tickets first, then the most central others up to `ticket_limit`; lineage; review history."""
    with open_session() as conn:
        central = q.cluster_ticket_ids(conn, run_id, cluster_id, ticket_limit)
        ordered = list(dict.fromkeys([*representative, *central]))[:ticket_limit]
        tickets = q.tickets_by_id(conn, ordered)
        lineage = q.lineage(conn, cluster_id)
        history = _history(conn, cluster_id)
    return ClusterDetail(cluster_id, tickets, lineage, history)


def _history(conn: Any, cluster_id: str) -> list[Any]:
    try:
        from analyser import review
    except ImportError:
        return []
    return list(review.history(conn, cluster_id))


def explain(details: Any, language: str) -> list[str]:
    """The signals stage's words for why a cluster scores as it does (empty before that stage exists)."""
    if details is None or (isinstance(details, float) and pd.isna(details)):
        return []
    try:
        from analyser.stages.signals_explain import explain_signal
    except ImportError:
        try:
            from analyser.stages.signals import explain_signal
        except ImportError:  # the signals stage has not landed in this build
            return []
    parsed = json.loads(details) if isinstance(details, str) else details
    explained = explain_signal(parsed, language)
    return [explained] if isinstance(explained, str) else list(explained)


def map_points(open_session: OpenSession, run_id: str, limit: int, excerpt_chars: int = 80) -> pd.DataFrame:
    with open_session() as conn:
        return q.map_points(conn, run_id, limit, excerpt_chars).to_pandas()


def journey_table(frame: pd.DataFrame, data: RunData, stage_keys: list[str], recent_weeks: int = 4) -> pd.DataFrame:
    """Per configured stage, in order: volume, growth (last weeks vs the weeks before), intensity, catch-all share,
    clusters and validated frictions; `blind_spot` marks stages with pain and no validated friction."""
    weeks = sorted(data.weekly["week"].unique()) if not data.weekly.empty else []
    recent, before = set(weeks[-recent_weeks:]), set(weeks[-2 * recent_weeks:-recent_weeks])
    rows = []
    for key in [*stage_keys, "unclear"]:
        members = frame[frame["stage"].fillna("unclear") == key] if key == "unclear" else frame[frame["stage"] == key]
        series = data.weekly[data.weekly["cluster_id"].isin(set(members["cluster_id"]))]
        now_count = int(series.loc[series["week"].isin(recent), "tickets"].sum())
        before_count = int(series.loc[series["week"].isin(before), "tickets"].sum())
        validated = int(members["status"].isin(("validated", "promoted")).sum())
        volume = int(members["size"].sum())
        rows.append({
            "stage": key, "tickets": volume, "clusters": len(members), "validated": validated,
            "growth": (now_count - before_count) / before_count if before_count else None,
            "intensity": _weighted(members, "intensity"), "catch_all_share": _weighted(members, "hidden"),
            "blind_spot": bool(volume and not validated and key != "unclear"),
        })
    return pd.DataFrame(rows)


def _weighted(members: pd.DataFrame, column: str) -> float | None:
    values = members[[column, "size"]].dropna()
    return float((values[column] * values["size"]).sum() / values["size"].sum()) if not values.empty else None


@dataclass(frozen=True)
class RecentGroup:
    """A recent pocket or a dense group of unclustered recent tickets, with a few of its tickets to read."""

    kind: str  # pocket | noise
    number: int  # 1 = largest of its kind in the run
    tickets: int
    first_ticket_at: Any
    last_ticket_at: Any
    keywords: list[str]
    examples: list[dict[str, Any]]  # redacted tickets (never raw text), newest first
    recent_share: float | None = None  # pockets: share of recent tickets among the members' neighbours
    home: str | None = None  # pockets: the cluster gathering its tickets (None: all unclustered)
    gathered_from: list[tuple[str | None, int]] = field(default_factory=list)  # gathered pockets: where the clustering had put them


def recent_groups(open_session: OpenSession, run_id: str, examples: int = 3) -> list[RecentGroup]:
    """The run's recent pockets then its dense groups of unclustered recent tickets, each with its newest tickets."""
    from analyser.stages.signals_store import pocket_gathered_from, pocket_home, read_noise_signals, read_recent_pockets

    with open_session() as conn:
        if not q.table_exists(conn, "noise_signals"):
            return []
        pockets, noise = read_recent_pockets(conn, run_id), read_noise_signals(conn, run_id)
        tickets = {t["ticket_id"]: t for t in q.tickets_by_id(conn, sorted({i for g in [*pockets, *noise] for i in g["ticket_ids"]}))}
    newest_first = lambda ids: sorted((tickets[i] for i in ids if i in tickets), key=lambda t: t["created_at"], reverse=True)  # noqa: E731
    groups = []
    for kind, items, number_key in (("pocket", pockets, "pocket_id"), ("noise", noise, "group_id")):
        for item in items:
            extra = {"home": pocket_home(item), "gathered_from": pocket_gathered_from(item)} if kind == "pocket" else {}
            groups.append(RecentGroup(
                kind=kind, number=item[number_key], tickets=item["tickets"], first_ticket_at=item["first_ticket_at"],
                last_ticket_at=item["last_ticket_at"], keywords=list(item["keywords"]),
                examples=newest_first(item["ticket_ids"])[:examples],
                recent_share=item.get("recent_share"), **extra,
            ))
    return groups


def blind_spot_report(open_session: OpenSession, run_id: str, reviews: ReviewSnapshot) -> list[dict[str, Any]] | None:
    """The signals stage's own blind-spot report when it exists (it knows catch-all categories per ticket)."""
    try:
        from analyser.stages.signals_store import read_blind_spot_report
    except ImportError:
        return None
    validated = {c for c, s in reviews.states.items() if state_value(s, "status") in ("validated", "promoted")}
    overrides = {c: state_value(s, "stage_override") for c, s in reviews.states.items() if state_value(s, "stage_override")}
    with open_session() as conn:
        if not q.table_exists(conn, "cluster_signals"):
            return None
        return [_as_dict(row) for row in read_blind_spot_report(conn, run_id, validated, overrides)]


def event_row(event: Any) -> dict[str, Any]:
    """One review event as a table row: who, when, what, before, after, comment (JSON kept as text)."""
    values = _as_dict(event)
    row = {name: values.get(name) for name in ("at", "actor", "action", "before", "after", "comment")}
    for name in ("before", "after"):
        if row[name] is not None and not isinstance(row[name], str):
            row[name] = json.dumps(row[name], ensure_ascii=False, default=str)
    return row


# The eight dimensions of PRODUCT.md's prioritisation grid, from the review model (one copy); two are "lower is better".
GRID_DIMENSIONS = tuple(key for key, _, _, _ in _GRID)
LOWER_IS_BETTER = tuple(key for key, _, _, lower in _GRID if lower)


def candidate_row(candidate: Any) -> dict[str, Any]:
    values = _as_dict(candidate)
    row = {name: values.get(name) for name in ("candidate_id", "cluster_id", "grid", "stance", "ethics", "owner", "status", "version")}
    row["grid"] = row["grid"] or {}
    return row


def grid_entry(grid: dict[str, Any], dimension: str) -> tuple[int | None, str | None]:
    """(score, justification) of one dimension, whether stored as {score, justification} or a bare score."""
    entry = grid.get(dimension)
    if entry is None:
        return None, None
    if isinstance(entry, dict):
        return entry.get("score"), entry.get("justification")
    if isinstance(entry, (list, tuple)):
        return entry[0], entry[1] if len(entry) > 1 else None
    score = getattr(entry, "score", entry)
    return int(score) if score is not None else None, getattr(entry, "justification", None)


def value_feasibility(grid: dict[str, Any]) -> tuple[float | None, float | None]:
    """Mean of the value dimensions and of the feasibility ones (complexity and risk inverted: 6 - score), 1 to 5."""
    def mean(dimensions: tuple[str, ...]) -> float | None:
        scores = []
        for dimension in dimensions:
            score = grid_entry(grid, dimension)[0]
            if score is not None:
                scores.append(6 - score if dimension in LOWER_IS_BETTER else score)
        return sum(scores) / len(scores) if scores else None

    return mean(VALUE_DIMENSIONS), mean(FEASIBILITY_DIMENSIONS)
