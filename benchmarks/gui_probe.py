"""Run in a fresh process by ``benchmarks/session.py``: the app from its
log-in window through log-in and every screen, or the bare Qt baseline,
printing what it measured as one JSON object.

    python gui_probe.py app DB USERNAME PIN
    python gui_probe.py search DB USERNAME PIN KEY TEXT WAIT_SECONDS
    python gui_probe.py bare

App: the log-in window comes up as ``charity-pos gui`` brings it up (on the
offscreen platform); after WAIT_S of the event loop running (a person
choosing their name and typing the PIN), the PIN is typed and Enter
pressed. ``login_ms``: from Enter until the main window is shown and its
first screen painted. Then each other screen is brought up by its key
(``first_ms``: the first visit, which builds it) and again after going back
to the first screen (``again_ms``), and the processor time the process
took for each (``first_cpu_ms``, ``again_cpu_ms``: less swayed by other
programs running); each until the screen is painted with
everything posted by then done (its list filled). After the first visit
the event loop runs LOOK_S (a person looking at the screen) before the
next key, so that what a screen starts once it is up (pinyin keys worked out in
a thread) is not counted in the next figure. ``rss_mb``: resident memory
with the main window up, before any other screen was visited; ``peak_mb``:
the highest it reached by the end (VmHWM).

Search: log-in as above, the screen brought up by KEY, WAIT_SECONDS of the
event loop (0: typed at once), then TEXT typed in its search field;
``search_ms``: from the first key typed until the list shows what was
found (``rows``).

Bare: a QApplication; ``login_ms`` is showing an empty QMainWindow and
painting it (``login_cpu_ms``: the processor time); ``rss_mb`` and ``peak_mb`` with it up.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

WAIT_S = 1.5
LOOK_S = 1.0


def _memory() -> tuple[float, float]:
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line)
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def _settle(app, widget) -> None:  # type: ignore[no-untyped-def]
    """Until everything posted so far ran and ``widget`` painted."""
    app.processEvents()
    widget.grab()  # paints it now, as the screen would
    app.processEvents()


def _wait(app, seconds: float) -> None:  # type: ignore[no-untyped-def]
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)


def bare() -> dict[str, float]:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    t0, c0 = time.perf_counter(), time.process_time()
    window = QMainWindow()
    window.show()
    _settle(app, window)
    shown, cpu = time.perf_counter() - t0, time.process_time() - c0
    rss, peak = _memory()
    return {"login_ms": shown * 1e3, "login_cpu_ms": cpu * 1e3, "rss_mb": rss, "peak_mb": peak}


def _log_in(db: str, username: str, pin: str):  # type: ignore[no-untyped-def]
    """The app up to its main window: (the QApplication, the services, the
    main window, the log-in's milliseconds)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from charity_pos import config
    from charity_pos.services.registry import Services
    from charity_pos.ui import app as ui_app

    settings = config.Settings.load()
    qt = ui_app.make_application(settings.language, settings)
    services = Services.open(Path(db))
    shell = ui_app.Shell(services, settings)
    shell.start()
    if hasattr(ui_app, "preload"):  # as run_app does
        ui_app.preload()
    _settle(qt, shell.login)
    _wait(qt, WAIT_S)
    login = shell.login
    login.user.setCurrentIndex(login.user.findData(username))
    QTest.keyClicks(login.pin, pin)
    t0 = time.perf_counter()
    QTest.keyClick(login.pin, Qt.Key.Key_Return)
    main = shell.main
    assert main is not None, login.message.text()
    _settle(qt, main)
    return qt, services, main, (time.perf_counter() - t0) * 1e3


def search(db: str, username: str, pin: str, key: str, text: str, wait: str) -> dict[str, object]:
    from PySide6.QtGui import QKeySequence
    from PySide6.QtTest import QTest

    qt, services, main, _ = _log_in(db, username, pin)
    main.activateWindow()
    QTest.keySequence(main, QKeySequence(key))
    _settle(qt, main)
    _wait(qt, float(wait))
    screen = main.current_screen()
    field = screen.search
    field.setFocus()
    t0, c0 = time.perf_counter(), time.process_time()
    QTest.keyClicks(field, text)
    _settle(qt, main)
    searched, cpu = (time.perf_counter() - t0) * 1e3, (time.process_time() - c0) * 1e3
    rows = screen.model.rowCount()
    main.leave_without_asking()
    services.close()
    return {"search_ms": searched, "search_cpu_ms": cpu, "rows": rows, "screen": type(screen).__name__}


def session(db: str, username: str, pin: str) -> dict[str, object]:
    from PySide6.QtGui import QKeySequence
    from PySide6.QtTest import QTest

    qt, services, main, login_ms = _log_in(db, username, pin)
    rss, _ = _memory()
    main.activateWindow()
    first_row = main.navigation.currentRow()
    screens = []
    for row in range(main.navigation.count()):
        if row == first_row:
            continue
        label = main.navigation.item(row).text()
        key = label.rsplit("(", 1)[1].rstrip(")") if label.endswith(")") else ""
        classes = getattr(main, "screen_classes", None)  # before screens were built lazily: every one built
        name = classes[row].__name__ if classes is not None else type(main.screens[row]).__name__
        times, cpu = [], []
        for _ in range(2):
            t0, c0 = time.perf_counter(), time.process_time()
            if key:
                QTest.keySequence(main, QKeySequence(key))
            else:
                main.navigation.setCurrentRow(row)
            _settle(qt, main)
            times.append((time.perf_counter() - t0) * 1e3)
            cpu.append((time.process_time() - c0) * 1e3)
            assert main.navigation.currentRow() == row, f"{key} did not bring up {label}"
            if len(times) == 1:
                _wait(qt, LOOK_S)
            main.navigation.setCurrentRow(first_row)
            _settle(qt, main)
        screens.append({"screen": name, "key": key, "first_ms": times[0], "again_ms": times[1],
                        "first_cpu_ms": cpu[0], "again_cpu_ms": cpu[1]})
    _, peak = _memory()
    main.leave_without_asking()
    services.close()
    return {"login_ms": login_ms, "rss_mb": rss, "peak_mb": peak, "screens": screens}


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if sys.argv[1] == "bare":
        result = bare()
    elif sys.argv[1] == "search":
        result = search(*sys.argv[2:8])
    else:
        result = session(*sys.argv[2:5])
    print(json.dumps(result, ensure_ascii=False))
    sys.stdout.flush()
    os._exit(0)  # no teardown to wait for
