"""The near-expiry lots as one table: past the date first, then the
soonest, each with its lot as labelled, days left, units and value."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QBrush, QColor

from charity_pos.domain.money import format_fen
from charity_pos.reports.ledgers.expiry import ExpiringLot
from charity_pos.ui.table_model import RowsModel


class ExpiryModel(RowsModel[ExpiringLot]):
    STATE, NAME, LOT, EXPIRY, DAYS_LEFT, UNITS, PRICE, VALUE = range(8)
    RIGHT = frozenset({DAYS_LEFT, UNITS, PRICE, VALUE})

    def headers(self) -> list[str]:
        return [self.tr("State"), self.tr("Goods"), self.tr("Lot"), self.tr("Best before"), self.tr("Days left"),
                self.tr("On hand"), self.tr("Price"), self.tr("Value")]

    def state_name(self, row: ExpiringLot) -> str:
        return {"expired": self.tr("Past date"), "within_7": self.tr("≤ 7 days")}.get(row.section, self.tr("8-30 days"))

    def _key(self, row: ExpiringLot) -> object:
        return row.lot_id

    def _display(self, row: ExpiringLot, column: int) -> str:
        if column == self.STATE:
            return self.state_name(row)
        if column == self.NAME:
            return row.name
        if column == self.LOT:
            return row.lot
        if column == self.EXPIRY:
            return row.expiry_date.isoformat()
        if column == self.DAYS_LEFT:
            return str(row.days_left)
        if column == self.UNITS:
            return str(row.units)
        if column == self.PRICE:
            return format_fen(row.price_fen)
        return format_fen(row.value_fen)

    def _foreground(self, row: ExpiringLot, column: int) -> Any:
        if column in (self.STATE, self.DAYS_LEFT) and row.section != "within_30":
            return QBrush(QColor("#b00020"))
        return None
