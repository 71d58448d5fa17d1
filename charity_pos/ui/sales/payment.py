"""Taking the money: cash with the change shown as it is typed, quick keys
for ¥50, ¥100 and the exact amount, WeChat Pay, Alipay, UnionPay card (the
payment's reference number is required; there is no live link to a payment
service), store vouchers (number and value), and any mix of these.

The customer's WeChat Pay or Alipay payment code scanned into whichever
field has the focus picks the method and fills the amount due and the
reference with the code's mask (the code itself is never kept); a scan that
is not a payment code is refused with the reason and changes nothing. As
there is no network, a sale with a scanned payment completes only once the
cashier confirms the customer's phone shows the payment succeeded.

Enter completes. The service decides whether the payments cover the total
(only cash may go over); its refusal is shown here and the dialog stays.
The pay key is disabled while the sale is being made, the dialog then shows
the sale number and the change, and the ticket's own id means that paying
twice makes one sale whatever happens."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QElapsedTimer, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from charity_pos.domain import payment_codes
from charity_pos.domain.money import format_fen, parse_yuan
from charity_pos.errors import InvalidInput, PosError
from charity_pos.i18n import describe
from charity_pos.services.base import Actor, Changes
from charity_pos.services.registry import Services
from charity_pos.services.sales import NEEDS_REFERENCE, Method, PaymentDraft, SaleDraft, SaleView
from charity_pos.ui.printing import busy
from charity_pos.ui.sales.dialogs import button
from charity_pos.ui.sales.slip_printer import SlipPrinter

#: After the sale is made, Enter closes the dialog only after this long, so a
#: key pressed twice leaves the change on the screen.
SETTLE_MS = 400
#: In the cash and amount fields, this many digits or more are a scan, not an amount.
SCAN_DIGITS = 9

MakeDraft = Callable[[tuple[PaymentDraft, ...]], SaleDraft]


class PaymentDialog(QDialog):
    # the sale is made: what was paid and the change, in fen (for the customer display)
    paid = Signal(int, int)

    def __init__(self, services: Services, actor: Actor, make_draft: MakeDraft, total_fen: int,
                 slips: SlipPrinter, *, auto_print: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services, self.actor, self.make_draft, self.total_fen = services, actor, make_draft, total_fen
        self.slips, self.auto_print = slips, auto_print
        self.changes: Changes | None = None
        self.view: SaleView | None = None
        #: What was last sent to the service.
        self.draft: SaleDraft | None = None
        self.tenders: list[PaymentDraft] = []
        self.method = Method.WECHAT
        self._busy = False
        self._done_at = QElapsedTimer()
        #: how a yes/no question is asked; a test replaces it (no modal loop)
        self.run_box = lambda box: box.exec()
        self.names = {Method.CASH: self.tr("Cash"), Method.WECHAT: self.tr("WeChat Pay"),
                      Method.ALIPAY: self.tr("Alipay"), Method.UNIONPAY: self.tr("UnionPay card"),
                      Method.VOUCHER: self.tr("Store voucher")}
        self.setWindowTitle(self.tr("Payment"))
        self.setMinimumWidth(840)
        layout = QVBoxLayout(self)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages)
        self.pages.addWidget(self._pay_page())
        self.pages.addWidget(self._done_page())
        self.cash.textChanged.connect(self.update_status)
        self.amount.textChanged.connect(self.update_status)
        self.update_status()
        self.cash.setFocus()

    # --- the two pages ----------------------------------------------------
    def _pay_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.total_label = QLabel(self.tr("To pay {amount}").format(amount=format_fen(self.total_fen)))
        self.total_label.setObjectName("saleTotal")
        layout.addWidget(self.total_label)
        self.scan_label = QLabel(self.scan_hint())
        self.scan_label.setObjectName("notice")
        self.scan_label.setWordWrap(True)
        layout.addWidget(self.scan_label)

        grid = QGridLayout()
        cash_caption = QLabel(self.tr("Cash received (F1)"))
        self.cash = QLineEdit()
        self.cash.setObjectName("amount")
        self.cash.setPlaceholderText("0.00")
        cash_caption.setBuddy(self.cash)
        self.exact_button = button(self.tr("Exact (F2)"), "F2")
        self.fifty_button = button(self.tr("¥50 (F3)"), "F3")
        self.hundred_button = button(self.tr("¥100 (F4)"), "F4")
        grid.addWidget(cash_caption, 0, 0)
        grid.addWidget(self.cash, 0, 1)
        quick = QHBoxLayout()
        for made in (self.exact_button, self.fifty_button, self.hundred_button):
            quick.addWidget(made)
        grid.addLayout(quick, 0, 2, 1, 2)

        methods = QHBoxLayout()
        self.method_buttons = {}
        for method, keys in ((Method.WECHAT, "F5"), (Method.ALIPAY, "F6"), (Method.UNIONPAY, "F7"),
                             (Method.VOUCHER, "F8")):
            made = button(self.tr("{method} ({key})").format(method=self.names[method], key=keys), keys)
            made.clicked.connect(lambda _=False, m=method: self.choose(m))
            self.method_buttons[method] = made
            methods.addWidget(made)
        grid.addWidget(QLabel(self.tr("Other ways")), 1, 0)
        grid.addLayout(methods, 1, 1, 1, 3)

        self.method_label = QLabel("")
        self.amount = QLineEdit()
        self.amount.setObjectName("amount")
        self.amount.setPlaceholderText("0.00")
        self.reference = QLineEdit()
        self.reference.setMaxLength(40)
        self.add_button = button(self.tr("Add (Ins)"), "Ins")
        grid.addWidget(self.method_label, 2, 0)
        grid.addWidget(self.amount, 2, 1)
        grid.addWidget(self.reference, 2, 2)
        grid.addWidget(self.add_button, 2, 3)
        grid.setColumnStretch(2, 1)
        layout.addLayout(grid)

        self.tender_list = QListWidget()
        self.tender_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tender_list.setMaximumHeight(90)
        self.tender_list.setVisible(False)
        layout.addWidget(self.tender_list)

        status = QHBoxLayout()
        self.paid_label = QLabel("")
        self.paid_label.setObjectName("total")
        self.due_label = QLabel("")
        self.due_label.setObjectName("saleTotal")
        status.addWidget(self.paid_label)
        status.addStretch(1)
        status.addWidget(self.due_label)
        layout.addLayout(status)
        self.message = QLabel("")
        self.message.setObjectName("alert")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        layout.addWidget(self.message)

        row = QHBoxLayout()
        self.remove_button = button(self.tr("Remove last payment (Ctrl+D)"), "Ctrl+D")
        self.cancel_button = button(self.tr("Back to the ticket (Esc)"))
        self.pay_button = button(self.tr("Complete sale (Enter)"))
        self.pay_button.setObjectName("primary")
        row.addWidget(self.remove_button)
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.pay_button)
        layout.addLayout(row)

        self.exact_button.clicked.connect(self.exact)
        self.fifty_button.clicked.connect(lambda: self.set_cash(5000))
        self.hundred_button.clicked.connect(lambda: self.set_cash(10000))
        self.add_button.clicked.connect(self.add_pending)
        self.remove_button.clicked.connect(self.remove_last)
        self.cancel_button.clicked.connect(self.reject)
        self.pay_button.clicked.connect(self.complete)
        QShortcut(QKeySequence("F1"), page, activated=self.focus_cash)  # type: ignore[call-overload]  # signal by keyword: not in PySide6's stub
        self._show_method()
        return page

    def _done_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        heading = QLabel(self.tr("Paid"))
        heading.setObjectName("screenTitle")
        self.number_label = QLabel("")
        self.number_label.setObjectName("total")
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.change_label = QLabel("")
        self.change_label.setObjectName("changeDue")
        self.paid_summary = QLabel("")
        self.paid_summary.setWordWrap(True)
        self.slip_label = QLabel("")
        self.slip_label.setObjectName("notice")
        for widget in (heading, self.number_label, self.change_label, self.paid_summary, self.slip_label):
            layout.addWidget(widget)
        layout.addStretch(1)
        row = QHBoxLayout()
        self.slip_button = button(self.tr("Print slip (Ctrl+P)"))
        self.next_button = button(self.tr("Next customer (Enter)"))
        self.next_button.setObjectName("primary")
        row.addWidget(self.slip_button)
        row.addStretch(1)
        row.addWidget(self.next_button)
        layout.addLayout(row)
        self.slip_button.clicked.connect(self.print_slip)
        self.next_button.clicked.connect(self.accept)
        QShortcut(QKeySequence("Ctrl+P"), page, activated=self.print_slip)  # type: ignore[call-overload]  # signal by keyword: not in PySide6's stub
        return page

    # --- cash -------------------------------------------------------------
    def focus_cash(self) -> None:
        self.cash.setFocus()
        self.cash.selectAll()

    def set_cash(self, fen: int) -> None:
        self.cash.setText(f"{fen / 100:.2f}")
        self.focus_cash()

    def exact(self) -> None:
        """Cash for what the other payments leave."""
        self.set_cash(max(0, self.total_fen - self._other_fen()))

    # --- other ways -------------------------------------------------------
    def choose(self, method: Method) -> None:
        """Start a payment by this method for what is still due."""
        self.method = method
        self._show_method()
        due = self.total_fen - self._other_fen(pending=False) - self._cash_fen()
        if method == Method.VOUCHER:
            self.amount.clear()  # a voucher is worth what it says
        elif due > 0:
            self.amount.setText(f"{due / 100:.2f}")
        self.amount.setFocus()
        self.amount.selectAll()

    def _show_method(self) -> None:
        self.method_label.setText(self.names[self.method])
        voucher = self.method == Method.VOUCHER
        self.amount.setToolTip(self.tr("Voucher value") if voucher else self.tr("Amount"))
        self.reference.setPlaceholderText(self.tr("Voucher number") if voucher
                                          else self.tr("Reference number of the payment"))

    def pending(self) -> PaymentDraft | None:
        """The payment typed in the other-way row and not yet added."""
        text = self.amount.text().strip()
        if not text:
            return None
        return PaymentDraft(self.method.value, parse_yuan(text, field="payment"), self.reference.text().strip())

    def add_pending(self) -> bool:
        """Put the typed payment in the list; False (with a message) if it cannot be."""
        try:
            payment = self.pending()
            if payment is None:
                return False
            if payment.tendered_fen == 0:
                raise InvalidInput(field="payment", value=self.amount.text(), reason="zero")
            if Method(payment.method) in NEEDS_REFERENCE and not payment.reference:
                raise InvalidInput(field="reference", value=payment.method, reason="reference_needed")
        except PosError as exc:
            self.show_error(exc)
            (self.reference if "reference" == exc.facts.get("field") else self.amount).setFocus()
            return False
        self.tenders.append(payment)
        self.tender_list.addItem(self._describe(payment))
        self.tender_list.setVisible(True)
        self.amount.clear()
        self.reference.clear()
        self.message.setVisible(False)
        self.scan_label.setText(self.scan_hint())
        self.update_status()
        return True

    def remove_last(self) -> None:
        if self.tenders:
            self.tenders.pop()
            self.tender_list.takeItem(self.tender_list.count() - 1)
            self.tender_list.setVisible(bool(self.tenders))
            self.update_status()
        self.focus_cash()

    def _describe(self, payment: PaymentDraft) -> str:
        name = self.names[Method(payment.method)]
        text = f"{name}  {format_fen(payment.tendered_fen)}"
        return text + (f"  ·  {payment.reference}" if payment.reference else "")

    # --- payment codes ----------------------------------------------------
    def scan_hint(self) -> str:
        return self.tr("Scan the customer's WeChat Pay or Alipay payment code at any time.")

    def take_scan(self, field: QWidget | None) -> bool:
        """If ``field`` holds a scan, take it (True): a payment code fills the
        method, the amount due and the mask; anything else is refused with
        the reason. The scanned text leaves the field either way."""
        if field not in (self.cash, self.amount, self.reference):
            return False
        assert isinstance(field, QLineEdit)
        text = "".join(field.text().split())
        if field is self.reference:
            if not payment_codes.is_code(text):
                return False  # a transaction number typed in stays as it is
        elif not (text.isascii() and text.isdigit() and len(text) >= SCAN_DIGITS):
            return False
        field.setText("")  # unlike clear(), leaves no undo step that would bring the code back
        try:
            code = payment_codes.recognise(text)
        except PosError as exc:
            self.show_error(exc)
            field.setFocus()
            return True
        self.message.setVisible(False)
        self.method = Method(code.method)
        self._show_method()
        if not (field is self.reference and self.amount.text().strip()):  # else the amount typed first stays
            due = self.total_fen - self._other_fen(pending=False) - self._cash_fen()
            self.amount.setText(f"{due / 100:.2f}" if due > 0 else "")
        self.reference.setText(code.masked)
        self.scan_label.setText(self.tr("{method} payment code {mask}: Enter takes it.").format(
            method=self.names[self.method], mask=code.masked))
        self.amount.setFocus()
        self.amount.selectAll()
        self.update_status()
        return True

    def confirm_paid(self, payments: tuple[PaymentDraft, ...]) -> bool:
        """With no network, the cashier confirms that the customer's phone
        shows each scanned payment succeeded (Enter: yes)."""
        scanned = [p for p in payments if payment_codes.is_masked(p.reference)]
        if not scanned:
            return True
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Payment code"), self.tr(
            "Does the customer's phone show the payment succeeded?"), parent=self)
        box.setInformativeText("\n".join(self._describe(p) for p in scanned))
        yes = box.addButton(self.tr("Yes, paid (Enter)"), QMessageBox.ButtonRole.YesRole)
        no = box.addButton(self.tr("No (Esc)"), QMessageBox.ButtonRole.NoRole)
        box.setDefaultButton(yes)
        box.setEscapeButton(no)
        self.run_box(box)
        return box.clickedButton() is yes

    # --- sums -------------------------------------------------------------
    def _cash_fen(self) -> int:
        try:
            return parse_yuan(self.cash.text(), field="cash") if self.cash.text().strip() else 0
        except PosError:
            return 0

    def _other_fen(self, pending: bool = True) -> int:
        total = sum(p.tendered_fen for p in self.tenders)
        if pending:
            try:
                typed = self.pending()
            except PosError:
                typed = None
            total += typed.tendered_fen if typed else 0
        return total

    def payments(self) -> tuple[PaymentDraft, ...]:
        """Every payment as the service takes it; cash last (the change comes out of it)."""
        payments = list(self.tenders)
        typed = self.pending()
        if typed is not None:
            payments.append(typed)
        if self.cash.text().strip():
            payments.append(PaymentDraft(Method.CASH.value, parse_yuan(self.cash.text(), field="tendered")))
        return tuple(payments)

    def update_status(self) -> None:
        paid = self._other_fen() + self._cash_fen()
        self.paid_label.setText(self.tr("Received {amount}").format(amount=format_fen(paid)))
        if paid < self.total_fen:
            self.due_label.setText(self.tr("Still due {amount}").format(amount=format_fen(self.total_fen - paid)))
        else:
            self.due_label.setText(self.tr("Change {amount}").format(amount=format_fen(paid - self.total_fen)))

    def show_error(self, error: BaseException) -> None:
        QApplication.beep()
        self.message.setText(describe(error))
        self.message.setVisible(True)

    # --- completing -------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter()
            return
        super().keyPressEvent(event)

    def enter(self) -> None:
        if self.changes is not None:
            if self._done_at.hasExpired(SETTLE_MS):
                self.accept()
            return
        if self.take_scan(self.focusWidget()):
            return
        if self.focusWidget() is self.amount and self.amount.text().strip() and not self.reference.text().strip():
            self.reference.setFocus()  # the amount, then its reference number
            return
        if self.focusWidget() in (self.amount, self.reference) and self.amount.text().strip():
            if not self.add_pending():
                return
            if self._other_fen() + self._cash_fen() < self.total_fen:
                self.focus_cash()
                return
        self.complete()

    def complete(self) -> Changes | None:
        """Make the sale, once."""
        if self._busy or self.changes is not None:
            return self.changes
        try:
            payments = self.payments()
        except PosError as exc:
            self.show_error(exc)
            self.focus_cash()
            return None
        if not self.confirm_paid(payments):
            self.message.setText(self.tr("Not completed: the customer's phone does not show the payment."))
            self.message.setVisible(True)
            self.focus_cash()
            return None
        self._busy = True
        self.pay_button.setEnabled(False)
        try:
            with busy():
                self.draft = self.make_draft(payments)
                changes = self.services.sales.complete(self.actor, self.draft)
                view = self.services.sales.sale(changes.number or "")
        except PosError as exc:
            self.show_error(exc)
            self.focus_cash()
            return None
        finally:
            self._busy = False
            self.pay_button.setEnabled(self.changes is None)
        self._paid(changes, view)
        return changes

    def _paid(self, changes: Changes, view: SaleView) -> None:
        self.changes, self.view = changes, view
        self.pay_button.setEnabled(False)
        self.number_label.setText(self.tr("Sale {number}").format(number=view.number))
        self.change_label.setText(self.tr("Change {amount}").format(amount=format_fen(view.change_fen)))
        self.paid_summary.setText(self.tr("Total {total} · paid by {methods}").format(
            total=format_fen(view.total_fen),
            methods=self.tr(", ").join(self.names.get(Method(p.method), p.method) for p in view.payments)))
        self.pages.setCurrentIndex(1)
        self.next_button.setFocus()
        self._done_at.start()
        self.paid.emit(view.total_fen + view.change_fen, view.change_fen)
        if self.auto_print:
            self.print_slip()

    def print_slip(self) -> None:
        if self.view is None:
            return
        printed = self.slips.sale_slip(self.view.number, self)
        if printed is not None:
            self.view = printed
            self.slip_label.setText(self.tr("Slip printed.") if printed.slip_prints <= 1
                                    else self.tr("Slip printed again (reprint {count}).").format(
                                        count=printed.slip_prints - 1))
            self.slip_button.setText(self.tr("Print again (Ctrl+P)"))
