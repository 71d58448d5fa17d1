"""One section of a report as a table: the columns and plain rows the report
builders give, formatted here at the edge (¥1,234.50, 2026-03-10, Shanghai
time), with a totals row under them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from charity_pos.domain.money import format_fen
from charity_pos.reports.table import Cell, ColumnKind, Section, Words
from charity_pos.services.base import STORE_TZ

Index = QModelIndex | QPersistentModelIndex

# columns whose figures line up on the right
TOTAL = Words("合计", "Total")
NUMERIC = frozenset({ColumnKind.MONEY, ColumnKind.COUNT, ColumnKind.PERCENT})


def cell_text(kind: ColumnKind, value: Cell) -> str:
    """A cell as the user reads it."""
    if value is None:
        return ""
    if kind == ColumnKind.MONEY and isinstance(value, int):
        return format_fen(value)
    if kind == ColumnKind.COUNT and isinstance(value, int):
        return f"{value:,}"
    if kind == ColumnKind.PERCENT and isinstance(value, int):
        return f"{value / 10:.1f}%"
    if isinstance(value, datetime):
        return value.astimezone(STORE_TZ).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class SectionModel(QAbstractTableModel):
    """A report section, read-only; the last row is the totals when the
    section has any. ``UserRole`` gives a cell's plain value."""

    def __init__(self, section: Section, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.section = section
        self.language = language
        self._rows: list[tuple[Cell, ...]] = list(section.rows)
        self.has_totals = section.totals and any(c.total for c in section.columns) and bool(section.rows)
        if self.has_totals:
            self._rows.append(section.totals_row())

    def totals_row(self) -> int:
        """The row of the totals; -1 if there is none."""
        return len(self._rows) - 1 if self.has_totals else -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.section.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.section.columns):
            return None
        column = self.section.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title.text(self.language)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.kind in NUMERIC else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        column = self.section.columns[index.column()]
        value = self._rows[index.row()][index.column()]
        totals = index.row() == self.totals_row()
        if role == Qt.ItemDataRole.DisplayRole:
            if totals and index.column() == 0 and value is None:
                return TOTAL.text(self.language)
            return cell_text(column.kind, value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.kind in NUMERIC else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and totals:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return value
        return None
