"""What a manager should act on today: goods near (or past) their
best-before date still on the shelf, and goods that sold last month but are
out of stock now. Read from the lots and movements; nothing kept here."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from charity_pos.db.counter import Sale, SaleLine
from charity_pos.db.models import Item, StockLot, StockMovement
from charity_pos.reports.period import month_bounds, utc_range

#: the two horizons the dashboard warns about (days)
SOON, LATER = 7, 30


@dataclass(frozen=True)
class ExpiringLot:
    item_id: uuid.UUID
    item_name: str
    lot: str  # the lot's in-store code, or the document it came in with
    best_before: date
    days_left: int  # negative: already past
    units: int  # on the shelf now


@dataclass(frozen=True)
class OutOfStock:
    item_id: uuid.UUID
    item_name: str
    sold_last_month: int  # units


def near_best_before(session: Session, today: date, days: int) -> tuple[ExpiringLot, ...]:
    """Lots with units on the shelf whose best-before date is at most ``days``
    days away (past ones too: they must come off the shelf), soonest first."""
    dated = (select(StockLot.id).where(StockLot.expiry_date.is_not(None),
                                       StockLot.expiry_date <= today + timedelta(days=days)))
    # the dated lots first, then their movements by the lot index: not every movement of the store
    left = (select(StockMovement.lot_id, func.sum(StockMovement.quantity).label("units"))
            .where(StockMovement.lot_id.in_(dated)).group_by(StockMovement.lot_id).subquery())
    rows = session.execute(
        select(Item.id, Item.name, StockLot.barcode, StockLot.document, StockLot.expiry_date, left.c.units)
        .join(StockLot, StockLot.id == left.c.lot_id).join(Item, Item.id == StockLot.item_id)
        .where(left.c.units > 0).order_by(StockLot.expiry_date, Item.name)).all()
    return tuple(ExpiringLot(item_id, name, barcode or document, expiry, (expiry - today).days, int(units))
                 for item_id, name, barcode, document, expiry, units in rows)


def last_month(today: date) -> tuple[date, date]:
    first = today.replace(day=1) - timedelta(days=1)
    return month_bounds(first.year, first.month)


def out_of_stock_sold(session: Session, today: date,
                      on_hand: dict[uuid.UUID, int] | None = None) -> tuple[OutOfStock, ...]:
    """Active goods with none on the shelf that sold in the calendar month
    before ``today``'s, most sold first. ``on_hand``: the stock per item now,
    when the caller read it already (``figures.on_hand_by_item``)."""
    lo, hi = utc_range(*last_month(today))
    sold = (select(SaleLine.item_id, func.sum(SaleLine.quantity).label("units"))
            .join(Sale, Sale.id == SaleLine.sale_id)
            .where(Sale.status == "completed", Sale.completed_at >= lo, Sale.completed_at < hi)
            .group_by(SaleLine.item_id).subquery())
    rows = session.execute(
        select(Item.id, Item.name, sold.c.units).join(sold, sold.c.item_id == Item.id)
        .where(Item.active.is_(True))).all()
    if on_hand is None:
        on_hand = {item: int(units) for item, units in session.execute(
            select(StockMovement.item_id, func.sum(StockMovement.quantity))
            .where(StockMovement.item_id.in_([row[0] for row in rows])).group_by(StockMovement.item_id))}
    empty = [(item_id, name, int(units)) for item_id, name, units in rows if on_hand.get(item_id, 0) <= 0]
    empty.sort(key=lambda row: (-row[2], row[1]))
    return tuple(OutOfStock(item_id, name, units) for item_id, name, units in empty)
