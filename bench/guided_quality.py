"""Bench: does guided clustering keep what a reviewer decided, and does it help the clusters nobody reviewed?

For each dataset it writes a ticket export (`numero_ticket;date_creation;canal;objet;message;...`), the tickets in
a seeded random order with creation dates spread over 60 days; the first 80 % (by date) is the initial export, the
last 20 % is "a week of new tickets later". Every run is the real `analyser run --config CONFIG --json` in a child
process (one database and config per variant, one fresh NUMBA_CACHE_DIR per dataset shared by its runs):

  run 1       on the initial export, once per dataset; its DuckDB file is copied for each variant below
  per N in --reviewed, a simulated reviewer (ground-truth labels) looks at the N largest clusters of run 1:
              merges   reviewed clusters sharing a majority label go into the largest of them (one merge per label)
              validate each merge group (or single cluster) whose tickets share one label for >= 80 %: its target
              moves    up to 10 tickets per reviewed cluster whose label is not its majority (seeded draw): to the
                       reviewed target whose majority label is the ticket's, else to the cluster of run 1 that is
                       mostly that label and holds most of it (a reviewer who finds where the ticket belongs),
                       else to unclustered (one call per source cluster and destination)
              all through the in-process review service (analyser.review.service), in that order; a refused
              action is printed with the service's message and not counted
  run 2       on the same export (the decisions change the guidance digest, so the run recomputes)
  run 3       after appending the new week to the same export file (same config)
  unguided    a copy of run 1's database, no decisions, ANALYSER_CLUSTERING__GUIDANCE=false, the same runs 2 and 3
  BERTopic    as clustering_quality.py's `child_bertopic` (BERTopic(min_topic_size=10), unseeded, topic -1 kept as a
              label; no reduce_outliers) in a child process, on run 3's tickets, raw texts (objet + newline + message),
              with the product's configured embedder

Scores, over every ticket in the run's `tickets` table, against the ground-truth labels with the product's output
(the last complete run's `assignments`; unclustered = one label -1): NMI and ARI; NMI outside the reviewed clusters
(tickets in none of the N reviewed clusters at review time, plus the new week for run 3), guided vs unguided;
retention: for each validated cluster id, the share of the tickets it stood for at validation (its run-1 tickets and
those of the clusters merged into it, less the tickets the reviewer moved elsewhere) still under that id in run 2 and
in run 3 (min and mean over the validated clusters).

Datasets: `banking77` (/work/shared/datasets/banking77/test.csv, all of it or --size), `massive_fr`
(/work/shared/datasets/massive_fr/train.csv, a seeded subset of --size, 3000 by default), `sample` (the bundled
tickets labelled by the `topic` of data/samples/ground_truth_tickets.jsonl, all of it or --size).

    python bench/guided_quality.py --out guided.md                                  # all three, N = 10 20 40
    python bench/guided_quality.py --datasets sample --size 800 --reviewed 10       # a small trial (a few minutes)
    python bench/guided_quality.py --datasets banking77 --toml $'[clustering]\\nguidance_weight = 0.2'

Prints one line per dataset, N and run as it goes, then a markdown table per dataset (also written to --out).
Needs BERTopic (the `bench` extra). Asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import numpy as np
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from analyser.cli.common import wired  # noqa: E402
from analyser.config_file import load_settings  # noqa: E402
from analyser.review import service as review  # noqa: E402

DATASETS = Path("/work/shared/datasets")
SAMPLES = REPO / "data" / "samples"
HEADER = ["numero_ticket", "date_creation", "canal", "objet", "message", "produit", "categorie", "id_client", "satisfaction"]
NOISE = "-1"
ACTOR = "guided-bench"
VALIDATE_SHARE = 0.8
MOVES_PER_CLUSTER = 10
SPREAD_DAYS = 60
INITIAL_SHARE = 0.8
LAST_RUN = "SELECT run_id FROM run_results ORDER BY completed_at DESC, run_id DESC LIMIT 1"


# ---- datasets and exports ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dataset:
    name: str
    rows: list[list[str]]  # export rows without a date (HEADER order, date_creation left empty)
    labels: dict[str, str]  # ticket id -> ground-truth label

    def text(self, row: list[str]) -> str:
        return f"{row[3]}\n{row[4]}" if row[3] else row[4]


def labelled_rows(name: str, path: Path, text_column: str, label_column: str, prefix: str) -> Dataset:
    rows, labels = [], {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            text, label = (row.get(text_column) or "").strip(), (row.get(label_column) or "").strip()
            if text and label:
                ticket_id = f"{prefix}-{len(rows):05d}"
                rows.append([ticket_id, "", "", "", text, "", "", "", ""])
                labels[ticket_id] = label
    return Dataset(name, rows, labels)


def sample_rows() -> Dataset:
    """The bundled tickets, all their fields but the date, labelled by their topic (first row of an id wins, as in ingest)."""
    topic_of = {}
    for line in (SAMPLES / "ground_truth_tickets.jsonl").read_text(encoding="utf-8").splitlines():
        if line:
            record = json.loads(line)
            topic_of.setdefault(record["numero_ticket"], record["topic"])
    rows, labels = [], {}
    with (SAMPLES / "tickets.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            ticket_id = row["numero_ticket"]
            if ticket_id in topic_of and ticket_id not in labels and (row["objet"] or row["message"]).strip():
                rows.append([row.get(column) or "" for column in HEADER])
                labels[ticket_id] = topic_of[ticket_id]
    return Dataset("sample", rows, labels)


PRESETS = {
    "banking77": lambda: labelled_rows("banking77", DATASETS / "banking77" / "test.csv", "text", "category", "B77"),
    "massive_fr": lambda: labelled_rows("massive_fr", DATASETS / "massive_fr" / "train.csv", "text", "label", "MFR"),
    "sample": sample_rows,
}
DEFAULT_SIZE = {"massive_fr": 3000}


def dated_split(dataset: Dataset, size: int | None, seed: int) -> tuple[list[list[str]], list[list[str]]]:
    """A seeded random subset in a seeded random order, dated over 60 days in that order; (initial 80 %, new week)."""
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(dataset.rows))[: size or len(dataset.rows)]
    start = datetime(2026, 3, 2, 8, 0)
    dated = []
    for position, index in enumerate(order):
        row = list(dataset.rows[index])
        row[1] = (start + timedelta(seconds=position * SPREAD_DAYS * 86400 // len(order))).strftime("%Y-%m-%d %H:%M:%S")
        dated.append(row)
    cut = int(round(INITIAL_SHARE * len(dated)))
    return dated[:cut], dated[cut:]


def write_export(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADER)
        writer.writerows(rows)


# ---- the product -----------------------------------------------------------------------------------------


@dataclass
class Variant:
    """One database and its config, sharing the dataset's export file and numba cache."""

    name: str
    config: Path
    database: Path
    env: dict[str, str] = field(default_factory=dict)


def make_variant(folder: Path, name: str, export: Path, extra_toml: str, env: dict[str, str] | None = None) -> Variant:
    database = folder / f"{name}.duckdb"
    config = folder / f"{name}.toml"
    # Only `database` differs between variants: it is not part of a run's recipe, so run 2 recomputes for the decisions alone.
    config.write_text(f'database = "{database}"\n\n[ingest]\nsources = ["{export}"]\n\n{extra_toml}\n', encoding="utf-8")
    return Variant(name, config, database, env or {})


def copy_database(source: Path, target: Path) -> None:
    for suffix in ("", ".wal"):
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")


def analyser_run(variant: Variant, numba_cache: Path) -> tuple[dict, float]:
    """`analyser run --config CONFIG --json` in a child process; its JSON and wall seconds."""
    command = [sys.executable, "-c", "from analyser.cli import app; app()", "run", "--config", str(variant.config), "--json"]
    env = {**os.environ, "NUMBA_CACHE_DIR": str(numba_cache), **variant.env}
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, env=env)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):  # 1: finished, some rows quarantined
        sys.exit(f"analyser run ({variant.name}) failed (exit {done.returncode}):\n{done.stderr[-4000:]}")
    result = json.loads(done.stdout[done.stdout.index("{"):])
    if result.get("quarantined"):
        print(f"  warning: {result['quarantined']} rows quarantined by run {result['run_id']} ({variant.name})", file=sys.stderr)
    return result, seconds


def last_run_clusters(database: Path) -> tuple[dict[str, str | None], list[str]]:
    """The last complete run's cluster per ticket, and every ticket id of the tickets table."""
    with duckdb.connect(str(database), read_only=True) as conn:
        rows = conn.execute(f"SELECT ticket_id, cluster_id FROM assignments WHERE run_id = ({LAST_RUN})").fetchall()
        tickets = [row[0] for row in conn.execute("SELECT ticket_id FROM tickets ORDER BY ticket_id").fetchall()]
    return dict(rows), tickets


# ---- the simulated reviewer ------------------------------------------------------------------------------


@dataclass
class Review:
    reviewed: dict[str, frozenset[str]]  # cluster id -> its run-1 tickets
    validated: dict[str, frozenset[str]] = field(default_factory=dict)  # target id -> tickets it stands for
    merges: int = 0
    moved: int = 0
    refused: list[str] = field(default_factory=list)

    @property
    def reviewed_tickets(self) -> frozenset[str]:
        return frozenset().union(*self.reviewed.values())

    def actions(self) -> str:
        return f"{len(self.validated)} / {self.merges} / {self.moved}"


def majority(tickets: frozenset[str], labels: dict[str, str]) -> tuple[str, int]:
    label, count = Counter(labels[ticket] for ticket in tickets).most_common(1)[0]
    return label, count


def simulate_review(variant: Variant, clusters: dict[str, str | None], labels: dict[str, str], n: int, seed: int) -> Review:
    """Merges, then validations, then moves, through the review service, as module docstring says."""
    members: dict[str, set[str]] = defaultdict(set)
    for ticket, cluster in clusters.items():
        if cluster is not None:
            members[cluster].add(ticket)
    largest = sorted(members, key=lambda cluster: (-len(members[cluster]), cluster))[:n]
    result = Review({cluster: frozenset(members[cluster]) for cluster in largest})
    _, open_session = wired(variant.config, None)
    groups: dict[str, list[str]] = defaultdict(list)  # majority label -> reviewed clusters, largest first
    for cluster in largest:
        groups[majority(result.reviewed[cluster], labels)[0]].append(cluster)

    def act(what: str, call) -> bool:
        try:
            call()
            return True
        except review.ReviewError as exc:
            result.refused.append(f"{what}: {exc}")
            print(f"  refused: {what}: {exc}", flush=True)
            return False

    target_of: dict[str, str] = {}  # majority label -> the cluster standing for it
    for label, group in groups.items():
        target, sources = group[0], group[1:]
        merge = lambda t=target, s=sources: review.merge(open_session, t, s, ACTOR)  # noqa: E731
        if sources and not act(f"merge {sources} into {target}", merge):
            continue  # not merged: the largest still stands for the label, the others stay as they are
        result.merges += bool(sources)
        target_of[label] = target
    for label, target in target_of.items():
        tickets = frozenset().union(*(result.reviewed[cluster] for cluster in groups[label]))
        if majority(tickets, labels)[1] >= VALIDATE_SHARE * len(tickets):
            if act(f"validate {target}", lambda t=target: review.validate(open_session, t, ACTOR)):
                result.validated[target] = tickets
    home_of: dict[str, str] = {}  # label -> the cluster of run 1 that is mostly that label and holds most of it
    for cluster, tickets in sorted(members.items(), key=lambda item: (-len(item[1]), item[0])):
        label, count = majority(frozenset(tickets), labels)
        best = home_of.get(label)
        if best is None or count > sum(labels[t] == label for t in members[best]):
            home_of[label] = cluster
    home_of.update(target_of)  # a reviewed cluster standing for the label wins
    rng = np.random.default_rng(seed)
    moved_out: set[str] = set()
    for cluster in largest:
        label = majority(result.reviewed[cluster], labels)[0]
        wrong = sorted(ticket for ticket in result.reviewed[cluster] if labels[ticket] != label)
        chosen = sorted(rng.choice(wrong, size=min(MOVES_PER_CLUSTER, len(wrong)), replace=False).tolist()) if wrong else []
        by_destination: dict[str | None, list[str]] = defaultdict(list)
        for ticket in chosen:
            destination = home_of.get(labels[ticket])
            by_destination[destination if destination != cluster else None].append(ticket)
        for destination, tickets in sorted(by_destination.items(), key=lambda item: item[0] or ""):
            call = lambda t=tickets, d=destination: review.move_tickets(open_session, t, d, ACTOR)  # noqa: E731
            if act(f"move {len(tickets)} tickets of {cluster} to {destination or 'unclustered'}", call):
                result.moved += len(tickets)
                moved_out.update(tickets)
    result.validated = {target: tickets - moved_out for target, tickets in result.validated.items()}
    return result


# ---- scores -------------------------------------------------------------------------------------------


def scores(clusters: dict[str, str | None], labels: dict[str, str], ids: list[str]) -> dict[str, float]:
    predicted = [clusters.get(ticket) or NOISE for ticket in ids]
    truth = [labels[ticket] for ticket in ids]
    return {"tickets": len(ids), "clusters": len(set(predicted) - {NOISE}),
            "unclustered": predicted.count(NOISE) / max(len(ids), 1),
            "nmi": normalized_mutual_info_score(truth, predicted), "ari": adjusted_rand_score(truth, predicted)}


def nmi(clusters: dict[str, str | None], labels: dict[str, str], ids: list[str]) -> float:
    if not ids:
        return float("nan")
    return normalized_mutual_info_score([labels[t] for t in ids], [clusters.get(t) or NOISE for t in ids])


def retention(clusters: dict[str, str | None], validated: dict[str, frozenset[str]]) -> tuple[float, float] | None:
    shares = [sum(clusters.get(t) == cluster for t in tickets) / len(tickets)
              for cluster, tickets in validated.items() if tickets]
    return (min(shares), float(np.mean(shares))) if shares else None


def run_line(name: str, n: str, run: str, score: dict, result: dict, seconds: float, extra: str = "") -> None:
    guidance = result.get("guidance") or {}
    kept = f", results of {result['results_of']} stand" if result.get("nothing_new") else ""
    guided = (f", guidance {guidance.get('groups', 0)} groups / {guidance.get('pinned_tickets', 0)} pinned / "
              f"{guidance.get('held_out_tickets', 0)} held out / {guidance.get('tickets_moved', 0)} moved") if guidance else ""
    print(f"{name:<10} N={n:<3} {run:<14} {score['tickets']:>6} tickets {score['clusters']:>4} clusters "
          f"{score['unclustered']:>6.1%} unclustered  NMI {score['nmi']:.3f} ARI {score['ari']:.3f}{extra}  "
          f"{seconds:.0f} s (run {result['run_id']}{kept}, UMAP refitted {result.get('umap_refitted')}{guided})", flush=True)


# ---- one dataset -------------------------------------------------------------------------------------------


@dataclass
class Row:
    n: int
    review: Review
    runs: list[dict]  # scores of runs 1, 2, 3
    outside: tuple[float, float]  # run 3 NMI outside the reviewed clusters: guided, unguided
    outside_tickets: int
    retention: list[tuple[float, float] | None]  # run 2, run 3
    seconds: float


def fmt_retention(value: tuple[float, float] | None) -> str:
    return f"{value[0]:.2f} / {value[1]:.2f}" if value else "-"


def arrows(runs: list[dict], key: str) -> str:
    return " → ".join(f"{run[key]:.3f}" for run in runs)


def markdown_table(name: str, rows: list[Row], control: list[dict], bertopic: dict, notes: str) -> str:
    lines = [f"### {name}", "", notes, "",
             "| N | actions (validated / merged / moved) | NMI run1 → run2 → run3 | ARI run1 → run2 → run3 "
             "| unguided run3 NMI / ARI "
             "| outside-reviewed NMI run3 guided / unguided | retention min / mean run2 | retention min / mean run3 "
             "| BERTopic NMI / ARI | wall s |", "|" + "---|" * 10]
    for row in rows:
        runs = row.runs
        lines.append(
            f"| {row.n} | {row.review.actions()} | {arrows(runs, 'nmi')} | {arrows(runs, 'ari')} "
            f"| {control[-1]['nmi']:.3f} / {control[-1]['ari']:.3f} "
            f"| {row.outside[0]:.3f} / {row.outside[1]:.3f} ({row.outside_tickets} tickets) | {fmt_retention(row.retention[0])} "
            f"| {fmt_retention(row.retention[1])} | {bertopic['nmi']:.3f} / {bertopic['ari']:.3f} | {row.seconds:.0f} |")
    return "\n".join(lines) + "\n"


def child_bertopic(texts_file: Path, model: str) -> dict:
    """clustering_quality.py's child_bertopic without its `reduce_outliers` (which raises when BERTopic finds no outlier)."""
    from bertopic import BERTopic

    from analyser.stages.embed import build_embedder

    ids, texts = zip(*json.loads(texts_file.read_text(encoding="utf-8")).items())
    embeddings = build_embedder(model).embed(list(texts))
    topics, _ = BERTopic(min_topic_size=10).fit_transform(list(texts), embeddings)
    return dict(zip(ids, map(int, topics)))


def bertopic_scores(folder: Path, ids: list[str], texts: dict[str, str], labels: dict[str, str], model: str,
                    numba_cache: Path) -> tuple[dict, float]:
    texts_file = folder / "texts.json"
    texts_file.write_text(json.dumps({ticket: texts[ticket] for ticket in ids}), encoding="utf-8")
    command = [sys.executable, __file__, "--child-bertopic", str(texts_file), model]
    started = time.perf_counter()
    env = {**os.environ, "NUMBA_CACHE_DIR": str(numba_cache)}
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, env=env)
    seconds = time.perf_counter() - started
    if done.returncode:
        sys.exit(f"BERTopic child failed (exit {done.returncode}):\n{done.stderr[-4000:]}")
    topics = json.loads(done.stdout.strip().splitlines()[-1])
    return scores({ticket: None if topic == -1 else str(topic) for ticket, topic in topics.items()}, labels, ids), seconds


def run_dataset(dataset: Dataset, args: argparse.Namespace, folder: Path) -> str:
    size = args.size or DEFAULT_SIZE.get(dataset.name)
    initial, week = dated_split(dataset, size, args.seed)
    labels, new_ids = dataset.labels, {row[0] for row in week}
    texts = {row[0]: dataset.text(row) for row in initial + week}
    export, numba_cache = folder / "export.csv", folder / "numba"
    numba_cache.mkdir(exist_ok=True)
    print(f"[{dataset.name}] {len(initial)} initial tickets + {len(week)} new-week tickets (seed {args.seed}); folder {folder}",
          flush=True)

    first = make_variant(folder, "run1", export, args.toml)
    write_export(export, initial)
    result, seconds = analyser_run(first, numba_cache)
    clusters1, ids1 = last_run_clusters(first.database)
    score1 = scores(clusters1, labels, ids1)
    run_line(dataset.name, "-", "run 1", score1, result, seconds)
    run1_seconds = seconds

    control = make_variant(folder, "unguided", export, args.toml, {"ANALYSER_CLUSTERING__GUIDANCE": "false"})
    copy_database(first.database, control.database)
    control_scores, control_clusters, control_seconds = [score1], clusters1, 0.0
    for run, rows in (("run 2", initial), ("run 3", initial + week)):
        write_export(export, rows)
        result, seconds = analyser_run(control, numba_cache)
        control_clusters, ids = last_run_clusters(control.database)
        control_scores.append(scores(control_clusters, labels, ids))
        control_seconds += seconds
        run_line(dataset.name, "-", f"unguided {run}", control_scores[-1], result, seconds)
    final_ids = ids

    table_rows = []
    for n in args.reviewed:
        variant = make_variant(folder, f"guided-n{n}", export, args.toml)
        copy_database(first.database, variant.database)
        started = time.perf_counter()
        done = simulate_review(variant, clusters1, labels, n, args.seed)
        outside = sorted(set(ids1) - done.reviewed_tickets)
        print(f"{dataset.name:<10} N={n:<3} review: {len(done.reviewed)} clusters ({len(done.reviewed_tickets)} tickets); "
              f"validated / merged / moved {done.actions()}; refused {len(done.refused)}", flush=True)
        runs, kept = [score1], []
        for run, rows in (("run 2", initial), ("run 3", initial + week)):
            write_export(export, rows)
            result, seconds = analyser_run(variant, numba_cache)
            clusters, ids = last_run_clusters(variant.database)
            runs.append(scores(clusters, labels, ids))
            kept.append(retention(clusters, done.validated))
            scope = outside + sorted(new_ids & set(ids)) if run == "run 3" else outside
            extra = f", outside NMI {nmi(clusters, labels, scope):.3f}, retention min / mean {fmt_retention(kept[-1])}"
            run_line(dataset.name, str(n), run, runs[-1], result, seconds, extra)
        outside_nmi = (nmi(clusters, labels, scope), nmi(control_clusters, labels, scope))
        table_rows.append(Row(n, done, runs, outside_nmi, len(scope), kept, time.perf_counter() - started))
        if set(ids) != set(final_ids):
            print(f"  warning: guided run 3 has {len(ids)} tickets, unguided run 3 {len(final_ids)}", file=sys.stderr)

    model = load_settings(first.config).embedding.model
    bertopic, bertopic_seconds = bertopic_scores(folder, final_ids, texts, labels, model, numba_cache)
    print(f"{dataset.name:<10} BERTopic ({model}, topic -1 kept) {bertopic['tickets']} tickets {bertopic['clusters']} topics "
          f"{bertopic['unclustered']:.1%} outliers  NMI {bertopic['nmi']:.3f} ARI {bertopic['ari']:.3f}  "
          f"{bertopic_seconds:.0f} s",
          flush=True)
    notes = (f"{len(initial)} + {len(week)} tickets, seed {args.seed}, embedder {model}; extra settings {args.toml!r}. "
             f"Run 1 {run1_seconds:.0f} s (NMI {score1['nmi']:.3f}, ARI {score1['ari']:.3f}); unguided runs 2 + 3 "
             f"{control_seconds:.0f} s (unguided run 2 NMI {control_scores[1]['nmi']:.3f}, ARI {control_scores[1]['ari']:.3f}); "
             f"BERTopic {bertopic_seconds:.0f} s. Wall s per N: review + runs 2 and 3. Outside-reviewed: tickets in none of the "
             "N reviewed clusters at review time, plus the new week.")
    return markdown_table(dataset.name, table_rows, control_scores, bertopic, notes)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--datasets", nargs="+", choices=list(PRESETS), default=list(PRESETS))
    parser.add_argument("--reviewed", nargs="+", type=int, default=[10, 20, 40],
                        help="how many of run 1's largest clusters are reviewed")
    parser.add_argument("--size", type=int, help="tickets per dataset (default: all; massive_fr 3000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work-dir", type=Path, help="keep exports, configs and databases here (default: a temporary folder)")
    parser.add_argument("--out", type=Path, help="also write the markdown tables here")
    parser.add_argument("--toml", default="",
                        help="extra settings appended to the product config, e.g. $'[clustering]\\nguidance_weight = 0.2'")
    parser.add_argument("--child-bertopic", nargs=2, metavar=("TEXTS_JSON", "MODEL"), help=argparse.SUPPRESS)
    return parser.parse_args()


def dataset_folder(work_dir: Path | None, name: str) -> AbstractContextManager[Path | str]:
    if work_dir is None:
        return tempfile.TemporaryDirectory(prefix=f"guided-{name}-")
    (work_dir / name).mkdir(parents=True, exist_ok=True)
    return nullcontext(work_dir / name)


def main() -> None:
    args = parse_args()
    if args.child_bertopic:
        print(json.dumps(child_bertopic(Path(args.child_bertopic[0]), args.child_bertopic[1])))
        return
    tables = []
    for name in args.datasets:
        started = time.perf_counter()
        with dataset_folder(args.work_dir, name) as folder:
            tables.append(run_dataset(PRESETS[name](), args, Path(folder)))
        print(f"\n{tables[-1]}\n({name}: {time.perf_counter() - started:.0f} s in all)\n", flush=True)
        if args.out:
            args.out.write_text("\n".join(tables), encoding="utf-8")


if __name__ == "__main__":
    main()
