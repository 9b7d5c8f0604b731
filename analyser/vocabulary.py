"""The domain's words, defined once in French and English: review and candidate statuses, reject
reasons, blind-spot reasons and the undecided journey stage.

The app (through `ui/i18n.py`), the CLI and every export name these things with the words below;
the grid's words live in `grid.py`, the signal components' in `stages/signals/components.py`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    key: str
    fr: str
    en: str

    def name(self, language: str) -> str:
        return self.en if language == "en" else self.fr


def _by_key(*terms: Term) -> dict[str, Term]:
    return {term.key: term for term in terms}


# A cluster's review status (PRODUCT.md: a validated cluster is a friction; a promoted one a use-case candidate).
REVIEW_STATUSES = _by_key(
    Term("unreviewed", "à revoir", "not reviewed"),
    Term("validated", "irritant validé", "validated friction"),
    Term("rejected", "rejeté", "rejected"),
    Term("promoted", "cas d'usage candidat", "use-case candidate"),
)
# A use-case candidate's status: the defaults of [review] candidate_statuses (a custom status shows as written).
CANDIDATE_STATUSES = _by_key(
    Term("proposed", "proposé", "proposed"),
    Term("studying", "à l'étude", "under study"),
    Term("accepted", "accepté", "accepted"),
    Term("in_progress", "en cours", "in progress"),
    Term("done", "réalisé", "done"),
    Term("dropped", "abandonné", "dropped"),
)
# A cluster drawn out of the clustering's own around a recent pocket (the signal badges are the components').
GATHERED = Term("gathered", "rassemblé", "gathered")
REJECT_REASONS = _by_key(
    Term("noise", "bruit", "noise"),
    Term("already_known", "déjà connu et traité", "already known and handled"),
    Term("duplicate", "doublon", "duplicate"),
    Term("not_actionable", "pas actionnable", "not actionable"),
)
# Why a journey stage is a blind spot (signals' blind-spot report).
BLIND_SPOT_REASONS = _by_key(
    Term("no_validated_friction", "aucun irritant validé", "no validated friction"),
    Term("intense", "intense", "intense"),
    Term("emerging", "en forte hausse", "emerging"),
    Term("growing", "en croissance", "growing"),
    Term("hidden_clusters", "clusters cachés (hors taxonomie)", "hidden clusters (no place in the taxonomy)"),
    Term("catch_all", "beaucoup de tickets hors catégorie", "many tickets in catch-all categories"),
)
UNCLEAR_STAGE = Term("unclear", "indéterminée", "unclear")


def status_name(status: str | None, language: str) -> str:
    """A review or candidate status in words; empty when none; a custom status as written."""
    if not status:
        return ""
    term = REVIEW_STATUSES.get(status) or CANDIDATE_STATUSES.get(status)
    return term.name(language) if term else status


def reason_name(reason: str, language: str) -> str:
    """A blind-spot reason in words (an unknown key with its underscores as spaces)."""
    term = BLIND_SPOT_REASONS.get(reason)
    return term.name(language) if term else reason.replace("_", " ")
