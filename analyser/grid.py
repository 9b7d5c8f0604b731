"""The prioritisation grid of PRODUCT.md, defined once: its eight dimensions, the stances, the ethics
questions and the one rule that turns scores into value and feasibility.

The review service, the card drafts, the app and every export read it here, so they show the same
words and place a candidate at the same spot.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from analyser.vocabulary import Term


@dataclass(frozen=True)
class Dimension:
    key: str
    fr: str
    en: str
    axis: str  # value | feasibility
    lower_is_better: bool = False

    def name(self, language: str, *, hint: bool = False) -> str:
        """The dimension's label; with `hint`, "lower is better" dimensions say so."""
        label = self.en if language == "en" else self.fr
        if hint and self.lower_is_better:
            label += " (lower is better)" if language == "en" else " (moins = mieux)"
        return label


# The eight dimensions, in the order the grid shows them. Scores go from 1 to 5.
GRID: tuple[Dimension, ...] = (
    Dimension("strategic_value", "Valeur métier stratégique", "Strategic business value", "value"),
    Dimension("customer_impact", "Impact expérience client", "Customer-experience impact", "value"),
    Dimension("financial_potential", "Potentiel financier", "Financial potential", "value"),
    Dimension("data_maturity", "Maturité des données et des processus", "Data and process maturity", "feasibility"),
    Dimension("technical_complexity", "Complexité technique", "Technical complexity", "feasibility", lower_is_better=True),
    Dimension("brand_impact", "Impact sur l'image de marque", "Brand impact", "value"),
    Dimension("risk", "Risque conformité et opérationnel", "Compliance and operational risk", "feasibility", lower_is_better=True),
    Dimension("alignment", "Alignement avec les initiatives clés", "Alignment with key initiatives", "value"),
)
DIMENSION_KEYS: tuple[str, ...] = tuple(dimension.key for dimension in GRID)
VALUE_DIMENSIONS: tuple[str, ...] = tuple(d.key for d in GRID if d.axis == "value")
FEASIBILITY_DIMENSIONS: tuple[str, ...] = tuple(d.key for d in GRID if d.axis == "feasibility")

STANCES: tuple[Term, ...] = (
    Term("automate", "Automatiser", "Automate"),
    Term("assist", "Assister un humain", "Assist a human"),
    Term("keep_human", "Garder humain", "Keep human"),
)
STANCE_KEYS: tuple[str, ...] = tuple(stance.key for stance in STANCES)

ETHICS_QUESTIONS: tuple[Term, ...] = (
    Term("serves", "Qui cela sert-il ?", "Whom does it serve?"),
    Term("strengthens", "Qu'est-ce que cela renforce ?", "What does it strengthen?"),
    Term("weakens", "Qu'est-ce que cela fragilise ?", "What does it weaken?"),
)
ETHICS_KEYS: tuple[str, ...] = tuple(question.key for question in ETHICS_QUESTIONS)

EXPLAINS_SCORES = {
    "fr": "Valeur = moyenne des dimensions de valeur notées (valeur métier, impact client, potentiel financier, image, alignement). "
          "Faisabilité = moyenne des dimensions de faisabilité notées (maturité des données, 6 - complexité, 6 - risque).",
    "en": "Value = mean of the scored value dimensions (business value, customer impact, financial potential, brand, alignment). "
          "Feasibility = mean of the scored feasibility dimensions (data maturity, 6 - complexity, 6 - risk).",
}


def dimension(key: str) -> Dimension:
    return next(d for d in GRID if d.key == key)


def stance_name(key: str | None, language: str) -> str | None:
    """The stance's words; None when no stance is set; an unknown key as written."""
    if not key:
        return None
    return next((stance.name(language) for stance in STANCES if stance.key == key), key)


def value_score(scores: Mapping[str, int | None]) -> float | None:
    """Mean of the scored value dimensions (1-5); None until one is scored."""
    return _axis_mean(scores, "value")


def feasibility_score(scores: Mapping[str, int | None]) -> float | None:
    """Mean of the scored feasibility dimensions, lower-is-better ones turned round (6 - score); None until one is scored."""
    return _axis_mean(scores, "feasibility")


def _axis_mean(scores: Mapping[str, int | None], axis: str) -> float | None:
    values = [
        6 - scores[d.key] if d.lower_is_better else scores[d.key]  # type: ignore[operator]
        for d in GRID
        if d.axis == axis and scores.get(d.key) is not None
    ]
    return sum(values) / len(values) if values else None
