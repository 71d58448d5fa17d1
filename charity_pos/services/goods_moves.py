"""Goods leaving their lots at the counter (a sale's line, a handout's
line) and coming back into them (a void, a return), as plain rows of every
column for ``journal.insert_rows``: the unit of work writes them in one
statement per table and journals them as it writes them.

``Rows`` is the list a service builds in the order its event lists the
rows, and hands to ``journal.insert_rows`` once.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table

from charity_pos.db.base import new_id
from charity_pos.db.models import StockLot, StockMovement
from charity_pos.services import lots

#: Plain rows of journaled tables, each with every column: ``(table, column -> value)``.
Rows = list[tuple[Table, dict[str, Any]]]

STOCK_LOT: Table = StockLot.__table__
STOCK_MOVEMENT: Table = StockMovement.__table__


def sellable_on_hand(balances: Sequence[Sequence[Any]], today: date, *, food: bool) -> int:
    """What can be sold or handed out of ``(lot, left)`` balances: for food,
    only lots not past their date count."""
    return sum(left for lot, left in balances
               if not (food and lot.expiry_date is not None and lot.expiry_date < today))


def movement_row(*, item_id: uuid.UUID, lot_id: uuid.UUID, quantity: int, reason: str, document: str, note: str,
                 user_id: uuid.UUID, at: datetime) -> tuple[Table, dict[str, Any]]:
    """A stock movement of ``quantity`` units (negative: out of the lot)."""
    return (STOCK_MOVEMENT, {"id": new_id(), "item_id": item_id, "lot_id": lot_id, "quantity": quantity,
                             "reason": reason, "document": document, "note": note, "user_id": user_id, "at": at})


def take_from_lots(rows: Rows, held: list[list[Any]], *, parts: Table, line_key: str, line_id: uuid.UUID,
                   item_id: uuid.UUID, item_name: str, quantity: int, food: bool, lot_id: uuid.UUID | None,
                   today: date, reason: str, document: str, user_id: uuid.UUID, at: datetime) -> bool:
    """Where a line's ``quantity`` units leave from, added to ``rows``: a lot
    made for goods never received (``lots.unrecorded_lot_row``) first, then
    for each lot taken from, the line's part of it (a row of ``parts``,
    pointing at the line by its ``line_key`` column) and its stock movement.
    The scanned lot goes first, then the oldest lots, or for food the lots
    not past their date with the soonest date first (``lots.allocate``);
    what the books do not hold comes off the newest.

    ``held`` is the item's ``[lot, left]`` balances, every lot, oldest
    first (``lots.lot_balances``); it is kept up to date here, so a second
    line of the item takes from what the first left. Returns whether the
    books held fewer units than the line takes (a warning: sold or handed
    out beyond them). Raises ``ExpiredGoods`` when only expired food is left.
    """
    beyond_books = sellable_on_hand(held, today, food=food) < quantity
    taken, short, fallback = lots.allocate(held, quantity, today, food=food, lot_id=lot_id, item_name=item_name)
    if short:
        if fallback is None:  # never received: a lot of its own, from nothing, so the goods are still traced
            made = lots.unrecorded_lot_row(item_id, document, at)
            rows.append((STOCK_LOT, made))
            fallback = lots.LotKey(made["id"], item_id, None, at)
            held.append([fallback, 0])
            held.sort(key=lambda pair: (pair[0].received_at, pair[0].id.hex))
        taken = lots.add_shortfall(taken, fallback, short)
    for lot, part in taken:
        next(pair for pair in held if pair[0].id == lot.id)[1] -= part
        rows.append((parts, {"id": new_id(), line_key: line_id, "lot_id": lot.id, "quantity": part}))
        rows.append(movement_row(item_id=item_id, lot_id=lot.id, quantity=-part, reason=reason, document=document,
                                 note="", user_id=user_id, at=at))
    return beyond_books
