"""The command line's read commands on the demo store.

Figures: wall time and peak memory (max RSS) of ``python -m charity_pos show
items --db DEMO``, ``show journal`` (its longest listing) and ``verify --db
DEMO``, median of RUNS after a warm-up.
Baseline: ``python -c pass`` with the same interpreter, alternated with
them so both meet the same warm disk cache.

And ``check_identity`` (what ``verify`` runs to check that every donated
unit adds up) on two copies of the demo store given N and 4N more sale
lines, in a child process each: its peak RSS, the tracemalloc peak of its
Python allocations (another run) and its time, the 4N store's figure beside
the N store's, so the ratio shows how they grow with the sale lines.

Both run as an installed app does, with the modules' compiled bytecode at
hand (pip writes it when it installs): the warm-up writes it to a folder of
the run's own, whatever the shell says (``PYTHONDONTWRITEBYTECODE`` would
have every run compile charity-pos's sources again).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import sys
from pathlib import Path

from processes import spawn
from report import Row, median

RUNS = 5
COMMANDS = (("show items", ["show", "items"]), ("show journal", ["show", "journal"]), ("verify", ["verify"]))
#: N: the sale lines the smaller store is given (the larger, 4N), and the bought-in lots they sell from
IDENTITY_LINES = 25_000
IDENTITY_LOTS = 50


def make_demo(folder: Path, env: dict[str, str]) -> Path:
    """The demo store (30 days), made by the command line as a user makes it."""
    demo = folder / "demo.sqlite3"
    spawn([sys.executable, "-m", "charity_pos", "demo", "--db", str(demo)], env)
    return demo


def installed_env(home: Path) -> dict[str, str]:
    """The environment of a measured command: the store's home, and bytecode
    written once and then read, in a folder beside the home."""
    env = dict(os.environ, CHARITY_POS_HOME=str(home), PYTHONPYCACHEPREFIX=str(home.parent / "bytecode"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def measure(demo: Path, home: Path) -> list[Row]:
    env = installed_env(home)
    bare = [sys.executable, "-c", "pass"]
    rows = []
    for name, argv in COMMANDS:
        command = [sys.executable, "-m", "charity_pos", *argv, "--db", str(demo)]
        spawn(command, env)
        spawn(bare, env)
        runs, bases = [], []
        for _ in range(RUNS):
            runs.append(spawn(command, env))
            bases.append(spawn(bare, env))
        rows.append(Row(f"command line: {name} of the demo store, median of {RUNS}",
                        median([r.seconds for r in runs]) * 1e3, "ms", median([r.seconds for r in bases]) * 1e3,
                        digits=0))
        rows.append(Row(f"command line: {name}, peak memory", median([r.peak_mb for r in runs]), "MB",
                        median([r.peak_mb for r in bases]), digits=0))
    return rows + identity(demo, home.parent / "identity", env)


def grow_sales(demo: Path, path: Path, lines: int) -> None:
    """A copy of the demo store given ``lines`` more sale lines of one unit, five to a sale, from
    ``IDENTITY_LOTS`` bought-in lots, with the lots' receipts and each unit's sale movement (so every unit
    still adds up), written straight into its tables by SQL (the journal does not matter here; and this
    process, whose children's peak memory is measured, holds none of it)."""
    shutil.copy(demo, path)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        def copy(table: str, where: str, count: int, **values: str) -> None:
            """``count`` copies of a row of ``table``, ``values`` (SQL of ``i``, 0 to count - 1) replacing columns."""
            columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]
            chosen = ", ".join(values.get(c, f't."{c}"') for c in columns)
            conn.execute(f"WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < {count - 1})"
                         f' INSERT INTO "{table}" ({", ".join(columns)}) SELECT {chosen} FROM n,'
                         f' (SELECT * FROM "{table}" WHERE {where} LIMIT 1) t')

        lots, per_lot = IDENTITY_LOTS, lines // IDENTITY_LOTS
        (item,) = conn.execute("SELECT item_id FROM stock_lot WHERE origin = 'purchase' LIMIT 1").fetchone()
        lot = "printf('a%031x', i)"
        conn.execute("BEGIN")
        copy("stock_lot", "origin = 'purchase'", lots, id=lot, barcode="NULL", donation_line_id="NULL",
             item_id=f"'{item}'", quantity_received=str(per_lot))
        copy("stock_movement", "reason = 'receipt'", lots, id="printf('e%031x', i)", lot_id=lot, item_id=f"'{item}'",
             quantity=str(per_lot))
        count = per_lot * lots
        copy("sale", "status = 'completed'", (count + 4) // 5, id="printf('b%031x', i)",
             ticket_id="printf('f%031x', i)", number="printf('BENCH-%07d', i)")
        sold_lot = f"printf('a%031x', i % {lots})"
        copy("sale_line", "1", count, id="printf('c%031x', i)", sale_id="printf('b%031x', i / 5)", line_no="i % 5 + 1",
             item_id=f"'{item}'", quantity="1")
        copy("sale_line_lot", "1", count, id="printf('d%031x', i)", sale_line_id="printf('c%031x', i)", lot_id=sold_lot,
             quantity="1")
        copy("stock_movement", "reason = 'sale'", count, id="printf('e%031x', i + 1000000000)", lot_id=sold_lot,
             item_id=f"'{item}'", quantity="-1", document="printf('BENCH-%07d', i / 5)")
        conn.execute("COMMIT")
    finally:
        conn.close()


def identity(demo: Path, folder: Path, env: dict[str, str]) -> list[Row]:
    """``check_identity`` on the demo store with N and with 4N more sale lines, a child process each."""
    folder.mkdir(parents=True, exist_ok=True)
    measured = []
    for lines in (IDENTITY_LINES, 4 * IDENTITY_LINES):
        path = folder / f"demo-{lines}.sqlite3"
        grow_sales(demo, path, lines)
        child = [sys.executable, str(Path(__file__).resolve()), "identity", str(path)]
        plain = spawn(child, env)
        traced = json.loads(spawn([*child, "trace"], env).stdout.strip().splitlines()[-1])
        found = json.loads(plain.stdout.strip().splitlines()[-1])
        assert found["found"] == 0 == traced["found"], "the grown demo store must add up"
        measured.append((found["seconds"], plain.peak_mb, traced["traced_mb"]))
    (small_s, small_rss, small_traced), (large_s, large_rss, large_traced) = measured
    n, more = f"{IDENTITY_LINES:,}", f"{4 * IDENTITY_LINES:,}"
    what = f"check_identity, the demo store + {more} sale lines"
    return [
        Row(f"{what}, tracemalloc peak (MB; baseline: + {n})", large_traced, "MB", small_traced, 2),
        Row(f"{what}, peak RSS (MB; baseline: + {n})", large_rss, "MB", small_rss, 0),
        Row(f"{what} (ms; baseline: + {n})", large_s * 1e3, "ms", small_s * 1e3, 0),
    ]


def _identity_child(path: str, trace: bool) -> None:
    """One check of ``path``, as ``verify`` runs it: one JSON line with its seconds, findings and traced peak."""
    import time
    import tracemalloc

    from charity_pos.ledger.fates import check_identity

    if trace:
        tracemalloc.start()
    began = time.perf_counter()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        found = check_identity(conn)
    finally:
        conn.close()
    out = {"seconds": time.perf_counter() - began, "found": len(found)}
    if trace:
        out["traced_mb"] = tracemalloc.get_traced_memory()[1] / 1e6
    print(json.dumps(out))


if __name__ == "__main__" and sys.argv[1:2] == ["identity"]:  # a child of ``identity``
    _identity_child(sys.argv[2], sys.argv[3:] == ["trace"])
elif __name__ == "__main__":  # alone: python benchmarks/command_line.py
    import tempfile

    from report import table

    with tempfile.TemporaryDirectory(prefix="charity-pos-bench-") as tmp:
        home = Path(tmp) / "home"
        print(table(measure(make_demo(Path(tmp), dict(os.environ, CHARITY_POS_HOME=str(home))), home)))
