"""Recording a use of donated cash (善款使用): the day, the amount, what for
and the voucher that backs it. Kept apart from sales income: the service
refuses more than the donated cash left, and a day still to come."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from charity_pos.domain.money import check_fen, format_fen, parse_yuan
from charity_pos.errors import PosError
from charity_pos.reports.words import FUND_USES as USE_WORDS
from charity_pos.services.base import Actor, Changes
from charity_pos.services.funds import FUND_USES, PURPOSE_LIMIT, VOUCHER_LIMIT
from charity_pos.services.registry import Services
from charity_pos.ui.reports.words import language
from charity_pos.ui.sales.dialogs import alert_line, cancel_and_do, show_refusal


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class FundUseDialog(QDialog):
    """Fills in one use; ``changes`` holds what the service recorded."""

    def __init__(self, services: Services, actor: Actor, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor = services, actor
        self.changes: Changes | None = None
        self.setWindowTitle(self.tr("Record use of donated cash"))
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 34)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Donated cash is kept apart from sales income: record each use with the voucher "
                               "that backs it."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.left = QLabel("")
        self.left.setObjectName("total")
        layout.addWidget(self.left)
        form = QFormLayout()
        self.used_on = QDateEdit(qdate(today))
        self.used_on.setCalendarPopup(True)
        self.used_on.setDisplayFormat("yyyy-MM-dd")
        self.used_on.setMaximumDate(qdate(today))
        self.amount = QLineEdit()
        self.amount.setObjectName("amount")
        self.amount.setPlaceholderText("300.00")
        self.use = QComboBox()
        for code in FUND_USES:
            self.use.addItem(USE_WORDS[code].text(language()), code)
        self.purpose = QLineEdit()
        self.purpose.setMaxLength(PURPOSE_LIMIT)
        self.purpose.setPlaceholderText(self.tr("e.g. rice and oil bought for households in need"))
        self.voucher = QLineEdit()
        self.voucher.setMaxLength(VOUCHER_LIMIT)
        self.voucher.setPlaceholderText(self.tr("Invoice or voucher number"))
        form.addRow(self.tr("Date of use"), self.used_on)
        form.addRow(self.tr("Amount (yuan)"), self.amount)
        form.addRow(self.tr("Use"), self.use)
        form.addRow(self.tr("Purpose"), self.purpose)
        form.addRow(self.tr("Voucher"), self.voucher)
        layout.addLayout(form)
        self.message = alert_line(layout)
        self.record_button = cancel_and_do(self, layout, self.tr("Cancel (Esc)"), self.tr("Record (Enter)"))
        self.show_left()
        self.amount.setFocus()

    def show_left(self) -> None:
        try:
            left = self.services.funds.balance(self.actor).left_fen
        except PosError as exc:
            self.show_error(exc)
            return
        self.left.setText(self.tr("Donated cash left: {amount}").format(amount=format_fen(left)))

    def show_error(self, error: BaseException) -> None:
        show_refusal(self.message, error)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept()
            return
        super().keyPressEvent(event)

    def accept(self) -> None:
        """Record the use; a refusal is shown here and what was typed stays."""
        try:
            # "cash": the field's name the messages know (现金金额)
            amount = check_fen(parse_yuan(self.amount.text(), field="cash"), field="cash", allow_zero=False)
            self.changes = self.services.funds.record_use(
                self.actor, used_on=self.used_on.date().toPython(), amount_fen=amount,  # type: ignore[arg-type]  # a date; stub: object
                kind=self.use.currentData(), purpose=self.purpose.text(), voucher=self.voucher.text())
        except PosError as exc:
            self.show_error(exc)
            self.amount.setFocus()
            self.amount.selectAll()
            return
        super().accept()
