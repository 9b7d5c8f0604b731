"""Signals edge: read the ticket fields the signals need; write and read a run's signals (values always bound).

`write_signals` runs inside the transaction of `cluster_store.write_run_results`, before the
`run_results` row: readers see a run's signals together with its clusters, or neither.
The blind-spot report is computed at read time from the stored per-cluster counts, the human
stage overrides and the validated frictions given by the caller (the review events).
"""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa

from analyser.config import JourneyStage, SignalSettings
from analyser.db import Connection, table_exists
from analyser.stages.signals.components import COMPONENT_KEYS, SIGNAL_FLAGS
from analyser.stages.signals.journey import ClusterStageFacts, StageReport, blind_spot_report
from analyser.stages.signals.run import RunSignals, TicketAttributes


def load_ticket_attributes(conn: Connection) -> TicketAttributes:
    table = conn.sql(
        "SELECT ticket_id, category, customer_id, channel, product, satisfaction, "
        "coalesce(subject || '\n', '') || text AS body FROM tickets ORDER BY ticket_id"
    ).to_arrow_table()
    column = table.column
    return TicketAttributes(
        ticket_ids=column("ticket_id").to_pylist(), categories=column("category").to_pylist(),
        customers=column("customer_id").to_pylist(), channels=column("channel").to_pylist(),
        products=column("product").to_pylist(), satisfaction=column("satisfaction").to_pylist(), texts=column("body").to_pylist(),
    )


def write_signals(conn: Connection, signals: RunSignals) -> None:
    """Insert a run's signals; the caller holds the transaction."""
    conn.execute(
        "INSERT INTO signal_runs VALUES (?, ?, ?, ?, ?, ?)",
        [signals.run_id, signals.newest_day, signals.recent_start, signals.baseline_start, signals.lexicon, json.dumps(signals.details)],
    )
    rows = signals.clusters
    clusters = pa.table({
        "cluster_id": pa.array([s.cluster_id for s in rows], pa.string()), "score": pa.array([s.score for s in rows], pa.float64()),
        "rank": pa.array([s.rank for s in rows], pa.int32()),
        **{name: pa.array([s.components[name] for s in rows], pa.float64()) for name in COMPONENT_KEYS},
        **{name: pa.array([s.flags[name] for s in rows], pa.bool_()) for name in SIGNAL_FLAGS},
        "journey_stage": pa.array([s.journey_stage for s in rows], pa.string()),
        "journey_confidence": pa.array([s.journey_confidence for s in rows], pa.float64()),
        **{name: pa.array([getattr(s, name) for s in rows], pa.int32())
           for name in ("size", "recent_tickets", "baseline_tickets", "intense_tickets", "catch_all_tickets")},
        "details": pa.array([json.dumps(s.details, default=str) for s in rows], pa.string()),
    })
    series = pa.table({
        "cluster_id": pa.array([r.cluster_id for r in signals.series], pa.string()),
        "granularity": pa.array([r.granularity for r in signals.series], pa.string()),
        "period_start": pa.array([r.period_start for r in signals.series], pa.date32()),
        "tickets": pa.array([r.tickets for r in signals.series], pa.int32()),
    })
    noise = pa.table({
        "group_id": pa.array([g.group_id for g in signals.noise], pa.int32()),
        "tickets": pa.array([len(g.ticket_ids) for g in signals.noise], pa.int32()),
        "cohesion": pa.array([g.cohesion for g in signals.noise], pa.float64()),
        "keywords": pa.array([g.keywords for g in signals.noise], pa.list_(pa.string())),
        "ticket_ids": pa.array([g.ticket_ids for g in signals.noise], pa.list_(pa.string())),
        "first_ticket_at": pa.array([g.first_ticket_at for g in signals.noise], pa.timestamp("us")),
        "last_ticket_at": pa.array([g.last_ticket_at for g in signals.noise], pa.timestamp("us")),
    })
    pockets = signals.pockets
    pocket_table = pa.table({
        "pocket_id": pa.array([p.pocket_id for p in pockets], pa.int32()),
        "tickets": pa.array([len(p.ticket_ids) for p in pockets], pa.int32()),
        "recent_share": pa.array([p.recent_share for p in pockets], pa.float64()),
        "keywords": pa.array([p.keywords for p in pockets], pa.list_(pa.string())),
        "ticket_ids": pa.array([p.ticket_ids for p in pockets], pa.list_(pa.string())),
        "cluster_ids": pa.array([p.cluster_ids for p in pockets], pa.list_(pa.string())),
        "cluster_tickets": pa.array([p.cluster_tickets for p in pockets], pa.list_(pa.int32())),
        "cluster_sizes": pa.array([p.cluster_sizes for p in pockets], pa.list_(pa.int32())),
        "first_ticket_at": pa.array([p.first_ticket_at for p in pockets], pa.timestamp("us")),
        "last_ticket_at": pa.array([p.last_ticket_at for p in pockets], pa.timestamp("us")),
        "gathered_into": pa.array([p.gathered_into for p in pockets], pa.string()),
        "kind": pa.array([p.kind for p in pockets], pa.string()),
        "growth": pa.array([json.dumps(p.growth) if p.growth is not None else None for p in pockets], pa.string()),
    })
    names = {"new_cluster_signals": clusters, "new_cluster_series": series, "new_noise_signals": noise,
             "new_recent_pockets": pocket_table}
    for name, table in names.items():
        conn.register(name, table)
    try:
        columns = ", ".join(SIGNAL_COLUMNS[:-1])  # names from the component registry, never user input
        conn.execute(
            f"INSERT INTO cluster_signals (run_id, {', '.join(SIGNAL_COLUMNS)}) SELECT ?, {columns}, details::JSON FROM new_cluster_signals",
            [signals.run_id],
        )
        conn.execute("INSERT INTO cluster_series SELECT ?, * FROM new_cluster_series", [signals.run_id])
        conn.execute("INSERT INTO noise_signals SELECT ?, * FROM new_noise_signals", [signals.run_id])
        conn.execute(
            f"INSERT INTO recent_pockets (run_id, {', '.join(POCKET_COLUMNS)}) SELECT ?, * FROM new_recent_pockets", [signals.run_id]
        )
    finally:
        for name in names:
            conn.unregister(name)


SIGNAL_COLUMNS = (
    "cluster_id", "score", "rank", *COMPONENT_KEYS, *SIGNAL_FLAGS, "journey_stage", "journey_confidence", "size", "recent_tickets",
    "baseline_tickets", "intense_tickets", "catch_all_tickets", "details",
)


def read_signals(conn: Connection, run_id: str, limit: int | None = None) -> list[dict[str, Any]]:
    """The run's clusters by rank, with keywords and decoded details."""
    rows = conn.execute(
        f"SELECT {', '.join('s.' + c for c in SIGNAL_COLUMNS)}, c.keywords FROM cluster_signals s "
        "JOIN clusters c ON c.run_id = s.run_id AND c.cluster_id = s.cluster_id "
        "WHERE s.run_id = ? ORDER BY s.rank LIMIT ?",
        [run_id, limit if limit is not None else 2**31 - 1],
    ).fetchall()
    result = []
    for row in rows:
        item = dict(zip((*SIGNAL_COLUMNS, "keywords"), row))
        item["details"] = json.loads(item["details"])
        result.append(item)
    return result


def read_series(conn: Connection, run_id: str, cluster_ids: list[str], granularity: str = "week") -> dict[str, list[tuple[Any, int]]]:
    """(period start, tickets) per cluster, oldest first."""
    rows = conn.execute(
        "SELECT cluster_id, period_start, tickets FROM cluster_series WHERE run_id = ? AND granularity = ? "
        "AND list_contains(?, cluster_id) ORDER BY cluster_id, period_start",
        [run_id, granularity, cluster_ids],
    ).fetchall()
    result: dict[str, list[tuple[Any, int]]] = {cluster_id: [] for cluster_id in cluster_ids}
    for cluster_id, period_start, tickets in rows:
        result[cluster_id].append((period_start, tickets))
    return result


def read_noise_signals(conn: Connection, run_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT group_id, tickets, cohesion, keywords, ticket_ids, first_ticket_at, last_ticket_at FROM noise_signals "
        "WHERE run_id = ? ORDER BY group_id",
        [run_id],
    ).fetchall()
    keys = ("group_id", "tickets", "cohesion", "keywords", "ticket_ids", "first_ticket_at", "last_ticket_at")
    return [dict(zip(keys, row)) for row in rows]


POCKET_COLUMNS = (
    "pocket_id", "tickets", "recent_share", "keywords", "ticket_ids", "cluster_ids", "cluster_tickets", "cluster_sizes",
    "first_ticket_at", "last_ticket_at", "gathered_into", "kind", "growth",
)


def read_recent_pockets(conn: Connection, run_id: str) -> list[dict[str, Any]]:
    """The run's recent pockets, largest first; none for a database written before pockets existed
    (`gathered_into` is None for one written before pockets were gathered)."""
    if not table_exists(conn, "recent_pockets"):
        return []
    present = {row[0] for row in conn.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'recent_pockets'").fetchall()}
    columns = [name if name in present else f"NULL AS {name}" for name in POCKET_COLUMNS]  # a read-only reader does not migrate
    rows = conn.execute(f"SELECT {', '.join(columns)} FROM recent_pockets WHERE run_id = ? ORDER BY pocket_id", [run_id]).fetchall()
    pockets = [dict(zip(POCKET_COLUMNS, row)) for row in rows]
    for pocket in pockets:  # runs before growing slices: every pocket is a recent one
        pocket["kind"] = pocket["kind"] or "recent"
        pocket["growth"] = json.loads(pocket["growth"]) if isinstance(pocket["growth"], str) else pocket["growth"]
    return pockets


def pocket_home(pocket: dict[str, Any]) -> str | None:
    """The cluster to open for a pocket as read by `read_recent_pockets`: the one it was gathered into, or (gathering
    off, or a run before it) the one the clustering had put most of it in; None when all its tickets are unclustered."""
    return pocket.get("gathered_into") or (pocket["cluster_ids"][0] if pocket["cluster_ids"] else None)


def pocket_gathered_from(pocket: dict[str, Any]) -> list[tuple[str | None, int]]:
    """Where the clustering had put a gathered pocket's tickets: (cluster, how many), most first, then (None, unclustered);
    empty when the pocket was not gathered (gathering off, or a run before it) or all of it already sat in its cluster."""
    held = list(zip(pocket["cluster_ids"], pocket["cluster_tickets"]))
    unclustered = pocket["tickets"] - sum(count for _, count in held)
    sources = held + ([(None, unclustered)] if unclustered else [])
    return [] if not pocket.get("gathered_into") or sources == [(pocket["gathered_into"], pocket["tickets"])] else sources


def read_signal_run(conn: Connection, run_id: str) -> dict[str, Any] | None:
    row = conn.execute(
        "SELECT newest_day, recent_start, baseline_start, lexicon, details FROM signal_runs WHERE run_id = ?", [run_id]
    ).fetchall()
    if not row:
        return None
    newest, recent_start, baseline_start, lexicon, details = row[0]
    return {"newest_day": newest, "recent_start": recent_start, "baseline_start": baseline_start, "lexicon": lexicon,
            "details": json.loads(details)}


def read_blind_spot_report(
    conn: Connection, run_id: str, validated_cluster_ids: set[str], stage_overrides: dict[str, str],
    stages: list[JourneyStage] | None = None,
) -> list[StageReport]:
    """The blind-spot report of a run, with today's human overrides and validations (stages: the run's own by default)."""
    run = read_signal_run(conn, run_id)
    if run is None:
        return []
    if stages is None:
        stages = [JourneyStage(**stage) for stage in run["details"].get("journey", [])]
    rows = conn.execute(
        "SELECT cluster_id, journey_stage, size, recent_tickets, baseline_tickets, intense_tickets, catch_all_tickets, "
        "is_emerging, is_intense, is_hidden FROM cluster_signals WHERE run_id = ? ORDER BY cluster_id",
        [run_id],
    ).fetchall()
    windows = run["details"].get("windows", {})
    stored, defaults = run["details"].get("settings", {}), SignalSettings()  # the run's own settings; defaults for older runs
    return blind_spot_report(
        stages, [ClusterStageFacts(*row) for row in rows], validated_cluster_ids, stage_overrides,
        recent_days=windows.get("recent_days", 14), baseline_days=windows.get("baseline_days", 84),
        high_catch_all_share=stored.get("blind_spot_catch_all_share", defaults.blind_spot_catch_all_share),
        hidden_ticket_share=stored.get("blind_spot_hidden_share", defaults.blind_spot_hidden_share),
    )
