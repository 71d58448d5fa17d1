"""``ui.reports.worker``: reading off the UI thread never freezes the app."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

#: a screen with a loader, closed while its work still runs: the work then needs Python's lock to finish
CLOSED_WHILE_READING = textwrap.dedent("""
    import sys, time
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget
    from charity_pos.ui.reports.worker import Loader

    app = QApplication(sys.argv)
    screen = QWidget()
    loader = Loader(screen)
    got = []
    loader.loaded.connect(got.append)
    loader.load(lambda: (time.sleep(0.3), sum(range(100_000)))[1])
    time.sleep(0.05)  # the work is running
    screen.deleteLater()  # as a log-out closes the window
    del loader, screen
    QTest.qWait(50)  # Qt destroys the screen and its children here, from C++
    time.sleep(0.5)
    app.processEvents()
    print("closed", got)
""")


def test_a_screen_closed_while_its_figures_are_read_does_not_freeze_the_app() -> None:
    done = subprocess.run([sys.executable, "-c", CLOSED_WHILE_READING], capture_output=True, text=True, timeout=30,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "closed []", "the work finished with nobody to tell, and nothing shown"
    assert "Traceback" not in done.stderr
