"""Reading reports off the UI thread, so that a year's ledger never freezes
the counter.

A ``Loader`` runs one function at a time in a thread pool of its own (one
database reader at a time); ``loaded`` carries its result and ``failed`` the
exception back on the UI thread. A newer ``load`` supersedes an older one:
the older one's result is dropped. Each service call opens its own read
session, so SQLite is read from the worker thread safely.

A screen's services are ``guarded`` (``ui.session``): a refusal that ends the
session must be reported on the UI thread, where it logs out. So the work
runs the bare service, and the refusal is passed to the guard's ``ended``
back on the UI thread (``ui.session.unguarded``).

A loader's thread pool is never a child of the screen: Qt destroys a
screen's children from C++ with Python's lock held, and a pool's destructor
waits for its running work, which needs that lock to finish, so a screen
closed while its figures were still being read (a log-out, the window
closing) froze the app. The pools are kept for the process instead
(``_POOLS``, each with its one thread, ended when idle), and work whose
loader is gone finishes with nobody to tell.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from charity_pos.errors import PosError

log = logging.getLogger("charity_pos.ui")


class _Carrier(QObject):
    """Lives on the UI thread; its signals, emitted from the worker, arrive there."""

    done = Signal(int, object)
    failed = Signal(int, object)


class _Task(QRunnable):
    def __init__(self, generation: int, work: Callable[[], Any], carrier: _Carrier) -> None:
        super().__init__()
        self.generation, self.work, self.carrier = generation, work, carrier

    def run(self) -> None:
        try:
            result = self.work()
        except BaseException as exc:  # noqa: BLE001 - shown to the user, never lost
            if not isinstance(exc, PosError):
                log.exception("report work failed")
            self._tell(self.carrier.failed, exc)
        else:
            self._tell(self.carrier.done, result)

    def _tell(self, signal: Any, outcome: object) -> None:
        try:
            signal.emit(self.generation, outcome)
        except RuntimeError:  # the screen, and its loader, closed while the work ran: nobody left to tell
            log.debug("report work finished after its screen closed")


#: every loader's pool, for the life of the process (see the module's docstring)
_POOLS: list[QThreadPool] = []


class Loader(QObject):
    """Runs ``work`` off the UI thread; the latest call's outcome wins."""

    loaded = Signal(object)
    failed = Signal(object)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool()  # no parent: never destroyed with the screen, waiting under Python's lock
        self.pool.setMaxThreadCount(1)
        _POOLS.append(self.pool)
        self._carrier = _Carrier(self)
        self._carrier.done.connect(self._done)
        self._carrier.failed.connect(self._failed)
        self._generation = 0
        self._pending = 0

    def load(self, work: Callable[[], Any]) -> None:
        self._generation += 1
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        self.pool.start(_Task(self._generation, work, self._carrier))

    def busy(self) -> bool:
        return self._pending > 0

    def wait(self, ms: int = 30_000) -> bool:
        """Block until the work is done (tests, and closing)."""
        return self.pool.waitForDone(ms)

    def _finish(self) -> None:
        self._pending -= 1
        if self._pending == 0:
            self.busy_changed.emit(False)

    def _done(self, generation: int, result: object) -> None:
        if generation == self._generation:
            self.loaded.emit(result)
        self._finish()

    def _failed(self, generation: int, error: object) -> None:
        if generation == self._generation:
            self.failed.emit(error)
        self._finish()
