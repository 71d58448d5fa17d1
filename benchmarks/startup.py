"""Time from start to a ready login window.

Figure: wall time from spawning ``python -m charity_pos gui --db PATH`` to
its exit, with ``CHARITY_POS_EXIT_WHEN_READY=1`` (the app quits as soon as
the login window is shown and painted) on the offscreen platform; and with
``CHARITY_POS_EXIT_WHEN_READY=store``, until the store is open behind it too
(checked, locked, upgraded, its services made), which the app does right
after the window is up, while the cashier types the PIN. Baseline: the same
interpreter spawning a bare QApplication that shows an empty QWidget and
exits, which is the floor any PySide6 app pays (interpreter, Qt libraries,
platform plugin). Runs alternate between the two after one warm-up each, so
both meet the same warm disk cache.

The package is compiled to bytecode first (``precompile``), as installing
it does: run from a source checkout with ``PYTHONDONTWRITEBYTECODE`` set, an
app would otherwise compile every one of its modules at every start, which
no installed copy does.
"""

from __future__ import annotations

import compileall
import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

from report import Row, median

RUNS = 5
TIMEOUT_S = 120

BARE_QT = "import PySide6.QtWidgets as w; app=w.QApplication([]); x=w.QWidget(); x.show()"


def precompile() -> Path:
    """Compile the charity_pos package that the measured processes import
    (the one first on the path) to bytecode, quietly, as an install does.
    Its folder, for the notes."""
    spec = importlib.util.find_spec("charity_pos")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("charity_pos is not importable")
    package = Path(next(iter(spec.submodule_search_locations)))
    if not compileall.compile_dir(package, quiet=1):
        raise RuntimeError(f"compiling {package} failed")
    return package


def _spawn(argv: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=TIMEOUT_S)
    elapsed = time.perf_counter() - t0
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise RuntimeError(f"{' '.join(argv[:4])} ... exited {done.returncode}: " + " | ".join(tail))
    return elapsed


def measure(store: Path, home: Path) -> list[Row]:
    python = sys.executable
    env = dict(os.environ, CHARITY_POS_HOME=str(home), CHARITY_POS_EXIT_WHEN_READY="1", QT_QPA_PLATFORM="offscreen")
    opened = dict(env, CHARITY_POS_EXIT_WHEN_READY="store")
    app = [python, "-m", "charity_pos", "gui", "--db", str(store)]
    bare = [python, "-c", BARE_QT]
    _spawn(app, env)
    _spawn(app, opened)
    _spawn(bare, env)
    app_s, opened_s, bare_s = [], [], []
    for _ in range(RUNS):
        app_s.append(_spawn(app, env))
        opened_s.append(_spawn(app, opened))
        bare_s.append(_spawn(bare, env))
    return [Row(f"start to ready login window, median of {RUNS}", median(app_s) * 1e3, "ms",
                median(bare_s) * 1e3, digits=0),
            Row(f"start to login window with the store open, median of {RUNS}", median(opened_s) * 1e3, "ms",
                median(bare_s) * 1e3, digits=0)]

if __name__ == "__main__":  # alone: python benchmarks/startup.py STORE [HOME]
    from report import table

    print(f"compiled {precompile()} to bytecode", flush=True)
    store = Path(sys.argv[1])
    home = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(os.environ["CHARITY_POS_HOME"])
    print(table(measure(store, home)))
