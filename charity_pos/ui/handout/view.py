"""Handing out relief goods at the counter (物资发放), keyboard first like
the sale screen: the scan field always has the focus.

    scan the card     the household comes up, masked, with what it has left;
                      a suspended, expired or unknown card is refused in red
    scan / Enter      goods (the same code again counts up; ``3*`` first for three)
    3* Enter, F6      quantity of the current line        ↑ ↓  current line
    Del               remove the current line             Ctrl+F  find goods
    F10 / Ctrl+F10    what is beyond the allowance / the current line, to a paid sale
    F12               finish: one handout, one number
    Ctrl+P / Ctrl+Shift+P / Ctrl+E   the slip: 80 mm, A5, as PDF
    Esc               a new visit (asks first when goods are scanned)
"""

from __future__ import annotations

from PySide6.QtCore import QMetaMethod, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from charity_pos.config import Settings
from charity_pos.domain.money import format_fen
from charity_pos.errors import InvalidInput, PosError
from charity_pos.i18n import describe
from charity_pos.services.base import Actor, Approval, Changes, Entity
from charity_pos.services.handouts import CardView, HandoutDraft, HandoutWarning
from charity_pos.services.registry import Services
from charity_pos.ui.approval import AskApproval
from charity_pos.ui.feedback import Feedback
from charity_pos.ui.handout import basket
from charity_pos.ui.handout.basket import Visit
from charity_pos.ui.handout.card import AllowancePanel, CardPanel
from charity_pos.ui.handout.lines import BasketEditor
from charity_pos.ui.handout.slip import ROLL, SHEET, HandoutSlips
from charity_pos.ui.flow import FlowLayout
from charity_pos.ui.sales.dialogs import run_approved
from charity_pos.ui.screen import KeyAction, Screen, key_button
from charity_pos.ui.words import goods_category


class HandoutScreen(Screen):
    entities = frozenset({Entity.HANDOUTS, Entity.HOUSEHOLDS, Entity.QUOTAS})
    shortcut = "Shift+F9"
    #: Goods the household pays for instead, [(Scanned, quantity)]: the main
    #: window puts them on the sale screen's ticket.
    to_sale = Signal(object)

    def __init__(self, services: Services, actor: Actor, feedback: Feedback, ask: AskApproval,
                 parent: QWidget | None = None, settings: Settings | None = None) -> None:
        super().__init__(services, actor, feedback, ask, parent)
        self._settings = settings or Settings.load()
        self.visit = Visit()
        self.last_number: str | None = None
        self.category_names = {c.code: goods_category(c.code, c.name) for c in services.catalog.categories()}
        self.slips = HandoutSlips(services, actor, feedback, lambda: self._settings, self)
        self.editor = BasketEditor(self, self)
        self.editor.to_sale.connect(self.to_sale)
        self.editor.changed.connect(self.update_allowance)
        self.entry, self.model, self.table = self.editor.entry, self.editor.model, self.editor.table
        self.scan, self.notice, self.matches = self.entry.field, self.entry.notice, self.entry.matches
        self.entry.card.connect(self.take_card)
        self.entry.cancel_ticket.connect(self.new_visit)
        self.entry.slip.connect(lambda _number: self.entry.refuse(
            self.tr("That is a sales slip: returns are taken on the sale screen (F9).")))
        self.card_panel = CardPanel()
        self.allowance = AllowancePanel()

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        heading = self.heading()
        self.last_label = QLabel("")
        self.last_label.setObjectName("hint")
        self.last_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        #: how far the district's hub has this store's data (from its last downstream bundle)
        self.district_label = QLabel("")
        self.district_label.setObjectName("hint")
        self.district_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(heading)
        top.addWidget(self.last_label, 1)
        top.addWidget(self.district_label)
        layout.addLayout(top)
        layout.addWidget(self.card_panel)
        layout.addWidget(self.entry)
        middle = QHBoxLayout()
        middle.addWidget(self.table, 1)
        side = QVBoxLayout()
        side.addWidget(self.allowance)
        side.addStretch(1)
        self.finish_button = key_button(self.tr("Finish (F12)"))
        self.finish_button.setObjectName("pay")
        side.addWidget(self.finish_button)
        side_box = QWidget()
        side_box.setLayout(side)
        # as wide as what is left and the Finish key need, no wider: the basket's lines take the rest
        side_box.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        middle.addWidget(side_box)
        layout.addLayout(middle, 1)

        editor = self.editor
        self.quantity_button = key_button(self.tr("Quantity (F6)"))
        self.remove_button = key_button(self.tr("Remove line (Del)"))
        self.find_button = key_button(self.tr("Find goods (Ctrl+F)"))
        self.beyond_button = key_button(self.tr("Beyond allowance to paid sale (F10)"))
        self.move_line_button = key_button(self.tr("Line to paid sale (Ctrl+F10)"))
        self.new_button = key_button(self.tr("New visit (Esc)"))
        self.print_button = key_button(self.tr("Print slip (Ctrl+P)"))
        self.a5_button = key_button(self.tr("A5 slip (Ctrl+Shift+P)"))
        self.pdf_button = key_button(self.tr("Slip as PDF (Ctrl+E)"))
        actions: list[KeyAction] = [
            (self.quantity_button, "F6", editor.ask_quantity), (self.remove_button, "", editor.remove_line),
            (self.find_button, "Ctrl+F", editor.find_item), (self.beyond_button, "F10", editor.move_beyond),
            (self.move_line_button, "Ctrl+F10", editor.move_line), (self.new_button, "", self.new_visit),
            (self.print_button, "Ctrl+P", lambda: self.print_slip(ROLL)),
            (self.a5_button, "Ctrl+Shift+P", lambda: self.print_slip(SHEET)),
            (self.pdf_button, "Ctrl+E", self.save_slip), (self.finish_button, "F12", self.finish),
        ]
        self.bind_keys(actions)
        keys = FlowLayout(fill=True)  # the keys wrap to the width: the screen fits 1024x768 in any language
        side_keys = [made for made, _keys, _slot in actions if made is not self.finish_button]
        for made in side_keys:
            keys.addWidget(made)
        layout.addLayout(keys)
        self.update_allowance()
        self.show_district()

    def title(self) -> str:
        return self.tr("Relief handout")

    def shortcut_help(self) -> list[str]:
        return [self.tr("Relief handout: scan the relief card, then the goods (3* for three), F6 quantity, "
                        "Del remove line, Ctrl+F find goods, F10 what is beyond the allowance to a paid sale, "
                        "Ctrl+F10 the current line to a paid sale, F12 finish, Ctrl+P print slip, "
                        "Ctrl+Shift+P A5 slip, Ctrl+E slip as PDF, Esc new visit")]

    # --- settings, focus, refreshing ---------------------------------------------
    @property
    def settings(self) -> Settings:
        return self._settings

    def use_settings(self, settings: Settings) -> None:
        """The app's settings object (the slip printer)."""
        self._settings = settings

    def activate(self) -> None:
        self.entry.focus()

    def sale_ready(self) -> bool:
        """Is a sale screen listening for goods to be paid for?"""
        return self.isSignalConnected(QMetaMethod.fromSignal(self.to_sale))

    def show_district(self) -> None:
        """"The district has this store's data up to ...", when a bundle from the hub said so."""
        from charity_pos.services.base import local_date

        held = self.services.handouts.district_data_until()
        self.district_label.setText("" if held is None else self.tr(
            "The district has this store's data up to {date}").format(date=local_date(held).isoformat()))
        self.district_label.setVisible(held is not None)

    def refresh(self) -> None:
        """The household's standing again (another handout, a changed rule, a suspended card)."""
        self.show_district()
        card = self.visit.card
        if card is None:
            return
        try:
            self.visit.card = self.services.handouts.card(card.card_number)
        except PosError as exc:
            self.visit.card = None
            self.card_panel.refused(describe(exc))
            self.entry.prompt(card=not self.visit.open)
        else:
            self.card_panel.show_card(self.visit.card)
        self.update_allowance()

    def update_allowance(self) -> None:
        """What is left after the basket, the lines beyond it, and which keys work."""
        self.editor.mark_beyond()
        card, lines = self.visit.card, self.model.lines()
        if card is None:
            self.allowance.clear()
        else:
            self.allowance.show_left(card, basket.value_fen(lines), basket.counts(lines), self.category_names,
                                     len(lines), self.model.units())
        editing = self.visit.open
        for button in (self.quantity_button, self.remove_button, self.beyond_button, self.move_line_button):
            button.setEnabled(editing and bool(lines))
        self.find_button.setEnabled(editing)
        self.finish_button.setEnabled(editing and bool(lines))
        for button in (self.print_button, self.a5_button, self.pdf_button):
            button.setEnabled(self.last_number is not None)

    # --- the card: a visit ----------------------------------------------------------
    def take_card(self, code: str) -> bool:
        """A card scanned or typed: a new visit (asks first when goods are scanned)."""
        current = self.visit.card
        if current is not None and self.visit.open and code.upper() == current.card_number:
            self.refresh()
            self.entry.say(self.tr("Card {card} is already at the counter.").format(card=code.upper()))
            return True
        if not self._drop_ok():
            self.entry.focus()
            return False
        self._start(None)
        try:
            card = self.services.handouts.card(code)
        except PosError as exc:
            QApplication.beep()
            self.card_panel.refused(describe(exc))
            self.entry.say("")
            self.entry.focus()
            return False
        self._start(card)
        self.entry.say(self.tr("Card {card}: scan the goods.").format(card=card.card_number))
        return True

    def _start(self, card: CardView | None) -> None:
        self.visit = Visit(card)
        self.model.clear()
        self.entry.clear()
        self.entry.prompt(card=not self.visit.open)
        if card is None:
            self.card_panel.waiting()
        else:
            self.card_panel.show_card(card)
        self.update_allowance()
        self.entry.focus()

    def _drop_ok(self) -> bool:
        """May the goods scanned for this visit be dropped? Asks when there are some."""
        if not (self.visit.open and self.model.rowCount()):
            return True
        card = self.visit.card
        assert card is not None
        return self.feedback.confirm(self, self.tr("Drop the handout"), self.tr(
            "Drop the unfinished handout for card {card} (%n line(s), {value})? Nothing is handed out.", "",
            self.model.rowCount()).format(card=card.card_number, value=format_fen(basket.value_fen(self.model.lines()))))

    def new_visit(self) -> bool:
        """Esc: ready for the next card."""
        if not self._drop_ok():
            self.entry.focus()
            return False
        self._start(None)
        self.entry.say(self.tr("Ready for the next card."))
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.new_visit()
            return
        super().keyPressEvent(event)

    def before_leaving(self) -> bool:
        """An unfinished handout is dropped only when the cashier says so."""
        if not self._drop_ok():
            return False
        self._start(None)
        return True

    # --- finishing ------------------------------------------------------------------
    def finish(self) -> Changes | None:
        """F12: the handout in one go, with one number however often it is pressed."""
        visit, card = self.visit, self.visit.card
        if visit.number is not None:
            self.entry.say(self.tr("Handout {number} is already finished: scan the next card.")
                           .format(number=visit.number))
            return None
        if card is None:
            self.entry.refuse(self.tr("Scan the relief card first."))
            return None
        if not self.model.rowCount():
            self.entry.say(self.tr("Nothing to hand out yet: scan the goods first."), warning=True)
            return None
        lines = self.model.drafts()

        def complete(approval: Approval | None) -> Changes:
            return self.services.handouts.complete(self.actor, HandoutDraft(
                visit.ticket_id, card.household_id, lines, approval or visit.approval))

        changes, refused = run_approved(self, complete, self.ask, self._not_finished)
        self.entry.focus()
        if changes is None:
            if refused:
                self.entry.refuse(self.tr("Not approved: the handout is not finished."))
            return None
        visit.number = self.last_number = changes.number
        value = basket.value_fen(self.model.lines())
        self.model.clear()
        self.last_label.setText(self.tr("Last handout {number}: card {card}, {value}").format(
            number=changes.number, card=card.card_number, value=format_fen(value)))
        said = [self.tr("Handed out: {number}, {value}. Print the slip for the recipient to sign (Ctrl+P).")
                .format(number=changes.number, value=format_fen(value))]
        warned = {HandoutWarning.OVER_ALLOWANCE: self.tr("Beyond the allowance: handed out with a warning, and "
                                                         "logged."),
                  HandoutWarning.NO_STOCK: self.tr("The books show less on hand than was handed out: check the "
                                                   "shelf.")}
        said += [text for warning, text in warned.items() if warning in changes.warnings]
        if visit.moved:
            said.append(self.tr("Goods to pay for are on the sale's ticket (F9)."))
        self.entry.say("\n".join(said), warning=any(w in changes.warnings for w in warned))
        self.changed.emit(changes)  # the main window passes it on; this screen refreshes the standing
        self.entry.prompt(card=True)
        self.update_allowance()
        if self._settings.auto_print_slip:
            self.print_slip(ROLL)
        return changes

    def _not_finished(self, exc: BaseException) -> None:
        self.entry.refuse(describe(exc))
        if isinstance(exc, InvalidInput) and exc.facts.get("reason") == "changed":
            self.refresh()  # another till handed out to this household meanwhile: judge again

    # --- the slip -------------------------------------------------------------------
    def print_slip(self, paper: str = ROLL) -> bool:
        if self.last_number is None:
            self.entry.say(self.tr("No handout finished yet at this screen."), warning=True)
            return False
        printed = self.slips.handout_slip(self.last_number, paper, self)
        if printed:
            self.entry.say(self.tr("Slip of {number} printed: the recipient signs it.").format(number=self.last_number))
        self.entry.focus()
        return printed

    def save_slip(self) -> bool:
        if self.last_number is None:
            self.entry.say(self.tr("No handout finished yet at this screen."), warning=True)
            return False
        path = self.slips.save_slip(self.last_number, self)
        if path is not None:
            self.entry.say(self.tr("Slip of {number} saved as {path}.").format(number=self.last_number, path=path))
        self.entry.focus()
        return path is not None
