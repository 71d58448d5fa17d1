"""Who is giving: a field that finds a registered donor by name or credit
code, and the dialog that registers a new one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from charity_pos.domain.identity import validate_credit_code
from charity_pos.errors import PosError
from charity_pos.i18n import describe
from charity_pos.services.base import Actor, Changes
from charity_pos.services.donors import DonorDraft, DonorKind, DonorRow, name_matches
from charity_pos.services.registry import Services
from charity_pos.ui.feedback import Feedback
from charity_pos.ui.scan_field import fill_matches


def donor_text(donor: DonorRow) -> str:
    """How a registered donor is found and shown at the counter."""
    if donor.kind == DonorKind.COMPANY:
        return f"{donor.name} · {donor.credit_code or ''}"
    return f"{donor.name} · {donor.phone_masked}" if donor.phone_masked else donor.name


class DonorField(QLineEdit):
    """Type part of a name (or its pinyin initials) or of a credit code; the
    matches show in ``matches`` (a list the screen places below), ↓ goes
    into it, Enter takes the highlighted or first one. Emits ``chosen`` with
    the DonorRow."""

    chosen = Signal(object)
    MATCHES = 12

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("donorField")
        self.setClearButtonEnabled(True)
        self._donors: list[tuple[str, DonorRow]] | None = []  # (what is searched, donor); None: to be read
        self._read: Callable[[], list[DonorRow]] = list
        self.matches = QListWidget()
        self.matches.setObjectName("matches")
        self.matches.setVisible(False)
        self.textEdited.connect(self._offer)
        self.returnPressed.connect(self._enter)
        self.matches.itemActivated.connect(lambda entry: self._choose(entry.data(Qt.ItemDataRole.UserRole)))
        self.matches.installEventFilter(self)

    def set_donors(self, donors: list[DonorRow]) -> None:
        self._donors = [("".join(donor_text(donor).split()).casefold(), donor)
                        for donor in donors if donor.kind != DonorKind.ANONYMOUS]

    def read_from(self, read: Callable[[], list[DonorRow]]) -> None:
        """Where the donors come from: read by ``donors()``, on the first
        search or before it, not now."""
        self._read = read
        self._donors = None

    def donors(self) -> list[DonorRow]:
        """The registered donors searched, read now if not read yet."""
        if self._donors is None:
            self.set_donors(self._read())
        return [donor for _key, donor in self._donors or []]

    def matching(self, text: str) -> list[DonorRow]:
        """Registered donors whose name or pinyin answers ``text`` (the
        services' ``name_matches``) or whose credit code contains it."""
        needle = "".join(text.split()).casefold()
        if not needle:
            return []
        self.donors()
        return [donor for key, donor in self._donors or [] if needle in key or name_matches(donor.name, text)]

    def _offer(self, text: str) -> None:
        fill_matches(self.matches, ((donor_text(donor), donor) for donor in self.matching(text)[: self.MATCHES]), rows=4)

    def _enter(self) -> None:
        self._offer(self.text())
        entry = self.matches.currentItem() or self.matches.item(0)
        if entry is not None:
            self._choose(entry.data(Qt.ItemDataRole.UserRole))

    def _choose(self, donor: DonorRow) -> None:
        self.matches.clear()
        self.matches.setVisible(False)
        self.chosen.emit(donor)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and self.matches.isVisible() and self.matches.count():
            self.matches.setFocus()
            self.matches.setCurrentRow(min(1, self.matches.count() - 1))
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.matches and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Escape:
            self.setFocus()
            return True
        return super().eventFilter(watched, event)


class NewDonorDialog(QDialog):
    """Register a donor: a person, a company (with its credit code) or an
    anonymous giver with wishes. ``changes`` is set when saved."""

    def __init__(self, services: Services, actor: Actor, feedback: Feedback, name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor, self.feedback = services, actor, feedback
        self.changes: Changes | None = None
        self.setWindowTitle(self.tr("New donor"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox()
        for kind, label in ((DonorKind.PERSON, self.tr("Person")),
                            (DonorKind.COMPANY, self.tr("Company or organisation")),
                            (DonorKind.ANONYMOUS, self.tr("Anonymous"))):
            self.kind.addItem(label, kind.value)
        self.name = QLineEdit(name)
        self.name.setMaxLength(100)
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("optional; shown masked"))
        self.credit_code = QLineEdit()
        self.credit_code.setMaxLength(18)
        self.credit_code.setPlaceholderText(self.tr("18 characters, e.g. 91310000132200821H"))
        self.wishes = QLineEdit()
        self.wishes.setMaxLength(200)
        self.wishes.setPlaceholderText(self.tr("e.g. for elderly households"))
        self.consent_public = QCheckBox(self.tr("May be named in public notices"))
        self.declines_receipt = QCheckBox(self.tr("Does not want a receipt"))
        form.addRow(self.tr("Donor type"), self.kind)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.tr("Credit code"), self.credit_code)
        form.addRow(self.tr("Wishes"), self.wishes)
        form.addRow("", self.consent_public)
        form.addRow("", self.declines_receipt)
        layout.addLayout(form)
        self.warning = QLabel("")
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        layout.addWidget(self.warning)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText(self.tr("Save (Ctrl+S)"))
        save.setShortcut("Ctrl+S")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel (Esc)"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.credit_code.textChanged.connect(self._check_credit_code)
        self._kind_changed()
        self.name.setFocus()

    def current_kind(self) -> DonorKind:
        return DonorKind(self.kind.currentData())

    def set_kind(self, kind: DonorKind) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind.value))

    def _kind_changed(self) -> None:
        kind = self.current_kind()
        self.credit_code.setEnabled(kind == DonorKind.COMPANY)
        for field in (self.name, self.phone, self.consent_public):
            field.setEnabled(kind != DonorKind.ANONYMOUS)
        self._check_credit_code()

    def _check_credit_code(self) -> None:
        text = self.credit_code.text().strip()
        if self.current_kind() != DonorKind.COMPANY or len(text) < 18:
            self.warning.clear()
            return
        try:
            validate_credit_code(text)
        except PosError as exc:
            self.warning.setText(describe(exc))
        else:
            self.warning.clear()

    def draft(self) -> DonorDraft:
        kind = self.current_kind()
        return DonorDraft(
            kind=kind,
            name=self.name.text() if kind != DonorKind.ANONYMOUS else "",
            phone=self.phone.text() if kind != DonorKind.ANONYMOUS else "",
            credit_code=self.credit_code.text() if kind == DonorKind.COMPANY else None,
            wishes=self.wishes.text(),
            consent_public=self.consent_public.isChecked() and kind != DonorKind.ANONYMOUS,
            declines_receipt=self.declines_receipt.isChecked(),
        )

    def save(self) -> None:
        try:
            self.changes = self.services.donors.create(self.actor, self.draft())
        except PosError as exc:
            self.feedback.error(self, exc)
            return
        self.accept()
