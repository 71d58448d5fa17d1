"""Running long work (imports, exports) off the UI thread.

A ``Job`` runs a function in a QThread of its own. The function gets a
``report(done, total, item)`` callable, whose calls arrive in the UI thread
as ``progress``, and a ``cancelled()`` callable it checks between files.
``finished`` carries the function's result, ``failed`` the exception.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

log = logging.getLogger("charity_pos.hub_ui")

Report = Callable[[int, int, object], None]
Work = Callable[[Report, Callable[[], bool]], Any]


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
            from charity_pos.errors import PosError

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
        """Stop after the file at hand."""
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
