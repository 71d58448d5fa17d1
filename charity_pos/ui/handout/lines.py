"""The basket of a handout and what the keys do to it: goods scanned or
found by name, ``3*`` and F6 for the quantity, Del, ↑ ↓, and lines beyond
the allowance moved to a paid sale.

Every change is judged against what the household has left before it is
shown. Past the allowance, an enforce rule takes the change only when a
manager approves it on the spot (the PIN is checked then, and again by the
service on completion; the approval is kept for it); a warn rule takes it
with a warning in red, and the service logs the override."""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from charity_pos.domain import quota
from charity_pos.domain.money import format_fen
from charity_pos.errors import ApprovalRequired, PosError
from charity_pos.i18n import describe
from charity_pos.services.base import Actor
from charity_pos.services.handouts import Goods
from charity_pos.services.permissions import Action
from charity_pos.services.registry import Services
from charity_pos.ui.approval import AskApproval
from charity_pos.ui.feedback import Feedback
from charity_pos.ui.handout.basket import HandoutLine, Visit, basket_lines
from charity_pos.ui.handout.model import HandoutModel
from charity_pos.ui.handout.scan import HandoutScanEntry
from charity_pos.ui.sales.counter_lines import LinesEditor, LineWords


class Host(Protocol):
    services: Services
    actor: Actor
    feedback: Feedback
    ask: AskApproval
    visit: Visit
    category_names: dict[str, str]

    def run_dialog(self, dialog: QDialog) -> int: ...

    def sale_ready(self) -> bool: ...


class BasketEditor(LinesEditor):
    """Makes the basket's widgets (the screen lays them out) and acts on them."""

    #: Goods to be paid for instead, [(Scanned, quantity)], for the sale's ticket.
    to_sale = Signal(object)
    #: The basket changed: the allowance shown is out of date.
    changed = Signal()

    host: Host
    entry: HandoutScanEntry
    model: HandoutModel

    def __init__(self, host: Host, widget: QWidget) -> None:
        super().__init__(host, widget, HandoutScanEntry(host.services, lambda: host.visit.card is None), HandoutModel)
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset):
            signal.connect(lambda *_a: self.changed.emit())

    # --- where the basket stands ----------------------------------------------
    def lines(self) -> list[HandoutLine]:
        return self.model.lines()

    def mark_beyond(self) -> None:
        card = self.host.visit.card
        lines = self.model.lines()
        self.model.mark_beyond(quota.units_beyond(card.standing, basket_lines(lines)) if card else [0] * len(lines))

    def over_words(self, judged: quota.Verdict) -> str:
        words = []
        if judged.over_value_fen:
            words.append(self.tr("{amount} past the value left").format(amount=format_fen(judged.over_value_fen)))
        for category, count in sorted(judged.over_counts.items()):
            words.append(self.tr("{category} {count} past the limit").format(
                category=self.host.category_names.get(category, category), count=count))
        return self.tr(", ").join(words)

    def words(self) -> LineWords:
        return LineWords(
            no_line=self.tr("No line yet: scan the goods first."),
            find_hint=self.tr("Type a name or its pinyin initials (dm for 大米), then Enter or ↓."),
            quantity=self.tr("Quantity"), quantity_of=self.tr("Quantity of {name}"),
            quantity_hint=self.tr("A whole number, e.g. 3. Or type 3* and Enter in the scan field."),
            removed=self.tr("Removed: {name}"))

    def _editable(self) -> bool:
        visit = self.host.visit
        if visit.card is None:
            self.entry.refuse(self.tr("Scan the relief card first."))
            return False
        if visit.number is not None:
            self.entry.refuse(self.tr("Handout {number} is finished: scan the next card.").format(number=visit.number))
            return False
        return True

    def _allowed(self, trial: list[HandoutLine]) -> tuple[bool, str, bool]:
        """May the basket become ``trial``? With what to say (empty: nothing
        special), and whether that is a warning (red). The ruling is the
        domain's (``quota.rule_on_change``), the approval the service's."""
        card = self.host.visit.card
        assert card is not None
        ruling = quota.rule_on_change(card.standing, basket_lines(self.model.lines()), basket_lines(trial),
                                      enforce=card.enforce)
        if ruling.needs is quota.Needs.NOTHING:
            return True, "", False
        over = self.over_words(ruling.verdict)
        if ruling.needs is quota.Needs.WARNING:
            QApplication.beep()
            return True, self.tr("Past the allowance ({over}): handed out all the same, and logged "
                                 "(this category only warns).").format(over=over), True
        asked = describe(ApprovalRequired(action=str(Action.OVER_ALLOWANCE), role=str(self.host.actor.role)))
        approval = self.host.ask(self.widget, asked + "\n" + self.tr("Past the allowance: {over}").format(over=over))
        self.entry.focus()
        if approval is None:
            self.entry.refuse(self.tr("Not approved: nothing added ({over}).").format(over=over))
            return False, "", False
        try:
            self.host.services.handouts.approve_beyond(self.host.actor, approval)
        except PosError as exc:
            self.host.feedback.error(self.widget, exc)
            self.entry.refuse(self.tr("Not approved: nothing added ({over}).").format(over=over))
            return False, "", False
        self.host.visit.approval = approval
        return True, self.tr("Past the allowance ({over}), approved by {manager}: {reason}").format(
            over=over, manager=approval.username, reason=approval.reason.strip()), False

    # --- lines ------------------------------------------------------------------
    def add(self, goods: Goods, quantity: int = 1) -> int:
        if not self._editable():
            return -1
        try:
            trial = self.model.trial_add(goods, quantity)
        except PosError as exc:
            self.entry.refuse(describe(exc))
            return -1
        allowed, note, warning = self._allowed(trial)
        if not allowed:
            return -1
        row = self.model.add(goods, quantity)
        line = self.model.line_at(row)
        assert line is not None
        self.entry.clear()
        self.select_row(row)
        self.changed.emit()
        said = self.tr("{name} × {quantity}  {value}").format(name=goods.name, quantity=line.quantity,
                                                              value=format_fen(line.value_fen))
        if goods.on_hand < line.quantity:
            QApplication.beep()
            warning = True
            note = " ".join(filter(None, (note, self.tr("The books show {on_hand} on hand: check the shelf.")
                                          .format(on_hand=goods.on_hand))))
        self.entry.say(said + ("\n" + note if note else ""), warning=warning)
        return row

    def find_item(self) -> None:
        if self._editable():
            super().find_item()

    def ask_quantity(self) -> bool:
        return self._editable() and super().ask_quantity()

    def set_quantity(self, quantity: int) -> bool:
        if not self._editable():
            return False
        row, line = self._current_line()
        if line is None:
            return False
        try:
            trial = self.model.trial_quantity(row, quantity)
        except PosError as exc:
            self.entry.refuse(describe(exc))
            return False
        allowed, note, warning = self._allowed(trial)
        if not allowed:
            return False
        self.model.set_quantity(row, quantity)
        self.entry.clear()
        self.changed.emit()
        said = self.tr("{name}: quantity {quantity}").format(name=line.goods.name, quantity=quantity)
        self.entry.say(said + ("\n" + note if note else ""), warning=warning)
        return True

    def remove_line(self) -> None:
        if self.host.visit.number is not None:
            self._editable()  # says the handout is finished
            return
        super().remove_line()

    # --- to a paid sale -------------------------------------------------------
    def move_beyond(self) -> int:
        """F10: the units beyond the allowance go to a paid sale."""
        if not self._editable():
            return 0
        parts = [(row, line.beyond) for row, line in enumerate(self.model.lines()) if line.beyond]
        if not parts:
            self.entry.say(self.tr("Nothing is beyond the allowance. Ctrl+F10 moves the current line."))
            return 0
        return self._move(parts)

    def move_line(self) -> int:
        """Ctrl+F10: the current line, all of it, goes to a paid sale."""
        if not self._editable():
            return 0
        row, line = self._current_line()
        return self._move([(row, line.quantity)]) if line is not None else 0

    def _move(self, parts: list[tuple[int, int]]) -> int:
        if not self.host.sale_ready():
            self.entry.refuse(self.tr("There is no sale screen to take these goods."))
            return 0
        moving, refused = [], []
        for row, units in parts:
            line = self.model.line_at(row)
            assert line is not None
            try:
                scanned = self.host.services.sales.item(line.goods.item_id)
            except PosError as exc:  # not for sale (relief goods), or past its date
                refused.append(describe(exc))
                continue
            moving.append((row, units, replace(scanned, lot_id=line.goods.lot_id or scanned.lot_id)))
        for row, units, _scanned in sorted(moving, key=lambda part: part[0], reverse=True):
            line = self.model.line_at(row)
            assert line is not None
            if units >= line.quantity:
                self.model.remove(row)
            else:
                self.model.set_quantity(row, line.quantity - units)
        if moving:
            self.to_sale.emit([(scanned, units) for _row, units, scanned in moving])
            self.host.visit.moved += len(moving)
            self.changed.emit()
            self.select_row(self.model.rowCount() - 1)
        said = self.tr("Moved to the sale's ticket to be paid for (F9): {goods}").format(
            goods=self.tr(", ").join(f"{s.name} × {units}" for _row, units, s in moving)) if moving else ""
        if refused:
            self.entry.refuse(" ".join(filter(None, (said, self.tr("Kept here:"), *refused))))
        else:
            self.entry.say(said)
        return len(moving)
