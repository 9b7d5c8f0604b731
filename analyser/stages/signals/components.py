"""The weak-signal components, registered once: each has a key, its words in French and English, the
badge it may set, a `measure` over one cluster and an `explain` that puts its stored details in words.

The signals stage, its store, the CLI, the app and the exports all list components from `COMPONENTS`.
Adding a component means an entry here, a weight in `config.SignalWeights` and a column in a migration.
Every value lies in [0, 1]; `details` keep the raw figures behind it so a person sees why.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from analyser.stages.signals.facts import ClusterFacts
from analyser.stages.signals.growth import growth_windows
from analyser.stages.signals.measures import rate_test, share_excess
from analyser.stages.signals.words import number, p_value, percent


@dataclass(frozen=True)
class Measure:
    value: float | None  # None: unknown, because the export lacks the column it needs
    flag: bool | None  # None for a component that sets no badge
    details: dict[str, Any]


def unknown(*columns: str) -> Measure:
    """A component the export cannot inform: no value, no badge, and which columns it would need."""
    return Measure(None, False, {"unknown": True, "needs": list(columns)})


Explainer = Callable[[dict[str, Any], int, str], list[str]]  # (the component's details, recent days, language) -> sentences


@dataclass(frozen=True)
class Component:
    key: str  # column of cluster_signals, key of its details, weight in [signals.weights]
    fr: str
    en: str
    measure: Callable[[ClusterFacts], Measure]
    explain: Explainer
    flag: str | None = None  # the badge column it sets (is_*)
    flag_fr: str | None = None
    flag_en: str | None = None

    def name(self, language: str) -> str:
        return self.en if language == "en" else self.fr

    def flag_name(self, language: str) -> str | None:
        return self.flag_en if language == "en" else self.flag_fr


def _say(language: str, fr: str, en: str, **values: Any) -> str:
    return (en if language == "en" else fr).format(**values)


def measure_emerging(cluster: ClusterFacts) -> Measure:
    """Tickets in each growth window (7 and 14 days by default) against the count expected at the cluster's rate before it.

    The test is binomial: of the cluster's tickets, how many fall in the window, when the window holds the same share of
    the cluster as of all tickets if nothing grows. Emerging when its p-value passes the night's date-shuffle calibration
    (growth.py: at most `alert_level` chance of any false alert on a night when nothing grows), with at least
    `min_recent_tickets` in the window and `emerging_min_ratio` times the expected count. The value grows with the
    ratio's lower credible bound; an alert is at least 0.5."""
    run, settings = cluster.run, cluster.run.settings
    members, masks = cluster.members, run.window_masks
    tests = []
    for days, mask in zip(growth_windows(settings), masks):
        observed, total = int((members & mask).sum()), int(mask.sum())
        test = rate_test(observed, cluster.size - observed, total, len(mask) - total, 1.0, settings.credible_level)
        before = cluster.size - observed
        expected = before * total / (len(mask) - total) if len(mask) > total else None
        tests.append({"days": days, "observed": observed, "expected": expected, **test})
    best = min(tests, key=lambda test: (test["p_value"], -test["days"]))
    calibration = run.calibration
    corrected = calibration.corrected(best["p_value"]) if calibration is not None else None
    ratio = best["rate_ratio"] if best["rate_ratio"] is not None else math.inf if best["observed"] else 0.0
    flag = (calibration is not None and best["p_value"] <= calibration.critical_p and best["observed"] >= settings.min_recent_tickets
            and ratio >= settings.emerging_min_ratio and not run.windows.history_too_short(settings))
    strength = float(np.clip(math.log(max(best["ratio_low"], 1.0)) / math.log(settings.emerging_full_ratio), 0, 1))
    enough = min(1.0, best["observed"] / settings.min_recent_tickets)
    value = 0.5 + 0.5 * strength if flag else 0.45 * strength * enough
    return Measure(value, bool(flag), {
        "window_days": best["days"], "observed": best["observed"], "expected": best["expected"], "rate_ratio": best["rate_ratio"],
        "ratio_low": best["ratio_low"], "ratio_high": best["ratio_high"], "p_value": best["p_value"], "corrected_p": corrected,
        "alert_level": calibration.level if calibration is not None else None, "level": settings.credible_level,
        "calibrated": calibration is not None, "alert": bool(flag), "recent": cluster.recent_tickets, "windows": tests,
    })


def explain_emerging(details: dict[str, Any], days: int, lang: str) -> list[str]:
    if "observed" not in details:  # a run stored before calibrated alerts: its figures are read by the older sentence
        return _explain_emerging_before_calibration(details, days, lang)
    observed, expected, window = details["observed"], details.get("expected"), details["window_days"]
    if not details.get("calibrated"):
        return [_say(lang, "pas assez d'historique pour mesurer une tendance", "not enough history to measure a trend")]
    if not expected:
        return [_say(lang, "{observed} tickets en {window} jours, aucun avant", "{observed} tickets in {window} days, none before",
                     observed=observed, window=window)]
    ratio = details.get("rate_ratio") or 0.0
    figures = _say(lang, "{observed} tickets en {window} jours, {expected} attendus, x{ratio}",
                   "{observed} tickets in {window} days, {expected} expected, x{ratio}",
                   observed=observed, window=window, expected=number(expected, lang), ratio=number(ratio, lang))
    corrected = details.get("corrected_p")
    evidence = _say(lang, "p corrigé {p}", "corrected p {p}", p=p_value(corrected, lang).removeprefix("p").lstrip("=")) \
        if corrected is not None else p_value(details.get("p_value"), lang)
    if details.get("alert"):
        interval = _say(lang, "IC {level} : x{low} à x{high}", "{level} CI: x{low} to x{high}", level=percent(details.get("level", 0.95), lang),
                        low=number(details["ratio_low"], lang),
                        high=number(details["ratio_high"], lang) if details.get("ratio_high") is not None else "∞")
        return [f"{figures} ({interval} ; {evidence})" if lang == "fr" else f"{figures} ({interval}; {evidence})"]
    if ratio >= 1.5:  # up, but not beyond what shuffled dates give: say so rather than "steady"
        return [_say(lang, "en hausse, pas encore significative : {figures} ({evidence})", "rising, not yet significant: {figures} ({evidence})",
                     figures=figures, evidence=evidence)]
    return [_say(lang, "volume stable : {observed} tickets en {window} jours, {expected} attendus",
                 "steady volume: {observed} tickets in {window} days, {expected} expected",
                 observed=observed, window=window, expected=number(expected, lang))]


def _explain_emerging_before_calibration(details: dict[str, Any], days: int, lang: str) -> list[str]:
    now, before = number(details.get("recent_weekly") or 0.0, lang), details.get("baseline_weekly")
    p = p_value(details.get("p_value"), lang)
    if before is None:
        return [_say(lang, "pas assez d'historique pour mesurer une tendance", "not enough history to measure a trend")]
    before_text = number(before, lang)
    if (details.get("rate_ratio") or 0) > 1:
        return [_say(lang, "{before} tickets/semaine en moyenne avant, {now} par semaine sur les {days} derniers jours (x{ratio}, {p})",
                     "{before} tickets/week on average before, {now} a week over the last {days} days (x{ratio}, {p})",
                     before=before_text, now=now, days=days, ratio=number(details["rate_ratio"], lang), p=p)]
    return [_say(lang, "volume stable : {before} tickets/semaine avant, {now} par semaine sur les {days} derniers jours",
                 "steady volume: {before} tickets/week before, {now} a week over the last {days} days", before=before_text, now=now, days=days)]


def measure_novelty(cluster: ClusterFacts) -> Measure:
    """How much more of the cluster is recent than of the average ticket; a cluster with no ancestor is at least half new."""
    run = cluster.run
    recent_share = cluster.recent_tickets / cluster.size
    orphan = None if run.no_ancestor is None else cluster.cluster_id in run.no_ancestor
    value = max(share_excess(recent_share, run.overall["recent_share"]), 0.5 if orphan else 0.0)
    # with too little history most tickets are recent: a "mostly recent" cluster is then chance, not news
    flag = bool(orphan) or (recent_share >= run.settings.new_recent_share and not run.windows.history_too_short(run.settings))
    return Measure(value, flag, {"recent_share": recent_share, "expected_recent_share": float(run.overall["recent_share"]),
                                 "no_ancestor": orphan, "history_too_short": run.windows.history_too_short(run.settings)})


def explain_novelty(details: dict[str, Any], days: int, lang: str) -> list[str]:
    if details.get("no_ancestor"):
        return [_say(lang, "nouveau : aucun ancêtre au run précédent", "new: no ancestor in the previous run")]
    if details.get("recent_share", 0) >= 0.5 and not details.get("history_too_short"):
        return [_say(lang, "nouveau : {share} des tickets datent des {days} derniers jours",
                     "new: {share} of the tickets are from the last {days} days", share=percent(details["recent_share"], lang), days=days)]
    return []


def measure_intensity(cluster: ClusterFacts) -> Measure:
    """Lexicon level, repeat-contact share and low satisfaction, each as an excess over the average clustered ticket."""
    run, members = cluster.run, cluster.members
    overall = run.overall
    with_customer = members & run.has_customer
    rated = members & np.isfinite(run.satisfaction)
    repeat_share = float(run.repeats[with_customer].mean()) if with_customer.any() else 0.0
    low_share = float(run.low_satisfaction[rated].mean()) if rated.any() else None
    lexicon_level = float(run.level[members].mean())
    parts = {"lexicon": (0.5, share_excess(lexicon_level, overall["lexicon_level"]))}
    if "customer" in run.known_columns:  # without customer ids, repeat contacts cannot be seen
        parts["repeat"] = (0.3, share_excess(repeat_share, overall["repeat_share"]))
    if low_share is not None and rated.sum() >= 5:  # few ratings say little: their weight grows up to 20 ratings
        parts["satisfaction"] = (0.2 * min(1.0, rated.sum() / 20), share_excess(low_share, overall["low_satisfaction_share"]))
    value = sum(weight * part for weight, part in parts.values()) / sum(weight for weight, _ in parts.values())
    phrase_counts: dict[str, int] = {}
    for index in np.flatnonzero(members & run.intense):
        for phrase in run.tickets.phrases[index]:
            phrase_counts[phrase] = phrase_counts.get(phrase, 0) + 1
    top_terms = [p for p, _ in sorted(phrase_counts.items(), key=lambda item: (-item[1], item[0]))[:5]]
    return Measure(float(value), float(value) >= run.settings.intense_share, {
        "intense_tickets": int((members & run.intense).sum()), "intense_share": float(run.intense[members].mean()),
        "lexicon_level": lexicon_level, "top_terms": top_terms,
        "repeat_tickets": int((members & run.repeats).sum()), "repeat_share": repeat_share if "repeat" in parts else None,
        "rated": int(rated.sum()), "satisfaction_mean": float(np.nanmean(run.satisfaction[rated])) if rated.any() else None,
        "satisfaction_scale": run.satisfaction_scale, "low_satisfaction_share": low_share,
        "average": {key: float(overall[key]) for key in ("intense_share", "lexicon_level", "repeat_share", "low_satisfaction_share")},
        "parts": {key: part for key, (_, part) in parts.items()}, "size": cluster.size,
    })


def explain_intensity(details: dict[str, Any], days: int, lang: str) -> list[str]:
    sentences, average = [], details.get("average") or {}
    if details.get("intense_tickets") and details.get("intense_share", 0) > 2 * average.get("intense_share", 0):
        terms = ", ".join(term.rstrip("*") for term in details.get("top_terms", [])[:3])
        sentences.append(_say(lang, "{share} des tickets expriment colère, urgence ou escalade ({terms})",
                              "{share} of the tickets express anger, urgency or escalation ({terms})",
                              share=percent(details["intense_share"], lang), terms=terms))
    if details.get("repeat_tickets") and (details.get("repeat_share") or 0) > average.get("repeat_share", 0):
        sentences.append(_say(lang, "contacts répétés : {share} des tickets viennent d'un client qui a déjà écrit sur ce sujet",
                              "repeat contacts: {share} of the tickets come from a customer who already wrote about it",
                              share=percent(details["repeat_share"], lang)))
    if details.get("rated", 0) >= 5 and details.get("satisfaction_mean") is not None:
        sentences.append(_say(lang, "satisfaction moyenne {mean}/{scale} ({rated} notes)", "average satisfaction {mean}/{scale} ({rated} ratings)",
                              mean=number(details["satisfaction_mean"], lang), scale=number(details.get("satisfaction_scale", 5), lang),
                              rated=details["rated"]))
    return sentences


def measure_hidden(cluster: ClusterFacts) -> Measure:
    """Catch-all share above the average ticket's, or (half weight) categories more spread than the median cluster's."""
    run, members, settings = cluster.run, cluster.members, cluster.run.settings
    if "category" not in run.known_columns:
        return unknown("category")
    categories = run.tickets.categories
    counts: dict[str, int] = {}
    for index in np.flatnonzero(members & ~run.is_catch_all):
        counts[categories[index]] = counts.get(categories[index], 0) + 1  # type: ignore[index]
    catch_share = float(run.is_catch_all[members].mean())
    real = sum(counts.values())
    top_category, top_count = max(counts.items(), key=lambda item: (item[1], item[0])) if counts else (None, 0)
    top_share = top_count / real if real else 1.0
    catch_part = share_excess(catch_share, run.overall["catch_all_share"])
    spread_part = 0.5 * share_excess(1 - top_share, 1 - run.overall["median_top_category_share"]) if real >= 10 else 0.0
    flag = catch_share >= settings.hidden_catch_all_share or (real >= 10 and top_share <= settings.hidden_max_top_category_share)
    return Measure(max(catch_part, spread_part), bool(flag), {
        "catch_all_tickets": int((members & run.is_catch_all).sum()), "catch_all_share": catch_share,
        "average_catch_all_share": float(run.overall["catch_all_share"]), "top_category": top_category, "top_category_share": top_share,
        "median_top_category_share": float(run.overall["median_top_category_share"]),
        "distinct_categories": len(counts), "categories": dict(sorted(counts.items(), key=lambda item: -item[1])[:8]),
        "flag": bool(flag), "size": cluster.size,
    })


def explain_hidden(details: dict[str, Any], days: int, lang: str) -> list[str]:
    sentences = []
    if details.get("catch_all_share", 0) > details.get("average_catch_all_share", 1):
        sentences.append(_say(lang, "{share} des tickets classés en catégorie fourre-tout (Autre, Divers, vide)",
                              "{share} of the tickets filed in catch-all categories (Autre, Divers, empty)",
                              share=percent(details["catch_all_share"], lang)))
    if details.get("top_category") and details.get("top_category_share", 1) < details.get("median_top_category_share", 0):
        sentences.append(_say(lang, "réparti sur {n} catégories, la principale ({top}) n'en couvre que {share}",
                              "spread over {n} categories, the main one ({top}) holds only {share}",
                              n=details.get("distinct_categories", 0), top=details["top_category"],
                              share=percent(details["top_category_share"], lang)))
    return sentences


def measure_reach(cluster: ClusterFacts) -> Measure:
    """Distinct customers (log scale, against the cluster with most), channels and products."""
    run, known = cluster.run, cluster.run.known_columns
    if not known & {"customer", "channel", "product"}:
        return Measure(None, None, {"unknown": True, "needs": ["customer", "channel", "product"]})
    most = max(run.customers_of.values(), default=0)
    details: dict[str, Any] = {"all_channels": run.all_channels, "all_products": run.all_products}
    parts: list[tuple[float, float]] = []  # (weight, part); a column the export lacks is left out, not counted as 0
    if "customer" in known:
        details["customers"] = run.customers_of[cluster.cluster_id]
        parts.append((0.5, math.log1p(details["customers"]) / math.log1p(most) if most else 0.0))
    if "channel" in known:
        details["channels"] = cluster.distinct(run.tickets.channels)
        parts.append((0.25, details["channels"] / run.all_channels))
    if "product" in known:
        details["products"] = cluster.distinct(run.tickets.products)
        parts.append((0.25, details["products"] / run.all_products))
    value = sum(weight * part for weight, part in parts) / sum(weight for weight, _ in parts)
    return Measure(float(np.clip(value, 0, 1)), None, details)


def explain_reach(details: dict[str, Any], days: int, lang: str) -> list[str]:
    words = {"customers": ("clients", "customers"), "channels": ("canaux", "channels"), "products": ("produits", "products")}
    counts = [f"{details[key]} {fr if lang == 'fr' else en}" for key, (fr, en) in words.items() if details.get(key) is not None]
    return [", ".join(counts)] if counts else []  # a column the export lacks is not counted: unknown, not 0


# In the order explanations are given: trend first, then novelty, intensity, hidden and reach.
COMPONENTS: tuple[Component, ...] = (
    Component("emerging", "émergence", "emerging", measure_emerging, explain_emerging, "is_emerging", "émergent", "emerging"),
    Component("novelty", "nouveauté", "novelty", measure_novelty, explain_novelty, "is_new", "nouveau", "new"),
    Component("intensity", "intensité", "intensity", measure_intensity, explain_intensity, "is_intense", "intense", "intense"),
    Component("hidden", "hors catégories", "hidden", measure_hidden, explain_hidden, "is_hidden", "caché", "hidden"),
    Component("reach", "portée", "reach", measure_reach, explain_reach),
)
COMPONENT_KEYS: tuple[str, ...] = tuple(component.key for component in COMPONENTS)
SIGNAL_FLAGS: tuple[str, ...] = tuple(component.flag for component in COMPONENTS if component.flag)
