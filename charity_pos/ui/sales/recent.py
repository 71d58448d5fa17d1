"""The sales of the shift open at this till, newest first: reprint a slip
(marked 重打), or void a sale (作废) with a reason, which a manager does or
approves; the drawer opens when the voided sale had taken cash. A sale of a
closed shift is taken back as a return instead."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from charity_pos.domain.money import format_fen
from charity_pos.i18n import describe
from charity_pos.services.base import STORE_TZ, Actor, Changes
from charity_pos.services.drawer import cash_moved_by_void
from charity_pos.services.registry import Services
from charity_pos.services.sales import SaleRow
from charity_pos.ui.approval import AskApproval
from charity_pos.ui.reason import ReasonDialog
from charity_pos.ui.sales.dialogs import button, run_approved
from charity_pos.ui.sales.slip_printer import SlipPrinter
from charity_pos.ui.table_model import RowsModel, make_table_view

LIMIT = 500


class SalesModel(RowsModel[SaleRow]):
    NUMBER, TIME, CASHIER, UNITS, TOTAL, METHODS, STATUS = range(7)
    RIGHT = frozenset({UNITS, TOTAL})

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._methods = {"cash": self.tr("Cash"), "wechat": self.tr("WeChat Pay"), "alipay": self.tr("Alipay"),
                         "unionpay": self.tr("UnionPay card"), "voucher": self.tr("Store voucher")}

    def headers(self) -> list[str]:
        return [self.tr("Sale number"), self.tr("Time"), self.tr("Cashier"), self.tr("Units"), self.tr("Total"),
                self.tr("Paid by"), self.tr("Status")]

    def _display(self, row: SaleRow, column: int) -> str:
        if column == self.NUMBER:
            return row.number
        if column == self.TIME:
            return row.completed_at.astimezone(STORE_TZ).strftime("%H:%M")
        if column == self.CASHIER:
            return row.cashier
        if column == self.UNITS:
            return str(row.units)
        if column == self.TOTAL:
            return format_fen(row.total_fen)
        if column == self.METHODS:
            return "、".join(self._methods.get(m, m) for m in row.methods)
        if row.status == "voided":
            return self.tr("Voided")
        if row.returned_fen:
            return self.tr("Returned {amount}").format(amount=format_fen(row.returned_fen))
        return self.tr("Completed")

    def _key(self, row: SaleRow) -> object:
        return row.number

    def _foreground(self, row: SaleRow, column: int) -> Any:
        return QBrush(QColor("#a33")) if row.status == "voided" else None


class VoidSaleDialog(ReasonDialog):
    """Why the sale is voided; its number stays, marked 作废."""

    def __init__(self, number: str, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.explain(self.tr("Void sale {number}").format(number=number),
                     self.tr("Sale {number} will be marked void: its goods go back on the shelf and its money "
                             "out of the drawer.").format(number=number),
                     example=self.tr("e.g. rung up twice"), accept_text=self.tr("Void sale (Enter)"))


class ShiftSalesDialog(QDialog):
    def __init__(self, services: Services, actor: Actor, ask: AskApproval, till: str, slips: SlipPrinter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor, self.ask, self.till, self.slips = services, actor, ask, till, slips
        #: What voids changed, for the screens to refresh.
        self.changes: list[Changes] = []
        self.setWindowTitle(self.tr("This shift's sales"))
        self.setMinimumSize(860, 480)
        layout = QVBoxLayout(self)
        self.heading = QLabel("")
        self.heading.setObjectName("hint")
        layout.addWidget(self.heading)
        self.model = SalesModel(self)
        self.table = make_table_view(self.model, stretch=SalesModel.METHODS)
        layout.addWidget(self.table, 1)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.reprint_button = button(self.tr("Reprint slip (Ctrl+P)"))
        self.void_button = button(self.tr("Void sale (Ctrl+Del)"))
        close = button(self.tr("Close (Esc)"))
        row.addWidget(self.reprint_button)
        row.addWidget(self.void_button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.reprint_button.clicked.connect(self.reprint)
        self.void_button.clicked.connect(self.void)
        close.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+P"), self, activated=self.reprint)  # type: ignore[call-overload]  # signal by keyword: not in PySide6's stub
        QShortcut(QKeySequence("Ctrl+Del"), self, activated=self.void)  # type: ignore[call-overload]  # signal by keyword: not in PySide6's stub
        self.refresh()
        self.table.setFocus()

    def refresh(self) -> None:
        shift = self.services.shifts.current(self.till)
        if shift is None:
            self.heading.setText(self.tr("No shift is open at till {till}: the latest sales.").format(till=self.till))
            rows = self.services.sales.sales(limit=50)
        else:
            self.heading.setText(self.tr("Shift {number} at till {till}").format(number=shift.number, till=self.till))
            rows = self.services.sales.sales(limit=LIMIT, shift_id=shift.id)
        chosen = self.chosen()
        self.model.set_rows(rows)
        self.select(chosen.number if chosen else rows[0].number if rows else "")

    def select(self, number: str) -> None:
        row = self.model.row_of(number)
        if row >= 0:
            self.table.selectRow(row)

    def chosen(self) -> SaleRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def say(self, text: str, *, warning: bool = False) -> None:
        if warning:
            QApplication.beep()
        self.message.setObjectName("alert" if warning else "notice")
        self.message.setText(text)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    def reprint(self) -> bool:
        sale = self.chosen()
        if sale is None:
            return False
        printed = self.slips.sale_slip(sale.number, self)
        if printed is not None:
            self.say(self.tr("Slip of {number} printed again (reprint {count}).").format(
                number=sale.number, count=max(0, printed.slip_prints - 1)))
        return printed is not None

    def void(self) -> Changes | None:
        sale = self.chosen()
        if sale is None:
            return None
        if sale.status == "voided":
            self.say(self.tr("Sale {number} is already void.").format(number=sale.number), warning=True)
            return None
        dialog = VoidSaleDialog(sale.number, self)
        if self.run_dialog(dialog) != QDialog.DialogCode.Accepted:
            return None
        reason = dialog.given()
        changes, refused = run_approved(
            self, lambda approval: self.services.sales.void(self.actor, sale.number, reason, approval), self.ask,
            lambda error: self.say(describe(error), warning=True))
        if refused:
            self.say(self.tr("Not approved: sale {number} stands.").format(number=sale.number), warning=True)
        if changes is None:
            return None
        self.changes.append(changes)
        if self.slips.has_drawer and cash_moved_by_void(self.services.sales.sale(sale.number)):
            self.slips.open_drawer(self)  # the cash the sale took goes back to the customer
        self.refresh()
        self.say(self.tr("Sale {number} voided: give {total} back the way it was paid.").format(
            number=sale.number, total=format_fen(sale.total_fen)))
        return changes

    def run_dialog(self, dialog: QDialog) -> int:
        """Show a modal dialog; tests replace this so nothing blocks."""
        return dialog.exec()
