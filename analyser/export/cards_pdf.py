"""Use-case cards as PDF, one A4 page each, with fpdf2 (pure Python, installs offline from PyPI).

Why fpdf2: it is a pure-Python wheel (with Pillow, fontTools, defusedxml) in the default install, so
the nightly server needs no browser; it embeds a Unicode TrueType font (DejaVu Sans, shipped inside
matplotlib, which the charts need anyway), and its text layout can be measured before drawing, so
each block is cut to a line budget and a card can never spill onto a second page (page breaks are off).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos

from analyser.export.cards import CardText, card_text
from analyser.export.model import CandidateCard, ExportContext
from analyser.export.texts import word

FONT = "DejaVu"
_FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
_FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
BLUE = (31, 58, 95)
GREY = (90, 107, 128)
LINE = (199, 208, 219)
INK = (27, 27, 27)
MARGIN = 14.0
WIDTH = 210.0 - 2 * MARGIN
BOTTOM = 297.0 - 10.0  # the footer's baseline; nothing may go lower


def cards_pdf(cards: Sequence[CandidateCard], context: ExportContext) -> bytes:
    """A PDF with one A4 page per card (one page saying there is none when the list is empty)."""
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN, 12, MARGIN)
    for style, filename in _FONT_FILES.items():
        pdf.add_font(FONT, style, str(_FONT_DIR / filename))
    pdf.set_creation_date(context.exported_at)
    pdf.set_creator("analyser")
    pdf.set_title(word("candidates", context.language))
    pdf.set_lang(context.language)
    if not cards:
        pdf.add_page()
        _block(pdf, word("no_candidates", context.language), size=12)
    for card in cards:
        pdf.add_page()
        _draw_card(pdf, card_text(card, context), context.language)
    return bytes(pdf.output())


def _draw_card(pdf: FPDF, text: CardText, lang: str) -> None:
    _block(pdf, text.heading, size=8, color=GREY)
    _block(pdf, text.title, size=16, style="B", color=BLUE, max_lines=2, line=7.2)
    pdf.ln(1)
    _block(pdf, "   ".join(f"{label} : {value}" if lang == "fr" else f"{label}: {value}" for label, value in text.facts),
           size=8.5, color=GREY, max_lines=2)

    _section(pdf, word("problem", lang))
    if text.summary:
        _block(pdf, text.summary, size=9, max_lines=4)
    for verbatim in text.verbatims:
        pdf.set_x(MARGIN + 4)
        _block(pdf, f"« {verbatim} »", size=8.5, style="I", max_lines=2, width=WIDTH - 4, line=3.9)

    _section(pdf, word("evidence", lang))
    _kvi_boxes(pdf, text.kvis)
    for line in text.explanation:
        _block(pdf, "• " + line, size=8, max_lines=1, color=GREY)
    if text.validated:
        _block(pdf, text.validated, size=8, max_lines=1)

    _section(pdf, word("grid", lang))
    _grid(pdf, text.grid)
    _block(pdf, text.axes, size=8.5, style="B", max_lines=1)

    _section(pdf, f"{word('stance', lang)} : {text.stance}" if lang == "fr" else f"{word('stance', lang)}: {text.stance}")
    _section(pdf, word("ethics", lang))
    for question, answer in text.ethics:
        _block(pdf, question, size=8.5, style="B", max_lines=1)
        _block(pdf, answer, size=8.5, max_lines=2)

    pdf.set_y(BOTTOM - 3)
    pdf.set_draw_color(*LINE)
    pdf.line(MARGIN, BOTTOM - 3.5, MARGIN + WIDTH, BOTTOM - 3.5)
    _block(pdf, text.footer, size=7, color=GREY, max_lines=2, line=3.2)


def _section(pdf: FPDF, title: str) -> None:
    pdf.ln(2)
    _block(pdf, title, size=10.5, style="B", color=BLUE, max_lines=1, line=5.5)
    pdf.set_draw_color(*BLUE)
    pdf.set_line_width(0.35)
    pdf.line(MARGIN, pdf.get_y(), MARGIN + WIDTH, pdf.get_y())
    pdf.ln(1.2)


def _block(
    pdf: FPDF, text: str, *, size: float, style: str = "", color: tuple[int, int, int] = INK,
    max_lines: int = 1, width: float | None = None, line: float | None = None,
) -> None:
    """Text wrapped to `width`, cut with an ellipsis after `max_lines` lines."""
    pdf.set_font(FONT, style, size)
    pdf.set_text_color(*color)
    width = width or (MARGIN + WIDTH - pdf.get_x())
    height = line or size * 0.47
    lines = fit_lines(pdf, text, width, max_lines)
    x = pdf.get_x()
    for item in lines:
        pdf.set_x(x)
        pdf.cell(width, height, item, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def fit_lines(pdf: FPDF, text: str, width: float, max_lines: int) -> list[str]:
    """The lines `text` wraps into at the current font, at most `max_lines`, the last one ending in '…' if cut."""
    lines = pdf.multi_cell(width, 5, text, dry_run=True, output=MethodReturnValue.LINES, wrapmode="WORD")
    lines = [line for line in lines] or [""]
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    last = kept[-1].rstrip()
    while last and pdf.get_string_width(last + " …") > width:
        last = last[:-1]
    kept[-1] = last.rstrip(" ,;:.") + " …"
    return kept


def _kvi_boxes(pdf: FPDF, items: Sequence[tuple[str, str]]) -> None:
    gap = 2.0
    box = (WIDTH - gap * (len(items) - 1)) / len(items)
    top = pdf.get_y()
    pdf.set_draw_color(*LINE)
    pdf.set_line_width(0.3)
    for index, (label, value) in enumerate(items):
        left = MARGIN + index * (box + gap)
        pdf.rect(left, top, box, 15, round_corners=True, corner_radius=1)
        pdf.set_xy(left + 1.5, top + 1.2)
        _block(pdf, value, size=_fitting_size(pdf, value, box - 3, 11.5), style="B", color=BLUE, width=box - 3, line=5.5)
        pdf.set_x(left + 1.5)
        _block(pdf, label, size=6.8, color=GREY, width=box - 3, max_lines=2, line=3.0)
    pdf.set_xy(MARGIN, top + 16.5)


def _fitting_size(pdf: FPDF, text: str, width: float, size: float) -> float:
    """The largest font size up to `size` at which `text` fits on one line of `width` (7 pt at least)."""
    while size > 7:
        pdf.set_font(FONT, "B", size)
        if pdf.get_string_width(text) <= width - 2 * pdf.c_margin:
            break
        size -= 0.5
    return size


def _grid(pdf: FPDF, rows: Sequence[tuple[str, str, str]]) -> None:
    name_w, score_w = 58.0, 13.0
    why_w = WIDTH - name_w - score_w
    pdf.set_draw_color(*LINE)
    pdf.set_line_width(0.2)
    for name, score, why in rows:
        top = pdf.get_y()
        pdf.set_font(FONT, "", 8.5)
        lines = max(len(fit_lines(pdf, why, why_w - 2, 2)), len(fit_lines(pdf, name, name_w, 2)))
        height = lines * 3.9 + 1.4
        pdf.set_xy(MARGIN, top + 0.7)
        _block(pdf, name, size=8.5, width=name_w, max_lines=2, line=3.9)
        pdf.set_xy(MARGIN + name_w, top + 0.7)
        _block(pdf, score, size=9, style="B", color=BLUE, width=score_w, line=3.9)
        pdf.set_xy(MARGIN + name_w + score_w, top + 0.7)
        _block(pdf, why, size=8.5, width=why_w - 2, max_lines=2, line=3.9)
        pdf.line(MARGIN, top + height, MARGIN + WIDTH, top + height)
        pdf.set_xy(MARGIN, top + height + 0.3)
