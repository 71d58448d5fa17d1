"""Items as a table: plain ItemRow objects, never live ORM instances."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from charity_pos.domain.money import format_fen
from charity_pos.services.catalog import ItemRow

Index = QModelIndex | QPersistentModelIndex


class ItemTableModel(QAbstractTableModel):
    BARCODE, NAME, CATEGORY, UNIT, PRICE, REFERENCE, SOURCE, ON_HAND, STATUS = range(9)
    RIGHT = frozenset({PRICE, REFERENCE, ON_HAND})

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ItemRow] = []
        self._headers = [self.tr("Barcode"), self.tr("Name"), self.tr("Category"), self.tr("Unit"),
                         self.tr("Price"), self.tr("Reference"), self.tr("Source"), self.tr("On hand"),
                         self.tr("Status")]
        self._sources = {"donated": self.tr("Donated"), "purchased": self.tr("Purchased"),
                         "consigned": self.tr("Consigned")}

    def set_rows(self, rows: list[ItemRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> ItemRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, item_id: object) -> int:
        for number, item in enumerate(self._rows):
            if item.id == item_id:
                return number
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def _above_reference(self, item: ItemRow) -> bool:
        return item.reference_price_fen is not None and item.sale_price_fen > item.reference_price_fen

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column in self.RIGHT else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.PRICE and self._above_reference(item):
                return QBrush(QColor("#b00020"))
            if not item.active:
                return QBrush(QColor("#888888"))
        if role == Qt.ItemDataRole.ToolTipRole and column == self.PRICE and self._above_reference(item):
            return self.tr("The price is above the market reference price.")
        if role == Qt.ItemDataRole.UserRole:
            return item
        return None

    def _display(self, item: ItemRow, column: int) -> str:
        if column == self.BARCODE:
            return item.barcode or ""
        if column == self.NAME:
            return item.name
        if column == self.CATEGORY:
            return item.category_name
        if column == self.UNIT:
            return item.unit
        if column == self.PRICE:
            return format_fen(item.sale_price_fen)
        if column == self.REFERENCE:
            return "" if item.reference_price_fen is None else format_fen(item.reference_price_fen)
        if column == self.SOURCE:
            return self._sources.get(str(item.source), str(item.source))
        if column == self.ON_HAND:
            return str(item.on_hand)
        return self.tr("On sale") if item.active else self.tr("Off sale")
