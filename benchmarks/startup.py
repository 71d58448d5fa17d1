"""Time from start to a ready login window.

Figure: wall time from spawning ``python -m charity_pos gui --db PATH`` to
its exit, with ``CHARITY_POS_EXIT_WHEN_READY=1`` (the app quits as soon as
the login window is shown) on the offscreen platform. Baseline: the same
interpreter spawning a bare QApplication that shows an empty QWidget and
exits, which is the floor any PySide6 app pays (interpreter, Qt libraries,
platform plugin). Runs alternate between the two after one warm-up each, so
both meet the same warm disk cache.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from report import Row, median

RUNS = 5
TIMEOUT_S = 120

BARE_QT = "import PySide6.QtWidgets as w; app=w.QApplication([]); x=w.QWidget(); x.show()"


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
    app = [python, "-m", "charity_pos", "gui", "--db", str(store)]
    bare = [python, "-c", BARE_QT]
    _spawn(app, env)
    _spawn(bare, env)
    app_s, bare_s = [], []
    for _ in range(RUNS):
        app_s.append(_spawn(app, env))
        bare_s.append(_spawn(bare, env))
    return [Row(f"start to ready login window, median of {RUNS}", median(app_s) * 1e3, "ms",
                median(bare_s) * 1e3, digits=0)]
