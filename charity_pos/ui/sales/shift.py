"""Cash shifts at the till: opened with a cash float (备用金); closed
(交班) by counting the drawer note by note, against what each payment method
should hold. A difference beyond the manager's tolerance needs a reason and
a manager. The X report prints during the shift, the Z report at its close."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from charity_pos.domain import cash_count
from charity_pos.domain.money import format_fen, parse_yuan
from charity_pos.errors import InvalidInput, PosError
from charity_pos.i18n import describe
from charity_pos.services.base import STORE_TZ, Actor, Changes
from charity_pos.services.registry import Services
from charity_pos.services.shifts import DENOMINATIONS, METHODS, ShiftSummary
from charity_pos.ui.approval import AskApproval
from charity_pos.ui.reason import ReasonField
from charity_pos.ui.sales.dialogs import button, run_approved
from charity_pos.ui.sales.slip_printer import SlipPrinter

MAX_COUNT = 100_000


def denomination_text(fen: int) -> str:
    """¥100, ¥0.5, ¥0.1: as the notes and coins say."""
    yuan = fen / 100
    return f"¥{yuan:g}"


class ShiftDialog(QDialog):
    """What both shift dialogs share: a red line for refusals, Enter going on."""

    def _message(self) -> QLabel:
        self.message = QLabel("")
        self.message.setObjectName("alert")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        return self.message

    def show_error(self, error: BaseException | str) -> None:
        QApplication.beep()
        self.message.setText(error if isinstance(error, str) else describe(error))
        self.message.setVisible(True)


class OpenShiftDialog(ShiftDialog):
    def __init__(self, services: Services, actor: Actor, till: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor, self.till = services, actor, till
        self.changes: Changes | None = None
        self.setWindowTitle(self.tr("Open shift"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Open a shift at till {till}: count the cash float put in the drawer.")
                       .format(till=till))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.float_field = QLineEdit()
        self.float_field.setObjectName("amount")
        self.float_field.setPlaceholderText("500.00")
        form.addRow(self.tr("Cash float"), self.float_field)
        layout.addLayout(form)
        layout.addWidget(self._message())
        row = QHBoxLayout()
        cancel = button(self.tr("Cancel (Esc)"))
        self.open_button = button(self.tr("Open shift (Enter)"))
        self.open_button.setObjectName("primary")
        row.addStretch(1)
        row.addWidget(cancel)
        row.addWidget(self.open_button)
        layout.addLayout(row)
        cancel.clicked.connect(self.reject)
        self.open_button.clicked.connect(self.accept)
        self.float_field.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept()
            return
        super().keyPressEvent(event)

    def accept(self) -> None:
        try:
            self.changes = self.services.shifts.open(self.actor, self.till,
                                                     parse_yuan(self.float_field.text(), field="float"))
        except PosError as exc:
            self.show_error(exc)
            self.float_field.setFocus()
            self.float_field.selectAll()
            return
        super().accept()


class CloseShiftDialog(ShiftDialog):
    def __init__(self, services: Services, actor: Actor, ask: AskApproval, till: str, slips: SlipPrinter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor, self.ask, self.till, self.slips = services, actor, ask, till, slips
        self.changes: Changes | None = None
        self.summary: ShiftSummary = services.shifts.expected(till)
        self.tolerance_fen = services.counter_rules.rules().cash_tolerance_fen
        self.names = {"cash": self.tr("Cash"), "wechat": self.tr("WeChat Pay"), "alipay": self.tr("Alipay"),
                      "unionpay": self.tr("UnionPay card"), "voucher": self.tr("Store vouchers")}
        shift = self.summary.shift
        self.setWindowTitle(self.tr("Close shift {number}").format(number=shift.number))
        self.setMinimumWidth(860)
        layout = QVBoxLayout(self)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages)
        self.pages.addWidget(self._count_page())
        self.pages.addWidget(self._closed_page())
        self.update_counts()
        self.counts[DENOMINATIONS[0]].setFocus()

    # --- counting ---------------------------------------------------------
    def _count_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        s = self.summary
        opened = s.shift.opened_at.astimezone(STORE_TZ).strftime("%Y-%m-%d %H:%M")
        intro = QLabel(self.tr("Shift {number} · till {till} · opened {time} by {user} · float {float}").format(
            number=s.shift.number, till=self.till, time=opened, user=s.shift.opened_by,
            float=format_fen(s.shift.float_fen)))
        intro.setWordWrap(True)
        self.takings = takings = QLabel(self.tr("{sales} {sales_total} · {returns} {returns_total} · {voids}").format(
            sales=self.tr("%n sale(s)", "", s.sales_count), sales_total=format_fen(s.sales_fen),
            returns=self.tr("%n return(s)", "", s.returns_count), returns_total=format_fen(s.returns_fen),
            voids=self.tr("%n voided", "", s.voids_count)))
        takings.setObjectName("hint")
        layout.addWidget(intro)
        layout.addWidget(takings)

        columns = QHBoxLayout()
        cash_box = QGroupBox(self.tr("Cash in the drawer (Enter: next)"))
        grid = QGridLayout(cash_box)
        self.counts: dict[int, QSpinBox] = {}
        self.count_amounts: dict[int, QLabel] = {}
        for row, value in enumerate(DENOMINATIONS):
            spin = QSpinBox()
            spin.setRange(0, MAX_COUNT)
            spin.setAlignment(Qt.AlignmentFlag.AlignRight)
            spin.valueChanged.connect(self.update_counts)
            amount = QLabel("")
            amount.setAlignment(Qt.AlignmentFlag.AlignRight)
            grid.addWidget(QLabel(denomination_text(value)), row, 0)
            grid.addWidget(spin, row, 1)
            grid.addWidget(amount, row, 2)
            self.counts[value], self.count_amounts[value] = spin, amount
        self.cash_total = QLabel("")
        self.cash_total.setObjectName("total")
        grid.addWidget(self.cash_total, len(DENOMINATIONS), 0, 1, 3)
        columns.addWidget(cash_box)

        methods_box = QGroupBox(self.tr("Expected and counted"))
        table = QGridLayout(methods_box)
        for column, caption in enumerate((self.tr("Method"), self.tr("Expected"), self.tr("Counted"),
                                          self.tr("Difference"))):
            header = QLabel(caption)
            header.setObjectName("hint")
            table.addWidget(header, 0, column)
        self.counted_fields: dict[str, QLineEdit] = {}
        self.differences: dict[str, QLabel] = {}
        self.cash_counted = QLabel("")
        for row, method in enumerate(METHODS, start=1):
            expected = s.expected_fen.get(method, 0)
            table.addWidget(QLabel(self.names[method]), row, 0)
            table.addWidget(QLabel(format_fen(expected)), row, 1)
            if method == "cash":
                table.addWidget(self.cash_counted, row, 2)
            else:
                field = QLineEdit()  # a blind count: the cashier types what the terminal or box says
                field.setPlaceholderText("0.00")
                field.setObjectName("amount")
                field.setAlignment(Qt.AlignmentFlag.AlignRight)
                field.setMaximumWidth(160)
                field.textChanged.connect(self.update_counts)
                table.addWidget(field, row, 2)
                self.counted_fields[method] = field
            self.differences[method] = QLabel("")
            table.addWidget(self.differences[method], row, 3)
        form = QFormLayout()
        self.reason = ReasonField(self.tr("Why the drawer differs, if it does"))
        form.addRow(self.tr("Reason"), self.reason)
        table.addLayout(form, len(METHODS) + 1, 0, 1, 4)
        self.tolerance_label = QLabel("")
        self.tolerance_label.setWordWrap(True)
        table.addWidget(self.tolerance_label, len(METHODS) + 2, 0, 1, 4)
        table.setRowStretch(len(METHODS) + 3, 1)
        columns.addWidget(methods_box, 1)
        layout.addLayout(columns)
        layout.addWidget(self._message())

        buttons = QHBoxLayout()
        self.x_button = button(self.tr("Print X report (Ctrl+P)"), "Ctrl+P")
        self.x_pdf_button = button(self.tr("Save X report as PDF (Ctrl+S)"), "Ctrl+S")
        cancel = button(self.tr("Cancel (Esc)"))
        self.close_button = button(self.tr("Close shift (F12)"), "F12")
        self.close_button.setObjectName("primary")
        for made in (self.x_button, self.x_pdf_button):
            buttons.addWidget(made)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.x_button.clicked.connect(lambda: self.slips.shift_report(self.summary.shift.number, self))
        self.x_pdf_button.clicked.connect(lambda: self.slips.shift_report(self.summary.shift.number, self,
                                                                          to_file=True))
        cancel.clicked.connect(self.reject)
        self.close_button.clicked.connect(self.close_shift)
        return page

    def cash_counts(self) -> dict[int, int]:
        return {value: spin.value() for value, spin in self.counts.items()}

    def other_counted(self) -> dict[str, int]:
        """What the terminals and the voucher box say; raises InvalidInput."""
        return {method: parse_yuan(field.text() or "0", field="payment")
                for method, field in self.counted_fields.items()}

    def counted(self) -> dict[str, int]:
        counted = {"cash": sum(value * count for value, count in self.cash_counts().items())}
        for method, field in self.counted_fields.items():
            try:
                counted[method] = parse_yuan(field.text() or "0", field="payment")
            except PosError:
                counted[method] = self.summary.expected_fen.get(method, 0)
        return counted

    def beyond_tolerance(self) -> bool:
        return cash_count.any_beyond(self.counted(), self.summary.expected_fen, self.tolerance_fen, METHODS)

    def update_counts(self, *_args: object) -> None:
        for value, spin in self.counts.items():
            self.count_amounts[value].setText(format_fen(value * spin.value()))
        counted = self.counted()
        self.cash_total.setText(self.tr("Cash counted {amount}").format(amount=format_fen(counted["cash"])))
        self.cash_counted.setText(format_fen(counted["cash"]))
        for method in METHODS:
            difference = cash_count.difference(counted[method], self.summary.expected_fen.get(method, 0))
            label = self.differences[method]
            label.setText(("+" if difference > 0 else "") + format_fen(difference) if difference else "—")
            label.setObjectName("warning" if cash_count.beyond(difference, self.tolerance_fen) else "hint")
            label.style().unpolish(label)
            label.style().polish(label)
        beyond = self.beyond_tolerance()
        self.tolerance_label.setObjectName("warning" if beyond else "hint")
        text = (self.tr("The difference is more than {tolerance}: say why, and a manager approves.") if beyond
                else self.tr("Within the tolerance of {tolerance}."))
        self.tolerance_label.setText(text.format(tolerance=format_fen(self.tolerance_fen)))
        self.tolerance_label.style().unpolish(self.tolerance_label)
        self.tolerance_label.style().polish(self.tolerance_label)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.changes is not None:
                self.accept()
            else:
                self.focusNextChild()
            return
        super().keyPressEvent(event)

    def close_shift(self) -> Changes | None:
        if self.changes is not None:
            return self.changes
        try:
            other = self.other_counted()
            counts = self.cash_counts()
            needs = self.services.shifts.needs_approval(self.till, counts, other)
        except PosError as exc:
            self.show_error(exc)
            return None
        reason = self.reason.text().strip()
        if needs and not reason:
            self.show_error(describe(InvalidInput(field="reason", value="", reason="empty")))
            self.reason.setFocus()
            return None
        changes, refused = run_approved(
            self, lambda approval: self.services.shifts.close(self.actor, self.till, counts, other, reason, approval),
            self.ask, self.show_error)
        if refused:
            self.show_error(self.tr("Not approved: the shift stays open."))
        if changes is None:
            return None
        self.changes = changes
        self.closed_label.setText(self.tr("Shift {number} closed.").format(number=changes.number))
        self.pages.setCurrentIndex(1)
        self.done_button.setFocus()
        return changes

    # --- closed -----------------------------------------------------------
    def _closed_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.closed_label = QLabel("")
        self.closed_label.setObjectName("total")
        layout.addWidget(self.closed_label)
        hint = QLabel(self.tr("Print the Z report and keep it with the counted cash."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addStretch(1)
        row = QHBoxLayout()
        self.z_button = button(self.tr("Print Z report (Ctrl+P)"))
        self.z_pdf_button = button(self.tr("Save Z report as PDF (Ctrl+S)"))
        self.done_button = button(self.tr("Done (Enter)"))
        self.done_button.setObjectName("primary")
        row.addWidget(self.z_button)
        row.addWidget(self.z_pdf_button)
        row.addStretch(1)
        row.addWidget(self.done_button)
        layout.addLayout(row)
        self.z_button.clicked.connect(self.print_z)
        self.z_pdf_button.clicked.connect(lambda: self.print_z(to_file=True))
        self.done_button.clicked.connect(self.accept)
        QShortcut(QKeySequence("Ctrl+P"), page, activated=self.print_z)  # type: ignore[call-overload]  # signal by keyword: not in PySide6's stub
        QShortcut(QKeySequence("Ctrl+S"), page, activated=lambda: self.print_z(to_file=True))  # type: ignore[call-overload]  # signal by keyword: not in PySide6's stub
        return page

    def print_z(self, to_file: bool = False) -> bool:
        return self.changes is not None and self.slips.shift_report(self.changes.number or "", self, to_file=to_file)
