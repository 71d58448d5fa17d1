"""The lots with what is left of them, in plain SQL: what the stock
service lists and what ``show stock`` reads through the driver alone (no
SQLAlchemy)."""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from datetime import date, datetime

from charity_pos.services.stored_rows import stored_at, stored_date_or_none, stored_id


@dataclass(frozen=True)
class LotRow:
    """A lot with what is left of it. ``barcode`` is the lot's own in-store
    code, or the item's barcode for goods sold first-in, first-out."""

    lot_id: uuid.UUID
    item_id: uuid.UUID
    name: str
    barcode: str | None
    lot_code: bool
    unit: str
    origin: str
    document: str
    expiry_date: date | None
    received_at: datetime
    received: int
    on_hand: int


_LOTS = ("SELECT lot.id, lot.item_id, item.name, lot.barcode, item.barcode, item.unit, lot.origin, lot.document,"
         " lot.expiry_date, lot.received_at, lot.quantity_received, coalesce(sum(m.quantity), 0) AS left"
         " FROM stock_lot lot JOIN item ON item.id = lot.item_id"
         " LEFT OUTER JOIN stock_movement m ON m.lot_id = lot.id GROUP BY lot.id")


def lot_rows(raw: sqlite3.Connection, *, include_empty: bool = False) -> list[LotRow]:
    """Every lot with what is left of it (only those with some left unless
    ``include_empty``), by item then oldest first."""
    sql = _LOTS + ("" if include_empty else " HAVING coalesce(sum(m.quantity), 0) > 0") \
        + " ORDER BY item.pinyin_full, lot.received_at"
    return [LotRow(stored_id(lot_id), stored_id(item_id), name, lot_code or item_code, lot_code is not None, unit,
                   origin, document, stored_date_or_none(expiry), stored_at(received_at), int(received), int(left))
            for lot_id, item_id, name, lot_code, item_code, unit, origin, document, expiry, received_at, received, left
            in raw.execute(sql)]
