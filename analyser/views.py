"""The review app's read service: what each page shows, as plain data (pandas), no Streamlit here.

Run-level data (clusters, signals, labels, weekly series, breakdowns, map points) only changes when a
new run completes, so the app caches it per run id; review state changes with every click and is read
fresh. Every read opens a short-lived connection (`open_session`) and closes it, so the nightly batch is
never blocked for long and readers always see the last complete run.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import pandas as pd

from analyser.db import Connection, OpenSession
from analyser.grid import feasibility_score, value_score
from analyser.queries import clusters as q
from analyser.review import service as review
from analyser.review.model import Candidate, ReviewEvent, ReviewState
from analyser.review.suggest import MergeSuggestion, merge_suggestions
from analyser.stages.label.store import current_labels
from analyser.stages.signals.components import COMPONENT_KEYS, SIGNAL_FLAGS
from analyser.stages.signals.explain import explain_signal
from analyser.stages.signals.store import pocket_gathered_from, pocket_home, read_blind_spot_report, read_noise_signals, read_recent_pockets


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

    states: dict[str, ReviewState] = field(default_factory=dict)
    candidates: list[Candidate] = field(default_factory=list)


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
    for column in ("score", *COMPONENT_KEYS, "journey_confidence"):
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


def _labels(conn: Connection, cluster_ids: list[str]) -> dict[str, dict[str, Any]]:
    return {cluster_id: dataclasses.asdict(label) for cluster_id, label in current_labels(conn, cluster_ids).items()}


def review_version(open_session: OpenSession) -> int:
    with open_session() as conn:
        return q.review_version(conn)


def review_snapshot(open_session: OpenSession) -> ReviewSnapshot:
    """Current review states and use-case candidates, read fresh (they change with every action)."""
    with open_session() as conn:
        return ReviewSnapshot(review.current_states(conn), list(review.candidates(conn)))


def state_value(state: ReviewState | None, name: str, default: Any = None) -> Any:
    """One field of a cluster's review state; `default` for a cluster nobody reviewed or a field not set."""
    value = getattr(state, name) if state is not None else None
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


def _history(conn: Connection, cluster_id: str) -> list[ReviewEvent]:
    return list(review.history(conn, cluster_id))


def explain(details: Any, language: str) -> list[str]:
    """The signals stage's words for why a cluster scores as it does (empty for a run without signals)."""
    if details is None or (isinstance(details, float) and pd.isna(details)):
        return []
    return explain_signal(json.loads(details) if isinstance(details, str) else details, language)


@dataclass(frozen=True)
class Suggestions:
    """For one cluster: the clusters most like it (merge candidates) and its tickets least like it."""

    cluster_id: str
    merges: list[MergeSuggestion]
    outliers: list[dict[str, Any]]  # redacted tickets with their membership `strength`, weakest first


def suggestions(open_session: OpenSession, run_id: str, cluster_id: str, merges: int = 3, outliers: int = 5) -> Suggestions:
    with open_session() as conn:
        ids, matrix, keywords = q.centroids(conn, run_id)
        weakest = q.weakest_members(conn, run_id, cluster_id, outliers)
        tickets = {t["ticket_id"]: t for t in q.tickets_by_id(conn, [ticket_id for ticket_id, _ in weakest])}
    return Suggestions(
        cluster_id, merge_suggestions(cluster_id, ids, matrix, keywords, merges),
        [{**tickets[ticket_id], "strength": strength} for ticket_id, strength in weakest if ticket_id in tickets],
    )


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
    growth: dict[str, Any] | None = None  # a growing slice (not a recent pocket): window_days, observed, expected, corrected_p


def recent_groups(open_session: OpenSession, run_id: str, examples: int = 3) -> list[RecentGroup]:
    """The run's recent pockets then its dense groups of unclustered recent tickets, each with its newest tickets."""
    with open_session() as conn:
        if not q.table_exists(conn, "noise_signals"):
            return []
        pockets, noise = read_recent_pockets(conn, run_id), read_noise_signals(conn, run_id)
        tickets = {t["ticket_id"]: t for t in q.tickets_by_id(conn, sorted({i for g in [*pockets, *noise] for i in g["ticket_ids"]}))}
    newest_first = lambda ids: sorted((tickets[i] for i in ids if i in tickets), key=lambda t: t["created_at"], reverse=True)  # noqa: E731
    groups = []
    for kind, items, number_key in (("pocket", pockets, "pocket_id"), ("noise", noise, "group_id")):
        for item in items:
            extra = {"home": pocket_home(item), "gathered_from": pocket_gathered_from(item),
                     "growth": item.get("growth") if item.get("kind") == "growth" else None} if kind == "pocket" else {}
            groups.append(RecentGroup(
                kind=kind, number=item[number_key], tickets=item["tickets"], first_ticket_at=item["first_ticket_at"],
                last_ticket_at=item["last_ticket_at"], keywords=list(item["keywords"]),
                examples=newest_first(item["ticket_ids"])[:examples],
                recent_share=item.get("recent_share"), **extra,
            ))
    return groups


def blind_spot_report(open_session: OpenSession, run_id: str, reviews: ReviewSnapshot) -> list[dict[str, Any]] | None:
    """The signals stage's own blind-spot report (it knows catch-all categories per ticket); None for a run without signals."""
    validated = {c for c, s in reviews.states.items() if state_value(s, "status") in ("validated", "promoted")}
    overrides = {c: state_value(s, "stage_override") for c, s in reviews.states.items() if state_value(s, "stage_override")}
    with open_session() as conn:
        if not q.table_exists(conn, "cluster_signals"):
            return None
        return [dataclasses.asdict(row) for row in read_blind_spot_report(conn, run_id, validated, overrides)]


def event_row(event: ReviewEvent) -> dict[str, Any]:
    """One review event as a table row: who, when, what, before, after, comment (JSON kept as text)."""
    return {
        "at": event.at, "actor": event.actor, "action": event.action,
        "before": json.dumps(_short_lists(event.before), ensure_ascii=False, default=str) if event.before is not None else None,
        "after": json.dumps(_short_lists(event.after), ensure_ascii=False, default=str) if event.after is not None else None,
        "comment": event.comment,
    }


def _short_lists(values: dict[str, Any], keep: int = 5) -> dict[str, Any]:
    """Long lists (the tickets a reject holds out or a move moves) as their first few ids and a count."""
    return {key: [*value[:keep], f"+{len(value) - keep}"] if isinstance(value, list) and len(value) > keep + 1 else value
            for key, value in values.items()}


def candidate_row(candidate: Candidate) -> dict[str, Any]:
    row = {name: getattr(candidate, name) for name in ("candidate_id", "cluster_id", "stance", "owner", "status", "version")}
    row["grid"] = {key: (entry.score, entry.justification) for key, entry in candidate.grid.items()}
    row["ethics"] = dict(candidate.ethics)
    return row


def grid_entry(grid: dict[str, tuple[int, str]], dimension: str) -> tuple[int | None, str | None]:
    """(score, justification) of one dimension of a candidate row's grid; (None, None) until it is scored."""
    return grid.get(dimension, (None, None))


def value_feasibility(grid: dict[str, tuple[int, str]]) -> tuple[float | None, float | None]:
    """The grid's value and feasibility (analyser.grid: one rule for the app, the review service and the exports)."""
    scores = {key: score for key, (score, _) in grid.items()}
    return value_score(scores), feasibility_score(scores)


def briefing(
    open_session: OpenSession, settings: Any, period_days: int, language: str, base_url: str | None = None,
    data: RunData | None = None, reviews: ReviewSnapshot | None = None,
) -> Any:
    """The weekly briefing of the last complete run (analyser/briefing.py); None before the first run. The app passes
    the run's data and reviews it already holds."""
    from analyser.briefing import BriefingInputs, build_briefing
    from analyser.stages.signals.explain import main_reason
    from analyser.vocabulary import reason_name, status_name

    fresh = latest_run(open_session)
    if fresh is None:
        return None
    run_id = fresh["run_id"]
    if data is None or data.run_id != run_id:
        data = run_data(open_session, run_id)
    reviews = reviews if reviews is not None else review_snapshot(open_session)
    frame = board(data, reviews).sort_values("rank", kind="stable")
    end = (fresh["last_ticket_at"] or fresh["completed_at"]).date()
    start, before_start = end - timedelta(days=period_days - 1), end - timedelta(days=2 * period_days - 1)
    now = window_counts(open_session, run_id, start, end)
    before = window_counts(open_session, run_id, before_start, start - timedelta(days=1))
    weights = settings.signals.weights.model_dump()
    signals = []
    for row in frame.to_dict("records"):
        details = json.loads(row["details"]) if isinstance(row.get("details"), str) else (row.get("details") or {})
        components = {name: weights.get(name, 0.0) * float(row[name]) for name in COMPONENT_KEYS if not pd.isna(row.get(name))}
        signals.append({
            "cluster_id": row["cluster_id"], "title": row["title"], "status": status_name(row["status"], language),
            "status_key": row["status"], "reason": main_reason(details, components, language) if details else "",
            "is_new": bool(row.get("is_new")), "emerging_alert": bool((details.get("emerging") or {}).get("alert")),
        })
    with open_session() as conn:
        events = review.history_since(conn, datetime.combine(start, datetime.min.time()))
        totals = conn.execute(
            "SELECT count(*) FILTER (WHERE CAST(created_at AS DATE) BETWEEN ? AND ?), "
            "count(*) FILTER (WHERE CAST(created_at AS DATE) BETWEEN ? AND ?) FROM tickets",
            [start, end, before_start, start - timedelta(days=1)],
        ).fetchall()[0]
    stage_names = {stage.key: stage.name for stage in settings.journey}
    spots = [{"name": stage_names.get(spot["stage"], spot["name"]), "tickets": spot["tickets"],
              "reasons": ", ".join(reason_name(reason, language) for reason in spot["reasons"])}
             for spot in blind_spot_report(open_session, run_id, reviews) or [] if spot["blind_spot"]]
    pockets = [{"kind": "growth" if group.growth else "pocket", "tickets": group.tickets, "keywords": group.keywords,
                "home": group.home, "growth": group.growth} for group in recent_groups(open_session, run_id, examples=0)
               if group.kind == "pocket"]
    inputs = BriefingInputs(
        run_id=run_id, completed_at=fresh["completed_at"], end=end, signals=signals,
        counts_now=dict(zip(now["cluster_id"], now["tickets"])), counts_before=dict(zip(before["cluster_id"], before["tickets"])),
        total_now=int(totals[0]), total_before=int(totals[1]), pockets=pockets, blind_spots=spots,
        actions=[event.action for event in events if event.candidate_id is None or event.action == "promote"],
        validated=sum(1 for state in reviews.states.values() if state.status in ("validated", "promoted") and not state.archived),
        candidates=len(reviews.candidates),
    )
    return build_briefing(inputs, period_days, language, base_url)
