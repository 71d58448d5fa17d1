"""Shown when a donation is saved: its number, what to watch (food with
little shelf life left), and its papers: receipt and labels."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class SavedDialog(QDialog):
    def __init__(self, number: str, summary: str, warnings: list[str], *, offer_receipt: bool, offer_labels: bool,
                 print_receipt: Callable[[], object], print_labels: Callable[[], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._print_receipt, self._print_labels = print_receipt, print_labels
        self.setWindowTitle(self.tr("Donation saved"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.number = QLabel(self.tr("Donation number {number}").format(number=number))
        self.number.setObjectName("total")
        layout.addWidget(self.number)
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.warnings = QLabel("\n".join(warnings))
        self.warnings.setObjectName("warning")
        self.warnings.setWordWrap(True)
        self.warnings.setVisible(bool(warnings))
        layout.addWidget(self.warnings)
        row = QHBoxLayout()
        self.receipt_button = QPushButton(self.tr("Print receipt (P)"))
        self.receipt_button.setShortcut("P")
        self.receipt_button.setVisible(offer_receipt)
        self.labels_button = QPushButton(self.tr("Labels (L)"))
        self.labels_button.setShortcut("L")
        self.labels_button.setVisible(offer_labels)
        self.done_button = QPushButton(self.tr("Next donor (Enter)"))
        self.done_button.setDefault(True)
        self.done_button.setAutoDefault(True)
        for button in (self.receipt_button, self.labels_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.done_button)
        layout.addLayout(row)
        self.receipt_button.clicked.connect(self.print_receipt)
        self.labels_button.clicked.connect(self.print_labels)
        self.done_button.clicked.connect(self.accept)
        self.done_button.setFocus()

    def print_receipt(self) -> None:
        if self._print_receipt():
            self.receipt_button.setText(self.tr("Receipt printed"))
            self.receipt_button.setEnabled(False)

    def print_labels(self) -> None:
        if self._print_labels():
            self.labels_button.setText(self.tr("Labels printed"))
            self.labels_button.setEnabled(False)
