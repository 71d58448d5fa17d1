"""Settings of this PC: language, text size, the counter's till and slip
printer: a Qt printer (or a PDF), or an ESC/POS receipt printer with its
connection and the cash drawer behind it, and the customer display. Saved for
the next start.

Every ESC/POS field is checked when saving and before a test print
(``devices.receipt_printer.connection_from``): a wrong one is named in a
message under the fields, the dialog stays open and nothing is saved."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from charity_pos.config import BAUD_RATES as POLE_BAUD_RATES
from charity_pos.config import Settings, check_customer_display
from charity_pos.devices.receipt_printer import BAUD_RATES, Connection, ReceiptPrinter, connection_from
from charity_pos.errors import InvalidInput, PosError
from charity_pos.i18n import describe
from charity_pos.services import backup
from charity_pos.services.base import Actor, Role

if TYPE_CHECKING:
    from charity_pos.services.registry import Services


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None, services: Services | None = None,
                 actor: Actor | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.services = services  # for the backup folder: a manager's choice, checked by the service
        self.actor = actor
        self.setWindowTitle(self.tr("Settings"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.language = QComboBox()
        self.language.addItem("中文（简体）", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.font_size = QSpinBox()
        self.font_size.setRange(9, 24)
        self.font_size.setValue(settings.font_point_size)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Text size (points)"), self.font_size)
        layout.addLayout(form)

        counter = QGroupBox(self.tr("Counter"))
        counter_form = self.counter_form = QFormLayout(counter)
        self.till = QLineEdit(settings.till)
        self.till.setMaxLength(16)
        self.till.setToolTip(self.tr("Each PC that sells is its own till; a till has one open shift at a time."))
        self.printer = QComboBox()
        self.printer.addItem(self.tr("Ask each time"), "")
        for name in QPrinterInfo.availablePrinterNames():
            self.printer.addItem(name, name)
        if settings.slip_printer and self.printer.findData(settings.slip_printer) < 0:
            self.printer.addItem(self.tr("{name} (not found)").format(name=settings.slip_printer),
                                 settings.slip_printer)
        self.printer.setCurrentIndex(max(0, self.printer.findData(settings.slip_printer)))
        self.slip_width = QComboBox()
        self.slip_width.addItem(self.tr("80 mm"), 80)
        self.slip_width.addItem(self.tr("58 mm"), 58)
        self.slip_width.setCurrentIndex(max(0, self.slip_width.findData(settings.slip_width_mm)))
        self.auto_print = QCheckBox(self.tr("Print the slip by itself after each sale"))
        self.auto_print.setChecked(settings.auto_print_slip)
        counter_form.addRow(self.tr("Till"), self.till)
        counter_form.addRow(self.tr("Receipt printer"), self.printer)
        counter_form.addRow(self.tr("Slip paper"), self.slip_width)
        counter_form.addRow("", self.auto_print)
        # two columns, so that the dialog fits a 1024x768 screen whatever is shown
        columns = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(counter)
        left.addWidget(self._display_box(settings))
        left.addStretch(1)
        right.addWidget(self._escpos_group(settings))
        right.addWidget(self._backup_group(settings))
        right.addStretch(1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout.addLayout(columns)

        self.message = QLabel("")  # a field that is wrong, or what the test print did
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        note = QLabel(self.tr("Changes take effect the next time charity-pos starts."))
        note.setObjectName("hint")
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _display_box(self, settings: Settings) -> QGroupBox:
        """The customer display: none, a window on a second screen, or a pole display on a serial port."""
        box = QGroupBox(self.tr("Customer display"))
        inside = QVBoxLayout(box)
        form = QFormLayout()
        inside.addLayout(form)
        self.display_kind = QComboBox()
        self.display_kind.addItem(self.tr("None"), "none")
        self.display_kind.addItem(self.tr("Second screen"), "screen")
        self.display_kind.addItem(self.tr("Pole display (serial port)"), "pole")
        self.display_kind.setCurrentIndex(max(0, self.display_kind.findData(settings.customer_display)))
        self.display_screen = QComboBox()
        for screen in QGuiApplication.screens():
            size = screen.geometry().size()
            self.display_screen.addItem(self.tr("{name} ({width}×{height})").format(
                name=screen.name(), width=size.width(), height=size.height()), screen.name())
        if settings.display_screen and self.display_screen.findData(settings.display_screen) < 0:
            self.display_screen.addItem(self.tr("{name} (not connected)").format(name=settings.display_screen),
                                        settings.display_screen)
        self.display_screen.setCurrentIndex(max(0, self.display_screen.findData(settings.display_screen)))
        self.pole_port = QLineEdit(settings.pole_port)
        self.pole_port.setPlaceholderText(self.tr("COM3 or /dev/ttyUSB0"))
        self.pole_baud = QComboBox()
        for rate in POLE_BAUD_RATES:
            self.pole_baud.addItem(str(rate), rate)
        self.pole_baud.setCurrentIndex(max(0, self.pole_baud.findData(settings.pole_baud)))
        self.display_message = QLabel("")
        self.display_message.setObjectName("warning")
        self.display_message.setWordWrap(True)
        self.display_message.setVisible(False)
        form.addRow(self.tr("Show the customer"), self.display_kind)
        form.addRow(self.tr("Screen"), self.display_screen)
        form.addRow(self.tr("Serial port"), self.pole_port)
        form.addRow(self.tr("Baud rate"), self.pole_baud)
        inside.addWidget(self.display_message)
        self.display_kind.currentIndexChanged.connect(self._display_kind_changed)
        self._display_kind_changed()
        return box

    def _display_kind_changed(self, *_args: object) -> None:
        kind = self.display_kind.currentData()
        self.display_screen.setEnabled(kind == "screen")
        self.pole_port.setEnabled(kind == "pole")
        self.pole_baud.setEnabled(kind == "pole")

    def _display_problem(self) -> str | None:
        """What is wrong with the customer display's settings, said for the user; None when right."""
        kind, screen = self.display_kind.currentData(), self.display_screen.currentData() or ""
        port, baud = self.pole_port.text().strip(), self.pole_baud.currentData()
        try:
            check_customer_display(kind, screen, port, baud)
        except InvalidInput as exc:
            field = exc.facts.get("field")
            if field == "display_screen":
                return self.tr("Choose the screen the customer display goes on.")
            if field == "pole_port" and exc.facts.get("reason") == "empty":
                return self.tr("Type the pole display's serial port, such as COM3 or /dev/ttyUSB0.")
            if field == "pole_port":
                return self.tr("“{port}” is not a serial port name such as COM3 or /dev/ttyUSB0.").format(port=port)
            return self.tr("Choose a baud rate from the list.")
        own = self.screen()
        if kind == "screen" and own is not None and own.name() == screen:
            return self.tr("{screen} is the cashier's own screen: the customer display goes on a second screen.") \
                .format(screen=screen)
        return None

    # --- backups -----------------------------------------------------------------
    def _backup_group(self, settings: Settings) -> QGroupBox:
        """Where backups go and how many are kept: a manager's choice. And the
        reminder that the key file is in no backup."""
        group = QGroupBox(self.tr("Backups"))
        inside = QVBoxLayout(group)
        form = QFormLayout()
        inside.addLayout(form)
        self.backup_folder = QLineEdit(settings.backup_folder)
        self.backup_folder.setPlaceholderText(str(settings.backups))
        self.backup_folder.setToolTip(self.tr("A USB disk or a network folder; empty: the backups folder beside "
                                              "the store's data."))
        self.backup_browse = QPushButton(self.tr("Choose…"))
        self.backup_browse.clicked.connect(self.choose_backup_folder)
        row = QHBoxLayout()
        row.addWidget(self.backup_folder, 1)
        row.addWidget(self.backup_browse)
        form.addRow(self.tr("Folder"), row)
        self.keep: dict[str, QSpinBox] = {}
        counts = QHBoxLayout()
        for name, label, value in (("daily", self.tr("days"), settings.backup_keep_daily),
                                   ("weekly", self.tr("weeks"), settings.backup_keep_weekly),
                                   ("monthly", self.tr("months"), settings.backup_keep_monthly)):
            box = QSpinBox()
            box.setRange(0, 999)
            box.setValue(value)
            box.setSuffix(" " + label)
            self.keep[name] = box
            counts.addWidget(box)
        form.addRow(self.tr("Keep"), counts)
        manager = self.actor is not None and self.actor.role == Role.MANAGER
        for widget in (self.backup_folder, self.backup_browse, *self.keep.values()):
            widget.setEnabled(manager)
        key_note = QLabel(self.tr("The store's key file is in no backup: keep a copy of it apart from the backups "
                                  "(“charity-pos backup-key” writes one protected by a passphrase). Without it a "
                                  "restored store cannot show ID numbers nor be checked."))
        key_note.setObjectName("hint")
        key_note.setWordWrap(True)
        inside.addWidget(key_note)
        if not manager:
            only = QLabel(self.tr("Only a manager changes where backups go."))
            only.setObjectName("hint")
            only.setWordWrap(True)
            inside.addWidget(only)
        return group

    def ask_folder(self) -> str:
        """The folder dialog (tests replace it)."""
        return QFileDialog.getExistingDirectory(self, self.tr("Backup folder"), self.backup_folder.text())

    def choose_backup_folder(self) -> None:
        chosen = self.ask_folder()
        if chosen:
            self.backup_folder.setText(str(Path(chosen)))

    def _save_backups(self) -> bool:
        """A changed folder or count goes through the service, which checks the
        manager and the folder; False (with the reason shown) when refused."""
        folder = self.backup_folder.text().strip()
        keep = backup.Keep(*(self.keep[name].value() for name in ("daily", "weekly", "monthly")))
        if folder == self.settings.backup_folder and keep == backup.Keep.from_settings(self.settings):
            return True
        if self.services is None or self.actor is None:
            self._say(self.tr("Only a manager changes where backups go."), self.backup_folder)
            return False
        try:
            backup.change_settings(self.services.ctx, self.actor, self.settings, folder, keep)
        except PosError as exc:
            self._say(exc, self.backup_folder)
            return False
        return True

    # --- the ESC/POS printer ------------------------------------------------------
    def _escpos_group(self, settings: Settings) -> QGroupBox:
        group = QGroupBox(self.tr("Receipt printer and cash drawer"))
        form = self.escpos_form = QFormLayout(group)
        self.output = QComboBox()
        self.output.addItem(self.tr("Through the printer driver, or a PDF"), "qt")
        self.output.addItem(self.tr("ESC/POS receipt printer"), "escpos")
        self.output.setCurrentIndex(max(0, self.output.findData(settings.slip_output)))
        self.connection = QComboBox()
        self.connection.addItem(self.tr("Network (port 9100)"), "network")
        self.connection.addItem(self.tr("USB"), "usb")
        self.connection.addItem(self.tr("Serial port"), "serial")
        if sys.platform == "win32" or settings.escpos_connection == "win32":
            self.connection.addItem(self.tr("Windows printer (raw)"), "win32")
        self.connection.setCurrentIndex(max(0, self.connection.findData(settings.escpos_connection)))
        self.host = QLineEdit(settings.escpos_host)
        self.host.setPlaceholderText("192.168.1.87")
        self.port = QLineEdit(str(settings.escpos_port))
        self.usb_vendor = QLineEdit(settings.escpos_usb_vendor)
        self.usb_vendor.setPlaceholderText("0416")
        self.usb_product = QLineEdit(settings.escpos_usb_product)
        self.usb_product.setPlaceholderText("5011")
        self.serial_port = QLineEdit(settings.escpos_serial_port)
        self.serial_port.setPlaceholderText("COM3")
        self.baud = QComboBox()
        for rate in BAUD_RATES:
            self.baud.addItem(str(rate), rate)
        self.baud.setCurrentIndex(max(0, self.baud.findData(settings.escpos_serial_baud)))
        self.printer_name = QComboBox()
        self.printer_name.setEditable(True)
        self.printer_name.addItems(QPrinterInfo.availablePrinterNames())
        self.printer_name.setCurrentText(settings.escpos_printer_name)
        self.drawer = QCheckBox(self.tr("Plugged into this printer"))
        self.drawer.setChecked(settings.cash_drawer)
        self.drawer_pin = QComboBox()
        self.drawer_pin.addItem(self.tr("Pin 2"), 2)
        self.drawer_pin.addItem(self.tr("Pin 5"), 5)
        self.drawer_pin.setCurrentIndex(max(0, self.drawer_pin.findData(settings.drawer_pin)))
        self.test_button = QPushButton(self.tr("Test print"))
        self.test_button.clicked.connect(self.test_print)
        form.addRow(self.tr("Slips and reports"), self.output)
        form.addRow(self.tr("Connection"), self.connection)
        form.addRow(self.tr("Printer address"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("USB vendor ID"), self.usb_vendor)
        form.addRow(self.tr("USB product ID"), self.usb_product)
        form.addRow(self.tr("Serial port"), self.serial_port)
        form.addRow(self.tr("Baud rate"), self.baud)
        form.addRow(self.tr("Windows printer"), self.printer_name)
        drawer_row = QHBoxLayout()
        drawer_row.addWidget(self.drawer, 1)
        drawer_row.addWidget(self.drawer_pin)
        form.addRow(self.tr("Cash drawer"), drawer_row)
        form.addRow("", self.test_button)
        self.output.currentIndexChanged.connect(self._show_fields)
        self.connection.currentIndexChanged.connect(self._show_fields)
        self.drawer.toggled.connect(self._show_fields)
        self._show_fields()
        return group

    def _show_fields(self, *_args: object) -> None:
        """Only the fields of the output and connection chosen."""
        escpos = self.output.currentData() == "escpos"
        kind = self.connection.currentData()
        rows = {self.connection: escpos, self.host: escpos and kind == "network",
                self.port: escpos and kind == "network", self.usb_vendor: escpos and kind == "usb",
                self.usb_product: escpos and kind == "usb", self.serial_port: escpos and kind == "serial",
                self.baud: escpos and kind == "serial", self.printer_name: escpos and kind == "win32",
                self.test_button: escpos}
        for widget, shown in rows.items():
            self.escpos_form.setRowVisible(widget, shown)
        self.counter_form.setRowVisible(self.printer, not escpos)  # the Qt printer: not used then
        self.escpos_form.setRowVisible(self.escpos_form.rowCount() - 2, escpos)  # the drawer's row
        self.drawer_pin.setEnabled(self.drawer.isChecked())

    def chosen(self) -> Settings:
        """The settings as the fields say (not yet checked, not saved)."""
        port_text = self.port.text().strip()
        try:
            port: Any = int(port_text)  # or the text, when it is not a number: refused when checked
        except ValueError:
            port = port_text
        return dataclasses.replace(
            self.settings, language=self.language.currentData(), font_point_size=self.font_size.value(),
            till=self.till.text().strip() or "1", slip_printer=self.printer.currentData(),
            slip_width_mm=self.slip_width.currentData(), auto_print_slip=self.auto_print.isChecked(),
            slip_output=self.output.currentData(), escpos_connection=self.connection.currentData(),
            escpos_host=self.host.text().strip(), escpos_port=port,
            escpos_usb_vendor=self.usb_vendor.text().strip(), escpos_usb_product=self.usb_product.text().strip(),
            escpos_serial_port=self.serial_port.text().strip(), escpos_serial_baud=self.baud.currentData(),
            escpos_printer_name=self.printer_name.currentText().strip(), cash_drawer=self.drawer.isChecked(),
            drawer_pin=self.drawer_pin.currentData())

    def _connection(self, chosen: Settings) -> Connection | None:
        """The ESC/POS connection, or None with the wrong field named."""
        if isinstance(chosen.escpos_port, str):
            self._say(InvalidInput(field="printer_port", value=chosen.escpos_port,
                                   reason="empty" if not chosen.escpos_port else "port_number"), self.port)
            return None
        try:
            return connection_from(chosen)
        except InvalidInput as exc:
            self._say(exc, self._field_widget(str(exc.facts.get("field"))))
            return None

    def _field_widget(self, field: str) -> QWidget:
        return {"printer_host": self.host, "printer_port": self.port, "usb_vendor": self.usb_vendor,
                "usb_product": self.usb_product, "serial_port": self.serial_port, "serial_baud": self.baud,
                "printer_name": self.printer_name, "drawer_pin": self.drawer_pin}.get(field, self.connection)

    def _say(self, what: BaseException | str, focus: QWidget | None = None, *, warning: bool = True) -> None:
        self.message.setObjectName("warning" if warning else "notice")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setText(describe(what) if isinstance(what, BaseException) else what)
        self.message.show()
        if focus is not None:
            focus.setFocus()

    def make_printer(self, connection: Connection) -> ReceiptPrinter:
        """The printer to test (tests give one that writes to python-escpos's Dummy)."""
        return ReceiptPrinter(connection)

    def test_print(self) -> bool:
        """A test page on the printer the fields describe: the connection, the
        columns, amounts and every character of the demo catalog. Nothing else
        happens: no drawer opens, nothing is saved."""
        from charity_pos.demo.products import catalog_sample
        from charity_pos.devices.escpos_layout import test_page

        chosen = self.chosen()
        connection = self._connection(chosen)
        if connection is None:
            return False
        facts = [("连接", connection.describe()), ("纸宽", f"{connection.width_mm} mm · {connection.columns} 列"),
                 ("钱箱", f"引脚 {connection.drawer_pin}" if chosen.cash_drawer else "未接"),
                 ("收银台", chosen.till)]
        try:
            self.make_printer(connection).send(test_page(connection.width_mm, facts, catalog_sample()))
        except PosError as exc:
            self._say(exc)
            return False
        self._say(self.tr("Test page sent to {printer}.").format(printer=connection.describe()), warning=False)
        return True

    def accept(self) -> None:
        problem = self._display_problem()
        self.display_message.setText(problem or "")
        self.display_message.setVisible(problem is not None)
        if problem is not None:
            self.adjustSize()  # room for the message, wrapped
            return
        chosen = self.chosen()
        if chosen.slip_output == "escpos" and self._connection(chosen) is None:
            return
        if chosen.slip_output != "escpos" and isinstance(chosen.escpos_port, str):
            chosen.escpos_port = self.settings.escpos_port  # an unused field left as it was
        chosen.customer_display = self.display_kind.currentData()
        if chosen.customer_display == "screen":
            chosen.display_screen = self.display_screen.currentData()
        chosen.pole_port = self.pole_port.text().strip()
        chosen.pole_baud = self.pole_baud.currentData()
        if not self._save_backups():
            return
        for name in ("backup_folder", "backup_keep_daily", "backup_keep_weekly", "backup_keep_monthly"):
            setattr(chosen, name, getattr(self.settings, name))  # as the service saved them
        for field in dataclasses.fields(Settings):
            setattr(self.settings, field.name, getattr(chosen, field.name))
        self.settings.save()
        super().accept()
