"""Python's garbage is collected on the GUI thread only (``ui.collector``):
a background load can never be the thread that destroys widgets."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtWidgets import QWidget

from charity_pos.ui.collector import MainThreadCollector, collect_on_gui_thread


class Cycle:
    """A widget held in a reference cycle, as a closed dialog with its connections is."""

    def __init__(self) -> None:
        self.widget = QWidget()
        self.me = self


def cycles(count: int) -> None:
    for _ in range(count):
        garbage: list[object] = []
        garbage.append(garbage)


def test_the_app_collects_on_its_own_thread_and_never_in_a_worker(qtbot, qapp) -> None:
    collector = collect_on_gui_thread(qapp)
    assert collect_on_gui_thread(qapp) is collector, "one collector per app"
    assert not gc.isenabled()
    cycle = Cycle()
    gone = weakref.ref(cycle)
    del cycle
    collected_in: list[str] = []
    gc.callbacks.append(lambda phase, _info: collected_in.append(threading.current_thread().name)
                        if phase == "start" else None)
    try:
        worker = threading.Thread(target=cycles, args=(20_000,), name="report-load")
        worker.start()
        worker.join()  # a busy background load leaves garbage past every threshold
        assert gone() is not None and "report-load" not in collected_in, "no collection in the worker"
        qtbot.waitUntil(lambda: gone() is None, timeout=5000)  # the GUI thread's timer collects it
    finally:
        gc.callbacks.pop()
    assert set(collected_in) == {threading.main_thread().name}


def test_collection_switched_back_on_is_switched_off_again(qapp) -> None:
    collector = collect_on_gui_thread(qapp)
    assert isinstance(collector, MainThreadCollector)
    gc.enable()
    collector.collect()
    assert not gc.isenabled()
