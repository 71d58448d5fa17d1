"""Stock lots: what arrived together, and what is left of each.

Functions here take the caller's session and never commit: they are parts of
a service call's unit of work.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from charity_pos.db.models import Item, StockLot, StockMovement
from charity_pos.domain import barcodes
from charity_pos.errors import ExpiredGoods, InsufficientStock
from charity_pos.services.sequences import TIMELESS, next_serial

#: Lots of goods without a maker's barcode get EAN-13 codes starting 22.
LOT_CODE_PREFIX = 22


def new_lot_code(session: Session) -> str:
    return barcodes.in_store_code(LOT_CODE_PREFIX, next_serial(session, "barcode22", TIMELESS))


def receive_into_new_lot(
    session: Session,
    *,
    item_id: uuid.UUID,
    origin: str,
    document: str,
    quantity: int,
    at: datetime,
    user_id: uuid.UUID,
    reason: str,
    note: str = "",
    expiry: date | None = None,
    donation_line_id: uuid.UUID | None = None,
    lot_barcode: bool = False,
) -> StockLot:
    lot = StockLot(
        item_id=item_id, origin=origin, document=document, donation_line_id=donation_line_id,
        barcode=new_lot_code(session) if lot_barcode else None, expiry_date=expiry,
        quantity_received=quantity, received_at=at,
    )
    session.add(lot)
    session.flush()
    session.add(StockMovement(item_id=item_id, lot_id=lot.id, quantity=quantity, reason=reason, document=document,
                              note=note, user_id=user_id, at=at))
    return lot


def balances(session: Session, item_id: uuid.UUID) -> list[tuple[StockLot, int]]:
    """Lots of an item with something left, oldest first (first in, first out)."""
    left = func.coalesce(func.sum(StockMovement.quantity), 0)
    rows = session.execute(
        select(StockLot, left)
        .outerjoin(StockMovement, StockMovement.lot_id == StockLot.id)
        .where(StockLot.item_id == item_id)
        .group_by(StockLot.id)
        .having(left > 0)
        .order_by(StockLot.received_at, StockLot.id)
    ).all()
    return [(lot, int(qty)) for lot, qty in rows]


def take_first_in(session: Session, item_id: uuid.UUID, quantity: int) -> list[tuple[StockLot, int]]:
    """Which lots ``quantity`` units come from, oldest first."""
    taken: list[tuple[StockLot, int]] = []
    wanted = quantity
    available = 0
    for lot, left in balances(session, item_id):
        available += left
        if wanted > 0:
            part = min(left, wanted)
            taken.append((lot, part))
            wanted -= part
    if wanted > 0:
        raise InsufficientStock(item_id=str(item_id), wanted=quantity, available=available)
    return taken


def on_hand(session: Session, item_id: uuid.UUID) -> int:
    total = session.scalar(select(func.coalesce(func.sum(StockMovement.quantity), 0))
                           .where(StockMovement.item_id == item_id))
    return int(total or 0)


def all_balances(session: Session, item_id: uuid.UUID) -> list[tuple[StockLot, int]]:
    """Every lot of the item with what is left, oldest first, empty ones too."""
    left = func.coalesce(func.sum(StockMovement.quantity), 0)
    rows = session.execute(
        select(StockLot, left).outerjoin(StockMovement, StockMovement.lot_id == StockLot.id)
        .where(StockLot.item_id == item_id).group_by(StockLot.id).order_by(StockLot.received_at, StockLot.id)
    ).all()
    return [(lot, int(qty)) for lot, qty in rows]


def take_for_sale(session: Session, item: Item, quantity: int, today: date, *, food: bool,
                  lot_id: uuid.UUID | None, document: str, at: datetime) -> list[tuple[StockLot, int]]:
    """Which lots ``quantity`` units leave: the scanned lot first, then the
    oldest lots that are not past their date. What is not on the books comes
    off the newest lot, which goes below zero until the next count."""
    balances = all_balances(session, item.id)
    usable = [(lot, left) for lot, left in balances
              if not (food and lot.expiry_date is not None and lot.expiry_date < today)]
    if lot_id is not None:
        usable.sort(key=lambda pair: pair[0].id != lot_id)
    if food and balances and not any(left > 0 for _, left in usable) and any(left > 0 for _, left in balances):
        expired = next(lot for lot, left in balances if left > 0)
        raise ExpiredGoods(item_name=item.name, expiry_date=expired.expiry_date.isoformat())  # type: ignore[union-attr]
    taken: list[tuple[StockLot, int]] = []
    wanted = quantity
    for lot, left in usable:
        if wanted and left > 0:
            part = min(left, wanted)
            taken.append((lot, part))
            wanted -= part
    if wanted:
        if usable:
            fallback = next((lot for lot, _ in taken if lot.id == lot_id), None) or usable[-1][0]
        else:  # never received: a lot of its own, from nothing, so the sale is still traced
            fallback = _unrecorded_lot(session, item.id, document, at)
        already = sum(part for lot, part in taken if lot.id == fallback.id)
        taken = [(lot, part) for lot, part in taken if lot.id != fallback.id] + [(fallback, already + wanted)]
    return taken


def _unrecorded_lot(session: Session, item_id: uuid.UUID, document: str, at: datetime) -> StockLot:
    lot = StockLot(item_id=item_id, origin="unrecorded", document=document, quantity_received=0, received_at=at)
    session.add(lot)
    session.flush()
    return lot
