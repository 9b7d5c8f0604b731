"""Writing result tables to files for BI tools (CSV readable by Excel, or Parquet)."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from analyser.errors import AnalyserError


def write_table(table: pa.Table, path: Path, file_format: str) -> None:
    """Write `table` as CSV (UTF-8 with header) or Parquet; a folder that does not exist is a clear error."""
    if not path.parent.exists():
        raise AnalyserError(f"folder {path.parent} does not exist. Fix: create it or choose another --out path.")
    if file_format == "parquet":
        pq.write_table(table, path)
    else:
        pa_csv.write_csv(table, path)
