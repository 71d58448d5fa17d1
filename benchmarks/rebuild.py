"""Issue 13: a store rebuilt from the district, for the busy store-year.

The store: the busy store-year of ``sync`` (the demo store plus a year of
events appended in bulk, at the same scale), exported and imported into a
fresh SQLite hub (untimed). Made here, not taken from ``sync``: a rebuilt
store must pass ``verify``, so the year's document numbers continue the
demo store's, per kind and year, without a gap (``sync``'s start at 1001).

Figures:
- ``hub export-store``: the store's whole journal as the hub holds it,
  written and signed by the hub (``hub.export_store``); baseline, a bare
  ``sqlite3`` SELECT of the same ``hub_event`` rows written as canonical
  JSON lines to a file;
- ``rebuild``: ``sync.rebuild.rebuild`` of that file into a new store file
  (the chain checked, every event and the rows it changed replayed, the
  store sealed and verified), in a child process; baseline, a bare
  ``sqlite3`` transaction of ``executemany`` inserting the same rows (every
  row of every table of the rebuilt store, read back from it) into an empty
  file of the same schema and indexes (WAL, synchronous=FULL);
- memory: the rebuild child's peak resident set, and the tracemalloc peak
  of Python allocations in another run, beside the journal file's size.

Run alone at a small scale: ``python benchmarks/rebuild.py --scale 0.01``.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from processes import spawn
from report import Row

import sync
from charity_pos.services.store_file import open_store
from charity_pos.hub.engine import open_hub
from charity_pos.hub.export_store import export_store
from charity_pos.hub.service import add_store
from charity_pos.ledger.canonical import canonical_json
from charity_pos.services.base import ServiceContext
from charity_pos.sync.store_side import EVENT_COLUMNS, StoreSync

#: the PIN the rebuilt store's manager gets
MANAGER_PIN = "2468"
#: rows read and inserted at a time by the baseline
BATCH = 5_000


def _store_code(store: Path) -> str:
    conn = sqlite3.connect(store)
    try:
        return str(conn.execute("SELECT code FROM store").fetchone()[0])
    finally:
        conn.close()


class _ContinuedYear(sync._Year):
    """``sync``'s year whose document numbers continue the store's own, per kind and year."""

    start: dict[tuple[str, int], int] = {}

    def __init__(self, cat: Any, rng: random.Random) -> None:
        super().__init__(cat, rng)
        self.last = dict(self.start)

    def _number(self, letter: str, at: Any) -> str:
        key = (letter, at.year)
        self.last[key] = self.last.get(key, 0) + 1
        return f"{self.cat.code}-{at.year}-{letter}{self.last[key]:06d}"


def _busy_store(work: Path, rng: random.Random, scale: float) -> tuple[Path, dict[str, int], float]:
    """``sync.make_busy_store`` with the year's numbers continuing the demo store's."""
    from charity_pos.demo import builder
    from charity_pos.domain.numbers import KINDS

    real_build, real_year = builder.build_demo, sync._Year

    def build(path: Path, **kwargs: Any) -> Any:
        made = real_build(path, **kwargs)
        conn = sqlite3.connect(path)
        try:
            _ContinuedYear.start = {(KINDS[kind], year): last for kind, year, last in conn.execute(
                "SELECT kind, year, last_serial FROM document_sequence") if kind in KINDS}
        finally:
            conn.close()
        return made

    sync.build_demo, sync._Year = build, _ContinuedYear  # type: ignore[assignment, misc]
    try:
        return sync.make_busy_store(work, rng, scale)
    finally:
        sync.build_demo, sync._Year = real_build, real_year  # type: ignore[misc]


def _own_hub(work: Path, rng: random.Random, scale: float, progress: Callable[[str], None]) -> tuple[Path, str]:
    """A busy store-year, exported and imported into a fresh SQLite hub."""
    store, counts, made_s = _busy_store(work, rng, scale)
    progress(f"{counts['events']:,} journal events appended in {made_s:.1f} s")
    db = open_store(store)
    try:
        registration = StoreSync(ServiceContext(db)).write_registration(work / "registration.json")
    finally:
        db.close()
    (work / "bundles").mkdir()
    paths, export_s = sync._export(store, work / "bundles")
    url = f"sqlite:///{work / 'hub.sqlite3'}"
    import_s = sync._import(url, paths, registration, work)
    progress(f"exported in {export_s:.1f} s, imported into a SQLite hub in {import_s:.1f} s")
    return store, url


def _trust_file(url: str, store: Path, work: Path) -> Path:
    """The hub's trust file for the store, written again (the same store and key: nothing else changes)."""
    db = open_store(store)
    try:
        registration = StoreSync(ServiceContext(db)).write_registration(work / "rebuild-registration.json")
    finally:
        db.close()
    with open_hub(url) as hub:
        return add_store(hub, registration, work / "rebuild-trust.json").trust_file


def _bare_export(url: str, out: Path) -> float:
    """The hub's events of the store by a bare sqlite3 SELECT, each written as a canonical JSON line."""
    path = url.removeprefix("sqlite:///")
    began = time.perf_counter()
    conn = sqlite3.connect(path)
    try:
        with out.open("wb") as fh:
            for row in conn.execute(f"SELECT {', '.join(EVENT_COLUMNS)} FROM hub_event ORDER BY store_id, seq"):
                fh.write((canonical_json(dict(zip(EVENT_COLUMNS, row))) + "\n").encode("utf-8"))
    finally:
        conn.close()
    return time.perf_counter() - began


def _bare_insert(rebuilt: Path, target: Path) -> tuple[float, int]:
    """Every row of every table of the rebuilt store, inserted by one bare sqlite3 transaction of executemany
    into an empty file with the same tables and indexes: the seconds the inserting took, and the rows."""
    source = sqlite3.connect(rebuilt)
    conn = sqlite3.connect(target, isolation_level=None)
    try:
        schema = source.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
                                "AND name NOT LIKE 'sqlite_%' ORDER BY type = 'index', rowid").fetchall()
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        for _type, _name, sql in schema:
            conn.execute(sql)
        tables = [name for kind, name, _sql in schema if kind == "table"]
        rows, took = 0, 0.0
        conn.execute("PRAGMA foreign_keys = OFF")
        began = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        for table in tables:
            cur = source.execute(f'SELECT * FROM "{table}"')
            marks = ", ".join("?" * len(cur.description))
            sql = f'INSERT INTO "{table}" VALUES ({marks})'
            while batch := cur.fetchmany(BATCH):
                conn.executemany(sql, batch)
                rows += len(batch)
        conn.execute("COMMIT")
        took = time.perf_counter() - began
    finally:
        source.close()
        conn.close()
    return took, rows


def _child(*args: str, trace: bool = False) -> dict[str, Any]:
    """``rebuild SOURCE TARGET TRUST`` in a child process: its figures, with its peak resident set."""
    here = Path(__file__).resolve()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (str(here.parents[1]), str(here.parent),
                                                                  os.environ.get("PYTHONPATH", "")) if p))
    if trace:
        env["CHARITY_POS_BENCH_TRACE"] = "1"
    run = spawn([sys.executable, str(here), "rebuild", *args], env, timeout=sync.CHILD_TIMEOUT_S)
    out = json.loads(run.stdout.strip().splitlines()[-1])
    out["rss_mb"] = out.pop("hwm_mb", None) or run.peak_mb
    return out  # type: ignore[no-any-return]


def _rebuild_here(source: Path, target: Path, trust: Path) -> dict[str, Any]:
    from charity_pos.sync.rebuild import rebuild

    began = time.perf_counter()
    done = rebuild(target, source, manager_pin=MANAGER_PIN, trust_file=trust)
    return {"seconds": time.perf_counter() - began, "events": done.events}


def measure(tmp: Path, rng: random.Random, *, scale: float = sync.SCALE,
            progress: Callable[[str], None] = lambda _s: None) -> tuple[list[Row], dict[str, Any]]:
    work = tmp / "rebuild"
    work.mkdir()
    store, url = _own_hub(work, rng, scale, progress)
    info: dict[str, Any] = {}
    code = _store_code(store)
    journal = work / f"{code}.cpjournal"
    with open_hub(url) as hub:
        began = time.perf_counter()
        exported = export_store(hub, code, journal)
        export_s = time.perf_counter() - began
    events = exported.events
    bare_export_s = _bare_export(url, work / "bare-hub-events.jsonl")
    size_mb = journal.stat().st_size / 1e6
    progress(f"hub export-store: {events:,} events in {export_s:.1f} s ({size_mb:,.0f} MB); bare SELECT to JSON "
             f"lines {bare_export_s:.1f} s")
    trust = _trust_file(url, store, work)
    rebuilt = _child(str(journal), str(work / "rebuilt.sqlite3"), str(trust))
    traced = _child(str(journal), str(work / "rebuilt-traced.sqlite3"), str(trust), trace=True)
    bare_s, rows = _bare_insert(work / "rebuilt.sqlite3", work / "bare-store.sqlite3")
    progress(f"rebuild: {rebuilt['seconds']:.1f} s ({events / rebuilt['seconds']:,.0f} events/s), peak RSS "
             f"{rebuilt['rss_mb']:,.0f} MB, tracemalloc peak {traced['traced_mb']:,.0f} MB; bare insert of its "
             f"{rows:,} rows {bare_s:.1f} s")
    info.update(events=events, rows=rows, journal_mb=size_mb)
    result = [
        Row(f"rebuild: hub export-store, {events:,} events (s)", export_s, "s", bare_export_s, 1),
        Row(f"rebuild: a store from the hub's journal, {events:,} events, {rows:,} rows (s)", rebuilt["seconds"], "s",
            bare_s, 1),
        Row(f"rebuild: peak RSS (MB; baseline: the journal file's size, {size_mb:,.0f} MB)", rebuilt["rss_mb"], "MB",
            size_mb, 0),
        Row("rebuild: tracemalloc peak (MB; baseline: the journal file's size)", traced["traced_mb"], "MB", size_mb, 0),
    ]
    return result, info


def notes(info: dict[str, Any]) -> list[str]:
    """The lines under the table that say what the rebuild rows measured."""
    return [
        "rebuild:  sync's busy store-year (its document numbers continuing the demo store's, so that the rebuilt",
        f"          store verifies), imported into a SQLite hub; hub export-store of its {info.get('events', 0):,} events",
        "          (baseline, a bare sqlite3 SELECT of the same hub_event rows written as canonical JSON lines);",
        "          rebuild of that file into a new store file in a child process (checks, replay, seal, verify),",
        f"          against a bare sqlite3 transaction of executemany inserting the same {info.get('rows', 0):,} rows",
        "          read back from the rebuilt store into an empty file with the same tables and indexes (WAL,",
        "          synchronous=FULL). Memory: the child's peak RSS and, in another run, the tracemalloc peak, beside",
        "          the journal file's size. Ratio: times slower or bigger.",
    ]


def _main(argv: list[str]) -> int:
    """A child's work (``rebuild SOURCE TARGET TRUST``: one JSON line), or ``--scale S`` alone: the figures."""
    if argv and argv[0] == "rebuild":
        trace = os.environ.get("CHARITY_POS_BENCH_TRACE") == "1"
        if trace:
            tracemalloc.start()
        out = _rebuild_here(Path(argv[1]), Path(argv[2]), Path(argv[3]))
        if trace:
            out["traced_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
        out["hwm_mb"] = sync._high_water_mb()
        print(json.dumps(out))
        return 0
    from report import table

    scale = float(argv[argv.index("--scale") + 1]) if "--scale" in argv else sync.SCALE
    with tempfile.TemporaryDirectory(prefix="charity-pos-bench-rebuild-") as tmp:
        os.environ["CHARITY_POS_HOME"] = str(Path(tmp) / "home")
        rows, info = measure(Path(tmp), random.Random(20260101), scale=scale,
                             progress=lambda line: print(f"  {line}", flush=True))
    print(table(rows))
    print("\n".join(notes(info)))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
