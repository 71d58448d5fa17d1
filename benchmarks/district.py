"""Issue 11: a district of 20 stores, each a busy store's year, on a
PostgreSQL hub.

The district: one busy store-year (``sync.make_busy_store``: the demo store
plus a year of chained events at issue 6's rate) exported as a bundle and
imported into a fresh PostgreSQL hub through ``import_bundles``, as district
staff would; then 19 more registered stores whose rows are that store's,
copied table by table in SQL under their own store ids (importing 2.6
million events one store at a time would take the bench half an hour and
measure the import, which ``sync`` already does). Figures, each the median
of a few runs beside a bare SQL query of the same figures on the same
database, are measured by ``measure`` with what the district's reports,
reporting status and receipt checks need.
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sync
from report import median

STORES = 20
RUNS = 3


def _store_tables(hub: Any) -> list[Any]:
    """Every hub table that holds rows of one store (a ``store_id`` column), in an order foreign keys accept."""
    from charity_pos.hub.models import HubBase

    return [t for t in HubBase.metadata.sorted_tables if "store_id" in t.c and t.name != "hub_store"]


def clone_stores(url: str, count: int) -> list[str]:
    """``count`` more stores at the hub, each with a copy of the first store's rows: their codes."""
    from sqlalchemy import insert, literal, select

    from charity_pos.hub.engine import open_hub
    from charity_pos.hub.models import HubStore

    codes = []
    with open_hub(url) as hub, hub.engine.begin() as conn:
        first = conn.execute(select(HubStore.__table__)).mappings().first()
        assert first is not None
        tables = _store_tables(hub)
        for n in range(1, count + 1):
            new_id = uuid.uuid4()
            code = f"B{n:03d}"
            row = dict(first, id=new_id, code=code, name=f"{first['name']}（{n}）", short_name=f"{first['short_name']}{n}")
            conn.execute(insert(HubStore.__table__).values(**row))
            for table in tables:
                if "store_id" not in {c.name for c in table.primary_key.columns}:
                    continue  # rows with an id of their own (bundles): the first store's history, not figures
                columns = list(table.c)
                picks = [literal(new_id, type_=table.c.store_id.type).label("store_id") if c.name == "store_id" else c
                         for c in columns]
                conn.execute(insert(table).from_select([c.name for c in columns],
                                                       select(*picks).where(table.c.store_id == first["id"])))
            codes.append(code)
    return codes


def make_district(work: Path, rng: random.Random, url: str, *, scale: float = 1.0, stores: int = STORES,
                  progress: Callable[[str], None] = lambda _s: None) -> dict[str, Any]:
    store, counts, made_s = sync.make_busy_store(work, rng, scale)
    out = work / "out"
    out.mkdir()
    bundle, _ = sync._export(store, out)
    from charity_pos.db.engine import open_store
    from charity_pos.services.base import ServiceContext
    from charity_pos.sync.store_side import StoreSync

    db = open_store(store)
    try:
        registration = StoreSync(ServiceContext(db)).write_registration(work / "registration.json")
    finally:
        db.close()
    import_s = sync._import(url, bundle, registration, work)
    progress(f"one store's year ({counts['events']:,} events) imported in {import_s:.0f} s")
    began = time.perf_counter()
    codes = clone_stores(url, stores - 1)
    progress(f"{len(codes)} more stores copied in {time.perf_counter() - began:.0f} s")
    return dict(counts, store=store, codes=codes)


def timed(work: Callable[[], object]) -> float:
    samples = []
    for _ in range(RUNS):
        began = time.perf_counter()
        work()
        samples.append(time.perf_counter() - began)
    return median(samples)
