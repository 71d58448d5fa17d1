"""The catalog's rows, and the listing of items in plain SQL: what the
catalog service reads for a list without a search text, and what ``show
items`` reads through the driver alone (no SQLAlchemy)."""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Source(StrEnum):
    DONATED = "donated"
    PURCHASED = "purchased"
    CONSIGNED = "consigned"


@dataclass(frozen=True)
class CategoryRow:
    code: str
    name: str


@dataclass(frozen=True)
class ItemDraft:
    """What a user types for an item. ``barcode`` empty: the store makes one."""

    name: str
    category_code: str
    unit: str
    sale_price_fen: int
    reference_price_fen: int | None = None
    barcode: str | None = None
    source: Source = Source.PURCHASED
    active: bool = True
    #: its usual shelf life (保质期) in days, for food; None: not known
    shelf_life_days: int | None = None
    #: the shelf location (货位), e.g. ``A-03``; None or empty: not set
    location: str | None = None


@dataclass(frozen=True)
class ItemRow:
    id: uuid.UUID
    name: str
    category_code: str
    category_name: str
    unit: str
    barcode: str | None
    sale_price_fen: int
    reference_price_fen: int | None
    source: Source
    active: bool
    on_hand: int
    shelf_life_days: int | None = None
    location: str | None = None

    def draft(self) -> ItemDraft:
        return ItemDraft(
            self.name, self.category_code, self.unit, self.sale_price_fen,
            self.reference_price_fen, self.barcode, self.source, self.active, self.shelf_life_days, self.location,
        )


#: An item's row as ``ItemRow`` takes it, with what is on hand (every
#: movement of the item added up).
ITEMS = ("SELECT item.id, item.name, category.code, category.name, item.unit, item.barcode, item.sale_price_fen,"
         " item.reference_price_fen, item.source, item.active, item.shelf_life_days, item.location,"
         " (SELECT coalesce(sum(m.quantity), 0) FROM stock_movement m WHERE m.item_id = item.id)"
         " FROM item JOIN category ON category.id = item.category_id")


def item_row(item_id: Any, name: str, category_code: str, category_name: str, unit: str, barcode: str | None,
             sale_price_fen: int, reference_price_fen: int | None, source: str, active: Any,
             shelf_life_days: int | None, location: str | None, on_hand: int) -> ItemRow:
    """A row of ``ITEMS`` (or the models' columns in its order) as an ``ItemRow``."""
    return ItemRow(item_id if isinstance(item_id, uuid.UUID) else uuid.UUID(item_id), name, category_code,
                   category_name, unit, barcode, sale_price_fen, reference_price_fen, Source(source), bool(active),
                   int(on_hand), shelf_life_days, location)


def items(raw: sqlite3.Connection, *, category_code: str | None = None, include_inactive: bool = False,
          limit: int | None = None) -> list[ItemRow]:
    """Every item (on sale only unless ``include_inactive``), in a category
    or all, by pinyin then name."""
    where, params = [], []
    if category_code:
        where.append("category.code = ?")
        params.append(category_code)
    if not include_inactive:
        where.append("item.active IS 1")
    sql = ITEMS + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY item.pinyin_full, item.name"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [item_row(*row) for row in raw.execute(sql, params)]
