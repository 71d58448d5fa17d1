"""The story of a trace as a table: one step a row, in time order."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QBrush, QColor

from charity_pos.domain.money import format_fen
from charity_pos.domain.writeoffs import reason_name
from charity_pos.services.base import STORE_TZ
from charity_pos.services.trace import TraceEvent
from charity_pos.ui.table_model import RowsModel
from charity_pos.ui.words import language


class TraceModel(RowsModel[TraceEvent]):
    TIME, EVENT, DOCUMENT, GOODS, CODE, UNITS, AMOUNT, WHO = range(8)
    RIGHT = frozenset({UNITS, AMOUNT})

    def headers(self) -> list[str]:
        return [self.tr("Time"), self.tr("What happened"), self.tr("Document"), self.tr("Goods"), self.tr("Code"),
                self.tr("Units"), self.tr("Price / value"), self.tr("Donor or card")]

    def event_name(self, event: TraceEvent) -> str:
        names = {
            "received": self.tr("Received"), "count_found": self.tr("Found at a count"),
            "unrecorded": self.tr("Sold before received"), "sold": self.tr("Sold"),
            "voided": self.tr("Sale voided"), "returned": self.tr("Returned"), "handed_out": self.tr("Handed out"),
            "written_off": self.tr("Written off"), "counted": self.tr("Counted missing"),
            "moved": self.tr("Moved"), "on_shelf": self.tr("On the shelf"),
            "transferred": self.tr("Sent to another store"),
        }
        if event.kind == "counted" and event.quantity < 0:
            return self.tr("Count surplus")
        if event.kind == "written_off" and event.detail:
            return self.tr("Written off: {reason}").format(reason=reason_name(event.detail, language()))
        return names.get(event.kind, event.kind)

    def who(self, event: TraceEvent) -> str:
        if event.party_kind == "store":
            return self.tr("To {store}").format(store=event.party)
        if event.kind == "received" and event.detail:
            return self.tr("From {origin}").format(origin=event.detail)
        if event.party_kind == "anonymous":
            return self.tr("Anonymous")
        if event.party_kind == "household":
            return self.tr("Card {card}").format(card=event.party)
        if event.kind == "returned":
            return self.tr("of sale {number}").format(number=event.detail)
        return event.party

    def _key(self, row: TraceEvent) -> object:
        return (row.at, row.kind, row.document, row.lot_id)

    def _display(self, row: TraceEvent, column: int) -> str:
        if column == self.TIME:
            return "" if row.kind == "on_shelf" else row.at.astimezone(STORE_TZ).strftime("%Y-%m-%d %H:%M")
        if column == self.EVENT:
            return self.event_name(row)
        if column == self.DOCUMENT:
            return row.document
        if column == self.GOODS:
            return row.item_name
        if column == self.CODE:
            return row.code or ""
        if column == self.UNITS:
            return str(abs(row.quantity))
        if column == self.AMOUNT:
            return "" if row.amount_fen is None else format_fen(row.amount_fen)
        return self.who(row)

    def _foreground(self, row: TraceEvent, column: int) -> Any:
        if column == self.EVENT and row.kind in ("voided", "written_off", "counted"):
            return QBrush(QColor("#b00020"))
        if column == self.EVENT and row.kind == "on_shelf":
            return QBrush(QColor("#1f6f5c"))
        return None
