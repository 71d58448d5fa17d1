"""Asking why: the one reason field (a few words, at most 200 characters,
kept by the service with what it records) and the one reason dialog (a
sentence saying what will happen, the reason, OK only with one). Voiding a
sale or a receipt, suspending a card and opening the drawer without a sale
ask with the dialog; a manager's approval, a return and a shift's close
have the field among their others. Whether a reason is needed, and what is
done with it, the services decide; the screens only ask."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from charity_pos.errors import InvalidInput, PosError
from charity_pos.i18n import describe

#: The most characters a reason keeps (the services keep as many).
REASON_LENGTH = 200


def missing_reason() -> InvalidInput:
    """The error an empty reason is refused with, by the services and the screens alike."""
    return InvalidInput(field="reason", value="", reason="empty")


class ReasonField(QLineEdit):
    """Why, in a few words."""

    def __init__(self, example: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxLength(REASON_LENGTH)
        self.setPlaceholderText(example or self.tr("Why, in a few words"))

    def reason(self) -> str:
        return self.text().strip()

    def check(self, say: Callable[[str], object]) -> str | None:
        """The reason; or, when there is none, None after ``say`` was told
        so and the cursor put here."""
        reason = self.reason()
        if not reason:
            say(describe(missing_reason()))
            self.setFocus()
            return None
        return reason


class ReasonDialog(QDialog):
    """Why something is done: the intro says what will happen; OK only with
    a reason (the dialog stays open otherwise, saying ``missing`` or that a
    reason must be given). A subclass may act on the reason in ``take`` (a
    PosError keeps the dialog open and is said in it). The words are given
    here or, by a subclass, with ``explain``; reasons to pick from with
    ``suggest``."""

    def __init__(self, title: str = "", intro: str = "", *, example: str = "", accept_text: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.missing = ""
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        self.intro = QLabel("")
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.form = QFormLayout()
        self.reason = ReasonField()
        self.form.addRow(self.tr("Reason"), self.reason)
        layout.addLayout(self.form)
        self.warning = QLabel("")
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        layout.addWidget(self.warning)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel (Esc)"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.explain(title, intro, example=example, accept_text=accept_text)
        self.reason.setFocus()

    def explain(self, title: str, intro: str, *, example: str = "", accept_text: str = "") -> None:
        """The dialog's words: its title, what will happen, an example reason, the OK button's text."""
        self.setWindowTitle(title)
        self.intro.setText(intro)
        if example:
            self.reason.setPlaceholderText(example)
        if accept_text:
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(accept_text)

    def suggest(self, reasons: Sequence[str]) -> None:
        """Reasons to pick from a list; another may still be typed."""
        example = self.reason.placeholderText()
        self.choices = QComboBox()
        self.form.replaceWidget(self.reason, self.choices)
        self.choices.setEditable(True)
        self.choices.setLineEdit(self.reason)
        self.choices.addItems(["", *reasons])
        self.reason.setPlaceholderText(example)
        self.reason.setFocus()

    def take(self, reason: str) -> None:
        """Act on the reason before the dialog closes; raises PosError to keep it open. Nothing by default."""

    def given(self) -> str:
        return self.reason.reason()

    def accept(self) -> None:
        reason = self.reason.check(lambda text: self.warning.setText(self.missing or text))
        if reason is None:
            return
        try:
            self.take(reason)
        except PosError as exc:
            self.warning.setText(describe(exc))
            return
        super().accept()
