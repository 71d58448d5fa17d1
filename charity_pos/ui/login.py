"""The log-in screen: pick your name, type your PIN, press Enter.

The app brings it up before the store is opened (``StoreDoor``): the
store's name and its staff come from a plain read of the file, and the
services, with SQLAlchemy and every model, are opened right after the
window is up, while the cashier types the PIN.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from charity_pos.errors import PosError
from charity_pos.i18n import describe
from charity_pos.services.store import Glance, StoreInfo
from charity_pos.ui.pin_field import PinField

if TYPE_CHECKING:
    from charity_pos.services.base import Actor
    from charity_pos.services.registry import Services


class Account(Protocol):
    @property
    def username(self) -> str: ...
    @property
    def display_name(self) -> str: ...
    @property
    def role(self) -> str: ...


def open_services(path: Path) -> Services:
    from charity_pos.services.registry import Services

    return Services.open(path)


class StoreDoor:
    """The store behind a log-in window: what the window shows, and the
    store's services, opened the first time they are asked for (opening
    checks the file, takes its lock and upgrades it, and may refuse with a
    ``PosError``). Made from services already open, or from a ``Glance`` at
    the file."""

    def __init__(self, path: Path, glance: Glance | None = None, services: Services | None = None,
                 opener: Callable[[Path], Services] = open_services) -> None:
        self.path = Path(path)
        self.glance = glance
        self._services = services
        self._opener = opener

    @classmethod
    def of(cls, services: Services) -> StoreDoor:
        return cls(services.db.path, services=services)

    @property
    def is_open(self) -> bool:
        return self._services is not None

    def services(self) -> Services:
        if self._services is None:
            self._services = self._opener(self.path)
        return self._services

    def store(self) -> StoreInfo:
        if self.glance is not None:
            return self.glance.store
        return self.services().store()

    def staff(self) -> list[Account]:
        """The active accounts, cashiers first."""
        if self._services is None and self.glance is not None:
            return list(self.glance.staff)
        return list(self.services().accounts.users(active_only=True))

    def close(self) -> None:
        if self._services is not None:
            self._services.close()


class LoginScreen(QWidget):
    """For a store's services, or a ``StoreDoor`` not opened yet."""

    logged_in = Signal(object)  # Actor
    # a manager started training: the training copy's path (the live store's log-in only)
    training_requested = Signal(object)
    # leave training for the live store's log-in (a training copy's log-in only)
    leave_training = Signal()
    # the window was painted the first time: it is on screen (the app opens the store after that)
    first_painted = Signal()

    def __init__(self, services: Services | StoreDoor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.door = services if isinstance(services, StoreDoor) else StoreDoor.of(services)
        self.painted = False
        store = self.door.store()
        self.training_store = store.training
        self.setWindowTitle(self.tr("TRAINING · charity-pos: log in") if store.training
                            else self.tr("charity-pos: log in"))
        outer = QVBoxLayout(self)
        layout = QVBoxLayout()
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if store.training:
            from charity_pos.ui.training import TrainingBanner

            outer.setContentsMargins(0, 0, 0, 0)
            layout.setContentsMargins(12, 12, 12, 12)
            outer.addWidget(TrainingBanner())
        outer.addLayout(layout, 1)
        title = QLabel(store.name)
        title.setObjectName("screenTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        subtitle = QLabel(self.tr("Store {code} · {district}").format(code=store.code, district=store.district))
        subtitle.setObjectName("hint")
        subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(subtitle)
        self.mode = None
        if not store.training:  # 正式营业 / 培训模式
            from charity_pos.ui.training import ModeChoice

            self.mode = ModeChoice(self.door.services, self.door.path,
                                   lambda: (self.user.currentData(), self.pin.text()))
            self.mode.failed.connect(self._training_refused)
            self.mode.training_ready.connect(self._training_ready)
            self.mode.mode_changed.connect(self._mode_changed)
            layout.addWidget(self.mode)
        form = QFormLayout()
        self.user: QComboBox = QComboBox()
        self.user.setMinimumWidth(260)
        self.pin: PinField = PinField()
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
        if store.training:
            back = QPushButton(self.tr("Leave training (back to the live store)"))
            back.clicked.connect(self.leave_training)
            layout.addWidget(back)
        if self.mode is not None:
            layout.addWidget(self.mode.panel)
        self.reload_users()
        self.resize(520, 360)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            self.first_painted.emit()

    def reload_users(self) -> None:
        self.user.clear()
        for user in self.door.staff():
            role = self.tr("Manager") if user.role == "manager" else self.tr("Cashier")
            self.user.addItem(f"{user.display_name} · {role} ({user.username})", user.username)
        self.pin.clear()
        self.message.clear()
        self.pin.setFocus()
        if self.mode is not None:
            self.mode.live.setChecked(True)
            self.mode.refresh()

    def _mode_changed(self, training: bool) -> None:
        self.button.setVisible(not training)
        self.message.clear()
        self.adjustSize()

    def _training_refused(self, text: str) -> None:
        self.message.setText(text)
        self.pin.clear()
        self.pin.setFocus()

    def _training_ready(self, path: object) -> None:
        self.pin.clear()
        self.message.clear()
        self.training_requested.emit(path)

    def say(self, text: str) -> None:
        """Why the last session ended, until someone logs in."""
        self.message.setText(text)

    def submit(self) -> None:
        if self.mode is not None and self.mode.training.isChecked():
            self.message.setText(self.tr("Training mode: choose how to start training below."))
            return
        username = self.user.currentData()
        try:
            actor: Actor = self.door.services().accounts.login(username or "", self.pin.text())
        except PosError as exc:
            self.message.setText(describe(exc))
            self.pin.clear()
            self.pin.setFocus()
            return
        self.pin.clear()
        self.message.clear()
        self.logged_in.emit(actor)
