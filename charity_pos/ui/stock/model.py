"""Lots on hand as a table: plain ``LotOnHand`` rows, never live ORM instances."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject
from PySide6.QtGui import QBrush, QColor

from charity_pos.domain.money import format_fen
from charity_pos.services.writeoffs import LotOnHand
from charity_pos.ui.table_model import RowsModel
from charity_pos.ui.words import unit


class LotsModel(RowsModel[LotOnHand]):
    NAME, CODE, ORIGIN, DOCUMENT, EXPIRY, ON_HAND, UNIT, PRICE = range(8)
    RIGHT = frozenset({ON_HAND, PRICE})
    #: columns of words that narrow when the window is short of room (the name takes the rest)
    GIVE_WAY = (ORIGIN,)

    def __init__(self, parent: QObject | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self._origins = {"donation": self.tr("Donation"), "purchase": self.tr("Purchase"),
                         "count": self.tr("Count surplus"), "unrecorded": self.tr("Sold before received")}

    def headers(self) -> list[str]:
        return [self.tr("Goods"), self.tr("Lot"), self.tr("From"), self.tr("Document"), self.tr("Best before"),
                self.tr("On hand"), self.tr("Unit"), self.tr("Price")]

    def _key(self, row: LotOnHand) -> object:
        return row.lot_id

    def _foreground(self, row: LotOnHand, column: int) -> QBrush | None:
        if column == self.EXPIRY and row.expiry_date is not None and self.today is not None \
                and row.expiry_date < self.today:
            return QBrush(QColor("#b00020"))
        return None

    def _display(self, row: LotOnHand, column: int) -> str:
        if column == self.NAME:
            return row.item_name
        if column == self.CODE:
            return row.code
        if column == self.ORIGIN:
            return self._origins.get(row.origin, row.origin)
        if column == self.DOCUMENT:
            return row.document
        if column == self.EXPIRY:
            return row.expiry_date.isoformat() if row.expiry_date else ""
        if column == self.ON_HAND:
            return str(row.on_hand)
        if column == self.UNIT:
            return unit(row.unit, row.on_hand)
        return format_fen(row.unit_price_fen)
