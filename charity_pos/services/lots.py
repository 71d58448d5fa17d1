"""Stock lots: what arrived together, and what is left of each.

Functions here take the caller's session and never commit: they are parts of
a service call's unit of work.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol, TypeVar

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from charity_pos.db.base import new_id
from charity_pos.db.engine import Prepared, Reader
from charity_pos.db.models import Item, StockLot, StockMovement
from charity_pos.domain import barcodes
from charity_pos.errors import ExpiredLot, InsufficientStock
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
    consignor_id: uuid.UUID | None = None,
    settlement_price_fen: int | None = None,
) -> StockLot:
    lot = StockLot(
        item_id=item_id, origin=origin, document=document, donation_line_id=donation_line_id,
        barcode=new_lot_code(session) if lot_barcode else None, expiry_date=expiry,
        quantity_received=quantity, received_at=at, consignor_id=consignor_id,
        settlement_price_fen=settlement_price_fen,
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


class _Lot(Protocol):
    """A lot as taking goods reads it: a ``StockLot`` or a ``LotKey``."""

    @property
    def id(self) -> uuid.UUID: ...


L = TypeVar("L", bound=_Lot)


@dataclass(frozen=True)
class LotKey:
    """What taking goods needs of a lot: its id, the item, its date, and
    when it arrived (with the id, the first-in, first-out order)."""

    id: uuid.UUID
    item_id: uuid.UUID
    expiry_date: date | None
    received_at: datetime
    #: how the lot is named on its label and papers (``lot_label``)
    barcode: str | None = None
    document: str | None = None


class _NamedLot(Protocol):
    @property
    def barcode(self) -> str | None: ...

    @property
    def document(self) -> str | None: ...

    @property
    def expiry_date(self) -> date | None: ...


def lot_label(lot: _NamedLot) -> str:
    """A lot as the counter and the papers name it: the code on its label
    (its own in-store code), else the document it came in with."""
    return lot.barcode or lot.document or ""


def expired(item_name: str, lot: _NamedLot) -> ExpiredLot:
    """The refusal of a lot of food past its best-before date, naming the lot."""
    assert lot.expiry_date is not None
    return ExpiredLot(item_name=item_name, expiry_date=lot.expiry_date.isoformat(), lot=lot_label(lot))


#: Each lot with what is left of it, oldest first: ``(LotKey fields, left)``.
_LEFT_BY_LOT = (
    select(StockLot.id, StockLot.item_id, StockLot.expiry_date, StockLot.received_at, StockLot.barcode,
           StockLot.document, func.coalesce(func.sum(StockMovement.quantity), 0))
    .outerjoin(StockMovement, StockMovement.lot_id == StockLot.id)
    .group_by(StockLot.id).order_by(StockLot.received_at, StockLot.id))
#: ``all_balances`` of one item, prepared for the scan.
ITEM_BALANCES = Prepared(_LEFT_BY_LOT.where(StockLot.item_id == bindparam("item_id")))


def item_balances(reader: Reader, item_id: uuid.UUID) -> list[tuple[LotKey, int]]:
    """``all_balances`` read through a ``Reader``: plain lots, no session."""
    return [(LotKey(lot_id, item, expiry, received_at, barcode, document), int(left))
            for lot_id, item, expiry, received_at, barcode, document, left
            in reader.rows(ITEM_BALANCES, item_id=item_id)]


def lot_balances(reader: Reader, item_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, list[list[Any]]]:
    """Every lot of each item with what is left, oldest first, empty ones
    too, as ``[LotKey, left]`` pairs: ``item_balances`` for many items (a
    prepared look-up each), for a caller that keeps them up to date as it
    takes goods."""
    return {item_id: [[lot, left] for lot, left in item_balances(reader, item_id)]
            for item_id in dict.fromkeys(item_ids)}


def take_for_sale(session: Session, item: Item, quantity: int, today: date, *, food: bool,
                  lot_id: uuid.UUID | None, document: str, at: datetime) -> list[tuple[StockLot, int]]:
    """Which lots ``quantity`` units leave: the scanned lot first, then the
    oldest lots that are not past their date. What is not on the books comes
    off the newest lot, which goes below zero until the next count."""
    balances = all_balances(session, item.id)
    taken, short, fallback = allocate(balances, quantity, today, food=food, lot_id=lot_id, item_name=item.name)
    if short:
        lot = fallback or unrecorded_lot(session, item.id, document, at)
        taken = add_shortfall(taken, lot, short)
    return taken


def allocate(balances: Sequence[Sequence[Any]], quantity: int, today: date, *, food: bool,
             lot_id: uuid.UUID | None, item_name: str) -> tuple[list[tuple[Any, int]], int, Any | None]:
    """Which lots a sale or a handout takes over an item's ``(lot, left)``
    balances (oldest first), without touching the database: the lots and
    parts taken, what the books do not hold, and the lot that shortfall
    comes off (None: the item never had a usable lot, so a lot of its own
    must be made). The scanned lot goes first; then goods go first in,
    first out, except food, which goes first-expiry-first-out: the soonest
    best-before date first, lots without a date after those with one, the
    oldest first among equals. Raises ``ExpiredLot`` (naming the oldest
    expired lot still on the books) when only expired food is left."""
    usable = [(lot, left) for lot, left in balances
              if not (food and lot.expiry_date is not None and lot.expiry_date < today)]
    if lot_id is not None:
        usable.sort(key=lambda pair: pair[0].id != lot_id)
    if food and balances and not any(left > 0 for _, left in usable) and any(left > 0 for _, left in balances):
        raise expired(item_name, next(lot for lot, left in balances if left > 0))
    order = usable
    if food:  # sorted() keeps arrival order among lots of one date
        order = sorted(usable, key=lambda pair: (pair[0].id != lot_id, pair[0].expiry_date is None,
                                                 pair[0].expiry_date or date.max))
    taken: list[tuple[Any, int]] = []
    wanted = quantity
    for lot, left in order:
        if wanted and left > 0:
            part = min(left, wanted)
            taken.append((lot, part))
            wanted -= part
    fallback = None
    if wanted and usable:
        fallback = next((lot for lot, _ in taken if lot.id == lot_id), None) or usable[-1][0]
    return taken, wanted, fallback


def add_shortfall(taken: list[tuple[L, int]], lot: L, short: int) -> list[tuple[L, int]]:
    """``taken`` with what the books do not hold put on ``lot`` (last)."""
    already = sum(part for each, part in taken if each.id == lot.id)
    return [(each, part) for each, part in taken if each.id != lot.id] + [(lot, already + short)]


def unrecorded_lot(session: Session, item_id: uuid.UUID, document: str, at: datetime) -> StockLot:
    lot = StockLot(item_id=item_id, origin="unrecorded", document=document, quantity_received=0, received_at=at)
    session.add(lot)
    session.flush()
    return lot


def unrecorded_lot_row(item_id: uuid.UUID, document: str, at: datetime) -> dict[str, Any]:
    """``unrecorded_lot`` as a plain row of every column, for a caller that
    writes its rows with ``journal.insert_rows``."""
    return {"id": new_id(), "item_id": item_id, "origin": "unrecorded", "document": document,
            "donation_line_id": None, "barcode": None, "expiry_date": None, "quantity_received": 0,
            "received_at": at, "consignor_id": None, "settlement_price_fen": None}
