"""Ingest against real DuckDB files: every input row ends in tickets or in quarantine, with a reason."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from analyser.errors import SourceError
from conftest import SAMPLE_HEADER, ingest, query, settings_in, write_csv

GOOD = "TK-1;2026-05-18 09:00:00;email;Prélèvement;Bonjour, prélevé deux fois. Jean Dupont jean.dupont@gmail.com;LOA;Facturation;C000001;"
LONG_TEXT = "trop long " * 60


def broken_csv(path: Path) -> Path:
    rows = [
        GOOD,  # row 1
        ";2026-05-18 09:00:00;email;;Texte sans identifiant;LOA;Autre;C000002;",  # 2 missing_id
        "TK-3;2026-05-18;chat;;;LOA;Autre;C000003;",  # 3 missing_text
        'TK-4;2026-05-18;chat;;"   ";LOA;Autre;C000004;',  # 4 empty_text
        'TK-5;2026-05-18;formulaire_web;;"<p>&nbsp;</p>";LOA;Autre;C000005;',  # 5 empty_text (markup only)
        "TK-6;32/13/2026;chat;;Date impossible;LOA;Autre;C000006;",  # 6 unparseable_date
        "TK-7;;chat;;Pas de date;LOA;Autre;C000007;",  # 7 missing_date
        "TK-8;2026-05-19 10:00:00;chat;;Version A du ticket;LOA;Autre;C000008;",  # 8 conflict
        "TK-9;2026-05-19 10:00:00;chat;;Ticket exporté deux fois;LOA;Autre;C000009;",  # 9 ok
        "TK-9;2026-05-19 10:00:00;chat;;Ticket exporté deux fois;LOA;Autre;C000009;",  # 10 identical repeat
        "TK-8;2026-05-19 10:00:00;chat;;Version B du ticket;LOA;Autre;C000008;",  # 11 conflict
        f"TK-12;2026-05-19 10:00:00;chat;;{LONG_TEXT};LOA;Autre;C000012;",  # 12 text_too_long
        "TK-13;2026-05-19;chat;;un;champ;de;trop;ici;x;y",  # 13 malformed_record
        'TK-14;19/05/2026 10:00;email;Suite;"Première ligne\nDeuxième ligne";LLD;Contrat;C000014;4',  # 14 ok, 2 lines
        "TK-15;2026-05-20T08:00:00+00:00;chat;;Heure UTC;LLD;Contrat;C000015;",  # 15 ok, offset converted
    ]
    write_csv(path, rows)
    data = path.read_bytes() + "TK-16;2026-05-20;chat;;Octets cass".encode() + b"\xff\xfe" + "és;LLD;;C000016;\n".encode()
    path.write_bytes(data)
    return path


def test_broken_csv_loses_no_row_and_says_why(tmp_path: Path) -> None:
    settings = settings_in(tmp_path, max_text_chars=500)
    source = broken_csv(tmp_path / "broken.csv")

    result = ingest([source], settings)

    [report] = result.files
    assert report.as_dict() == {
        "path": str(source),
        "read": 16,
        "inserted": 4,
        "updated": 0,
        "unchanged": 1,
        "quarantined": {
            "duplicate_id_conflict": 2,
            "empty_text": 2,
            "malformed_record": 1,
            "missing_date": 1,
            "missing_id": 1,
            "missing_text": 1,
            "text_too_long": 1,
            "undecodable_bytes": 1,
            "unparseable_date": 1,
        },
        "same_file": False,
    }
    assert result.status == "partial"
    tickets = dict(query(settings, "SELECT ticket_id, text FROM tickets"))
    assert sorted(tickets) == ["TK-1", "TK-14", "TK-15", "TK-9"]
    quarantined = query(settings, "SELECT row_number, line, reason, detail, raw_record FROM quarantine ORDER BY row_number")
    assert [(row, reason) for row, _, reason, _, _ in quarantined] == [
        (2, "missing_id"), (3, "missing_text"), (4, "empty_text"), (5, "empty_text"), (6, "unparseable_date"),
        (7, "missing_date"), (8, "duplicate_id_conflict"), (11, "duplicate_id_conflict"), (12, "text_too_long"),
        (13, "malformed_record"), (16, "undecodable_bytes"),
    ]
    by_row = {row: (line, detail, raw) for row, line, _, detail, raw in quarantined}
    assert by_row[6][1].startswith("column 'date_creation' = '32/13/2026' is not a date")
    assert "Fix:" in by_row[6][1]
    assert "rows 8, 11" in by_row[8][1]
    assert "Version B" in by_row[11][2]
    assert "11 fields but the header has 9" in by_row[13][1]
    assert by_row[16][0] == 18  # row 14 spans two lines, so row 16 starts on line 18
    assert "\\xff\\xfe" in by_row[16][2]  # the undecodable bytes are kept, escaped
    assert all(detail for _, detail, _ in by_row.values())
    assert report.read == len(tickets) + 1 + len(quarantined)  # + the identical repeat of TK-9


def test_stored_text_is_cleaned_and_redacted(tmp_path: Path) -> None:
    settings = settings_in(tmp_path, max_text_chars=500)
    ingest([broken_csv(tmp_path / "broken.csv")], settings)
    text, kinds, raw_text, created_at = query(
        settings, "SELECT text, redacted_kinds, raw_text, created_at FROM tickets WHERE ticket_id = 'TK-1'"
    )[0]
    assert "jean.dupont@gmail.com" not in text and "<EMAIL>" in text
    assert "Dupont" not in text
    assert {"EMAIL", "NAME"} <= set(kinds)
    assert raw_text is None  # keep_raw_text is off by default
    assert created_at == datetime(2026, 5, 18, 9, 0)
    utc_ticket = query(settings, "SELECT created_at FROM tickets WHERE ticket_id = 'TK-15'")[0][0]
    assert utc_ticket == datetime(2026, 5, 20, 10, 0)  # 08:00 UTC is 10:00 in Paris in May
    assert query(settings, "SELECT created_at FROM tickets WHERE ticket_id = 'TK-14'")[0][0] == datetime(2026, 5, 19, 10, 0)


def test_reingesting_the_same_file_changes_nothing(tmp_path: Path) -> None:
    settings = settings_in(tmp_path, max_text_chars=500)
    source = broken_csv(tmp_path / "broken.csv")
    ingest([source], settings)
    before = query(settings, "SELECT * EXCLUDE (first_run_id) FROM tickets ORDER BY ticket_id")
    quarantine_before = query(settings, "SELECT count(*) FROM quarantine")[0][0]

    [report] = ingest([source], settings).files

    assert (report.inserted, report.updated, report.unchanged, report.read) == (0, 0, 5, 16)
    assert report.quarantined_total == 11 and report.same_file  # the same bytes, the same settings: not read again
    assert query(settings, "SELECT * EXCLUDE (first_run_id) FROM tickets ORDER BY ticket_id") == before
    assert query(settings, "SELECT count(*) FROM quarantine")[0][0] == quarantine_before
    assert query(settings, "SELECT count(*) FROM ticket_history")[0][0] == 0

    other_rules = settings.model_copy(update={"redaction": settings.redaction.model_copy(update={"keep_raw_text": True})})
    [again] = ingest([source], other_rules).files  # another recipe: read again, with the same outcome
    assert not again.same_file and (again.inserted, again.updated, again.unchanged, again.read) == (0, 0, 5, 16)
    source.write_bytes(source.read_bytes() + b"TK-NEW;2026-05-20 09:00:00;email;;Une nouvelle demande;LOA;;C000009;\n")
    [edited] = ingest([source], other_rules).files  # another file: read again
    assert not edited.same_file and edited.inserted == 1 and edited.read == 17


def test_an_edited_ticket_is_updated_and_its_old_version_kept(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    first = write_csv(tmp_path / "day1.csv", [GOOD, "TK-2;2026-05-18 10:00:00;chat;;Inchangé;LOA;;C000002;"])
    ingest([first], settings)
    edited = GOOD.replace("prélevé deux fois", "prélevé TROIS fois")
    second = write_csv(tmp_path / "day2.csv", [edited, "TK-2;2026-05-18 10:00:00;chat;;Inchangé;LOA;;C000002;"])

    [report] = ingest([second], settings).files

    assert (report.inserted, report.updated, report.unchanged) == (0, 1, 1)
    assert "TROIS" in query(settings, "SELECT text FROM tickets WHERE ticket_id = 'TK-1'")[0][0]
    history = query(settings, "SELECT ticket_id, old_text, old_content_hash <> new_content_hash, source_file FROM ticket_history")
    assert len(history) == 1
    ticket_id, old_text, hash_changed, source_file = history[0]
    assert ticket_id == "TK-1" and "deux fois" in old_text and "<EMAIL>" in old_text
    assert hash_changed and source_file == str(second)


@pytest.mark.parametrize("delimiter", [",", "\t", "|", ";"])
def test_any_delimiter_is_detected(tmp_path: Path, delimiter: str) -> None:
    settings = settings_in(tmp_path)
    header = SAMPLE_HEADER.replace(";", delimiter)
    rows = [
        delimiter.join(["TK-1", "2026-05-18 09:00:00", "chat", "", '"Bonjour, une question; une autre"', "LOA", "", "C1", ""]),
        delimiter.join(["TK-2", "2026-05-18 09:05:00", "chat", "", "Ma voiture est en panne", "LLD", "", "C2", "3"]),
    ]
    [report] = ingest([write_csv(tmp_path / "t.csv", rows, header=header)], settings).files
    assert report.inserted == 2 and report.quarantined_total == 0
    assert query(settings, "SELECT delimiter FROM ingest_files")[0][0] == delimiter


def test_windows_1252_export_is_read_correctly(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    source = write_csv(
        tmp_path / "excel.csv",
        ["TK-1;18/05/2026 09:00;email;Échéance;Le prélèvement du mois a été refusé, pourquoi ?;LOA;Facturation;C1;"],
        encoding="cp1252",
    )
    ingest([source], settings)
    assert query(settings, "SELECT subject, text FROM tickets")[0] == ("Échéance", "Le prélèvement du mois a été refusé, pourquoi ?")
    assert query(settings, "SELECT encoding FROM ingest_files")[0][0] == "cp1252"


def test_utf8_with_bom_and_crlf(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    source = tmp_path / "bom.csv"
    body = "\r\n".join([SAMPLE_HEADER, "TK-1;2026-05-18;chat;;Contrat résilié;LOA;;C1;", ""])
    source.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    [report] = ingest([source], settings).files
    assert report.inserted == 1
    assert query(settings, "SELECT text FROM tickets")[0][0] == "Contrat résilié"


def test_json_lines_with_broken_lines(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    source = tmp_path / "tickets.jsonl"
    lines = [
        json.dumps({"numero_ticket": "J-1", "date_creation": "2026-06-01 08:00:00", "message": "Bonjour, où en est ma livraison ?", "canal": "chat"}),
        "{not json",
        "",
        json.dumps(["a", "list"]),
        json.dumps({"numero_ticket": 42, "date_creation": "2026-06-02", "message": "Numeric id works"}),
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    [report] = ingest([source], settings).files
    assert report.as_dict()["quarantined"] == {"malformed_record": 2}
    assert (report.read, report.inserted) == (4, 2)
    assert sorted(row[0] for row in query(settings, "SELECT ticket_id FROM tickets")) == ["42", "J-1"]
    assert query(settings, "SELECT line FROM quarantine ORDER BY line") == [(2,), (4,)]


def test_parquet_export(tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    source = tmp_path / "tickets.parquet"
    table = pa.table(
        {
            "numero_ticket": ["P-1", "P-2", None],
            "date_creation": [datetime(2026, 7, 1, 9, 30), datetime(2026, 7, 2, 11, 0), datetime(2026, 7, 3)],
            "message": ["Je n'ai pas reçu ma carte grise", "Appelez-moi au 06 12 34 56 78", "Sans id"],
            "canal": ["email", "telephone", "chat"],
        }
    )
    pq.write_table(table, source)
    [report] = ingest([source], settings).files
    assert (report.read, report.inserted, report.quarantined) == (3, 2, {"missing_id": 1})
    assert query(settings, "SELECT text FROM tickets WHERE ticket_id = 'P-2'")[0][0] == "Appelez-moi au <PHONE>"
    assert "Sans id" in query(settings, "SELECT raw_record FROM quarantine")[0][0]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("missing.csv", None, "file not found"),
        ("wrong.csv", b"id,date,body\n1,2026-05-01,hello\n", "required column(s) not found"),
        ("book.csv", b"PK\x03\x04rest-of-a-zip", "looks like an Excel workbook"),
        ("array.json", b'[{"a": 1}]', "a JSON array, not JSON Lines"),
        ("empty.csv", b"", "empty file"),
        ("binary.csv", b"\x00\x01\x02garbage", "binary content"),
    ],
)
def test_unreadable_files_fail_with_one_message_and_write_nothing(
    tmp_path: Path, name: str, content: bytes | None, expected: str
) -> None:
    settings = settings_in(tmp_path)
    good = write_csv(tmp_path / "good.csv", [GOOD])
    bad = tmp_path / name
    if content is not None:
        bad.write_bytes(content)
    with pytest.raises(SourceError) as caught:
        ingest([good, bad], settings)
    assert expected in str(caught.value)
    assert str(bad) in str(caught.value)
    assert not settings.database.exists()  # the good file was not ingested either
