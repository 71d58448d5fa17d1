"""What ``make bench`` runs: the figures of issues 2, 3 and 6 and the counter's, each beside a
baseline measured in the same run on the same machine, printed as one table.

It only reports; nothing passes or fails. Everything it makes lives in a
temporary folder (stores, key files, logs, PDFs) and is removed at the end;
the user's own data folder is never touched.
"""

from __future__ import annotations

import os
import platform
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

SEED = 20260101


def filesystem(path: Path) -> str:
    """The file system a folder lives on (Linux), since commit rates with
    synchronous=FULL depend on what an fsync costs there."""
    try:
        mounts = [line.split()[1:3] for line in Path("/proc/mounts").read_text().splitlines()]
    except OSError:
        return "unknown"
    path = path.resolve()
    best = max((m for m in mounts if path.is_relative_to(m[0])), key=lambda m: len(m[0]), default=None)
    return best[1] if best else "unknown"


def main() -> int:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="charity-pos-bench-") as tmp:
        home = Path(tmp) / "home"
        # Before anything reads the settings: key files and logs go here.
        os.environ["CHARITY_POS_HOME"] = str(home)
        import city
        import command_line
        import commits
        import counter
        import lookup
        import printing
        import district
        import rebuild
        import reports
        import session
        import startup
        import sync
        from report import table

        # As an install does: otherwise, with PYTHONDONTWRITEBYTECODE set, every process measured below
        # would compile the package's modules from source first.
        package = startup.precompile()
        rng = random.Random(SEED)
        big_store = Path(tmp) / "big.sqlite3"
        print(f"charity-pos benchmarks: Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
              f"{os.cpu_count()} CPUs, {platform.system()} {platform.machine()}, "
              f"temporary files on {filesystem(Path(tmp))}", flush=True)
        print(f"loading {lookup.ITEMS:,} items ...", end=" ", flush=True)
        known, unknown, load_s = lookup.make_store(big_store, rng)
        print(f"{load_s:.1f} s", flush=True)

        rows = []
        print("barcode look-ups ...", flush=True)
        rows += lookup.measure(big_store, known, unknown, rng)
        print("the counter: scans and sales ...", flush=True)
        # A stocked copy of the big store: the file itself stays as it was.
        rows += counter.measure(big_store, Path(tmp), rng)
        print("commits ...", flush=True)
        rows += commits.measure(Path(tmp), rng)
        print("start-up ...", flush=True)
        # The big store: the login window opens on a store of realistic size.
        rows += startup.measure(big_store, home)
        print("the demo store: command line, log-in, screen switches, memory ...", flush=True)
        demo = command_line.make_demo(Path(tmp), dict(os.environ))
        rows += command_line.measure(demo, home)
        rows += session.measure(demo, home)
        print(f"printing ({printing.describe()}) ...", flush=True)
        rows += printing.measure(Path(tmp), rng)
        print(f"sync: a busy store's year ({sync.SCALE:g} of {sync.SALES:,} sales), export and hub imports ...",
              flush=True)
        sync_rows, sync_info = sync.measure(Path(tmp), rng, progress=lambda line: print(f"  {line}", flush=True))
        rows += sync_rows
        print("rebuild: the busy store-year made again from the district's journal (hub export-store, rebuild) ...",
              flush=True)
        rebuild_rows, rebuild_info = rebuild.measure(Path(tmp), rng,
                                                     progress=lambda line: print(f"  {line}", flush=True))
        rows += rebuild_rows
        print("reports: a busy store's year in the tables, every ledger and report, the period figures ...", flush=True)
        rows += reports.measure(Path(tmp), rng, progress=lambda line: print(f"  {line}", flush=True))
        print(f"district: {district.STORES} stores x a busy year on a PostgreSQL hub ...", flush=True)
        try:
            district_rows, _info = district.measure(Path(tmp), rng,
                                                    progress=lambda line: print(f"  {line}", flush=True))
            rows += district_rows
            district_note = ""
        except Exception as exc:  # noqa: BLE001 -- no PostgreSQL server here: say so under the table
            district_note = f"{type(exc).__name__}: {exc}"
            print(f"  not measured: {district_note}", flush=True)
        print(f"city: {city.STORES} stores x a store-month on one PostgreSQL hub, {city.PROCESSES} importing processes "
              "at once ...", flush=True)
        try:
            city_rows, city_info = city.measure(Path(tmp), rng, progress=lambda line: print(f"  {line}", flush=True))
            rows += city_rows
            city_note = ""
        except Exception as exc:  # noqa: BLE001 -- no PostgreSQL server here: say so under the table
            city_info, city_note = None, f"{type(exc).__name__}: {exc}"
            print(f"  not measured: {city_note}", flush=True)

    print()
    print(table(rows))
    print()
    print("baseline: look-ups and scans, the same row by a hand-written SELECT on a bare sqlite3 connection to the")
    print("          same file; a sale, a bare sqlite3 transaction inserting the same rows (sale, lines, lot")
    print("          allocations, payment, stock movements, a journal event) into a copy of the same store file;")
    print("          commits, a bare sqlite3 INSERT + COMMIT of the same rows, same schema and PRAGMAs")
    print("          (WAL, synchronous=FULL); start-up (to the log-in window; and until the store is open behind it,")
    print("          which the app does once the window is up), a bare PySide6 QApplication showing an empty QWidget;")
    print("          command line (show items, verify of the demo store), `python -c pass`; log-in and screen")
    print("          switches, showing and painting an empty QMainWindow in a bare QApplication; memory, that")
    print("          bare QApplication with its empty window up (resident, and peak: VmHWM or the process's max RSS).")
    print("          receipt and labels, a bare ReportLab canvas writing the same words as plain lines on as many")
    print("          pages of the same size, in the same embedded font; barcodes alone (our encoding and vector")
    print(f"          bars in the A4 label slots), bare python-barcode writing {printing.LABELS} EAN-13 SVG files.")
    print("session:  the demo store (30 days), offscreen, fresh process each, median of 3; Enter pressed on the PIN")
    print("          1.5 s after the log-in window is up; a switch is by the screen's key, until painted.")
    print("ratio:    figure / baseline (look-ups, scans, sales, start-up, printing: times slower or bigger; commits:")
    print("          share of the bare rate). Printing peak memory: tracemalloc peak of Python allocations in one run.")
    print(f"look-ups: {lookup.KNOWN_LOOKUPS:,} random existing codes, {lookup.UNKNOWN_LOOKUPS} unknown ones; "
          f"items bulk-loaded without the journal.")
    print("counter:  a copy of the same store given a lot per item (a tenth with a lot code), bulk-loaded; a till")
    print(f"          shift open; {counter.SALE_LINES} goods of 1-3 units a sale, paid in cash, a fresh ticket each.")
    if counter.TicketModel is None:
        print("          scan + TicketModel.add not measured: charity_pos/ui/sales/model.py is not in this checkout.")
    print(f"sync:     the demo store (1 day) plus {sync_info['events']:,} journal events appended in bulk, chained "
          f"({sync_info['sales']:,} sales of {sync.SALE_LINES} lines,")
    print(f"          {sync_info['donations']:,} donations of 2-4 lines, {sync_info['handouts']:,} handouts of "
          f"{sync.HANDOUT_LINES} lines, over {sync_info['days']} days), in the payloads the services write;")
    print("          export: StoreSync.export of the whole journal as one signed bundle; baseline, a bare sqlite3 SELECT")
    print("          of the same rows written as the same canonical JSON lines to a file. Import: import_bundles of")
    print("          that file into a fresh hub (checks, hub_event rows, projections) as events/s; baseline, a bare")
    print(f"          DBAPI executemany in one transaction of the same {sync_info['hub_rows']:,} rows (hub_event and the")
    print("          projection rows the import wrote, read back) into the same tables of another fresh hub.")
    print("          SQLite hub: a file, WAL, synchronous=FULL; PostgreSQL hub: a throwaway local server")
    print("          (tests.hub.conftest.TempPostgres: fsync, synchronous_commit, full_page_writes off).")
    print("          Ratio: export, times slower; imports, share of the bare rate.")
    if "postgres" in sync_info:
        print(f"          PostgreSQL not measured: {sync_info['postgres']}")
    for line in rebuild.notes(rebuild_info):
        print(line)
    print("reports:  the demo store (1 day) plus the same year's rows written straight into its tables (sale, lines,")
    print("          lots, payments, donations, handouts, stock movements); each ledger or report for a month in")
    print("          the middle of the year and for the whole year through ReportService.run (rows, labels,")
    print("          totals), median of 3; baseline, a bare sqlite3 query of the same rows or sums on the same")
    print("          file. Period figures: reports.figures (what the dashboard and the notice show) against bare")
    print("          sums of the same. Ratio: times slower.")
    print(f"district: one busy store-year imported into a fresh PostgreSQL hub (as above), then {district.STORES - 1} more")
    print("          stores holding copies of its rows under their own ids (an SQL copy, not 2.6 million imports);")
    print("          each district report (hub report KIND) for a month and for a year, the reporting-status matrix")
    print("          for 12 months, and verify-receipt for real receipts of the store, against a bare SQL query")
    print("          of the same figures (per store and month) or of the same receipt row on the same database.")
    if district_note:
        print(f"          not measured: {district_note}")
    print(f"bytecode: the package ({package}) was compiled first (compileall), as installing it does; with")
    print("          PYTHONDONTWRITEBYTECODE set, each process would otherwise compile its modules from source.")
    for line in city.notes(city_info, city_note):
        print(line)
    print(f"Total run {time.perf_counter() - started:.0f} s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
