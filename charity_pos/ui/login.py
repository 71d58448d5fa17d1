"""The store's log-in screen: the shared log-in form (``ui.login_form``),
with the store's name, its staff and the choice of training mode.

The app brings it up before the store is opened (``StoreDoor``): the
store's name and its staff come from a plain read of the file, and the
services, with SQLAlchemy and every model, are opened right after the
window is up, while the cashier types the PIN.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QWidget

from charity_pos.services.store import Glance, StoreInfo
from charity_pos.ui.login_form import LoginForm

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


class LoginScreen(LoginForm):
    """The store's log-in (``LoginForm``), for a store's services, or a
    ``StoreDoor`` not opened yet; on the live store, the choice of training
    mode, and on a training copy, the way back."""

    # a manager started training: the training copy's path (the live store's log-in only)
    training_requested = Signal(object)
    # leave training for the live store's log-in (a training copy's log-in only)
    leave_training = Signal()

    def __init__(self, services: Services | StoreDoor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.door = services if isinstance(services, StoreDoor) else StoreDoor.of(services)
        store = self.door.store()
        self.training_store = store.training
        self.setWindowTitle(self.tr("TRAINING · charity-pos: log in") if store.training
                            else self.tr("charity-pos: log in"))
        if store.training:
            from charity_pos.ui.training import TrainingBanner

            self.outer.setContentsMargins(0, 0, 0, 0)
            self.body.setContentsMargins(12, 12, 12, 12)
            self.outer.insertWidget(0, TrainingBanner())
        self.title.setText(store.name)
        self.subtitle.setText(self.tr("Store {code} · {district}").format(code=store.code, district=store.district))
        self.mode = None
        if not store.training:  # 正式营业 / 培训模式, under the title
            from charity_pos.ui.training import ModeChoice

            self.mode = ModeChoice(self.door.services, self.door.path,
                                   lambda: (self.user.currentData(), self.pin.text()))
            self.mode.failed.connect(self._training_refused)
            self.mode.training_ready.connect(self._training_ready)
            self.mode.mode_changed.connect(self._mode_changed)
            self.body.insertWidget(self.body.indexOf(self.subtitle) + 1, self.mode)
        if store.training:
            back = QPushButton(self.tr("Leave training (back to the live store)"))
            back.clicked.connect(self.leave_training)
            self.body.addWidget(back)
        if self.mode is not None:
            self.body.addWidget(self.mode.panel)
        self.reload_users()

    def accounts(self) -> list[tuple[str, str]]:
        """The active accounts, cashiers first."""
        accounts = []
        for user in self.door.staff():
            role = self.tr("Manager") if user.role == "manager" else self.tr("Cashier")
            accounts.append((f"{user.display_name} · {role} ({user.username})", user.username))
        return accounts

    def check(self, username: str, pin: str) -> Actor:
        return self.door.services().accounts.login(username, pin)

    def reload_users(self) -> None:
        super().reload_users()
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

    def submit(self) -> None:
        if self.mode is not None and self.mode.training.isChecked():
            self.message.setText(self.tr("Training mode: choose how to start training below."))
            return
        super().submit()
