"""From a store's journal events to the tables district reports read.

Each event's payload holds the full journaled state of every row it
changed (``{"changes": [{"op", "table", "id", "row"}], "facts": {...}}``).
A ``Projector`` gathers a bundle's changes in memory, then writes them in a
few statements, in the transaction that stores the events:

- parent rows (donor, donation, sale, handout, receipt, item) set their
  projection's columns, the latest state winning; a delete removes it;
- child rows add to their parent's sums: a donation line to its donation's
  lines and units, a sale line of donated goods to the sale's donated
  share, a return to the sale's returned amount, a stock movement to the
  item's stock on hand. The store only ever inserts these rows (lines,
  returns and movements are never changed or deleted), so their inserts are
  summed; any other operation on them is logged and left out.

Tables the hub does not report on are left out; the events themselves are
all kept in ``hub_event``, so a new projection can be built from them later.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from charity_pos.hub.models import HubBase, HubDonation, HubDonor, HubHandout, HubReceipt, HubSale, HubStock

log = logging.getLogger("charity_pos.hub")

Model = type[HubBase]
Row = dict[str, Any]
CHUNK = 500


def _uuid(value: Any) -> uuid.UUID | None:
    return None if value is None else uuid.UUID(str(value))


def _time(value: Any) -> datetime | None:
    return None if value is None else datetime.fromisoformat(str(value))


def _int(value: Any) -> int:
    return int(value or 0)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _same(value: Any) -> Any:
    return value


#: store table -> (projection, {projection column: (store column, conversion)})
PARENTS: dict[str, tuple[Model, dict[str, tuple[str, Callable[[Any], Any]]]]] = {
    "donor": (HubDonor, {"kind": ("kind", _text)}),
    "donation": (HubDonation, {
        "number": ("number", _text), "received_at": ("received_at", _time), "donor_id": ("donor_id", _uuid),
        "total_value_fen": ("total_value_fen", _int), "cash_fen": ("cash_fen", _int)}),
    "sale": (HubSale, {
        "number": ("number", _text), "completed_at": ("completed_at", _time), "total_fen": ("total_fen", _int),
        "status": ("status", _text)}),
    "handout": (HubHandout, {
        "number": ("number", _text), "at": ("at", _time), "household_id": ("household_id", _uuid),
        "household_hash": ("household_hash", _same), "period_key": ("period_key", _text),
        "total_value_fen": ("total_value_fen", _int), "over_allowance": ("over_allowance", bool)}),
    "receipt": (HubReceipt, {
        "number": ("number", _text), "donation_id": ("donation_id", _uuid), "status": ("status", _text),
        "total_fen": ("total_fen", _int)}),
    "item": (HubStock, {"name": ("name", _text), "unit": ("unit", _text)}),
}


def _donation_line(row: Row) -> tuple[Model, Any, Row]:
    return HubDonation, row["donation_id"], {"lines": 1, "units": _int(row["quantity"])}


def _sale_line(row: Row) -> tuple[Model, Any, Row]:
    donated = _int(row["amount_fen"]) - _int(row.get("ticket_discount_fen")) if row.get("source") == "donated" else 0
    return HubSale, row["sale_id"], {"donated_fen": donated}


def _sale_return(row: Row) -> tuple[Model, Any, Row]:
    return HubSale, row["sale_id"], {"returned_fen": _int(row["total_fen"])}


def _stock_movement(row: Row) -> tuple[Model, Any, Row]:
    return HubStock, row["item_id"], {"on_hand": _int(row["quantity"])}


#: store table -> what one inserted row adds to which projection row
CHILDREN: dict[str, Callable[[Row], tuple[Model, Any, Row]]] = {
    "donation_line": _donation_line,
    "sale_line": _sale_line,
    "sale_return": _sale_return,
    "stock_movement": _stock_movement,
}

#: the columns a new projection row starts with when nothing sets them
DEFAULTS: dict[Model, Row] = {
    HubDonor: {}, HubDonation: {"lines": 0, "units": 0, "donor_kind": "anonymous"},
    HubSale: {"donated_fen": 0, "returned_fen": 0}, HubHandout: {"household_hash": None},
    HubReceipt: {}, HubStock: {"name": "", "unit": "", "on_hand": 0},
}
#: sums whose parent row never came (it should always have: the hub holds every event from #1) still
#: count where a row can be made from them alone
ORPHANS_KEPT = {HubStock}
ORDER: tuple[Model, ...] = (HubDonor, HubDonation, HubSale, HubHandout, HubReceipt, HubStock)


def _chunks(items: list[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


class Projector:
    """Gathers the changes of a run of one store's events, then writes them."""

    def __init__(self, store_id: uuid.UUID) -> None:
        self.store_id = store_id
        self.rows: dict[Model, dict[uuid.UUID, Row]] = {m: {} for m in ORDER}
        self.deleted: dict[Model, set[uuid.UUID]] = {m: set() for m in ORDER}
        self.sums: dict[Model, dict[uuid.UUID, dict[str, int]]] = {m: defaultdict(lambda: defaultdict(int))
                                                                   for m in ORDER}
        self._ignored: set[tuple[str, str]] = set()

    def add(self, payload: str) -> None:
        """One event's payload (canonical JSON text)."""
        for change in json.loads(payload).get("changes", []):
            table, op = change.get("table"), change.get("op")
            if table in PARENTS:
                self._parent(table, op, change)
            elif table in CHILDREN:
                if op == "insert":
                    model, key, amounts = CHILDREN[table](change["row"])
                    sums = self.sums[model][uuid.UUID(str(key))]
                    for column, amount in amounts.items():
                        sums[column] += amount
                elif (table, op) not in self._ignored:
                    self._ignored.add((table, op))
                    log.warning("hub projections leave out %s of %s rows", op, table)

    def _parent(self, table: str, op: str, change: Row) -> None:
        model, columns = PARENTS[table]
        key = uuid.UUID(str(change["id"]))
        if op == "delete":
            self.rows[model].pop(key, None)
            self.sums[model].pop(key, None)
            self.deleted[model].add(key)
            return
        row = change["row"]
        self.rows[model][key] = {name: convert(row.get(source)) for name, (source, convert) in columns.items()}
        self.deleted[model].discard(key)

    # --- writing ------------------------------------------------------------------------------------
    def flush(self, s: Session) -> None:
        for model in ORDER:
            if model is HubDonation:
                self._donor_kinds(s)
            self._flush(s, model)

    def _existing(self, s: Session, model: Any, keys: Iterable[uuid.UUID]) -> set[uuid.UUID]:
        found: set[uuid.UUID] = set()
        for chunk in _chunks(sorted(keys)):
            found.update(s.scalars(select(model.id).where(model.store_id == self.store_id, model.id.in_(chunk))))
        return found

    def _donor_kinds(self, s: Session) -> None:
        donations = self.rows[HubDonation]
        wanted = {r["donor_id"] for r in donations.values() if r["donor_id"] is not None}
        kinds = {k: r["kind"] for k, r in self.rows[HubDonor].items() if k in wanted}
        missing = sorted(wanted - set(kinds))
        for chunk in _chunks(missing):
            kinds.update((key, kind) for key, kind in s.execute(select(HubDonor.id, HubDonor.kind).where(
                HubDonor.store_id == self.store_id, HubDonor.id.in_(chunk))))
        for row in donations.values():
            row["donor_kind"] = "anonymous" if row["donor_id"] is None else kinds.get(row["donor_id"], "unknown")

    def _flush(self, s: Session, model: Any) -> None:
        rows, sums, deleted = self.rows[model], self.sums[model], self.deleted[model]
        if not (rows or sums or deleted):
            return
        table = model.__table__
        existing = self._existing(s, model, set(rows) | set(sums) | deleted)
        gone = sorted(deleted & existing)
        for chunk in _chunks(gone):
            s.execute(delete(table).where(table.c.store_id == self.store_id, table.c.id.in_(chunk)))
        new_keys = [k for k in rows if k not in existing]
        new_keys += [k for k in sums if k not in rows and k not in existing and model in ORPHANS_KEPT]
        orphans = [k for k in sums if k not in rows and k not in existing and model not in ORPHANS_KEPT]
        if orphans:
            log.warning("hub projections: %d %s sums without their row", len(orphans), table.name)
        inserts = []
        for key in new_keys:
            values = dict(DEFAULTS[model], **rows.get(key, {}), store_id=self.store_id, id=key)
            for column, amount in sums.get(key, {}).items():
                values[column] = values.get(column, 0) + amount
            inserts.append(values)
        for chunk in _chunks(inserts):
            s.execute(insert(table), chunk)
        changed = [dict(values, b_store=self.store_id, b_id=key) for key, values in rows.items() if key in existing]
        if changed:
            names = list(changed[0].keys() - {"b_store", "b_id"})
            statement = (update(table).where(table.c.store_id == bindparam("b_store"), table.c.id == bindparam("b_id"))
                         .values({name: bindparam(name) for name in names}))
            for chunk in _chunks(changed):
                s.connection().execute(statement, chunk)
        added = [(key, amounts) for key, amounts in sums.items() if key in existing]
        by_columns: dict[tuple[str, ...], list[Row]] = defaultdict(list)
        for key, amounts in added:
            columns = tuple(sorted(amounts))
            by_columns[columns].append({"b_store": self.store_id, "b_id": key,
                                        **{f"d_{c}": amounts[c] for c in columns}})
        for columns, params in by_columns.items():
            statement = (update(table).where(table.c.store_id == bindparam("b_store"), table.c.id == bindparam("b_id"))
                         .values({c: table.c[c] + bindparam(f"d_{c}") for c in columns}))
            for chunk in _chunks(params):
                s.connection().execute(statement, chunk)
