"""The ticket being rung up: the scan field, the lines and the total, and
what the keys do to them (quantity, price, discounts, removing a line). A
price or discount beyond the manager's limit is approved by a manager at
once (the PIN is checked then, and again by the service on payment); when
the approval is refused, the change is undone."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget

from charity_pos.domain.money import format_fen, parse_yuan
from charity_pos.domain.tickets import parse_discount
from charity_pos.errors import ApprovalRequired, PosError
from charity_pos.i18n import describe
from charity_pos.services.base import Actor
from charity_pos.services.permissions import Action
from charity_pos.services.registry import Services
from charity_pos.services.sales import PaymentDraft, SaleDraft, SaleWarning, Scanned
from charity_pos.ui.approval import AskApproval
from charity_pos.ui.feedback import Feedback
from charity_pos.ui.sales.model import TicketLine, TicketModel
from charity_pos.ui.sales.scan import ScanEntry
from charity_pos.ui.sales.ticket import Ticket
from charity_pos.ui.sales.counter_lines import LinesEditor, LineWords


class Host(Protocol):
    """The screen the ticket is on: who sells, and its dialogs."""

    services: Services
    actor: Actor
    feedback: Feedback
    ask: AskApproval

    def run_dialog(self, dialog: QDialog) -> int: ...


class TicketEditor(LinesEditor):
    """Makes the ticket's widgets (the screen lays them out) and acts on them."""

    model: TicketModel
    # the lines or the total changed (the customer display follows)
    ticket_changed = Signal()
    # this ticket was paid: what was paid and the change, in fen (the customer display shows them)
    paid = Signal(int, int)

    def __init__(self, host: Host, widget: QWidget) -> None:
        super().__init__(host, widget, ScanEntry(host.services), TicketModel)
        self.services, self.actor, self.feedback, self.ask = host.services, host.actor, host.feedback, host.ask
        self.ticket = Ticket()
        self.total = QLabel("")
        self.total.setObjectName("saleTotal")
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.summary = QLabel("")
        self.summary.setObjectName("hint")
        self.summary.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.summary.setWordWrap(True)
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset,
                       self.model.dataChanged):
            signal.connect(self.update_total)
        self.update_total()

    def words(self) -> LineWords:
        return LineWords(
            no_line=self.tr("No line yet: scan the goods first."),
            find_hint=self.tr("Type a name or its pinyin initials (dm for 大米), then Enter or ↓."),
            quantity=self.tr("Quantity"), quantity_of=self.tr("Quantity of {name}"),
            quantity_hint=self.tr("A whole number, e.g. 3. Or type 3* and Enter in the scan field."),
            removed=self.tr("Removed: {name}"))

    # --- lines --------------------------------------------------------------
    def add(self, scanned: Scanned, quantity: int = 1) -> int:
        try:
            row = self.model.add(scanned, quantity)
        except PosError as exc:
            self.entry.refuse(describe(exc))
            return -1
        line = self.model.line_at(row)
        assert line is not None
        self.entry.clear()
        self.select_row(row)
        if SaleWarning.NO_STOCK.value in scanned.warnings or scanned.on_hand < line.quantity:
            QApplication.beep()
            self.entry.say(self.tr("{name} × {quantity} added, but the books show {on_hand} on hand: "
                                   "check the shelf.").format(name=scanned.name, quantity=line.quantity,
                                                              on_hand=scanned.on_hand), warning=True)
        else:
            self.entry.say(self.tr("{name} × {quantity}  {amount}").format(
                name=scanned.name, quantity=line.quantity, amount=format_fen(line.amount_fen)))
        return row

    # --- the total ------------------------------------------------------------
    def update_total(self, *_args: object) -> None:
        totals, kept = self.model.totals_keeping_discount(self.ticket.discount_fen)
        if not kept:  # a line removed or made cheaper after the ticket discount was given
            self.ticket.dropped_discount_fen, self.ticket.discount_fen = self.ticket.discount_fen, 0
            QApplication.beep()
        self.total.setText(format_fen(totals.total_fen))
        text = self.tr("{lines}, {units}").format(lines=self.tr("%n line(s)", "", self.model.rowCount()),
                                                  units=self.tr("%n unit(s)", "", self.model.units()))
        if totals.ticket_discount_fen:
            text += "\n" + self.tr("Ticket discount {amount}").format(amount=format_fen(-totals.ticket_discount_fen))
        if totals.reduction_fen > 0:
            text += "\n" + self.tr("Saved {amount}").format(amount=format_fen(totals.reduction_fen))
        if self.ticket.dropped_discount_fen:
            text += "\n" + self.tr("Ticket discount {amount} removed: more than the ticket now comes to").format(
                amount=format_fen(self.ticket.dropped_discount_fen))
        self.summary.setText(text)
        shown = "warning" if self.ticket.dropped_discount_fen else "hint"  # a discount taken off stands out
        if self.summary.objectName() != shown:
            self.summary.setObjectName(shown)
            self.summary.style().unpolish(self.summary)
            self.summary.style().polish(self.summary)
        self.ticket_changed.emit()

    # --- changing lines -------------------------------------------------------
    def set_quantity(self, quantity: int) -> bool:
        row, line = self._current_line()
        if line is None:
            return False
        try:
            self.model.set_quantity(row, quantity)
        except PosError as exc:
            self.entry.refuse(describe(exc))
            return False
        self.entry.clear()
        self.entry.say(self.tr("{name}: quantity {quantity}").format(name=line.scanned.name, quantity=quantity))
        return True

    def change_price(self) -> bool:
        row, line = self._current_line()
        if line is None:
            return False
        text = self._value(self.tr("Change price"), self.tr("Unit price of {name}").format(name=line.scanned.name),
                           self.tr("Catalog price {price}; empty goes back to it. Beyond the limit a manager "
                                   "approves.").format(price=format_fen(line.list_price_fen)),
                           f"{line.unit_price_fen / 100:.2f}")
        if text is None:
            return False
        try:
            before = self.model.set_price(row, parse_yuan(text, field="price") if text else None)
        except PosError as exc:
            self.entry.refuse(describe(exc))
            return False
        return self._keep_if_approved(lambda: self.model.restore(row, before), self.tr("{name}: price {price}").format(
            name=line.scanned.name, price=format_fen(line.unit_price_fen)))

    def discount_line(self) -> bool:
        row, line = self._current_line()
        if line is None:
            return False
        text = self._value(self.tr("Line discount"), self.tr("Discount on {name}").format(name=line.scanned.name),
                           self.tr("An amount (2.50) or a share (10%) of the line. Beyond the limit a manager "
                                   "approves."))
        if text is None:
            return False
        try:
            before = self.model.set_discount(row, parse_discount(text, line.quantity * line.unit_price_fen)
                                             if text else 0)
        except PosError as exc:
            self.entry.refuse(describe(exc))
            return False
        return self._keep_if_approved(lambda: self.model.restore(row, before), self.tr("{name}: discount {amount}")
                                      .format(name=line.scanned.name, amount=format_fen(line.discount_fen)))

    def discount_ticket(self) -> bool:
        if not self.model.rowCount():
            self.entry.say(self.words().no_line, warning=True)
            return False
        text = self._value(self.tr("Ticket discount"), self.tr("Discount on the whole ticket"),
                           self.tr("An amount (5) or a share (10%) of the ticket. Beyond the limit a manager "
                                   "approves."))
        if text is None:
            return False
        before = self.ticket.discount_fen
        try:
            discount = parse_discount(text, self.model.subtotal_fen()) if text else 0
            self.model.totals(discount)  # refuses a discount above the ticket
        except PosError as exc:
            self.entry.refuse(describe(exc))
            return False
        before_dropped = self.ticket.dropped_discount_fen
        self.ticket.discount_fen, self.ticket.dropped_discount_fen = discount, 0
        self.update_total()

        def undo() -> None:
            self.ticket.discount_fen, self.ticket.dropped_discount_fen = before, before_dropped
            self.update_total()

        return self._keep_if_approved(undo, self.tr("Ticket discount {amount}").format(amount=format_fen(discount)))

    def _keep_if_approved(self, undo: Callable[[], None], done: str) -> bool:
        if self.approved():
            self.entry.say(done)
            return True
        undo()
        self.entry.say(self.tr("Not approved: the price stays as it was."), warning=True)
        return False

    def approved(self) -> bool:
        """Prices and discounts beyond the manager's limit need a manager's
        PIN, checked at once; the service checks it again on payment."""
        try:
            needed = self.services.sales.needs_approval(self.actor, self.model.priced_pairs(), self.ticket.discount_fen)
        except PosError as exc:
            self.entry.refuse(describe(exc))
            return False
        if not needed:
            return True
        request = ApprovalRequired(action=Action.DISCOUNT.value, role=self.actor.role.value)
        approval = self.ask(self.widget, describe(request))
        self.entry.focus()
        if approval is None:
            return False
        try:
            self.services.accounts.authorize(self.actor, Action.DISCOUNT, approval)
        except PosError as exc:
            self.feedback.error(self.widget, exc)
            return False
        self.ticket.approval = approval
        return True

    def approved_for_payment(self) -> bool:
        """A recalled ticket brings no approval with it: ask before paying."""
        return self.ticket.approval is not None or self.approved()

    def new_ticket(self) -> None:
        self.ticket = Ticket()
        self.model.clear()
        self.entry.clear()
        self.update_total()

    def load(self, ticket: Ticket, lines: list[TicketLine]) -> None:
        """A recalled ticket, as it was parked."""
        self.ticket = ticket
        self.model.set_rows(lines)
        self.update_total()
        self.select_row(self.model.rowCount() - 1)

    def draft(self, till: str, payments: tuple[PaymentDraft, ...]) -> SaleDraft:
        return SaleDraft(self.ticket.id, till, self.model.drafts(), payments, self.ticket.discount_fen,
                         self.ticket.approval)

    def total_fen(self) -> int:
        return self.model.totals(self.ticket.discount_fen).total_fen

    def summary_text(self) -> str:
        """For the log and the parked list: lines, total, the first names."""
        return self.tr("{lines}, {total}: {names}").format(
            lines=self.tr("%n line(s)", "", self.model.rowCount()), total=format_fen(self.total_fen()),
            names=self.model.summary())
