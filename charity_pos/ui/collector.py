"""Python's cyclic garbage collected on the GUI thread only.

Python collects cycles in whichever thread happens to allocate when a
generation fills up. When that is a worker thread (a report or the
manager's overview loading in the background) and the garbage holds widgets
(a closed dialog and its signal connections form cycles), their C++ side is
destroyed in the worker thread, which Qt does not allow: the app crashes.
So automatic collection is switched off and a timer on the GUI thread
collects each generation when Python would have (its thresholds), the way
long-running Qt programs commonly do.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

#: How often the GUI thread looks whether a collection is due.
INTERVAL_MS = 500


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.setObjectName("charity_pos_gc")
        self._threshold = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect)
        self._timer.start(INTERVAL_MS)

    def collect(self) -> None:
        """A collection of the generations that are due, here on the GUI thread."""
        gc.disable()  # something switched it on again: off, so no worker thread collects
        young, middle, old = gc.get_count()
        if young > self._threshold[0]:
            gc.collect(0)
            if middle > self._threshold[1]:
                gc.collect(1)
                if old > self._threshold[2]:
                    gc.collect(2)


def collect_on_gui_thread(app: QObject) -> MainThreadCollector:
    """The app's collector (made once): automatic collection off from now on."""
    found = app.findChild(MainThreadCollector, "charity_pos_gc")
    if isinstance(found, MainThreadCollector):
        gc.disable()
        return found
    return MainThreadCollector(app)
