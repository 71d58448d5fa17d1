"""Dialogs of the staff screen: a new account, a new PIN."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from charity_pos.services.base import Role
from charity_pos.ui.pin_field import PinField


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class _PinPairDialog(QDialog):
    """A dialog with a PIN typed twice; it stays open while they differ."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pin = PinField()
        self.pin_again = PinField()
        self.mismatch = QLabel("")
        self.mismatch.setObjectName("warning")

    def accept(self) -> None:
        if self.pin.text() != self.pin_again.text():
            self.mismatch.setText(self.tr("The two PINs differ."))
            return
        super().accept()


class NewUserDialog(_PinPairDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New account"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.username = QLineEdit()
        self.username.setPlaceholderText(self.tr("letters and digits, e.g. wangli"))
        self.display_name = QLineEdit()
        self.role = QComboBox()
        self.role.addItem(self.tr("Cashier"), Role.CASHIER.value)
        self.role.addItem(self.tr("Manager"), Role.MANAGER.value)
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Full name"), self.display_name)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("PIN (4-12 digits)"), self.pin)
        form.addRow(self.tr("PIN again"), self.pin_again)
        layout.addLayout(form)
        layout.addWidget(self.mismatch)
        layout.addWidget(_buttons(self))


class NewPinDialog(_PinPairDialog):
    def __init__(self, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New PIN for {user}").format(user=username))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.addRow(self.tr("New PIN"), self.pin)
        form.addRow(self.tr("PIN again"), self.pin_again)
        layout.addLayout(form)
        layout.addWidget(self.mismatch)
        layout.addWidget(_buttons(self))
