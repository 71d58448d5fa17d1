"""What became of every lot, unit by unit, from two sides that must agree:
what was sold and handed out is read from the documents (sale lines and
their lots, net of returns and voids; handout lines and their lots), what is
on the shelf from the stock movements. Hence, for every lot and every
donation::

    received = sold + handed_out + written_off + counted_difference + on_shelf

``check_identity`` names every lot or donation for which it does not hold;
``verify`` runs it, and the trace (``services.trace``) shows the totals.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from charity_pos.db.models import (
    Donation, DonationLine, HandoutLineLot, Item, ReturnLine, Sale, SaleLine, SaleLineLot, StockLot, StockMovement,
)

# The tables' columns, not the mapped attributes: a query of plain columns
# is compiled by SQLAlchemy's core alone and never configures the mappers,
# which ``verify`` (a command-line call that runs ``check_identity``) would
# otherwise pay for at every start. The columns read back as the mapped
# attributes do (UUIDs, aware times).
_donation, _donation_line = Donation.__table__, DonationLine.__table__
_handout_lot, _item, _return_line = HandoutLineLot.__table__, Item.__table__, ReturnLine.__table__
_sale, _sale_line, _line_lot = Sale.__table__, SaleLine.__table__, SaleLineLot.__table__
_lot, _movement = StockLot.__table__, StockMovement.__table__

#: Movements that bring a lot in: the lot's own document (a donation, a stock receipt, a count's surplus).
INTAKE_REASONS = frozenset({"donation", "receipt", "count"})
#: Movements that say what became of goods, by the fate they count towards. Sales, returns and voids are
#: counted from the documents, movements only put them on or off the shelf.
WRITE_OFF_REASONS = frozenset({"writeoff", "write_off"})
COUNT_REASON = "count"


@dataclass(frozen=True)
class Fate:
    """What became of so many units: ``counted_difference`` is the units a
    count found missing (negative: found more than the books said)."""

    received: int = 0
    sold: int = 0
    handed_out: int = 0
    written_off: int = 0
    counted_difference: int = 0
    on_shelf: int = 0

    @property
    def accounted(self) -> int:
        return self.sold + self.handed_out + self.written_off + self.counted_difference + self.on_shelf

    @property
    def balances(self) -> bool:
        return self.received == self.accounted

    def __add__(self, other: Fate) -> Fate:
        return Fate(self.received + other.received, self.sold + other.sold, self.handed_out + other.handed_out,
                    self.written_off + other.written_off, self.counted_difference + other.counted_difference,
                    self.on_shelf + other.on_shelf)


@dataclass(frozen=True)
class Imbalance:
    """A lot or a donation for which received is not the sum of the fates."""

    kind: str  # lot or donation
    key: str  # the lot's code or id, the donation's number
    fate: Fate


# --- fates, from documents and movements ----------------------------------------------------------------
def allocate(parts: list[tuple[uuid.UUID, int]], units: int) -> dict[uuid.UUID, int]:
    """``units`` spread over ``parts`` in their order, each part at most its
    quantity: how returns go back into a sale line's lots (oldest first)."""
    out: dict[uuid.UUID, int] = {}
    for lot_id, quantity in parts:
        take = min(quantity, units)
        if take:
            out[lot_id] = out.get(lot_id, 0) + take
            units -= take
    return out


def line_parts(s: Session, lot_ids: list[uuid.UUID] | None) -> dict[uuid.UUID, list[tuple[uuid.UUID, int]]]:
    """Every completed sale line touching the lots, with all its lots in the order returns use."""
    query = (select(_line_lot.c.sale_line_id, _line_lot.c.lot_id, _line_lot.c.quantity, _lot.c.received_at)
             .join(_lot, _lot.c.id == _line_lot.c.lot_id)
             .join(_sale_line, _sale_line.c.id == _line_lot.c.sale_line_id)
             .join(_sale, _sale.c.id == _sale_line.c.sale_id)
             .where(_sale.c.status == "completed"))
    if lot_ids is not None:
        lines = select(_line_lot.c.sale_line_id).where(_line_lot.c.lot_id.in_(lot_ids))
        query = query.where(_line_lot.c.sale_line_id.in_(lines))
    found: dict[uuid.UUID, list[tuple[datetime, str, uuid.UUID, int]]] = defaultdict(list)
    for line_id, lot_id, quantity, received_at in s.execute(query):
        found[line_id].append((received_at, str(lot_id), lot_id, int(quantity)))
    return {line: [(lot, qty) for _, _, lot, qty in sorted(parts)] for line, parts in found.items()}


def returned_units(s: Session, line_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, int]:
    ids = list(line_ids)
    if not ids:
        return {}
    out: dict[uuid.UUID, int] = {}
    for start in range(0, len(ids), 500):
        rows = s.execute(select(_return_line.c.sale_line_id, func.sum(_return_line.c.quantity))
                         .where(_return_line.c.sale_line_id.in_(ids[start:start + 500]))
                         .group_by(_return_line.c.sale_line_id))
        out.update({line: int(qty) for line, qty in rows})
    return out


Parts = dict[uuid.UUID, list[tuple[uuid.UUID, int]]]


def fates(s: Session, lot_ids: list[uuid.UUID] | None = None, parts: Parts | None = None) -> dict[uuid.UUID, Fate]:
    """Each lot's fate totals (every lot when ``lot_ids`` is None); ``parts``:
    the lots' sale lines (``line_parts``) when the caller has them already."""
    lots_q = select(_lot.c.id, _lot.c.quantity_received)
    if lot_ids is not None:
        if not lot_ids:
            return {}
        lots_q = lots_q.where(_lot.c.id.in_(lot_ids))
    received = {lot: int(qty) for lot, qty in s.execute(lots_q)}
    wanted = set(received)
    sold: dict[uuid.UUID, int] = defaultdict(int)
    if parts is None:
        parts = line_parts(s, lot_ids)
    returned = returned_units(s, parts)
    for line_id, shares in parts.items():
        back = allocate(shares, returned.get(line_id, 0))
        for lot_id, quantity in shares:
            sold[lot_id] += quantity - back.get(lot_id, 0)
    handed_q = select(_handout_lot.c.lot_id, func.sum(_handout_lot.c.quantity)).group_by(_handout_lot.c.lot_id)
    moves_q = (select(_movement.c.lot_id, _movement.c.reason, _movement.c.document == _lot.c.document,
                      func.sum(_movement.c.quantity))
               .join(_lot, _lot.c.id == _movement.c.lot_id)
               .group_by(_movement.c.lot_id, _movement.c.reason, _movement.c.document == _lot.c.document))
    if lot_ids is not None:
        handed_q = handed_q.where(_handout_lot.c.lot_id.in_(lot_ids))
        moves_q = moves_q.where(_movement.c.lot_id.in_(lot_ids))
    handed = {lot: int(qty) for lot, qty in s.execute(handed_q)}
    shelf: dict[uuid.UUID, int] = defaultdict(int)
    written: dict[uuid.UUID, int] = defaultdict(int)
    counted: dict[uuid.UUID, int] = defaultdict(int)
    for lot_id, reason, own, quantity in s.execute(moves_q):
        quantity = int(quantity)
        shelf[lot_id] += quantity
        if reason in WRITE_OFF_REASONS:
            written[lot_id] -= quantity
        elif reason == COUNT_REASON and not own:
            counted[lot_id] -= quantity
    return {lot: Fate(received[lot], sold.get(lot, 0), handed.get(lot, 0), written.get(lot, 0),
                      counted.get(lot, 0), shelf.get(lot, 0)) for lot in wanted}


def check_identity(s: Session) -> list[Imbalance]:
    """Every lot, and every donation, whose units do not add up: the
    documents (sales net of returns and voids, handouts) disagree with the
    stock movements, or a donation's lines with its lots."""
    every = fates(s)
    problems: list[Imbalance] = []
    codes = dict(s.execute(select(_lot.c.id, func.coalesce(_lot.c.barcode, _item.c.barcode, _lot.c.document))
                           .join(_item, _item.c.id == _lot.c.item_id)).all())
    for lot_id, fate in sorted(every.items(), key=lambda pair: str(pair[0])):
        if not fate.balances:
            problems.append(Imbalance("lot", f"{codes.get(lot_id, '')} ({lot_id})", fate))
    by_donation: dict[str, Fate] = defaultdict(Fate)
    lines = s.execute(select(_donation.c.number, _donation_line.c.id, _donation_line.c.quantity)
                      .join(_donation_line, _donation_line.c.donation_id == _donation.c.id)).all()
    lot_of_line: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for lot_id, line_id in s.execute(select(_lot.c.id, _lot.c.donation_line_id)
                                     .where(_lot.c.donation_line_id.is_not(None))):
        lot_of_line[line_id].append(lot_id)
    for number, line_id, quantity in lines:
        lots_fate = sum((every[lot] for lot in lot_of_line.get(line_id, []) if lot in every), Fate())
        by_donation[number] += Fate(int(quantity), lots_fate.sold, lots_fate.handed_out, lots_fate.written_off,
                                    lots_fate.counted_difference, lots_fate.on_shelf)
    for number, fate in sorted(by_donation.items()):
        if not fate.balances:
            problems.append(Imbalance("donation", number, fate))
    return problems


# --- finding what a code leads to --------------------------------------------------------------------
