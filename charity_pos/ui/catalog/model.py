"""Items as a table: plain ItemRow objects, never live ORM instances."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QBrush, QColor

from charity_pos.domain.money import format_fen
from charity_pos.services.catalog import ItemRow
from charity_pos.ui.table_model import RowsModel
from charity_pos.ui.words import goods_category, unit


class ItemTableModel(RowsModel[ItemRow]):
    BARCODE, NAME, CATEGORY, UNIT, PRICE, REFERENCE, SOURCE, ON_HAND, STATUS = range(9)
    RIGHT = frozenset({PRICE, REFERENCE, ON_HAND})
    #: Columns of words that narrow, elided, when the window is short of room (the name takes the rest).
    GIVE_WAY = (CATEGORY, SOURCE, STATUS)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sources = {"donated": self.tr("Donated"), "purchased": self.tr("Purchased"),
                         "consigned": self.tr("Consigned")}

    def headers(self) -> list[str]:
        return [self.tr("Barcode"), self.tr("Name"), self.tr("Category"), self.tr("Unit"),
                self.tr("Price"), self.tr("Reference"), self.tr("Source"), self.tr("On hand"),
                self.tr("Status")]

    def _key(self, item: ItemRow) -> object:
        return item.id

    def _above_reference(self, item: ItemRow) -> bool:
        return item.reference_price_fen is not None and item.sale_price_fen > item.reference_price_fen

    def _foreground(self, item: ItemRow, column: int) -> QBrush | None:
        if column == self.PRICE and self._above_reference(item):
            return QBrush(QColor("#b00020"))
        if not item.active:
            return QBrush(QColor("#888888"))
        return None

    def _tooltip(self, item: ItemRow, column: int) -> str | None:
        if column == self.PRICE and self._above_reference(item):
            return self.tr("The price is above the market reference price.")
        return None

    def _display(self, item: ItemRow, column: int) -> str:
        if column == self.BARCODE:
            return item.barcode or ""
        if column == self.NAME:
            return item.name
        if column == self.CATEGORY:
            return goods_category(item.category_code, item.category_name)
        if column == self.UNIT:
            return unit(item.unit)
        if column == self.PRICE:
            return format_fen(item.sale_price_fen)
        if column == self.REFERENCE:
            return "" if item.reference_price_fen is None else format_fen(item.reference_price_fen)
        if column == self.SOURCE:
            return self._sources.get(str(item.source), str(item.source))
        if column == self.ON_HAND:
            return str(item.on_hand)
        return self.tr("On sale") if item.active else self.tr("Off sale")
