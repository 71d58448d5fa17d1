"""Settings of this PC: language, text size, and the counter's till and
slip printer. Saved for the next start."""

from __future__ import annotations

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

from charity_pos.config import Settings


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

        note = QLabel(self.tr("Changes take effect the next time charity-pos starts."))
        note.setObjectName("hint")
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        self.settings.language = self.language.currentData()
        self.settings.font_point_size = self.font_size.value()
        self.settings.till = self.till.text().strip() or "1"
        self.settings.slip_printer = self.printer.currentData()
        self.settings.slip_width_mm = self.width.currentData()
        self.settings.auto_print_slip = self.auto_print.isChecked()
        self.settings.save()
        super().accept()
