"""What the counter's dialogs share: a button worked by its key; a value
for a key (quantity, price, discount) when none was typed before it; the
parked tickets to recall; why the drawer opens without a sale; and running
a service call that may need a manager, with errors shown in the dialog's
own words."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from charity_pos.errors import ApprovalRequired, PosError
from charity_pos.i18n import describe
from charity_pos.services.base import STORE_TZ, Approval
from charity_pos.services.sales import Parked
from charity_pos.ui.approval import AskApproval
from charity_pos.ui.reason import ReasonDialog

T = TypeVar("T")


def button(text: str, keys: str = "") -> QPushButton:
    """A button that never takes the focus from the fields; ``keys`` is its
    shortcut, shown in ``text``. The key clicks it at once (a button's own
    shortcut animates the click and acts a moment later), and only while the
    button is shown."""
    made = QPushButton(text)
    made.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    made.setAutoDefault(False)
    if keys:
        QShortcut(QKeySequence(keys), made, activated=made.click)  # type: ignore[call-overload]  # signal by keyword: not in PySide6's stub
    return made


def alert_line(layout: QVBoxLayout) -> QLabel:
    """A hidden red line at the end of ``layout`` for what a dialog refused, shown with the reason."""
    message = QLabel("")
    message.setObjectName("alert")
    message.setWordWrap(True)
    message.setVisible(False)
    layout.addWidget(message)
    return message


def show_refusal(message: QLabel, error: BaseException) -> None:
    """A beep, and why on the dialog's red line (``alert_line``)."""
    QApplication.beep()
    message.setText(describe(error))
    message.setVisible(True)


def cancel_and_do(dialog: QDialog, layout: QVBoxLayout, cancel_text: str, do_text: str) -> QPushButton:
    """Cancel and the dialog's own button (primary: ``accept``), right-aligned at the end of ``layout``."""
    row = QHBoxLayout()
    cancel = button(cancel_text)
    do = button(do_text)
    do.setObjectName("primary")
    row.addStretch(1)
    row.addWidget(cancel)
    row.addWidget(do)
    layout.addLayout(row)
    cancel.clicked.connect(dialog.reject)
    do.clicked.connect(dialog.accept)
    return do


class ValueDialog(QDialog):
    """One value typed: ``value()`` is the text. Enter accepts, Esc cancels."""

    def __init__(self, title: str, caption: str, hint: str, current: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.field = QLineEdit(current)
        self.field.setObjectName("amount")
        self.field.selectAll()
        form.addRow(caption, self.field)
        layout.addLayout(form)
        note = QLabel(hint)
        note.setObjectName("hint")
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK (Enter)"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel (Esc)"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.field.setFocus()

    def value(self) -> str:
        return self.field.text().strip()


class RecallDialog(QDialog):
    """The tickets parked at this till, oldest first; Enter takes the chosen one."""

    def __init__(self, parked: list[Parked], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Recall a parked ticket"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        for ticket in parked:
            at = ticket.parked_at.astimezone(STORE_TZ).strftime("%H:%M")
            entry = QListWidgetItem(self.tr("{time}  {user}  ·  {summary}").format(
                time=at, user=ticket.username, summary=ticket.summary))
            entry.setData(Qt.ItemDataRole.UserRole, ticket.id)
            self.list.addItem(entry)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _i: self.accept())
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Recall (Enter)"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel (Esc)"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.list.setFocus()

    def chosen(self) -> uuid.UUID | None:
        """The parked ticket's id (set on its entry above); None when none is chosen."""
        entry = self.list.currentItem()
        return entry.data(Qt.ItemDataRole.UserRole) if entry is not None else None


class NoSaleDialog(ReasonDialog):
    """Why the drawer opens without a sale (logged with it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.explain(self.tr("Open the cash drawer"), self.tr("Why open the drawer without a sale? (logged)"))


def run_approved(parent: QWidget, call: Callable[[Approval | None], T], ask: AskApproval,
                 show_error: Callable[[BaseException], None]) -> tuple[T | None, bool]:
    """Run a service call; when the service says a manager must approve, ask
    for one and run it again. Errors go to ``show_error`` (a dialog's own red
    line). Returns (result, asked_and_refused)."""
    try:
        return call(None), False
    except ApprovalRequired as needed:
        approval = ask(parent, describe(needed))
        if approval is None:
            return None, True
        try:
            return call(approval), False
        except PosError as exc:
            show_error(exc)
    except PosError as exc:
        show_error(exc)
    return None, False
