"""Tables to bytes: CSV (UTF-8 with BOM for Excel), XLSX (formatted), Markdown and JSON.

Same input, same bytes: nothing here reads the clock; the export time comes in the context. (XLSX is a
zip whose entries openpyxl stamps with the current time, so there the cells are identical, not the bytes.)
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from analyser.export.lists import ListTable, context_lines
from analyser.export.model import ExportContext
from analyser.export.texts import word

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_MD_SPECIAL = re.compile(r"([\\`*\[\]<>|#~!])")  # not "_": inside words it is never emphasis


_SIGNED_NUMBER = re.compile(r"[+-]\d[\d.,]*( ?%)?")


def safe_cell(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula is prefixed with an apostrophe ("-18 %" stays as it is)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _SIGNED_NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_bytes(table: ListTable, context: ExportContext, delimiter: str = ",") -> bytes:
    """UTF-8 with BOM so Excel shows accents; run, ticket range and export time as the last columns of every row."""
    if len(delimiter) != 1:
        raise ValueError(f"the CSV delimiter must be one character, not {delimiter!r}")
    meta = context_lines(context)[:3]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([*table.headers, *(label for label, _ in meta)])
    for row in table.rows:
        writer.writerow([*("" if cell is None else safe_cell(cell) for cell in row), *(value for _, value in meta)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(tables: Sequence[ListTable], context: ExportContext) -> bytes:
    """One sheet per list (bold coloured header, frozen first row, filters, widths) and a sheet explaining the columns."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        _list_sheet(workbook, table)
    _columns_sheet(workbook, tables, context)
    # Document properties carry the export time, not the time of writing: re-exports differ only there.
    stamp = context.exported_at.replace(tzinfo=None, microsecond=0)
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    workbook.properties.creator = "analyser"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _list_sheet(workbook: Workbook, table: ListTable) -> None:
    sheet = workbook.create_sheet(_sheet_name(table.title))
    sheet.append(list(table.headers))
    for row in table.rows:
        sheet.append([safe_cell(cell) for cell in row])
    for cell in sheet[1]:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(table.widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.row_dimensions[1].height = 32
    sheet.freeze_panes = "A2"
    if table.rows:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.headers))}{len(table.rows) + 1}"


def _columns_sheet(workbook: Workbook, tables: Sequence[ListTable], context: ExportContext) -> None:
    language = context.language
    sheet = workbook.create_sheet(_sheet_name(word("columns", language)))
    sheet.append([word("list", language), word("column", language), word("meaning", language)])
    for cell in sheet[1]:
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
    for table in tables:
        for header, meaning in zip(table.headers, table.meanings):
            sheet.append([table.title, header, meaning])
    sheet.append([])
    for label, value in context_lines(context):
        sheet.append([label, value])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in (("A", 24), ("B", 30), ("C", 90)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"


def _sheet_name(title: str) -> str:
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31]


def md_escape(text: Any) -> str:
    """Text as Markdown that shows literally: no links, HTML or table breaks from ticket text."""
    if text is None:
        return ""
    return _MD_SPECIAL.sub(r"\\\1", str(text)).replace("\r", " ").replace("\n", " / ")


def markdown_table(table: ListTable, keep: Sequence[int] | None = None) -> list[str]:
    """A pipe table of the chosen columns (all by default)."""
    indexes = list(range(len(table.headers))) if keep is None else list(keep)
    lines = ["| " + " | ".join(md_escape(table.headers[i]) for i in indexes) + " |", "|" + " --- |" * len(indexes)]
    for row in table.rows:
        lines.append("| " + " | ".join(md_escape("" if row[i] is None else row[i]) for i in indexes) + " |")
    return lines


def markdown_header(title: str, context: ExportContext) -> list[str]:
    lines = [f"# {md_escape(title)}", ""]
    lines += [f"- **{md_escape(label)}** : {md_escape(value)}" if context.language == "fr" else f"- **{md_escape(label)}**: {md_escape(value)}"
              for label, value in context_lines(context)]
    return [*lines, ""]


def json_bytes(document: dict[str, Any]) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2, default=_json_default) + "\n").encode("utf-8")


def _json_default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} to JSON")
