"""How long each workshop export takes on a database that already has a complete run (and, ideally, reviews).

Prints one table: for each list and format, seconds to render (median of --repeat calls, not
recorded in `exports`), the file size and the number of items. The first call also pays for
imports (matplotlib, fpdf2, openpyxl) and is shown apart.

    python bench/export_speed.py --db data/analyser.duckdb [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from analyser.config_file import load_settings
from analyser.db import session


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    settings = load_settings(None, database=args.db)

    started = time.perf_counter()
    from analyser.export import FORMATS_BY_WHAT, render

    open_session = lambda: session(settings.database)  # noqa: E731
    render(open_session, settings, "frictions", "csv", actor="bench", record=False)
    print(f"first export (imports included): {time.perf_counter() - started:.2f} s")
    print(f"{'what':<11} {'format':<6} {'seconds':>8} {'bytes':>10} {'items':>6}")
    for what, formats in FORMATS_BY_WHAT.items():
        for fmt in formats:
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                exported = render(open_session, settings, what, fmt, actor="bench", record=False)
                times.append(time.perf_counter() - start)
            print(f"{what:<11} {fmt:<6} {statistics.median(times):>8.3f} {len(exported.data):>10} {exported.items:>6}")


if __name__ == "__main__":
    main()
