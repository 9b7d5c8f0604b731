"""The words only exports print, in French (default) and English; the grid, statuses and components come from
`analyser.grid`, `analyser.vocabulary` and the signal components' registry, like everywhere else."""

from __future__ import annotations

from analyser.grid import EXPLAINS_SCORES
from analyser.grid import stance_name as grid_stance_name

LANGUAGES = ("fr", "en")


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
    "explains_value": EXPLAINS_SCORES,
}


def word(key: str, language: str) -> str:
    return WORDS[key][language]


def stance_name(stance: str | None, language: str) -> str:
    """The stance's words, or "to assess" while none is set."""
    return grid_stance_name(stance, language) or word("to_assess", language)


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
