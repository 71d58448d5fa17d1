"""Manager approval at the counter: a manager types their PIN and a reason
for an action the cashier's role may not do alone. The service checks it;
this dialog collects it, with this PC's till (wrong PINs are counted per
till), and says at once when approvals at the till are refused for a while."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from charity_pos.errors import ApprovalRequired, ApprovalsLocked, PosError
from charity_pos.i18n import describe
from charity_pos.services.base import Approval, Role
from charity_pos.services.registry import Services
from charity_pos.ui.feedback import Feedback
from charity_pos.ui.pin_field import PinField
from charity_pos.ui.reason import ReasonField

T = TypeVar("T")


class ApprovalDialog(QDialog):
    def __init__(self, services: Services, what: str, till: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.till = till
        self.setWindowTitle(self.tr("Manager approval"))
        layout = QVBoxLayout(self)
        self.setMinimumWidth(440)
        intro = QLabel(what)  # the service's own words: "A manager must approve this: ..."
        intro.setObjectName("warning")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.manager = QComboBox()
        for user in services.accounts.users(active_only=True):
            if user.role == Role.MANAGER:
                self.manager.addItem(f"{user.display_name} ({user.username})", user.username)
        self.pin = PinField()
        self.reason = ReasonField()
        form.addRow(self.tr("Manager"), self.manager)
        form.addRow(self.tr("Manager's PIN"), self.pin)
        form.addRow(self.tr("Reason"), self.reason)
        layout.addLayout(form)
        # Too many wrong PINs at this till: said at once, and nothing to approve with.
        self.locked = QLabel("")
        self.locked.setObjectName("warning")
        self.locked.setWordWrap(True)
        layout.addWidget(self.locked)
        self.message = QLabel("")  # what is missing: the dialog stays open, the PIN kept
        self.message.setObjectName("warning")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.approve_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.approve_button.setText(self.tr("Approve"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        until = services.accounts.approvals_locked_until(till)
        if until is not None:
            self.locked.setText(describe(ApprovalsLocked(till=till, until=until)))
            for field in (self.manager, self.pin, self.reason, self.approve_button):
                field.setEnabled(False)
            self.locked.setFocus()
        else:
            self.locked.hide()
            self.pin.setFocus()

    def accept(self) -> None:
        """Approve: only with a reason; without one the dialog stays open, the PIN kept."""
        if self.reason.check(self._say) is not None:
            super().accept()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def approval(self) -> Approval:
        return Approval(self.manager.currentData() or "", self.pin.text(), self.reason.reason(), self.till)


AskApproval = Callable[[QWidget, str], Approval | None]


def ask_with_dialog(services: Services, till: Callable[[], str] = lambda: "") -> AskApproval:
    """The approval dialog, at this PC's till (``till``: from the settings, as they are now)."""

    def ask(parent: QWidget, what: str) -> Approval | None:
        dialog = ApprovalDialog(services, what, till(), parent)
        return dialog.approval() if dialog.exec() == QDialog.DialogCode.Accepted else None

    return ask


def with_approval(
    parent: QWidget, call: Callable[[Approval | None], T], ask: AskApproval, feedback: Feedback
) -> T | None:
    """Run a service call; if the service says a manager must approve, ask for
    one and run it again with the approval. Errors are shown, never raised."""
    try:
        return call(None)
    except ApprovalRequired as needed:
        approval = ask(parent, describe(needed))
        if approval is None:
            return None
        try:
            return call(approval)
        except PosError as exc:
            feedback.error(parent, exc)
    except PosError as exc:
        feedback.error(parent, exc)
    return None
