"""Property: whatever hostile CSV or JSON Lines file ingest is given, every row is accounted for.

Hypothesis writes files a careless or hostile exporter could produce (Windows-1252/Latin-1 and UTF-8
with a BOM, control characters, quotes and delimiters inside fields, fields longer than the csv
module's own limit, broken lines, missing columns, dates out of range) and ingests each one, twice,
into a real DuckDB file. For each file: `read` equals inserted + updated + unchanged + quarantined,
the second ingest changes nothing, no exception other than a user error naming the file escapes,
and nothing but the database is written.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyser.config import Settings
from analyser.errors import AnalyserError
from analyser.progress import ProgressReporter
from pipelines.nightly import ingest_job

COLUMNS = ("numero_ticket", "date_creation", "canal", "objet", "message", "produit", "categorie", "id_client", "satisfaction")
MAX_TEXT_CHARS = 2_000

HOSTILE = st.sampled_from([
    "\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1a", "\x1b", "\x1b[31m", "\x1b]8;;http://x\x1b\\", "\x7f", "\x85", "\x9b",
    "\u202e", "\u2066", "\ufeff", "\u2028", '"', '""', "'", ";", ",", "\t", "|", "\n", "\r", "\r\n", "\\", "{", "}", "[",
    "\\u0000", "\\ud800", "é", "€", "ß", "œ", "😀", "\u00a0", " ", "<p>", "&nbsp;", "=1+1",
])
TEXT = st.lists(st.one_of(st.text(st.characters(codec="utf-8"), max_size=20), HOSTILE), max_size=8).map("".join)
HUGE = st.sampled_from([MAX_TEXT_CHARS + 1, 140_000]).map(lambda size: "x" * size)  # over the limit; over the csv module's own
DATE = st.sampled_from([
    "2026-05-18 09:00:00", "18/05/2026 09:00", "2026-05-18T08:00:00+00:00", "2026-05-18", "32/13/2026", "",
    "0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00", "2026-05-18\x00", " ",
])
GOOD_TEXT = st.sampled_from(["Bonjour, prélevé deux fois ce mois-ci.", "Ma voiture est en panne", "Où en est ma livraison ?"])
IDS = st.sampled_from(["TK-1", "TK-2", "TK-3", "", " ", "TK\x00-4", "=cmd", "42"])


@st.composite
def records(draw: st.DrawFn) -> dict[str, object]:
    """One ticket: mostly plausible, any field possibly hostile, missing or huge."""
    record: dict[str, object] = {
        "numero_ticket": draw(st.one_of(IDS, TEXT)),
        "date_creation": draw(st.one_of(DATE, TEXT)),
        "message": draw(st.one_of(GOOD_TEXT, GOOD_TEXT, TEXT, HUGE)),
        "canal": draw(st.one_of(st.just("chat"), TEXT)),
        "objet": draw(TEXT),
    }
    dropped = draw(st.sets(st.sampled_from(sorted(record)), max_size=2))
    return {key: value for key, value in record.items() if key not in dropped}


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "cp1252"])


@st.composite
def csv_files(draw: st.DrawFn) -> tuple[str, bytes]:
    delimiter = draw(st.sampled_from([";", ",", "\t", "|"]))
    header = list(COLUMNS) if draw(st.booleans()) else [c for c in COLUMNS if c not in draw(st.sets(st.sampled_from(COLUMNS), max_size=3))]
    lines = [delimiter.join(header)]
    for record in draw(st.lists(records(), max_size=6)):
        cells = [str(record.get(column, "")) for column in header]
        if draw(st.booleans()):  # quoted as a CSV writer would; otherwise raw, quotes and delimiters breaking the row
            cells = ['"' + cell.replace('"', '""') + '"' for cell in cells]
        if draw(st.booleans()):
            cells = cells[: draw(st.integers(0, len(cells)))]  # missing columns
        lines.append(delimiter.join(cells))
    lines += draw(st.lists(st.sampled_from(['"unterminated', "", delimiter * 12, "\x00\x00", "TK-9"]), max_size=2))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return "tickets.csv", _encode(newline.join(lines) + newline, draw(ENCODINGS), draw(st.binary(max_size=3)))


@st.composite
def jsonl_files(draw: st.DrawFn) -> tuple[str, bytes]:
    lines = []
    for record in draw(st.lists(records(), max_size=6)):
        line = json.dumps(record, ensure_ascii=draw(st.booleans()))
        if draw(st.booleans()):  # a careless exporter: control characters raw inside the strings
            line = line.replace("\\u0000", "\x00").replace("\\u001b", "\x1b").replace("\\n", "\n")
        lines.append(line)
    lines += draw(st.lists(st.sampled_from(['{"numero_ticket": "TK-1", "message": ', "[1, 2]", "42", "", "[" * 5000, '{"a": "\\ud800"}',
                                            '{"numero_ticket": "TK-8", "date_creation": "2026-05-18", "message": "a\\ud800b"}']),
                           max_size=3))
    lines = draw(st.permutations(lines))
    return "tickets.jsonl", _encode("\n".join(lines) + "\n", draw(ENCODINGS), draw(st.binary(max_size=3)))


def _encode(text: str, encoding: str, noise: bytes) -> bytes:
    """The text in `encoding` (what it cannot hold becomes '?'), with a few stray bytes appended to the last line."""
    return text.encode(encoding, errors="replace").rstrip(b"\r\n") + noise + b"\n"


def _written(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir() if path.is_file()}


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                                                  HealthCheck.data_too_large])
@given(file=st.one_of(csv_files(), jsonl_files()))
def test_every_row_of_a_hostile_file_is_accounted_for(tmp_path: Path, file: tuple[str, bytes]) -> None:
    name, content = file
    example = Path(tempfile.mkdtemp(dir=tmp_path))
    (example / "in").mkdir()
    source = example / "in" / name
    source.write_bytes(content)
    database = example / "db" / "analyser.duckdb"
    config = Settings(database=database, ingest={"max_text_chars": MAX_TEXT_CHARS})

    try:
        [first] = ingest_job([source], config, ProgressReporter()).files
    except AnalyserError as exc:  # a file that cannot be read at all: one message naming it, nothing written
        assert str(source.resolve()) in str(exc)
        assert not database.exists()
        assert sorted(path.name for path in example.iterdir()) == ["in"]
        return
    [second] = ingest_job([source], config, ProgressReporter()).files

    for report in (first, second):
        assert report.read == report.inserted + report.updated + report.unchanged + report.quarantined_total, report.as_dict()
    assert (second.read, second.quarantined) == (first.read, first.quarantined)
    assert (second.inserted, second.updated, second.unchanged) == (0, 0, first.inserted + first.unchanged)
    with duckdb.connect(str(database), read_only=True) as conn:
        assert conn.execute("SELECT count(*) FROM quarantine").fetchone()[0] == first.quarantined_total
        assert conn.execute("SELECT count(*) FROM tickets").fetchone()[0] == first.inserted
    assert _written(example / "in") == {name: content}  # the input is untouched, nothing written beside it
    assert sorted(path.name for path in example.iterdir()) == ["db", "in"]
    assert [path.name for path in (example / "db").iterdir() if not path.name.startswith("analyser.duckdb")] == []
