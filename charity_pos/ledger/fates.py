"""What became of every lot, unit by unit, from two sides that must agree:
what was sold and handed out is read from the documents (sale lines and
their lots, net of returns and voids; handout lines and their lots), what is
on the shelf from the stock movements. Hence, for every lot and every
donation::

    received = sold + handed_out + written_off + counted_difference + transferred + on_shelf
               + sent_back (a consignor's unsold goods returned to them, 代销退回)

``check_identity`` names every lot or donation for which it does not hold;
``verify`` runs it, and the trace (``services.trace``) shows the totals.
"""

from __future__ import annotations

import itertools
import sqlite3
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from charity_pos.db.driver import driver

# Read with plain SQL on the driver's connection (``_driver``): ``verify``, a
# command-line call that runs ``check_identity``, loads no SQLAlchemy. Ids
# are stored as 32 hex digits and handed back as UUIDs, as the models read them.

#: Movements that bring a lot in: the lot's own document (a donation, a stock receipt, a count's surplus,
#: a consignor's goods received, goods transferred in from another store).
INTAKE_REASONS = frozenset({"donation", "receipt", "count", "consignment", "transfer_in"})
#: Movements that say what became of goods, by the fate they count towards. Sales, returns and voids are
#: counted from the documents, movements only put them on or off the shelf.
WRITE_OFF_REASONS = frozenset({"writeoff", "write_off"})
COUNT_REASON = "count"
#: a consignor's unsold goods going back to them (a U document)
SENT_BACK_REASON = "consignment_return"
#: goods sent to another store of the district (``services.transfers``): their fate here
TRANSFER_OUT_REASON = "transfer_out"


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
    #: a consignor's unsold goods returned to them
    sent_back: int = 0
    #: units sent to another store of the district
    transferred: int = 0

    @property
    def accounted(self) -> int:
        return (self.sold + self.handed_out + self.written_off + self.counted_difference + self.on_shelf
                + self.sent_back + self.transferred)

    @property
    def balances(self) -> bool:
        return self.received == self.accounted

    def __add__(self, other: Fate) -> Fate:
        return Fate(self.received + other.received, self.sold + other.sold, self.handed_out + other.handed_out,
                    self.written_off + other.written_off, self.counted_difference + other.counted_difference,
                    self.on_shelf + other.on_shelf, self.sent_back + other.sent_back,
                    self.transferred + other.transferred)


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
    return driver(s)


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
    sent: dict[uuid.UUID, int] = defaultdict(int)
    away: dict[uuid.UUID, int] = defaultdict(int)
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
        elif reason == SENT_BACK_REASON:
            sent[lot_id] -= quantity
        elif reason == TRANSFER_OUT_REASON:
            away[lot_id] -= quantity
    return {lot: Fate(received[lot], sold.get(lot, 0), handed.get(lot, 0), written.get(lot, 0),
                      counted.get(lot, 0), shelf.get(lot, 0), sent.get(lot, 0), away.get(lot, 0)) for lot in wanted}


#: Lots, and donations, whose totals ``check_identity`` holds at a time. The
#: sums are SQLite's, over rows it reads as it goes: whatever the store's size
#: (its lots, donations, sale lines), the check holds at most this many totals.
LOTS_AT_A_TIME = 5_000

# ``scope`` (lot, key): the lots a part covers and what they are summed under (the lot itself, or its donation's
# number); each query sums over the scope's lots only, by key, as SQLite reads the rows.
_LOTS = "SELECT id, id FROM stock_lot WHERE {after} id <= :last"
_DONATIONS = ("SELECT lot.id, donation.number FROM stock_lot lot JOIN donation_line line"
              " ON line.id = lot.donation_line_id JOIN donation ON donation.id = line.donation_id"
              " WHERE {after} donation.number <= :last")
_SOLD = ("SELECT scope.key, sum(x.quantity) FROM scope JOIN sale_line_lot x ON x.lot_id = scope.lot"
         " JOIN sale_line line ON line.id = x.sale_line_id JOIN sale ON sale.id = line.sale_id"
         " WHERE sale.status = 'completed' GROUP BY scope.key")
#: the sale lines with a return that took goods of the scope's lots
_TOUCHED = (", touched(line) AS (SELECT DISTINCT x.sale_line_id FROM scope JOIN sale_line_lot x ON x.lot_id = scope.lot"
            " WHERE x.sale_line_id IN (SELECT sale_line_id FROM return_line))")
#: every lot of each of those lines (when completed), with the units returned, line by line
_RETURNED = ("SELECT x.sale_line_id, x.lot_id, x.quantity, lot.received_at,"
             " (SELECT scope.key FROM scope WHERE scope.lot = x.lot_id),"
             " (SELECT sum(r.quantity) FROM return_line r WHERE r.sale_line_id = x.sale_line_id)"
             " FROM touched JOIN sale_line_lot x ON x.sale_line_id = touched.line"
             " JOIN stock_lot lot ON lot.id = x.lot_id"
             " JOIN sale_line line ON line.id = x.sale_line_id JOIN sale ON sale.id = line.sale_id"
             " WHERE sale.status = 'completed' ORDER BY x.sale_line_id")
_HANDED = ("SELECT scope.key, sum(h.quantity) FROM scope JOIN handout_line_lot h ON h.lot_id = scope.lot"
           " GROUP BY scope.key")
_MOVES = ("SELECT scope.key, m.reason, m.document = lot.document, sum(m.quantity) FROM scope"
          " JOIN stock_movement m ON m.lot_id = scope.lot JOIN stock_lot lot ON lot.id = m.lot_id"
          " GROUP BY scope.key, m.reason, m.document = lot.document")


def _accounted(raw: sqlite3.Connection, scope: str, bounds: dict[str, Any]) -> dict[Any, Fate]:
    """What the documents and movements account for, summed by the scope's
    key (``Fate`` without ``received``), as ``fates`` works it out lot by
    lot: a return goes back into its line's lots oldest first
    (``line_parts``, ``allocate``), a line met one at a time."""
    def rows(query: str, more: str = "") -> sqlite3.Cursor:
        return raw.execute(f"WITH scope(lot, key) AS ({scope}){more} {query}", bounds)

    sold: dict[Any, int] = defaultdict(int)
    for key, quantity in rows(_SOLD):
        sold[key] += int(quantity)
    for _line, found in itertools.groupby(rows(_RETURNED, _TOUCHED), key=lambda row: row[0]):
        parts = sorted((str(received_at), str(lot), lot, int(quantity), key, int(units))
                       for _, lot, quantity, received_at, key, units in
                       ((r[0], uuid.UUID(str(r[1])), *r[2:]) for r in found))
        back = allocate([(lot, quantity) for _, _, lot, quantity, _, _ in parts], parts[0][5])
        for _, _, lot, _, key, _ in parts:
            if key is not None:
                sold[key] -= back.get(lot, 0)
    handed = {key: int(quantity) for key, quantity in rows(_HANDED)}
    shelf: dict[Any, int] = defaultdict(int)
    written: dict[Any, int] = defaultdict(int)
    counted: dict[Any, int] = defaultdict(int)
    sent: dict[Any, int] = defaultdict(int)
    away: dict[Any, int] = defaultdict(int)
    for key, reason, own, quantity in rows(_MOVES):
        quantity = int(quantity)
        shelf[key] += quantity
        if reason in WRITE_OFF_REASONS:
            written[key] -= quantity
        elif reason == COUNT_REASON and not own:
            counted[key] -= quantity
        elif reason == SENT_BACK_REASON:
            sent[key] -= quantity
        elif reason == TRANSFER_OUT_REASON:
            away[key] -= quantity
    return {key: Fate(0, sold.get(key, 0), handed.get(key, 0), written.get(key, 0), counted.get(key, 0),
                      shelf.get(key, 0), sent.get(key, 0), away.get(key, 0)) for key in {*sold, *handed, *shelf}}


#: each part's keys and what was received under them, in key order: ``{after}`` says where the part begins
_LOTS_RECEIVED = "SELECT id, quantity_received FROM stock_lot WHERE {after} 1 ORDER BY id LIMIT :size"
_DONATIONS_RECEIVED = ("SELECT donation.number, sum(line.quantity) FROM donation JOIN donation_line line"
                       " ON line.donation_id = donation.id WHERE {after} 1 GROUP BY donation.number"
                       " ORDER BY donation.number LIMIT :size")


def _parts(raw: sqlite3.Connection, received: str, column: str, scope: str) -> Iterator[dict[Any, Fate]]:
    """Every key's whole fate, ``LOTS_AT_A_TIME`` keys at a time in key
    order (``received``: the keys and their units received; ``column``: the
    key's column, by which a part begins after the last one; ``scope``: the
    part's lots and their keys, for ``_accounted``)."""
    bounds: dict[str, Any] = {}
    while True:
        after = f"{column} > :after AND " if bounds else ""  # the first part: whatever the keys stored
        part = raw.execute(received.format(after=after), {**bounds, "size": LOTS_AT_A_TIME}).fetchall()
        if not part:
            return
        accounted = _accounted(raw, scope.format(after=after), {**bounds, "last": part[-1][0]})
        yield {key: Fate(int(units)) + accounted.get(key, Fate()) for key, units in part}
        bounds = {"after": part[-1][0]}


def check_identity(s: Any) -> list[Imbalance]:
    """Every lot, and every donation, whose units do not add up: the
    documents (sales net of returns and voids, handouts) disagree with the
    stock movements, or a donation's lines with its lots. ``s``: a session,
    or a connection (SQLAlchemy's or the driver's). Lots are named in id
    order, then donations in number order. Lots, then donations, are summed
    ``LOTS_AT_A_TIME`` at a time, so the memory it takes does not grow with
    the store's history."""
    raw = _driver(s)
    problems: list[Imbalance] = []
    for fate_of in _parts(raw, _LOTS_RECEIVED, "id", _LOTS):
        wrong = {uuid.UUID(str(lot)): (lot, fate) for lot, fate in fate_of.items() if not fate.balances}
        codes: dict[Any, Any] = {}
        stored = [lot for lot, _ in wrong.values()]
        for start in range(0, len(stored), 500):
            chunk = stored[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            codes.update(raw.execute("SELECT lot.id, coalesce(lot.barcode, item.barcode, lot.document) FROM stock_lot"
                                     f" lot JOIN item ON item.id = lot.item_id WHERE lot.id IN ({marks})", chunk))
        for lot_id, (lot, fate) in sorted(wrong.items(), key=lambda pair: str(pair[0])):
            problems.append(Imbalance("lot", f"{codes.get(lot, '')} ({lot_id})", fate))
    for fate_of in _parts(raw, _DONATIONS_RECEIVED, "donation.number", _DONATIONS):
        problems += [Imbalance("donation", number, fate) for number, fate in fate_of.items() if not fate.balances]
    return problems


# --- finding what a code leads to --------------------------------------------------------------------
