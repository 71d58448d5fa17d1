"""Issue 6: a busy store's year sent to the district hub.

The store: the demo store (a real catalog, users, households, a shift, a
day of activity made through the services), then a year of synthetic but
correctly chained journal events appended in bulk to ``journal_event``:
``sale.completed`` (3 lines each: sale, 3 x (sale_line, sale_line_lot,
stock_movement), payment), ``donation.received`` (2-4 lines: donation,
n x (donation_line, stock_lot, stock_movement)) and ``handout.completed``
(2 lines: handout, 2 x (handout_line, handout_line_lot, stock_movement)),
in the payload shapes the services write, with the demo's real item, lot,
user, shift and household ids, fresh ids, numbers, times and amounts.
Making that year through the services would take hours.

Figures:
- export: ``StoreSync.export`` writing the whole journal (split into
  bundles of at most 50,000 events, the default), in a child process;
- import: ``import_bundles`` of those files in order into a fresh hub
  (``hub init`` + ``add-store`` first, untimed), on SQLite (a file, as the
  hub opens it: WAL, synchronous=FULL; in a child process) and on
  PostgreSQL (a throwaway local server, fsync off, as the tests run it), as
  events per second;
- memory: the peak resident set of the export's and the SQLite import's
  child process (``processes.spawn``), and the tracemalloc peak of Python
  allocations in another run of each, beside the bundles' size (ratio: peak
  / size). With ``CHARITY_POS_BENCH_10X=1`` the same for a store-year ten
  times busier (minutes: skipped otherwise, and said so).
Baselines, same run: export, a bare ``sqlite3`` SELECT of the same journal
rows with each line written as canonical JSON to a file; import, a bare
DBAPI ``executemany`` in one transaction of the same rows (every
``hub_event`` row and every projection row the import wrote, read back
from the imported hub) into the same tables of another fresh hub of the
same kind. The import and its bare insert are timed ``ROUNDS`` times each,
one after the other (import, bare, import, bare, ...), each into a fresh
hub, and compared by their medians: on a shared machine the bare insert of
the same rows alone varied several times over from run to run with the
state of the disk (its writes and syncs are most of both figures), so a
single pair said more about the moment than about the import.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import statistics
import sys
import time
import tracemalloc
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from processes import spawn
from report import Row

from charity_pos.services.store_file import open_store
from charity_pos.demo.builder import build_demo
from charity_pos.hub.engine import open_hub
from charity_pos.hub.importer import APPLIED, import_bundles
from charity_pos.hub.projections import ORDER as PROJECTIONS
from charity_pos.hub.service import add_store, init_hub
from charity_pos.ledger.canonical import canonical_json, event_hash
from charity_pos.ledger import seal
from charity_pos.ledger.journal import UNJOURNALED_OK
from charity_pos.services.base import ServiceContext
from charity_pos.sync.store_side import EVENT_COLUMNS, StoreSync

#: one year of a busy store (issue 6: at least 100,000 sales, 300,000 sale lines, 10,000 donations, 20,000 handouts)
SALES = 100_000
SALE_LINES = 3
DONATIONS = 10_000
HANDOUTS = 20_000
HANDOUT_LINES = 2
DAYS = 365
#: a year at the scale above; set by ``measure`` when scaled down
SCALE = 1.0
#: tables the import writes, in the order the baseline fills them: the events and every projection
HUB_TABLES = ("hub_event", *(model.__tablename__ for model in PROJECTIONS))
INSERT_BATCH = 2_000
#: the import and the bare insert each timed this many times, alternately; their medians are compared
ROUNDS = 3
#: the environment variable that asks for the store-year ten times busier
TEN_TIMES = "CHARITY_POS_BENCH_10X"
#: a child process of the 10x case may take this long
CHILD_TIMEOUT_S = 3 * 3600


def _uid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _at(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="microseconds")


class _Catalog:
    """The demo store's real rows the synthetic events refer to."""

    def __init__(self, path: Path) -> None:
        conn = sqlite3.connect(path)
        try:
            def ids(sql: str) -> list[Any]:
                return conn.execute(sql).fetchall()

            hx = lambda h: str(uuid.UUID(h))
            self.items = [(hx(i), name, unit, price, source, cat) for i, name, unit, price, source, cat in ids(
                "SELECT item.id, item.name, item.unit, item.sale_price_fen, item.source, category.code "
                "FROM item JOIN category ON category.id = item.category_id ORDER BY item.id")]
            lots: dict[str, list[str]] = {}
            for lot, item in ids("SELECT id, item_id FROM stock_lot ORDER BY id"):
                lots.setdefault(hx(item), []).append(hx(lot))
            self.lots = lots
            self.stocked = [it for it in self.items if it[0] in lots]
            self.cashiers = [hx(i) for (i,) in ids("SELECT id FROM app_user WHERE role = 'cashier' ORDER BY id")]
            self.managers = [hx(i) for (i,) in ids("SELECT id FROM app_user WHERE role = 'manager' ORDER BY id")]
            self.shifts = [hx(i) for (i,) in ids("SELECT id FROM cash_shift ORDER BY id")]
            self.households = [hx(i) for (i,) in ids("SELECT id FROM household ORDER BY id")]
            self.donors = [hx(i) for (i,) in ids("SELECT id FROM donor ORDER BY id")]
            self.code = conn.execute("SELECT code FROM store").fetchone()[0]
            self.head = conn.execute("SELECT seq, hash, at FROM journal_event ORDER BY seq DESC LIMIT 1").fetchone()
        finally:
            conn.close()


class _Year:
    """Payloads of a year's events, in the shapes the services write."""

    def __init__(self, cat: _Catalog, rng: random.Random) -> None:
        self.cat, self.rng = cat, rng
        self.numbers = {"S": 1000, "D": 1000, "H": 1000}
        self.barcode = 2300000000000
        self.lines = {"sale": 0, "donation": 0, "handout": 0}

    def _number(self, letter: str, at: datetime) -> str:
        self.numbers[letter] += 1
        return f"{self.cat.code}-{at.year}-{letter}{self.numbers[letter]:06d}"

    def _movement(self, at: str, number: str, item: str, lot: str, quantity: int, reason: str,
                  user: str) -> dict[str, Any]:
        return {"op": "insert", "table": "stock_movement", "id": _uid(self.rng), "row": {
            "at": at, "document": number, "id": None, "item_id": item, "lot_id": lot, "note": "",
            "quantity": quantity, "reason": reason, "user_id": user}}

    @staticmethod
    def _fill_id(change: dict[str, Any]) -> dict[str, Any]:
        change["row"]["id"] = change["id"]
        return change

    def sale(self, when: datetime) -> tuple[str, str, str]:
        rng, cat = self.rng, self.cat
        at, cashier, number = _at(when), rng.choice(cat.cashiers), self._number("S", when)
        sale_id = _uid(rng)
        changes: list[dict[str, Any]] = []
        subtotal = 0
        for line_no, (item, name, _unit, price, source, _c) in enumerate(rng.sample(cat.stocked, SALE_LINES), 1):
            quantity = 1 if rng.random() < 0.8 else rng.randint(2, 3)
            discount = 0 if rng.random() < 0.9 else price // 5
            amount = (price - discount) * quantity
            subtotal += amount
            line_id, lot = _uid(rng), rng.choice(cat.lots[item])
            changes.append({"op": "insert", "table": "sale_line", "id": line_id, "row": {
                "amount_fen": amount, "discount_fen": discount * quantity, "id": line_id, "item_id": item,
                "line_no": line_no, "list_price_fen": price, "name": name, "quantity": quantity, "sale_id": sale_id,
                "source": source, "ticket_discount_fen": 0, "unit_price_fen": price}})
            link = _uid(rng)
            changes.append({"op": "insert", "table": "sale_line_lot", "id": link, "row": {
                "id": link, "lot_id": lot, "quantity": quantity, "sale_line_id": line_id}})
            changes.append(self._fill_id(self._movement(at, number, item, lot, -quantity, "sale", cashier)))
        self.lines["sale"] += SALE_LINES
        method = rng.choices(("cash", "wechat", "alipay", "unionpay"), (4, 3, 2, 1))[0]
        tendered = -(-subtotal // 5000) * 5000 if method == "cash" else subtotal
        reference = "" if method == "cash" else f"{rng.getrandbits(80):024d}"[:28]
        payment = _uid(rng)
        changes.append({"op": "insert", "table": "payment", "id": payment, "row": {
            "amount_fen": subtotal, "id": payment, "method": method, "position": 1, "reference": reference,
            "sale_id": sale_id, "tendered_fen": tendered}})
        sale = {"op": "insert", "table": "sale", "id": sale_id, "row": {
            "approval_reason": None, "approved_by": None, "cashier_id": cashier, "change_fen": tendered - subtotal,
            "completed_at": at, "id": sale_id, "number": number, "shift_id": rng.choice(cat.shifts),
            "slip_prints": 0, "status": "completed", "subtotal_fen": subtotal, "ticket_discount_fen": 0,
            "ticket_id": _uid(rng), "total_fen": subtotal, "void_reason": None, "voided_at": None, "voided_by": None}}
        payload = canonical_json({"changes": [sale, *changes], "facts": {"number": number, "till": "1"}})
        return "sale.completed", cashier, payload

    def donation(self, when: datetime) -> tuple[str, str, str]:
        rng, cat = self.rng, self.cat
        at, clerk, number = _at(when), rng.choice(cat.cashiers), self._number("D", when)
        donation_id = _uid(rng)
        changes: list[dict[str, Any]] = []
        total = 0
        lines = rng.randint(2, 4)
        for line_no, (item, _name, unit, price, _source, _c) in enumerate(rng.sample(cat.items, lines), 1):
            quantity = rng.randint(1, 6)
            valued = rng.random() < 0.6
            value = price if valued else None
            total += (value or 0) * quantity
            line_id, lot = _uid(rng), _uid(rng)
            changes.append({"op": "insert", "table": "donation_line", "id": line_id, "row": {
                "condition": rng.choice(("new", "as_new", "good_used")), "donation_id": donation_id,
                "expiry_date": None, "id": line_id, "item_id": item, "line_no": line_no, "quantity": quantity,
                "unit": unit, "unit_value_fen": value, "valuation": "market" if valued else "unvalued"}})
            self.barcode += 1
            changes.append({"op": "insert", "table": "stock_lot", "id": lot, "row": {
                "barcode": str(self.barcode), "document": number, "donation_line_id": line_id,
                "expiry_date": None, "id": lot, "item_id": item, "origin": "donation",
                "quantity_received": quantity, "received_at": at}})
            changes.append(self._fill_id(self._movement(at, number, item, lot, quantity, "donation", clerk)))
        self.lines["donation"] += lines
        donor = rng.choice(cat.donors) if cat.donors and rng.random() < 0.5 else None
        donation = {"op": "insert", "table": "donation", "id": donation_id, "row": {
            "cash_fen": 0, "cash_method": None, "donor_id": donor, "id": donation_id, "number": number,
            "received_at": at, "received_by": clerk, "total_value_fen": total, "wants_receipt": donor is not None}}
        return "donation.received", clerk, canonical_json({"changes": [donation, *changes], "facts": {"number": number}})

    def handout(self, when: datetime) -> tuple[str, str, str]:
        rng, cat = self.rng, self.cat
        at, cashier, number = _at(when), rng.choice(cat.cashiers), self._number("H", when)
        handout_id, period = _uid(rng), when.strftime("%Y-%m")
        changes: list[dict[str, Any]] = []
        total = 0
        for line_no, (item, name, _unit, price, source, category) in enumerate(
                rng.sample(cat.stocked, HANDOUT_LINES), 1):
            quantity = rng.randint(1, 2)
            total += price * quantity
            line_id, lot, link = _uid(rng), rng.choice(cat.lots[item]), _uid(rng)
            changes.append({"op": "insert", "table": "handout_line", "id": line_id, "row": {
                "goods_category": category, "handout_id": handout_id, "id": line_id, "item_id": item,
                "line_no": line_no, "name": name, "quantity": quantity, "source": source, "unit_value_fen": price,
                "value_fen": price * quantity}})
            changes.append({"op": "insert", "table": "handout_line_lot", "id": link, "row": {
                "handout_line_id": line_id, "id": link, "lot_id": lot, "quantity": quantity}})
            changes.append(self._fill_id(self._movement(at, number, item, lot, -quantity, "handout", cashier)))
        self.lines["handout"] += HANDOUT_LINES
        handout = {"op": "insert", "table": "handout", "id": handout_id, "row": {
            "allowance_fen": 8500, "approved_by": None, "at": at, "cashier_id": cashier,
            "household_id": rng.choice(cat.households), "id": handout_id, "mode": "enforce", "number": number,
            "over_allowance": total > 8500, "override_reason": None, "period_key": period, "slip_prints": 0,
            "ticket_id": _uid(rng), "total_value_fen": total, "used_before_fen": 0}}
        facts = {"number": number, "period": period}
        return "handout.completed", cashier, canonical_json({"changes": [handout, *changes], "facts": facts})


def make_busy_store(tmp: Path, rng: random.Random, scale: float) -> tuple[Path, dict[str, int], float]:
    """The demo store plus a (scaled) year of events appended to its journal:
    its path, the counts made, and the seconds the appending took."""
    path = tmp / "busy-store.sqlite3"
    build_demo(path, days=1)
    cat = _Catalog(path)
    year = _Year(cat, rng)
    counts = {"sales": round(SALES * scale), "donations": round(DONATIONS * scale),
              "handouts": round(HANDOUTS * scale)}
    kinds = ["S"] * counts["sales"] + ["D"] * counts["donations"] + ["H"] * counts["handouts"]
    rng.shuffle(kinds)
    makers: dict[str, Callable[[datetime], tuple[str, str, str]]] = {
        "S": year.sale, "D": year.donation, "H": year.handout}
    began = time.perf_counter()
    seq, prev, last_at = cat.head
    start = datetime.fromisoformat(last_at).astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    days = max(1, round(DAYS * scale))
    per_day = -(-len(kinds) // days)
    # Opening hours 09:00-17:00 in Shanghai, 01:00-09:00 UTC; the events of a day in order.
    step = 8 * 3600 / per_day
    sql = ("INSERT INTO journal_event (seq, uuid, kind, at, actor, payload, prev_hash, hash) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
    db = open_store(path)
    try:
        conn = db.engine.connect().execution_options(**{UNJOURNALED_OK: True})
        batch: list[tuple[Any, ...]] = []
        with conn.begin():
            for n, letter in enumerate(kinds):
                day, slot = divmod(n, per_day)
                when = start + timedelta(days=day + 1, hours=1, seconds=slot * step + rng.random() * step * 0.9)
                kind, actor, payload = makers[letter](when)
                seq += 1
                event_uuid, at = _uid(rng), _at(when)
                digest = event_hash(prev, seq, event_uuid, kind, at, actor, payload)
                batch.append((seq, event_uuid, kind, at, actor, payload, prev, digest))
                prev = digest
                if len(batch) >= INSERT_BATCH:
                    conn.exec_driver_sql(sql, batch)
                    batch = []
            if batch:
                conn.exec_driver_sql(sql, batch)
            seal.reseal(conn)  # the journal's new head, sealed as the app seals it
        conn.close()
        db.checkpoint()
    finally:
        db.close()
    counts["sale_lines"] = year.lines["sale"]
    counts["donation_lines"] = year.lines["donation"]
    counts["handout_lines"] = year.lines["handout"]
    counts["events"] = seq
    counts["days"] = days
    return path, counts, time.perf_counter() - began


# --- export and import, each in a child process ----------------------------------------------------------
def _child(mode: str, *args: str, trace: bool = False) -> dict[str, Any]:
    """Run this module's ``mode`` in a child process: what it printed, with its
    peak resident set (``rss_mb``); ``trace``: under tracemalloc, whose peak it
    reports (``traced_mb``; its timing is then not the figure)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (str(Path(__file__).resolve().parents[1]),
                                                                  os.environ.get("PYTHONPATH", "")) if p))
    if trace:
        env["CHARITY_POS_BENCH_TRACE"] = "1"
    run = spawn([sys.executable, str(Path(__file__).resolve()), mode, *args], env, timeout=CHILD_TIMEOUT_S)
    out = json.loads(run.stdout.strip().splitlines()[-1])
    # The child's own high-water mark: wait4's maximum carries over the parent's (Linux keeps the larger of
    # the old and new memory's peaks across the fork and exec that start a child).
    out["rss_mb"] = out.pop("hwm_mb", None) or run.peak_mb
    return out  # type: ignore[no-any-return]


def _high_water_mb() -> float | None:
    """This process's peak resident set (VmHWM), where the system says it."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _export_child(store: Path, out: Path, *, trace: bool = False) -> dict[str, Any]:
    """The whole journal exported again (``--from-seq 1``) in a child process."""
    out.mkdir(exist_ok=True)
    return _child("export", str(store), str(out), trace=trace)


def _export(store: Path, out: Path) -> tuple[list[Path], float]:
    """The whole journal exported here: the bundles in order, and the seconds it took."""
    done = _export_here(store, out)
    return [Path(p) for p in done["paths"]], done["seconds"]


def _export_here(store: Path, out: Path) -> dict[str, Any]:
    db = open_store(store)
    try:
        began = time.perf_counter()
        result = StoreSync(ServiceContext(db)).export(out, from_seq=1)
        took = time.perf_counter() - began
    finally:
        db.close()
    return {"seconds": took, "events": result.events, "paths": [str(p) for p in result.paths]}


def _import_here(url: str, paths: list[str]) -> dict[str, Any]:
    with open_hub(url) as hub:
        began = time.perf_counter()
        results = import_bundles(hub, [Path(p) for p in paths])
        took = time.perf_counter() - began
    refused = [r for r in results if r.status != APPLIED]
    if refused:
        raise RuntimeError(f"the import was not applied: {refused[0]}")
    return {"seconds": took, "events": sum(r.events for r in results)}


def _bare_export(store: Path, out: Path) -> float:
    """The same rows read by a bare sqlite3 SELECT, each written as the same canonical JSON line."""
    began = time.perf_counter()
    conn = sqlite3.connect(store)
    try:
        with out.open("wb") as fh:
            for row in conn.execute(f"SELECT {', '.join(EVENT_COLUMNS)} FROM journal_event ORDER BY seq"):
                fh.write((canonical_json(dict(zip(EVENT_COLUMNS, row))) + "\n").encode("utf-8"))
    finally:
        conn.close()
    return time.perf_counter() - began


# --- import --------------------------------------------------------------------------------------------
def _fresh_hub(url: str, registration: Path, tmp: Path) -> None:
    init_hub(url, "静安区")
    with open_hub(url) as hub:
        add_store(hub, registration, tmp / f"trust-{uuid.uuid4().hex[:8]}.json")


def _import_child(url: str, paths: list[str], registration: Path, tmp: Path, *, trace: bool = False) -> dict[str, Any]:
    """The bundles imported in order into a fresh hub, in a child process."""
    _fresh_hub(url, registration, tmp)
    return _child("import", url, *paths, trace=trace)


def _import(url: str, bundles: Path | list[Path], registration: Path, tmp: Path) -> float:
    """The bundles imported in order into a fresh hub, here: the seconds it took."""
    _fresh_hub(url, registration, tmp)
    paths = [bundles] if isinstance(bundles, Path) else bundles
    return float(_import_here(url, [str(p) for p in paths])["seconds"])
def _bare_import(source_url: str, url: str, registration: Path, tmp: Path) -> tuple[float, int]:
    """Every row the import wrote into the hub's tables, read back from that
    hub, then inserted into another fresh hub by one bare DBAPI transaction
    of executemany: the seconds that took and the rows."""
    _fresh_hub(url, registration, tmp)
    with open_hub(source_url) as source, open_hub(url) as target:
        read = source.engine.raw_connection()
        raw = target.engine.raw_connection()
        try:
            sqlite = target.is_sqlite
            mark = "?" if sqlite else "%s"
            tables = []
            for table in HUB_TABLES:
                cur = read.cursor()
                cur.execute(f"SELECT * FROM {table}")
                columns = [d[0] for d in cur.description]
                tables.append((table, columns, cur.fetchall()))
                cur.close()
            read.rollback()
            cur = raw.cursor()
            rows = 0
            began = time.perf_counter()
            if sqlite:
                cur.execute("BEGIN IMMEDIATE")
            for table, columns, data in tables:
                cur.executemany(f"INSERT INTO {table} ({', '.join(columns)}) "
                                f"VALUES ({', '.join([mark] * len(columns))})", data)
                rows += len(data)
            raw.commit()
            took = time.perf_counter() - began
            cur.close()
        finally:
            read.close()
            raw.close()
    return took, rows


def _seconds(runs: list[float]) -> str:
    """Each run's seconds, and their median."""
    return f"{' / '.join(f'{run:.1f}' for run in runs)} s (median {statistics.median(runs):.1f} s)"


def _drop_sqlite(path: Path) -> None:
    """A hub file measured, removed with its WAL (a year's hub is most of a GB)."""
    for part in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        part.unlink(missing_ok=True)


def _memory_rows(label: str, store: Path, registration: Path, work: Path, tag: str,
                 progress: Callable[[str], None]) -> tuple[list[Row], dict[str, Any]]:
    """Export and SQLite import of ``store`` in child processes: time, peak RSS, tracemalloc peak."""
    exported = _export_child(store, work / f"out-{tag}")
    traced_export = _export_child(store, work / f"out-{tag}-traced", trace=True)
    paths = exported["paths"]
    size_mb = sum(Path(p).stat().st_size for p in paths) / 1e6
    largest_mb = max(Path(p).stat().st_size for p in paths) / 1e6
    events = exported["events"]
    progress(f"{label}: export {exported['seconds']:.1f} s into {len(paths)} bundle(s), {size_mb:,.0f} MB "
             f"(largest {largest_mb:,.0f} MB); peak RSS {exported['rss_mb']:,.0f} MB, "
             f"tracemalloc peak {traced_export['traced_mb']:,.0f} MB")
    url = f"sqlite:///{work / f'hub-{tag}.sqlite3'}"
    imported = _import_child(url, paths, registration, work)
    traced = _import_child(f"sqlite:///{work / f'hub-{tag}-traced.sqlite3'}", paths, registration, work, trace=True)
    progress(f"{label}: SQLite import {imported['seconds']:.1f} s ({events / imported['seconds']:,.0f} events/s); "
             f"peak RSS {imported['rss_mb']:,.0f} MB, tracemalloc peak {traced['traced_mb']:,.0f} MB")
    bundles = f"{events:,} events, {len(paths)} bundle(s), {size_mb:,.0f} MB"
    rows = [
        Row(f"sync: export peak RSS, {label} (MB; baseline: the bundles' size, {bundles})", exported["rss_mb"], "MB",
            size_mb, 0),
        Row(f"sync: export tracemalloc peak, {label} (MB; baseline: the bundles' size)", traced_export["traced_mb"],
            "MB", size_mb, 0),
        Row(f"sync: SQLite import peak RSS, {label} (MB; baseline: the bundles' size)", imported["rss_mb"], "MB",
            size_mb, 0),
        Row(f"sync: SQLite import tracemalloc peak, {label} (MB; baseline: the bundles' size)", traced["traced_mb"],
            "MB", size_mb, 0),
    ]
    return rows, {"export": exported, "import": imported, "url": url, "paths": paths, "size_mb": size_mb}


def measure(tmp: Path, rng: random.Random, *, scale: float = SCALE,
            progress: Callable[[str], None] = lambda _s: None) -> tuple[list[Row], dict[str, Any]]:
    work = tmp / "sync"
    work.mkdir()
    store, counts, made_s = make_busy_store(work, rng, scale)
    progress(f"{counts['events']:,} journal events ({counts['sales']:,} sales, {counts['sale_lines']:,} sale lines, "
             f"{counts['donations']:,} donations, {counts['handouts']:,} handouts) appended in {made_s:.1f} s")
    db = open_store(store)
    try:
        registration = StoreSync(ServiceContext(db)).write_registration(work / "registration.json")
    finally:
        db.close()
    events = counts["events"]
    size = "a year" if scale == 1 else f"{scale:g} of a year ({counts['days']} days)"
    label = (f"{size}: {counts['sales']:,} sales/{counts['sale_lines']:,} lines, {counts['donations']:,} donations, "
             f"{counts['handouts']:,} handouts")
    memory, run = _memory_rows("busy store-year" if scale == 1 else size, store, registration, work, "1x", progress)
    export_s = run["export"]["seconds"]
    bare_export_s = _bare_export(store, work / "bare-events.jsonl")
    rows = [
        Row(f"sync: export bundles, {label} (s)", export_s, "s", bare_export_s, 1),
        Row(f"sync: bundle files, {events:,} events (MB; baseline: bare JSON lines)", run["size_mb"], "MB",
            (work / "bare-events.jsonl").stat().st_size / 1e6, 0),
    ]
    info: dict[str, Any] = dict(counts, made_s=made_s, bundles=len(run["paths"]))

    sqlite_url, paths = run["url"], run["paths"]
    imports, bares = [run["import"]["seconds"]], []
    hub_rows = 0
    for round_ in range(ROUNDS):
        bare_hub = work / f"bare-hub-{round_}.sqlite3"
        bare_s, hub_rows = _bare_import(sqlite_url, f"sqlite:///{bare_hub}", registration, work)
        bares.append(bare_s)
        _drop_sqlite(bare_hub)
        if len(imports) < ROUNDS:
            again = work / f"hub-again-{round_}.sqlite3"
            imports.append(_import_child(f"sqlite:///{again}", paths, registration, work)["seconds"])
            _drop_sqlite(again)
    progress(f"SQLite hub: import {_seconds(imports)}, bare insert of its {hub_rows:,} rows {_seconds(bares)}")
    rows.append(Row(f"sync: import into SQLite hub, {events:,} events (events/s; medians of {ROUNDS} runs)",
                    events / statistics.median(imports), "events/s", events / statistics.median(bares), 0))
    info["hub_rows"] = hub_rows
    info["sqlite_import_s"], info["sqlite_bare_s"] = imports, bares

    try:
        root = str(Path(__file__).resolve().parents[1])
        if root not in sys.path:
            sys.path.append(root)
        from tests.hub.conftest import TempPostgres

        with TempPostgres() as pg:
            imports, bares = [], []
            for round_ in range(ROUNDS):
                name, url = pg.new_database(f"bench_hub{round_}")
                bare_name, bare_url = pg.new_database(f"bench_bare{round_}")
                imports.append(_import(url, [Path(p) for p in paths], registration, work))
                bare_s, hub_rows = _bare_import(url, bare_url, registration, work)
                bares.append(bare_s)
                pg.drop_database(name)
                pg.drop_database(bare_name)
            progress(f"PostgreSQL hub: import {_seconds(imports)}, bare insert of its {hub_rows:,} rows "
                     f"{_seconds(bares)}")
            rows.append(Row(f"sync: import into PostgreSQL hub, {events:,} events (events/s; medians of {ROUNDS} "
                            "runs)", events / statistics.median(imports), "events/s", events / statistics.median(bares),
                            0))
            info["postgres_import_s"], info["postgres_bare_s"] = imports, bares
    except Exception as exc:  # noqa: BLE001 -- no server on this machine: say so under the table
        info["postgres"] = f"{type(exc).__name__}: {exc}"
        progress(f"PostgreSQL not measured: {info['postgres']}")
    rows += memory

    if os.environ.get(TEN_TIMES) == "1":
        (work / "10x").mkdir()
        big, big_counts, big_made_s = make_busy_store(work / "10x", rng, scale * 10)
        progress(f"ten times busier: {big_counts['events']:,} journal events appended in {big_made_s:.1f} s")
        db = open_store(big)
        try:
            big_registration = StoreSync(ServiceContext(db)).write_registration(work / "registration-10x.json")
        finally:
            db.close()
        big_rows, big_run = _memory_rows("a store-year ten times busier", big, big_registration, work / "10x", "10x",
                                         progress)
        rows += big_rows
        ten_events = big_run["export"]["events"]
        rows.append(Row(f"sync: import into SQLite hub, ten times busier, {ten_events:,} events (events/s; "
                        "baseline: the busy store-year's)", ten_events / big_run["import"]["seconds"], "events/s",
                        events / run["import"]["seconds"], 0))
        info["10x"] = big_counts["events"]
    else:
        info["10x"] = "skipped"
        progress(f"a store-year ten times busier: skipped (it takes many minutes; set {TEN_TIMES}=1 to measure it)")
    return rows, info


def _main(argv: list[str]) -> int:
    """A child process's work (``_child``): ``export STORE OUT`` or ``import URL BUNDLE...``; one JSON line.
    Or ``--scale S`` alone: these figures by themselves, at that scale (``python sync.py --scale 0.05``)."""
    if not argv or argv[0] == "--scale":
        return _figures(float(argv[1]) if len(argv) > 1 else SCALE)
    trace = os.environ.get("CHARITY_POS_BENCH_TRACE") == "1"
    if trace:
        tracemalloc.start()
    if argv[0] == "export":
        out = _export_here(Path(argv[1]), Path(argv[2]))
    else:
        out = _import_here(argv[1], argv[2:])
    if trace:
        out["traced_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
    out["hwm_mb"] = _high_water_mb()
    print(json.dumps(out))
    return 0


def _figures(scale: float) -> int:
    import tempfile

    from report import table

    with tempfile.TemporaryDirectory(prefix="charity-pos-bench-sync-") as tmp:
        os.environ.setdefault("CHARITY_POS_HOME", str(Path(tmp) / "home"))
        rows, info = measure(Path(tmp), random.Random(20260101), scale=scale,
                             progress=lambda line: print(f"  {line}", flush=True))
    print(table(rows))
    print(f"  {info}")
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
