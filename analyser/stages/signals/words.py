"""How the signal explanations write numbers: decimal comma and `12 %` in French, `12%` in English."""

from __future__ import annotations


def number(value: float, language: str) -> str:
    text = f"{value:.1f}" if value < 10 else f"{value:.0f}"
    text = text.removesuffix(".0")
    return text.replace(".", ",") if language == "fr" else text


def percent(value: float, language: str) -> str:
    return f"{round(100 * value)} %" if language == "fr" else f"{round(100 * value)}%"


def p_value(p: float | None, language: str) -> str:
    if p is None:
        return "p=?"
    if p < 0.001:
        return "p<0,001" if language == "fr" else "p<0.001"
    text = f"p={p:.3f}" if p < 0.1 else f"p={p:.2f}"
    return text.replace(".", ",") if language == "fr" else text
