"""The `analyser` command line: a thin shell that builds settings, calls the jobs and prints reports."""

from __future__ import annotations

import os
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.text import Text

from analyser.cli.common import (
    ConfigOption,
    DbOption,
    JsonOption,
    err,
    handles_user_errors,
    out,
    print_json,
    settings_from,
)
from analyser.cli.report import print_card_draft, print_ingest_report, print_labels, print_run_summary, print_status
from analyser.cli.signals_report import (
    print_alerts_note,
    print_history_note,
    print_noise_groups,
    print_recent_pockets,
    print_signals,
    print_stage_summary,
    signals_json,
)
from analyser.config import Settings
from analyser.db import Connection, opener, read_session
from analyser.errors import EXIT_OK, EXIT_PARTIAL, AnalyserError
from analyser.export import FORMATS_BY_WHAT, formats_help
from analyser.export_files import write_table
from analyser.lock import holder_alive
from analyser.progress import ProgressReporter
from analyser.queries import runs as queries
from analyser.review import service as review
from analyser.runs import shown_runs
from analyser.stages.label.store import current_labels
from analyser.stages.signals import store as signals_store

app = typer.Typer(
    help="Weak-signal analyser for after-sales tickets. "
    "Exit codes: 0 success, 1 partial (rows quarantined), 2 failure, 3 another run in progress.",
    no_args_is_help=True,
    add_completion=False,
)
def _last_complete_run(conn: Connection) -> dict[str, Any]:
    """The last run whose results readers may see, or one clear message when there is none."""
    last = queries.last_complete_run(conn)
    if last is None:
        raise AnalyserError("no complete run yet. Fix: run `analyser run` first.")
    return last


def _reading(settings: Settings) -> AbstractContextManager[Connection]:
    """A read-only connection that waits while a run or a review writes, as writes wait for each other."""
    return read_session(settings.database, wait_seconds=settings.runs.lock_wait_seconds)


@app.command()
@handles_user_errors
def ingest(
    files: Annotated[list[Path], typer.Argument(help="Ticket exports: CSV (any delimiter), JSON Lines or Parquet.")],
    db: DbOption = None,
    config: ConfigOption = None,
    json_output: JsonOption = False,
) -> int:
    """Ingest ticket files: clean, redact and upsert them; bad rows go to quarantine with a reason."""
    from pipelines.nightly import ingest_job

    result = ingest_job(files, settings_from(config, db), ProgressReporter(err))
    if json_output:
        print_json({"run_id": result.run_id, "status": result.status, "files": [r.as_dict() for r in result.files]})
    else:
        print_ingest_report(out, result.run_id, result.status, result.files)
    return EXIT_PARTIAL if result.quarantined else EXIT_OK


@app.command()
@handles_user_errors
def run(
    db: DbOption = None, config: ConfigOption = None, json_output: JsonOption = False,
    force: Annotated[bool, typer.Option("--force", help="Recompute everything even when nothing changed since the last run.")] = False,
) -> int:
    """Run the nightly job on the configured sources: ingest, redact, embed, cluster, keep cluster identities."""
    from pipelines.nightly import run_nightly

    settings = settings_from(config, db)
    result = run_nightly(settings, ProgressReporter(err), force=force)
    if json_output:
        print_json(result.as_dict())
        return EXIT_PARTIAL if result.quarantined else EXIT_OK
    print_ingest_report(out, result.run_id, result.status, result.files)
    shown = result.counts.get("results_of", result.run_id)  # a night with nothing new keeps the last run's results
    if shown != result.run_id:
        out.print(f"Nothing new since run {shown} (same tickets, settings, code and model): its results stand.",
                  style="bold", markup=False, highlight=False)
    with _reading(settings) as conn:
        largest = queries.largest_clusters(conn, shown, 10)
        top = signals_store.read_signals(conn, shown, settings.signals.top)
        stages = signals_store.read_blind_spot_report(conn, shown, review.validated_cluster_ids(conn), review.stage_overrides(conn))
        noise = signals_store.read_noise_signals(conn, shown)
        pockets = signals_store.read_recent_pockets(conn, shown)
        signal_run = signals_store.read_signal_run(conn, shown)
        titles = {cid: label.title for cid, label in current_labels(conn, [c["cluster_id"] for c in largest + top] + _pocket_homes(pockets)).items()}
    print_run_summary(out, result.counts, largest, titles)
    print_history_note(out, (signal_run or {"details": {}})["details"].get("history"))
    print_alerts_note(out, (signal_run or {"details": {}})["details"].get("alerts"))
    if top:
        print_signals(out, top, {stage.key: stage.name for stage in settings.journey}, settings.signals.weights.model_dump(), titles=titles)
        print_stage_summary(out, stages)
        print_recent_pockets(out, pockets, titles)
        print_noise_groups(out, noise)
    out.print(f"Database: {settings.database}. Next: `analyser status --db {settings.database}`.", markup=False, highlight=False)
    return EXIT_PARTIAL if result.quarantined else EXIT_OK


@app.command()
@handles_user_errors
def signals(
    db: DbOption = None,
    config: ConfigOption = None,
    json_output: JsonOption = False,
    top: Annotated[Optional[int], typer.Option(help="How many clusters (default: signals.top; 0 for all).")] = None,
    lang: Annotated[str, typer.Option(help="Language of the explanations: fr or en.")] = "fr",
) -> int:
    """Weak signals of the last complete run: ranked clusters with their components, stages and blind spots."""
    if lang not in ("fr", "en"):
        raise AnalyserError(f"--lang must be fr or en, not {lang!r}.")
    settings = settings_from(config, db)
    with _reading(settings) as conn:
        last = _last_complete_run(conn)
        limit = settings.signals.top if top is None else (top or None)
        ranked = signals_store.read_signals(conn, last["run_id"], limit)
        signal_run = signals_store.read_signal_run(conn, last["run_id"])
        if not ranked and signal_run is None:
            raise AnalyserError(f"run {last['run_id']} has no signals (it ran before signals existed). Fix: run `analyser run` again.")
        weekly = signals_store.read_series(conn, last["run_id"], [s["cluster_id"] for s in ranked], "week")
        stages = signals_store.read_blind_spot_report(conn, last["run_id"], review.validated_cluster_ids(conn), review.stage_overrides(conn))
        noise = signals_store.read_noise_signals(conn, last["run_id"])
        pockets = signals_store.read_recent_pockets(conn, last["run_id"])
        titles = {cid: label.title for cid, label in current_labels(conn, [s["cluster_id"] for s in ranked] + _pocket_homes(pockets)).items()}
    if json_output:
        history = (signal_run or {"details": {}})["details"].get("history")
        alerts = (signal_run or {"details": {}})["details"].get("alerts")
        print_json({"run_id": last["run_id"], "history": history, "alerts": alerts, "clusters": signals_json(ranked, weekly, lang, titles),
                     "stages": [report.as_dict() for report in stages], "recent_pockets": pockets, "noise_groups": noise})
        return EXIT_OK
    out.print(f"Run {last['run_id']}", markup=False, highlight=False)
    print_history_note(out, (signal_run or {"details": {}})["details"].get("history"))
    print_alerts_note(out, (signal_run or {"details": {}})["details"].get("alerts"))
    print_signals(out, ranked, {stage.key: stage.name for stage in settings.journey}, settings.signals.weights.model_dump(), lang, titles)
    print_stage_summary(out, stages)
    print_recent_pockets(out, pockets, titles)
    print_noise_groups(out, noise)
    return EXIT_OK


def _pocket_homes(pockets: list[dict]) -> list[str]:
    """The cluster gathering each pocket (its title is printed beside the pocket)."""
    return [home for home in map(signals_store.pocket_home, pockets) if home]


@app.command()
@handles_user_errors
def status(
    db: DbOption = None,
    config: ConfigOption = None,
    json_output: JsonOption = False,
    runs: Annotated[int, typer.Option(help="How many recent runs to show.")] = 10,
) -> int:
    """What is in the database: tickets, quarantine and the last runs."""
    settings = settings_from(config, db)
    lock_held = holder_alive(settings.database)
    with _reading(settings) as conn:
        overview = queries.ticket_overview(conn)
        recent = queries.recent_runs(conn, runs)
        quarantine = queries.quarantine_counts(conn)
    # looked at before and after the read: a run that started or ended meanwhile is not taken for a dead one
    recent = shown_runs(recent, lock_held or holder_alive(settings.database))
    if json_output:
        print_json({"database": str(settings.database), **overview, "quarantine": quarantine, "runs": recent})
    else:
        print_status(out, str(settings.database), overview, recent, quarantine)
    return EXIT_OK


@app.command()
@handles_user_errors
def quarantine(
    db: DbOption = None,
    config: ConfigOption = None,
    json_output: JsonOption = False,
    reason: Annotated[Optional[str], typer.Option(help="Only this reason, e.g. unparseable_date.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many rows.")] = 50,
) -> int:
    """List quarantined rows with their file, row, reason and fix (raw records may hold personal data)."""
    settings = settings_from(config, db)
    with _reading(settings) as conn:
        rows = queries.quarantined_rows(conn, reason=reason, limit=limit)
    if json_output:
        print_json(rows)
        return EXIT_OK
    if not rows:
        out.print("Quarantine is empty.")
    for row in rows:
        where = f"row {row['row_number']}" + (f" (line {row['line']})" if row["line"] else "")
        out.print(Text.assemble((row["source_file"], "bold"), f", {where}: {row['reason']}: {row['detail']}"), highlight=False)
        out.print(f"    {row['raw_record'][:300]!r}", markup=False, highlight=False)
    return EXIT_OK


@app.command()
@handles_user_errors
def assignments(
    out_file: Annotated[Path, typer.Option("--out", help="File to write.")],
    file_format: Annotated[str, typer.Option("--format", help="csv or parquet.")] = "csv",
    db: DbOption = None,
    config: ConfigOption = None,
) -> int:
    """Write, for the last complete run, one row per ticket: ticket id, stable cluster id, probability, run id."""
    if file_format not in ("csv", "parquet"):
        raise AnalyserError(f"--format must be csv or parquet, not {file_format!r}.")
    settings = settings_from(config, db)
    with _reading(settings) as conn:
        last = _last_complete_run(conn)
        table = queries.assignments_table(conn, last["run_id"])
    write_table(table, out_file, file_format)
    err.print(f"{table.num_rows} tickets of run {last['run_id']} written to {out_file}", markup=False, highlight=False)
    return EXIT_OK


@app.command()
@handles_user_errors
def labels(
    db: DbOption = None,
    config: ConfigOption = None,
    json_output: JsonOption = False,
    limit: Annotated[int, typer.Option(help="At most this many clusters, largest first.")] = 30,
) -> int:
    """Generated titles and summaries of the last complete run's clusters, with the provider that made each."""
    settings = settings_from(config, db)
    with _reading(settings) as conn:
        last = _last_complete_run(conn)
        clusters = queries.largest_clusters(conn, last["run_id"], limit)
        current = current_labels(conn, [cluster["cluster_id"] for cluster in clusters])
    rows = [
        {"cluster_id": c["cluster_id"], "size": c["size"], **({
            key: getattr(label, key) for key in ("title", "summary", "journey_stage", "expected_instead", "confidence",
                                                 "provider", "model", "prompt_version", "fallback", "error", "reason")
        } if (label := current.get(c["cluster_id"])) else {"title": None})}
        for c in clusters
    ]
    if json_output:
        print_json({"run_id": last["run_id"], "labels": rows})
        return EXIT_OK
    print_labels(out, last["run_id"], rows)
    return EXIT_OK


@app.command("draft")
@handles_user_errors
def card_draft(
    cluster_id: Annotated[str, typer.Argument(help="Stable cluster id, e.g. C0012.")],
    db: DbOption = None,
    config: ConfigOption = None,
    json_output: JsonOption = False,
) -> int:
    """Draft the one-page use-case card of a cluster (problem, expected outcome, grid guesses, stance): a DRAFT for humans."""
    from analyser.review.cards import draft_use_case_card

    settings = settings_from(config, db)
    draft = draft_use_case_card(settings, opener(settings), cluster_id)
    data = {**draft.content(), "cluster_id": draft.cluster_id, "run_id": draft.run_id, "draft_id": draft.draft_id,
            "provider": draft.provider, "model": draft.model, "prompt_version": draft.prompt_version,
            "fallback": draft.fallback, "error": draft.error}
    if json_output:
        print_json(data)
    else:
        print_card_draft(out, data)
    return EXIT_OK
@app.command("export")
@handles_user_errors
def export_command(
    what: Annotated[str, typer.Option("--what", help=", ".join(FORMATS_BY_WHAT) + ".")],
    file_format: Annotated[str, typer.Option("--format", help=formats_help())],
    out_file: Annotated[Path, typer.Option("--out", help="File to write.")],
    actor: Annotated[Optional[str], typer.Option("--actor", help="Who exports (recorded); default: the system user.")] = None,
    include: Annotated[Optional[list[str]], typer.Option(
        "--include", help="frictions: add 'candidates' (sheet/section) or 'reviewed' (every reviewed cluster). Repeatable.")] = None,
    candidate: Annotated[Optional[list[str]], typer.Option("--candidate", help="cards: only this candidate id. Repeatable.")] = None,
    delimiter: Annotated[Optional[str], typer.Option("--delimiter", help="CSV separator, e.g. ';' for Excel in French.")] = None,
    language: Annotated[Optional[str], typer.Option("--language", help="fr or en (default: [export] language).")] = None,
    db: DbOption = None,
    config: ConfigOption = None,
) -> int:
    """Export workshop material from the last complete run: friction lists, use-case cards, the matrix, the journey."""
    from analyser.export import check_request, render

    check_request(what, file_format)
    if not out_file.parent.exists():
        raise AnalyserError(f"folder {out_file.parent} does not exist. Fix: create it or choose another --out path.")
    if delimiter is not None and len(delimiter.replace("\\t", "\t")) != 1:
        raise AnalyserError(f"--delimiter must be one character, not {delimiter!r}.")
    settings = settings_from(config, db)
    if not settings.database.is_file():
        raise AnalyserError(f"database {settings.database} does not exist yet. Fix: run `analyser run` first, or pass --db.")
    who = actor if actor is not None else _system_user()
    exported = render(
        opener(settings), settings, what, file_format,
        actor=who, filters={"include": include or [], "candidates": candidate or []},
        delimiter=delimiter.replace("\\t", "\t") if delimiter else None, language=language,
    )
    out_file.write_bytes(exported.data)
    err.print(f"{exported.items} {what} written to {out_file} (export {exported.export_id}, by {who})", markup=False, highlight=False)
    return EXIT_OK


def _system_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        raise AnalyserError("cannot tell who is exporting. Fix: pass --actor NAME.") from None


_DIGEST_FORMATS = ("md", "html", "json")


@app.command()
@handles_user_errors
def digest(
    db: DbOption = None,
    config: ConfigOption = None,
    since: Annotated[str, typer.Option(help="The period: 7d, 14d, 30d... (days up to the newest ticket).")] = "7d",
    format: Annotated[str, typer.Option("--format", help="md, html (an e-mail: inline styles, no external asset) or json.")] = "md",
    out_file: Annotated[Optional[Path], typer.Option("--out", help="Write it to this file (default: print it).")] = None,
    lang: Annotated[Optional[str], typer.Option(help="fr or en (default: [digest] language, else [app] language).")] = None,
    send: Annotated[bool, typer.Option("--send", help="Also send it to the [digest] webhook and e-mail recipients.")] = False,
) -> int:
    """The weekly briefing: alerts, new themes, top movers, pockets, blind spots and review progress over the period.
    Exit 1 when --send could not deliver to every channel (each failure is printed with its fix)."""
    from analyser import briefing, views

    settings = settings_from(config, db)
    language = lang or settings.digest.language or settings.app.language
    if language not in ("fr", "en"):
        raise AnalyserError(f"--lang must be fr or en, not {language!r}.")
    if format not in _DIGEST_FORMATS:
        raise AnalyserError(f"--format must be one of {', '.join(_DIGEST_FORMATS)}, not {format!r}.")
    days = _period_days(since)
    found = views.briefing(lambda: _reading(settings), settings, days, language, settings.app.base_url)
    if found is None:
        raise AnalyserError("no complete run yet. Fix: run `analyser run` first.")
    text = {"md": briefing.to_markdown, "html": briefing.to_html, "json": briefing.to_json}[format](found)
    if out_file is None and not send:
        print(text)
        return EXIT_OK
    if out_file is not None:
        try:
            out_file.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise AnalyserError(f"cannot write {out_file}: {exc.strerror or exc}. Fix: choose a folder you can write to.") from None
        out.print(f"Briefing of the last {days} days written to {out_file}", markup=False, highlight=False)
    if not send:
        return EXIT_OK
    from analyser.digest import deliver

    if not (settings.digest.webhook_url or settings.digest.smtp_host):
        raise AnalyserError("--send has nowhere to send: [digest] sets no webhook_url and no smtp_host. Fix: set one in analyser.toml.")
    results = deliver(found, settings.digest, os.environ)
    for result in results:
        err.print(f"{result.channel}: {'sent' if result.ok else 'FAILED'}: {result.detail}", markup=False, highlight=False)
    return EXIT_OK if all(result.ok for result in results) else EXIT_PARTIAL


def _period_days(since: str) -> int:
    text = since.strip().lower().removesuffix("d").removesuffix("j")
    if not text.isdigit() or not 1 <= int(text) <= 366:
        raise AnalyserError(f"--since {since!r} is not a period. Fix: write a number of days, e.g. 7d, 14d or 30d (1 to 366).")
    return int(text)


from analyser.cli.review import review_app  # noqa: E402  (sub-commands: analyser review ...)

app.add_typer(review_app, name="review")


def main() -> None:  # pragma: no cover - console script entry point
    app()


if __name__ == "__main__":  # `python -m analyser.cli.main ...` works as `analyser ...` does
    app()
