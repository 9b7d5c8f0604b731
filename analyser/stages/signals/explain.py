"""Short sentences that explain a cluster's weak-signal components (French by default, English switchable).

Pure: `explain_signal(details, language)` reads the `details` stored with each cluster signal
(`cluster_signals.details`) and never invents a number that is not there. Each component's words are
its `explain` in the registry (`components.py`).
"""

from __future__ import annotations

from typing import Any

from analyser.stages.signals.components import COMPONENTS


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
    lang = language if language in ("fr", "en") else "fr"
    days = (details.get("windows") or {}).get("recent_days", 14)
    return [
        (component.key, sentence)
        for component in COMPONENTS
        for sentence in component.explain(details.get(component.key) or {}, days, lang)
    ]
