"""The counter, the screen a cashier looks at all day. Keyboard first: the
scan field always has the focus and every key below works from it.

    scan / Enter      add (the same code again counts up; ``3*`` first for three)
    3* Enter, F6      quantity of the current line        ↑ ↓  current line
    F7 / F8 / F10     price / discount of the line / discount of the ticket
                      (type the amount first, or ``10%``; beyond the limit a manager approves)
    Del               remove the current line             Ctrl+Del  cancel the ticket
    F11 / Shift+F11   park / recall a ticket              F12  pay
    Ctrl+F find an item · Ctrl+R or a slip's barcode: a return · Ctrl+J this shift's sales (reprint, void)
    Ctrl+T open or close the shift · Ctrl+O open the cash drawer without a sale (a manager's, logged)

With an ESC/POS printer and its drawer in the settings, the drawer opens by
itself when a sale paid in cash, a return that gives cash back, or the void
of a sale that took cash (Ctrl+J), is done.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from charity_pos.config import Settings
from charity_pos.domain.money import format_fen
from charity_pos.errors import PosError
from charity_pos.i18n import describe
from charity_pos.services.base import Actor, Approval, Changes, Entity
from charity_pos.services.drawer import DrawerService, cash_moved_by_return, cash_moved_by_sale
from charity_pos.services.registry import Services
from charity_pos.services.sales import Scanned
from charity_pos.ui.approval import AskApproval, with_approval
from charity_pos.ui.feedback import Feedback
from charity_pos.ui.flow import FlowLayout
from charity_pos.ui.sales.dialogs import NoSaleDialog, RecallDialog
from charity_pos.ui.sales.lines import TicketEditor
from charity_pos.ui.sales.payment import PaymentDialog
from charity_pos.ui.sales.recent import ShiftSalesDialog
from charity_pos.ui.sales.returns import ReturnDialog
from charity_pos.ui.sales.shift import CloseShiftDialog, OpenShiftDialog
from charity_pos.ui.sales.slip_printer import SlipPrinter
from charity_pos.ui.sales.ticket import Ticket, parked_content, read_parked
from charity_pos.ui.screen import Screen, key_button


class SaleScreen(Screen):
    entities = frozenset({Entity.SALES, Entity.SHIFTS, Entity.ITEMS, Entity.STOCK})
    shortcut = "F9"

    def __init__(self, services: Services, actor: Actor, feedback: Feedback, ask: AskApproval,
                 parent: QWidget | None = None, settings: Settings | None = None) -> None:
        super().__init__(services, actor, feedback, ask, parent)
        self._settings = settings or Settings.load()
        self.slips = SlipPrinter(services, actor, feedback, lambda: self._settings, self)
        self.drawer = DrawerService(services.ctx, services.accounts)
        self.editor = TicketEditor(self, self)
        editor = self.editor
        self.entry, self.model, self.table = editor.entry, editor.model, editor.table
        self.scan, self.notice, self.matches = editor.entry.field, editor.entry.notice, editor.entry.matches
        self.total, self.summary = editor.total, editor.summary
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        heading = self.heading()
        self.shift_label = QLabel("")
        self.shift_label.setWordWrap(True)
        self.shift_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(heading)
        top.addWidget(self.shift_label, 1)
        layout.addLayout(top)
        layout.addWidget(self.entry)

        middle = QHBoxLayout()
        middle.addWidget(self.table, 1)
        side = QVBoxLayout()
        self.last_sale = QLabel("")
        self.last_sale.setObjectName("notice")
        self.last_sale.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.last_sale.setWordWrap(True)
        self.pay_button = key_button(self.tr("Pay (F12)"))
        self.pay_button.setObjectName("pay")
        caption = QLabel(self.tr("To pay"))
        caption.setObjectName("hint")
        caption.setAlignment(Qt.AlignmentFlag.AlignRight)
        for widget in (caption, self.total, self.summary, self.last_sale):
            side.addWidget(widget)
        side.addStretch(1)
        side.addWidget(self.pay_button)
        side_box = QWidget()
        side_box.setLayout(side)
        # as wide as the amount to pay needs, no wider: the ticket's lines take the rest
        side_box.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        middle.addWidget(side_box)
        layout.addLayout(middle, 1)

        self.quantity_button = key_button(self.tr("Quantity (F6)"))
        self.price_button = key_button(self.tr("Price (F7)"))
        self.discount_button = key_button(self.tr("Line discount (F8)"))
        self.ticket_discount_button = key_button(self.tr("Ticket discount (F10)"))
        self.remove_button = key_button(self.tr("Remove line (Del)"))
        self.find_button = key_button(self.tr("Find item (Ctrl+F)"))
        self.park_button = key_button(self.tr("Park (F11)"))
        self.recall_button = key_button("")
        self.cancel_button = key_button(self.tr("Cancel ticket (Ctrl+Del)"))
        self.return_button = key_button(self.tr("Return (Ctrl+R)"))
        self.sales_button = key_button(self.tr("Shift's sales (Ctrl+J)"))
        self.shift_button = key_button("")
        self.no_sale_button = key_button(self.tr("No sale (Ctrl+O)"))
        keys = FlowLayout(fill=True)  # the keys wrap to the width: the screen fits 1024x768 in any language
        for number, made in enumerate((self.quantity_button, self.price_button, self.discount_button,
                                       self.ticket_discount_button, self.remove_button, self.find_button,
                                       self.park_button, self.recall_button, self.cancel_button,
                                       self.return_button, self.sales_button, self.shift_button,
                                       self.no_sale_button)):
            keys.addWidget(made)
        layout.addLayout(keys)

        self.entry.cancel_ticket.connect(self.cancel_ticket)
        self.entry.slip.connect(self.take_return)
        self.bind_keys([
            (self.quantity_button, "F6", editor.ask_quantity), (self.price_button, "F7", editor.change_price),
            (self.discount_button, "F8", editor.discount_line),
            (self.ticket_discount_button, "F10", editor.discount_ticket), (self.remove_button, "", editor.remove_line),
            (self.find_button, "Ctrl+F", editor.find_item), (self.park_button, "F11", self.park),
            (self.recall_button, "Shift+F11", self.recall), (self.cancel_button, "", self.cancel_ticket),
            (self.return_button, "Ctrl+R", self.take_return), (self.sales_button, "Ctrl+J", self.shift_sales),
            (self.shift_button, "Ctrl+T", self.shift_key), (self.pay_button, "F12", self.pay),
            (self.no_sale_button, "Ctrl+O", self.no_sale),
        ])
        self.refresh()

    def title(self) -> str:
        return self.tr("Sale")

    def shortcut_help(self) -> list[str]:
        return [self.tr("Sale: scan or type and Enter, 3* for three, F6 quantity, F7 price, F8 line discount, "
                        "F10 ticket discount, Del remove line, Ctrl+Del cancel ticket, Ctrl+F find item, F11 park, "
                        "Shift+F11 recall, F12 pay, Ctrl+R return, Ctrl+J shift's sales, "
                        "Ctrl+T open or close the shift, Ctrl+O open the cash drawer without a sale")]

    @property
    def ticket(self) -> Ticket:
        return self.editor.ticket

    # --- settings and the shift ---------------------------------------------
    @property
    def settings(self) -> Settings:
        return self._settings

    def use_settings(self, settings: Settings) -> None:
        """The app's settings object (the till, the slip printer)."""
        self._settings = settings
        self.refresh()

    @property
    def till(self) -> str:
        return self._settings.till

    def activate(self) -> None:
        self.refresh()
        self.focus_scan()

    def focus_scan(self) -> None:
        self.entry.focus()

    def refresh(self) -> None:
        shift = self.services.shifts.current(self.till)
        if shift is None:
            self.shift_label.setObjectName("alert")
            self.shift_label.setText(self.tr("Till {till}: no shift open. Ctrl+T opens one with its cash float.")
                                     .format(till=self.till))
            self.shift_button.setText(self.tr("Open shift (Ctrl+T)"))
        else:
            self.shift_label.setObjectName("hint")
            self.shift_label.setText(self.tr("Shift {number} · till {till} · opened by {user}").format(
                number=shift.number, till=self.till, user=shift.opened_by))
            self.shift_button.setText(self.tr("Close shift (Ctrl+T)"))
        self.shift_label.style().unpolish(self.shift_label)
        self.shift_label.style().polish(self.shift_label)
        self.no_sale_button.setVisible(self.slips.has_drawer)
        parked = len(self.services.sales.parked(self.till))
        self.recall_button.setText(self.tr("Recall (Shift+F11)") + (f"  [{parked}]" if parked else ""))

    # --- the whole ticket -------------------------------------------------------
    def cancel_ticket(self) -> bool:
        if not self.model.rowCount():
            self.entry.say(self.tr("Nothing to cancel."))
            return False
        summary = self.editor.summary_text()
        if not self.feedback.confirm(self, self.tr("Cancel ticket"),
                                     self.tr("Cancel this ticket ({summary}) without selling? It is logged.")
                                     .format(summary=summary)):
            self.focus_scan()
            return False
        try:
            self.services.sales.cancel_ticket(self.actor, summary, self.editor.total_fen())
        except PosError as exc:
            self.feedback.error(self, exc)
            return False
        self.editor.new_ticket()
        self.entry.say(self.tr("Ticket cancelled."))
        self.focus_scan()
        return True

    def park(self) -> bool:
        if not self.model.rowCount():
            self.entry.say(self.tr("Nothing to park."))
            return False
        try:
            self.services.sales.park(self.actor, self.till, parked_content(self.ticket, self.model),
                                     self.editor.summary_text())
        except PosError as exc:
            self.entry.refuse(describe(exc))
            return False
        self.editor.new_ticket()
        self.refresh()
        self.entry.say(self.tr("Ticket parked. Shift+F11 recalls it."))
        return True

    def before_leaving(self) -> bool:
        """An unpaid ticket is parked, never lost: the next cashier recalls it."""
        if self.model.rowCount():
            return self.park()
        return True

    def recall(self) -> bool:
        if self.model.rowCount():
            self.entry.say(self.tr("Pay, park or cancel this ticket first."), warning=True)
            return False
        parked = self.services.sales.parked(self.till)
        if not parked:
            self.entry.say(self.tr("No parked tickets at this till."))
            return False
        chosen = parked[0].id
        if len(parked) > 1:
            dialog = RecallDialog(parked, self)
            accepted = self.run_dialog(dialog) == QDialog.DialogCode.Accepted
            self.focus_scan()
            picked = dialog.chosen()
            if not accepted or picked is None:
                return False
            chosen = picked
        try:
            recalled = self.services.sales.recall(self.actor, chosen)
        except PosError as exc:
            self.entry.refuse(describe(exc))
            return False
        ticket, parked_lines = read_parked(recalled.content)
        lines, missing = [], []
        for parked_line in parked_lines:
            try:
                lines.append(parked_line.line(self.services.sales.item(parked_line.item_id)))
            except PosError as exc:
                missing.append(describe(exc))
        self.editor.load(ticket, lines)
        self.refresh()
        if missing:
            self.entry.say(self.tr("Ticket recalled without: {reasons}").format(reasons=" ".join(missing)),
                           warning=True)
        else:
            self.entry.say(self.tr("Ticket recalled: {summary}").format(summary=recalled.summary))
        self.focus_scan()
        return True

    def add_to_ticket(self, lines: Sequence[tuple[Scanned, int]]) -> int:
        """Goods brought over from another screen to be paid for here (a
        handout's lines beyond the household's allowance). Returns how many
        lines were added; a line refused is said as a scan's would be."""
        added = sum(1 for scanned, quantity in lines if self.editor.add(scanned, quantity) >= 0)
        if added == len(lines):
            self.entry.say(self.tr("Brought over to pay for: %n line(s).", "", added))
        return added

    # --- paying -----------------------------------------------------------
    def pay(self) -> Changes | None:
        if not self.model.rowCount():
            self.entry.say(self.tr("Nothing to pay yet: scan the goods first."), warning=True)
            return None
        if not self.shift_ready() or not self.editor.approved_for_payment():
            self.focus_scan()
            return None
        dialog = PaymentDialog(self.services, self.actor, lambda payments: self.editor.draft(self.till, payments),
                               self.editor.total_fen(), self.slips, auto_print=self._settings.auto_print_slip,
                               parent=self)
        dialog.paid.connect(self.editor.paid)  # the customer display shows what was paid and the change
        drawer = self._drawer_when_done(dialog, lambda: dialog.view is not None and cash_moved_by_sale(dialog.view))
        self.run_dialog(dialog)
        drawer()
        changes, view = dialog.changes, dialog.view
        if changes is not None and view is not None:
            self.editor.new_ticket()
            self.last_sale.setText(self.tr("Last sale {number}\ntotal {total}, change {change}").format(
                number=view.number, total=format_fen(view.total_fen), change=format_fen(view.change_fen)))
            self.entry.say(self.tr("Paid: sale {number}.").format(number=view.number))
            self.changed.emit(changes)
        self.focus_scan()
        return changes

    def shift_ready(self) -> bool:
        """A sale needs an open shift: offer to open one."""
        if self.services.shifts.current(self.till) is not None:
            return True
        if not self.feedback.confirm(self, self.tr("No shift open"),
                                     self.tr("No shift is open at till {till}. Open one now with its cash float?")
                                     .format(till=self.till)):
            return False
        return self.open_shift()

    # --- the counter's other work -----------------------------------------
    def shift_key(self) -> bool:
        if self.services.shifts.current(self.till) is None:
            return self.open_shift()
        return self.close_shift()

    def open_shift(self) -> bool:
        dialog = OpenShiftDialog(self.services, self.actor, self.till, self)
        self.run_dialog(dialog)
        self._after(dialog.changes)
        return dialog.changes is not None

    def close_shift(self) -> bool:
        if self.model.rowCount():
            self.entry.say(self.tr("Pay, park or cancel this ticket first."), warning=True)
            return False
        try:
            dialog = CloseShiftDialog(self.services, self.actor, self.ask, self.till, self.slips, self)
        except PosError as exc:
            self.feedback.error(self, exc)
            return False
        self.run_dialog(dialog)
        self._after(dialog.changes)
        return dialog.changes is not None

    def take_return(self, sale_number: str = "") -> Changes | None:
        """Ctrl+R, or a sales slip scanned at the counter: its lines come up at once."""
        dialog = ReturnDialog(self.services, self.actor, self.ask, self.till, self.slips,
                              auto_print=self._settings.auto_print_slip, parent=self)
        if sale_number:
            dialog.load(sale_number)
        drawer = self._drawer_when_done(dialog, lambda: dialog.changes is not None and cash_moved_by_return(
            self.services.returns.find(dialog.changes.number or "")))
        self.run_dialog(dialog)
        drawer()
        self._after(dialog.changes)
        return dialog.changes

    def shift_sales(self) -> list[Changes]:
        dialog = ShiftSalesDialog(self.services, self.actor, self.ask, self.till, self.slips, self)
        self.run_dialog(dialog)
        for changes in dialog.changes:
            self._after(changes)
        return dialog.changes

    # --- the cash drawer -----------------------------------------------------
    def _drawer_when_done(self, dialog: QDialog, cash_moved: Callable[[], bool]) -> Callable[[], None]:
        """Open the drawer once for the dialog's sale or return, if cash
        moved: as soon as the dialog turns to its done page, and at the
        latest (the returned call) when it has closed."""
        opened: list[bool] = []

        def check(*_args: object) -> None:
            if not opened and self.slips.has_drawer and cash_moved():
                opened.append(True)
                self.slips.open_drawer(dialog if dialog.isVisible() else self)

        pages = getattr(dialog, "pages", None)
        if pages is not None:
            pages.currentChanged.connect(check)
        return check

    def ask_reason(self) -> str | None:
        """Why the drawer opens without a sale; None: cancelled. Tests replace it."""
        dialog = NoSaleDialog(self)
        return dialog.given() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def no_sale(self) -> bool:
        """Ctrl+O: open the drawer without a sale: a manager's, with a reason, logged."""
        if not self.slips.has_drawer:
            self.entry.say(self.tr("No cash drawer at this till: choose an ESC/POS printer with a drawer in "
                                   "Settings."), warning=True)
            return False
        reason = self.ask_reason()
        self.focus_scan()
        if reason is None:
            return False

        def call(approval: Approval | None) -> bool:
            self.drawer.open_without_sale(self.actor, reason, self.till, approval, pulse=self.slips.pulse)
            return True

        opened = with_approval(self, call, self.ask, self.feedback) is True
        if opened:
            self.entry.say(self.tr("Cash drawer opened without a sale; logged with the reason."))
        self.focus_scan()
        return opened

    def _after(self, changes: Changes | None) -> None:
        if changes is not None:
            self.changed.emit(changes)
            self.refresh()
        self.focus_scan()
