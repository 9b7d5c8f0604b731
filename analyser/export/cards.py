"""One-page use-case cards: the words of a card (shared by HTML and PDF) and the HTML rendering.

A card fits one A4 page because its texts are bounded here (verbatims, justifications, answers are
cut at a word with an ellipsis) rather than by shrinking fonts: a card on a wall must stay readable.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from analyser.export.lists import context_lines
from analyser.export.model import CandidateCard, ExportContext
from analyser.export.texts import percent, stance_name, trend_text, word
from analyser.grid import ETHICS_QUESTIONS, GRID, feasibility_score, value_score
from analyser.vocabulary import status_name

MAX_VERBATIMS = 5
LIMITS = {"title": 90, "summary": 360, "verbatim": 200, "justification": 100, "answer": 200, "explanation": 140}


@dataclass(frozen=True)
class CardText:
    """Everything a card prints, already cut to fit one page."""

    heading: str
    title: str
    facts: tuple[tuple[str, str], ...]  # stage, status, owner, stance
    summary: str
    verbatims: tuple[str, ...]
    kvis: tuple[tuple[str, str], ...]
    explanation: tuple[str, ...]
    validated: str
    grid: tuple[tuple[str, str, str], ...]  # dimension, "3/5", justification
    axes: str
    stance: str
    ethics: tuple[tuple[str, str], ...]
    footer: str


def shorten(text: str | None, limit: int) -> str:
    """Cut at a word boundary with an ellipsis when longer than `limit` characters."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:.") + "…"


def card_text(card: CandidateCard, context: ExportContext) -> CardText:
    lang = context.language
    friction = card.friction
    kvis = friction.kvis
    months = " / ".join(str(n) for n in kvis.tickets_per_month)
    kvi_items = [
        (word("tickets_month", lang) + " (M-3/M-2/M-1)", months),
        (word("trend", lang), trend_text(kvis.trend, kvis.tickets_per_month[2], lang) or "–"),
        (word("customers", lang), str(kvis.distinct_customers)),
        (word("repeat", lang), percent(kvis.repeat_contact_share) or "–"),
        (word("intensity", lang), percent(kvis.intensity) or "–"),
        (word("score", lang), f"{friction.signal_score:.2f}" if friction.signal_score is not None else "–"),
    ]
    validated = ""
    if friction.validated_by:
        when = friction.validated_at.strftime("%Y-%m-%d") if friction.validated_at else ""
        validated = f"{word('validated_by', lang)} {friction.validated_by}" + (f" {word('on', lang)} {when}" if when else "")
    scores = {item.key: item for item in card.grid}
    grid = []
    for dimension in GRID:
        item = scores.get(dimension.key)
        score = f"{item.score}/5" if item and item.score is not None else "–"
        why = shorten(item.justification, LIMITS["justification"]) if item and item.justification else word("to_assess", lang)
        grid.append((dimension.name(lang, hint=True), score, why))
    value, feasibility = value_score(card.scores), feasibility_score(card.scores)
    axes = f"{word('value', lang)} {_one_decimal(value)} · {word('feasibility', lang)} {_one_decimal(feasibility)}"
    answers = dict(card.ethics)
    ethics = tuple((question.name(lang), shorten(answers.get(question.key), LIMITS["answer"]) or word("to_assess", lang))
                   for question in ETHICS_QUESTIONS)
    facts = (
        (word("stage", lang), friction.journey_stage),
        (word("status", lang), status_name(card.status, lang) or "–"),
        (word("owner", lang), card.owner or "–"),
        (word("stance", lang), stance_name(card.stance, lang)),
    )
    footer = " · ".join(f"{label} {value}" for label, value in context_lines(context)[:3])
    return CardText(
        heading=f"{word('card', lang)} {card.candidate_id} · cluster {friction.cluster_id}",
        title=shorten(friction.title, LIMITS["title"]),
        facts=facts,
        summary=shorten(friction.summary, LIMITS["summary"]),
        verbatims=tuple(shorten(text, LIMITS["verbatim"]) for text in friction.verbatims[:MAX_VERBATIMS]),
        kvis=tuple(kvi_items),
        explanation=tuple(shorten(line, LIMITS["explanation"]) for line in friction.explanation[:3]),
        validated=validated,
        grid=tuple(grid),
        axes=axes,
        stance=stance_name(card.stance, lang),
        ethics=ethics,
        footer=footer,
    )


def _one_decimal(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}/5"


_CSS = """
@page { size: A4; margin: 10mm 14mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1b1b1b; margin: 0; font-size: 8.4pt; line-height: 1.25; }
.card { max-width: 182mm; margin: 0 auto 12mm auto; page-break-after: always; break-after: page; }
.card:last-child { page-break-after: auto; break-after: auto; }
.heading, .footer { color: #5a6b80; font-size: 7.5pt; }
h1 { font-size: 15pt; line-height: 1.15; margin: 1mm 0 1.5mm 0; color: #1f3a5f; }
h2 { font-size: 10pt; margin: 2.2mm 0 1mm 0; color: #1f3a5f; border-bottom: 0.35mm solid #1f3a5f; }
p { margin: 0.6mm 0; }
.facts { color: #5a6b80; } .facts span { display: inline-block; margin-right: 4mm; } .facts b { font-weight: normal; }
blockquote { margin: 0.5mm 0 0.5mm 4mm; font-style: italic; color: #333; }
.kvis { display: flex; gap: 2mm; margin: 1mm 0; }
.kvi { flex: 1; border: 0.3mm solid #c7d0db; border-radius: 1mm; padding: 0.8mm 1.5mm; }
.kvi .v { font-size: 11pt; font-weight: bold; color: #1f3a5f; white-space: nowrap; } .kvi .l { font-size: 6.8pt; color: #5a6b80; }
ul.why { margin: 0.6mm 0; padding-left: 4mm; color: #5a6b80; }
table { border-collapse: collapse; width: 100%; }
td { border-bottom: 0.2mm solid #dde3ea; padding: 0.5mm 1mm; text-align: left; vertical-align: top; }
td.score { width: 11mm; font-weight: bold; text-align: center; color: #1f3a5f; }
.footer { margin-top: 3mm; border-top: 0.2mm solid #c7d0db; padding-top: 1mm; }
"""


def cards_html(cards: Sequence[CandidateCard], context: ExportContext) -> bytes:
    """All cards in one HTML file, one A4 page each when printed; every text is HTML-escaped."""
    lang = context.language
    title = word("candidates", lang)
    body = [_card_html(card_text(card, context), lang) for card in cards] or [f"<p>{html.escape(word('no_candidates', lang))}</p>"]
    document = (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n<title>{html.escape(title)}</title>\n'
        f"<style>{_CSS}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )
    return document.encode("utf-8")


def _card_html(text: CardText, lang: str) -> str:
    e = html.escape
    parts = [
        '<section class="card">',
        f'<div class="heading">{e(text.heading)}</div>',
        f"<h1>{e(text.title)}</h1>",
        '<div class="facts">' + "".join(f"<span><b>{e(label)}</b> {e(value)}</span>" for label, value in text.facts) + "</div>",
        f"<h2>{e(word('problem', lang))}</h2>",
        f"<p>{e(text.summary)}</p>" if text.summary else "",
        *(f"<blockquote>« {e(verbatim)} »</blockquote>" for verbatim in text.verbatims),
        f"<h2>{e(word('evidence', lang))}</h2>",
        '<div class="kvis">' + "".join(f'<div class="kvi"><div class="v">{e(value)}</div><div class="l">{e(label)}</div></div>'
                                       for label, value in text.kvis) + "</div>",
        ('<ul class="why">' + "".join(f"<li>{e(line)}</li>" for line in text.explanation) + "</ul>") if text.explanation else "",
        f"<p>{e(text.validated)}</p>" if text.validated else "",
        f"<h2>{e(word('grid', lang))}</h2>",
        "<table>" + "".join(f'<tr><td>{e(name)}</td><td class="score">{e(score)}</td><td>{e(why)}</td></tr>'
                            for name, score, why in text.grid) + "</table>",
        f"<p><b>{e(text.axes)}</b></p>",
        f"<h2>{e(word('stance', lang))} : {e(text.stance)}</h2>" if lang == "fr" else f"<h2>{e(word('stance', lang))}: {e(text.stance)}</h2>",
        f"<h2>{e(word('ethics', lang))}</h2>",
        *(f"<p><b>{e(question)}</b> {e(answer)}</p>" for question, answer in text.ethics),
        f'<div class="footer">{e(text.footer)}</div>',
        "</section>",
    ]
    return "\n".join(part for part in parts if part)
