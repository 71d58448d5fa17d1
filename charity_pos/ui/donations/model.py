"""Donations as a table: plain DonationRow objects from the intake service.
People's names are masked (王**); companies are shown in full."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from charity_pos.domain.identity import mask_name
from charity_pos.domain.money import format_fen
from charity_pos.services.base import STORE_TZ
from charity_pos.services.intake import DonationRow

Index = QModelIndex | QPersistentModelIndex


class DonationTableModel(QAbstractTableModel):
    NUMBER, TIME, DONOR, LINES, UNITS, VALUE, RECEIPT, STATE = range(8)
    RIGHT = frozenset({LINES, UNITS, VALUE})

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[DonationRow] = []
        self._headers = [self.tr("Donation"), self.tr("Time"), self.tr("Donor"), self.tr("Lines"), self.tr("Units"),
                         self.tr("Value"), self.tr("Receipt"), self.tr("Receipt state")]

    def set_rows(self, rows: list[DonationRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> DonationRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, number: str) -> int:
        for row, donation in enumerate(self._rows):
            if donation.number == number:
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        donation = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(donation, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column in self.RIGHT else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATE:
            if donation.receipt_status == "void":
                return QBrush(QColor("#b00020"))
            if donation.wants_receipt and donation.receipt_number is None:
                return QBrush(QColor("#9a6700"))
        if role == Qt.ItemDataRole.ToolTipRole and column == self.DONOR:
            return self.donor_name(donation)
        if role == Qt.ItemDataRole.UserRole:
            return donation
        return None

    def donor_name(self, donation: DonationRow) -> str:
        if donation.donor_kind == "company":
            return donation.donor_name
        if donation.donor_kind == "person":
            return mask_name(donation.donor_name)
        return self.tr("Anonymous")

    def state(self, donation: DonationRow) -> str:
        if donation.receipt_status == "void":
            return self.tr("Void")
        if donation.receipt_number is not None:
            return self.tr("Issued")
        return self.tr("To issue") if donation.wants_receipt else self.tr("Not wanted")

    def _display(self, donation: DonationRow, column: int) -> str:
        if column == self.NUMBER:
            return donation.number
        if column == self.TIME:
            when = donation.received_at.astimezone(STORE_TZ)
            return when.strftime("%m-%d %H:%M" if when.year == datetime.now(STORE_TZ).year else "%Y-%m-%d")
        if column == self.DONOR:
            return self.donor_name(donation)
        if column == self.LINES:
            return str(donation.lines)
        if column == self.UNITS:
            return str(donation.units)
        if column == self.VALUE:
            return format_fen(donation.total_value_fen)
        if column == self.RECEIPT:
            return donation.receipt_number or ""
        return self.state(donation)
