"""The counter: a scan becoming a ticket line, and paying a five-line sale,
in a store of 200,000 items with goods in stock.

The store is a copy of the one ``lookup.make_store`` built (the look-up
figures are taken on the untouched file), given stock: one bought lot per
item and, for a tenth of the items, a donated lot with its own in-store
code (22...), as donated goods without a maker's barcode carry. Lots and
their movements are bulk-loaded without the journal, like the items; the
file would fail ``charity-pos verify`` and is only for measuring.

Figures:

* scan: ``Services.sales.scan(code)`` (a read session; the lot code or
  the item barcode; the item with its category; every lot with what is
  left of it) over ``SCANS`` random codes of sellable goods, a tenth of
  them lot codes: median and p99.
* scan to line: the same scan, then ``TicketModel.add(scanned)``, the sale
  screen's table model taking the line (a fresh model every
  ``LINES_PER_TICKET`` lines, made outside the timing).
* complete a sale: ``Services.sales.complete`` of five lines of goods in
  stock (1 to 3 units each), paid in cash with change, a fresh ticket
  each time, in a shift opened beforehand: median and p99.

Baselines, on the same machine in the same run:

* for the scans, one hand-written SELECT on a bare ``sqlite3`` connection
  to the same file giving the same row: the item (by the lot's code or its
  own barcode), its category, the lot, the stock on hand;
* for the sale, a bare ``sqlite3`` transaction (BEGIN IMMEDIATE ... COMMIT)
  inserting the same rows the service writes for such a sale: the sale,
  5 lines, 5 lot allocations, the payment, 5 stock movements and one
  journal event carrying those rows as JSON, hash-chained (the JSON and
  hashes made beforehand). It writes to a second copy of the stocked
  store, made at the same moment as the service's, with the same PRAGMAs
  (WAL, synchronous=FULL, foreign keys, busy timeout). The service also
  numbers the sale (document_sequence) and reads what it checks; the bare
  transaction does neither: it is the floor for writing those rows.
  Service and bare sales run in rounds taken in turn, so a slow spell of
  the disk falls on both.
* void a sale: ``Services.sales.void`` by the manager of ``VOIDS`` of
  those sales (every other one), against a bare ``sqlite3`` transaction
  voiding the same sale in the bare copy: its 5 stock movements back into
  the lots inserted, the sale's row updated (status, when, by whom, why)
  and one journal event carrying those rows as JSON, hash-chained (made
  beforehand). The service also reads what it checks (the sale, its shift,
  returns of it, the lots its lines took) and writes the audit entry.
  Rounds taken in turn, as the sales.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from report import Row, median, percentile

from charity_pos.db.engine import BUSY_TIMEOUT_MS
from charity_pos.domain.barcodes import in_store_code
from charity_pos.ledger.canonical import GENESIS, canonical_json, event_hash
from charity_pos.services.base import Actor, Role
from charity_pos.services.registry import Services
from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft

try:  # the sale screen's table model (charity_pos/ui/sales/model.py)
    from charity_pos.ui.sales.model import TicketModel
except ModuleNotFoundError as missing:  # not in this checkout: the scan-to-line rows are left out
    if missing.name not in ("charity_pos.ui.sales", "charity_pos.ui.sales.model"):
        raise
    TicketModel = None  # type: ignore[assignment,misc]

SCANS = 3_000
WARM_UP = 200
LOT_CODE_SHARE = 0.1
LINES_PER_TICKET = 20
SALES = 400
ROUNDS = 4
SALE_LINES = 5
VOIDS = 200
VOID_REASON = "顾客退单"
TILL = "B1"

BARE_SCAN = """
SELECT item.id, item.name, item.unit, item.sale_price_fen, item.source, item.active, category.code, hit.lot_id,
       (SELECT coalesce(sum(stock_movement.quantity), 0) FROM stock_movement
         WHERE stock_movement.item_id = item.id)
  FROM (SELECT stock_lot.item_id AS item_id, stock_lot.id AS lot_id FROM stock_lot WHERE stock_lot.barcode = :code
        UNION ALL
        SELECT item.id, NULL FROM item WHERE item.barcode = :code
        LIMIT 1) AS hit
  JOIN item ON item.id = hit.item_id
  JOIN category ON category.id = item.category_id
"""


@dataclass(frozen=True)
class Goods:
    item_id: str  # 32 hex digits, as stored
    lot_id: str
    name: str
    source: str
    price_fen: int


def _stored(at: datetime) -> str:
    """A UTC time as the app stores it: no zone, microseconds."""
    return at.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def _connect(path: Path) -> sqlite3.Connection:
    """A bare connection set up as the app sets up its own."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def stock_up(path: Path, rng: random.Random, user_id: str) -> tuple[list[Goods], list[str]]:
    """Give every item a bought lot (5 to 200 units) and a tenth of them a
    donated lot with its own code; returns the sellable goods (active items
    with their bought lot) and the lot codes of active items."""
    conn = _connect(path)
    try:
        items = conn.execute("SELECT id, name, source, sale_price_fen, active FROM item ORDER BY barcode").fetchall()
        now = _stored(datetime.now(UTC))
        lots, movements, goods, lot_codes = [], [], [], []
        serial = 0
        for item_id, name, source, price, active in items:
            lot_id = uuid.uuid4().hex
            quantity = rng.randint(5, 200)
            lots.append((lot_id, item_id, "purchase", "BM01-2026-R000001", None, quantity, now))
            movements.append((uuid.uuid4().hex, item_id, lot_id, quantity, "receipt", "BM01-2026-R000001", now))
            if active:
                goods.append(Goods(item_id, lot_id, name, source, price))
            if rng.random() < LOT_CODE_SHARE:
                serial += 1
                code = in_store_code(22, serial)
                lot_id = uuid.uuid4().hex
                quantity = rng.randint(1, 6)
                lots.append((lot_id, item_id, "donation", "BM01-2026-D000001", code, quantity, now))
                movements.append((uuid.uuid4().hex, item_id, lot_id, quantity, "donation", "BM01-2026-D000001", now))
                if active:
                    lot_codes.append(code)
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("""INSERT INTO stock_lot (id, item_id, origin, document, donation_line_id, barcode,
                            expiry_date, quantity_received, received_at) VALUES (?, ?, ?, ?, NULL, ?, NULL, ?, ?)""",
                         lots)
        conn.executemany(f"""INSERT INTO stock_movement (id, item_id, lot_id, quantity, reason, document, note,
                             user_id, at) VALUES (?, ?, ?, ?, ?, ?, '', '{user_id}', ?)""", movements)
        conn.execute("COMMIT")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return goods, lot_codes


def _timed(work: Callable[[str], object], codes: list[str]) -> list[float]:
    samples = []
    clock = time.perf_counter
    for code in codes:
        t0 = clock()
        work(code)
        samples.append(clock() - t0)
    return samples


def measure_scans(path: Path, rng: random.Random, lot_codes: list[str]) -> list[Row]:
    bare = _connect(path)
    services = Services.open(path)
    try:
        item_codes = [c for (c,) in bare.execute("SELECT barcode FROM item WHERE active ORDER BY barcode")]
        lots = round(SCANS * LOT_CODE_SHARE)
        codes = rng.sample(item_codes, SCANS - lots) + rng.sample(lot_codes, lots)
        rng.shuffle(codes)
        warm = rng.sample(item_codes, WARM_UP)

        def by_sql(code: str) -> object:
            return bare.execute(BARE_SCAN, {"code": code}).fetchone()

        def by_service(code: str) -> object:
            return services.sales.scan(code)

        for code in warm + codes[:20]:
            scanned, row = by_service(code), by_sql(code)
            assert row is not None and str(scanned.item_id).replace("-", "") == row[0]
            assert scanned.on_hand == row[8] and (scanned.lot_id is None) == (row[7] is None)
        service = _timed(by_service, codes)
        to_line: list[float] | None = None
        if TicketModel is not None:
            tickets: list[TicketModel] = []

            def scan_to_line(code: str) -> object:
                return tickets[-1].add(services.sales.scan(code))

            # a fresh ticket every LINES_PER_TICKET lines, made outside the timing
            to_line = []
            for start in range(0, len(codes), LINES_PER_TICKET):
                tickets.append(TicketModel())
                to_line += _timed(scan_to_line, codes[start:start + LINES_PER_TICKET])
            assert sum(len(t.lines()) for t in tickets) == len(codes)
        baseline = _timed(by_sql, codes)
    finally:
        services.close()
        bare.close()

    us = 1e6
    what = f"scan, {len(codes):,} codes ({lots} lot codes)"
    rows = [Row(f"{what}, median", median(service) * us, "us", median(baseline) * us),
            Row(f"{what}, p99", percentile(service, 99) * us, "us", percentile(baseline, 99) * us)]
    # --- scan + TicketModel.add ------------------------------------------------------------
    # Without charity_pos/ui/sales/model.py these two rows are left out and
    # run.py says so under the table.
    if to_line is not None:
        rows += [Row("scan + TicketModel.add, median", median(to_line) * us, "us", median(baseline) * us),
                 Row("scan + TicketModel.add, p99", percentile(to_line, 99) * us, "us",
                     percentile(baseline, 99) * us)]
    return rows


# --- completing sales ----------------------------------------------------------------------
@dataclass(frozen=True)
class Basket:
    ticket: uuid.UUID
    lines: tuple[tuple[Goods, int], ...]  # goods, quantity

    @property
    def total_fen(self) -> int:
        return sum(g.price_fen * q for g, q in self.lines)

    @property
    def tendered_fen(self) -> int:
        return -(-self.total_fen // 10_000) * 10_000  # the next ¥100 note

    def draft(self) -> SaleDraft:
        return SaleDraft(self.ticket, TILL, tuple(LineDraft(uuid.UUID(g.item_id), q) for g, q in self.lines),
                         (PaymentDraft("cash", self.tendered_fen),))


def baskets(rng: random.Random, goods: list[Goods], count: int) -> list[Basket]:
    """Five different goods a basket, none sold twice in the run (the lots
    never run dry, so every line takes exactly its one bought lot)."""
    picked = rng.sample(goods, count * SALE_LINES)
    return [Basket(uuid.UUID(int=rng.getrandbits(128), version=4),
                   tuple((g, rng.randint(1, 3)) for g in picked[i * SALE_LINES:(i + 1) * SALE_LINES]))
            for i in range(count)]


def _json(column: str, value: object) -> object:
    """A stored value as the journal writes it: ids as hyphenated UUIDs."""
    if isinstance(value, str) and (column == "id" or column.endswith("_id")):
        return str(uuid.UUID(value))
    return value


def bare_sales(baskets_: list[Basket], shift_id: str, cashier_id: str, head: tuple[int, str]
               ) -> list[list[tuple[str, dict[str, object]]]]:
    """Each sale as the rows the service inserts for it (table, column ->
    value as stored), ending with its journal event: those rows as JSON,
    chained from ``head``."""
    seq, prev = head
    sales = []
    for n, basket in enumerate(baskets_, start=1):
        now = datetime.now(UTC)
        at, at_json = _stored(now), now.isoformat(timespec="microseconds")
        number = f"BM01-2026-X{n:06d}"
        sale_id = uuid.uuid4().hex
        total, tendered = basket.total_fen, basket.tendered_fen
        rows: list[tuple[str, dict[str, object]]] = [("sale", {
            "id": sale_id, "number": number, "ticket_id": basket.ticket.hex, "shift_id": shift_id,
            "cashier_id": cashier_id, "completed_at": at, "subtotal_fen": total, "ticket_discount_fen": 0,
            "total_fen": total, "change_fen": tendered - total, "approved_by": None, "approval_reason": None,
            "status": "completed", "voided_at": None, "voided_by": None, "void_reason": None, "slip_prints": 0})]
        for line_no, (goods, quantity) in enumerate(basket.lines, start=1):
            line_id = uuid.uuid4().hex
            rows += [
                ("sale_line", {"id": line_id, "sale_id": sale_id, "line_no": line_no, "item_id": goods.item_id,
                               "name": goods.name, "source": goods.source, "quantity": quantity,
                               "list_price_fen": goods.price_fen, "unit_price_fen": goods.price_fen,
                               "discount_fen": 0, "ticket_discount_fen": 0, "amount_fen": goods.price_fen * quantity}),
                ("sale_line_lot", {"id": uuid.uuid4().hex, "sale_line_id": line_id, "lot_id": goods.lot_id,
                                   "quantity": quantity}),
                ("stock_movement", {"id": uuid.uuid4().hex, "item_id": goods.item_id, "lot_id": goods.lot_id,
                                    "quantity": -quantity, "reason": "sale", "document": number, "note": "",
                                    "user_id": cashier_id, "at": at}),
            ]
        rows.append(("payment", {"id": uuid.uuid4().hex, "sale_id": sale_id, "position": 1, "method": "cash",
                                 "amount_fen": total, "tendered_fen": tendered, "reference": ""}))
        changes = [{"op": "insert", "table": table, "id": _json("id", row["id"]),
                    "row": {k: at_json if v == at else _json(k, v) for k, v in row.items()}}
                   for table, row in rows]
        payload = canonical_json({"changes": changes, "facts": {"number": number, "till": TILL}})
        seq += 1
        event_uuid, actor = str(uuid.uuid4()), str(uuid.UUID(cashier_id))
        digest = event_hash(prev, seq, event_uuid, "sale.completed", at_json, actor, payload)
        rows.append(("journal_event", {"seq": seq, "uuid": event_uuid, "kind": "sale.completed", "at": at_json,
                                       "actor": actor, "payload": payload, "prev_hash": prev, "hash": digest}))
        prev = digest
        sales.append(rows)
    return sales


def _insert(table: str, row: dict[str, object]) -> str:
    return f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})"


def _settled(path: Path) -> None:
    """The WAL folded into the file, before the file is copied."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        conn.close()


def bare_voids(sales: list[list[tuple[str, dict[str, object]]]], manager_id: str, head: tuple[int, str]
               ) -> list[list[tuple[str, tuple[object, ...]]]]:
    """Each bare sale voided, as the statements (SQL, values) of its
    transaction: the movements back, the sale's update, the event chained
    from ``head``."""
    seq, prev = head
    voids = []
    for rows in sales:
        now = datetime.now(UTC)
        at, at_json = _stored(now), now.isoformat(timespec="microseconds")
        sale = dict(rows[0][1])
        statements: list[tuple[str, tuple[object, ...]]] = []
        changes = []
        for table, row in rows:
            if table != "stock_movement":
                continue
            back = {**row, "id": uuid.uuid4().hex, "quantity": -int(row["quantity"]),  # type: ignore[call-overload]
                    "reason": "void", "note": VOID_REASON, "user_id": manager_id, "at": at}
            statements.append((_insert("stock_movement", back), tuple(back.values())))
            changes.append({"op": "insert", "table": "stock_movement", "id": _json("id", back["id"]),
                            "row": {k: at_json if v == at else _json(k, v) for k, v in back.items()}})
        sale.update(status="voided", voided_at=at, voided_by=manager_id, void_reason=VOID_REASON)
        statements.append(("UPDATE sale SET status = ?, voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ?",
                           ("voided", at, manager_id, VOID_REASON, sale["id"])))
        changes.append({"op": "update", "table": "sale", "id": _json("id", sale["id"]),
                        "row": {k: at_json if v == at else _json(k, v) for k, v in sale.items()}})
        payload = canonical_json({"changes": changes, "facts": {"number": sale["number"], "reason": VOID_REASON}})
        seq += 1
        event_uuid, actor = str(uuid.uuid4()), str(uuid.UUID(manager_id))
        digest = event_hash(prev, seq, event_uuid, "sale.voided", at_json, actor, payload)
        event = {"seq": seq, "uuid": event_uuid, "kind": "sale.voided", "at": at_json, "actor": actor,
                 "payload": payload, "prev_hash": prev, "hash": digest}
        statements.append((_insert("journal_event", event), tuple(event.values())))
        prev = digest
        voids.append(statements)
    return voids


def measure_voids(services: Services, bare: sqlite3.Connection, manager: Actor, numbers: list[str],
                  bare_sales_: list[list[tuple[str, dict[str, object]]]]) -> list[Row]:
    """Void every other sale made by ``measure_sales`` (``VOIDS`` of them), the service's and the bare ones in turn."""
    head = bare.execute("SELECT seq, hash FROM journal_event ORDER BY seq DESC LIMIT 1").fetchone()
    chosen = list(range(0, len(numbers), 2))[:VOIDS]
    voids = bare_voids([bare_sales_[i] for i in chosen], manager.user_id.hex, (head[0], head[1]))

    def bare_void(statements: list[tuple[str, tuple[object, ...]]]) -> None:
        bare.execute("BEGIN IMMEDIATE")
        for sql, values in statements:
            bare.execute(sql, values)
        bare.execute("COMMIT")

    service_s: list[float] = []
    bare_s: list[float] = []
    per_round = len(chosen) // ROUNDS
    clock = time.perf_counter
    for r in range(ROUNDS):
        part = slice(r * per_round, (r + 1) * per_round)
        for i in chosen[part]:
            t0 = clock()
            services.sales.void(manager, numbers[i], VOID_REASON)
            service_s.append(clock() - t0)
        for statements in voids[part]:
            t0 = clock()
            bare_void(statements)
            bare_s.append(clock() - t0)
    ms = 1e3
    what = f"void a {SALE_LINES}-line sale, {len(service_s)} voids"
    return [Row(f"{what}, median", median(service_s) * ms, "ms", median(bare_s) * ms, digits=2),
            Row(f"{what}, p99", percentile(service_s, 99) * ms, "ms", percentile(bare_s, 99) * ms, digits=2)]


def measure_sales(service_path: Path, bare_path: Path, rng: random.Random, goods: list[Goods],
                  cashier: Actor, shift_id: str, manager: Actor) -> list[Row]:
    warm = 5
    planned = baskets(rng, goods, warm + SALES)
    services = Services.open(service_path)
    bare = _connect(bare_path)
    try:
        head = bare.execute("SELECT seq, hash FROM journal_event ORDER BY seq DESC LIMIT 1").fetchone()
        # The bare side inserts the same baskets into its copy, as the same rows.
        bare_rows = bare_sales(planned, shift_id, cashier.user_id.hex, (head[0], head[1]) if head else (0, GENESIS))
        statements = {table: _insert(table, row) for table, row in bare_rows[0]}
        prepared = [[(statements[table], tuple(row.values())) for table, row in sale] for sale in bare_rows]

        def bare_sale(inserts: list[tuple[str, tuple[object, ...]]]) -> None:
            bare.execute("BEGIN IMMEDIATE")
            for sql, values in inserts:
                bare.execute(sql, values)
            bare.execute("COMMIT")

        # A few of each first: connections opened, statements compiled.
        numbers: list[str] = []
        for basket, inserts in zip(planned[:warm], prepared[:warm], strict=True):
            numbers.append(services.sales.complete(cashier, basket.draft()).number)  # type: ignore[arg-type]
            bare_sale(inserts)
        service_s: list[float] = []
        bare_s: list[float] = []
        per_round = SALES // ROUNDS
        clock = time.perf_counter
        for r in range(ROUNDS):
            chosen = slice(warm + r * per_round, warm + (r + 1) * per_round)
            for basket in planned[chosen]:
                draft = basket.draft()
                t0 = clock()
                numbers.append(services.sales.complete(cashier, draft).number)  # type: ignore[arg-type]
                service_s.append(clock() - t0)
            for inserts in prepared[chosen]:
                t0 = clock()
                bare_sale(inserts)
                bare_s.append(clock() - t0)
        voided = measure_voids(services, bare, manager, numbers, bare_rows)
    finally:
        bare.close()
        services.close()
    # Both files hold the same sales, lines and stock taken.
    sold = []
    for path in (service_path, bare_path):
        conn = sqlite3.connect(path)
        try:
            sold.append(conn.execute("SELECT (SELECT count(*) FROM sale), (SELECT count(*) FROM sale_line),"
                                     " (SELECT sum(quantity) FROM stock_movement WHERE reason = 'sale'),"
                                     " (SELECT count(*) FROM sale WHERE status = 'voided'),"
                                     " (SELECT sum(quantity) FROM stock_movement WHERE reason = 'void')").fetchone())
        finally:
            conn.close()
    assert sold[0] == sold[1] and sold[0][1] == (warm + SALES) * SALE_LINES and sold[0][3] == VOIDS, sold
    ms = 1e3
    what = f"complete a {SALE_LINES}-line cash sale, {len(service_s)} sales"
    return [Row(f"{what}, median", median(service_s) * ms, "ms", median(bare_s) * ms, digits=2),
            Row(f"{what}, p99", percentile(service_s, 99) * ms, "ms", percentile(bare_s, 99) * ms, digits=2),
            *voided]


def measure(big_store: Path, folder: Path, rng: random.Random) -> list[Row]:
    """``big_store``: the look-up benchmark's store, read only here."""
    store = folder / "counter.sqlite3"
    shutil.copyfile(big_store, store)
    services = Services.open(store)
    try:
        manager = next(u for u in services.accounts.users() if u.username == "manager")
        changes = services.accounts.create_user(Actor(manager.id, "manager", Role.MANAGER), "cashier", "王丽华",
                                                Role.CASHIER, "1111")
        cashier = Actor(changes.ids[0], "cashier", Role.CASHIER)
    finally:
        services.close()
    goods, lot_codes = stock_up(store, rng, manager.id.hex)
    services = Services.open(store)
    try:
        shift_id = services.shifts.open(cashier, TILL, 20_000).ids[0].hex
    finally:
        services.close()
    _settled(store)
    bare_store = folder / "counter-bare.sqlite3"
    shutil.copyfile(store, bare_store)

    rows = measure_scans(store, rng, lot_codes)
    rows += measure_sales(store, bare_store, rng, goods, cashier, shift_id,
                          Actor(manager.id, "manager", Role.MANAGER))
    return rows


if __name__ == "__main__":  # alone: PYTHONPATH=$PWD python benchmarks/counter.py (about 2 minutes for the store)
    import os
    import tempfile

    import lookup
    from report import table

    with tempfile.TemporaryDirectory(prefix="charity-pos-counter-") as tmp:
        os.environ["CHARITY_POS_HOME"] = str(Path(tmp) / "home")  # key files and logs: not the user's
        rng = random.Random(20260101)
        big = Path(tmp) / "big.sqlite3"
        print(f"loading {lookup.ITEMS:,} items ...", flush=True)
        lookup.make_store(big, rng)
        print(table(measure(big, Path(tmp), rng)))
