"""Taking goods back: scan the barcode on the slip (or type the sale
number), say how many of each line come back (never more than were sold
less what came back before), why, and a manager approves. The money goes
back by the sale's own methods, the goods into the lots they left; the
return slip (退货单) prints.

Keyboard first: the quantity of each line still open is the only stop of
that line; Enter or Tab goes to the next line's, then to the reason; Alt+R
goes to the reason and F12 takes back from anywhere."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from charity_pos.domain.money import format_fen
from charity_pos.errors import PosError, SaleVoided
from charity_pos.i18n import describe
from charity_pos.services.base import STORE_TZ, Actor, Changes
from charity_pos.services.registry import Services
from charity_pos.services.returns import ReturnDraft, refund_for
from charity_pos.services.sales import SaleView, SoldLine
from charity_pos.ui.approval import AskApproval
from charity_pos.ui.reason import ReasonField
from charity_pos.ui.sales.dialogs import button, run_approved
from charity_pos.ui.sales.slip_printer import SlipPrinter



class ReturnDialog(QDialog):
    NAME, SOLD, RETURNED, PAID, BACK, REFUND = range(6)

    def __init__(self, services: Services, actor: Actor, ask: AskApproval, till: str, slips: SlipPrinter, *,
                 auto_print: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor, self.ask, self.till, self.slips = services, actor, ask, till, slips
        self.auto_print = auto_print
        self.sale: SaleView | None = None
        self.spins: list[tuple[SoldLine, QSpinBox]] = []
        self.changes: Changes | None = None
        self.names = {"cash": self.tr("Cash"), "wechat": self.tr("WeChat Pay"), "alipay": self.tr("Alipay"),
                      "unionpay": self.tr("UnionPay card"), "voucher": self.tr("Store voucher")}
        self.setWindowTitle(self.tr("Return"))
        self.setMinimumSize(820, 520)
        layout = QVBoxLayout(self)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages)
        self.pages.addWidget(self._lines_page())
        self.pages.addWidget(self._done_page())
        self.number.setFocus()

    # --- the sale and its lines -------------------------------------------
    def _lines_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        caption = QLabel(self.tr("Sale number"))
        self.number = QLineEdit()
        self.number.setObjectName("scan")
        self.number.setPlaceholderText(self.tr("Scan the barcode on the slip, or type the sale number"))
        caption.setBuddy(self.number)
        row.addWidget(caption)
        row.addWidget(self.number, 1)
        layout.addLayout(row)
        self.sale_label = QLabel("")
        self.sale_label.setObjectName("hint")
        self.sale_label.setWordWrap(True)
        layout.addWidget(self.sale_label)

        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([self.tr("Item"), self.tr("Sold"), self.tr("Returned before"),
                                              self.tr("Paid"), self.tr("Coming back"), self.tr("Refund")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setTabKeyNavigation(False)  # Tab goes from one quantity to the next, not cell by cell
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.NAME, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)

        form = QFormLayout()
        self.reason = ReasonField(self.tr("e.g. wrong size, faulty"))
        form.addRow(self.tr("Reason (Alt+R)"), self.reason)
        QShortcut(QKeySequence("Alt+R"), page, activated=self.to_reason)  # type: ignore[call-overload]  # signal by keyword: not in PySide6's stub
        self.number.installEventFilter(self)
        self.reason.installEventFilter(self)
        layout.addLayout(form)
        totals = QHBoxLayout()
        how = QLabel(self.tr("Money goes back the way it was paid."))
        how.setObjectName("hint")
        self.refund_label = QLabel("")
        self.refund_label.setObjectName("saleTotal")
        totals.addWidget(how)
        totals.addStretch(1)
        totals.addWidget(self.refund_label)
        layout.addLayout(totals)
        self.message = QLabel("")
        self.message.setObjectName("alert")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        cancel = button(self.tr("Cancel (Esc)"))
        self.return_button = button(self.tr("Take back (F12)"), "F12")
        self.return_button.setObjectName("primary")
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.return_button)
        layout.addLayout(buttons)
        cancel.clicked.connect(self.reject)
        self.return_button.clicked.connect(self.take_back)
        self.update_refund()
        return page

    def load(self, number: str | None = None) -> SaleView | None:
        """Find the sale (scanned from the slip or typed) and list its lines."""
        text = (number if number is not None else self.number.text()).strip()
        if not text:
            return None
        self.message.setVisible(False)
        try:
            view = self.services.sales.sale(text)
            if view.status == "voided":
                raise SaleVoided(number=view.number)
        except PosError as exc:
            self.show_error(exc)
            self.number.selectAll()
            return None
        self.sale = view
        self.number.setText(view.number)
        at = view.completed_at.astimezone(STORE_TZ).strftime("%Y-%m-%d %H:%M")
        paid = self.tr(", ").join(f"{self.names.get(p.method, p.method)} {format_fen(p.amount_fen)}"
                                  for p in view.payments)
        text = self.tr("Sale {number} · {time} · cashier {cashier} · total {total} · {paid}")
        self.sale_label.setText(text.format(number=view.number, time=at, cashier=view.cashier,
                                            total=format_fen(view.total_fen), paid=paid))
        self.table.setRowCount(len(view.lines))
        self.spins = []
        for row, line in enumerate(view.lines):
            left = line.quantity - line.returned
            cells = {self.NAME: line.name, self.SOLD: str(line.quantity), self.RETURNED: str(line.returned),
                     self.PAID: format_fen(line.paid_fen)}
            for column, text in cells.items():
                item = QTableWidgetItem(text)
                if column != self.NAME:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
            spin = QSpinBox()
            spin.setRange(0, left)
            spin.setEnabled(left > 0)
            spin.setAlignment(Qt.AlignmentFlag.AlignRight)
            spin.valueChanged.connect(self.update_refund)
            spin.installEventFilter(self)
            self.table.setCellWidget(row, self.BACK, spin)
            self.table.setItem(row, self.REFUND, QTableWidgetItem(""))
            self.spins.append((line, spin))
        self.update_refund()
        open_lines = self.open_spins()
        if open_lines:
            self._stop_at(open_lines[0])
        else:
            self.show_error(self.tr("Everything of sale {number} has come back already.").format(number=view.number))
        return view

    def open_spins(self) -> list[QSpinBox]:
        """The quantity of each line that can still come back, in order."""
        return [spin for _line, spin in self.spins if spin.isEnabled()]

    def _stop_at(self, widget: QWidget) -> None:
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        if isinstance(widget, (QSpinBox, QLineEdit)):
            widget.selectAll()  # the digit typed replaces what is there

    def to_reason(self) -> None:
        self._stop_at(self.reason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The stops, in order: the sale number, each open line's quantity,
        the reason. Tab goes forward and Shift+Tab back along them; Enter on
        a quantity goes forward too."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        stops: list[QWidget] = [self.number, *self.open_spins(), self.reason]
        if watched not in stops:
            return super().eventFilter(watched, event)
        at = stops.index(watched)
        key, shift = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if key == Qt.Key.Key_Backtab or (key == Qt.Key.Key_Tab and shift):
            self._stop_at(stops[at - 1] if at else stops[-1])
            return True
        forward = key == Qt.Key.Key_Tab or (key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and isinstance(watched, QSpinBox))
        if forward:
            if isinstance(watched, QSpinBox):
                watched.interpretText()
            self._stop_at(stops[(at + 1) % len(stops)])
            return True
        return super().eventFilter(watched, event)

    def quantities(self) -> dict[uuid.UUID, int]:
        return {line.id: spin.value() for line, spin in self.spins if spin.value()}

    def update_refund(self, *_args: object) -> None:
        total = 0
        for row, (line, spin) in enumerate(self.spins):
            amount = refund_for(line, line.returned, spin.value()) if spin.value() else 0
            total += amount
            cell = self.table.item(row, self.REFUND)
            if cell is not None:
                cell.setText(format_fen(amount) if amount else "")
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.refund_label.setText(self.tr("Refund {amount}").format(amount=format_fen(total)))

    def show_error(self, error: BaseException | str) -> None:
        QApplication.beep()
        self.message.setText(error if isinstance(error, str) else describe(error))
        self.message.setVisible(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.changes is not None:
                self.accept()
            elif self.focusWidget() is self.number:
                self.load()
            elif self.focusWidget() is self.reason:
                self.take_back()
            else:
                self.focusNextChild()
            return
        super().keyPressEvent(event)

    # --- taking back ------------------------------------------------------
    def take_back(self) -> Changes | None:
        if self.changes is not None:
            return self.changes
        sale = self.sale
        if sale is None:
            self.show_error(self.tr("Scan the slip or type the sale number first."))
            self.number.setFocus()
            return None
        quantities = self.quantities()
        if not quantities:
            self.show_error(self.tr("Say how many of which goods come back."))
            return None
        reason = self.reason.check(self.show_error)
        if reason is None:
            return None
        draft = ReturnDraft(sale.number, self.till, quantities, reason)
        changes, refused = run_approved(
            self, lambda approval: self.services.returns.create(self.actor, draft, approval), self.ask,
            self.show_error)
        if refused:
            self.show_error(self.tr("Not approved: nothing was taken back."))
        if changes is None:
            return None
        self.changes = changes
        self._done(changes.number or "")
        return changes

    # --- done -------------------------------------------------------------
    def _done_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.done_label = QLabel("")
        self.done_label.setObjectName("total")
        self.refunds_label = QLabel("")
        self.refunds_label.setObjectName("saleTotal")
        self.slip_label = QLabel("")
        self.slip_label.setObjectName("notice")
        for widget in (self.done_label, self.refunds_label, self.slip_label):
            layout.addWidget(widget)
        layout.addStretch(1)
        row = QHBoxLayout()
        self.slip_button = button(self.tr("Print return slip (Ctrl+P)"))
        self.done_button = button(self.tr("Done (Enter)"))
        self.done_button.setObjectName("primary")
        row.addWidget(self.slip_button)
        row.addStretch(1)
        row.addWidget(self.done_button)
        layout.addLayout(row)
        self.slip_button.clicked.connect(self.print_slip)
        self.done_button.clicked.connect(self.accept)
        QShortcut(QKeySequence("Ctrl+P"), page, activated=self.print_slip)  # type: ignore[call-overload]  # signal by keyword: not in PySide6's stub
        return page

    def _done(self, number: str) -> None:
        done = self.services.returns.find(number)
        refunds = [f"{self.names.get(r.method, r.method)} {format_fen(r.amount_fen)}" for r in done.refunds]
        self.done_label.setText(self.tr("Return {number} for sale {sale}").format(
            number=number, sale=done.sale_number))
        self.refunds_label.setText(self.tr("Give back: {refunds}").format(refunds="\n".join(refunds)))
        self.pages.setCurrentIndex(1)
        self.done_button.setFocus()
        if self.auto_print:
            self.print_slip()

    def print_slip(self) -> bool:
        if self.changes is None:
            return False
        printed = self.slips.return_slip(self.changes.number or "", self)
        if printed:
            self.slip_label.setText(self.tr("Return slip printed."))
        return printed
