"""Ingest throughput on the bundled sample, scaled up, against a bare DuckDB CSV load as baseline.

Prints one table: for each size, tickets/s and peak memory of
  baseline   DuckDB's own read_csv into a table (no validation, cleaning or redaction),
  ingest     `analyser ingest` end to end (validate, clean, redact, upsert, report),
  re-ingest  the same file again (hash comparison only: nothing changes).
Each measurement runs in a fresh process so peak memory is its own.

    python bench/ingest_throughput.py [--sizes 8000 50000]
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "data" / "samples" / "tickets.csv"


def scaled_copy(size: int, folder: Path) -> Path:
    """The sample repeated with fresh ids until it has `size` rows."""
    with SAMPLE.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        header = next(reader)
        rows = list(reader)
    target = folder / f"tickets_{size}.csv"
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(header)
        for index in range(size):
            row = list(rows[index % len(rows)])
            row[0] = f"{row[0]}-{index // len(rows)}"
            writer.writerow(row)
    return target


def measure(mode: str, source: Path, database: Path) -> dict:
    """Run one measurement in this process (called in a child process)."""
    started = time.perf_counter()
    if mode == "baseline":
        import duckdb

        with duckdb.connect(str(database)) as conn:
            conn.execute("CREATE OR REPLACE TABLE raw AS SELECT * FROM read_csv(?, delim=';', header=true)", [str(source)])
            rows = conn.execute("SELECT count(*) FROM raw").fetchone()[0]
    else:
        from analyser.config import Settings
        from analyser.progress import ProgressReporter
        from pipelines.nightly import ingest_job

        result = ingest_job([source], Settings(database=database), ProgressReporter())
        rows = result.files[0].read
    seconds = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"rows": rows, "seconds": seconds, "peak_mib": peak_mib}


def run_child(mode: str, source: Path, database: Path) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(source), str(database)],
        check=True, capture_output=True, text=True, cwd=REPO,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[8000, 50000])
    parser.add_argument("--child", nargs=3, metavar=("MODE", "SOURCE", "DB"))
    args = parser.parse_args()
    if args.child:
        mode, source, database = args.child
        print(json.dumps(measure(mode, Path(source), Path(database))))
        return
    print(f"{'rows':>8} {'step':<10} {'seconds':>8} {'tickets/s':>10} {'peak MiB':>9} {'vs baseline':>11}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for size in args.sizes:
            source = scaled_copy(size, folder)
            baseline = run_child("baseline", source, folder / f"baseline_{size}.duckdb")
            ours = run_child("ingest", source, folder / f"ours_{size}.duckdb")
            again = run_child("ingest", source, folder / f"ours_{size}.duckdb")
            for step, result in (("baseline", baseline), ("ingest", ours), ("re-ingest", again)):
                ratio = result["seconds"] / baseline["seconds"]
                print(
                    f"{result['rows']:>8} {step:<10} {result['seconds']:>8.2f} {result['rows'] / result['seconds']:>10.0f} "
                    f"{result['peak_mib']:>9.0f} {ratio:>10.1f}x"
                )


if __name__ == "__main__":
    main()
