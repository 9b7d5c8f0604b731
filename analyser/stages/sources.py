"""Reading ticket exports (CSV, JSON Lines, Parquet) into rows keyed by our field names.

The pure parts (decoding, delimiter choice, CSV parsing) work on bytes and text; `open_source`
is the thin file-system edge. A file that cannot be read at all raises SourceError before any
row is produced, so the caller can refuse it without writing anything. A problem inside one
record (a stray byte, a broken quote, a huge field) is that record's problem only.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Literal

from analyser.config import ColumnMapping, IngestSettings
from analyser.errors import SourceError

Format = Literal["csv", "jsonl", "parquet"]
DELIMITER_CANDIDATES = (";", ",", "\t", "|")
_SNIFF_BYTES = 64 * 1024


@dataclass(frozen=True)
class SourceRow:
    """One input record: our field names -> values, or a problem that sends it to quarantine."""

    row_number: int  # 1-based data row, header excluded
    line: int | None  # line of the file where the record starts (text formats)
    raw: str  # the record as it was in the file
    fields: dict[str, Any] = field(default_factory=dict)
    problem: str | None = None  # quarantine reason found while reading (malformed_record, undecodable_bytes)
    problem_detail: str = ""


@dataclass(frozen=True)
class SourceFile:
    """A readable input file, validated against the column mapping."""

    path: Path
    format: Format
    sha256: str
    encoding: str | None
    delimiter: str | None
    columns: tuple[str, ...]
    mapping: dict[str, str]  # our field name -> the file's column name

    def rows(self) -> Iterator[SourceRow]:
        """Read the file again and yield its records in order."""
        if self.format == "parquet":
            yield from _parquet_rows(self)
            return
        text, _ = decode_bytes(self.path.read_bytes(), self.encoding or "auto")
        if self.format == "csv":
            yield from csv_rows(text, self.delimiter or ",", self.mapping)
        else:
            yield from jsonl_rows(text, self.mapping)


def open_source(path: Path, settings: IngestSettings) -> SourceFile:
    """Check that `path` is a readable ticket export with the mapped columns; raise SourceError if not.

    The path is resolved: the file's identity in the database is the same whatever spelling named it.
    """
    path = Path(path).resolve()
    if not path.exists():
        raise SourceError(f"{path}: file not found. Fix: check the path (relative paths start from the current folder).")
    if not path.is_file():
        raise SourceError(f"{path}: is a folder, not a file. Fix: pass the export file itself.")
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    kind = detect_format(path, data[:_SNIFF_BYTES])
    if kind == "parquet":
        columns = _parquet_columns(path)
        return SourceFile(path, "parquet", digest, None, None, columns, _map_columns(path, columns, settings.columns))
    text, encoding = decode_bytes(data, settings.encoding)
    if kind == "jsonl":
        columns = _jsonl_keys(path, text)
        return SourceFile(path, "jsonl", digest, encoding, None, columns, _map_columns(path, columns, settings.columns))
    delimiter, header = choose_delimiter(path, text, settings.delimiter, settings.columns)
    return SourceFile(path, "csv", digest, encoding, delimiter, header, _map_columns(path, header, settings.columns))


def detect_format(path: Path, head: bytes) -> Format:
    """Parquet by magic bytes, JSON Lines by extension, otherwise a delimited text file."""
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"PK\x03\x04"):
        raise SourceError(
            f"{path}: looks like an Excel workbook or a zip archive, not a CSV file. "
            "Fix: export the sheet as CSV (UTF-8) or Parquet."
        )
    suffix = path.suffix.lower()
    if suffix in {".jsonl", ".ndjson", ".json"}:
        if head.lstrip().startswith(b"["):
            raise SourceError(f"{path}: a JSON array, not JSON Lines. Fix: write one JSON object per line (.jsonl).")
        return "jsonl"
    # NUL bytes in the header mean UTF-16 or a binary file; in a data row they are one bad field, cleaned like any control character.
    if b"\x00" in head.split(b"\n", 1)[0]:
        raise SourceError(
            f"{path}: binary content (NUL bytes in the header line: UTF-16 or not a text export). "
            "Fix: export tickets as CSV (UTF-8), JSON Lines or Parquet."
        )
    return "csv"


def decode_bytes(data: bytes, encoding: str) -> tuple[str, str]:
    """Decode a text export. 'auto' means UTF-8 (BOM allowed) unless the bytes read better as Windows-1252.

    Bytes that do not decode are kept as surrogate escapes so that only the rows holding them are
    quarantined, not the whole file.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        if encoding == "auto":
            encoding = "utf-8"
    if encoding != "auto":
        return data.decode(encoding, errors="surrogateescape"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    as_utf8 = data.decode("utf-8", errors="surrogateescape")
    bad = sum(1 for char in as_utf8 if "\udc80" <= char <= "\udcff")
    good_non_ascii = sum(1 for char in as_utf8 if ord(char) > 127) - bad
    if good_non_ascii >= bad:  # mostly valid UTF-8 with a few broken rows
        return as_utf8, "utf-8"
    return data.decode("cp1252", errors="surrogateescape"), "cp1252"


_UNDECODABLE = re.compile("[\udc80-\udcff]")  # bytes that surrogateescape kept as lone surrogates
_SURROGATE = re.compile("[\ud800-\udfff]")  # what a JSON \\uXXXX escape can leave: not text
_RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # tab, line feed and carriage return stay


def has_undecodable(text: str) -> bool:
    return _UNDECODABLE.search(text) is not None


def printable_raw(text: str) -> str:
    """The raw record with undecodable bytes and control characters shown as \\xNN: safe to store as UTF-8 and to print."""
    text = text.encode("utf-8", errors="surrogateescape").decode("utf-8", errors="backslashreplace")
    return _RAW_CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def _allow_fields_of(length: int) -> None:
    """Let the csv module read a field as long as the whole text (its default stops at 131,072 characters).

    Too long a text is then quarantined as text_too_long, not as a CSV error. The limit is process-wide
    and only ever raised here.
    """
    length = min(length, 2**31 - 1)  # a C long on every platform
    if csv.field_size_limit() < length:
        csv.field_size_limit(length)


def choose_delimiter(path: Path, text: str, configured: str, columns: ColumnMapping) -> tuple[str, tuple[str, ...]]:
    """The delimiter whose header contains the mapped id, date and text columns, and that header."""
    candidates = (configured,) if configured != "auto" else _sniffed_first(text)
    _allow_fields_of(len(text))
    first_record = next(iter(_logical_lines(text)), "")
    if not first_record.strip():
        raise SourceError(f"{path}: empty file (no header line). Fix: export the tickets with a header row.")
    required = {name.lower() for name in columns.required.values()}
    best: tuple[str, tuple[str, ...]] | None = None
    for delimiter in candidates:
        header = _parse_header(first_record, delimiter)
        if required <= {name.lower() for name in header}:
            return delimiter, header
        if best is None or len(header) > len(best[1]):
            best = (delimiter, header)
    assert best is not None
    missing = sorted(required - {name.lower() for name in best[1]})
    shown = ", ".join(best[1][:15]) + (" ..." if len(best[1]) > 15 else "")
    raise SourceError(
        f"{path}: required column(s) not found: {', '.join(missing)}. The header reads [{shown}]: either this is not "
        "a ticket export, or its columns have other names. Fix: set [ingest.columns] in analyser.toml to this file's column names"
        + (f", or set [ingest] delimiter (tried {', '.join(repr(d) for d in candidates)})." if configured == "auto" else ".")
    )


def _sniffed_first(text: str) -> tuple[str, ...]:
    try:
        sniffed = csv.Sniffer().sniff(text[:_SNIFF_BYTES], delimiters="".join(DELIMITER_CANDIDATES)).delimiter
    except csv.Error:
        return DELIMITER_CANDIDATES
    return (sniffed, *[d for d in DELIMITER_CANDIDATES if d != sniffed])


def _logical_lines(text: str) -> Iterator[str]:
    """Physical lines, split exactly as the csv module counts them."""
    return iter(io.StringIO(text, newline="").readlines())


def _parse_header(first_line: str, delimiter: str) -> tuple[str, ...]:
    row = next(csv.reader([first_line], delimiter=delimiter), [])
    return tuple(name.strip().lstrip("\ufeff") for name in row)


def _map_columns(path: Path, columns: tuple[str, ...], mapping: ColumnMapping) -> dict[str, str]:
    by_lower = {name.lower(): name for name in columns}
    missing = [f"{field_name} -> '{column}'" for field_name, column in mapping.required.items() if column.lower() not in by_lower]
    if missing:
        shown = ", ".join(columns[:15]) + (" ..." if len(columns) > 15 else "")
        raise SourceError(
            f"{path}: required column(s) not found: {'; '.join(missing)}. The file has: [{shown}]. "
            "Fix: set [ingest.columns] in analyser.toml to this file's column names."
        )
    wanted = {**mapping.required, **mapping.optional}
    return {field_name: by_lower[column.lower()] for field_name, column in wanted.items() if column.lower() in by_lower}


def csv_rows(text: str, delimiter: str, mapping: dict[str, str]) -> Iterator[SourceRow]:
    """Data rows of a CSV text (header skipped), with the record's original lines as its raw form."""
    lines = io.StringIO(text, newline="").readlines()
    _allow_fields_of(len(text))
    reader = csv.reader(iter(lines), delimiter=delimiter)
    header = [name.strip().lstrip("\ufeff") for name in next(reader, [])]
    index = {name: position for position, name in enumerate(header)}
    positions = {field_name: index[column] for field_name, column in mapping.items()}
    row_number = 0
    while True:
        start = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            row_number += 1
            raw = "".join(lines[start - 1 : reader.line_num])
            yield SourceRow(row_number, start, printable_raw(raw), problem="malformed_record", problem_detail=f"CSV error: {exc}")
            continue
        if not values:
            continue  # blank line: not a record
        row_number += 1
        raw = printable_raw("".join(lines[start - 1 : reader.line_num]).rstrip("\r\n"))
        if len(values) != len(header):
            yield SourceRow(
                row_number, start, raw, problem="malformed_record",
                problem_detail=f"the row has {len(values)} fields but the header has {len(header)}; "
                "check the delimiter and the quotes in this row",
            )
            continue
        if any(has_undecodable(value) for value in values):
            yield SourceRow(row_number, start, raw, problem="undecodable_bytes", problem_detail="bytes that are not valid text")
            continue
        yield SourceRow(row_number, start, raw, {name: values[position] for name, position in positions.items()})


def _jsonl_keys(path: Path, text: str) -> tuple[str, ...]:
    keys: dict[str, None] = {}
    for line in islice(_logical_lines(text), 200):  # the lines jsonl_rows reads, not str.splitlines()'s
        record = _json_record(line)
        if not isinstance(record, str):
            keys.update(dict.fromkeys(record))
    if not keys:
        raise SourceError(f"{path}: no JSON object found in the first lines. Fix: write one JSON object per line.")
    return tuple(keys)


def jsonl_rows(text: str, mapping: dict[str, str]) -> Iterator[SourceRow]:
    """One row per non-blank line of a JSON Lines text."""
    row_number = 0
    for line_number, line in enumerate(io.StringIO(text, newline="").readlines(), start=1):
        if not line.strip():
            continue
        row_number += 1
        raw = printable_raw(line.rstrip("\r\n"))
        if has_undecodable(line):
            yield SourceRow(row_number, line_number, raw, problem="undecodable_bytes", problem_detail="bytes that are not valid text")
            continue
        record = _json_record(line)
        if isinstance(record, str):
            yield SourceRow(row_number, line_number, raw, problem="malformed_record", problem_detail=record)
            continue
        fields = {name: record.get(column) for name, column in mapping.items()}
        if any(isinstance(value, str) and _SURROGATE.search(value) for value in fields.values()):
            detail = "invalid JSON: a \\uXXXX escape is half of a surrogate pair, not a character"
            yield SourceRow(row_number, line_number, raw, problem="malformed_record", problem_detail=detail)
            continue
        yield SourceRow(row_number, line_number, raw, fields)


def _json_record(line: str) -> dict[str, Any] | str:
    """The JSON object on `line`, or why there is none.

    Control characters inside strings are accepted (strict=False), as the CSV reader accepts them:
    validation removes them from every field whatever the format.
    """
    try:
        record = json.loads(line, strict=False)
    except (ValueError, RecursionError) as exc:  # RecursionError: thousands of nested brackets
        return f"invalid JSON: {exc}"
    return record if isinstance(record, dict) else "not a JSON object"


def _parquet_columns(path: Path) -> tuple[str, ...]:
    import pyarrow.parquet as pq

    try:
        return tuple(pq.ParquetFile(path).schema_arrow.names)
    except Exception as exc:  # pyarrow raises several types for a damaged file
        raise SourceError(f"{path}: unreadable Parquet file ({exc}). Fix: re-export it.") from None


def _parquet_rows(source: SourceFile) -> Iterator[SourceRow]:
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(source.path)
    row_number = 0
    for batch in parquet.iter_batches(batch_size=10_000):
        for record in batch.to_pylist():
            row_number += 1
            raw = json.dumps(record, ensure_ascii=False, default=str)
            yield SourceRow(row_number, None, raw, {name: record.get(column) for name, column in source.mapping.items()})
