"""Donations as a table: plain DonationRow objects from the intake service.
People's names are masked (王**); companies are shown in full."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtGui import QBrush, QColor

from charity_pos.domain.identity import mask_name
from charity_pos.domain.money import format_fen
from charity_pos.services.base import STORE_TZ
from charity_pos.services.intake import DonationRow
from charity_pos.ui.table_model import RowsModel


class DonationTableModel(RowsModel[DonationRow]):
    NUMBER, TIME, DONOR, LINES, UNITS, VALUE, RECEIPT, STATE = range(8)
    RIGHT = frozenset({LINES, UNITS, VALUE})
    #: Columns that narrow, elided in their middle (JA01…J000021), when the window is short of room (the
    #: donor takes the rest): the receipt's state, then its number (whole beside the donation's on hover).
    GIVE_WAY = (STATE, RECEIPT)

    def headers(self) -> list[str]:
        return [self.tr("Donation"), self.tr("Time"), self.tr("Donor"), self.tr("Lines"), self.tr("Units"),
                self.tr("Value"), self.tr("Receipt"), self.tr("Receipt state")]

    def _key(self, donation: DonationRow) -> object:
        return donation.number

    def _foreground(self, donation: DonationRow, column: int) -> QBrush | None:
        if column == self.STATE:
            if donation.receipt_status == "void":
                return QBrush(QColor("#b00020"))
            if donation.wants_receipt and donation.receipt_number is None:
                return QBrush(QColor("#9a6700"))
        return None

    def _tooltip(self, donation: DonationRow, column: int) -> str | None:
        return self.donor_name(donation) if column == self.DONOR else None

    def donor_name(self, donation: DonationRow) -> str:
        if donation.donor_kind == "company":
            return donation.donor_name
        if donation.donor_kind == "person":
            return mask_name(donation.donor_name)
        return self.anonymous()

    def anonymous(self) -> str:
        """What the list shows for an anonymous donor."""
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
