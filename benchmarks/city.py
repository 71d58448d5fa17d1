"""Issue 13: the city on one PostgreSQL hub.

One store-month: the demo store (a day made through the services) plus a
month of chained journal events appended in bulk in the payloads the
services write (``sync._Catalog`` and ``sync._Year``, as for the busy
store-year), at the rates of an ordinary Shanghai store (``MONTH``: one
Jing'an store's year, 4,545 person-visits and 7,742 items received, over
twelve). Each store of the city is registered at the hub with its
own key pair (``add_store``) and gets a bundle of those events under its
own id and code, signed with its own key (``tests.hub.city``: the events'
hashes do not name the store, so a store costs one signature).

The bundles are imported into a fresh PostgreSQL hub by ``PROCESSES``
`charity-pos hub import` processes at once, each given every fourth file:
first half the stores, then the other half into the same hub. Figures:
events per second against a bare COPY of the same rows (every row the
import wrote, dumped from the hub, then ``cursor.copy`` into the same
tables of another fresh database), the peak resident memory of each
importing process, and growth: the time for all the stores against the
time for the first half (goal: at most 2.2), which also shows whether the
second half pays for the history the first left.
"""

from __future__ import annotations

import os
import random
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sync
from report import Row

STORES = int(os.environ.get("CHARITY_POS_BENCH_CITY_STORES", "233"))
PROCESSES = 4
#: a month of an ordinary store: one Jing'an store's year (4,545 person-visits: sales and handouts; 7,742 items
#: received, about 10 a donation) over twelve
MONTH = {"sales": 300, "donations": 65, "handouts": 80}
DAYS = 30
#: the growth goal: doubling the stores at most this many times the time
GROWTH_GOAL = 2.2


def _root() -> None:
    root = str(Path(__file__).resolve().parents[1])
    if root not in sys.path:
        sys.path.append(root)


def make_store_month(work: Path, rng: random.Random) -> tuple[Path, int]:
    """The demo store plus a month of events appended in bulk: its path and the events made."""
    from charity_pos.services.store_file import open_store
    from charity_pos.demo.builder import build_demo
    from charity_pos.ledger import seal
    from charity_pos.ledger.canonical import event_hash
    from charity_pos.ledger.journal import UNJOURNALED_OK

    path = work / "store-month.sqlite3"
    build_demo(path, days=1)
    cat = sync._Catalog(path)
    month = sync._Year(cat, rng)
    kinds = ["S"] * MONTH["sales"] + ["D"] * MONTH["donations"] + ["H"] * MONTH["handouts"]
    rng.shuffle(kinds)
    makers = {"S": month.sale, "D": month.donation, "H": month.handout}
    seq, prev, last_at = cat.head
    start = datetime.fromisoformat(last_at).astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    per_day = -(-len(kinds) // DAYS)
    step = 8 * 3600 / per_day  # opening hours 09:00-17:00 in Shanghai
    sql = ("INSERT INTO journal_event (seq, uuid, kind, at, actor, payload, prev_hash, hash) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
    db = open_store(path)
    try:
        conn = db.engine.connect().execution_options(**{UNJOURNALED_OK: True})
        rows = []
        with conn.begin():
            for n, letter in enumerate(kinds):
                day, slot = divmod(n, per_day)
                when = start + timedelta(days=day + 1, hours=1, seconds=slot * step + rng.random() * step * 0.9)
                kind, actor, payload = makers[letter](when)
                seq += 1
                event_uuid, at = sync._uid(rng), sync._at(when)
                digest = event_hash(prev, seq, event_uuid, kind, at, actor, payload)
                rows.append((seq, event_uuid, kind, at, actor, payload, prev, digest))
                prev = digest
            conn.exec_driver_sql(sql, rows)
            seal.reseal(conn)
        conn.close()
    finally:
        db.close()
    return path, seq


def _round(url: str, template: Any, count: int, start: int, work: Path, home: Path) -> tuple[float, list[Any]]:
    """``count`` more stores registered at the hub, their bundles imported at once: seconds, importers."""
    from tests.hub.city import import_at_once, register_city, shares_of

    stores = register_city(url, template, count, work / "bundles", start=start)
    took, importers = import_at_once(url, shares_of([s.bundle for s in stores], PROCESSES), home, work / "logs")
    for imp in importers:
        if imp.exit_code != 0 or "Traceback" in imp.err:
            raise RuntimeError(f"an importing process failed ({imp.exit_code}): {(imp.out + imp.err)[-2000:]}")
    for s in stores:
        s.bundle.unlink()
    return took, importers


def _imported_tables() -> list[str]:
    """The hub's tables holding rows the import wrote, in an order foreign keys accept."""
    from charity_pos.hub.models import HubBase

    return [t.name for t in HubBase.metadata.sorted_tables if t.name not in ("hub", "hub_store")]


def bare_copy(source_url: str, target_url: str, dump: Path) -> tuple[float, int]:
    """Every row the import wrote, dumped from the imported hub (COPY TO, untimed), then copied into
    the same tables of a fresh database by psycopg's ``cursor.copy`` in one transaction: seconds, rows."""
    import psycopg
    from sqlalchemy.engine import make_url

    from charity_pos.hub.engine import open_hub

    open_hub(target_url, create=True).close()  # the schema, by the hub's migrations
    dsn = lambda url: make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    dump.mkdir()
    with psycopg.connect(dsn(source_url)) as src, psycopg.connect(dsn(target_url)) as dst:
        tables = ["hub", "hub_store", *_imported_tables()]
        for table in tables:
            with (dump / table).open("wb") as fh, src.cursor().copy(f"COPY {table} TO STDOUT (FORMAT BINARY)") as cp:
                for chunk in cp:
                    fh.write(chunk)
        for table in ("hub", "hub_store"):  # the registry: set up before the import too
            with dst.cursor().copy(f"COPY {table} FROM STDIN (FORMAT BINARY)") as cp:
                cp.write((dump / table).read_bytes())
        dst.commit()
        began = time.perf_counter()
        for table in tables[2:]:
            with (dump / table).open("rb") as fh, dst.cursor().copy(f"COPY {table} FROM STDIN (FORMAT BINARY)") as cp:
                while chunk := fh.read(1 << 20):
                    cp.write(chunk)
        dst.commit()
        took = time.perf_counter() - began
        rows = sum(dst.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in tables[2:])
    return took, rows


def idle_rss_mb(home: Path) -> float:
    """Peak RSS of a process that loads what `hub import` loads (the command line, the importer, psycopg)
    and imports nothing: the baseline of an importing process's memory."""
    import subprocess

    env = dict(os.environ, CHARITY_POS_HOME=str(home),
               PYTHONPATH=os.pathsep.join([str(Path(__file__).resolve().parents[1]), os.environ.get("PYTHONPATH", "")]))
    proc = subprocess.Popen([sys.executable, "-c", "import charity_pos.cli, charity_pos.hub.cli, "
                             "charity_pos.hub.importer, psycopg, sqlalchemy.dialects.postgresql.psycopg"], env=env)
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss / 1024


def measure(folder: Path, rng: random.Random, *, stores: int = STORES,
            progress: Callable[[str], None] = lambda _s: None) -> tuple[list[Row], dict[str, Any]]:
    _root()
    from tests.hub import read_store
    from tests.hub.conftest import TempPostgres

    work = folder / "city"
    work.mkdir()
    began = time.perf_counter()
    path, events = make_store_month(work, rng)
    template = read_store(path)
    progress(f"one store-month: {events:,} events ({MONTH['sales']:,} sales, {MONTH['donations']:,} donations, "
             f"{MONTH['handouts']:,} handouts over {DAYS} days, after the demo's day) in "
             f"{time.perf_counter() - began:.1f} s")
    home = Path(os.environ["CHARITY_POS_HOME"])
    half = max(1, stores // 2)
    info: dict[str, Any] = {"stores": stores, "half": half, "events_per_store": events}
    from charity_pos.hub.service import init_hub

    with TempPostgres() as pg:
        _n, url = pg.new_database("bench_city")
        init_hub(url, "上海市")
        half_s, first = _round(url, template, half, 1, work / "first", home)
        progress(f"{half} stores, {half * events:,} events: imported in {half_s:.1f} s by {PROCESSES} processes")
        rest_s, second = _round(url, template, stores - half, half + 1, work / "second", home)
        progress(f"{stores - half} more stores into the same hub: {rest_s:.1f} s")
        _n, bare_url = pg.new_database("bench_city_bare")
        bare_s, rows = bare_copy(url, bare_url, work / "dump")
        progress(f"bare COPY of the same {rows:,} rows: {bare_s:.1f} s")
    all_s, all_events = half_s + rest_s, stores * events
    peaks = [imp.peak_rss_kb / 1024 for imp in first + second]
    growth = all_s / half_s
    idle = idle_rss_mb(home)
    info.update(idle_mb=idle, half_s=half_s, rest_s=rest_s, all_s=all_s, bare_s=bare_s, rows=rows, peaks=peaks, growth=growth)
    label = f"{stores} stores x a store-month ({events:,} events each)"
    rows_out = [
        Row(f"city: import into PostgreSQL, {label}, {PROCESSES} processes (events/s)", all_events / all_s,
            "events/s", all_events / bare_s, 0),
        Row(f"city: peak RSS of the largest importing process (MB; baseline: the same modules loaded, idle)",
            max(peaks), "MB", idle, 0),
        Row(f"city: import time, {stores} stores against the first {half} (s; ratio goal <= {GROWTH_GOAL})", all_s,
            "s", half_s, 1),
    ]
    return rows_out, info


def notes(info: dict[str, Any] | None, failure: str = "") -> list[str]:
    lines = [
        f"city:     the demo store (1 day, its set-up included) plus a month of an ordinary store "
        f"({MONTH['sales']:,} sales, {MONTH['donations']:,} donations,",
        f"          {MONTH['handouts']:,} handouts over {DAYS} days: one Jing'an store's year over twelve; the busy "
        "store's month is 20x that),",
        "          appended in bulk in the services' payloads; each store registered with its own key pair and its",
        "          bundle of those events signed with its own key. Imported into a fresh PostgreSQL hub by "
        f"{PROCESSES} `charity-pos",
        "          hub import` processes at once (every 4th file each), first half the stores, then the rest into the",
        "          same hub; baseline, the same rows (every row the import wrote, dumped) by psycopg cursor.copy into",
        "          the same tables of another fresh database, one transaction.",
        "          Peak RSS: each importing process's ru_maxrss. Growth: the time for all the stores (both rounds)",
        f"          against the first half's (goal: doubling the stores at most {GROWTH_GOAL}x the time).",
        "          CHARITY_POS_BENCH_CITY_STORES sets the count.",
    ]
    if info:
        peaks = ", ".join(f"{p:,.0f}" for p in info["peaks"])
        verdict = "within" if info["growth"] <= GROWTH_GOAL else "OVER"
        lines.append(f"          peak RSS per process (MB): {peaks}; first {info['half']} stores {info['half_s']:.1f} s, "
                     f"the other {info['stores'] - info['half']} {info['rest_s']:.1f} s;")
        lines.append(f"          growth {info['half']} -> {info['stores']} stores: {info['growth']:.2f}x ({verdict} the goal)")
    if failure:
        lines.append(f"          not measured: {failure}")
    return lines
