"""Bench: six-month ticket streams built from a labelled dataset, one planted intent each, run day by day
through the real nightly pipeline; how soon the planted intent reaches the top of `analyser signals`.

    python bench/signal_streams.py --preset all --seeds 3 --out streams.md
    python bench/signal_streams.py --preset banking77 --kinds growth3 null --seeds 1 --days 0 7 --daily 60
    python bench/signal_streams.py --dataset my.csv --text-column text --label-column label --name mine

Datasets: `banking77` (train + test, English, 77 intents), `massive_fr` (French, 60 intents), `sample` (the
bundled tickets, objet + message, labelled by the `topic` of data/samples/ground_truth_tickets.jsonl), or any
CSV with a text column (several are joined by a newline) and a label column.

Streams, per dataset and seed (everything drawn from the seed):
- 180 days ending on --end-date, Poisson(--daily) tickets a day at random times. Texts come from the kept
  intents, without replacement while the pool lasts, then with replacement (the count of reused texts is
  printed). Some intents (--held-out) never appear in it. Ten weeks before the onset one kept intent has a
  two-week bump at twice its rate. This base stream is a null stream: no intent grows in its last months.
- Onset = last day - 21. One intent is planted from the onset to the last day:
  fresh       a held-out intent, its daily count rising linearly from 1 % to 3 % of --daily (Poisson);
  paraphrase  the same ramp for the held-out intent whose mean embedding (the product's embedder) is nearest
              to a kept intent's: a new pain worded like an old one;
  growth2/3/5 a kept intent with a base share of 0.5 % to 3 % whose daily rate is multiplied by 2, 3 or 5;
  null        nothing.
- The CSV has only `id,created_at,text`; the truth (label, planted or not) goes to a side file KIND.truth.csv.

Product path: the base history up to onset - 1 goes through `run_nightly` once (embeddings, UMAP fit); its
DuckDB file is copied for each kind; then, for each day in --days, the kind's CSV is rewritten with the tickets
dated up to onset + day and the nightly pipeline runs on it. Ranks are read with `analyser signals --json
--top 0`, memberships as `analyser assignments` reads them.

Measures per stream and day: rank of the planted intent (best rank among clusters holding at least a quarter
of its tickets so far; for growth, its tickets dated from the onset), top 3 within 2, 7 and 14 days, capture
(share of planted tickets in the cluster holding most of them) and purity (share of that cluster's tickets of
the planted intent) on days 7 and 21, whether a recent pocket holds a quarter of them, and false alerts:
clusters flagged emerging that hold less than a quarter of the planted tickets and whose majority label is
another one (every flag, for null streams), counted per week as distinct clusters flagged on days 14 to 21.
Prints per-stream lines and one markdown table per dataset (also written to --out). Asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np
from rich.console import Console
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from analyser.cli.main import app  # noqa: E402
from analyser.config import Settings  # noqa: E402
from analyser.config_file import load_settings  # noqa: E402
from analyser.db import read_session  # noqa: E402
from analyser.progress import ProgressReporter  # noqa: E402
from analyser.queries import runs as run_queries  # noqa: E402
from analyser.stages.embed import Embedder, build_embedder  # noqa: E402
from pipelines.nightly import run_nightly  # noqa: E402

DATASETS = Path("/work/shared/datasets")
KINDS = ("fresh", "paraphrase", "growth2", "growth3", "growth5", "null")
RAMP_DAYS = 21  # the onset is this many days before the last day
BUMP_DAYS_BEFORE_ONSET = 70  # the earlier bump ends eight weeks before the onset: inside every evaluated day's baseline
BUMP_DAYS = 14
GROWN_SHARE = (0.005, 0.03)
SILENT = ProgressReporter(Console(file=io.StringIO()))


@dataclass(frozen=True)
class Dataset:
    name: str
    texts: list[str]
    labels: list[str]

    def indices_by_label(self) -> dict[str, np.ndarray]:
        grouped: dict[str, list[int]] = defaultdict(list)
        for index, label in enumerate(self.labels):
            grouped[label].append(index)
        return {label: np.array(indices) for label, indices in sorted(grouped.items())}


def labelled_csv(name: str, paths: list[Path], text_columns: list[str], label_column: str) -> Dataset:
    """Texts and labels of CSV files (delimiter guessed from the header), empty and repeated texts left out."""
    texts, labels, seen = [], [], set()
    for path in paths:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = handle.readline()
            handle.seek(0)
            delimiter = max(",;\t|", key=header.count)
            for row in csv.DictReader(handle, delimiter=delimiter):
                text = "\n".join((row.get(column) or "").strip() for column in text_columns).strip()
                label = (row.get(label_column) or "").strip()
                if text and label and text not in seen:
                    seen.add(text)
                    texts.append(text)
                    labels.append(label)
    if not texts:
        raise SystemExit(f"{name}: no rows with columns {text_columns} and {label_column!r} in {', '.join(map(str, paths))}")
    return Dataset(name, texts, labels)


def sample_dataset() -> Dataset:
    """The bundled tickets (objet + message), labelled by their topic in the ground truth."""
    samples = REPO / "data" / "samples"
    truth = [json.loads(line) for line in (samples / "ground_truth_tickets.jsonl").read_text(encoding="utf-8").splitlines() if line]
    topic_of = {row["numero_ticket"]: row["topic"] for row in truth}
    texts, labels, seen = [], [], set()
    with (samples / "tickets.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            text = f"{row['objet']}\n{row['message']}".strip()
            if text and row["numero_ticket"] in topic_of and text not in seen:
                seen.add(text)
                texts.append(text)
                labels.append(topic_of[row["numero_ticket"]])
    return Dataset("sample", texts, labels)


PRESETS = {
    "banking77": lambda: labelled_csv("banking77", [DATASETS / "banking77" / "train.csv", DATASETS / "banking77" / "test.csv"],
                                      ["text"], "category"),
    "massive_fr": lambda: labelled_csv("massive_fr", [DATASETS / "massive_fr" / "train.csv"], ["text"], "label"),
    "sample": sample_dataset,
}


@dataclass(frozen=True)
class Ticket:
    ticket_id: str
    created_at: datetime
    text_index: int
    label: str


@dataclass
class TextPool:
    """Each intent's texts, handed out without replacement while they last, then with replacement (counted)."""

    by_label: dict[str, np.ndarray]
    used: set[int]
    reused: int = 0

    def draw(self, label: str, count: int, rng: np.random.Generator) -> list[int]:
        unused = [index for index in self.by_label[label].tolist() if index not in self.used]
        picked = [int(i) for i in rng.permutation(unused)[:count]]
        missing = count - len(picked)
        if missing > 0:
            picked += [int(i) for i in rng.choice(self.by_label[label], missing)]
            self.reused += missing
        self.used.update(picked)
        return picked

    def copy(self) -> TextPool:
        return TextPool(self.by_label, set(self.used), self.reused)


@dataclass(frozen=True)
class StreamPlan:
    """Which intents play which part in one dataset + seed, and the calendar."""

    dataset: Dataset
    seed: int
    start: date
    onset: date
    kept: list[str]
    held_out: list[str]
    share: dict[str, float]  # each kept intent's share of the base stream
    grown: str
    bumped: str
    fresh: str
    paraphrase: str | None = None
    paraphrase_of: str | None = None
    paraphrase_cosine: float | None = None

    def planted_label(self, kind: str) -> str | None:
        return {"fresh": self.fresh, "paraphrase": self.paraphrase, "null": None}.get(kind, self.grown)


def plan_streams(dataset: Dataset, seed: int, args: argparse.Namespace, embedder: Embedder | None) -> StreamPlan:
    """Held-out, grown, bumped, fresh and paraphrased intents of one seed (the embedder only picks the paraphrase)."""
    rng = np.random.default_rng([seed, 0])
    sizes = {label: len(indices) for label, indices in dataset.indices_by_label().items()}
    planted_expected = args.daily * (args.start_share + args.end_share) / 2 * (RAMP_DAYS + 1)
    roomy = sorted((label for label, size in sizes.items() if size >= planted_expected), key=lambda label: (-sizes[label], label))
    held_out = [str(label) for label in rng.permutation(roomy)[: args.held_out]]
    if len(held_out) < 2:
        raise SystemExit(f"{dataset.name}: fewer than 2 intents have {planted_expected:.0f} texts to hold out; lower --daily")
    kept = sorted(set(sizes) - set(held_out))
    total = sum(sizes[label] for label in kept)
    share = {label: sizes[label] / total for label in kept}
    growable = [label for label in kept if GROWN_SHARE[0] <= share[label] <= GROWN_SHARE[1]] or sorted(kept, key=lambda x: abs(share[x] - 0.01))[:5]
    grown = str(rng.choice(growable))
    bumped = str(rng.choice([label for label in growable if label != grown] or [label for label in kept if label != grown]))
    plan = StreamPlan(dataset, seed, args.end_date - timedelta(days=args.history_days - 1), args.end_date - timedelta(days=RAMP_DAYS),
                      kept, held_out, share, grown, bumped, held_out[0])
    if embedder is None or len(held_out) < 2:
        return plan
    paraphrase, nearest, cosine = nearest_held_out(dataset, held_out[1:], kept, embedder, np.random.default_rng([seed, 99]))
    return replace(plan, paraphrase=paraphrase, paraphrase_of=nearest, paraphrase_cosine=cosine)


def nearest_held_out(dataset: Dataset, candidates: list[str], kept: list[str], embedder: Embedder, rng: np.random.Generator,
                     per_intent: int = 50) -> tuple[str, str, float]:
    """The held-out intent whose mean embedding is nearest (cosine) to a kept intent's, that kept intent, and the cosine."""
    by_label = dataset.indices_by_label()
    chosen = {label: rng.choice(by_label[label], min(per_intent, len(by_label[label])), replace=False) for label in candidates + kept}
    vectors = np.asarray(embedder.embed([dataset.texts[i] for indices in chosen.values() for i in indices]), dtype=np.float64)
    centres, offset = {}, 0
    for label, indices in chosen.items():
        centre = vectors[offset: offset + len(indices)].mean(axis=0)
        centres[label], offset = centre / np.linalg.norm(centre), offset + len(indices)
    pairs = ((held, old, float(centres[held] @ centres[old])) for held in candidates for old in kept)
    return max(pairs, key=lambda pair: pair[2])


def tickets_on_days(days: np.ndarray, text_indices: list[int], plan: StreamPlan, ids: list[str], rng: np.random.Generator) -> list[Ticket]:
    """Tickets on these day offsets (from the first day) at random times of day."""
    seconds = rng.integers(0, 86_400, len(days))
    start = datetime.combine(plan.start, datetime.min.time())
    labels = plan.dataset.labels
    return [Ticket(ticket_id, start + timedelta(days=int(day), seconds=int(second)), index, labels[index])
            for ticket_id, day, second, index in zip(ids, days, seconds, text_indices)]


def ticket_ids(seed: int) -> list[str]:
    """Unique ids in a random order, so that an id says nothing about its ticket's date or intent."""
    return [f"S-{number:06d}" for number in np.random.default_rng([seed, 7]).permutation(999_999) + 1]


def base_stream(plan: StreamPlan, daily: int, history_days: int, ids: list[str]) -> tuple[list[Ticket], TextPool]:
    """The null stream: kept intents at their pool shares every day, plus the earlier two-week bump of one intent."""
    rng = np.random.default_rng([plan.seed, 1])
    by_label = plan.dataset.indices_by_label()
    counts = rng.poisson(daily, history_days)
    kept_indices = np.concatenate([by_label[label] for label in plan.kept])
    order = rng.permutation(kept_indices)
    total = int(counts.sum())
    drawn = np.concatenate([order[:total], rng.choice(kept_indices, max(0, total - len(order)))])
    texts = [int(i) for i in rng.permutation(drawn)]  # reused texts spread over the whole history, not its last weeks
    tickets = tickets_on_days(np.repeat(np.arange(history_days), counts), texts, plan, ids[:total], rng)
    pool = TextPool(by_label, set(texts), max(0, total - len(order)))
    bump_start = (plan.onset - plan.start).days - BUMP_DAYS_BEFORE_ONSET
    extra = rng.poisson(plan.share[plan.bumped] * daily, BUMP_DAYS)
    bump_days = np.repeat(np.arange(bump_start, bump_start + BUMP_DAYS), extra)
    bump = tickets_on_days(bump_days, pool.draw(plan.bumped, len(bump_days), rng), plan, ids[total: total + len(bump_days)], rng)
    return tickets + bump, pool


def planted_tickets(kind: str, plan: StreamPlan, pool: TextPool, ids: list[str], args: argparse.Namespace) -> list[Ticket]:
    """The kind's extra tickets from the onset to the last day (none for null)."""
    rng = np.random.default_rng([plan.seed, 2 + KINDS.index(kind)])
    label = plan.planted_label(kind)
    if label is None:
        return []
    ramp = np.arange(RAMP_DAYS + 1) / RAMP_DAYS
    if kind.startswith("growth"):
        rates = np.full(RAMP_DAYS + 1, (int(kind.removeprefix("growth")) - 1) * plan.share[label] * args.daily)
    else:
        rates = args.daily * (args.start_share + (args.end_share - args.start_share) * ramp)
    onset_day = (plan.onset - plan.start).days
    days = np.repeat(np.arange(onset_day, onset_day + RAMP_DAYS + 1), rng.poisson(rates))
    return tickets_on_days(days, pool.draw(label, len(days), rng), plan, ids[: len(days)], rng)


def write_tickets(path: Path, tickets: list[Ticket], texts: list[str]) -> None:
    """The export a team with a minimal ticket tool has: id, creation time, text; nothing else."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "created_at", "text"])
        writer.writerows([t.ticket_id, t.created_at.isoformat(timespec="seconds"), texts[t.text_index]] for t in tickets)


def write_truth(path: Path, tickets: list[Ticket], planted: set[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "label", "planted"])
        writer.writerows([t.ticket_id, t.label, int(t.ticket_id in planted)] for t in tickets)


def write_config(folder: Path, name: str) -> Settings:
    """analyser.toml for one stream: its own database, its CSV as the only source, the three columns; the rest default."""
    path = folder / f"{name}.toml"
    path.write_text(f'database = "{name}.duckdb"\n\n[ingest]\nsources = ["{name}.csv"]\n\n'
                    '[ingest.columns]\nid = "id"\ncreated_at = "created_at"\ntext = "text"\n', encoding="utf-8")
    return load_settings(path)


def nightly_run(settings: Settings) -> tuple[float, dict]:
    """`analyser run` in-process, silent; its seconds and counts."""
    started = time.perf_counter()
    result = run_nightly(settings, SILENT)
    seconds = time.perf_counter() - started
    if result.quarantined:
        print(f"  warning: {result.quarantined} rows quarantined by run {result.run_id}", file=sys.stderr)
    return seconds, result.counts


def signals_report(config: Path) -> dict:
    """Exactly what `analyser signals --json --top 0` prints."""
    result = CliRunner().invoke(app, ["signals", "--json", "--top", "0", "--config", str(config)])
    logging.getLogger("analyser").setLevel(logging.WARNING)  # the command turns the product's INFO logs on
    if result.exit_code != 0:
        raise RuntimeError(f"analyser signals failed ({result.exit_code}): {result.output}")
    return json.loads(result.stdout)


def cluster_of_tickets(settings: Settings, run_id: str) -> dict[str, str | None]:
    """Ticket id -> stable cluster id of the run, as `analyser assignments` writes them."""
    with read_session(settings.database) as conn:
        table = run_queries.assignments_table(conn, run_id)
    return dict(zip(table.column("ticket_id").to_pylist(), table.column("cluster_id").to_pylist()))


@dataclass(frozen=True)
class DayMeasure:
    day: int
    planted: int
    rank: int | None
    emerging: bool  # a cluster holding the planted tickets is flagged emerging
    capture: float | None
    purity: float | None
    pocket: bool | None
    false_alerts: frozenset[str]
    seconds: float


def measure_day(day: int, report: dict, cluster_of: dict[str, str | None], truth: dict[str, str], planted: set[str],
                label: str | None, seconds: float) -> DayMeasure:
    members: dict[str, list[str]] = defaultdict(list)
    for ticket_id, cluster in cluster_of.items():
        if cluster is not None:
            members[cluster].append(ticket_id)
    held = Counter(cluster_of[t] for t in planted if cluster_of.get(t) is not None)
    holding = {cluster for cluster, count in held.items() if count >= 0.25 * len(planted)}
    signals = report["clusters"]
    ranks = [s["rank"] for s in signals if s["cluster_id"] in holding]
    home, caught = held.most_common(1)[0] if held else (None, 0)
    false_alerts = frozenset(
        s["cluster_id"] for s in signals
        if s["flags"].get("emerging") and s["cluster_id"] not in holding
        and majority_label([truth[t] for t in members[s["cluster_id"]]]) != label
    )
    pocket = any(len(planted & set(p["ticket_ids"] or [])) >= 0.25 * len(planted) for p in report["recent_pockets"]) if planted else None
    return DayMeasure(
        day, len(planted), min(ranks) if ranks else None,
        any(s["flags"].get("emerging") for s in signals if s["cluster_id"] in holding),
        caught / len(planted) if planted else None,
        sum(truth[t] == label for t in members[home]) / len(members[home]) if home else None,
        pocket, false_alerts, seconds,
    )


def majority_label(labels: list[str]) -> str | None:
    return Counter(labels).most_common(1)[0][0] if labels else None


@dataclass
class StreamResult:
    dataset: str
    seed: int
    kind: str
    intent: str | None
    reused: int
    days: list[DayMeasure] = field(default_factory=list)

    def on(self, day: int) -> DayMeasure | None:
        return next((m for m in self.days if m.day == day), None)

    def top3_within(self, window: int) -> bool | None:
        if self.intent is None or not any(m.day <= window for m in self.days):
            return None
        return any(m.rank is not None and m.rank <= 3 for m in self.days if m.day <= window)

    def false_alerts_per_week(self) -> int | None:
        last_week = [m.false_alerts for m in self.days if RAMP_DAYS - 7 <= m.day <= RAMP_DAYS]
        return len(frozenset().union(*last_week)) if last_week else None

    def seconds_per_run(self) -> float:
        return statistics.mean(m.seconds for m in self.days)


def run_kind(kind: str, plan: StreamPlan, base: list[Ticket], pool: TextPool, ids: list[str], folder: Path,
             args: argparse.Namespace) -> StreamResult:
    """One stream: copy the base database, then one nightly run per evaluated day on the tickets dated up to it."""
    kind_pool = pool.copy()
    planted = planted_tickets(kind, plan, kind_pool, ids[len(base):], args)
    stream = sorted(base + planted, key=lambda t: t.created_at)
    label = plan.planted_label(kind)
    write_truth(folder / f"{kind}.truth.csv", stream, {t.ticket_id for t in planted})
    for part in folder.glob("base.duckdb*"):  # the file and its write-ahead log, if one was left
        shutil.copyfile(part, folder / part.name.replace("base", kind, 1))
    settings = write_config(folder, kind)
    truth = {t.ticket_id: t.label for t in stream}
    result = StreamResult(plan.dataset.name, plan.seed, kind, label, kind_pool.reused)
    for day in args.days:
        last = plan.onset + timedelta(days=day)
        write_tickets(folder / f"{kind}.csv", [t for t in stream if t.created_at.date() <= last], plan.dataset.texts)
        seconds, counts = nightly_run(settings)
        report = signals_report(folder / f"{kind}.toml")
        chosen = {t.ticket_id for t in stream if t.label == label and plan.onset <= t.created_at.date() <= last}
        measure = measure_day(day, report, cluster_of_tickets(settings, report["run_id"]), truth, chosen, label, seconds)
        result.days.append(measure)
        print(f"  {kind} day {day}: {counts.get('tickets')} tickets, {counts.get('clusters')} clusters, run {seconds:.1f} s "
              f"({_stage_seconds(counts)}); planted {measure.planted}, rank {_rank(measure)}, false alerts {len(measure.false_alerts)}",
              file=sys.stderr, flush=True)
    if not args.work_dir:
        for part in folder.glob(f"{kind}.duckdb*"):
            part.unlink()
    return result


def _stage_seconds(counts: dict) -> str:
    return ", ".join(f"{stage} {seconds:.1f}" for stage, seconds in counts.get("seconds", {}).items() if seconds >= 0.5)


def run_seed(dataset: Dataset, seed: int, args: argparse.Namespace, folder: Path) -> list[StreamResult]:
    """All kinds of one dataset + seed, sharing the first nightly run on the history before the onset."""
    for stale in folder.glob("*.duckdb*"):  # a --work-dir used before: start afresh
        stale.unlink()
    settings = write_config(folder, "base")
    embedder = build_embedder(settings.embedding.model, settings.embedding.model_path) if "paraphrase" in args.kinds else None
    plan = plan_streams(dataset, seed, args, embedder)
    ids = ticket_ids(seed)
    base, pool = base_stream(plan, args.daily, args.history_days, ids)
    base.sort(key=lambda t: t.created_at)
    history = [t for t in base if t.created_at.date() < plan.onset]
    write_tickets(folder / "base.csv", history, dataset.texts)
    seconds, counts = nightly_run(settings)
    print(_plan_line(plan, base, pool, len(set(dataset.labels))), flush=True)
    print(f"  base run: {len(history)} tickets up to {plan.onset - timedelta(days=1)}, {counts.get('clusters')} clusters, "
          f"{seconds:.0f} s ({_stage_seconds(counts)})", flush=True)
    results = []
    for kind in args.kinds:
        started = time.perf_counter()
        result = run_kind(kind, plan, base, pool, ids, folder, args)
        print(stream_line(result, time.perf_counter() - started), flush=True)
        results.append(result)
    return results


def _plan_line(plan: StreamPlan, base: list[Ticket], pool: TextPool, intents: int) -> str:
    paraphrase = (f", paraphrase {plan.paraphrase} ~ {plan.paraphrase_of} (cosine {plan.paraphrase_cosine:.2f})"
                  if plan.paraphrase else "")
    return (f"{plan.dataset.name} seed {plan.seed}: {len(plan.dataset.texts)} texts, {intents} intents "
            f"({len(plan.held_out)} held out: {', '.join(plan.held_out)}); base stream {len(base)} tickets, {pool.reused} texts reused; "
            f"grown {plan.grown} ({plan.share[plan.grown]:.1%}), bump of {plan.bumped} {BUMP_DAYS_BEFORE_ONSET} days before the onset "
            f"{plan.onset}; fresh {plan.fresh}{paraphrase}")


def _rank(measure: DayMeasure) -> str:
    return "-" if measure.rank is None else f"{measure.rank}{'E' if measure.emerging else ''}"


def _share(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _yes(value: bool | None) -> str:
    return "-" if value is None else ("yes" if value else "no")


def stream_line(result: StreamResult, seconds: float) -> str:
    """One stream: ranks per day (E: flagged emerging), detection, capture, purity, pocket, false alerts, time."""
    ranks = " ".join(f"d{m.day}:{_rank(m)}" for m in result.days)
    reached = " ".join(f"<={w}d {_yes(result.top3_within(w))}" for w in (2, 7, 14))
    caught = " ".join(f"d{d} capture {_share(m.capture)} purity {_share(m.purity)} pocket {_yes(m.pocket)}"
                      for d in (7, 21) if (m := result.on(d)))
    alerts = " ".join(f"d{m.day}:{len(m.false_alerts)}" for m in result.days)
    weekly = result.false_alerts_per_week()
    return (f"{result.dataset} seed {result.seed} {result.kind} [{result.intent or 'nothing planted'}] ranks {ranks} | top 3 {reached} | "
            f"{caught or 'capture -'} | false alerts {alerts}, last week {'-' if weekly is None else weekly} | "
            f"{result.seconds_per_run():.0f} s per run, {seconds / 60:.1f} min stream, {result.reused} texts reused")


def _median(values: list[float | None]) -> str:
    known = [v for v in values if v is not None]
    return f"{statistics.median(known):.2f}" if known else "-"


def _hits(values: list[bool | None]) -> str:
    known = [v for v in values if v is not None]
    return f"{sum(known)}/{len(known)}" if known else "-"


def markdown_table(name: str, results: list[StreamResult], args: argparse.Namespace) -> str:
    """Per kind: streams, top 3 within 2/7/14 days, median capture and purity on days 7 and 21, false alerts, minutes a day."""
    lines = [f"### {name}: {args.daily} tickets a day, days {' '.join(map(str, args.days))} after the onset", "",
             "| kind | streams | top 3 <= 2 d | top 3 <= 7 d | top 3 <= 14 d | capture d7 | purity d7 | capture d21 | purity d21 "
             "| false alerts / week | min / day |", "|" + "---|" * 11]
    for kind in args.kinds:
        streams = [r for r in results if r.kind == kind]
        day7, day21 = [r.on(7) for r in streams], [r.on(21) for r in streams]
        weekly = [w for r in streams if (w := r.false_alerts_per_week()) is not None]
        cells = [kind, str(len(streams)), *(_hits([r.top3_within(w) for r in streams]) for w in (2, 7, 14)),
                 _median([m.capture if m else None for m in day7]), _median([m.purity if m else None for m in day7]),
                 _median([m.capture if m else None for m in day21]), _median([m.purity if m else None for m in day21]),
                 f"{statistics.mean(weekly):.1f}" if weekly else "-", f"{statistics.mean(r.seconds_per_run() for r in streams) / 60:.2f}"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def chosen_datasets(args: argparse.Namespace) -> list[Dataset]:
    names = list(PRESETS) if "all" in (args.preset or []) else (args.preset or [])
    datasets = [PRESETS[name]() for name in names]
    if args.dataset:
        datasets.append(labelled_csv(args.name or args.dataset[0].stem, args.dataset, args.text_column, args.label_column))
    if not datasets:
        raise SystemExit("choose --preset (banking77, massive_fr, sample, all) or --dataset PATH")
    return datasets


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--preset", nargs="+", choices=[*PRESETS, "all"])
    parser.add_argument("--dataset", nargs="+", type=Path, help="CSV file(s) with a text and a label column")
    parser.add_argument("--text-column", nargs="+", default=["text"], help="joined by a newline when several")
    parser.add_argument("--label-column", default="label")
    parser.add_argument("--name", help="name of --dataset in the output (default: its file name)")
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS))
    parser.add_argument("--seeds", type=int, default=1, help="streams per dataset and kind (seeds 1..N from --first-seed)")
    parser.add_argument("--first-seed", type=int, default=1)
    parser.add_argument("--daily", type=int, default=100, help="mean tickets a day (Poisson)")
    parser.add_argument("--days", nargs="+", type=int, default=[0, 1, 2, 3, 4, 5, 6, 7, 10, 14, 21], help="days after the onset to run")
    parser.add_argument("--history-days", type=int, default=180)
    parser.add_argument("--end-date", type=date.fromisoformat, default=date(2026, 11, 15))
    parser.add_argument("--held-out", type=int, default=6, help="intents absent from the base stream")
    parser.add_argument("--start-share", type=float, default=0.01, help="fresh/paraphrase: share of the daily volume on the onset")
    parser.add_argument("--end-share", type=float, default=0.03, help="... and 21 days later")
    parser.add_argument("--out", type=Path, help="also write the markdown tables here")
    parser.add_argument("--work-dir", type=Path, help="keep CSVs, truth files and databases here (default: a temporary folder)")
    args = parser.parse_args()
    if any(day < 0 or day > RAMP_DAYS for day in args.days):
        parser.error(f"--days must lie between 0 and {RAMP_DAYS}")
    if args.held_out < 2:
        parser.error("--held-out must be at least 2 (one fresh intent, one or more paraphrase candidates)")
    args.days = sorted(set(args.days))
    return args


def seed_folder(work_dir: Path | None, name: str) -> AbstractContextManager[Path | str]:
    """The folder of one dataset + seed: kept under --work-dir, else temporary."""
    if work_dir is None:
        return tempfile.TemporaryDirectory(prefix=f"streams-{name}-")
    (work_dir / name).mkdir(parents=True, exist_ok=True)
    return nullcontext(work_dir / name)


def main() -> None:
    args = parse_args()
    tables = []
    for dataset in chosen_datasets(args):
        results = []
        for seed in range(args.first_seed, args.first_seed + args.seeds):
            with seed_folder(args.work_dir, f"{dataset.name}-seed{seed}") as folder:
                results += run_seed(dataset, seed, args, Path(folder))
        tables.append(markdown_table(dataset.name, results, args))
        print("\n" + tables[-1], flush=True)
        if args.out:
            args.out.write_text("\n".join(tables), encoding="utf-8")


if __name__ == "__main__":
    main()
