"""Long work off the UI thread: the shared ``Background`` runs it in a
worker thread behind a progress dialog, one piece at a time, with cancel
where the work allows; the result or the error comes back on the UI thread.
And the store's report export uses it: the file appears, written from the
worker; a failure is told and leaves no file."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from charity_pos.errors import InvalidInput
from charity_pos.reports.table import Filters
from charity_pos.ui.background import Background
from charity_pos.ui.reports import ReportsScreen
from tests.ui.conftest import FakeApproval
from tests.ui.ledger import cashier, ledger_store, manager, services  # noqa: F401 - fixtures


def _host(qtbot) -> tuple[QWidget, Background, list[BaseException]]:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    shown: list[BaseException] = []
    return widget, Background(widget, shown.append), shown


def test_work_runs_in_a_worker_thread_behind_a_progress_dialog(qtbot) -> None:
    _widget, background, shown = _host(qtbot)
    release = threading.Event()
    seen: dict[str, object] = {}
    results: list[object] = []

    def work(report, cancelled) -> str:
        seen["thread"] = QThread.currentThread()
        report(1, 2, "half")
        assert release.wait(10)
        report(2, 2, "all")
        return "made"

    assert background.run("正在生成…", work, results.append)
    qtbot.waitUntil(lambda: "thread" in seen)
    assert seen["thread"] is not QApplication.instance().thread(), "not on the UI thread"
    dialog = background.dialog
    assert dialog is not None and dialog.isVisible() and dialog.labelText() == "正在生成…"
    qtbot.waitUntil(lambda: dialog.maximum() == 2 and dialog.value() == 1)
    assert not background.run("again", work, results.append), "a second start while running does nothing"
    with qtbot.waitSignal(background.succeeded, timeout=10_000):
        release.set()
    assert results == ["made"] and shown == [] and background.dialog is None and not background.busy()


def test_cancel_stops_work_that_checks_between_steps(qtbot) -> None:
    _widget, background, _shown = _host(qtbot)
    started = threading.Event()

    def work(report, cancelled) -> int:
        steps = 0
        started.set()
        while not cancelled() and steps < 10_000:
            steps += 1
            QThread.msleep(2)
        return steps

    results: list[int] = []
    background.run("…", work, results.append, cancellable=True)
    assert started.wait(5)
    buttons = background.dialog.findChildren(QPushButton)  # type: ignore[union-attr]
    assert [b.text() for b in buttons] == ["取消"]
    with qtbot.waitSignal(background.cancelled, timeout=30_000):
        buttons[0].click()
    assert results == [], "a cancelled piece of work hands nothing on"
    assert not background.busy() and background.dialog is None


def test_an_error_comes_back_as_a_message_and_to_whoever_ends_the_session(qtbot) -> None:
    _widget, background, shown = _host(qtbot)
    ended: list[BaseException] = []
    error = InvalidInput(field="name", value="", reason="empty")

    def work(report, cancelled) -> None:
        raise error

    with qtbot.waitSignal(background.failed, timeout=10_000):
        background.run("…", work, lambda _r: None, ended=ended.append)
    assert shown == [error] and ended == [error] and not background.busy()


# --- the report export ------------------------------------------------------------
def _reports(qtbot, st, feedback) -> ReportsScreen:
    screen = ReportsScreen(st.services, st.manager, feedback, FakeApproval(None))
    qtbot.addWidget(screen)
    screen.resize(1024, 700)
    screen.show()
    screen.show_report("donations", Filters(st.day, st.day))
    qtbot.waitUntil(lambda: screen.report is not None and not screen.loader.busy(), timeout=10_000)
    return screen


def test_the_export_is_written_from_a_worker_thread_and_the_file_appears(qtbot, ledger_store, feedback, tmp_path,
                                                                        monkeypatch) -> None:
    import charity_pos.export.csv_out as csv_out

    real = csv_out.write_csv
    threads: list[QThread] = []
    monkeypatch.setattr(csv_out, "write_csv", lambda report, path: (threads.append(QThread.currentThread()),
                                                                    real(report, path))[1])
    screen = _reports(qtbot, ledger_store, feedback)
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "台账.csv"
    screen.ask_path = lambda suffix, suggested: target  # type: ignore[method-assign]
    with qtbot.waitSignal(screen.exporter.succeeded, timeout=10_000):
        screen.csv_button.click()
        assert screen.exporter.busy() and screen.exporter.dialog is not None
        screen.csv_button.click()  # a second click while it runs: nothing more
    assert len(threads) == 1 and threads[0] is not QApplication.instance().thread()
    assert target.is_file() and "捐赠" in target.read_text("utf-8-sig")
    assert str(target) in screen.notice.text() and feedback.errors == []
    assert sorted(p.name for p in target.parent.iterdir()) == ["台账.csv"]


def test_a_failed_export_is_told_and_leaves_no_file(qtbot, ledger_store, feedback, tmp_path,
                                                    monkeypatch) -> None:
    import charity_pos.export.csv_out as csv_out

    def half_then_full_disk(report, path: Path) -> None:
        Path(path).write_text("日期,捐赠人\n", "utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(csv_out, "write_csv", half_then_full_disk)
    screen = _reports(qtbot, ledger_store, feedback)
    (tmp_path / "out").mkdir()
    screen.ask_path = lambda suffix, suggested: tmp_path / "out" / "台账.csv"  # type: ignore[method-assign]
    with qtbot.waitSignal(screen.exporter.failed, timeout=10_000):
        screen.csv_button.click()
    assert len(feedback.errors) == 1 and "台账.csv" in feedback.errors[0]
    assert list((tmp_path / "out").iterdir()) == [], "no file, not even a partial one"
    assert screen.notice.text() == "" and not screen.exporter.busy()


def test_an_error_in_what_follows_the_work_is_shown_too(qtbot) -> None:
    _widget, background, shown = _host(qtbot)
    error = InvalidInput(field="name", value="", reason="empty")

    def follow(_result: object) -> None:
        raise error

    with qtbot.waitSignal(background.busy_changed, timeout=10_000, check_params_cb=lambda busy: not busy):
        background.run("…", lambda report, cancelled: 1, follow)
    assert shown == [error] and not background.busy()


def test_a_screen_closed_while_its_work_runs_leaves_the_thread_to_finish_alone(qtbot) -> None:
    from charity_pos.ui import background as module

    widget = QWidget()
    shown: list[BaseException] = []
    background = Background(widget, shown.append)
    release, results = threading.Event(), []

    def work(report, cancelled) -> str:
        assert release.wait(10)
        return "late"

    background.run("…", work, results.append)
    job = background.job
    assert job in module._running
    with qtbot.waitSignal(widget.destroyed):
        widget.deleteLater()  # a log-out closes the screens
    assert job.cancelled, "told to stop at its next step"
    with qtbot.waitSignal(job.ended, timeout=10_000):
        release.set()
    assert job not in module._running and results == [] and shown == []
