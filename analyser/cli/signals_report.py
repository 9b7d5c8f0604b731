"""Terminal tables and JSON for weak signals and the journey blind-spot report (markup-safe: data is plain Text)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from analyser.stages.signals.components import COMPONENT_KEYS, COMPONENTS
from analyser.stages.signals.explain import explain_signal, main_reason
from analyser.stages.signals.journey import StageReport
from analyser.stages.signals.store import pocket_gathered_from, pocket_home

# Each badge as one letter in the table: the first letter of its English word (E emerging, N new, I intense, H hidden).
FLAGS = tuple((c.flag, (c.flag_en or c.key)[0].upper()) for c in COMPONENTS if c.flag)


def _flags(signal: dict[str, Any]) -> str:
    return "".join(letter if signal[key] else "·" for key, letter in FLAGS)


def print_history_note(console: Console, history: dict[str, Any] | None) -> None:
    """Say so when the history is too short for emerging flags and recent pockets (none is raised then)."""
    if history and not history.get("reliable", True):
        console.print(
            f"Not yet reliable: {history['days']} days of tickets, {history['min_days']} needed for emerging flags and recent "
            "pockets (signals.min_history_days); none is raised until then, the other components rank as usual.",
            style="yellow", markup=False, highlight=False,
        )


def print_alerts_note(console: Console, alerts: dict[str, Any] | None) -> None:
    """What an emerging badge promises on this run: its calibration on shuffled dates (growth.py)."""
    if alerts:
        console.print(
            f"Emerging alerts are calibrated on {alerts['shuffles']} date shuffles of this run's tickets: on a night when nothing "
            f"grows, at most a {alerts['level']:.0%} chance of any emerging badge ({alerts['tests']:,} tests; an alert needs p <= "
            f"{alerts['critical_p']:.1e}).", markup=False, highlight=False,
        )


def print_signals(
    console: Console, signals: list[dict[str, Any]], stage_names: dict[str, str], weights: dict[str, float], language: str = "fr",
    titles: dict[str, str] | None = None,
) -> None:
    """Top weak signals: rank, cluster, score, components, flags, stage and the sentence behind the main component."""
    legend = ", ".join(f"{letter} {c.flag_en}" for c, (_, letter) in zip((c for c in COMPONENTS if c.flag), FLAGS))
    table = Table(title=f"Top weak signals (flags: {legend})", title_justify="left")
    titles = titles or {}
    numbers = ("#", "score", *COMPONENT_KEYS, "tickets")
    for column in ("#", "cluster", "score", *COMPONENT_KEYS, "flags", "tickets", "stage", "title or keywords", "why"):
        table.add_column(column, justify="right" if column in numbers else "left")
    for signal in signals:
        stage = signal["journey_stage"]
        known = {name: signal[name] for name in COMPONENT_KEYS if signal[name] is not None}
        why = main_reason(signal["details"], {name: weights.get(name, 0.0) * value for name, value in known.items()}, language)
        table.add_row(
            str(signal["rank"]), Text(signal["cluster_id"]), f"{signal['score']:.2f}",
            *(f"{signal[name]:.2f}" if signal[name] is not None else "?" for name in COMPONENT_KEYS),
            _flags(signal), str(signal["size"]), Text(stage_names.get(stage, stage) + f" ({signal['journey_confidence']:.0%})"),
            Text(titles.get(signal["cluster_id"]) or ", ".join(signal.get("keywords", [])[:4])), Text(why),
        )
    console.print(table)


def print_stage_summary(console: Console, reports: list[StageReport]) -> None:
    """The journey blind-spot report, blind spots first."""
    table = Table(title="Journey stages (blind spots first)", title_justify="left")
    for column in ("stage", "clusters", "tickets", "recent", "growth", "intense", "catch-all", "hidden", "validated", "blind spot"):
        table.add_column(column, justify="left" if column in ("stage", "blind spot") else "right")
    for report in reports:
        table.add_row(
            Text(report.name), str(report.clusters), str(report.tickets), str(report.recent_tickets),
            f"x{report.growth:.1f}" if report.growth is not None else "-", f"{report.intensity:.0%}", f"{report.catch_all_share:.0%}",
            str(report.hidden_clusters), str(report.validated_frictions), Text(", ".join(report.reasons) if report.blind_spot else ""),
        )
    console.print(table)


def print_recent_pockets(console: Console, pockets: list[dict[str, Any]], titles: dict[str, str] | None = None) -> None:
    if not pockets:
        return
    titles = titles or {}
    console.print(f"{len(pockets)} pocket(s): recent tickets packed together whose neighbours are mostly recent (new pain, even "
                  "inside an old cluster), or growing slices of an old topic (more tickets in the last days than date shuffles "
                  "give):", highlight=False)
    for pocket in pockets[:5]:
        home, sources = pocket_home(pocket), pocket_gathered_from(pocket)
        where = "unclustered" if home is None else f"in {home}" + (f" {titles[home]!r}" if titles.get(home) else "")
        if sources:
            where += " (gathered from " + ", ".join(f"{cluster or 'unclustered'}: {count}" for cluster, count in sources) + ")"
        growth = pocket.get("growth") if pocket.get("kind") == "growth" else None
        what = (f"growing slice, {growth['observed']} tickets in {growth['window_days']} days where {growth['expected']:.1f} were "
                f"expected (corrected p {growth['corrected_p']:.2f})") if growth else f"{pocket['recent_share']:.0%} recent neighbours"
        console.print(
            Text(f"  pocket {pocket['pocket_id']}: {pocket['tickets']} tickets, {pocket['first_ticket_at']:%Y-%m-%d} to "
                 f"{pocket['last_ticket_at']:%Y-%m-%d}, {what}, {where}: " + ", ".join(pocket["keywords"][:6])),
            highlight=False,
        )


def print_noise_groups(console: Console, groups: list[dict[str, Any]]) -> None:
    if not groups:
        return
    console.print(f"{len(groups)} dense group(s) of recent unclustered tickets (a signal the clusters do not hold yet):", highlight=False)
    for group in groups[:5]:
        console.print(
            Text(f"  group {group['group_id']}: {group['tickets']} tickets, {group['first_ticket_at']:%Y-%m-%d} to "
                 f"{group['last_ticket_at']:%Y-%m-%d}: " + ", ".join(group["keywords"][:6])),
            highlight=False,
        )


def signals_json(
    signals: list[dict[str, Any]], weekly: dict[str, list[tuple[Any, int]]], language: str = "fr", titles: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """Per cluster: stable id, title (its label, else its first keywords), keywords, score, components, flags, stage,
    size, weekly counts, explanation and raw details."""
    titles = titles or {}
    return [
        {
            "cluster_id": s["cluster_id"], "rank": s["rank"], "title": titles.get(s["cluster_id"]) or ", ".join(s.get("keywords", [])[:3]),
            "keywords": s.get("keywords", []),
            "score": s["score"], "components": {name: s[name] for name in COMPONENT_KEYS},
            "flags": {key.removeprefix("is_"): s[key] for key, _ in FLAGS},
            "journey_stage": s["journey_stage"], "journey_confidence": s["journey_confidence"], "size": s["size"],
            "recent_tickets": s["recent_tickets"],
            "weekly": [{"week": period.isoformat(), "tickets": tickets} for period, tickets in weekly.get(s["cluster_id"], [])],
            "explanation": explain_signal(s["details"], language), "details": s["details"],
        }
        for s in signals
    ]
