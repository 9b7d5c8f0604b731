"""The workshop lists as tables: one column definition (header, meaning, width) per field, in both languages.

Pure: plain dataclasses in, `ListTable` out. The writers (`writers.py`) turn tables into CSV, XLSX and
Markdown; the JSON export uses `friction_record` and friends for a structured document.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from analyser.export.model import ExportContext, FrictionRow
from analyser.export.texts import stance_name, trend_text, word
from analyser.grid import ETHICS_QUESTIONS, GRID, feasibility_score, value_score
from analyser.stages.signals.components import COMPONENTS
from analyser.vocabulary import reason_name, status_name


@dataclass(frozen=True)
class Column:
    key: str
    fr: str
    en: str
    meaning_fr: str
    meaning_en: str
    width: int  # characters, for the XLSX column
    value: Callable[[Any, str], Any]  # (item, language) -> cell value

    def header(self, language: str) -> str:
        return self.fr if language == "fr" else self.en

    def meaning(self, language: str) -> str:
        return self.meaning_fr if language == "fr" else self.meaning_en


@dataclass(frozen=True)
class ListTable:
    key: str  # frictions | candidates | journey
    title: str
    headers: tuple[str, ...]
    meanings: tuple[str, ...]
    widths: tuple[int, ...]
    rows: tuple[tuple[Any, ...], ...]


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def _verbatims(friction: FrictionRow) -> str:
    return "\n".join(f"« {text} »" for text in friction.verbatims)


def _friction_columns() -> list[Column]:
    columns = [
        Column("cluster_id", "Id cluster", "Cluster id", "Identifiant stable du cluster, le même d'un run à l'autre.",
               "Stable cluster id, the same across runs.", 14, lambda r, lang: r.cluster_id),
        Column("title", "Titre", "Title", "Titre donné par un humain, sinon titre généré.",
               "Title given by a person, else the generated title.", 40, lambda r, lang: r.title),
        Column("summary", "Résumé", "Summary", "Ce que disent les tickets, en une ou deux phrases.",
               "What the tickets say, in a sentence or two.", 60, lambda r, lang: r.summary),
        Column("journey_stage", "Étape du parcours", "Journey stage", "Étape du parcours client (choix humain s'il existe).",
               "Customer-journey stage (a person's choice when there is one).", 24, lambda r, lang: r.journey_stage),
        Column("status", "Statut", "Status", "Décision de revue : irritant validé, candidat, rejeté.",
               "Review decision: validated friction, candidate, rejected.", 18, lambda r, lang: status_name(r.status, lang)),
        Column("tags", "Étiquettes", "Tags", "Étiquettes posées en revue.", "Tags set in review.", 24,
               lambda r, lang: ", ".join(r.tags)),
    ]
    for index, (fr, en) in enumerate((("M-3", "M-3"), ("M-2", "M-2"), ("M-1", "M-1"))):
        columns.append(Column(
            f"tickets_m{3 - index}", f"Tickets {fr}", f"Tickets {en}",
            f"Tickets sur la période de 30 jours n°{index + 1} des 90 jours qui finissent au ticket le plus récent (M-1 = la plus récente).",
            f"Tickets in 30-day window {index + 1} of the 90 days ending at the newest ticket (M-1 = the latest).",
            11, lambda r, lang, i=index: r.kvis.tickets_per_month[i]))
    columns += [
        Column("tickets_per_month", "Tickets/mois", "Tickets/month", "Moyenne des trois périodes de 30 jours.",
               "Mean of the three 30-day windows.", 12, lambda r, lang: round(r.kvis.monthly_average, 1)),
        Column("trend", "Tendance", "Trend", "M-1 comparé à la moyenne de M-3 et M-2 ; « nouveau » si elles étaient vides.",
               "M-1 against the mean of M-3 and M-2; 'new' when both were empty.", 11,
               lambda r, lang: trend_text(r.kvis.trend, r.kvis.tickets_per_month[2], lang)),
        Column("distinct_customers", "Clients distincts", "Distinct customers", "Clients identifiés différents sur 90 jours.",
               "Different identified customers over 90 days.", 12, lambda r, lang: r.kvis.distinct_customers),
        Column("repeat_contact_share", "Part de recontacts", "Repeat-contact share",
               "Part des tickets venant d'un client qui avait déjà écrit sur ce sujet peu avant (signaux, 0 à 1).",
               "Share of tickets from a customer who had already written about it shortly before (signals, 0 to 1).", 12,
               lambda r, lang: _round(r.kvis.repeat_contact_share)),
        Column("intensity", "Intensité", "Intensity",
               "Part des tickets du cluster qui expriment colère, urgence ou escalade (lexique des signaux, 0 à 1).",
               "Share of the cluster's tickets that express anger, urgency or escalation (signal lexicon, 0 to 1).", 11,
               lambda r, lang: _round(r.kvis.intensity)),
        Column("signal_score", "Score signal faible", "Weak-signal score", "Score combiné : plus haut = à regarder d'abord.",
               "Combined score: higher = look first.", 12, lambda r, lang: _round(r.signal_score, 3)),
    ]
    for component in COMPONENTS:
        fr, en = component.fr.capitalize(), component.en.capitalize()
        columns.append(Column(component.key, fr, en, f"Composante « {component.fr} » du score (0 à 1).",
                              f"'{component.en}' component of the score (0 to 1).", 11,
                              lambda r, lang, c=component.key: _round(r.components.get(c))))
    columns += [
        Column("explanation", "Pourquoi ce score", "Why this score", "Le score expliqué en phrases.", "The score in words.", 50,
               lambda r, lang: "\n".join(r.explanation)),
        Column("verbatims", "Verbatims", "Verbatims", "3 à 5 extraits courts de tickets représentatifs, données personnelles masquées.",
               "3 to 5 short excerpts of representative tickets, personal data redacted.", 70, lambda r, lang: _verbatims(r)),
        Column("validated_by", "Validé par", "Validated by", "Qui a validé l'irritant.", "Who validated the friction.", 16,
               lambda r, lang: r.validated_by or ""),
        Column("validated_at", "Validé le", "Validated at", "Quand (heure locale).", "When (local time).", 17,
               lambda r, lang: _when(r.validated_at)),
        Column("keywords", "Mots-clés", "Keywords", "Mots caractéristiques du cluster.", "Words typical of the cluster.", 30,
               lambda r, lang: ", ".join(r.keywords)),
    ]
    return columns


def _candidate_columns() -> list[Column]:
    columns = [
        Column("candidate_id", "Id candidat", "Candidate id", "Identifiant du cas d'usage candidat.", "Use-case candidate id.", 14,
               lambda c, lang: c.candidate_id),
        Column("cluster_id", "Id cluster", "Cluster id", "Le cluster (irritant) d'origine.", "The friction's cluster.", 14,
               lambda c, lang: c.friction.cluster_id),
        Column("title", "Titre", "Title", "Titre de l'irritant.", "Friction title.", 40, lambda c, lang: c.friction.title),
        Column("journey_stage", "Étape du parcours", "Journey stage", "Étape du parcours client.", "Customer-journey stage.", 24,
               lambda c, lang: c.friction.journey_stage),
        Column("tickets_per_month", "Tickets/mois", "Tickets/month", "Moyenne sur 3 périodes de 30 jours.", "Mean over three 30-day windows.", 12,
               lambda c, lang: round(c.friction.kvis.monthly_average, 1)),
    ]
    for dimension in GRID:
        hint_fr = " (moins = mieux)" if dimension.lower_is_better else ""
        hint_en = " (lower is better)" if dimension.lower_is_better else ""
        columns.append(Column(dimension.key, dimension.fr, dimension.en, f"Note de 1 à 5{hint_fr}.", f"Score from 1 to 5{hint_en}.", 12,
                              lambda c, lang, k=dimension.key: c.score(k)))
        columns.append(Column(f"{dimension.key}_why", f"{dimension.fr} : justification", f"{dimension.en}: justification",
                              "Justification courte de la note.", "Short justification of the score.", 30,
                              lambda c, lang, k=dimension.key: next((g.justification for g in c.grid if g.key == k), "")))
    columns += [
        Column("value", "Valeur", "Value", word("explains_value", "fr"), word("explains_value", "en"), 10,
               lambda c, lang: _round(value_score(c.scores))),
        Column("feasibility", "Faisabilité", "Feasibility", word("explains_value", "fr"), word("explains_value", "en"), 10,
               lambda c, lang: _round(feasibility_score(c.scores))),
        Column("stance", "Posture", "Stance", "Automatiser, assister un humain ou garder humain.", "Automate, assist a human or keep human.", 18,
               lambda c, lang: stance_name(c.stance, lang)),
    ]
    for question in ETHICS_QUESTIONS:
        columns.append(Column(f"ethics_{question.key}", question.fr, question.en, "Réponse à la question éthique.",
                              "Answer to the ethics question.", 30, lambda c, lang, k=question.key: dict(c.ethics).get(k, "")))
    columns += [
        Column("owner", "Porteur", "Owner", "Qui porte le cas d'usage.", "Who owns the use case.", 16, lambda c, lang: c.owner or ""),
        Column("status", "Statut", "Status", "Statut du cas d'usage.", "Use-case status.", 14, lambda c, lang: status_name(c.status, lang)),
    ]
    return columns


def _journey_columns() -> list[Column]:
    return [
        Column("stage_key", "Clé", "Key", "Clé de l'étape dans les réglages.", "Stage key in the settings.", 22, lambda j, lang: j.stage_key),
        Column("stage", "Étape", "Stage", "Étape du parcours client, dans l'ordre.", "Customer-journey stage, in order.", 30,
               lambda j, lang: j.stage_name),
        *[Column(f"tickets_m{3 - i}", f"Tickets M-{3 - i}", f"Tickets M-{3 - i}", "Tickets des clusters de l'étape sur cette période de 30 jours.",
                 "Tickets of the stage's clusters in that 30-day window.", 11, lambda j, lang, i=i: j.tickets_per_month[i]) for i in range(3)],
        Column("trend", "Tendance", "Trend", "M-1 comparé à la moyenne de M-3 et M-2.", "M-1 against the mean of M-3 and M-2.", 11,
               lambda j, lang: trend_text(j.trend, j.tickets_per_month[2], lang)),
        Column("growth", "Croissance récente", "Recent growth",
               "Rythme hebdomadaire de la fenêtre récente des signaux (14 jours par défaut) divisé par celui "
               "de la période de référence (x2 = double).",
               "Weekly rate of the signals' recent window (14 days by default) over the baseline's (x2 = twice).", 12,
               lambda j, lang: f"x{j.growth:.1f}" if j.growth is not None else ""),
        Column("clusters", "Clusters", "Clusters", "Clusters placés à cette étape.", "Clusters placed at this stage.", 10,
               lambda j, lang: j.clusters),
        Column("validated_frictions", "Irritants validés", "Validated frictions", "Irritants validés par un humain.",
               "Frictions validated by a person.", 12, lambda j, lang: j.validated_frictions),
        Column("intensity", "Intensité", "Intensity", "Part des tickets qui expriment colère, urgence ou escalade (0 à 1).",
               "Share of tickets that express anger, urgency or escalation (0 to 1).", 11,
               lambda j, lang: _round(j.intensity)),
        Column("catch_all_share", "Part fourre-tout", "Catch-all share", "Part des tickets classés « Autre », « Divers » ou sans catégorie.",
               "Share of tickets filed as 'Other', 'Misc' or uncategorised.", 12, lambda j, lang: _round(j.catch_all_share)),
        Column("blind_spot", "Angle mort", "Blind spot",
               "De la douleur (intense, émergente ou en croissance) sans irritant validé, ou beaucoup de fourre-tout (rapport des signaux).",
               "Pain (intense, emerging or growing) without a validated friction, or a high catch-all share (signals' report).", 11,
               lambda j, lang: word("blind_spot", lang) if j.blind_spot else ""),
        Column("reasons", "Pourquoi", "Why", "Raisons de l'angle mort.", "Why it is a blind spot.", 40,
               lambda j, lang: ", ".join(reason_name(reason, lang) for reason in j.reasons)),
    ]


COLUMNS: dict[str, list[Column]] = {"frictions": _friction_columns(), "candidates": _candidate_columns(), "journey": _journey_columns()}


def build_table(key: str, items: Sequence[Any], language: str) -> ListTable:
    """One list as a table: headers, meanings, widths and rows, in the export's language."""
    columns = COLUMNS[key]
    return ListTable(
        key=key,
        title=word(key, language),
        headers=tuple(column.header(language) for column in columns),
        meanings=tuple(column.meaning(language) for column in columns),
        widths=tuple(column.width for column in columns),
        rows=tuple(tuple(column.value(item, language) for column in columns) for item in items),
    )


def context_lines(context: ExportContext) -> list[tuple[str, str]]:
    """The header every export states: run, ticket date range, export time, selection."""
    lang = context.language
    first = context.first_ticket_at.strftime("%Y-%m-%d") if context.first_ticket_at else "?"
    last = context.last_ticket_at.strftime("%Y-%m-%d") if context.last_ticket_at else "?"
    filters = ", ".join(f"{key}={_filter_value(value)}" for key, value in sorted(context.filters.items())) or word("none", lang)
    return [
        (word("run", lang), context.run_id or word("none", lang)),
        (word("ticket_range", lang), f"{first} {word('to', lang)} {last}"),
        (word("exported_at", lang), exported_at_text(context)),
        (word("filters", lang), filters),
    ]


def exported_at_text(context: ExportContext) -> str:
    return context.exported_at.isoformat(timespec="seconds")


def _filter_value(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return "+".join(str(item) for item in value)
    return str(value)
