"""Barcode look-up in a store of 200,000 items: the scan at the till.

Figure: ``Services.catalog.find_by_barcode`` (a read session, the ORM query
with the category and the stock on hand, a plain row back). Baseline: the
same answer from a bare ``sqlite3`` connection on the same file: one
hand-written SELECT of the item row, its category and its stock on hand by
barcode. Their ratio is what the service layer costs per scan.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from catalog_data import barcodes, bulk_load, category_ids, item_rows, names
from report import Row, median, percentile

from charity_pos.errors import UnknownBarcode
from charity_pos.services.registry import Services
from charity_pos.services.store import init_store

ITEMS = 200_000
KNOWN_LOOKUPS = 2_000
UNKNOWN_LOOKUPS = 200
WARM_UP = 200

BARE_SELECT = """
SELECT item.id, item.name, item.unit, item.barcode, item.sale_price_fen, item.reference_price_fen,
       item.source, item.active, category.code, category.name,
       (SELECT coalesce(sum(stock_movement.quantity), 0) FROM stock_movement
         WHERE stock_movement.item_id = item.id)
  FROM item JOIN category ON category.id = item.category_id
 WHERE item.barcode = ?
"""


def make_store(path: Path, rng: random.Random) -> tuple[list[str], list[str], float]:
    """A store file with ITEMS items; returns known codes, unknown codes and
    the seconds the load took."""
    started = time.perf_counter()
    known, unknown = barcodes(rng, ITEMS, UNKNOWN_LOOKUPS)
    db = init_store(path, store_code="BM01", name="基准门店", district="静安区", manager_pin="9999")
    try:
        bulk_load(db, item_rows(rng, known, names(), category_ids(db)))
    finally:
        db.close()
    return known, unknown, time.perf_counter() - started


def _timed(lookup: Callable[[str], object], codes: list[str]) -> list[float]:
    samples = []
    clock = time.perf_counter
    for code in codes:
        t0 = clock()
        lookup(code)
        samples.append(clock() - t0)
    return samples


def measure(path: Path, known: list[str], unknown: list[str], rng: random.Random) -> list[Row]:
    hits = rng.sample(known, KNOWN_LOOKUPS)
    misses = list(unknown)
    services = Services.open(path)
    bare = sqlite3.connect(path, isolation_level=None)
    bare.execute("PRAGMA busy_timeout = 5000")

    def by_service(code: str) -> object:
        try:
            return services.catalog.find_by_barcode(code)
        except UnknownBarcode:
            return None

    def by_sql(code: str) -> object:
        return bare.execute(BARE_SELECT, (code,)).fetchone()

    try:
        for code in rng.sample(known, WARM_UP):
            assert by_service(code) is not None and by_sql(code) is not None
        assert by_service(misses[0]) is None and by_sql(misses[0]) is None
        service_hits, bare_hits = _timed(by_service, hits), _timed(by_sql, hits)
        service_misses, bare_misses = _timed(by_service, misses), _timed(by_sql, misses)
    finally:
        bare.close()
        services.close()

    us = 1e6
    return [
        Row(f"barcode look-up, {ITEMS:,} items, median", median(service_hits) * us, "us", median(bare_hits) * us),
        Row(f"barcode look-up, {ITEMS:,} items, p99", percentile(service_hits, 99) * us, "us",
            percentile(bare_hits, 99) * us),
        Row("unknown barcode look-up, median", median(service_misses) * us, "us", median(bare_misses) * us),
    ]
