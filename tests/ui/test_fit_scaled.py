"""At 150% scaling, Windows' usual setting on a 1920x1080 screen: the fit
checks of test_fit.py and test_fit_dialogs.py run again in a child process
started with ``QT_SCALE_FACTOR=1.5``.

The scale factor is read once, when the QApplication starts, so it cannot
be changed inside this test process, which already has one. In the child
Qt reports a device pixel ratio of 1.5 and lays every widget out in logical
pixels on the 1280x720 that such a screen has (test_fit.py's ``SCALED``
sizes): less height than 1024x768, so what is tall must scroll or wrap."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_screens_and_dialogs_fit_at_150_percent(tmp_path: Path) -> None:
    env = dict(os.environ, QT_SCALE_FACTOR="1.5", QT_QPA_PLATFORM="offscreen")
    env.pop("CHARITY_POS_FIT_SHOTS", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--basetemp", str(tmp_path / "t"),
         "tests/ui/test_fit.py", "tests/ui/test_fit_dialogs.py::test_dialog_fits_the_screen"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=1200, check=False)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and "skipped" not in done.stdout
