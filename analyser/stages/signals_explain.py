"""Short sentences that explain a cluster's weak-signal components (French by default, English switchable).

Pure: `explain_signal(details, language)` reads the `details` stored with each cluster signal
(`cluster_signals.details`) and never invents a number that is not there.
"""

from __future__ import annotations

from typing import Any

TEXT = {
    "fr": {
        "emerging": "{before} tickets/semaine en moyenne avant, {now} par semaine sur les {days} derniers jours (x{ratio}, {p})",
        "emerging_new": "aucun ticket avant, {now} par semaine sur les {days} derniers jours ({p})",
        "stable": "volume stable : {before} tickets/semaine avant, {now} par semaine sur les {days} derniers jours",
        "no_baseline": "pas assez d'historique pour mesurer une tendance",
        "new_orphan": "nouveau : aucun ancêtre au run précédent",
        "new_recent": "nouveau : {share} des tickets datent des {days} derniers jours",
        "intense": "{share} des tickets expriment colère, urgence ou escalade ({terms})",
        "repeat": "contacts répétés : {share} des tickets viennent d'un client qui a déjà écrit sur ce sujet",
        "satisfaction": "satisfaction moyenne {mean}/{scale} ({rated} notes)",
        "catch_all": "{share} des tickets classés en catégorie fourre-tout (Autre, Divers, vide)",
        "spread": "réparti sur {n} catégories, la principale ({top}) n'en couvre que {share}",
        "reach": "{customers} clients, {channels} canaux, {products} produits",
    },
    "en": {
        "emerging": "{before} tickets/week on average before, {now} a week over the last {days} days (x{ratio}, {p})",
        "emerging_new": "no ticket before, {now} a week over the last {days} days ({p})",
        "stable": "steady volume: {before} tickets/week before, {now} a week over the last {days} days",
        "no_baseline": "not enough history to measure a trend",
        "new_orphan": "new: no ancestor in the previous run",
        "new_recent": "new: {share} of the tickets are from the last {days} days",
        "intense": "{share} of the tickets express anger, urgency or escalation ({terms})",
        "repeat": "repeat contacts: {share} of the tickets come from a customer who already wrote about it",
        "satisfaction": "average satisfaction {mean}/{scale} ({rated} ratings)",
        "catch_all": "{share} of the tickets filed in catch-all categories (Autre, Divers, empty)",
        "spread": "spread over {n} categories, the main one ({top}) holds only {share}",
        "reach": "{customers} customers, {channels} channels, {products} products",
    },
}


def _number(value: float, language: str) -> str:
    text = f"{value:.1f}" if value < 10 else f"{value:.0f}"
    text = text.removesuffix(".0")
    return text.replace(".", ",") if language == "fr" else text


def _percent(value: float, language: str) -> str:
    return f"{round(100 * value)} %" if language == "fr" else f"{round(100 * value)}%"


def _p_value(p: float | None, language: str) -> str:
    if p is None:
        return "p=?"
    if p < 0.001:
        return "p<0,001" if language == "fr" else "p<0.001"
    text = f"p={p:.3f}" if p < 0.1 else f"p={p:.2f}"
    return text.replace(".", ",") if language == "fr" else text


def explain_signal(details: dict[str, Any], language: str = "fr") -> list[str]:
    """Sentences for a cluster: trend first, then novelty, intensity, hidden and reach, as far as the numbers say something."""
    return [sentence for _, sentence in explain_parts(details, language)]


def main_reason(details: dict[str, Any], components: dict[str, float], language: str = "fr") -> str:
    """The one sentence about the component that weighs most in the score (`components`: weighted values)."""
    parts = explain_parts(details, language)
    for name in sorted(components, key=lambda key: -components[key]):
        for component, sentence in parts:
            if component == name:
                return sentence
    return parts[0][1] if parts else ""


def explain_parts(details: dict[str, Any], language: str = "fr") -> list[tuple[str, str]]:
    """(component, sentence) pairs, in the order of `explain_signal`."""
    words = TEXT.get(language, TEXT["fr"])
    lang = language if language in TEXT else "fr"
    sentences: list[tuple[str, str]] = []
    emerging = details.get("emerging") or {}
    days = (details.get("windows") or {}).get("recent_days", 14)
    now = _number(emerging.get("recent_weekly") or 0.0, lang)
    before = emerging.get("baseline_weekly")
    if before is None:
        sentences.append(("emerging", words["no_baseline"]))
    elif emerging.get("baseline", 0) == 0 and emerging.get("recent", 0) > 0:
        sentences.append(("emerging", words["emerging_new"].format(now=now, days=days, p=_p_value(emerging.get("p_value"), lang))))
    elif emerging.get("ratio_low", 0) > 1 and (emerging.get("rate_ratio") or 0) > 1:
        sentences.append(("emerging", words["emerging"].format(
            before=_number(before, lang), now=now, days=days, ratio=_number(emerging["rate_ratio"], lang), p=_p_value(emerging.get("p_value"), lang),
        )))
    else:
        sentences.append(("emerging", words["stable"].format(before=_number(before, lang), now=now, days=days)))
    novelty = details.get("novelty") or {}
    if novelty.get("no_ancestor"):
        sentences.append(("novelty", words["new_orphan"]))
    elif novelty.get("recent_share", 0) >= 0.5:
        sentences.append(("novelty", words["new_recent"].format(share=_percent(novelty["recent_share"], lang), days=days)))
    intensity = details.get("intensity") or {}
    if intensity.get("intense_tickets") and intensity.get("intense_share", 0) > 2 * (intensity.get("average") or {}).get("intense_share", 0):
        terms = ", ".join(term.rstrip("*") for term in intensity.get("top_terms", [])[:3])
        sentences.append(("intensity", words["intense"].format(share=_percent(intensity["intense_share"], lang), terms=terms)))
    if intensity.get("repeat_tickets") and intensity.get("repeat_share", 0) > (intensity.get("average") or {}).get("repeat_share", 0):
        sentences.append(("intensity", words["repeat"].format(share=_percent(intensity["repeat_share"], lang))))
    if intensity.get("rated", 0) >= 5 and intensity.get("satisfaction_mean") is not None:
        sentences.append(("intensity", words["satisfaction"].format(
            mean=_number(intensity["satisfaction_mean"], lang), scale=_number(intensity.get("satisfaction_scale", 5), lang), rated=intensity["rated"],
        )))
    hidden = details.get("hidden") or {}
    if hidden.get("catch_all_share", 0) > hidden.get("average_catch_all_share", 1):
        sentences.append(("hidden", words["catch_all"].format(share=_percent(hidden["catch_all_share"], lang))))
    if hidden.get("top_category") and hidden.get("top_category_share", 1) < hidden.get("median_top_category_share", 0):
        sentences.append(("hidden", words["spread"].format(
            n=hidden.get("distinct_categories", 0), top=hidden["top_category"], share=_percent(hidden["top_category_share"], lang),
        )))
    reach = details.get("reach") or {}
    if reach:
        sentences.append(("reach", words["reach"].format(
            customers=reach.get("customers", 0), channels=reach.get("channels", 0), products=reach.get("products", 0),
        )))
    return sentences
