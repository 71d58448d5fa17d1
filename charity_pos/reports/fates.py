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

import sqlite3
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

# Read with plain SQL on the driver's connection (``_driver``): ``verify``, a
# command-line call that runs ``check_identity``, loads no SQLAlchemy. Ids
# are stored as 32 hex digits and handed back as UUIDs, as the models read them.

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


def _driver(s: Any) -> sqlite3.Connection:
    """The driver's connection under a session (what it holds unsent is
    flushed first, as its own queries would), a SQLAlchemy connection, or
    the driver's connection itself."""
    if isinstance(s, sqlite3.Connection):
        return s
    if hasattr(s, "flush"):
        s.flush()
        s = s.connection()
    return s.connection.driver_connection  # type: ignore[no-any-return]


class _Ids:
    """Stored ids read as UUIDs, each text once."""

    def __init__(self) -> None:
        self._seen: dict[Any, uuid.UUID] = {}

    def __call__(self, stored: Any) -> uuid.UUID:
        found = self._seen.get(stored)
        if found is None:
            found = self._seen[stored] = stored if isinstance(stored, uuid.UUID) else uuid.UUID(str(stored))
        return found


def _chunks(lot_ids: list[uuid.UUID]) -> Iterable[tuple[str, list[str]]]:
    """``lot_ids`` as stored, 500 at a time, with the placeholders for ``IN (…)``."""
    for start in range(0, len(lot_ids), 500):
        chunk = [lot.hex for lot in lot_ids[start:start + 500]]
        yield ", ".join("?" * len(chunk)), chunk


def line_parts(s: Any, lot_ids: list[uuid.UUID] | None) -> dict[uuid.UUID, list[tuple[uuid.UUID, int]]]:
    """Every completed sale line touching the lots, with all its lots in the order returns use."""
    raw, ids = _driver(s), _Ids()
    query = ("SELECT sll.rowid, sll.sale_line_id, sll.lot_id, sll.quantity, lot.received_at FROM sale_line_lot sll"
             " JOIN stock_lot lot ON lot.id = sll.lot_id JOIN sale_line line ON line.id = sll.sale_line_id"
             " JOIN sale ON sale.id = line.sale_id WHERE sale.status = 'completed'")
    if lot_ids is None:
        rows = list(raw.execute(query))
    else:
        rows = []
        for marks, chunk in _chunks(lot_ids):
            rows += raw.execute(query + " AND sll.sale_line_id IN (SELECT sale_line_id FROM sale_line_lot"
                                f" WHERE lot_id IN ({marks}))", chunk)
    found: dict[uuid.UUID, dict[int, tuple[str, str, uuid.UUID, int]]] = defaultdict(dict)
    for rowid, line_id, lot_id, quantity, received_at in rows:
        lot = ids(lot_id)
        found[ids(line_id)][rowid] = (str(received_at), str(lot), lot, int(quantity))  # a row met in two chunks once
    return {line: [(lot, qty) for _, _, lot, qty in sorted(parts.values())] for line, parts in found.items()}


def returned_units(s: Any, line_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, int]:
    raw, ids = _driver(s), _Ids()
    out: dict[uuid.UUID, int] = {}
    for marks, chunk in _chunks(list(line_ids)):
        rows = raw.execute(f"SELECT sale_line_id, sum(quantity) FROM return_line WHERE sale_line_id IN ({marks})"
                           " GROUP BY sale_line_id", chunk)
        out.update({ids(line): int(qty) for line, qty in rows})
    return out


Parts = dict[uuid.UUID, list[tuple[uuid.UUID, int]]]


def fates(s: Any, lot_ids: list[uuid.UUID] | None = None, parts: Parts | None = None) -> dict[uuid.UUID, Fate]:
    """Each lot's fate totals (every lot when ``lot_ids`` is None); ``parts``:
    the lots' sale lines (``line_parts``) when the caller has them already."""
    raw, ids = _driver(s), _Ids()

    def each(query: str, where: str) -> list[tuple[Any, ...]]:
        """``query`` for every lot, or for ``lot_ids`` (``where`` names their column), 500 at a time."""
        if lot_ids is None:
            return list(raw.execute(query.format(where="")))
        rows: list[tuple[Any, ...]] = []
        for marks, chunk in _chunks(lot_ids):
            rows += raw.execute(query.format(where=f"WHERE {where} IN ({marks})"), chunk)
        return rows

    if lot_ids is not None and not lot_ids:
        return {}
    received = {ids(lot): int(qty) for lot, qty in each("SELECT id, quantity_received FROM stock_lot {where}", "id")}
    wanted = set(received)
    sold: dict[uuid.UUID, int] = defaultdict(int)
    if parts is None:
        parts = line_parts(raw, lot_ids)
    returned = returned_units(raw, parts)
    for line_id, shares in parts.items():
        back = allocate(shares, returned.get(line_id, 0))
        for lot_id, quantity in shares:
            sold[lot_id] += quantity - back.get(lot_id, 0)
    handed = {ids(lot): int(qty) for lot, qty in
              each("SELECT lot_id, sum(quantity) FROM handout_line_lot {where} GROUP BY lot_id", "lot_id")}
    shelf: dict[uuid.UUID, int] = defaultdict(int)
    written: dict[uuid.UUID, int] = defaultdict(int)
    counted: dict[uuid.UUID, int] = defaultdict(int)
    moves = each("SELECT m.lot_id, m.reason, m.document = lot.document, sum(m.quantity) FROM stock_movement m"
                 " JOIN stock_lot lot ON lot.id = m.lot_id {where} GROUP BY m.lot_id, m.reason, m.document = lot.document",
                 "m.lot_id")
    for lot_id, reason, own, quantity in moves:
        lot_id, quantity = ids(lot_id), int(quantity)
        shelf[lot_id] += quantity
        if reason in WRITE_OFF_REASONS:
            written[lot_id] -= quantity
        elif reason == COUNT_REASON and not own:
            counted[lot_id] -= quantity
    return {lot: Fate(received[lot], sold.get(lot, 0), handed.get(lot, 0), written.get(lot, 0),
                      counted.get(lot, 0), shelf.get(lot, 0)) for lot in wanted}


#: Lots whose fates ``check_identity`` works out at a time: a store with
#: more is checked in parts, so its memory does not grow with its history.
LOTS_AT_A_TIME = 5_000


def check_identity(s: Any) -> list[Imbalance]:
    """Every lot, and every donation, whose units do not add up: the
    documents (sales net of returns and voids, handouts) disagree with the
    stock movements, or a donation's lines with its lots. ``s``: a session,
    or a connection (SQLAlchemy's or the driver's). Lots are named in id
    order, then donations in number order."""
    raw = _driver(s)
    problems: list[Imbalance] = []
    by_donation: dict[str, Fate] = defaultdict(Fate)
    for number, quantity in raw.execute("SELECT donation.number, line.quantity FROM donation"
                                        " JOIN donation_line line ON line.donation_id = donation.id"):
        by_donation[number] += Fate(int(quantity))
    (count,) = raw.execute("SELECT count(*) FROM stock_lot").fetchone()
    after = ""
    while True:
        ids = _Ids()  # afresh for each part
        if count <= LOTS_AT_A_TIME:  # every lot at once, as fast as a small store allows
            stored = [lot for (lot,) in raw.execute("SELECT id FROM stock_lot ORDER BY id")]
            every = fates(raw)
        else:
            stored = [lot for (lot,) in raw.execute("SELECT id FROM stock_lot WHERE id > ? ORDER BY id LIMIT ?",
                                                    (after, LOTS_AT_A_TIME))]
            if not stored:
                break
            every = fates(raw, [ids(lot) for lot in stored])
        codes, number_of = {}, {}
        for marks, chunk in _chunks([ids(lot) for lot in stored]):
            codes.update({ids(lot): code for lot, code in raw.execute(
                "SELECT lot.id, coalesce(lot.barcode, item.barcode, lot.document) FROM stock_lot lot"
                f" JOIN item ON item.id = lot.item_id WHERE lot.id IN ({marks})", chunk)})
            number_of.update({ids(lot): number for lot, number in raw.execute(
                "SELECT lot.id, donation.number FROM stock_lot lot JOIN donation_line line"
                " ON line.id = lot.donation_line_id JOIN donation ON donation.id = line.donation_id"
                f" WHERE lot.id IN ({marks})", chunk)})
        for lot_id, fate in sorted(every.items(), key=lambda pair: str(pair[0])):
            if not fate.balances:
                problems.append(Imbalance("lot", f"{codes.get(lot_id, '')} ({lot_id})", fate))
            if lot_id in number_of:
                by_donation[number_of[lot_id]] += Fate(0, fate.sold, fate.handed_out, fate.written_off,
                                                       fate.counted_difference, fate.on_shelf)
        if count <= LOTS_AT_A_TIME:
            break
        after = stored[-1]
    for number, fate in sorted(by_donation.items()):
        if not fate.balances:
            problems.append(Imbalance("donation", number, fate))
    return problems


# --- finding what a code leads to --------------------------------------------------------------------
