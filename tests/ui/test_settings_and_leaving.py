"""Settings of this PC, and what happens to unfinished work when the
cashier logs out or quits."""

from __future__ import annotations

from PySide6.QtCore import Qt

from charity_pos import config
from charity_pos.ui.app import SCREENS
from charity_pos.ui.intake import IntakeScreen
from charity_pos.ui.main_window import MainWindow
from charity_pos.ui.sales import SaleScreen
from charity_pos.ui.settings import SettingsDialog
from tests.ui.conftest import FakeApproval, show_active


def test_counter_settings_are_saved_for_the_next_start(qtbot) -> None:  # type: ignore[no-untyped-def]
    settings = config.Settings()
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.till.text() == "1" and dialog.width.currentData() == 80 and not dialog.auto_print.isChecked()
    assert dialog.printer.currentText() == "每次询问"
    dialog.till.setText(" 2 ")
    dialog.width.setCurrentIndex(dialog.width.findData(58))
    dialog.auto_print.setChecked(True)
    dialog.accept()
    loaded = config.Settings.load()
    assert (loaded.till, loaded.slip_width_mm, loaded.auto_print_slip, loaded.slip_printer) == ("2", 58, True, "")


def test_a_printer_that_is_gone_is_still_shown_by_name(qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = SettingsDialog(config.Settings(slip_printer="收银小票机"))
    qtbot.addWidget(dialog)
    assert dialog.printer.currentText() == "收银小票机（未找到）"


def _window(qtbot, services, actor, feedback) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(services, actor, SCREENS, feedback, FakeApproval(None))
    qtbot.addWidget(window)
    show_active(window)
    return window


def test_logging_out_parks_an_unpaid_ticket(qtbot, services, cashier, manager, feedback, make_item) -> None:  # type: ignore[no-untyped-def]
    services.shifts.open(cashier, "1", 10000)
    rice = make_item()
    window = _window(qtbot, services, cashier, feedback)
    sale = next(s for s in window.screens if isinstance(s, SaleScreen))
    window.show_screen(sale)
    qtbot.keyClicks(sale.scan, rice.barcode)
    qtbot.keyClick(sale.scan, Qt.Key.Key_Return)
    assert sale.model.rowCount() == 1
    with qtbot.waitSignal(window.logout_requested):
        window.request_logout()
    parked = services.sales.parked("1")
    assert len(parked) == 1 and rice.name in parked[0].summary


def test_quitting_with_an_unsaved_donation_asks_and_can_stay(qtbot, services, cashier, feedback, make_item) -> None:  # type: ignore[no-untyped-def]
    window = _window(qtbot, services, cashier, feedback)
    intake = next(s for s in window.screens if isinstance(s, IntakeScreen))
    intake.add_item(services.catalog.search(make_item().name)[0], 2)
    feedback.answer = False
    assert not window.close()
    assert window.isVisible()
    assert feedback.confirms and "没有保存" in feedback.confirms[-1][1]
    feedback.answer = True
    assert window.close()
