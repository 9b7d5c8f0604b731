"""Hostile input found by the fault campaign (issue 15): one bad row never stops a file, and a file is one file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from analyser.cli import app
from analyser.config import Settings
from conftest import ingest, query, settings_in, write_csv

GOOD = "TK-1;2026-05-18 09:00:00;email;Prélèvement;Bonjour, prélevé deux fois.;LOA;Facturation;C000001;"
# Bytes a legacy CRM or a copy-paste from a terminal leaves in ticket text.
HOSTILE_TEXT = "Bonjour\x00, ma \x1b[31mvoiture\x1b[0m\x07 est en panne\x08\x01\x1f depuis\x0blundi\x0cmatin"
CLEANED_TEXT = "Bonjour, ma voiture est en panne depuis\nlundi\nmatin"  # whole ANSI sequences go, not only ESC


def test_a_nul_byte_in_one_csv_field_does_not_stop_the_run(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    hostile = write_csv(tmp_path / "hostile.csv", [f"TK-2;2026-05-18 10:00:00;chat;Panne\x00;{HOSTILE_TEXT};LOA;;C2;", GOOD.replace("TK-1", "TK-3")])
    valid = write_csv(tmp_path / "valid.csv", [GOOD])

    result = runner_ingest([hostile, valid], settings)

    assert result.exit_code == 0, result.output  # not 2: no file was refused, no row quarantined
    assert [(f["path"], f["read"], f["inserted"]) for f in json.loads(result.stdout)["files"]] == [
        (str(hostile), 2, 2), (str(valid), 1, 1),
    ]
    stored = dict(query(settings, "SELECT ticket_id, subject FROM tickets WHERE ticket_id = 'TK-2'"))
    assert stored == {"TK-2": "Panne"}


def runner_ingest(paths: list[Path], settings: Settings):
    return CliRunner().invoke(app, ["ingest", *map(str, paths), "--db", str(settings.database), "--json"])


def _jsonl_line(text: str, escaped: bool) -> str:
    record = {"numero_ticket": "TK-2", "date_creation": "2026-05-18 10:00:00", "message": text}
    # escaped: "\u0000" as JSON writes it; raw: the byte itself inside the string, as a careless exporter writes it
    return json.dumps(record, ensure_ascii=False) if escaped else json.dumps(record, ensure_ascii=False).replace(
        json.dumps(text, ensure_ascii=False)[1:-1], text
    )


@pytest.mark.parametrize("layout", ["csv", "jsonl escaped", "jsonl raw"])
def test_control_characters_are_removed_the_same_way_in_csv_and_json_lines(tmp_path: Path, layout: str) -> None:
    settings = settings_in(tmp_path)
    if layout == "csv":
        source = write_csv(tmp_path / "t.csv", [f"TK-2;2026-05-18 10:00:00;chat;;{HOSTILE_TEXT};LOA;;C2;"])
    else:
        source = tmp_path / "t.jsonl"
        source.write_bytes((_jsonl_line(HOSTILE_TEXT, escaped=layout == "jsonl escaped") + "\n").encode("utf-8"))
    assert (b"\x00" in source.read_bytes()) == (layout != "jsonl escaped")

    [report] = ingest([source], settings).files

    assert (report.read, report.inserted, report.quarantined) == (1, 1, {})
    assert query(settings, "SELECT text FROM tickets")[0][0] == CLEANED_TEXT


def test_a_quarantined_raw_record_shows_control_characters_escaped(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    source = write_csv(tmp_path / "t.csv", ["TK-2;;chat;;Sans date\x1b[2J\x00;LOA;;C2;"])

    ingest([source], settings)

    [(reason, raw)] = query(settings, "SELECT reason, raw_record FROM quarantine")
    assert reason == "missing_date"
    assert "\\x1b[2J\\x00" in raw  # what was in the file, but a terminal showing it runs nothing
    assert "\x1b" not in raw and "\x00" not in raw


def test_a_nul_byte_in_the_header_is_still_a_binary_file(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    source = tmp_path / "utf16.csv"
    source.write_bytes("numero_ticket;date_creation;message\nT1;2026-05-18;Bonjour\n".encode("utf-16-le"))
    result = runner_ingest([source], settings)
    assert result.exit_code == 2
    assert f"{source}: binary content" in result.output
    assert not settings.database.exists()


def test_a_field_over_the_csv_module_limit_is_text_too_long_naming_the_row(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    huge = "mot " * 35_000  # 140,000 characters, over the csv module's default field limit of 131,072
    source = write_csv(tmp_path / "t.csv", [GOOD, f'TK-2;2026-05-18;chat;;"{huge}";LOA;;C2;', GOOD.replace("TK-1", "TK-3")])

    [report] = ingest([source], settings).files

    assert (report.read, report.inserted, report.quarantined) == (3, 2, {"text_too_long": 1})
    [(row, line, detail)] = query(settings, "SELECT row_number, line, detail FROM quarantine")
    assert (row, line) == (2, 3)
    assert detail.startswith("column 'message' holds 140,000 characters, the limit is 20,000")
    assert "Fix:" in detail


def test_a_field_over_the_csv_module_limit_is_read_when_the_limit_allows_it(tmp_path: Path) -> None:
    settings = settings_in(tmp_path, max_text_chars=200_000)
    huge = "panne " * 25_000  # 150,000 characters
    source = write_csv(tmp_path / "t.csv", [f"TK-2;2026-05-18;chat;;{huge};LOA;;C2;"])

    [report] = ingest([source], settings).files

    assert (report.inserted, report.quarantined) == (1, {})
    assert query(settings, "SELECT length(text) FROM tickets")[0][0] == len(huge.strip())


def test_the_same_file_under_other_spellings_is_one_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = settings_in(tmp_path)
    (tmp_path / "exports").mkdir()
    source = write_csv(tmp_path / "exports" / "x.csv", [GOOD, ";2026-05-18;chat;;Sans id;LOA;;C2;", "TK-3;;chat;;Sans date;LOA;;C3;"])
    (tmp_path / "link.csv").symlink_to(source)
    assert Path.cwd() == tmp_path  # the `isolated` fixture runs each test in its folder
    spellings = [Path("exports/x.csv"), Path("./exports/x.csv"), source, Path("exports/../exports/x.csv"),
                 Path(os.path.relpath(source, tmp_path / "exports")), Path("link.csv")]

    reports = [ingest([spelling], settings).files[0] for spelling in spellings[:4]]
    monkeypatch.chdir(tmp_path / "exports")
    reports += [ingest([spelling], settings).files[0] for spelling in spellings[4:5]]
    monkeypatch.chdir(tmp_path)
    reports += [ingest([spelling], settings).files[0] for spelling in spellings[5:]]

    resolved = str(source.resolve())
    assert {report.path for report in reports} == {resolved}
    assert [(r.inserted, r.unchanged, r.quarantined_total) for r in reports] == [(1, 0, 2)] + [(0, 1, 2)] * 5
    assert query(settings, "SELECT count(*), count(DISTINCT source_file), min(source_file) FROM quarantine")[0] == (2, 1, resolved)
    assert query(settings, "SELECT DISTINCT path FROM ingest_files") == [(resolved,)]
    assert query(settings, "SELECT source_file FROM tickets") == [(resolved,)]


@pytest.mark.parametrize(
    ("line", "detail"),
    [
        ("[" * 5000, "invalid JSON: maximum recursion depth exceeded"),  # found by tests/test_ingest_properties.py
        ('{"numero_ticket": "TK-8", "date_creation": "2026-05-18", "message": "a\\ud800b"}', "half of a surrogate pair"),
    ],
    ids=["nested-brackets", "lone-surrogate-escape"],
)
def test_a_json_line_python_cannot_hold_is_one_malformed_record(tmp_path: Path, line: str, detail: str) -> None:
    settings = settings_in(tmp_path)
    source = tmp_path / "t.jsonl"
    good = json.dumps({"numero_ticket": "J-1", "date_creation": "2026-06-01", "message": "Bonjour"})
    source.write_text(f"{good}\n{line}\n", encoding="utf-8")

    [report] = ingest([source], settings).files

    assert (report.read, report.inserted, report.quarantined) == (2, 1, {"malformed_record": 1})
    assert detail in query(settings, "SELECT detail FROM quarantine")[0][0]


@pytest.mark.parametrize("date", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00"])
def test_a_date_that_leaves_the_calendar_in_local_time_is_unparseable(tmp_path: Path, date: str) -> None:
    settings = settings_in(tmp_path)
    source = write_csv(tmp_path / "t.csv", [GOOD, f"TK-2;{date};chat;;Bonjour;LOA;;C2;"])

    [report] = ingest([source], settings).files

    assert (report.read, report.inserted, report.quarantined) == (2, 1, {"unparseable_date": 1})
    assert date in query(settings, "SELECT detail FROM quarantine")[0][0]
