"""A report as an Excel workbook (openpyxl): one sheet per section with a
Chinese name, a title row, the store and the period, a frozen header, real
numbers and dates, widths that fit, a bold totals row and the notes under
the table."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from charity_pos.export.cells import (display_width, local, period_text, safe, section_title, shown, store_text,
                                      totals, yuan)
from charity_pos.reports.table import Cell, Column, ColumnKind, Report, Section

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

#: what the workbook's properties say made it (``is_our_xlsx`` looks for it)
CREATOR = "charity-pos"
MONEY_FORMAT = "#,##0.00"
COUNT_FORMAT = "#,##0"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
PERCENT_FORMAT = "0.0%"
#: the rows above the header: title, store and period
HEADER_ROW = 3
MAX_WIDTH = 60
MIN_WIDTH = 6
_NOT_IN_NAMES = re.compile(r"[\[\]:*?/\\]")


def sheet_names(titles: list[str]) -> list[str]:
    """Names Excel accepts: at most 31 characters, none of []:*?/\\, no two alike."""
    names: list[str] = []
    for title in titles:
        base = _NOT_IN_NAMES.sub("", title).strip("' ") or "表"
        name, n = base[:31], 1
        while name.casefold() in (x.casefold() for x in names):
            n += 1
            suffix = f"({n})"
            name = base[: 31 - len(suffix)] + suffix
        names.append(name)
    return names


def _text(value: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    from charity_pos.domain.text import printable

    value = ILLEGAL_CHARACTERS_RE.sub(lambda m: printable(m.group(0)), value)
    return safe(value)


def _value(column: Column, value: Cell) -> tuple[Any, str | None]:
    """The cell's value as a spreadsheet holds it, and its number format."""
    if value is None:
        return None, None
    if isinstance(value, str):
        return _text(value), None
    if isinstance(value, datetime):
        return local(value), DATETIME_FORMAT
    if isinstance(value, date):
        return value, DATE_FORMAT
    if column.kind is ColumnKind.MONEY:
        return yuan(value), MONEY_FORMAT
    if column.kind is ColumnKind.PERCENT:
        return value / 1000, PERCENT_FORMAT
    return value, COUNT_FORMAT if column.kind is ColumnKind.COUNT else None


def _write_section(ws: Worksheet, report: Report, section: Section) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    ncols = max(1, len(section.columns))
    ws.cell(row=1, column=1, value=_text(section_title(report, section))).font = Font(bold=True, size=14)
    ws.cell(row=2, column=1, value=_text(f"{store_text(report)}　{period_text(report)}"))
    if ncols > 1:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ncols)
    widths = [display_width(c.title.zh) for c in section.columns]
    head_fill = PatternFill("solid", start_color="EEEEEE")
    line = Side(style="thin", color="888888")
    for c, column in enumerate(section.columns, start=1):
        cell = ws.cell(row=HEADER_ROW, column=c, value=column.title.zh)
        cell.font, cell.fill = Font(bold=True), head_fill
        cell.alignment = Alignment(horizontal="center", vertical="center")
        cell.border = Border(bottom=line)
    rows: list[tuple[Cell, ...]] = list(section.rows)
    total = totals(section)
    for r, row in enumerate([*rows, *([total] if total else [])], start=HEADER_ROW + 1):
        is_total = total is not None and r == HEADER_ROW + 1 + len(rows)
        for c, (column, value) in enumerate(zip(section.columns, row, strict=True), start=1):
            cell_value, number_format = _value(column, value)
            cell = ws.cell(row=r, column=c, value=cell_value)
            if isinstance(cell_value, str):
                cell.data_type = "s"  # text, never a formula
            if number_format:
                cell.number_format = number_format
            if is_total:
                cell.font = Font(bold=True)
                cell.border = Border(top=line)
            widths[c - 1] = max(widths[c - 1], display_width(shown(column, value)))
    notes_row = HEADER_ROW + len(rows) + (2 if total else 1) + 1
    for offset, note in enumerate(report.notes):
        ws.cell(row=notes_row + offset, column=1, value=_text(note.zh)).font = Font(italic=True, color="555555")
    signed_row = notes_row + len(report.notes) + 2
    for offset, who in enumerate(report.signatures if section is report.sections[0] else ()):
        ws.cell(row=signed_row + 2 * offset, column=1, value=_text(f"{who.zh}：________________　日期：__________"))
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = min(MAX_WIDTH, max(MIN_WIDTH, width + 2))
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=1).coordinate
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation = "landscape" if report.landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    fit = ws.sheet_properties.pageSetUpPr
    assert fit is not None  # a new sheet has its page set-up properties
    fit.fitToPage = True


def write_xlsx(report: Report, path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    first = workbook.active
    assert first is not None  # a new workbook has its one sheet
    workbook.remove(first)
    sections = report.sections or (Section("empty", report.title, (), ()),)
    for name, section in zip(sheet_names([s.title.zh for s in sections]), sections, strict=True):
        _write_section(workbook.create_sheet(name), report, section)
    workbook.properties.creator = CREATOR
    workbook.properties.title = report.title.zh
    workbook.properties.subject = f"{store_text(report)} {period_text(report)}"
    workbook.save(path)


def is_our_xlsx(path: Path) -> bool:
    """A workbook charity-pos wrote (its properties say so)."""
    import zipfile

    from charity_pos.files import MAX_SNIFF_BYTES

    try:
        if path.stat().st_size > MAX_SNIFF_BYTES:
            return False
        with zipfile.ZipFile(path) as zf:
            if zf.getinfo("docProps/core.xml").file_size > 64 * 1024:
                return False
            core = zf.read("docProps/core.xml").decode("utf-8", "replace")
    except (OSError, zipfile.BadZipFile, KeyError, EOFError):
        return False
    return f"<dc:creator>{CREATOR}</dc:creator>" in core
