"""The hub app's log-in: district staff pick their name and type their PIN."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from charity_pos.errors import PosError
from charity_pos.hub import users
from charity_pos.hub.engine import HubDatabase
from charity_pos.i18n import describe
from charity_pos.services.base import Clock, system_clock
from charity_pos.ui.pin_field import PinField


class HubLoginScreen(QWidget):
    logged_in = Signal(object)  # HubActor

    def __init__(self, db: HubDatabase, district: str, clock: Clock = system_clock,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.clock = clock
        self.setWindowTitle(self.tr("charity-pos hub: log in"))
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel(self.tr("District hub · {district}").format(district=district))
        title.setObjectName("screenTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        subtitle = QLabel(db.shown_url)
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
        for user in users.users(self.db):
            self.user.addItem(self.tr("{name} · district staff ({username})").format(
                name=user.display_name, username=user.username), user.username)
        if self.user.count() == 0:
            self.message.setText(self.tr("No district staff account yet: add one with charity-pos hub add-user."))
        else:
            self.message.clear()
        self.pin.clear()
        self.pin.setFocus()

    def submit(self) -> None:
        username = self.user.currentData()
        try:
            actor = users.login(self.db, username or "", self.pin.text(), clock=self.clock)
        except PosError as exc:
            self.message.setText(describe(exc))
            self.pin.clear()
            self.pin.setFocus()
            return
        self.pin.clear()
        self.message.clear()
        self.logged_in.emit(actor)
