"""Journal-appending commits per second: one new item per service call.

Figure: ``Services.catalog.create_item``, each call one transaction that
checks the draft, inserts the item and appends one hash-chained journal
event. Baseline: a bare ``sqlite3`` INSERT + COMMIT of the same rows (same
columns, values in the form the service stores them) into a copy of the
store's schema, in a file with the same PRAGMAs (WAL, synchronous=FULL,
foreign keys, busy timeout).
Both run in rounds taken in turn, so a slow spell of the disk falls on both.
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


def measure(folder: Path, rng: random.Random) -> list[Row]:
    store = folder / "commits.sqlite3"
    db = init_store(store, store_code="BM01", name="基准门店", district="静安区", manager_pin="9999")
    services = Services.for_db(db)
    bare = _bare_copy(store, folder / "bare.sqlite3")
    try:
        actor = services.accounts.login("manager", "9999")
        drafts = _drafts(rng, 1 + COMMITS)
        rows = _bare_rows(bare, drafts)
        # One of each first: connections opened, statements compiled.
        services.catalog.create_item(actor, drafts[0])
        bare.execute("BEGIN IMMEDIATE")
        bare.execute(BARE_INSERT, rows[0])
        bare.execute("COMMIT")
        per_round = COMMITS // ROUNDS
        service_s = bare_s = 0.0
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
            service_s += t1 - t0
            bare_s += t2 - t1
            done += per_round
        # Both files hold the same items.
        assert bare.execute("SELECT count(*) FROM item").fetchone()[0] == 1 + done
        assert services.catalog.count() == 1 + done
    finally:
        bare.close()
        services.close()
    return [Row(f"journal-appending commits ({done} items)", done / service_s, "per s", done / bare_s, digits=0)]
