"""Settings of this PC: language, text size, the counter's till and slip
printer, and the customer display. Saved for the next start."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from charity_pos.config import BAUD_RATES, Settings, check_customer_display
from charity_pos.errors import InvalidInput


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
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
        counter_form = QFormLayout(counter)
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
        self.width = QComboBox()
        self.width.addItem(self.tr("80 mm"), 80)
        self.width.addItem(self.tr("58 mm"), 58)
        self.width.setCurrentIndex(max(0, self.width.findData(settings.slip_width_mm)))
        self.auto_print = QCheckBox(self.tr("Print the slip by itself after each sale"))
        self.auto_print.setChecked(settings.auto_print_slip)
        counter_form.addRow(self.tr("Till"), self.till)
        counter_form.addRow(self.tr("Receipt printer"), self.printer)
        counter_form.addRow(self.tr("Slip paper"), self.width)
        counter_form.addRow("", self.auto_print)
        layout.addWidget(counter)
        layout.addWidget(self._display_box(settings))

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
        for rate in BAUD_RATES:
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

    def accept(self) -> None:
        problem = self._display_problem()
        self.display_message.setText(problem or "")
        self.display_message.setVisible(problem is not None)
        if problem is not None:
            self.adjustSize()  # room for the message, wrapped
            return
        self.settings.customer_display = self.display_kind.currentData()
        self.settings.display_screen = self.display_screen.currentData() if self.settings.customer_display == "screen" \
            else self.settings.display_screen
        self.settings.pole_port = self.pole_port.text().strip()
        self.settings.pole_baud = self.pole_baud.currentData()
        self.settings.language = self.language.currentData()
        self.settings.font_point_size = self.font_size.value()
        self.settings.till = self.till.text().strip() or "1"
        self.settings.slip_printer = self.printer.currentData()
        self.settings.slip_width_mm = self.width.currentData()
        self.settings.auto_print_slip = self.auto_print.isChecked()
        self.settings.save()
        super().accept()
