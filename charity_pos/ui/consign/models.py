"""The consigned goods screen's tables: the consignors, the lines of a
receiving being typed, what is left of a consignor's goods, and a month's
settlement."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from charity_pos.domain.money import format_fen
from charity_pos.reports.consignment import SettlementLine
from charity_pos.services.consignment import ConsignorRow, HeldGoods
from charity_pos.ui.table_model import RowsModel


class ConsignorsModel(RowsModel[ConsignorRow]):
    NAME, CODE, CONTACT, PHONE, BANK, STATE = range(6)

    def headers(self) -> list[str]:
        return [self.tr("Consignor"), self.tr("Credit code"), self.tr("Contact"), self.tr("Phone"),
                self.tr("Bank and account"), self.tr("State")]

    def _key(self, row: ConsignorRow) -> object:
        return row.id

    def _display(self, row: ConsignorRow, column: int) -> str:
        if column == self.STATE:
            return self.tr("In use") if row.active else self.tr("Switched off")
        return (row.name, row.credit_code, row.contact, row.phone_masked, row.bank)[column]


@dataclass(frozen=True)
class DraftLine:
    """A line of a receiving being typed."""

    item_id: uuid.UUID
    name: str
    unit: str
    quantity: int
    price_fen: int
    expiry: date | None


class ReceivingModel(RowsModel[DraftLine]):
    GOODS, QUANTITY, PRICE, EXPIRY, OWED = range(5)
    RIGHT = frozenset({QUANTITY, PRICE, OWED})

    def headers(self) -> list[str]:
        return [self.tr("Goods"), self.tr("Quantity"), self.tr("Settlement price"), self.tr("Best before"),
                self.tr("At settlement price")]

    def _key(self, row: DraftLine) -> object:
        return row.item_id

    def _display(self, row: DraftLine, column: int) -> str:
        if column == self.GOODS:
            return row.name
        if column == self.QUANTITY:
            return f"{row.quantity} {row.unit}"
        if column == self.PRICE:
            return format_fen(row.price_fen)
        if column == self.EXPIRY:
            return row.expiry.isoformat() if row.expiry else ""
        return format_fen(row.quantity * row.price_fen)


class HeldModel(RowsModel[HeldGoods]):
    GOODS, LEFT = range(2)
    RIGHT = frozenset({LEFT})

    def headers(self) -> list[str]:
        return [self.tr("Goods"), self.tr("Left")]

    def _key(self, row: HeldGoods) -> object:
        return row.item_id

    def _display(self, row: HeldGoods, column: int) -> str:
        return row.item_name if column == self.GOODS else f"{row.left} {row.unit}"


class SettlementModel(RowsModel[SettlementLine]):
    GOODS, PRICE, OPENING, RECEIVED, SOLD, OWED, RETURNED, OTHER, CLOSING = range(9)
    RIGHT = frozenset(range(PRICE, CLOSING + 1))

    def headers(self) -> list[str]:
        return [self.tr("Goods"), self.tr("Settlement price"), self.tr("Opening"), self.tr("Received"),
                self.tr("Sold"), self.tr("Owed"), self.tr("Returned"), self.tr("Written off, other"),
                self.tr("Closing")]

    def _key(self, row: SettlementLine) -> object:
        return (row.item_id, row.price_fen)

    def _display(self, row: SettlementLine, column: int) -> str:
        if column == self.GOODS:
            return row.item_name
        if column == self.PRICE:
            return format_fen(row.price_fen)
        if column == self.OWED:
            return format_fen(row.owed_fen)
        return str((row.opening, row.received, row.sold, 0, row.returned, row.other_out, row.closing)
                   [column - self.OPENING])
