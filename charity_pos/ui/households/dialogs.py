"""Dialogs of the households screen: a new household, suspending a card,
and the whole ID number (shown once, then wiped)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from charity_pos.errors import PosError
from charity_pos.i18n import describe
from charity_pos.services.base import Actor, Changes, local_date
from charity_pos.services.households import MAX_MEMBERS, HouseholdCategory, HouseholdDraft, household_problems
from charity_pos.services.registry import Services
from charity_pos.ui.households.model import HouseholdLine
from charity_pos.ui.households.words import CATEGORIES, category_name

#: How long the whole ID number stays on the screen before it closes by itself.
REVEAL_SECONDS = 60


def _date_edit(day: date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _day(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def _warning() -> QLabel:
    label = QLabel("")
    label.setObjectName("warning")
    label.setWordWrap(True)
    return label


class NewHouseholdDialog(QDialog):
    """Register one household. Every problem the service finds is listed at
    once; the dialog stays open until the household is saved."""

    def __init__(self, services: Services, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.changes: Changes | None = None
        self.setWindowTitle(self.tr("New household"))
        self.setMinimumWidth(560)
        today = local_date(services.ctx.now())
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.card_number = QLineEdit()
        self.card_number.setMaxLength(20)
        self.card_number.setPlaceholderText(self.tr("as printed on the relief card, e.g. JA000123"))
        self.head_name = QLineEdit()
        self.head_name.setMaxLength(50)
        self.id_number = QLineEdit()
        self.id_number.setMaxLength(18)
        self.id_number.setPlaceholderText(self.tr("18 characters; kept encrypted, shown masked"))
        self.members = QSpinBox()
        self.members.setRange(1, MAX_MEMBERS)
        self.category = QComboBox()
        for category in CATEGORIES:
            self.category.addItem(category_name(category), category.value)
        self.subdistrict = QLineEdit()
        self.subdistrict.setMaxLength(50)
        self.certificate_ref = QLineEdit()
        self.certificate_ref.setMaxLength(50)
        self.certificate_ref.setPlaceholderText(self.tr("the certificate's reference, e.g. 静民救〔2026〕012号"))
        self.valid_from = _date_edit(today)
        self.valid_to = _date_edit(date(today.year, 12, 31))
        self.consent = QCheckBox(self.tr("Separate written consent given (PIPL art. 29)"))
        self.consent_on = _date_edit(today)
        form.addRow(self.tr("&Card number"), self.card_number)
        form.addRow(self.tr("Head of household's &name"), self.head_name)
        form.addRow(self.tr("&ID number"), self.id_number)
        form.addRow(self.tr("&Members"), self.members)
        form.addRow(self.tr("Categor&y"), self.category)
        form.addRow(self.tr("Certified by (&sub-district)"), self.subdistrict)
        form.addRow(self.tr("Certificate &reference"), self.certificate_ref)
        form.addRow(self.tr("Valid &from"), self.valid_from)
        form.addRow(self.tr("Valid &to"), self.valid_to)
        form.addRow(self.tr("Head of household's consent"), self.consent)
        form.addRow(self.tr("Consent recorded &on"), self.consent_on)
        layout.addLayout(form)
        self.problems = _warning()
        layout.addWidget(self.problems)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.card_number.setFocus()

    def draft(self) -> HouseholdDraft:
        return HouseholdDraft(
            self.card_number.text(), self.head_name.text(), self.id_number.text(), self.members.value(),
            HouseholdCategory(self.category.currentData()), self.subdistrict.text(), self.certificate_ref.text(),
            _day(self.valid_from), _day(self.valid_to), _day(self.consent_on))

    def accept(self) -> None:
        messages = [] if self.consent.isChecked() else [
            self.tr("Record the household's consent first: PIPL asks for it before keeping these details.")]
        draft = self.draft()
        _checked, problems = household_problems(draft)
        messages += [describe(problem) for problem in problems]
        if not messages:
            try:
                self.changes = self.services.households.register(self.actor, draft)
            except PosError as exc:
                messages.append(describe(exc))
        if messages:
            self.problems.setText("\n".join(messages))
            return
        self.id_number.clear()
        super().accept()

    def reject(self) -> None:
        self.id_number.clear()
        super().reject()


class SuspendDialog(QDialog):
    """Suspend a card with the reason the counter will show."""

    def __init__(self, services: Services, actor: Actor, household: HouseholdLine,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor, self.household = services, actor, household
        self.changes: Changes | None = None
        self.setWindowTitle(self.tr("Suspend card {card}").format(card=household.card_number))
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Card {card} ({name}) will be refused at the counter with this reason until "
                               "a manager puts it back in use.").format(card=household.card_number,
                                                                       name=household.name_masked))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.reason = QComboBox()
        self.reason.setEditable(True)
        self.reason.addItems(["", self.tr("Eligibility under review"), self.tr("Card reported lost"),
                              self.tr("Household moved away")])
        typed = self.reason.lineEdit()
        assert typed is not None  # an editable combo box has its line edit
        typed.setPlaceholderText(self.tr("Why, in a few words"))
        typed.setMaxLength(200)
        form.addRow(self.tr("&Reason"), self.reason)
        layout.addLayout(form)
        self.problem = _warning()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Suspend"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reason.setFocus()

    def accept(self) -> None:
        try:
            self.changes = self.services.household_status.suspend(self.actor, self.household.id,
                                                                  self.reason.currentText())
        except PosError as exc:
            self.problem.setText(describe(exc))
            return
        super().accept()


class RevealDialog(QDialog):
    """The whole ID number, big enough to read out. It cannot be selected or
    copied, closes by itself after a minute, and wipes the number from its
    label when it closes."""

    def __init__(self, household: HouseholdLine, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Whole ID number"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Card {card}, {name}").format(card=household.card_number,
                                                                      name=household.name_masked)))
        self.number = QLabel(number)
        self.number.setObjectName("total")
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.number)
        hint = QLabel(self.tr("Seeing this number was written to the audit log. It closes by itself after "
                              "%n second(s).", "", REVEAL_SECONDS))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REVEAL_SECONDS * 1000)
        self.timer.timeout.connect(self.reject)
        self.timer.start()

    def done(self, result: int) -> None:
        self.timer.stop()
        self.number.clear()
        super().done(result)
