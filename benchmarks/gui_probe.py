"""Run in a fresh process by ``benchmarks/session.py``: the app from its
log-in window through log-in and every screen, or the bare Qt baseline,
printing what it measured as one JSON object.

    python gui_probe.py app DB USERNAME PIN
    python gui_probe.py search DB USERNAME PIN KEY TEXT WAIT_SECONDS
    python gui_probe.py bare

App: the app is started by the command line's own code, as ``charity-pos
gui --db DB`` starts it (on the offscreen platform): the log-in window from
a plain read of the store file, the store opened behind it once it is
painted, then the main window's modules. ``launch_ms``: from the probe's
start (before Qt or the app is imported) until the log-in window is
painted. After WAIT_S of the event loop running (a person choosing their
name and typing the PIN, while the store opens), the PIN is typed and
Enter pressed. ``login_ms``: from Enter until the main window is shown and
its first screen painted. Then each other screen is brought up by its key
(``first_ms``: the first visit, which builds it) and again after going back
to the first screen (``again_ms``), and the processor time the process
took for each (``first_cpu_ms``, ``again_cpu_ms``: less swayed by other
programs running); each until the screen is painted with
everything posted by then done (its list filled). After the first visit
the event loop runs LOOK_S (a person looking at the screen) before the
next key, so that what a screen starts once it is up (pinyin keys worked out in
a thread) is not counted in the next figure. ``rss_mb``: resident memory
with the main window up, before any other screen was visited; ``peak_mb``:
the highest it reached by the end (VmHWM); each screen's ``rss_mb``: resident
memory once its first visit is done (after LOOK_S).

Search: log-in as above, the screen brought up by KEY, WAIT_SECONDS of the
event loop (0: typed at once), then TEXT typed in its search field;
``search_ms``: from the first key typed until the list shows what was
found (``rows``).

Bare: a QApplication; ``login_ms`` is showing an empty QMainWindow and
painting it (``login_cpu_ms``: the processor time), ``launch_ms`` from the
probe's start until it is painted; ``rss_mb`` and ``peak_mb`` with it up.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()  # the probe's start: before Qt or the app is imported

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import traceback  # noqa: E402
from pathlib import Path  # noqa: E402

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
    launch = time.perf_counter() - STARTED
    rss, peak = _memory()
    return {"launch_ms": launch * 1e3, "login_ms": shown * 1e3, "login_cpu_ms": cpu * 1e3, "rss_mb": rss,
            "peak_mb": peak}


def _main_window(qt):  # type: ignore[no-untyped-def]
    from charity_pos.ui.main_window import MainWindow

    return next((w for w in qt.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()), None)


def _log_in(qt, username: str, pin: str):  # type: ignore[no-untyped-def]
    """In the app started by ``in_app``: its log-in window up, WAIT_S of the
    event loop (the store opening behind it while the cashier chooses their
    name and types the PIN), then the PIN and Enter. Returns the main
    window, the store's door, the log-in's milliseconds, and the launch's
    figures: ``launch_ms`` from the probe's start until the log-in window
    was painted, ``store_ms`` until the store was open behind it (None if
    it was not within WAIT_S: then the log-in waited for it)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from charity_pos.ui.login import LoginScreen

    login = next(w for w in qt.topLevelWidgets() if isinstance(w, LoginScreen) and w.isVisible())
    store_ms: float | None = None
    while not login.painted:
        qt.processEvents()
        time.sleep(0.001)
    launch_ms = (time.perf_counter() - STARTED) * 1e3
    end = time.perf_counter() + WAIT_S
    while time.perf_counter() < end:
        qt.processEvents()
        time.sleep(0.01)
        if store_ms is None and login.door.is_open:
            store_ms = (time.perf_counter() - STARTED) * 1e3
    login.user.setCurrentIndex(login.user.findData(username))
    QTest.keyClicks(login.pin, pin)
    t0 = time.perf_counter()
    QTest.keyClick(login.pin, Qt.Key.Key_Return)
    main = _main_window(qt)
    assert main is not None, login.message.text()
    _settle(qt, main)
    return main, login.door, (time.perf_counter() - t0) * 1e3, {"launch_ms": launch_ms, "store_ms": store_ms}


def in_app(db: str, work) -> None:  # type: ignore[no-untyped-def]
    """Start the app as ``charity-pos gui --db DB`` does (the command line's
    own code: the log-in window from a plain read of the store file, the
    store opened behind it once it is painted, then the main window's
    modules), and run ``work(qt)`` in its event loop as soon as the loop
    runs; print what it returns and end the process."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from charity_pos import cli

    qt = QApplication(sys.argv[:1])  # the app's own set-up takes this one (make_application)

    def drive() -> None:
        try:
            result = work(qt)
        except BaseException:  # noqa: BLE001 - in a Qt slot: said, and the probe ends instead of hanging
            traceback.print_exc()
            sys.__stderr__.flush()
            os._exit(1)
        _print(result)

    QTimer.singleShot(0, drive)
    status = cli.main(["gui", "--db", db])
    print(f"the app ended (status {status}) before the probe was done", file=sys.__stderr__)
    sys.__stderr__.flush()
    os._exit(1)


def _print(result: dict[str, object]) -> None:
    print(json.dumps(result, ensure_ascii=False), file=sys.__stdout__)
    sys.__stdout__.flush()
    os._exit(0)  # no teardown to wait for


def search(qt, username: str, pin: str, key: str, text: str, wait: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QKeySequence
    from PySide6.QtTest import QTest

    main, door, _, _ = _log_in(qt, username, pin)
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
    door.close()
    return {"search_ms": searched, "search_cpu_ms": cpu, "rows": rows, "screen": type(screen).__name__}


def session(qt, username: str, pin: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QKeySequence
    from PySide6.QtTest import QTest

    main, door, login_ms, launch = _log_in(qt, username, pin)
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
                rss_after, _ = _memory()
            main.navigation.setCurrentRow(first_row)
            _settle(qt, main)
        screens.append({"screen": name, "key": key, "first_ms": times[0], "again_ms": times[1],
                        "first_cpu_ms": cpu[0], "again_cpu_ms": cpu[1], "rss_mb": rss_after})
    _, peak = _memory()
    main.leave_without_asking()
    door.close()
    return {**launch, "login_ms": login_ms, "rss_mb": rss, "peak_mb": peak, "screens": screens}


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.pop("CHARITY_POS_EXIT_WHEN_READY", None)  # the start-up benchmark's: this probe carries on
    if sys.argv[1] == "bare":
        _print(bare())
    elif sys.argv[1] == "search":
        in_app(sys.argv[2], lambda qt: search(qt, *sys.argv[3:8]))
    else:
        in_app(sys.argv[2], lambda qt: session(qt, *sys.argv[3:5]))
