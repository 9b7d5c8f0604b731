"""Human-readable tables for the terminal; JSON output is built from the same dictionaries."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from analyser.stages.ingest import QUARANTINE_REASONS, FileReport


def print_ingest_report(console: Console, run_id: str, status: str, reports: list[FileReport]) -> None:
    table = Table(title=f"Ingest report: run {run_id} ({status})", title_justify="left")
    for column in ("file", "read", "inserted", "updated", "unchanged", "quarantined"):
        table.add_column(column, justify="left" if column == "file" else "right")
    for report in reports:
        table.add_row(
            Text(report.path + (" (same file as last time: not read again)" if report.same_file else "")),
            str(report.read), str(report.inserted), str(report.updated),
            str(report.unchanged), str(report.quarantined_total),
        )
    console.print(table)
    reasons: dict[str, int] = {}
    for report in reports:
        for reason, count in report.quarantined.items():
            reasons[reason] = reasons.get(reason, 0) + count
    if reasons:
        console.print("Quarantined rows (see `analyser quarantine` for each row):", markup=False)
        for reason, count in sorted(reasons.items()):
            console.print(f"  {count:>6}  {reason}: {QUARANTINE_REASONS[reason]}", markup=False, highlight=False)


def print_status(console: Console, database: str, overview: dict[str, Any], runs: list[dict], quarantine: list[dict]) -> None:
    console.print(Text.assemble(("Database ", "bold"), database))
    if overview["tickets"]:
        console.print(
            f"{overview['tickets']} tickets from {overview['first_ticket_at']:%Y-%m-%d} to "
            f"{overview['last_ticket_at']:%Y-%m-%d}; {overview['tickets_with_redactions']} with personal data redacted; "
            f"{overview['edited_tickets']} edited since first ingest"
        )
        console.print("By channel: " + ", ".join(f"{k} {v}" for k, v in overview["by_channel"].items()), markup=False)
        console.print("By language: " + ", ".join(f"{k} {v}" for k, v in overview["by_language"].items()), markup=False)
    else:
        console.print("No tickets yet. Run `analyser run` or `analyser ingest FILE`.")
    if quarantine:
        table = Table(title="Quarantine", title_justify="left")
        for column in ("file", "reason", "rows"):
            table.add_column(column, justify="right" if column == "rows" else "left")
        for item in quarantine:
            table.add_row(Text(item["source_file"]), item["reason"], str(item["rows"]))
        console.print(table)
    table = Table(title="Last runs", title_justify="left")
    for column in ("run", "command", "status", "started", "seconds", "rows read", "new", "updated", "quarantined",
                   "clusters", "unclustered", "lineage c/n/s/m/v"):
        table.add_column(column)
    for run in runs:
        counts = run["counts"]
        seconds = (run["finished_at"] - run["started_at"]).total_seconds() if run["finished_at"] else None
        lineage = counts.get("lineage")
        table.add_row(
            run["run_id"], run["command"], run["status"], f"{run['started_at']:%Y-%m-%d %H:%M}",
            f"{seconds:.1f}" if seconds is not None else "-",
            *(str(counts.get(key, "-")) for key in ("read", "inserted", "updated", "quarantined", "clusters", "unclustered")),
            "/".join(str(lineage.get(key, 0)) for key in ("continued", "new", "split", "merged", "vanished")) if lineage else "-",
        )
    console.print(table)
    for run in runs:
        if run["status"] in ("failed", "interrupted") and run.get("error"):
            console.print(Text.assemble((f"{run['run_id']} {run['status']}: ", "bold red"), run["error"]), highlight=False)


def print_run_summary(
    console: Console, counts: dict[str, Any], largest: list[dict[str, Any]], titles: dict[str, str] | None = None
) -> None:
    """Clusters, unclustered tickets, lineage, labels and stage timings of a finished run."""
    lineage = counts.get("lineage", {})
    console.print(
        f"{counts.get('tickets', 0)} tickets, {counts.get('newly_embedded', 0)} newly embedded; "
        f"{counts.get('clusters', 0)} clusters, {counts.get('unclustered', 0)} unclustered. Lineage: "
        + ", ".join(f"{key} {lineage.get(key, 0)}" for key in ("continued", "new", "split", "merged", "vanished")),
        highlight=False,
    )
    seconds = counts.get("seconds", {})
    if seconds:
        console.print("Seconds per stage: " + ", ".join(f"{stage} {value:.1f}" for stage, value in seconds.items()), highlight=False)
    labels = counts.get("labels")
    if labels:
        reasons = ", ".join(f"{key} {value}" for key, value in sorted(labels.get("reasons", {}).items()))
        console.print(
            f"Labels ({labels['provider']}/{labels['model']}"
            + (f" at {labels['endpoint_host']}" if labels.get("endpoint_host") else "")
            + f"): {reasons or 'none'}; {labels.get('fallback', 0)} fell back to extractive.",
            markup=False, highlight=False,
        )
    titles = titles or {}
    if largest:
        table = Table(title="Largest clusters", title_justify="left")
        for column in ("cluster", "tickets", "title", "keywords", "lineage"):
            table.add_column(column, justify="right" if column == "tickets" else "left")
        for cluster in largest:
            event = cluster["event"] or ""
            if cluster["related_ids"] and event in ("split", "merged"):
                event += " " + ", ".join(cluster["related_ids"])
            table.add_row(
                cluster["cluster_id"], str(cluster["size"]), Text(titles.get(cluster["cluster_id"], "")),
                Text(", ".join(cluster["keywords"][:4])), event,
            )
        console.print(table)


def print_labels(console: Console, run_id: str, rows: list[dict[str, Any]]) -> None:
    table = Table(title=f"Cluster labels: run {run_id}", title_justify="left")
    for column in ("cluster", "tickets", "title", "stage", "made by"):
        table.add_column(column, justify="right" if column == "tickets" else "left")
    for row in rows:
        made_by = f"{row.get('provider', '-')}" + (" (fallback)" if row.get("fallback") else "") if row.get("title") else "-"
        table.add_row(row["cluster_id"], str(row["size"]), Text(row.get("title") or "(no label yet)"),
                      Text(row.get("journey_stage") or ""), Text(made_by))
    console.print(table)


def print_card_draft(console: Console, data: dict[str, Any]) -> None:
    """A use-case card draft, marked as such, every field as plain text."""
    console.print(Text.assemble(("DRAFT ", "bold red"), (f"use-case card for {data['cluster_id']}: ", "bold"), data["title"]))
    console.print(Text(f"Made by {data['provider']}/{data['model']} ({data['prompt_version']}); each field waits for a human."))
    console.print(Text.assemble(("Problem: ", "bold"), data["problem"]))
    console.print(Text.assemble(("Expected outcome: ", "bold"), data["expected_outcome"]))
    table = Table(title="Grid (first guesses)", title_justify="left")
    for column in ("dimension", "score", "justification"):
        table.add_column(column)
    for key, guess in data["grid"].items():
        table.add_row(key, str(guess["score"]) if guess["score"] is not None else "-", Text(guess["justification"]))
    console.print(table)
    console.print(Text.assemble(("Stance: ", "bold"), data["stance"] or "-", " ", data["stance_justification"]))
