"""Small dialogs for a donation's papers: which labels, why a receipt is voided."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from charity_pos.ui.reason import ReasonDialog


class LabelsDialog(QDialog):
    """Template, one label per unit or per line, and print or save as PDF."""

    def __init__(self, donation_number: str, units: int, lines: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.units, self.lines = units, lines
        self.to_file = False
        self.setWindowTitle(self.tr("Labels for {number}").format(number=donation_number))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.template = QComboBox()
        self.template.addItem(self.tr("A4 sheet, 3 × 8 labels"), "a4-3x8")
        self.template.addItem(self.tr("Thermal label 40 × 30 mm"), "thermal-40x30")
        self.per_unit = QCheckBox(self.tr("One label per unit"))
        self.per_unit.setChecked(True)
        form.addRow(self.tr("Template"), self.template)
        form.addRow("", self.per_unit)
        layout.addLayout(form)
        self.count = QLabel("")
        self.count.setObjectName("hint")
        layout.addWidget(self.count)
        buttons = QDialogButtonBox()
        self.print_button = QPushButton(self.tr("Print (Enter)"))
        self.print_button.setDefault(True)
        self.save_button = QPushButton(self.tr("Save as PDF (Ctrl+S)"))
        self.save_button.setShortcut("Ctrl+S")
        cancel = QPushButton(self.tr("Cancel (Esc)"))
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.print_button.clicked.connect(lambda: self._done(False))
        self.save_button.clicked.connect(lambda: self._done(True))
        cancel.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.per_unit.toggled.connect(lambda _c: self._count())
        self._count()
        self.template.setFocus()

    def _count(self) -> None:
        count = self.units if self.per_unit.isChecked() else self.lines
        self.count.setText(self.tr("%n label(s)", "", count))

    def _done(self, to_file: bool) -> None:
        self.to_file = to_file
        self.accept()

    def choice(self) -> tuple[str, bool]:
        """The template and whether one label goes on per unit."""
        return self.template.currentData(), self.per_unit.isChecked()


class VoidDialog(ReasonDialog):
    """Why a receipt is voided. Its number stays, marked 作废."""

    def __init__(self, receipt_number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.explain(self.tr("Void receipt"),
                     self.tr("Receipt {number} will be marked void. Its number stays and is not used again.")
                     .format(number=receipt_number),
                     example=self.tr("e.g. wrong donor name"), accept_text=self.tr("Void receipt (Enter)"))
        self.missing = self.tr("Say why the receipt is voided.")
