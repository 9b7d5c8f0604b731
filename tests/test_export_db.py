"""`analyser export` on the sample database after a scripted review session (through the review service layer)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import duckdb
import openpyxl
import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from analyser.cli.main import app
from analyser.config import Settings
from analyser.db import session
from analyser.export import FORMATS_BY_WHAT, render
from analyser.grid import GRID
from analyser.queries import runs as queries
from analyser.review import service as review
from conftest import SAMPLE_HEADER, SAMPLES, write_csv

SETTINGS = Settings()  # the review rules and journey stages of the defaults

runner = CliRunner()
STRICT_KINDS = ("EMAIL", "PHONE", "IBAN", "CARD", "PLATE", "VIN", "CONTRACT", "CUSTOMER_ID")
# Personal data planted through the real ingest (into the tickets that the exports quote) and typed by reviewers.
PLANTED = {
    "EMAIL": "jean.dupont.export@gmail.com",
    "PHONE": "06 12 34 56 78",
    "IBAN": "FR76 3000 6000 0112 3456 7890 189",
    "PLATE": "AB-123-CD",
    "CONTRACT": "LOA-2024-123456",
    "CUSTOMER_ID": "CLI 1234567",
    "ADDRESS": "12 bis rue de la République",
    "NAME": "Kowalczyk",
}
REVIEW_CLOCK = iter(datetime(2026, 11, 20, 9, 0) + timedelta(minutes=i) for i in range(1000))


def _clock() -> datetime:
    return next(REVIEW_CLOCK)


@pytest.fixture(scope="module")
def reviewed(sample_run: tuple[dict, Path], tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A private copy of the sample database: personal data planted in quoted tickets, then a review session."""
    database = tmp_path_factory.mktemp("export-db") / "analyser.duckdb"
    shutil.copy2(sample_run[1], database)
    open_session = lambda: session(database)  # noqa: E731
    with open_session() as conn:
        run_id = queries.last_complete_run(conn)["run_id"]
        top = [row["cluster_id"] for row in queries.largest_clusters(conn, run_id, 6)]
        quoted = conn.execute("SELECT representative_ticket_ids FROM clusters WHERE run_id = ? AND cluster_id = ?", [run_id, top[0]]).fetchone()[0]
        originals = conn.execute(
            "SELECT ticket_id, strftime(created_at, '%Y-%m-%d %H:%M:%S'), channel, product, category, customer_id FROM tickets "
            "WHERE list_contains(?, ticket_id) ORDER BY ticket_id", [quoted[:6]],
        ).fetchall()
    planted_text = (f"Bonjour, je suis Zofia {PLANTED['NAME']}, {PLANTED['ADDRESS']}, 75011 Paris. Mon mail {PLANTED['EMAIL']}, "
                    f"tél {PLANTED['PHONE']}, IBAN {PLANTED['IBAN']}, véhicule {PLANTED['PLATE']}, contrat {PLANTED['CONTRACT']}, "
                    f"client {PLANTED['CUSTOMER_ID']}. La dépanneuse n'est toujours pas venue.")
    rows = [f"{tid};{created};{channel or ''};Relance {PLANTED['EMAIL']};{planted_text};{product or ''};{category or ''};{customer or ''};"
            for tid, created, channel, product, category, customer in originals]
    source = write_csv(database.parent / "edits.csv", rows, header=SAMPLE_HEADER)
    result = runner.invoke(app, ["ingest", str(source), "--db", str(database), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["files"][0]["updated"] == len(originals)

    first, second, third, rejected = top[0], top[1], top[2], top[3]
    review.rename(open_session, first, f"Dépanneuse en retard (signalé par {PLANTED['EMAIL']})", "Claire", clock=_clock)
    for cluster_id in (first, second, third):
        review.validate(open_session, cluster_id, "Claire", clock=_clock)
    review.reject(open_session, rejected, "noise", "Paul", clock=_clock, settings=SETTINGS)
    review.tag(open_session, first, ["assistance"], "Claire", clock=_clock, settings=SETTINGS)
    uc1 = review.promote(open_session, first, "Claire", clock=_clock, settings=SETTINGS)
    uc2 = review.promote(open_session, second, "Claire", clock=_clock, settings=SETTINGS)
    grid = {d.key: {"score": 1 + (i % 5), "justification": f"Justification {d.fr.lower()}"} for i, d in enumerate(GRID)}
    grid["risk"]["justification"] = f"Appeler le {PLANTED['PHONE']} n'est pas une solution"
    review.update_candidate(open_session, uc1, "Claire", grid=grid, stance="assist", owner="Marie Durand", status="in_progress",
                            ethics={"serves": "Les clients bloqués au bord de la route",
                                    "strengthens": f"La confiance (cf. IBAN {PLANTED['IBAN']})",
                                    "weakens": "Le contact humain si l'on automatise trop"}, clock=_clock, settings=SETTINGS)
    review.update_candidate(open_session, uc2, "Paul", grid={"strategic_value": {"score": 4, "justification": "Coût des appels"}},
                            stance="automate", clock=_clock, settings=SETTINGS)
    return {"database": database, "run_id": run_id, "validated": [first, second, third], "rejected": rejected,
            "candidates": [uc1, uc2], "open_session": open_session, "quoted": [row[0] for row in originals]}


def _export(reviewed: dict, tmp_path: Path, *args: str) -> tuple[Path, str]:
    suffix = args[args.index("--format") + 1]
    out = tmp_path / f"export.{suffix}"
    result = runner.invoke(app, ["export", *args, "--out", str(out), "--db", str(reviewed["database"]), "--actor", "Coach Test"])
    assert result.exit_code == 0, result.output
    return out, result.output


def test_friction_list_as_xlsx_after_a_review_session(reviewed: dict, tmp_path: Path) -> None:
    out, _ = _export(reviewed, tmp_path, "--what", "frictions", "--format", "xlsx", "--include", "candidates")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Irritants", "Cas d'usage candidats", "Colonnes"]
    sheet = book["Irritants"]
    assert sheet.freeze_panes == "A2"
    headers = [cell.value for cell in sheet[1]]
    rows = [dict(zip(headers, (cell.value for cell in row))) for row in sheet.iter_rows(min_row=2)]
    assert sorted(row["Id cluster"] for row in rows) == sorted(reviewed["validated"])  # the rejected one is not listed
    by_id = {row["Id cluster"]: row for row in rows}
    first = by_id[reviewed["validated"][0]]
    assert first["Titre"] == "Dépanneuse en retard (signalé par <EMAIL>)"  # the human title, redacted
    assert first["Statut"] == "cas d'usage candidat" and by_id[reviewed["validated"][2]]["Statut"] == "irritant validé"
    assert first["Validé par"] == "Claire" and first["Validé le"].startswith("2026-11-20")
    assert first["Étiquettes"] == "assistance"
    for row in rows:
        verbatims = row["Verbatims"].split("\n")
        assert 3 <= len(verbatims) <= 5 and all(v.startswith("« ") for v in verbatims)
        assert row["Clients distincts"] <= row["Tickets M-3"] + row["Tickets M-2"] + row["Tickets M-1"]
    # The KVIs agree with a count made directly in the database.
    with duckdb.connect(str(reviewed["database"]), read_only=True) as conn:
        expected = conn.execute(
            "WITH newest AS (SELECT max(t.created_at) AS n FROM assignments a JOIN tickets t USING (ticket_id) WHERE a.run_id = ?) "
            "SELECT count(*) FROM assignments a JOIN tickets t USING (ticket_id), newest "
            "WHERE a.run_id = ? AND a.cluster_id = ? AND t.created_at > n - INTERVAL 30 DAY",
            [reviewed["run_id"], reviewed["run_id"], reviewed["validated"][2]],
        ).fetchone()[0]
    assert by_id[reviewed["validated"][2]]["Tickets M-1"] == expected
    candidates = book["Cas d'usage candidats"]
    assert [row[0].value for row in candidates.iter_rows(min_row=2)] == sorted(reviewed["candidates"])


def test_cards_as_pdf_one_a4_page_each(reviewed: dict, tmp_path: Path) -> None:
    out, _ = _export(reviewed, tmp_path, "--what", "cards", "--format", "pdf")
    reader = PdfReader(out)
    assert len(reader.pages) == len(reviewed["candidates"])
    first = reader.pages[0].extract_text()
    for expected in (reviewed["candidates"][0], "Dépanneuse en retard", "Valeur métier stratégique", "Assister un humain",
                     "Marie Durand", "Qui cela sert-il", "Les clients bloqués", reviewed["run_id"], "Validé par Claire"):
        assert expected in first, expected
    assert "Automatiser" in reader.pages[1].extract_text() and "à évaluer" in reader.pages[1].extract_text()
    one, _ = _export(reviewed, tmp_path, "--what", "cards", "--format", "pdf", "--candidate", reviewed["candidates"][1])
    assert len(PdfReader(one).pages) == 1


def test_each_export_is_recorded_with_the_file_hash(reviewed: dict, tmp_path: Path) -> None:
    out, _ = _export(reviewed, tmp_path, "--what", "journey", "--format", "csv", "--delimiter", ";")
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["Clé", "Étape"] and len(rows) > 2
    with duckdb.connect(str(reviewed["database"]), read_only=True) as conn:
        # Exports made within the same second share exported_at, so find this one by its file's hash.
        record = conn.execute(
            "SELECT actor, what, format, filters, run_id, sha256, bytes FROM exports WHERE sha256 = ?",
            [hashlib.sha256(out.read_bytes()).hexdigest()],
        ).fetchall()
    assert len(record) == 1
    record = record[0]
    assert record[:3] == ("Coach Test", "journey", "csv")
    assert json.loads(record[3]) == {"include": ["validated"]} and record[4] == reviewed["run_id"]
    assert record[5] == hashlib.sha256(out.read_bytes()).hexdigest() and record[6] == out.stat().st_size


def test_re_exporting_the_same_selection_differs_only_in_the_export_time(reviewed: dict) -> None:
    settings = Settings(database=reviewed["database"])
    at = [datetime(2026, 11, 21, 10, 0, tzinfo=timezone.utc), datetime(2026, 11, 21, 11, 45, tzinfo=timezone.utc)]
    for what, fmt in (("frictions", "csv"), ("frictions", "md"), ("frictions", "json"), ("cards", "html"), ("journey", "json")):
        files = [render(reviewed["open_session"], settings, what, fmt, actor="t", clock=lambda when=when: when, record=False) for when in at]
        again = render(reviewed["open_session"], settings, what, fmt, actor="t", clock=lambda: at[0], record=False)
        assert again.data == files[0].data, (what, fmt)
        changed = [(a, b) for a, b in zip(files[0].data.decode().splitlines(), files[1].data.decode().splitlines()) if a != b]
        assert changed and all("10:00:00" in a and "11:45:00" in b for a, b in changed), (what, fmt)
    pdfs = [render(reviewed["open_session"], settings, "cards", "pdf", actor="t", clock=lambda: at[0], record=False) for _ in range(2)]
    assert pdfs[0].data == pdfs[1].data


def _visible_text(fmt: str, data: bytes) -> str:
    """What a person (or a search) can read in the file."""
    if fmt == "pdf":
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    if fmt == "xlsx":
        book = openpyxl.load_workbook(io.BytesIO(data))
        return "\n".join(str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row if cell.value is not None)
    return data.decode("utf-8-sig")


def _forms(value: str) -> set[str]:
    """The value as typed and without spaces or dashes (a PDF or a spreadsheet may lay it out either way)."""
    return {value.lower(), re.sub(r"[\s\-]", "", value.lower())}


def test_no_personal_data_in_any_export_format(reviewed: dict) -> None:
    settings = Settings(database=reviewed["database"])
    truth = [json.loads(line) for line in (SAMPLES / "ground_truth_tickets.jsonl").read_text(encoding="utf-8").splitlines()]
    sample_values = {pii["value"] for item in truth for pii in item["pii"] if pii["kind"] in STRICT_KINDS and len(pii["value"]) >= 6}
    forbidden = set().union(*(_forms(value) for value in [*PLANTED.values(), *sample_values]))
    scanned = []
    for what, formats in FORMATS_BY_WHAT.items():
        for fmt in formats:
            if fmt == "png":
                continue  # pixels: the same texts are checked in the SVG of the same chart
            exported = render(reviewed["open_session"], settings, what, fmt, actor="privacy test",
                              filters={"include": ["reviewed", "candidates"]} if what == "frictions" else None, record=False)
            text = _visible_text(fmt, exported.data).lower()
            compact = re.sub(r"[\s\-]", "", text)
            leaks = sorted(value for value in forbidden if value in text or value in compact)
            assert leaks == [], (what, fmt, leaks)
            scanned.append((what, fmt, len(text)))
    # The planted tickets were really quoted (as redacted text), so the scan looked where the data would have been.
    frictions = _visible_text("csv", render(reviewed["open_session"], settings, "frictions", "csv", actor="t", record=False).data)
    assert "<EMAIL>" in frictions and "<IBAN>" in frictions and "<PHONE>" in frictions
    assert len(scanned) == sum(len(f) for f in FORMATS_BY_WHAT.values()) - 2


def test_every_list_and_format_renders(reviewed: dict) -> None:
    settings = Settings(database=reviewed["database"])
    for what, formats in FORMATS_BY_WHAT.items():
        for fmt in formats:
            exported = render(reviewed["open_session"], settings, what, fmt, actor="t", language="en", record=False)
            assert exported.data and exported.name.endswith(f".{fmt}") and exported.mime, (what, fmt)


def test_bad_requests_are_one_clear_message(reviewed: dict, tmp_path: Path) -> None:
    cases = [
        (["--what", "cards", "--format", "xlsx"], "--what cards does not come as 'xlsx'"),
        (["--what", "everything", "--format", "csv"], "--what 'everything' is not known"),
        (["--what", "frictions", "--format", "csv", "--include", "all"], "--include all is not known"),
        (["--what", "cards", "--format", "pdf", "--candidate", "UC9999"], "no use-case candidate UC9999"),
    ]
    for args, message in cases:
        result = runner.invoke(app, ["export", *args, "--out", str(tmp_path / "x.out"), "--db", str(reviewed["database"])])
        assert result.exit_code == 2 and message in result.output, (args, result.output)
    missing = runner.invoke(app, ["export", "--what", "frictions", "--format", "csv", "--out", str(tmp_path / "no" / "x.csv")])
    assert missing.exit_code == 2 and "does not exist" in missing.output


def test_a_validated_friction_missing_from_the_last_run_says_why_its_indicators_are_zero(reviewed: dict, tmp_path: Path) -> None:
    database = tmp_path / "vanished.duckdb"
    shutil.copy2(reviewed["database"], database)
    vanished = reviewed["validated"][2]
    with session(database) as conn:  # what a later run looks like for a cluster whose tickets no longer group together
        conn.execute("UPDATE assignments SET cluster_id = NULL WHERE run_id = ? AND cluster_id = ?", [reviewed["run_id"], vanished])
        conn.execute("DELETE FROM clusters WHERE run_id = ? AND cluster_id = ?", [reviewed["run_id"], vanished])

    def frictions(path: Path) -> dict[str, dict]:
        exported = render(lambda: session(path), Settings(database=path), "frictions", "json", actor="t", language="fr", record=False)
        return {row["cluster_id"]: row for row in json.loads(exported.data)["frictions"]}

    after, before = frictions(database), frictions(reviewed["database"])
    assert set(after) == set(before) == set(reviewed["validated"])
    assert after[vanished]["explanation"][0].startswith("Absent de la dernière analyse")
    assert after[vanished]["kvis"]["tickets_per_month"] == [0, 0, 0]
    assert not any(line.startswith("Absent") for row in before.values() for line in row["explanation"])
