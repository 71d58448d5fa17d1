"""The log-in form of both apps (the store's and the district hub's): pick
your name, type your PIN, press Enter. What an app's log-in gives is who
may log in and how a PIN is checked (through its own services, which count
wrong PINs and lock an account); the form says why a log-in was refused
and never keeps a PIN on screen."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from charity_pos.errors import PosError
from charity_pos.i18n import describe
from charity_pos.ui.pin_field import PinField


class LoginForm(QWidget):
    """A title and a line under it, the accounts, the PIN, what went wrong,
    the button. A subclass sets the words and gives ``accounts`` and
    ``check``, then calls ``reload_users``; it may add to ``body`` (and
    above it, to ``outer``)."""

    #: Who logged in (the app's actor), after ``check`` accepted the PIN.
    logged_in = Signal(object)
    #: The window was painted the first time: it is on screen.
    first_painted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.painted = False
        self.outer = QVBoxLayout(self)
        self.body = QVBoxLayout()
        self.body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.outer.addLayout(self.body, 1)
        self.title = QLabel("")
        self.title.setObjectName("screenTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.title)
        self.subtitle = QLabel("")
        self.subtitle.setObjectName("hint")
        self.subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.subtitle)
        form = QFormLayout()
        self.user = QComboBox()
        self.user.setMinimumWidth(260)
        self.pin = PinField()
        form.addRow(self.tr("&User"), self.user)
        form.addRow(self.tr("&PIN"), self.pin)
        self.body.addLayout(form)
        self.message = QLabel("")
        self.message.setObjectName("warning")
        self.message.setWordWrap(True)
        self.message.setMinimumWidth(360)
        self.body.addWidget(self.message)
        self.button = QPushButton(self.tr("Log in (Enter)"))
        self.button.setDefault(True)
        self.button.clicked.connect(self.submit)
        self.pin.returnPressed.connect(self.submit)
        self.body.addWidget(self.button)
        self.resize(520, 360)

    # --- what an app's log-in gives ------------------------------------------------
    def accounts(self) -> Sequence[tuple[str, str]]:
        """Who may log in, in the order offered: (the line shown, the user name)."""
        raise NotImplementedError

    def check(self, username: str, pin: str) -> object:
        """The actor of a user name and PIN; raises PosError (wrong PIN, locked, switched off)."""
        raise NotImplementedError

    def no_accounts(self) -> str:
        """What to say when nobody may log in yet; nothing by default."""
        return ""

    # --- the form ---------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            self.first_painted.emit()

    def reload_users(self) -> None:
        self.user.clear()
        for shown, username in self.accounts():
            self.user.addItem(shown, username)
        empty = self.no_accounts() if self.user.count() == 0 else ""
        if empty:
            self.message.setText(empty)
        else:
            self.message.clear()
        self.pin.clear()
        self.pin.setFocus()

    def say(self, text: str) -> None:
        """Why the last session ended, until someone logs in."""
        self.message.setText(text)

    def submit(self) -> None:
        username = self.user.currentData()
        try:
            actor = self.check(username or "", self.pin.text())
        except PosError as exc:
            self.message.setText(describe(exc))
            self.pin.clear()
            self.pin.setFocus()
            return
        self.pin.clear()
        self.message.clear()
        self.logged_in.emit(actor)
