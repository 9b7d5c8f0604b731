"""The export renderers on plain data: what a coach opens in Excel, reads on paper, projects on a wall."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import shutil
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from analyser.export.cards import cards_html
from analyser.export.cards_pdf import cards_pdf
from analyser.export.charts import journey_chart, matrix_chart
from analyser.export.documents import FORMATS_BY_WHAT, render_document
from analyser.export.kvis import kvis_for, monthly_counts, trend
from analyser.export.lists import COLUMNS
from analyser.export.model import CandidateCard, ExportContext, FrictionRow, GridScore, JourneyRow, Kvis
from analyser.grid import GRID, feasibility_score, value_score
from analyser.safe_text import printable_text

EXPORTED = datetime(2026, 11, 21, 10, 30, 0, tzinfo=timezone(timedelta(hours=1)))
LONG = ("Le dépanneur n'est jamais venu malgré trois appels, j'ai attendu au bord de la route avec mes enfants "
        "pendant quatre heures sans nouvelles de l'assistance ni véhicule de remplacement. ") * 4


def context(exported_at: datetime = EXPORTED, language: str = "fr") -> ExportContext:
    return ExportContext("20261120T010203-abc123", datetime(2026, 5, 18, 8), datetime(2026, 11, 15, 18), exported_at, language,
                         {"include": ["validated"]})


def friction(cluster_id: str = "C0007", title: str = "Dépanneuse en retard, pas de véhicule de remplacement", **changes) -> FrictionRow:
    row = FrictionRow(
        cluster_id=cluster_id, title=title, summary="Les clients attendent la dépanneuse des heures, sans véhicule de remplacement.",
        journey_stage="Panne et assistance", status="validated", tags=("sévérité:haute", "assistance"),
        kvis=Kvis((12, 30, 95), 3.52, 101, 0.23, 0.61, 150), signal_score=0.82,
        components={"emerging": 0.9, "novelty": 0.1, "intensity": 0.61, "hidden": 0.3, "reach": 0.5},
        explanation=("21 tickets/mois avant, 95 ces 30 derniers jours (x4,5).",),
        verbatims=("J'attends la dépanneuse depuis 7h, <EMAIL> ne répond pas.", "Toujours pas de véhicule de remplacement !",
                   "=HYPERLINK(\"http://x\") [clic](http://x) <script>alert(1)</script>"),
        validated_by="Claire", validated_at=datetime(2026, 11, 20, 14, 3), keywords=("dépanneuse", "retard"),
    )
    return dataclasses.replace(row, **changes)


def card(candidate_id: str = "UC0001", **changes) -> CandidateCard:
    grid = tuple(GridScore(d.key, (index % 5) + 1, f"Parce que {d.fr.lower()}.") for index, d in enumerate(GRID))
    item = CandidateCard(candidate_id, friction(), grid, "assist",
                         (("serves", "Les clients en panne."), ("strengthens", "La confiance."), ("weakens", "Rien d'humain.")),
                         "Marie Dupont", "proposed")
    return dataclasses.replace(item, **changes)


def worst_case_card(candidate_id: str) -> CandidateCard:
    """Every text at its longest: the card must still be one page."""
    long_friction = friction(title=LONG[:300], summary=LONG, verbatims=(LONG,) * 5, explanation=(LONG,) * 5)
    grid = tuple(GridScore(d.key, 5, LONG) for d in GRID)
    return CandidateCard(candidate_id, long_friction, grid, "keep_human", tuple((k, LONG) for k in ("serves", "strengthens", "weakens")),
                         "Marie Dupont-Lefèvre de la Tour", "in_progress")


JOURNEY = [
    JourneyRow("panne_assistance", "Panne et assistance", (10, 20, 95), 5.33, 4, 1, 0.4, 0.1, growth=3.2),
    JourneyRow("facturation_prelevements", "Facturation et prélèvements", (100, 110, 120), 0.14, 6, 0, 0.2, 0.3, growth=1.0,
               blind_spot=True, reasons=("no_validated_friction", "hidden_clusters")),
]


def test_csv_opens_in_excel_with_accents_and_semicolons_and_never_as_formulas() -> None:
    data, items = render_document("frictions", "csv", [friction(), friction("C0008", "Prélèvement en double")], [], [], context(),
                                  delimiter=";")
    assert items == 2
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    header, first = rows[0], rows[1]
    assert header[:3] == ["Id cluster", "Titre", "Résumé"]
    assert first[header.index("Titre")] == "Dépanneuse en retard, pas de véhicule de remplacement"
    assert first[header.index("Tickets M-1")] == "95"
    assert first[header.index("Run")] == "20261120T010203-abc123"
    assert first[header.index("Exporté le")] == "2026-11-21T10:30:00+01:00"
    verbatims = first[header.index("Verbatims")].split("\n")
    assert len(verbatims) == 3 and verbatims[2].startswith("« =HYPERLINK")  # quoted, so not a cell of its own
    assert rows[2][header.index("Titre")] == "Prélèvement en double"


def test_csv_cell_that_looks_like_a_formula_is_defused() -> None:
    falling = friction(title="=2+3 facture", kvis=Kvis((40, 40, 20), -0.5, 10, None, None, 100))
    data, _ = render_document("frictions", "csv", [falling, friction("C0009", title="-1+cmd|' /C calc'!A0")], [], [], context())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0]["Titre"] == "'=2+3 facture" and rows[1]["Titre"] == "'-1+cmd|' /C calc'!A0"
    assert rows[0]["Tendance"] == "-50 %"  # a plain signed number is not a formula


def test_xlsx_has_formatted_lists_and_a_sheet_that_explains_every_column() -> None:
    data, _ = render_document("frictions", "xlsx", [friction()], [card()], [], context(), with_candidates=True)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Irritants", "Cas d'usage candidats", "Colonnes"]
    sheet = book["Irritants"]
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold and sheet["B1"].value == "Titre"
    headers = [cell.value for cell in sheet[1]]
    assert sheet.cell(2, headers.index("Tickets M-1") + 1).value == 95  # a number, sortable in Excel
    assert sheet.cell(2, headers.index("Part de recontacts") + 1).value == 0.23
    assert sheet.column_dimensions["C"].width == 60
    assert sheet.cell(2, headers.index("Titre") + 1).data_type == "s"
    candidates = book["Cas d'usage candidats"]
    cand_headers = [cell.value for cell in candidates[1]]
    assert candidates.cell(2, cand_headers.index("Posture") + 1).value == "Assister un humain"
    explained = {(row[0].value, row[1].value): row[2].value for row in book["Colonnes"].iter_rows(min_row=2) if row[1].value}
    for header in headers:
        assert explained[("Irritants", header)], header
    assert ("Run", "20261120T010203-abc123") in {(row[0].value, row[1].value) for row in book["Colonnes"].iter_rows()}
    assert book.properties.created == datetime(2026, 11, 21, 10, 30)


def test_xlsx_stores_formula_like_text_as_text() -> None:
    data, _ = render_document("frictions", "xlsx", [friction(title="=SUM(A1:A9)")], [], [], context())
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Irritants"]
    assert sheet["B2"].value == "'=SUM(A1:A9)" and sheet["B2"].data_type == "s"


def test_markdown_shows_ticket_text_literally() -> None:
    data, _ = render_document("frictions", "md", [friction()], [], [], context())
    text = data.decode("utf-8")
    assert text.startswith("# Irritants\n")
    assert "**Run** : 20261120T010203-abc123" in text
    assert "\\[clic\\](http://x)" in text and "\\<script\\>" in text
    assert "| Dépanneuse en retard, pas de véhicule de remplacement | Panne et assistance |" in text


def test_json_is_structured_and_states_the_export() -> None:
    data, _ = render_document("frictions", "json", [friction()], [card()], [], context(), with_candidates=True)
    document = json.loads(data)
    assert document["export"]["run_id"] == "20261120T010203-abc123"
    assert document["export"]["exported_at"] == "2026-11-21T10:30:00+01:00"
    row = document["frictions"][0]
    assert row["kvis"]["tickets_per_month"] == [12, 30, 95] and row["validated_by"] == "Claire"
    assert document["candidates"][0]["grid"]["technical_complexity"]["score"] == 5


def test_every_card_is_exactly_one_a4_page_even_with_the_longest_texts() -> None:
    cards = [card("UC0001"), worst_case_card("UC0002"), card("UC0003", stance=None, grid=(), ethics=())]
    reader = PdfReader(io.BytesIO(cards_pdf(cards, context())))
    assert len(reader.pages) == 3
    for page in reader.pages:
        assert (round(float(page.mediabox.width) / 72 * 25.4), round(float(page.mediabox.height) / 72 * 25.4)) == (210, 297)
    first = reader.pages[0].extract_text()
    for expected in ("Dépanneuse en retard", "Valeur métier stratégique", "Complexité technique", "Assister un humain",
                     "Qui cela sert-il", "Les clients en panne.", "Marie Dupont", "20261120T010203-abc123", "2026-11-21T10:30:00+01:00",
                     "95", "Validé par Claire", "proposé"):
        assert expected in first, expected
    assert "proposed" not in first  # statuses in words, not their keys
    assert "à évaluer" in reader.pages[2].extract_text()


def test_empty_card_pdf_says_so_on_one_page() -> None:
    reader = PdfReader(io.BytesIO(cards_pdf([], context())))
    assert len(reader.pages) == 1 and "Aucun cas d'usage candidat" in reader.pages[0].extract_text()


def test_card_html_escapes_ticket_text_and_breaks_pages() -> None:
    page = cards_html([card(), card("UC0002")], context()).decode("utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count('<section class="card">') == 2 and "size: A4" in page


def test_same_data_gives_the_same_bytes_and_only_the_timestamp_changes() -> None:
    later = EXPORTED + timedelta(hours=2)
    for what, fmt in (("frictions", "csv"), ("frictions", "md"), ("frictions", "json"), ("cards", "html"), ("journey", "md")):
        first = render_document(what, fmt, [friction()], [card()], JOURNEY, context())[0]
        assert first == render_document(what, fmt, [friction()], [card()], JOURNEY, context())[0], (what, fmt)
        other = render_document(what, fmt, [friction()], [card()], JOURNEY, context(later))[0]
        changed = [(a, b) for a, b in zip(first.decode().splitlines(), other.decode().splitlines()) if a != b]
        assert changed and all("2026-11-21T10:30:00" in a and "2026-11-21T12:30:00" in b for a, b in changed), (what, fmt)
    assert cards_pdf([card()], context()) == cards_pdf([card()], context())
    assert matrix_chart([card()], context(), "svg") == matrix_chart([card()], context(), "svg")


def test_matrix_places_candidates_on_value_and_feasibility() -> None:
    scored = card()  # scores 1..5 in grid order
    assert value_score(scored.scores) == pytest.approx((1 + 2 + 3 + 1 + 3) / 5)
    assert feasibility_score(scored.scores) == pytest.approx((4 + (6 - 5) + (6 - 2)) / 3)
    svg = matrix_chart([scored, card("UC0002", grid=())], context(), "svg").decode("utf-8")
    assert "UC0001" in svg and "Faisabilité" in svg and "à évaluer : UC0002" in svg
    png = matrix_chart([scored], context(), "png")
    assert png.startswith(b"\x89PNG")


def test_journey_table_and_chart_flag_blind_spots() -> None:
    data, items = render_document("journey", "csv", [], [], JOURNEY, context())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert items == 2 and [row["Angle mort"] for row in rows] == ["", "angle mort"]
    svg = journey_chart(JOURNEY, context(), "svg").decode("utf-8")
    assert "Facturation et prélèvements" in svg and "angle mort" in svg


def test_english_headers() -> None:
    data, _ = render_document("frictions", "csv", [friction()], [], [], context(language="en"))
    header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert header[:3] == ["Cluster id", "Title", "Summary"] and "Exported at" in header
    assert len(header) == len(COLUMNS["frictions"]) + 3


def test_kvis_count_three_30_day_windows_ending_at_the_newest_ticket() -> None:
    newest = datetime(2026, 11, 15, 18, 0)
    created = [newest, newest - timedelta(days=29), newest - timedelta(days=31), newest - timedelta(days=89), newest - timedelta(days=91)]
    assert monthly_counts(created, newest) == (1, 1, 2)
    assert trend((1, 1, 2)) == pytest.approx(1.0)
    assert trend((0, 0, 4)) is None
    kvis = kvis_for(created, ["A", "A", "B", None, "C"], newest, intensity=0.2, repeat_contact_share=0.1, tickets_total=9)
    assert kvis.distinct_customers == 2  # C's ticket is older than 90 days
    assert kvis.tickets_per_month == (1, 1, 2) and kvis.monthly_average == pytest.approx(4 / 3)


def test_html_cards_print_one_a4_page_each_in_a_browser(tmp_path: Path) -> None:
    """Headless Chromium prints the HTML cards (longest texts included) to exactly one A4 page each."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        pytest.skip("no Chromium on this machine (the Makefile's install-test installs it)")
    page = tmp_path / "cards.html"
    page.write_bytes(cards_html([card("UC0001"), worst_case_card("UC0002"), card("UC0003", stance=None, grid=(), ethics=())], context()))
    printed = tmp_path / "cards.pdf"
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--no-pdf-header-footer",
         f"--print-to-pdf={printed}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    reader = PdfReader(printed)
    assert len(reader.pages) == 3
    for page_number, candidate in enumerate(("UC0001", "UC0002", "UC0003")):
        text = reader.pages[page_number].extract_text()
        assert f"Fiche cas d'usage {candidate}" in text and "Exporté le 2026-11-21T10:30:00+01:00" in text and "Qui cela sert-il" in text


# Ticket text and typed titles may hold what a terminal or a spreadsheet acts on (issue 15).
HOSTILE = "Panne\x1b[31m rouge\x1b[0m\x07\x08 \u202eevil\u202c\x00 \u2066fin\u2069\x9b2J\x7f"
SHOWN = "Panne rouge evil fin"
_NEVER_SHOWN = {chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0),
                                 *range(0x202A, 0x202F), *range(0x2066, 0x206A)]}


def hostile_inputs() -> tuple[list[FrictionRow], list[CandidateCard], list[JourneyRow], ExportContext]:
    rows = [friction(title=HOSTILE, summary=HOSTILE + "\r\nsuite", verbatims=(HOSTILE, "\x07=HYPERLINK(\"http://x\")"),
                     explanation=(HOSTILE,), tags=(HOSTILE,), validated_by=HOSTILE, keywords=(HOSTILE,))]
    cards = [card(friction=rows[0], owner=HOSTILE, ethics=(("serves", HOSTILE),),
                  grid=tuple(GridScore(d.key, 3, HOSTILE) for d in GRID))]
    journey = [dataclasses.replace(JOURNEY[0], stage_name=HOSTILE)]
    hostile_context = dataclasses.replace(context(), filters={"include": ["validated"], "candidates": [HOSTILE]})
    return rows, cards, journey, hostile_context


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*_strings(k), *_strings(v))]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


@pytest.mark.parametrize(("what", "fmt"), [(what, fmt) for what, formats in FORMATS_BY_WHAT.items() for fmt in formats])
def test_no_export_carries_control_characters_ansi_escapes_or_bidi_overrides(what: str, fmt: str) -> None:
    rows, cards, journey, hostile_context = hostile_inputs()

    data, _ = render_document(what, fmt, rows, cards, journey, hostile_context, with_candidates=True)

    if fmt == "xlsx":
        book = openpyxl.load_workbook(io.BytesIO(data))
        cells = [str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row if cell.value is not None]
        assert SHOWN in cells
    elif fmt == "json":
        cells = _strings(json.loads(data))
        assert SHOWN in cells
    elif fmt == "pdf":
        cells = [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
    elif fmt == "png":
        assert data.startswith(b"\x89PNG")
        return
    else:
        text = data.decode("utf-8-sig")
        cells = [text.replace("\r\n", "\n")]  # the CSV writer's own line ends
        assert SHOWN in text or what == "cards"  # the card page breaks lines where it likes
    leaked = {char for cell in cells for char in cell} & _NEVER_SHOWN
    assert not leaked, sorted(map(hex, map(ord, leaked)))


def test_a_formula_behind_a_control_character_is_still_defused() -> None:
    rows, _, _, _ = hostile_inputs()
    data, _ = render_document("frictions", "csv", [dataclasses.replace(rows[0], title="\x07=1+1")], [], [], context())
    assert next(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))["Titre"] == "'=1+1"
    book = openpyxl.load_workbook(io.BytesIO(render_document("frictions", "xlsx", [rows[0]], [], [], context())[0]))
    assert book["Irritants"]["B2"].value == SHOWN


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Prélèvement\tdoublé\nmerci 🙂", "Prélèvement\tdoublé\nmerci 🙂"),  # tab, line feed, accents, emoji stay
        ("ligne 1\r\nligne 2\rligne 3\vligne 4", "ligne 1\nligne 2\nligne 3\nligne 4"),  # every line break becomes \n
        ("\x1b]8;;http://evil\x1b\\clic\x1b]8;;\x1b\\ ici", "clic ici"),  # a terminal hyperlink keeps only its text
        ("\x1b[2J\x1b[1;31mrouge\x1b(B", "rouge"),
        ("مرحبا \u202babc\u202c \u200fok", "مرحبا abc \u200fok"),  # Arabic letters and the RLM mark are text, overrides are not
        ("a\x85b\x9fc", "a\nbc"),
    ],
)
def test_printable_text_keeps_text_and_drops_what_a_terminal_or_spreadsheet_would_act_on(text: str, shown: str) -> None:
    assert printable_text(text) == shown
