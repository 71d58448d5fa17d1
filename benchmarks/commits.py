"""Journal-appending commits per second: one new item per service call.

Figure: ``Services.catalog.create_item``, each call one transaction that
checks the draft, inserts the item and appends one hash-chained journal
event. Baseline: a bare ``sqlite3`` INSERT + COMMIT of the same rows (same
columns, values in the form the service stores them) into a copy of the
store's schema, in a file with the same PRAGMAs (WAL, synchronous=FULL,
foreign keys, busy timeout).
A second baseline writes what the service's transaction writes besides
the item: the same item row, its journal event (the JSON and hashes made
beforehand, chained as the journal chains them) and a seal row of the
store's size (one INSERT OR REPLACE). It is the floor for those bytes;
the first is the floor for the item alone. All three make one fsync per
commit (the WAL's, synchronous=FULL); the service and the second baseline
write about twice the WAL pages of the first (the journal's row and its
two unique indexes, the seal's row), so they also checkpoint twice as often.
All run in rounds taken in turn, so a slow spell of the disk falls on each.

Alone: ``PYTHONPATH=$PWD python benchmarks/commits.py [rounds]`` (one line per
round, then the table row).
"""

from __future__ import annotations

import random
import sqlite3
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from catalog_data import barcodes, names
from report import Row

from charity_pos.db.engine import BUSY_TIMEOUT_MS
from charity_pos.domain import pinyin
from charity_pos.ledger.canonical import GENESIS, canonical_json, event_hash
from charity_pos.services.catalog import ItemDraft, Source
from charity_pos.services.registry import Services
from charity_pos.services.store import init_store

COMMITS = 300
ROUNDS = 3

BARE_INSERT = """
INSERT INTO item (id, name, pinyin_initials, pinyin_full, category_id, unit, barcode,
                  sale_price_fen, reference_price_fen, source, active, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""


def _drafts(rng: random.Random, count: int) -> list[ItemDraft]:
    pool = names()
    codes, _ = barcodes(rng, count, 0)
    drafts = []
    for code in codes:
        name = rng.choice(pool)
        price = rng.randrange(100, 50_000, 10)
        drafts.append(ItemDraft(name.text, name.category_code, name.unit, price, price + 500, code, Source.DONATED))
    return drafts


def _bare_copy(store: Path, path: Path) -> sqlite3.Connection:
    """An empty file with the store's schema and categories, set up as the app
    sets up its connections."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    source = sqlite3.connect(store)
    try:
        schema = [sql for (sql,) in source.execute(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid")]
        categories = source.execute("SELECT id, code, name, sort_order FROM category").fetchall()
    finally:
        source.close()
    for sql in schema:
        conn.execute(sql)
    conn.executemany("INSERT INTO category (id, code, name, sort_order) VALUES (?, ?, ?, ?)", categories)
    return conn


def _bare_rows(conn: sqlite3.Connection, drafts: list[ItemDraft]) -> list[tuple]:
    """The rows as the service stores them: UUIDs as 32 hex digits, UTC
    times without a zone, booleans as 0/1."""
    category = dict(conn.execute("SELECT code, id FROM category"))
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    return [
        (uuid.uuid4().hex, d.name, pinyin.initials(d.name), pinyin.full(d.name), category[d.category_code], d.unit,
         d.barcode, d.sale_price_fen, d.reference_price_fen, d.source.value, int(d.active), now, now)
        for d in drafts
    ]


JOURNAL_INSERT = """
INSERT INTO journal_event (seq, uuid, kind, at, actor, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
"""
SEAL_REPLACE = "INSERT OR REPLACE INTO store_seal (id, body, mac) VALUES (1, ?, ?)"


def _json_time(stored: str) -> str:
    return datetime.fromisoformat(stored).replace(tzinfo=UTC).isoformat(timespec="microseconds")


def _same_rows(conn: sqlite3.Connection, rows: list[tuple], store: Path, actor: str) -> list[tuple[tuple, ...]]:
    """Per item, what the service's transaction writes: the item row, its
    journal event as the journal builds it (chained from the file's head),
    and a seal row as long as the store's (its text made beforehand)."""
    source = sqlite3.connect(store)
    try:
        body, mac = source.execute("SELECT body, mac FROM store_seal WHERE id = 1").fetchone()
    finally:
        source.close()
    head = conn.execute("SELECT seq, hash FROM journal_event ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = head if head else (0, GENESIS)
    columns = ("id", "name", "pinyin_initials", "pinyin_full", "category_id", "unit", "barcode", "sale_price_fen",
               "reference_price_fen", "source", "active", "created_at", "updated_at")
    out = []
    for row in rows:
        item = dict(zip(columns, row, strict=True))
        at = _json_time(item["created_at"])
        snapshot = {**item, "id": str(uuid.UUID(item["id"])), "category_id": str(uuid.UUID(item["category_id"])),
                    "active": bool(item["active"]), "created_at": at, "updated_at": at}
        payload = canonical_json({"changes": [{"op": "insert", "table": "item", "id": snapshot["id"],
                                               "row": snapshot}], "facts": {}})
        seq += 1
        event_uuid = str(uuid.uuid4())
        digest = event_hash(prev, seq, event_uuid, "item.created", at, actor, payload)
        seal_body = body.replace(body[body.index('"journal":'):body.index("]", body.index('"journal":')) + 1],
                                 canonical_json({"journal": [seq, digest]})[1:-1])
        out.append((row, (seq, event_uuid, "item.created", at, actor, payload, prev, digest), (seal_body, mac)))
        prev = digest
    return out


def measure(folder: Path, rng: random.Random, *, show_rounds: bool = False) -> list[Row]:
    store = folder / "commits.sqlite3"
    db = init_store(store, store_code="BM01", name="基准门店", district="静安区", manager_pin="9999")
    services = Services.for_db(db)
    bare = _bare_copy(store, folder / "bare.sqlite3")
    same = _bare_copy(store, folder / "bare-same-rows.sqlite3")
    try:
        actor = services.accounts.login("manager", "9999")
        drafts = _drafts(rng, 1 + COMMITS)
        rows = _bare_rows(bare, drafts)
        # the same item rows in both bare files (the categories' ids are the store's in both)
        writes = _same_rows(same, rows, store, str(actor.user_id))
        # One of each first: connections opened, statements compiled.
        services.catalog.create_item(actor, drafts[0])
        bare.execute("BEGIN IMMEDIATE")
        bare.execute(BARE_INSERT, rows[0])
        bare.execute("COMMIT")
        _write_same(same, writes[0])
        per_round = COMMITS // ROUNDS
        service_s = bare_s = same_s = 0.0
        done = 0
        for r in range(ROUNDS):
            start = 1 + r * per_round
            t0 = time.perf_counter()
            for draft in drafts[start:start + per_round]:
                services.catalog.create_item(actor, draft)
            t1 = time.perf_counter()
            for row in rows[start:start + per_round]:
                bare.execute("BEGIN IMMEDIATE")
                bare.execute(BARE_INSERT, row)
                bare.execute("COMMIT")
            t2 = time.perf_counter()
            for write in writes[start:start + per_round]:
                _write_same(same, write)
            t3 = time.perf_counter()
            service_s += t1 - t0
            bare_s += t2 - t1
            same_s += t3 - t2
            done += per_round
            if show_rounds:
                print(f"round {r + 1}: service {(t1 - t0) / per_round * 1e3:.2f} ms, bare {(t2 - t1) / per_round * 1e3:.2f}"
                      f" ms ({(t2 - t1) / (t1 - t0):.2f}), bare with the same rows {(t3 - t2) / per_round * 1e3:.2f}"
                      f" ms ({(t3 - t2) / (t1 - t0):.2f})", flush=True)
        # All files hold the same items.
        assert bare.execute("SELECT count(*) FROM item").fetchone()[0] == 1 + done
        assert same.execute("SELECT count(*) FROM item").fetchone()[0] == 1 + done
        assert services.catalog.count() == 1 + done
    finally:
        same.close()
        bare.close()
        services.close()
    return [Row(f"journal-appending commits ({done} items)", done / service_s, "per s", done / bare_s, digits=0),
            Row("  the same, baseline a bare commit of item + event + seal rows", done / service_s, "per s",
                done / same_s, digits=0)]


def _write_same(conn: sqlite3.Connection, write: tuple[tuple, ...]) -> None:
    item, event, seal = write
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(BARE_INSERT, item)
    conn.execute(JOURNAL_INSERT, event)
    conn.execute(SEAL_REPLACE, seal)
    conn.execute("COMMIT")


if __name__ == "__main__":  # alone: PYTHONPATH=$PWD python benchmarks/commits.py [rounds]
    import os
    import sys
    import tempfile

    from report import table

    with tempfile.TemporaryDirectory(prefix="charity-pos-commits-") as tmp:
        os.environ["CHARITY_POS_HOME"] = str(Path(tmp) / "home")  # key files and logs: not the user's
        if len(sys.argv) > 1:
            ROUNDS = int(sys.argv[1])
            COMMITS = 100 * ROUNDS
        print(table(measure(Path(tmp), random.Random(20260101), show_rounds=True)))
