"""Charts for the wall: the value-versus-feasibility matrix and the journey overview, as PNG or SVG.

Built on matplotlib's object API (no pyplot global state). Sized 16:9 with large type so they stay
readable when projected. SVG keeps text as text (searchable, and scanned by the privacy test) and
carries no creation date, so the same data gives the same file.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import matplotlib
from matplotlib.figure import Figure

from analyser.export.cards import shorten
from analyser.export.lists import context_lines
from analyser.export.model import CandidateCard, ExportContext, JourneyRow
from analyser.export.texts import stance_name, trend_text, word
from analyser.grid import STANCE_KEYS, feasibility_score, value_score

STANCE_COLOURS = {"automate": "#2a7ab0", "assist": "#e08a1e", "keep_human": "#3c9a5f", None: "#7d8a99"}
_RC = {"svg.fonttype": "none", "svg.hashsalt": "analyser", "font.family": "DejaVu Sans", "font.size": 13}


def matrix_chart(cards: Sequence[CandidateCard], context: ExportContext, fmt: str) -> bytes:
    """Candidates on value (up) against feasibility (right); dot size = tickets per month; colour = stance."""
    lang = context.language
    with matplotlib.rc_context(_RC):
        figure = Figure(figsize=(13.33, 7.5), dpi=150)
        axes = figure.subplots()
        axes.set_xlim(0.8, 5.2)
        axes.set_ylim(0.8, 5.2)
        axes.axvline(3, color="#c7d0db", linewidth=1.2, zorder=0)
        axes.axhline(3, color="#c7d0db", linewidth=1.2, zorder=0)
        axes.set_xlabel(f"{word('feasibility', lang)} (1-5) →", fontsize=15)
        axes.set_ylabel(f"{word('value', lang)} (1-5) →", fontsize=15)
        axes.set_title(word("matrix_title", lang), fontsize=18, color="#1f3a5f", loc="left")
        placed, unscored = _place(cards)
        for index, (card, x, y) in enumerate(placed):
            size = 120 + 12 * min(card.friction.kvis.monthly_average, 100)
            axes.scatter([x], [y], s=size, color=STANCE_COLOURS.get(card.stance, STANCE_COLOURS[None]), alpha=0.85,
                         edgecolors="white", linewidths=1.5, zorder=3)
            right = x > 3.8  # labels of dots near the right edge go to their left
            offset = ((-12 if right else 12), (12, -20, 24, -32)[index % 4])
            axes.annotate(f"{card.candidate_id} {shorten(card.friction.title, 30)}", (x, y), xytext=offset,
                          textcoords="offset points", fontsize=11.5, color="#1b1b1b", zorder=4,
                          ha="right" if right else "left", annotation_clip=False)
        for stance in (*STANCE_KEYS, None):
            axes.scatter([], [], s=120, color=STANCE_COLOURS[stance], label=stance_name(stance, lang))
        axes.legend(loc="lower left", fontsize=11, frameon=False, title=word("stance", lang), title_fontsize=11)
        notes = [word("explains_value", lang)]
        if unscored:
            notes.append(f"{word('to_assess', lang)} : " + ", ".join(card.candidate_id for card in unscored))
        if not cards:
            notes.append(word("no_candidates", lang))
        _footer(figure, context, notes)
        return _save(figure, fmt)


def _place(cards: Sequence[CandidateCard]) -> tuple[list[tuple[CandidateCard, float, float]], list[CandidateCard]]:
    """Scored candidates with their (feasibility, value); two at the same spot are nudged apart so both stay readable."""
    placed: list[tuple[CandidateCard, float, float]] = []
    unscored = []
    seen: dict[tuple[float, float], int] = {}
    for card in cards:
        value, feasibility = value_score(card.scores), feasibility_score(card.scores)
        if value is None or feasibility is None:
            unscored.append(card)
            continue
        key = (round(feasibility, 2), round(value, 2))
        nudge = seen.get(key, 0)
        seen[key] = nudge + 1
        placed.append((card, feasibility + 0.06 * nudge, value - 0.06 * nudge))
    return placed, unscored


def journey_chart(rows: Sequence[JourneyRow], context: ExportContext, fmt: str) -> bytes:
    """One bar per stage in journey order: tickets in the last 30 days, growth, validated frictions; blind spots in orange."""
    lang = context.language
    with matplotlib.rc_context(_RC):
        figure = Figure(figsize=(13.33, 7.5), dpi=150)
        axes = figure.subplots()
        names = [shorten(row.stage_name, 32) for row in rows][::-1]
        latest = [row.tickets_per_month[2] for row in rows][::-1]
        colours = ["#e08a1e" if row.blind_spot else "#2a7ab0" for row in rows][::-1]
        bars = axes.barh(names, latest, color=colours)
        top = max(latest, default=0) or 1
        axes.set_xlim(0, top * 1.6)  # room for the note after the longest bar
        for bar, row in zip(bars, list(rows)[::-1]):
            growth = trend_text(row.trend, row.tickets_per_month[2], lang)
            note = f"{row.tickets_per_month[2]}  {growth}  ·  {word('validated_frictions', lang)} : {row.validated_frictions}"
            if row.blind_spot:
                note += f"  ·  {word('blind_spot', lang)}"
            axes.text(bar.get_width() + top * 0.01, bar.get_y() + bar.get_height() / 2, note, va="center", fontsize=11.5)
        axes.set_title(word("journey_title", lang), fontsize=18, color="#1f3a5f", loc="left")
        axes.spines[["top", "right"]].set_visible(False)
        axes.tick_params(axis="y", labelsize=12.5)
        legend = "orange : angle mort (rapport des signaux faibles)" if lang == "fr" else "orange: blind spot (weak-signal report)"
        _footer(figure, context, [legend])
        figure.subplots_adjust(left=0.24)
        return _save(figure, fmt)


def _footer(figure: Figure, context: ExportContext, notes: list[str]) -> None:
    line = "  ·  ".join(f"{label} {value}" for label, value in context_lines(context)[:3])
    figure.text(0.01, 0.01, "\n".join([*notes, line]), fontsize=9, color="#5a6b80", va="bottom")
    figure.subplots_adjust(bottom=0.12 + 0.03 * len(notes), top=0.92)


def _save(figure: Figure, fmt: str) -> bytes:
    buffer = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {"Software": "analyser"}
    figure.savefig(buffer, format=fmt, metadata=metadata)
    return buffer.getvalue()
