"""Bench helper: the bundled sample generator at N times its background volume, for signal benches at real volumes.

The sample has about 49 tickets a day, so an issue at 0.2 % -> 2 % of daily volume (the signal
bench's specification) is 0.1 -> 1 ticket a day. This writes the same fictional company with every
background topic N times larger (planted issues keep their own counts), distinct texts from the same
generator, into a folder outside the repository. Never shipped; never used by tests.

    python bench/scaled_sample.py --scale 10 --out-dir /tmp/sample-x10
    analyser run --db /tmp/sample-x10/analyser.duckdb   (with ingest.sources pointing at its tickets.csv)
    python bench/signal_detection.py --db /tmp/sample-x10/analyser.duckdb --ground-truth /tmp/sample-x10/ground_truth_tickets.jsonl
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import sys
import time
from pathlib import Path

GENERATOR = Path(__file__).resolve().parents[1] / "data" / "samples" / "generate_tickets.py"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=10.0, help="background volume multiplier")
    parser.add_argument("--out-dir", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    spec = importlib.util.spec_from_file_location("generate_tickets", GENERATOR)
    generator = importlib.util.module_from_spec(spec)
    sys.modules["generate_tickets"] = generator
    spec.loader.exec_module(generator)
    generator.BG_SCALE *= args.scale
    args.out_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    argv = ["--out-dir", str(args.out_dir), "--quiet"] + (["--seed", str(args.seed)] if args.seed is not None else [])
    status = generator.main(argv)
    with (args.out_dir / "tickets.csv").open(encoding="utf-8", newline="") as handle:
        rows = sum(1 for _ in csv.reader(handle, delimiter=";")) - 1
    print(f"{rows} rows written to {args.out_dir} in {time.perf_counter() - started:.0f} s (generator self-check "
          f"{'passed' if status == 0 else 'reported problems: expected at another volume'})")


if __name__ == "__main__":
    main()
