"""The write-off dialog (报损): how many units of the lot, why (keys 1-6),
what happened or the charity the goods go to, and the value at sale price;
beyond the manager's limit a cashier's write-off asks for a manager's PIN
(``ui.approval``). A refusal is shown here and what was typed stays."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup, QDialog, QFormLayout, QGridLayout, QLabel, QLineEdit, QRadioButton,
    QSpinBox, QVBoxLayout, QWidget,
)

from charity_pos.domain import writeoffs as rules
from charity_pos.domain.money import format_fen
from charity_pos.errors import ApprovalRequired, PosError
from charity_pos.i18n import describe
from charity_pos.services.base import Actor, Approval, Changes
from charity_pos.services.registry import Services
from charity_pos.services.writeoffs import LotOnHand, WriteoffDraft, WriteoffLineDraft
from charity_pos.ui.approval import AskApproval
from charity_pos.ui.sales.dialogs import alert_line, cancel_and_do, show_refusal
from charity_pos.ui.words import language


class WriteoffDialog(QDialog):
    """Writes off units of one lot; ``changes`` holds what the service recorded."""

    def __init__(self, services: Services, actor: Actor, ask: AskApproval, lot: LotOnHand,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor, self.ask, self.lot = services, actor, ask, lot
        self.changes: Changes | None = None
        self.limit_fen = services.writeoffs.limit_fen()
        self.setWindowTitle(self.tr("Write off goods"))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 34)
        layout = QVBoxLayout(self)
        what = QLabel(self.tr("{name} · lot {code} · {on_hand} on hand · {price} each").format(
            name=lot.item_name, code=lot.code, on_hand=lot.on_hand, price=format_fen(lot.unit_price_fen)))
        what.setWordWrap(True)
        layout.addWidget(what)
        form = QFormLayout()
        self.quantity = QSpinBox()
        self.quantity.setRange(1, max(1, lot.on_hand))
        self.quantity.setValue(1)
        form.addRow(self.tr("Units"), self.quantity)
        layout.addLayout(form)
        grid = QGridLayout()
        self.reasons = QButtonGroup(self)
        for number, code in enumerate(rules.REASONS, start=1):
            choice = QRadioButton(f"&{number} {rules.reason_name(code, language())}")
            choice.setProperty("code", code)
            self.reasons.addButton(choice, number)
            grid.addWidget(choice, (number - 1) // 3, (number - 1) % 3)
        layout.addLayout(grid)
        self.text_label = QLabel("")
        self.text = QLineEdit()
        text_row = QFormLayout()
        text_row.addRow(self.text_label, self.text)
        layout.addLayout(text_row)
        self.value = QLabel("")
        self.value.setObjectName("total")
        layout.addWidget(self.value)
        self.hint = QLabel("")
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.message = alert_line(layout)
        self.record_button = cancel_and_do(self, layout, self.tr("Cancel (Esc)"), self.tr("Write off (Enter)"))
        self.quantity.valueChanged.connect(lambda _v: self.show_value())
        self.reasons.idToggled.connect(lambda _i, _on: self.show_reason())
        first = self.reasons.button(1)
        assert first is not None  # six buttons were added above
        first.setChecked(True)
        self.show_reason()
        self.show_value()
        self.quantity.setFocus()
        self.quantity.selectAll()

    def reason(self) -> str:
        checked = self.reasons.checkedButton()
        return str(checked.property("code")) if checked is not None else ""

    def choose(self, code: str) -> None:
        number = list(rules.REASONS).index(code) + 1
        chosen = self.reasons.button(number)
        if chosen is not None:
            chosen.setChecked(True)

    def show_reason(self) -> None:
        code = self.reason()
        if code == rules.DONATED_ON:
            self.text_label.setText(self.tr("Receiving organisation"))
            self.text.setPlaceholderText(self.tr("e.g. 静安区慈善基金会"))
        elif code == rules.OTHER:
            self.text_label.setText(self.tr("What happened"))
            self.text.setPlaceholderText(self.tr("Needed for “Other”"))
        else:
            self.text_label.setText(self.tr("Note"))
            self.text.setPlaceholderText(self.tr("Optional"))

    def value_fen(self) -> int:
        return self.quantity.value() * self.lot.unit_price_fen

    def show_value(self) -> None:
        value = self.value_fen()
        self.value.setText(self.tr("Value at sale price: {value}").format(value=format_fen(value)))
        if rules.beyond_limit(value, self.limit_fen):
            self.hint.setText(self.tr("Beyond the write-off limit of {limit}: a manager records it or approves "
                                      "it with their PIN.").format(limit=format_fen(self.limit_fen)))
        else:
            self.hint.setText(self.tr("Within the write-off limit of {limit}.").format(
                limit=format_fen(self.limit_fen)))

    def show_error(self, error: BaseException) -> None:
        show_refusal(self.message, error)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept()
            return
        if not self.text.hasFocus() and Qt.Key.Key_1 <= event.key() <= Qt.Key.Key_6 \
                and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.choose(list(rules.REASONS)[event.key() - Qt.Key.Key_1])
            return
        super().keyPressEvent(event)

    def draft(self, approval: Approval | None) -> WriteoffDraft:
        code = self.reason()
        text = self.text.text()
        return WriteoffDraft((WriteoffLineDraft(self.lot.lot_id, self.quantity.value()),), code,
                             note="" if code == rules.DONATED_ON else text,
                             recipient=text if code == rules.DONATED_ON else "", approval=approval)

    def accept(self) -> None:
        """Write the goods off; beyond the limit a manager approves on the spot."""
        try:
            try:
                self.changes = self.services.writeoffs.write_off(self.actor, self.draft(None))
            except ApprovalRequired as needed:
                approval = self.ask(self, describe(needed))
                if approval is None:
                    return
                self.changes = self.services.writeoffs.write_off(self.actor, self.draft(approval))
        except PosError as exc:
            self.show_error(exc)
            return
        super().accept()
