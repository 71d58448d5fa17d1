"""The log-in screen: pick your name, type your PIN, press Enter."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from charity_pos.errors import PosError
from charity_pos.i18n import describe
from charity_pos.services.base import Actor
from charity_pos.services.registry import Services
from charity_pos.ui.pin_field import PinField


class LoginScreen(QWidget):
    logged_in = Signal(object)  # Actor

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        store = services.store()
        self.setWindowTitle(self.tr("charity-pos: log in"))
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel(store.name)
        title.setObjectName("screenTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        subtitle = QLabel(self.tr("Store {code} · {district}").format(code=store.code, district=store.district))
        subtitle.setObjectName("hint")
        subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(subtitle)
        form = QFormLayout()
        self.user = QComboBox()
        self.user.setMinimumWidth(260)
        self.pin = PinField()
        form.addRow(self.tr("&User"), self.user)
        form.addRow(self.tr("&PIN"), self.pin)
        layout.addLayout(form)
        self.message = QLabel("")
        self.message.setObjectName("warning")
        self.message.setWordWrap(True)
        self.message.setMinimumWidth(360)
        layout.addWidget(self.message)
        self.button = QPushButton(self.tr("Log in (Enter)"))
        self.button.setDefault(True)
        self.button.clicked.connect(self.submit)
        self.pin.returnPressed.connect(self.submit)
        layout.addWidget(self.button)
        self.reload_users()
        self.resize(520, 360)

    def reload_users(self) -> None:
        self.user.clear()
        for user in self.services.accounts.users(active_only=True):
            role = self.tr("Manager") if user.role == "manager" else self.tr("Cashier")
            self.user.addItem(f"{user.display_name} · {role} ({user.username})", user.username)
        self.pin.clear()
        self.message.clear()
        self.pin.setFocus()

    def say(self, text: str) -> None:
        """Why the last session ended, until someone logs in."""
        self.message.setText(text)

    def submit(self) -> None:
        username = self.user.currentData()
        try:
            actor: Actor = self.services.accounts.login(username or "", self.pin.text())
        except PosError as exc:
            self.message.setText(describe(exc))
            self.pin.clear()
            self.pin.setFocus()
            return
        self.pin.clear()
        self.message.clear()
        self.logged_in.emit(actor)
