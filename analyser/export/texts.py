"""Every word the exports print, in French (default) and English, and the prioritisation grid of PRODUCT.md."""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("fr", "en")


@dataclass(frozen=True)
class Dimension:
    key: str
    fr: str
    en: str
    axis: str  # value | feasibility
    lower_is_better: bool = False


# The eight dimensions of the prioritisation grid (PRODUCT.md), in the order the grid shows them.
GRID: tuple[Dimension, ...] = (
    Dimension("strategic_value", "Valeur business stratégique", "Strategic business value", "value"),
    Dimension("customer_impact", "Impact expérience client", "Customer-experience impact", "value"),
    Dimension("financial_potential", "Potentiel financier", "Financial potential", "value"),
    Dimension("data_maturity", "Maturité données et processus", "Data and process maturity", "feasibility"),
    Dimension("technical_complexity", "Complexité technique", "Technical complexity", "feasibility", lower_is_better=True),
    Dimension("brand_impact", "Impact image de marque", "Brand impact", "value"),
    Dimension("risk", "Risque conformité et opérationnel", "Compliance and operational risk", "feasibility", lower_is_better=True),
    Dimension("alignment", "Alignement initiatives clés", "Alignment with key initiatives", "value"),
)

ETHICS_QUESTIONS = {
    "serves": {"fr": "Qui cela sert-il ?", "en": "Whom does it serve?"},
    "strengthens": {"fr": "Qu'est-ce que cela renforce ?", "en": "What does it strengthen?"},
    "weakens": {"fr": "Qu'est-ce que cela affaiblit ?", "en": "What does it weaken?"},
}

STANCES = {
    "automate": {"fr": "Automatiser", "en": "Automate"},
    "assist": {"fr": "Assister un humain", "en": "Assist a human"},
    "keep_human": {"fr": "Garder humain", "en": "Keep human"},
}

STATUSES = {
    "validated": {"fr": "irritant validé", "en": "validated friction"},
    "promoted": {"fr": "candidat cas d'usage", "en": "use-case candidate"},
    "rejected": {"fr": "rejeté", "en": "rejected"},
    "unreviewed": {"fr": "non revu", "en": "not reviewed"},
    # candidate statuses ([review] candidate_statuses defaults; a custom status is shown as written)
    "proposed": {"fr": "proposé", "en": "proposed"},
    "studying": {"fr": "à l'étude", "en": "under study"},
    "accepted": {"fr": "accepté", "en": "accepted"},
    "in_progress": {"fr": "en cours", "en": "in progress"},
    "done": {"fr": "réalisé", "en": "done"},
    "dropped": {"fr": "abandonné", "en": "dropped"},
}

COMPONENTS = ("emerging", "novelty", "intensity", "hidden", "reach")

WORDS: dict[str, dict[str, str]] = {
    "frictions": {"fr": "Irritants", "en": "Frictions"},
    "candidates": {"fr": "Cas d'usage candidats", "en": "Use-case candidates"},
    "journey": {"fr": "Parcours client", "en": "Customer journey"},
    "columns": {"fr": "Colonnes", "en": "Columns"},
    "column": {"fr": "Colonne", "en": "Column"},
    "list": {"fr": "Liste", "en": "List"},
    "meaning": {"fr": "Signification", "en": "Meaning"},
    "run": {"fr": "Run", "en": "Run"},
    "ticket_range": {"fr": "Tickets du", "en": "Tickets from"},
    "to": {"fr": "au", "en": "to"},
    "exported_at": {"fr": "Exporté le", "en": "Exported at"},
    "absent_from_run": {
        "fr": "Absent de la dernière analyse : ses tickets ne forment plus un cluster, d'où des indicateurs à zéro.",
        "en": "Not in the last run: its tickets no longer form a cluster, hence the zero indicators.",
    },
    "filters": {"fr": "Sélection", "en": "Selection"},
    "none": {"fr": "aucun", "en": "none"},
    "new": {"fr": "nouveau", "en": "new"},
    "problem": {"fr": "Le problème, avec les mots des clients", "en": "The problem, in the customers' words"},
    "evidence": {"fr": "Preuves et indicateurs", "en": "Evidence and indicators"},
    "grid": {"fr": "Grille de priorisation", "en": "Prioritisation grid"},
    "stance": {"fr": "Posture", "en": "Stance"},
    "ethics": {"fr": "Questions éthiques", "en": "Ethics questions"},
    "owner": {"fr": "Porteur", "en": "Owner"},
    "status": {"fr": "Statut", "en": "Status"},
    "stage": {"fr": "Étape du parcours", "en": "Journey stage"},
    "validated_by": {"fr": "Validé par", "en": "Validated by"},
    "on": {"fr": "le", "en": "on"},
    "value": {"fr": "Valeur", "en": "Value"},
    "feasibility": {"fr": "Faisabilité", "en": "Feasibility"},
    "to_assess": {"fr": "à évaluer", "en": "to assess"},
    "matrix_title": {"fr": "Valeur et faisabilité des cas d'usage candidats", "en": "Value and feasibility of use-case candidates"},
    "journey_title": {"fr": "Tickets par étape du parcours (30 derniers jours)", "en": "Tickets per journey stage (last 30 days)"},
    "blind_spot": {"fr": "angle mort", "en": "blind spot"},
    "no_candidates": {"fr": "Aucun cas d'usage candidat pour l'instant.", "en": "No use-case candidate yet."},
    "tickets_month": {"fr": "tickets/mois", "en": "tickets/month"},
    "customers": {"fr": "clients distincts", "en": "distinct customers"},
    "repeat": {"fr": "recontacts", "en": "repeat contacts"},
    "intensity": {"fr": "intensité", "en": "intensity"},
    "trend": {"fr": "tendance", "en": "trend"},
    "score": {"fr": "score signal faible", "en": "weak-signal score"},
    "card": {"fr": "Fiche cas d'usage", "en": "Use-case card"},
    "validated_frictions": {"fr": "irritants validés", "en": "validated frictions"},
    "explains_value": {
        "fr": "Valeur = moyenne de valeur stratégique, impact client, potentiel financier, image, alignement. "
              "Faisabilité = moyenne de maturité données, 6 - complexité, 6 - risque.",
        "en": "Value = mean of strategic value, customer impact, financial potential, brand, alignment. "
              "Feasibility = mean of data maturity, 6 - complexity, 6 - risk.",
    },
}


REASONS = {
    "no_validated_friction": {"fr": "aucun irritant validé", "en": "no validated friction"},
    "intense": {"fr": "intense", "en": "intense"},
    "emerging": {"fr": "émergent", "en": "emerging"},
    "growing": {"fr": "en croissance", "en": "growing"},
    "hidden_clusters": {"fr": "clusters cachés", "en": "hidden clusters"},
    "catch_all": {"fr": "beaucoup de fourre-tout", "en": "high catch-all share"},
}


def reason_name(reason: str, language: str) -> str:
    return REASONS.get(reason, {}).get(language, reason.replace("_", " "))


def word(key: str, language: str) -> str:
    return WORDS[key][language]


def dimension_name(dimension: Dimension, language: str) -> str:
    return dimension.fr if language == "fr" else dimension.en


def stance_name(stance: str | None, language: str) -> str:
    if not stance:
        return word("to_assess", language)
    return STANCES.get(stance, {}).get(language, stance)


def status_name(status: str | None, language: str) -> str:
    if not status:
        return ""
    return STATUSES.get(status, {}).get(language, status)


def percent(value: float | None, *, signed: bool = False) -> str:
    if value is None:
        return ""
    text = f"{value * 100:+.0f} %" if signed else f"{value * 100:.0f} %"
    return text


def trend_text(trend: float | None, tickets_last: int, language: str) -> str:
    """'+25 %', or 'nouveau' when the two earlier windows were empty."""
    if trend is None:
        return word("new", language) if tickets_last else ""
    return percent(trend, signed=True)
