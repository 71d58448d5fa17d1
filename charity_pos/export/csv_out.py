"""A report as a .csv file: UTF-8 with a BOM (Excel on a Chinese Windows
opens it right), one block per section with its title line, money in yuan
with two decimals, text that a spreadsheet would take for a formula kept as
text."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

from charity_pos.export.cells import local, period_text, safe, section_title, store_text, totals, yuan
from charity_pos.reports.table import Cell, Column, ColumnKind, Report


def _value(column: Column, value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return safe(value)
    if isinstance(value, datetime):
        return local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if column.kind is ColumnKind.MONEY:
        return f"{yuan(value):.2f}"
    if column.kind is ColumnKind.PERCENT:
        return f"{value / 10:.1f}%"
    return str(value)


def write_csv(report: Report, path: Path) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        for number, section in enumerate(report.sections):
            if number:
                writer.writerow([])
            writer.writerow([safe(section_title(report, section))])
            writer.writerow([safe(store_text(report)), safe(period_text(report))])
            writer.writerow([c.title.zh for c in section.columns])
            total = totals(section)
            for row in [*section.rows, *([total] if total else [])]:
                writer.writerow([_value(c, v) for c, v in zip(section.columns, row, strict=True)])
        if report.notes:
            writer.writerow([])
            for note in report.notes:
                writer.writerow([safe(note.zh)])
