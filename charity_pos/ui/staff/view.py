"""Staff accounts for managers: add, unlock after wrong PINs, new PIN,
switch an account off or on, make it a cashier or a manager. An account
switched off or changed is refused at its open session's next action.

Keys as on the other list screens: Ctrl+F find (↓ to the list), Ctrl+N new
account, Ctrl+U unlock, Ctrl+P new PIN, Del (in the list) or Ctrl+T switch
off or on, Ctrl+R cashier or manager."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from charity_pos.domain import pinyin
from charity_pos.errors import PosError
from charity_pos.services.accounts import UserRow
from charity_pos.services.base import STORE_TZ, Actor, Changes, Entity, Role
from charity_pos.services.registry import Services
from charity_pos.ui.approval import AskApproval
from charity_pos.ui.feedback import Feedback
from charity_pos.ui.flow import FlowLayout
from charity_pos.ui.screen import Screen, SearchesList
from charity_pos.ui.staff.dialogs import NewPinDialog, NewUserDialog


class StaffScreen(SearchesList, Screen):
    roles = frozenset({Role.MANAGER})
    entities = frozenset({Entity.USERS})
    shortcut = "F3"

    def __init__(self, services: Services, actor: Actor, feedback: Feedback, ask: AskApproval,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, actor, feedback, ask, parent)
        layout = QVBoxLayout(self)
        heading = QLabel(self.title())
        heading.setObjectName("screenTitle")
        layout.addWidget(heading)
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Find by user name, name or its pinyin (Ctrl+F)"))
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.search.returnPressed.connect(self._search_entered)
        layout.addWidget(self.search)
        self.model = QStandardItemModel(0, 4, self)
        self.model.setHorizontalHeaderLabels([self.tr("User name"), self.tr("Full name"), self.tr("Role"),
                                              self.tr("Status")])
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        row = FlowLayout()  # wraps to the width: the screen fits 1024x768 in any language
        self.add_button = QPushButton(self.tr("New account (Ctrl+N)"))
        self.unlock_button = QPushButton(self.tr("Unlock (Ctrl+U)"))
        self.pin_button = QPushButton(self.tr("New PIN (Ctrl+P)"))
        self.active_button = QPushButton(self.tr("Switch off / on (Del)"))
        self.active_button.setToolTip(self.tr("Del in the list, or Ctrl+T anywhere on this screen"))
        self.role_button = QPushButton(self.tr("Cashier / manager (Ctrl+R)"))
        for button in (self.add_button, self.unlock_button, self.pin_button, self.active_button, self.role_button):
            row.addWidget(button)
        layout.addLayout(row)
        self.bind_keys([(self.add_button, "Ctrl+N", self.add_user), (self.unlock_button, "Ctrl+U", self.unlock),
                        (self.pin_button, "Ctrl+P", self.new_pin), (self.active_button, "Ctrl+T", self.toggle_active),
                        (self.role_button, "Ctrl+R", self.toggle_role)])
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self.focus_search)  # type: ignore[call-overload]  # signal by keyword: not in PySide6's stub
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table, activated=self.toggle_active,  # type: ignore[call-overload]  # signal by keyword: not in PySide6's stub
                  context=Qt.ShortcutContext.WidgetShortcut)
        for button in (self.add_button, self.unlock_button, self.pin_button, self.role_button):
            button.setToolTip(button.text())
        self._users: list[UserRow] = []
        self.refresh()

    def title(self) -> str:
        return self.tr("Staff")

    def shortcut_help(self) -> list[str]:
        return [self.tr("Staff: Ctrl+F find, Ctrl+N new account, Ctrl+U unlock, Ctrl+P new PIN, "
                        "Del or Ctrl+T switch off or on, Ctrl+R cashier or manager")]

    def activate(self) -> None:
        self.table.setFocus()
        if self.selected() is None and self.model.rowCount():
            self.table.selectRow(0)

    def _search_entered(self) -> None:
        if self.model.rowCount():
            if self.selected() is None:
                self.table.selectRow(0)
            self.table.setFocus()

    def _matches(self, user: UserRow, text: str) -> bool:
        needle = "".join(text.split()).casefold()
        return not needle or needle in user.username.casefold() or (
            bool(user.display_name) and pinyin.rank(user.display_name, text) != pinyin.NONE)

    def refresh(self) -> None:
        chosen = self.selected()
        text = self.search.text()
        self._users = [u for u in self.services.accounts.users() if self._matches(u, text)]
        self.model.removeRows(0, self.model.rowCount())
        now = datetime.now(STORE_TZ)
        for user in self._users:
            if not user.active:
                status = self.tr("Switched off")
            elif user.locked_until is not None and user.locked_until > now:
                status = self.tr("Locked until {time}").format(time=user.locked_until.astimezone(STORE_TZ).strftime("%H:%M"))
            else:
                status = self.tr("Active")
            role = self.tr("Manager") if user.role == Role.MANAGER else self.tr("Cashier")
            cells = [QStandardItem(user.username), QStandardItem(user.display_name), QStandardItem(role),
                     QStandardItem(status)]
            cells[0].setData(user.username, Qt.ItemDataRole.UserRole)
            self.model.appendRow(cells)
        names = [u.username for u in self._users]
        if text.strip() and len(names) == 1:
            self.table.selectRow(0)
        elif chosen is not None and chosen.username in names:
            self.table.selectRow(names.index(chosen.username))

    def selected(self) -> UserRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self._users[rows[0].row()] if rows else None

    def _do(self, call: Callable[[], Changes]) -> None:
        try:
            changes: Changes = call()
        except PosError as exc:
            self.feedback.error(self, exc)
            return
        self.changed.emit(changes)

    def add_user(self) -> None:
        dialog = NewUserDialog(self)
        if self.run_dialog(dialog) != QDialog.DialogCode.Accepted:
            return
        self._do(lambda: self.services.accounts.create_user(
            self.actor, dialog.username.text(), dialog.display_name.text(), Role(dialog.role.currentData()),
            dialog.pin.text()))

    def unlock(self) -> None:
        user = self.selected()
        if user is not None:
            self._do(lambda: self.services.accounts.unlock(self.actor, user.username))

    def new_pin(self) -> None:
        user = self.selected()
        if user is None:
            return
        dialog = NewPinDialog(user.username, self)
        if self.run_dialog(dialog) == QDialog.DialogCode.Accepted:
            self._do(lambda: self.services.accounts.reset_pin(self.actor, user.username, dialog.pin.text()))

    def toggle_active(self) -> None:
        user = self.selected()
        if user is None:
            return
        if user.active and not self.feedback.confirm(
                self, self.tr("Switch off"),
                self.tr("Switch off {user}? They can no longer log in until switched on again.")
                .format(user=user.username)):
            return
        self._do(lambda: self.services.accounts.set_active(self.actor, user.username, not user.active))

    def toggle_role(self) -> None:
        user = self.selected()
        if user is None:
            return
        becomes = Role.CASHIER if user.role == Role.MANAGER else Role.MANAGER
        question = (self.tr("Make {user} a cashier? They can then approve nothing, and must log in again.")
                    if becomes == Role.CASHIER else
                    self.tr("Make {user} a manager? They can then approve at the counter, and must log in again."))
        if self.feedback.confirm(self, self.tr("Change role"), question.format(user=user.username)):
            self._do(lambda: self.services.accounts.set_role(self.actor, user.username, becomes))

    def run_dialog(self, dialog: QDialog) -> int:
        return dialog.exec()
