"""A count's counted items as one table: the running list while counting,
the variance report for a manager (what the books held, the difference and
its value, how each line stands). A cashier's table shows only what was
counted: the count is blind for the volunteers."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QBrush, QColor

from charity_pos.domain.money import format_fen
from charity_pos.services.count_report import state_of
from charity_pos.services.stock_count_rows import LineRow
from charity_pos.ui.table_model import RowsModel
from charity_pos.ui.words import unit

RED, GREEN, GREY = "#b00020", "#1f6f5c", "#666666"


class CountModel(RowsModel[LineRow]):
    LOCATION, NAME, UNIT, COUNTED, EXPECTED, DIFFERENCE, VALUE, STATE, REASON = range(9)
    RIGHT = frozenset({COUNTED, EXPECTED, DIFFERENCE, VALUE})
    #: the columns a cashier does not see
    BOOKS = (EXPECTED, DIFFERENCE, VALUE, REASON)

    def headers(self) -> list[str]:
        return [self.tr("Shelf"), self.tr("Goods"), self.tr("Unit"), self.tr("Counted"), self.tr("Expected"),
                self.tr("Difference"), self.tr("Value"), self.tr("State"), self.tr("Reason")]

    def state_name(self, row: LineRow) -> str:
        return {"pending": self.tr("To recount"), "over": self.tr("Over the threshold"),
                "recounted": self.tr("Recounted"), "explained": self.tr("Explained"),
                "ok": ""}[state_of(row)]

    def _key(self, row: LineRow) -> object:
        return row.item_id

    def _display(self, row: LineRow, column: int) -> str:
        if column == self.LOCATION:
            return row.location
        if column == self.NAME:
            return row.name
        if column == self.UNIT:
            return unit(row.unit)
        if column == self.COUNTED:
            if row.counted is None:
                return self.tr("({earlier} before)").format(earlier=row.earlier)
            return str(row.counted)
        if column == self.EXPECTED:
            return "" if row.expected is None else str(row.expected)
        if column == self.DIFFERENCE:
            return "" if row.counted is None else f"{row.difference:+d}" if row.difference else "0"
        if column == self.VALUE:
            return "" if row.counted is None else format_fen(row.value_fen)
        if column == self.STATE:
            return self.state_name(row)
        return row.reason

    def _foreground(self, row: LineRow, column: int) -> Any:
        if column == self.STATE:
            state = state_of(row)
            return QBrush(QColor(RED if state in ("pending", "over") else GREEN))
        if column in (self.DIFFERENCE, self.VALUE) and row.counted is not None and row.difference:
            return QBrush(QColor(RED if row.difference < 0 else GREEN))
        if column == self.COUNTED and row.counted is None:
            return QBrush(QColor(GREY))
        return None
