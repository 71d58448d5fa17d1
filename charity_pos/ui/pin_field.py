"""A PIN entry: digits only, hidden, big enough to hit on a touch screen."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QWidget


class PinField(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,12}"), self))
        self.setMaxLength(12)
        self.setMinimumWidth(180)
