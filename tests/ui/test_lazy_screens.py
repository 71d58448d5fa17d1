"""The main window builds only the screen shown first; each other screen is
built on its first visit. Navigation, keys, the keyboard help and what one
screen sends another work the same before a screen is built."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from charity_pos.ui.app import SCREENS, Shell
from charity_pos.ui.catalog import CatalogScreen
from charity_pos.ui.dashboard import DashboardScreen
from charity_pos.ui.donations import DonationsScreen
from charity_pos.ui.intake import IntakeScreen
from charity_pos.ui.main_window import MainWindow
from charity_pos.ui.sales import SaleScreen
from charity_pos.ui.trace import TraceScreen
from tests.ui.conftest import FakeApproval, show_active


def _window(qtbot, services, actor, feedback) -> MainWindow:
    window = MainWindow(services, actor, SCREENS, feedback, FakeApproval(None))
    qtbot.addWidget(window)
    return window


def _built(window: MainWindow) -> list[type]:
    return [type(s) for s in window.built_screens()]


def test_only_the_first_screen_is_built_at_log_in(qtbot, services, cashier, manager, feedback) -> None:
    window = _window(qtbot, services, cashier, feedback)
    assert _built(window) == [SaleScreen], "the counter, and nothing else"
    assert window.navigation.count() == 8, "every screen listed all the same"  # campaigns among them
    window = _window(qtbot, services, manager, feedback)
    assert _built(window) == [DashboardScreen]


def test_keys_bring_up_screens_not_built_yet(qtbot, services, cashier, feedback) -> None:
    window = _window(qtbot, services, cashier, feedback)
    show_active(window)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert isinstance(window.current_screen(), DonationsScreen)
    assert _built(window) == [SaleScreen, DonationsScreen]
    assert window.current_screen().isVisible()
    QApplication.processEvents()
    # building it took the focus from no one: the next key still reaches the window
    assert window.isActiveWindow()
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert isinstance(window.current_screen(), CatalogScreen)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert isinstance(window.current_screen(), DonationsScreen)
    assert _built(window) == [SaleScreen, DonationsScreen, CatalogScreen], "each built once"


def test_a_screen_built_late_shows_what_changed_before(qtbot, services, manager, cashier, feedback) -> None:
    window = _window(qtbot, services, cashier, feedback)
    items = len(services.catalog.search(include_inactive=True, limit=None))
    rice = services.catalog.search("东北大米")[0]
    changes = services.catalog.create_item(manager, replace(rice.draft(), name="新到的毛巾", barcode=""))
    window.broadcast(changes)  # no list screen built yet to tell
    show_active(window)
    qtbot.keyClick(window, Qt.Key.Key_F2)
    catalog = window.current_screen()
    assert isinstance(catalog, CatalogScreen)
    qtbot.waitUntil(lambda: catalog.model.rowCount() == items + 1)  # its rows follow once it is up


def test_keyboard_help_lists_every_screen_without_building_them(qtbot, services, manager, feedback) -> None:
    window = _window(qtbot, services, manager, feedback)
    window.show_shortcuts()
    _title, text = feedback.infos[-1]
    assert "F2: 商品目录" in text and "Ctrl+G: 追溯" in text and "Ctrl+H: 困难家庭" in text
    assert "F11 挂单" in text and "F6 匿名" in text
    assert DonationsScreen in _built(window) or "Ctrl+Del" in text
    assert CatalogScreen not in _built(window) and IntakeScreen not in _built(window)


def test_what_a_screen_sends_builds_the_screen_it_goes_to(qtbot, services, manager, feedback) -> None:
    window = _window(qtbot, services, manager, feedback)
    show_active(window)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    donations = window.current_screen()
    assert isinstance(donations, DonationsScreen) and TraceScreen not in _built(window)
    donations.to_trace.emit("PT01-2026-D999999")
    tracer = window.current_screen()
    assert isinstance(tracer, TraceScreen)
    assert tracer.scan.text() == "PT01-2026-D999999"
    assert tracer.message.text(), "an unknown number says so"


def test_settings_reach_screens_built_after_log_in(qtbot, services, manager, feedback, settings) -> None:
    settings.till = "7"
    shell = Shell(services, settings, feedback)
    shell.open_main(manager)
    qtbot.addWidget(shell.main)
    assert SaleScreen not in _built(shell.main)
    show_active(shell.main)
    qtbot.keyClick(shell.main, Qt.Key.Key_F9)
    sale = shell.main.current_screen()
    assert isinstance(sale, SaleScreen)
    assert sale.settings.till == "7"
    shell.main.leave_without_asking()
    shell.main.close()


PRELOAD = """
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from charity_pos.ui import app
print(sorted(m for m in app.MAIN_MODULES if m in sys.modules))
qt = app.QApplication([])
app.preload()
end = time.monotonic() + 120
while time.monotonic() < end and not all(m in sys.modules for m in app.MAIN_MODULES):
    qt.processEvents()
    time.sleep(0.01)
print(sorted(m for m in app.MAIN_MODULES if m not in sys.modules))
print("pypinyin" in sys.modules)
"""


def test_the_log_in_window_waits_for_no_screen_and_the_rest_loads_after() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", PRELOAD], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    before, after, pinyin = done.stdout.strip().splitlines()[-3:]
    assert before == "[]", "the log-in window's modules import no screen, no main window"
    assert after == "[]", "everything the main window needs is imported once the event loop runs"
    assert pinyin == "False", "the pinyin tables (55 MB) wait for a screen that finds names by their initials"
