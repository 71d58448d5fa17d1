"""Long work (label sheets, imports, exports, PDFs) off the UI thread.

``Job`` runs one function in a QThread of its own. The function gets a
``report(done, total, item)`` callable, whose calls arrive on the UI thread
as ``progress``, and a ``cancelled()`` callable it checks between steps.
``finished`` carries its result, ``failed`` the exception. The store app and
the hub app (``hub_ui``) share it.

``Background`` is what a screen holds: one job at a time (``run`` while one
runs does nothing and says so by returning False), a progress dialog with a
cancel button where the work allows it (the work stops at its next check,
or its result is dropped), the result handed to a callback on the UI
thread, and an error shown in the user's words. The work must not use
the screen's database session or widgets: it calls the services, each call
one unit of work with its own session, bare (``ui.session.unguarded``), and
a refusal that ends the session is reported back on the UI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from charity_pos.errors import PosError

log = logging.getLogger("charity_pos.ui")

Report = Callable[[int, int, object], None]
Work = Callable[[Report, Callable[[], bool]], Any]

#: Jobs whose thread still runs: kept here, not by their screen, so that a
#: screen closed meanwhile (a log-out) never destroys a running thread.
_running: set[Job] = set()


class _Runner(QObject):
    progress = Signal(int, int, object)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Work, stop: threading.Event) -> None:
        super().__init__()
        self.work = work
        self.stop = stop

    @Slot()
    def run(self) -> None:
        try:
            result = self.work(lambda done, total, item: self.progress.emit(done, total, item), self.stop.is_set)
        except BaseException as exc:  # noqa: BLE001 - shown to the user, never lost
            if not isinstance(exc, PosError):
                log.exception("background job failed")
            self.failed.emit(exc)
        else:
            self.finished.emit(result)


class Job(QObject):
    """One piece of work in a thread of its own; ``start()`` once."""

    progress = Signal(int, int, object)
    finished = Signal(object)
    failed = Signal(object)
    #: after finished or failed, when the thread is gone
    ended = Signal()

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stop = threading.Event()
        self._thread = QThread()
        self._runner = _Runner(work, self._stop)
        self._runner.moveToThread(self._thread)
        self._thread.started.connect(self._runner.run)
        self._runner.progress.connect(self.progress)
        self._runner.finished.connect(self._finish)
        self._runner.failed.connect(self._fail)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        """Stop at the next step the work checks."""
        self._stop.set()

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    def running(self) -> bool:
        return self._thread.isRunning()

    def wait(self, ms: int = 60_000) -> bool:
        return self._thread.wait(ms)

    def _finish(self, result: object) -> None:
        self._thread.quit()
        self._thread.wait()
        self.finished.emit(result)
        self.ended.emit()

    def _fail(self, error: object) -> None:
        self._thread.quit()
        self._thread.wait()
        self.failed.emit(error)
        self.ended.emit()


class Background(QObject):
    """A screen's long work, one piece at a time, behind a progress dialog."""

    #: the work's result, after ``done`` was called with it
    succeeded = Signal(object)
    #: the error, after it was shown
    failed = Signal(object)
    #: the user cancelled: the work stopped, or its result was dropped (``done`` not called)
    cancelled = Signal()
    #: True when work starts, False when it has ended either way
    busy_changed = Signal(bool)

    def __init__(self, parent: QWidget, show_error: Callable[[BaseException], None]) -> None:
        super().__init__(parent)
        self.widget = parent
        self.show_error = show_error
        self.job: Job | None = None
        self.dialog: QProgressDialog | None = None

    def busy(self) -> bool:
        return self.job is not None

    def run(self, label: str, work: Work, done: Callable[[Any], object], *, cancellable: bool = False,
            ended: Callable[[BaseException], None] | None = None) -> bool:
        """Start ``work`` with a progress dialog saying ``label``; on the UI
        thread, ``done(result)`` when it succeeds, or the error shown (and
        passed to ``ended``: a refusal that ends the session). False when
        other work is still running: nothing starts."""
        if self.job is not None:
            return False
        self.dialog = self._dialog(label, cancellable)
        job = self.job = Job(work)
        _running.add(job)
        job.ended.connect(lambda: _running.discard(job))
        job.progress.connect(self._progress)
        job.finished.connect(lambda result: self._end(lambda: self._succeeded(job, result, done)))
        job.failed.connect(lambda error: self._end(lambda: self._failed(error, ended)))
        self.destroyed.connect(job.cancel)  # the screen is gone: stop at the next step, tell no one
        self.busy_changed.emit(True)
        job.start()
        return True

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            if self.dialog is not None:
                self.dialog.setLabelText(self.tr("Stopping…"))

    def wait(self, ms: int = 60_000) -> bool:
        """Block until the thread is done (closing the app, and tests)."""
        return self.job.wait(ms) if self.job is not None else True

    def _dialog(self, label: str, cancellable: bool) -> QProgressDialog:
        dialog = QProgressDialog(label, self.tr("Cancel") if cancellable else "", 0, 0, self.widget)
        dialog.setWindowTitle(self.tr("Working…"))
        dialog.setWindowModality(Qt.WindowModality.NonModal)  # the window stays usable
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        if cancellable:
            dialog.canceled.disconnect()  # Qt's own cancel would hide the dialog: the work stops first
            dialog.canceled.connect(self.cancel)
        else:
            dialog.setCancelButton(None)
        dialog.show()
        return dialog

    def _progress(self, done: int, total: int, _item: object) -> None:
        if not shiboken6.isValid(self):
            return
        if self.dialog is not None and total > 0:
            self.dialog.setRange(0, total)
            self.dialog.setValue(done)

    def _end(self, then: Callable[[], object]) -> None:
        if not shiboken6.isValid(self):  # the screen was closed while the work ran
            return
        if self.dialog is not None:
            self.dialog.blockSignals(True)  # closing a progress dialog says "canceled": it is not
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        self.job = None
        self.busy_changed.emit(False)
        try:
            then()
        except Exception as exc:  # noqa: BLE001 - what follows the work (a save, a print) failed: say so
            if not isinstance(exc, PosError):
                log.exception("after background work")
            self.show_error(exc)

    def _succeeded(self, job: Job, result: object, done: Callable[[Any], object]) -> None:
        if job.cancelled:
            self.cancelled.emit()
            return
        done(result)
        self.succeeded.emit(result)

    def _failed(self, error: object, ended: Callable[[BaseException], None] | None) -> None:
        if isinstance(error, BaseException):
            if ended is not None:
                ended(error)
            self.show_error(error)
        self.failed.emit(error)

