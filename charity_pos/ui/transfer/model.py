"""The tables of the transfer screen: lots to pick, the lines being sent, transfers, a transfer's lines."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QBrush, QColor

from charity_pos.services.base import STORE_TZ
from charity_pos.services.transfers import LotChoice, TransferLineRow, TransferRow
from charity_pos.ui.table_model import RowsModel


class LotsModel(RowsModel[LotChoice]):
    NAME, CODE, ORIGIN, DOCUMENT, LEFT = range(5)
    RIGHT = frozenset({LEFT})

    def headers(self) -> list[str]:
        return [self.tr("Goods"), self.tr("Lot"), self.tr("Origin"), self.tr("Document"), self.tr("On hand")]

    def origin_name(self, origin: str) -> str:
        return {"donation": self.tr("Donated"), "purchase": self.tr("Purchased"), "count": self.tr("Count surplus"),
                "unrecorded": self.tr("Sold before received")}.get(origin, origin)

    def _key(self, row: LotChoice) -> object:
        return row.lot_id

    def _display(self, row: LotChoice, column: int) -> str:
        if column == self.NAME:
            return row.item_name
        if column == self.CODE:
            return row.code
        if column == self.ORIGIN:
            return self.origin_name(row.origin)
        if column == self.DOCUMENT:
            return row.document
        return f"{row.left} {row.unit}"


@dataclass(frozen=True)
class Picked:
    """A line of the transfer being made: a lot and its units."""

    lot: LotChoice
    quantity: int


class PickedModel(RowsModel[Picked]):
    NAME, CODE, QUANTITY, UNIT = range(4)
    RIGHT = frozenset({QUANTITY})

    def headers(self) -> list[str]:
        return [self.tr("Goods"), self.tr("Lot"), self.tr("Units to send"), self.tr("Unit")]

    def _key(self, row: Picked) -> object:
        return row.lot.lot_id

    def _display(self, row: Picked, column: int) -> str:
        if column == self.NAME:
            return row.lot.item_name
        if column == self.CODE:
            return row.lot.code
        if column == self.QUANTITY:
            return str(row.quantity)
        return row.lot.unit


class TransfersModel(RowsModel[TransferRow]):
    NUMBER, SENT, STORE, STATUS, UNITS = range(5)
    RIGHT = frozenset({UNITS})

    def headers(self) -> list[str]:
        return [self.tr("Number"), self.tr("Sent"), self.tr("Store"), self.tr("Status"), self.tr("Units")]

    def status_name(self, row: TransferRow) -> str:
        if row.direction == "out":
            return self.tr("Sent out")
        return self.tr("Waiting") if row.status == "waiting" else self.tr("Received")

    def _key(self, row: TransferRow) -> object:
        return row.number

    def _display(self, row: TransferRow, column: int) -> str:
        if column == self.NUMBER:
            return row.number
        if column == self.SENT:
            return row.sent_at.astimezone(STORE_TZ).strftime("%Y-%m-%d %H:%M")
        if column == self.STORE:
            return (self.tr("to {store}") if row.direction == "out" else self.tr("from {store}")).format(
                store=row.other_store)
        if column == self.STATUS:
            return self.status_name(row)
        got = row.units_received
        return str(row.units_sent) if got is None or row.direction == "out" else f"{got} / {row.units_sent}"

    def _foreground(self, row: TransferRow, column: int) -> Any:
        if column == self.STATUS and row.status == "waiting":
            return QBrush(QColor("#b00020"))
        return None


@dataclass(frozen=True)
class Arrived:
    """A line of a transfer to this store, with the units the manager says arrived and why short."""

    line: TransferLineRow
    quantity: int
    reason: str


class ArrivedModel(RowsModel[Arrived]):
    LINE, NAME, ORIGIN, SENT, RECEIVED, REASON = range(6)
    RIGHT = frozenset({SENT, RECEIVED})

    def headers(self) -> list[str]:
        return [self.tr("Line"), self.tr("Goods"), self.tr("Where it first came in"), self.tr("Sent"),
                self.tr("Arrived"), self.tr("Why short")]

    def _key(self, row: Arrived) -> object:
        return row.line.line_no

    def _display(self, row: Arrived, column: int) -> str:
        line = row.line
        if column == self.LINE:
            return str(line.line_no)
        if column == self.NAME:
            return line.item_name
        if column == self.ORIGIN:
            return " · ".join(part for part in (line.origin_store, line.origin_document) if part)
        if column == self.SENT:
            return str(line.quantity_sent)
        if column == self.RECEIVED:
            return str(row.quantity)
        return row.reason

    def _foreground(self, row: Arrived, column: int) -> Any:
        if column == self.RECEIVED and row.quantity < row.line.quantity_sent:
            return QBrush(QColor("#b00020"))
        return None
