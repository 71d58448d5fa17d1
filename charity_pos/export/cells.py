"""What every export shares: the words of the header lines, cells as a
spreadsheet or a page shows them, text a spreadsheet must not take for a
formula, and widths that count a Chinese character as two.

Exports are official papers: always Chinese (``Words.zh``), whatever the
app's language.
"""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from decimal import Decimal

from charity_pos.domain.money import format_fen
from charity_pos.reports.period import STORE_TZ
from charity_pos.reports.table import Cell, Column, ColumnKind, Report, Section
from charity_pos.reports.words import SOURCES, label
from charity_pos.domain.text import csv_safe

#: the words under the last row of a totals line
TOTAL = "合计"
FEN = Decimal(100)
CENT = Decimal("0.01")


def period_text(report: Report) -> str:
    f = report.filters
    text = f"期间：{f.start.isoformat()} 至 {f.end.isoformat()}"
    if f.category:
        text += f"　类别：{f.category}"
    if f.origin:
        text += f"　来源：{label(SOURCES, f.origin)}"
    return text


def store_text(report: Report) -> str:
    return f"{report.store_name}（{report.store_code}）"


def section_title(report: Report, section: Section) -> str:
    """The report's title, and the section's when it is another table."""
    if section.title.zh == report.title.zh:
        return report.title.zh
    return f"{report.title.zh}：{section.title.zh}"


def yuan(fen: int) -> Decimal:
    """Fen as yuan, exactly, to two decimals (a number, never text)."""
    return (Decimal(int(fen)) / FEN).quantize(CENT)


def local(at: datetime) -> datetime:
    """An aware time as Shanghai wall time, naive (spreadsheets know no zones)."""
    return at.astimezone(STORE_TZ).replace(tzinfo=None, microsecond=0)


def safe(value: str) -> str:
    """Text a spreadsheet would take for a formula keeps a leading apostrophe."""
    return str(csv_safe(value))


def shown(column: Column, value: Cell) -> str:
    """A cell as a page shows it: ¥1,234.50, 2026-03-10, 2026-03-10 10:05."""
    if value is None:
        return ""
    if column.kind is ColumnKind.MONEY and isinstance(value, int):
        return format_fen(value)
    if column.kind is ColumnKind.PERCENT and isinstance(value, int):
        return f"{value / 10:.1f}%"
    if isinstance(value, datetime):
        return local(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}" if column.kind is ColumnKind.COUNT else str(value)
    return str(value)


def totals(section: Section) -> tuple[Cell, ...] | None:
    """The totals line with 合计 in the first column not added up, or None."""
    if not section.totals or not any(c.total for c in section.columns):
        return None
    row = list(section.totals_row())
    for index, column in enumerate(section.columns):
        if not column.total:
            row[index] = TOTAL
            break
    return tuple(row)


def display_width(text: str) -> int:
    """How many Latin letters wide ``text`` is: a Chinese character counts two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
