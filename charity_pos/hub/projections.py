"""From a store's journal events to the tables district reports read.

Each event's payload holds the full journaled state of every row it
changed (``{"changes": [{"op", "table", "id", "row"}], "facts": {...}}``);
``payloads.read_payload`` checks the columns read here and converts them
before anything is projected. A ``Projector`` gathers a bundle's changes
in memory, then writes them in a few statements, in the transaction that
stores the events:

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

import logging
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Dialect, Table, Uuid, delete, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.schema import ScalarElementColumnDefault

from charity_pos.hub.engine import bind_processors, bulk_insert, param_mark
from charity_pos.hub.models import (
    PROJECTIONS_VERSION, HubBase, HubCampaignHandout, HubCategory, HubDonation, HubDonationLine, HubDonor, HubEvent,
    HubFundUse, HubHandout, HubReceipt, HubSale, HubSaleReturn, HubStock, HubStore, HubStoreHousehold, HubWriteoff,
)
from charity_pos.hub.payloads import KEYED, READ, Change, read_payload

log = logging.getLogger("charity_pos.hub")

Model = type[HubBase]
Row = dict[str, Any]
#: a row's id as ``payloads`` reads it: its text
Key = str
CHUNK = 500


#: store table -> (projection, {projection column: store column}); the values come checked and
#: converted (``payloads.READ``)
PARENTS: dict[str, tuple[Model, dict[str, str]]] = {
    "donor": (HubDonor, {"kind": "kind"}),
    "donation": (HubDonation, {
        "number": "number", "received_at": "received_at", "donor_id": "donor_id",
        "total_value_fen": "total_value_fen", "cash_fen": "cash_fen"}),
    "sale": (HubSale, {"number": "number", "completed_at": "completed_at", "total_fen": "total_fen",
                       "status": "status"}),
    "handout": (HubHandout, {
        "number": "number", "at": "at", "household_id": "household_id", "household_hash": "household_hash",
        "period_key": "period_key", "total_value_fen": "total_value_fen", "over_allowance": "over_allowance"}),
    "receipt": (HubReceipt, {"number": "number", "donation_id": "donation_id", "status": "status",
                             "total_fen": "total_fen"}),
    "item": (HubStock, {"name": "name", "unit": "unit", "category_id": "category_id"}),
    "category": (HubCategory, {"code": "code", "name": "name", "sort_order": "sort_order"}),
    "household": (HubStoreHousehold, {"category": "category"}),
    "donation_line": (HubDonationLine, {"donation_id": "donation_id", "item_id": "item_id", "quantity": "quantity",
                                        "unit_value_fen": "unit_value_fen"}),
    "sale_return": (HubSaleReturn, {"sale_id": "sale_id", "at": "at", "total_fen": "total_fen"}),
    "fund_use": (HubFundUse, {"number": "number", "used_on": "used_on", "amount_fen": "amount_fen", "kind": "kind"}),
    "stock_movement": (HubWriteoff, {"item_id": "item_id", "quantity": "quantity", "at": "at"}),
    "campaign_handout": (HubCampaignHandout, {"campaign_id": "campaign_id", "handout_id": "handout_id",
                                              "household_id": "household_id"}),
}
#: parent rows kept only when they are of interest (every sale moves stock; only write-offs are kept)
KEEP_IF: dict[str, Callable[[Row], bool]] = {"stock_movement": lambda row: row["reason"] == "writeoff"}


def _donation_line(row: Row) -> tuple[Model, Key, Row]:
    return HubDonation, row["donation_id"], {"lines": 1, "units": row["quantity"]}


def _sale_line(row: Row) -> tuple[Model, Key, Row]:
    donated = row["amount_fen"] - row["ticket_discount_fen"] if row["source"] == "donated" else 0
    return HubSale, row["sale_id"], {"donated_fen": donated}


def _sale_return(row: Row) -> tuple[Model, Key, Row]:
    return HubSale, row["sale_id"], {"returned_fen": row["total_fen"]}


def _stock_movement(row: Row) -> tuple[Model, Key, Row]:
    return HubStock, row["item_id"], {"on_hand": row["quantity"]}


def _handout_line(row: Row) -> tuple[Model, Key, Row]:
    return HubHandout, row["handout_id"], {"units": row["quantity"]}


#: store table -> what one inserted row adds to which projection row
CHILDREN: dict[str, Callable[[Row], tuple[Model, Key, Row]]] = {
    "donation_line": _donation_line,
    "sale_line": _sale_line,
    "sale_return": _sale_return,
    "stock_movement": _stock_movement,
    "handout_line": _handout_line,
}
assert set(PARENTS) == KEYED and set(PARENTS) | set(CHILDREN) == set(READ), "projections read what payloads check"

#: store table -> (the projection keeping its rows by id, KEEP_IF's test, CHILDREN's), each None where not
_PLANS: dict[str, tuple[Model | None, Callable[[Row], bool] | None, Callable[[Row], tuple[Model, Key, Row]] | None]] = {
    table: (PARENTS[table][0] if table in PARENTS else None, KEEP_IF.get(table), CHILDREN.get(table))
    for table in READ}

#: the columns a new projection row starts with when nothing sets them
DEFAULTS: dict[Model, Row] = {
    HubDonor: {}, HubDonation: {"lines": 0, "units": 0, "donor_kind": "anonymous"},
    HubSale: {"donated_fen": 0, "returned_fen": 0}, HubHandout: {"household_hash": None, "units": 0},
    HubReceipt: {}, HubStock: {"name": "", "unit": "", "on_hand": 0, "category_id": None},
    HubCategory: {}, HubStoreHousehold: {}, HubDonationLine: {}, HubSaleReturn: {}, HubFundUse: {}, HubWriteoff: {},
    HubCampaignHandout: {},
}
#: sums whose parent row never came (it should always have: the hub holds every event from #1) still
#: count where a row can be made from them alone
ORPHANS_KEPT = {HubStock}
ORDER: tuple[Model, ...] = (HubDonor, HubDonation, HubSale, HubHandout, HubReceipt, HubStock, HubCategory,
                            HubStoreHousehold, HubDonationLine, HubSaleReturn, HubFundUse, HubWriteoff,
                            HubCampaignHandout)


def _chunks(items: list[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


class Projector:
    """Gathers the changes of a run of one store's events, then writes them."""

    def __init__(self, store_id: uuid.UUID) -> None:
        self.store_id = store_id
        self.rows: dict[Model, dict[Key, Row]] = {m: {} for m in ORDER}
        self.deleted: dict[Model, set[Key]] = {m: set() for m in ORDER}
        self.sums: dict[Model, dict[Key, dict[str, int]]] = {m: defaultdict(lambda: defaultdict(int))
                                                                   for m in ORDER}
        self._ignored: set[tuple[str, str]] = set()

    def add(self, payload: str) -> None:
        """One event's payload (canonical JSON text); PayloadInvalid (a ValueError) when it is not one."""
        self.add_changes(read_payload(payload))

    def add_changes(self, changes: Iterable[Change]) -> None:
        """One event's changes, as ``payloads.read_payload`` checked them: a parent row's latest state kept
        (or its delete), a child row's amounts added to its parent's sums."""
        rows, all_sums, deleted = self.rows, self.sums, self.deleted
        for table, op, key, row in changes:
            model, keep, child = _PLANS[table]
            if model is not None:  # key: payloads.KEYED
                if row is None:  # a delete
                    rows[model].pop(key, None)  # type: ignore[arg-type]  # a KEYED table's change has its key
                    all_sums[model].pop(key, None)  # type: ignore[arg-type]
                    deleted[model].add(key)  # type: ignore[arg-type]
                elif keep is None or keep(row):
                    rows[model][key] = row  # type: ignore[index]  # the checked values: columns picked when written
                    gone = deleted[model]
                    if gone:
                        gone.discard(key)
            if child is None:
                continue
            if op == "insert":
                assert row is not None
                parent_model, parent, amounts = child(row)
                sums = all_sums[parent_model][parent]
                for column, amount in amounts.items():
                    sums[column] += amount
            elif model is None and (table, op) not in self._ignored:
                self._ignored.add((table, op))
                log.warning("hub projections leave out %s of %s rows", op, table)

    # --- writing ------------------------------------------------------------------------------------
    def flush(self, s: Session) -> None:
        conn = s.connection()
        for model in ORDER:
            derived = {"donor_kind": self._donor_kinds(conn)} if model is HubDonation else {}
            self._flush(conn, model, derived)

    def _existing(self, conn: Connection, shape: _Shape, keys: set[Key]) -> set[Key]:
        """Which of ``keys`` the projection holds for the store: one query (a few on SQLite, whose
        statements take a bounded number of parameters)."""
        if not keys:
            return set()
        by_value = {shape.key_value(key): key for key in keys}
        sql = f"SELECT id FROM {shape.table.name} WHERE store_id = {shape.mark} AND id "
        store = shape.store_value(self.store_id)
        if conn.dialect.name == "postgresql":  # the ids' text, a uuid[] for the server; it answers UUIDs
            found = conn.exec_driver_sql(sql + f"= ANY(CAST({shape.mark} AS uuid[]))", (store, list(by_value)))
            return {by_value[str(value)] for value in found.scalars()}
        held: set[Key] = set()
        for chunk in _chunks(list(by_value)):
            found = conn.exec_driver_sql(sql + f"IN ({', '.join([shape.mark] * len(chunk))})", (store, *chunk))
            held.update(by_value[value] for value in found.scalars())
        return held

    def _donor_kinds(self, conn: Connection) -> dict[Key, str]:
        """Each donation's donor kind: of its donor in this run, else as the hub holds it."""
        donations = self.rows[HubDonation]
        wanted = {r["donor_id"] for r in donations.values() if r["donor_id"] is not None}
        kinds = {k: r["kind"] for k, r in self.rows[HubDonor].items() if k in wanted}
        missing = sorted(wanted - set(kinds))
        for chunk in _chunks(missing):
            kinds.update((str(key), kind) for key, kind in conn.execute(select(HubDonor.id, HubDonor.kind).where(
                HubDonor.store_id == self.store_id, HubDonor.id.in_([uuid.UUID(key) for key in chunk]))))
        return {key: "anonymous" if row["donor_id"] is None else kinds.get(row["donor_id"], "unknown")
                for key, row in donations.items()}

    def _flush(self, conn: Connection, model: Any, derived: dict[str, dict[Key, Any]]) -> None:
        """The projection's rows as plain tuples: new ones in one bulk insert (``engine.bulk_insert``), changed
        ones and sums added to held ones in one executemany each, the deleted removed."""
        rows, sums, deleted = self.rows[model], self.sums[model], self.deleted[model]
        if not (rows or sums or deleted):
            return
        shape = _shape(model, conn.dialect)
        table = shape.table
        existing = self._existing(conn, shape, set(rows) | set(sums) | deleted)
        gone = sorted(deleted & existing)
        for chunk in _chunks(gone):
            conn.execute(delete(table).where(table.c.store_id == self.store_id,
                                             table.c.id.in_([uuid.UUID(key) for key in chunk])))
        new_keys = [k for k in rows if k not in existing]
        new_keys += [k for k in sums if k not in rows and k not in existing and model in ORPHANS_KEPT]
        orphans = [k for k in sums if k not in rows and k not in existing and model not in ORPHANS_KEPT]
        if orphans:
            log.warning("hub projections: %d %s sums without their row", len(orphans), table.name)
        store = shape.store_value(self.store_id)
        bulk_insert(conn, table.name, shape.columns,
                    [shape.values(store, key, rows.get(key), sums.get(key), derived) for key in new_keys])
        mark = shape.mark
        where = f" WHERE store_id = {mark} AND id = {mark}"
        changed = [key for key in rows if key in existing]
        if changed:
            names = (*shape.names, *derived)
            at = [shape.columns.index(name) for name in names]
            sql = f"UPDATE {table.name} SET {', '.join(f'{name} = {mark}' for name in names)}" + where
            params = []
            for key in changed:
                values = shape.values(store, key, rows[key], None, derived)
                params.append((*(values[i] for i in at), values[0], values[1]))
            conn.exec_driver_sql(sql, params)
        by_columns: dict[tuple[str, ...], list[tuple[Any, ...]]] = defaultdict(list)
        for key, amounts in sums.items():
            if key in existing:
                columns = tuple(sorted(amounts))
                by_columns[columns].append((*(amounts[c] for c in columns), store, shape.key_value(key)))
        for columns, params in by_columns.items():
            added = ", ".join(f"{c} = {c} + {mark}" for c in columns)
            conn.exec_driver_sql(f"UPDATE {table.name} SET {added}" + where, params)


class _Shape:
    """How one projection's rows are written as plain tuples: its columns in order (the store id, the row's
    id, the columns set from the store's row, then the others), the values the others start with, and the
    driver's conversions (``engine.bind_processors``)."""

    def __init__(self, model: Model, dialect: Dialect) -> None:
        table: Table = model.__table__
        self.table = table
        names, sources = zip(*_MAPPING[model].items(), strict=True)
        first = sources[0]
        self.names: tuple[str, ...] = names
        self.pick: Callable[[Row], tuple[Any, ...]] = (
            itemgetter(*sources) if len(sources) > 1 else lambda row: (row[first],))
        rest = tuple(c.name for c in table.columns if c.name not in ("store_id", "id", *names))
        defaults = DEFAULTS[model]

        def start(name: str) -> Any:
            if name in defaults:
                return defaults[name]
            default = table.c[name].default
            return default.arg if isinstance(default, ScalarElementColumnDefault) else None

        self.unset_row = tuple(start(name) for name in names)  # a row made from sums alone (ORPHANS_KEPT)
        self.unset = tuple(start(name) for name in rest)
        self.columns: tuple[str, ...] = ("store_id", "id", *names, *rest)
        self.at = {name: 2 + len(names) + i for i, name in enumerate(rest)}
        processors: list[Callable[[Any], Any] | None] = list(bind_processors(table, self.columns, dialect))
        store = processors[0]
        #: the store's id (a ``uuid.UUID``) in the driver's form
        self.store_value: Callable[[uuid.UUID], Any] = store if store is not None else lambda value: value
        text_id = _id_text_processor(dialect)  # the ids and UUID columns come as their text (``payloads``)
        processors = [text_id if isinstance(table.c[name].type, Uuid) else p for name, p in zip(
            self.columns, processors, strict=True)]
        self.convert = [(i, p) for i, p in enumerate(processors) if p is not None and i > 0]
        self.key_value: Callable[[Key], Any] = text_id if text_id is not None else lambda value: value
        self.mark = param_mark(dialect)

    def values(self, store: Any, key: Key, row: Row | None, sums: dict[str, int] | None,
               derived: dict[str, dict[Key, Any]]) -> tuple[Any, ...]:
        """A row's values in ``columns`` order, in the driver's form (``store``: the store id in it already)."""
        values = [None, key, *(self.unset_row if row is None else self.pick(row)), *self.unset]
        if sums:
            for column, amount in sums.items():
                values[self.at[column]] += amount
        for column, by_key in derived.items():
            values[self.at[column]] = by_key[key]
        for i, process in self.convert:
            values[i] = process(values[i])
        values[0] = store
        return tuple(values)


def _id_text_processor(dialect: Dialect) -> Callable[[str | None], Any] | None:
    """A UUID's text (``payloads.UUID_TEXT``: lower case, hyphens) in the driver's form, as SQLAlchemy binds
    a ``uuid.UUID`` to a ``Uuid`` column: its 32 hex digits where the database has no UUID type (SQLite);
    the text itself where it has (PostgreSQL reads it, COPY and parameters alike: psycopg sends text of
    no stated type)."""
    if Uuid().bind_processor(dialect) is None:
        return None
    return lambda value: None if value is None else value.replace("-", "")


#: projection -> {its column: the store's column it is set from}
_MAPPING: dict[Model, dict[str, str]] = {model: columns for model, columns in PARENTS.values()}
_SHAPES: dict[tuple[Model, str, str], _Shape] = {}


def _shape(model: Model, dialect: Dialect) -> _Shape:
    found = _SHAPES.get((model, dialect.name, dialect.driver))
    if found is None:
        found = _SHAPES[(model, dialect.name, dialect.driver)] = _Shape(model, dialect)
    return found


# --- rebuilding a store's projections from its events ------------------------------------------------------
REBUILD_CHUNK = 5000


def rebuild(s: Session, store_id: uuid.UUID) -> None:
    """Throw away the store's projection rows and project all its events again, in order (in the caller's
    transaction): what a hub imported before a projection read more of the events gets back-filled."""
    from charity_pos.hub.downstream import fill_household_hashes

    for model in ORDER:
        s.execute(delete(model.__table__).where(model.__table__.c.store_id == store_id))
    after = 0
    while True:
        batch = s.execute(select(HubEvent.seq, HubEvent.payload).where(HubEvent.store_id == store_id,
                                                                        HubEvent.seq > after)
                          .order_by(HubEvent.seq).limit(REBUILD_CHUNK)).all()
        if not batch:
            break
        projector = Projector(store_id)
        for _seq, payload in batch:
            projector.add(payload)
        projector.flush(s)
        after = batch[-1][0]
    fill_household_hashes(s, store_id)


def ensure_current(begin: Callable[[], Any]) -> int:
    """Rebuild the projections of every store whose rows were built by an older version (``begin``: the hub's
    unit of work, ``HubDatabase.begin``); each store in a transaction of its own, holding its row as an import
    does. The number of stores rebuilt."""
    with begin() as s:
        stale = list(s.scalars(select(HubStore.id).where(HubStore.projections < PROJECTIONS_VERSION)))
    done = 0
    for store_id in stale:
        with begin() as s:
            store = s.execute(select(HubStore).where(HubStore.id == store_id).with_for_update()).scalar_one()
            if store.projections >= PROJECTIONS_VERSION:
                continue  # another process did it meanwhile
            log.info("rebuilding the hub projections of store %s from its %d events", store.code, store.last_seq)
            rebuild(s, store_id)
            store.projections = PROJECTIONS_VERSION
            done += 1
    return done
