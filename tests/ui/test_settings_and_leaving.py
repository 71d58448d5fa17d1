"""Settings of this PC, and what happens to unfinished work when the
cashier logs out or quits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from charity_pos import config
from charity_pos.ui.app import SCREENS
from charity_pos.ui.intake import IntakeScreen
from charity_pos.ui.main_window import MainWindow
from charity_pos.ui.sales import SaleScreen
from charity_pos.ui.settings import SettingsDialog
from tests.ui.conftest import FakeApproval, show_active


def test_counter_settings_are_saved_for_the_next_start(qtbot) -> None:
    settings = config.Settings()
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.till.text() == "1" and dialog.slip_width.currentData() == 80 and not dialog.auto_print.isChecked()
    assert dialog.printer.currentText() == "每次询问"
    assert dialog.width() == dialog.geometry().width()  # Qt's own width(), no field of that name over it
    dialog.till.setText(" 2 ")
    dialog.slip_width.setCurrentIndex(dialog.slip_width.findData(58))
    dialog.auto_print.setChecked(True)
    dialog.accept()
    loaded = config.Settings.load()
    assert (loaded.till, loaded.slip_width_mm, loaded.auto_print_slip, loaded.slip_printer) == ("2", 58, True, "")


def test_a_printer_that_is_gone_is_still_shown_by_name(qtbot) -> None:
    dialog = SettingsDialog(config.Settings(slip_printer="收银小票机"))
    qtbot.addWidget(dialog)
    assert dialog.printer.currentText() == "收银小票机（未找到）"


def _window(qtbot, services, actor, feedback) -> MainWindow:
    window = MainWindow(services, actor, SCREENS, feedback, FakeApproval(None))
    qtbot.addWidget(window)
    show_active(window)
    return window


def test_logging_out_parks_an_unpaid_ticket(qtbot, services, cashier, manager, feedback, make_item) -> None:
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


def test_quitting_with_an_unsaved_donation_asks_and_can_stay(qtbot, services, cashier, feedback, make_item) -> None:
    window = _window(qtbot, services, cashier, feedback)
    intake = next(s for s in window.screens if isinstance(s, IntakeScreen))
    intake.add_item(services.catalog.search(make_item().name)[0], 2)
    feedback.answer = False
    assert not window.close()
    assert window.isVisible()
    assert feedback.confirms and "没有保存" in feedback.confirms[-1][1]
    feedback.answer = True
    assert window.close()


# --- the ESC/POS receipt printer ------------------------------------------------------
def test_a_settings_file_from_before_the_receipt_printer_loads(tmp_path) -> None:
    import json

    folder = config.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.json").write_text(json.dumps({
        "language": "zh_CN", "store_path": "", "font_point_size": 14, "till": "3", "slip_printer": "",
        "slip_width_mm": 58, "auto_print_slip": True}), encoding="utf-8")
    loaded = config.Settings.load()
    assert (loaded.till, loaded.slip_width_mm, loaded.font_point_size) == ("3", 58, 14)
    assert (loaded.slip_output, loaded.escpos_connection, loaded.drawer_pin, loaded.escpos_port) == (
        "qt", "network", 2, 9100)


def test_an_edited_settings_file_with_wrong_printer_values_falls_back(tmp_path) -> None:
    import json

    folder = config.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.json").write_text(json.dumps({
        "slip_output": "laser", "escpos_connection": 7, "drawer_pin": 3, "escpos_port": "9100",
        "escpos_host": None, "cash_drawer": 1}), encoding="utf-8")
    loaded = config.Settings.load()
    assert (loaded.slip_output, loaded.escpos_connection, loaded.drawer_pin, loaded.escpos_port,
            loaded.escpos_host, loaded.cash_drawer) == ("qt", "network", 2, 9100, "", True)


def _escpos_dialog(qtbot, settings=None):
    dialog = SettingsDialog(settings or config.Settings())
    qtbot.addWidget(dialog)
    show_active(dialog)
    dialog.output.setCurrentIndex(dialog.output.findData("escpos"))
    return dialog


def test_escpos_printer_settings_are_saved(qtbot) -> None:
    dialog = _escpos_dialog(qtbot)
    assert dialog.host.isVisible() and not dialog.usb_vendor.isVisible() and dialog.test_button.isVisible()
    dialog.connection.setCurrentIndex(dialog.connection.findData("usb"))
    assert dialog.usb_vendor.isVisible() and not dialog.host.isVisible()
    dialog.usb_vendor.setText("0x0416")
    dialog.usb_product.setText("5011")
    dialog.drawer_pin.setCurrentIndex(dialog.drawer_pin.findData(5))
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    loaded = config.Settings.load()
    assert (loaded.slip_output, loaded.escpos_connection, loaded.escpos_usb_vendor, loaded.escpos_usb_product,
            loaded.drawer_pin) == ("escpos", "usb", "0x0416", "5011", 5)


def test_qt_output_hides_the_escpos_fields(qtbot) -> None:
    dialog = SettingsDialog(config.Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.host.isVisible() and not dialog.test_button.isVisible() and not dialog.drawer.isVisible()


@pytest.mark.parametrize("connection, fields, field, said", [
    ("network", {"host": "192.168.1.300"}, "host", "不是有效的网络地址"),
    ("network", {"host": "192.168.1.87", "port": "九一零零"}, "port", "1 到 65535"),
    ("network", {"host": "192.168.1.87", "port": "0"}, "port", "1 到 65535"),
    ("network", {"host": ""}, "host", "不能为空"),
    ("usb", {"usb_vendor": "xyz", "usb_product": "5011"}, "usb_vendor", "不是有效的 USB ID"),
    ("serial", {"serial_port": ""}, "serial_port", "串口不能为空"),
])
def test_bad_printer_settings_are_refused_and_nothing_saved(qtbot, connection, fields, field, said) -> None:
    dialog = _escpos_dialog(qtbot)
    dialog.connection.setCurrentIndex(dialog.connection.findData(connection))
    for name, text in fields.items():
        getattr(dialog, name).setText(text)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.isVisible()
    assert said in dialog.message.text()
    assert getattr(dialog, field).hasFocus()
    assert not (config.config_dir() / "settings.json").exists()


def test_test_print_sends_the_test_page_and_nothing_else(qtbot) -> None:
    from escpos.printer import Dummy

    from charity_pos.demo.products import catalog_sample
    from charity_pos.devices.escpos_picture import picture
    from charity_pos.devices.receipt_printer import ReceiptPrinter

    dummy = Dummy()
    dialog = _escpos_dialog(qtbot)
    dialog.make_printer = lambda connection: ReceiptPrinter(connection, opener=lambda _c: dummy)  # type: ignore[method-assign]
    dialog.slip_width.setCurrentIndex(dialog.slip_width.findData(58))
    dialog.host.setText("192.168.1.300")
    assert not dialog.test_print() and dummy.output == b"", "a wrong field: nothing sent"
    dialog.host.setText("192.168.1.87")
    assert dialog.test_print()
    shown = picture(dummy.output, 32)
    assert "打印测试" in shown.replace(" ", "") and "192.168.1.87:9100" in shown
    assert all(ch in shown for ch in catalog_sample() if ch != " ")
    assert b"\x1bp" not in dummy.output, "the drawer stays shut"
    assert dialog.message.text() == "测试页已发送到 192.168.1.87:9100。"
    assert not (config.config_dir() / "settings.json").exists() and dialog.isVisible()


def test_a_test_print_to_a_printer_that_is_off_says_so(qtbot) -> None:
    import socket

    with socket.create_server(("127.0.0.1", 0)) as probe:
        port = probe.getsockname()[1]
    dialog = _escpos_dialog(qtbot)
    dialog.host.setText("127.0.0.1")
    dialog.port.setText(str(port))
    assert not dialog.test_print()
    assert "无法连接" in dialog.message.text()


def test_the_settings_dialog_fits_a_1024x768_screen(qtbot) -> None:
    dialog = _escpos_dialog(qtbot)
    for kind in ("network", "usb", "serial"):
        dialog.connection.setCurrentIndex(dialog.connection.findData(kind))
        hint = dialog.sizeHint()
        assert hint.width() <= 1024 and hint.height() <= 740, (kind, hint)
