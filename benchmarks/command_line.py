"""The command line's read commands on the demo store.

Figures: wall time and peak memory (max RSS) of ``python -m charity_pos show
items --db DEMO``, ``show journal`` (its longest listing) and ``verify --db
DEMO``, median of RUNS after a warm-up.
Baseline: ``python -c pass`` with the same interpreter, alternated with
them so both meet the same warm disk cache.

Both run as an installed app does, with the modules' compiled bytecode at
hand (pip writes it when it installs): the warm-up writes it to a folder of
the run's own, whatever the shell says (``PYTHONDONTWRITEBYTECODE`` would
have every run compile charity-pos's sources again).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from processes import spawn
from report import Row, median

RUNS = 5
COMMANDS = (("show items", ["show", "items"]), ("show journal", ["show", "journal"]), ("verify", ["verify"]))


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
    return rows


if __name__ == "__main__":  # alone: python benchmarks/command_line.py
    import tempfile

    from report import table

    with tempfile.TemporaryDirectory(prefix="charity-pos-bench-") as tmp:
        home = Path(tmp) / "home"
        print(table(measure(make_demo(Path(tmp), dict(os.environ, CHARITY_POS_HOME=str(home))), home)))
