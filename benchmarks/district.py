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
    from charity_pos.services.store_file import open_store
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


#: bare SQL of each district report's main figures: per store and month, on the same PostgreSQL database
BARE_REPORTS = {
    "stores": "SELECT store_id, date_trunc('month', received_at AT TIME ZONE 'Asia/Shanghai'), count(*), "
              "sum(total_value_fen), sum(cash_fen) FROM hub_donation WHERE received_at >= %(lo)s AND received_at < %(hi)s "
              "GROUP BY 1, 2",
    "donations": "SELECT store_id, date_trunc('month', received_at AT TIME ZONE 'Asia/Shanghai'), count(*), "
                 "sum(total_value_fen), sum(units) FROM hub_donation WHERE received_at >= %(lo)s AND received_at < %(hi)s "
                 "GROUP BY 1, 2",
    "sales": "SELECT store_id, date_trunc('month', completed_at AT TIME ZONE 'Asia/Shanghai'), count(*), sum(total_fen) "
             "FROM hub_sale WHERE completed_at >= %(lo)s AND completed_at < %(hi)s GROUP BY 1, 2",
    "handouts": "SELECT store_id, date_trunc('month', at AT TIME ZONE 'Asia/Shanghai'), count(*), "
                "count(DISTINCT household_id), sum(total_value_fen) FROM hub_handout WHERE at >= %(lo)s AND at < %(hi)s "
                "GROUP BY 1, 2",
    "funds": "SELECT d.store_id, date_trunc('month', d.received_at AT TIME ZONE 'Asia/Shanghai'), sum(d.cash_fen), "
             "(SELECT sum(f.amount_fen) FROM hub_fund_use f WHERE f.store_id = d.store_id) FROM hub_donation d "
             "WHERE d.received_at >= %(lo)s AND d.received_at < %(hi)s GROUP BY 1, 2",
    "writeoffs": "SELECT store_id, date_trunc('month', at AT TIME ZONE 'Asia/Shanghai'), sum(quantity) "
                 "FROM hub_writeoff WHERE at >= %(lo)s AND at < %(hi)s GROUP BY 1, 2",
}
BARE_MATRIX = ("SELECT store_id, substr(at, 1, 7), count(*), max(at) FROM hub_event "
               "WHERE at >= %(lo_text)s AND at < %(hi_text)s GROUP BY 1, 2")
BARE_RECEIPT = ("SELECT r.number, r.status, r.total_fen, s.code, s.public_key FROM hub_receipt r "
                "JOIN hub_store s ON s.id = r.store_id WHERE s.code = %(code)s AND r.number = %(number)s")


def _bare(url: str) -> Callable[[str, dict[str, Any]], int]:
    from charity_pos.hub.engine import open_hub

    hub = open_hub(url)
    raw = hub.engine.raw_connection()

    def query(sql: str, params: dict[str, Any]) -> int:
        cur = raw.cursor()
        cur.execute(sql, params)
        found = len(cur.fetchall())
        cur.close()
        raw.rollback()
        return found

    return query


def measure(folder: Path, rng: random.Random, *, scale: float = 1.0, stores: int = STORES,
            progress: Callable[[str], None] = lambda _s: None) -> tuple[list[Any], dict[str, Any]]:
    from datetime import UTC, datetime, timedelta

    from report import Row

    from charity_pos.hub.engine import open_hub
    from charity_pos.hub.figures import parse_months
    from charity_pos.hub.receipts import verify_receipt
    from charity_pos.hub.reporting import reporting_status
    from charity_pos.hub.reports import build, kinds
    from charity_pos.services.base import COMMAND_LINE
    from charity_pos.reports.period import utc_range
    from charity_pos.services.registry import Services

    root = str(Path(__file__).resolve().parents[1])
    import sys

    if root not in sys.path:
        sys.path.append(root)
    from tests.hub.conftest import TempPostgres

    work = folder / "district"
    work.mkdir()
    rows: list[Any] = []
    with TempPostgres() as pg:
        _name, url = pg.new_database("bench_district")
        info = make_district(work, rng, url, scale=scale, stores=stores, progress=progress)
        bare = _bare(url)
        today = datetime.now(UTC).date()
        middle = today - timedelta(days=180)
        month = f"{middle:%Y-%m}"
        year = (f"{today - timedelta(days=365):%Y-%m}", f"{today:%Y-%m}")
        label = f"{stores} stores x {'a year' if scale == 1 else f'{scale:g} of a year'}"
        with open_hub(url) as db:
            for kind in kinds():
                for span, (start, end) in (("a month", (month, month)), ("a year", year)):
                    months = parse_months(start, end)
                    lo, hi = utc_range(months[0].start, months[-1].end)
                    figure = timed(lambda: build(db, kind, months))
                    base = timed(lambda: bare(BARE_REPORTS[kind], {"lo": lo, "hi": hi}))
                    rows.append(Row(f"district report {kind}, {label}, {span} (ms)", figure * 1000, "ms",
                                    base * 1000, 0))
            lo, hi = utc_range(parse_months(*year)[0].start, today)
            matrix = timed(lambda: reporting_status(db, year[0], year[1]))
            base = timed(lambda: bare(BARE_MATRIX, {"lo_text": lo.isoformat(), "hi_text": hi.isoformat()}))
            rows.append(Row(f"reporting status, {label}, 12 months (ms)", matrix * 1000, "ms", base * 1000, 0))
            services = Services.open(info["store"])
            try:
                numbers = [r.receipt_number for r in services.intake.donations(COMMAND_LINE) if r.receipt_number][:20]
                texts = [services.receipts.document(n).qr_payload for n in numbers]
                code = services.store().code
            finally:
                services.close()
            if texts:
                checks = [timed(lambda t=t: verify_receipt(db, t)) for t in texts]
                base_checks = [timed(lambda n=n: bare(BARE_RECEIPT, {"code": code, "number": n})) for n in numbers]
                rows.append(Row(f"verify-receipt at the hub, {len(texts)} receipts, median (ms)",
                                median(checks) * 1000, "ms", median(base_checks) * 1000, 1))
    return rows, info
