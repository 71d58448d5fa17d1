"""Transfers (调拨, Ctrl+Shift+Y, managers only): send goods to another store of
the district, and confirm what arrived of goods sent here.

*Send*: pick the receiving store (the district's stores and warehouses the
hub named in its last downstream bundle), find lots by name or code, Enter
adds the chosen lot with the units typed, Del takes a line off, F12 sends:
the goods leave stock at once and the transfer goes to the hub with the
next export. *Incoming*: the transfers the hub passed on, waiting ones in
red; pick one, set the units that arrived of a line with its reason (Enter),
F12 confirms: the goods become lots here that keep their origin.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QTabWidget, QVBoxLayout, QWidget,
)

from charity_pos.errors import PosError
from charity_pos.i18n import describe
from charity_pos.services.base import Actor, Changes, Entity, Role
from charity_pos.services.registry import Services
from charity_pos.services.transfers import (
    MAX_QUANTITY, LotChoice, ReceivedLine, TransferLineDraft, TransferRow, TransferService,
)
from charity_pos.ui.approval import AskApproval
from charity_pos.ui.feedback import Feedback
from charity_pos.ui.handout.card import repolish
from charity_pos.ui.screen import Screen, key_button
from charity_pos.ui.session import unguarded
from charity_pos.ui.table_model import make_table_view
from charity_pos.ui.transfer.model import Arrived, ArrivedModel, LotsModel, Picked, PickedModel, TransfersModel


class TransferScreen(Screen):
    roles = frozenset({Role.MANAGER})
    entities = frozenset({Entity.STOCK})
    shortcut = "Ctrl+Shift+Y"

    def __init__(self, services: Services, actor: Actor, feedback: Feedback, ask: AskApproval,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, actor, feedback, ask, parent)
        _stock, self._report_ended = unguarded(services.stock)
        self.transfers = TransferService(services.ctx, unguarded(services.accounts)[0])
        self.all_lots: list[LotChoice] = []
        self.picked: list[Picked] = []
        self.arrived: list[Arrived] = []
        self.shown: TransferRow | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading())
        self.tabs = QTabWidget()
        self.tabs.addTab(self._send_page(), self.tr("Send goods"))
        self.tabs.addTab(self._incoming_page(), self.tr("Incoming and sent"))
        layout.addWidget(self.tabs, 1)
        self.message = QLabel("")
        self.message.setObjectName("warning")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.bind_keys([(self.send_button, "F12", self.send_or_confirm),
                        (self.add_button, "", self.add_line),
                        (self.remove_button, "Del", self.remove_line),
                        (self.set_button, "", self.set_arrived),
                        (self.confirm_button, "", self.confirm)])
        self.tabs.currentChanged.connect(lambda _index: self.activate())

    # --- the pages ----------------------------------------------------------------------------------
    def _send_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        to_caption = QLabel(self.tr("To store"))
        self.store = QComboBox()
        to_caption.setBuddy(self.store)
        search_caption = QLabel(self.tr("Find lot"))
        self.lot_search = QLineEdit()
        self.lot_search.setPlaceholderText(self.tr("name, pinyin initials or code"))
        search_caption.setBuddy(self.lot_search)
        row.addWidget(to_caption)
        row.addWidget(self.store, 3)
        row.addWidget(search_caption)
        row.addWidget(self.lot_search, 2)
        layout.addLayout(row)
        self.lots_model = LotsModel(self)
        self.lots_table = make_table_view(self.lots_model, stretch=LotsModel.NAME, give_way=(LotsModel.ORIGIN,))
        layout.addWidget(self.lots_table, 3)
        row = QHBoxLayout()
        units_caption = QLabel(self.tr("Units"))
        self.units = QSpinBox()
        self.units.setRange(1, MAX_QUANTITY)
        units_caption.setBuddy(self.units)
        self.add_button = key_button(self.tr("Add (Enter)"))
        self.remove_button = key_button(self.tr("Take off (Del)"))
        note_caption = QLabel(self.tr("Note"))
        self.note = QLineEdit()
        self.note.setMaxLength(200)
        note_caption.setBuddy(self.note)
        row.addWidget(units_caption)
        row.addWidget(self.units)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addWidget(note_caption)
        row.addWidget(self.note, 1)
        layout.addLayout(row)
        self.picked_model = PickedModel(self)
        self.picked_table = make_table_view(self.picked_model, stretch=PickedModel.NAME)
        layout.addWidget(self.picked_table, 2)
        row = QHBoxLayout()
        self.send_summary = QLabel("")
        self.send_summary.setObjectName("total")
        self.send_summary.setWordWrap(True)
        self.send_button = key_button(self.tr("Send (F12)"))
        row.addWidget(self.send_summary, 1)
        row.addWidget(self.send_button)
        layout.addLayout(row)
        self.lot_search.textChanged.connect(lambda _text: self._show_lots())
        self.lot_search.returnPressed.connect(self.add_line)
        return page

    def _incoming_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.list_model = TransfersModel(self)
        self.list_table = make_table_view(self.list_model, stretch=TransfersModel.STORE)
        layout.addWidget(self.list_table, 2)
        self.transfer_summary = QLabel("")
        self.transfer_summary.setObjectName("notice")
        self.transfer_summary.setWordWrap(True)
        layout.addWidget(self.transfer_summary)
        self.arrived_model = ArrivedModel(self)
        self.arrived_table = make_table_view(self.arrived_model, stretch=ArrivedModel.NAME,
                                             give_way=(ArrivedModel.ORIGIN, ArrivedModel.REASON))
        layout.addWidget(self.arrived_table, 3)
        row = QHBoxLayout()
        got_caption = QLabel(self.tr("Arrived"))
        self.got = QSpinBox()
        self.got.setRange(0, MAX_QUANTITY)
        got_caption.setBuddy(self.got)
        why_caption = QLabel(self.tr("Why short"))
        self.why = QLineEdit()
        self.why.setMaxLength(200)
        self.why.setPlaceholderText(self.tr("damaged, missing, ..."))
        why_caption.setBuddy(self.why)
        self.set_button = key_button(self.tr("Set the line (Enter)"))
        self.confirm_button = key_button(self.tr("Confirm receipt (F12)"))
        row.addWidget(got_caption)
        row.addWidget(self.got)
        row.addWidget(why_caption)
        row.addWidget(self.why, 1)
        row.addWidget(self.set_button)
        row.addWidget(self.confirm_button)
        layout.addLayout(row)
        self.list_table.selectionModel().currentRowChanged.connect(lambda *_: self._show_transfer())
        self.arrived_table.selectionModel().currentRowChanged.connect(lambda *_: self._line_chosen())
        self.why.returnPressed.connect(self.set_arrived)
        return page

    def title(self) -> str:
        return self.tr("Transfers")

    def shortcut_help(self) -> list[str]:
        return [self.tr("Transfers: pick the store and the lots, Enter adds a lot, Del takes it off, F12 sends; "
                        "on the incoming page set what arrived of a line (Enter) and F12 confirms")]

    def activate(self) -> None:
        self.refresh()
        if self.tabs.currentIndex() == 0:
            self.lot_search.setFocus()
        else:
            self.list_table.setFocus()

    def refresh(self) -> None:
        current = self.store.currentData()
        self.store.clear()
        for store in self.transfers.stores():
            label = f"{store.code} {store.name}"
            self.store.addItem(label + (self.tr(" (warehouse)") if store.kind == "warehouse" else ""), store.code)
        if current is not None and (at := self.store.findData(current)) >= 0:
            self.store.setCurrentIndex(at)
        self.all_lots = self.transfers.lots()
        self._show_lots()
        self._show_picked()
        shown = self.shown.number if self.shown is not None else None
        rows = self.transfers.transfers()
        rows.sort(key=lambda r: (r.status != "waiting", -r.sent_at.timestamp()))
        self.list_model.set_rows(rows)
        if rows:
            numbers = [r.number for r in rows]
            self.list_table.selectRow(numbers.index(shown) if shown in numbers else 0)
        self._show_transfer()
        if self.store.count() == 0:
            self._say(self.tr("The hub has named no other store yet: send a bundle to the hub and import its next "
                              "one."), "notice")

    # --- sending -----------------------------------------------------------------------------------------
    def _show_lots(self) -> None:
        text = self.lot_search.text().strip().lower()
        from charity_pos.domain import pinyin

        rows = [lot for lot in self.all_lots if not text or text in lot.item_name.lower() or text in lot.code
                or pinyin.initials(lot.item_name).lower().startswith(text)]
        self.lots_model.set_rows(rows)
        if rows:
            self.lots_table.selectRow(0)

    def _chosen_lot(self) -> LotChoice | None:
        index = self.lots_table.currentIndex()
        return self.lots_model.row_at(index.row()) if index.isValid() else None

    def add_line(self) -> None:
        lot = self._chosen_lot()
        if lot is None:
            return
        already = sum(p.quantity for p in self.picked if p.lot.lot_id == lot.lot_id)
        units = self.units.value()
        if already + units > lot.left:
            self._say(self.tr("Lot {lot} holds {left}: {wanted} cannot be sent.").format(
                lot=lot.code, left=lot.left, wanted=already + units), "warning")
            return
        self.picked = [p for p in self.picked if p.lot.lot_id != lot.lot_id] + [Picked(lot, already + units)]
        self._show_picked()
        self._say("", "notice")
        self.units.setValue(1)
        self.lot_search.selectAll()
        self.lot_search.setFocus()

    def remove_line(self) -> None:
        index = self.picked_table.currentIndex()
        row = index.row() if index.isValid() else len(self.picked) - 1
        if 0 <= row < len(self.picked):
            del self.picked[row]
            self._show_picked()

    def _show_picked(self) -> None:
        self.picked_model.set_rows(list(self.picked))
        units = sum(p.quantity for p in self.picked)
        self.send_summary.setText(self.tr("%n line(s), {units} units", "", len(self.picked)).format(units=units)
                                  if self.picked else self.tr("Pick lots above: Enter adds the chosen one."))

    def send_or_confirm(self) -> None:
        if self.tabs.currentIndex() == 0:
            self.send()
        else:
            self.confirm()

    def send(self) -> Changes | None:
        code = self.store.currentData()
        if code is None or not self.picked:
            self._say(self.tr("Pick the receiving store and at least one lot."), "warning")
            return None
        try:
            changes = self.transfers.send(self.actor, str(code), [
                TransferLineDraft(p.lot.lot_id, p.quantity) for p in self.picked], self.note.text())
        except PosError as exc:
            self._refused(exc)
            return None
        self.picked = []
        self.note.clear()
        self._say(self.tr("Transfer {number} to {store} recorded: the goods have left stock and go to the hub with "
                          "the next export.").format(number=changes.number, store=code), "notice")
        self.changed.emit(changes)
        self.refresh()
        return changes

    # --- incoming -------------------------------------------------------------------------------------------
    def _chosen_transfer(self) -> TransferRow | None:
        index = self.list_table.currentIndex()
        return self.list_model.row_at(index.row()) if index.isValid() else None

    def _show_transfer(self) -> None:
        row = self._chosen_transfer()
        self.shown = row
        if row is None:
            self.arrived = []
            self.arrived_model.set_rows([])
            self.transfer_summary.setText(self.tr("No transfers yet."))
            return
        waiting = row.direction == "in" and row.status == "waiting"
        self.arrived = [Arrived(line, line.quantity_sent if line.quantity_received is None else line.quantity_received,
                                line.difference_reason) for line in row.lines]
        self.arrived_model.set_rows(list(self.arrived))
        if self.arrived:
            self.arrived_table.selectRow(0)
        if waiting:
            text = self.tr("{number} from {store}: set what arrived of each line, then F12 confirms.")
        elif row.direction == "in":
            text = self.tr("{number} from {store}: received.")
        else:
            text = self.tr("{number} to {store}: sent.")
        self.transfer_summary.setText(text.format(number=row.number, store=row.other_store)
                                      + (f" {row.note}" if row.note else ""))
        for widget in (self.got, self.why, self.set_button, self.confirm_button):
            widget.setEnabled(waiting)

    def _line_chosen(self) -> None:
        index = self.arrived_table.currentIndex()
        if index.isValid() and index.row() < len(self.arrived):
            line = self.arrived[index.row()]
            self.got.setValue(line.quantity)
            self.why.setText(line.reason)

    def set_arrived(self) -> None:
        index = self.arrived_table.currentIndex()
        if not index.isValid() or index.row() >= len(self.arrived):
            return
        at = index.row()
        line = self.arrived[at]
        self.arrived[at] = Arrived(line.line, self.got.value(), self.why.text().strip())
        self.arrived_model.set_rows(list(self.arrived))
        self.arrived_table.selectRow(min(at + 1, len(self.arrived) - 1))

    def confirm(self) -> Changes | None:
        row = self.shown
        if row is None or row.direction != "in" or row.status != "waiting":
            self._say(self.tr("Pick a transfer waiting to be confirmed."), "warning")
            return None
        try:
            changes = self.transfers.receive(self.actor, row.number, [
                ReceivedLine(a.line.line_no, a.quantity, a.reason) for a in self.arrived])
        except PosError as exc:
            self._refused(exc)
            return None
        got = sum(a.quantity for a in self.arrived)
        self._say(self.tr("Transfer {number} received: {got} of {sent} units are now in stock here.").format(
            number=row.number, got=got, sent=row.units_sent), "notice")
        self.changed.emit(changes)
        self.refresh()
        return changes

    # --- messages ---------------------------------------------------------------------------------------
    def _refused(self, error: PosError) -> None:
        self._say(describe(error), "warning")
        self._report_ended(error)

    def _say(self, text: str, style: str) -> None:
        """A line below the pages: what was done ("notice"), or why it was refused ("warning")."""
        self.message.setText(text)
        repolish(self.message, style)



