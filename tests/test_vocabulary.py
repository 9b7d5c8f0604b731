"""One vocabulary: the app, the cards and the XLSX name the grid, stances, ethics questions, statuses and
signal components with the same words, in French and in English."""

from __future__ import annotations

import html
import io

import openpyxl
import pytest
from test_export_render import card, context, friction

from analyser.export.documents import render_document
from analyser.grid import ETHICS_QUESTIONS, GRID, STANCES, feasibility_score, value_score
from analyser.review.model import Candidate, GridScore
from analyser.stages.signals.components import COMPONENTS
from analyser.ui.i18n import t
from analyser.vocabulary import CANDIDATE_STATUSES, REVIEW_STATUSES


def xlsx_headers(data: bytes) -> list[str]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    return [cell.value for cell in next(sheet.iter_rows(max_row=1)) if cell.value]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_app_cards_and_xlsx_use_the_grid_words(lang: str) -> None:
    item = card()
    cards = html.unescape(render_document("cards", "html", [], [item], [], context(language=lang))[0].decode("utf-8"))
    headers = xlsx_headers(render_document("candidates", "xlsx", [], [item], [], context(language=lang))[0])
    for dimension in GRID:
        assert t(f"dim_{dimension.key}", lang) == dimension.name(lang, hint=True)
        assert dimension.name(lang, hint=True) in cards
        assert dimension.name(lang) in headers
    for question in ETHICS_QUESTIONS:
        assert t(f"ethics_{question.key}", lang) == question.name(lang)
        assert question.name(lang) in cards and question.name(lang) in headers
    stance = next(s for s in STANCES if s.key == item.stance)
    assert t(f"stance_{stance.key}", lang) == stance.name(lang) and stance.name(lang) in cards
    assert CANDIDATE_STATUSES[item.status].name(lang) in cards


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_statuses_and_components_read_the_same_in_the_app_and_the_friction_list(lang: str) -> None:
    validated = friction(status="validated")
    data = render_document("frictions", "xlsx", [validated], [], [], context(language=lang))[0]
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    headers, first = rows[0], dict(zip(rows[0], rows[1]))
    status_header = next(h for h in headers if h in ("Statut", "Status"))
    assert first[status_header] == REVIEW_STATUSES["validated"].name(lang) == t("status_validated", lang)
    for component in COMPONENTS:
        assert t(f"component_{component.key}", lang) == component.name(lang)
        assert component.name(lang).capitalize() in headers
        if component.flag:
            assert t(f"badge_{component.flag}", lang) == component.flag_name(lang)


def test_value_and_feasibility_follow_one_rule_in_the_review_model_and_the_exports() -> None:
    item = card()
    scores = {entry.key: entry.score for entry in item.grid}
    reviewed = Candidate("UC0001", "C0007", "t", grid={k: GridScore(v, "") for k, v in scores.items()})
    assert reviewed.value == value_score(item.scores) == value_score(scores)
    assert reviewed.feasibility == feasibility_score(item.scores)
    partly = {"strategic_value": 4, "risk": 2}  # what is scored counts; the rest waits for a person
    assert value_score(partly) == 4 and feasibility_score(partly) == 4 and value_score({}) is None
