"""Consigned goods (代销, Ctrl+Shift+D, managers only): the consignors'
register, their goods received (K), unsold goods returned to them (U), and
a consignor's settlement of a month, saved as the PDF both sides sign or as
an Excel workbook.

Keys: Ctrl+1 to Ctrl+4 the tabs; Ctrl+S saves what the tab holds (a
consignor, a receiving, a return); Ctrl+T switches the selected consignor
off or on; on the receiving tab Enter in a field adds the line and Del
removes the selected one; on the settlement tab Enter shows the month,
Ctrl+P saves the PDF and Ctrl+E the workbook."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QFormLayout, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox,
    QTabWidget, QVBoxLayout, QWidget,
)

from charity_pos import files
from charity_pos.domain.money import format_fen, parse_yuan
from charity_pos.errors import InvalidInput, PosError
from charity_pos.i18n import describe
from charity_pos.reports.consignment import Settlement, as_report
from charity_pos.reports.period import month_bounds
from charity_pos.reports.table import StoreName
from charity_pos.services.base import Actor, Entity, Role, local_date
from charity_pos.services.consignment import ConsignedLine, ConsignmentService, ConsignorDraft, ConsignorRow
from charity_pos.services.registry import Services
from charity_pos.ui.approval import AskApproval
from charity_pos.ui.consign.models import ConsignorsModel, DraftLine, HeldModel, ReceivingModel, SettlementModel
from charity_pos.ui.export_path import ask_export_path
from charity_pos.ui.feedback import Feedback
from charity_pos.ui.printing import busy
from charity_pos.ui.screen import Screen
from charity_pos.ui.session import unguarded
from charity_pos.ui.table_model import make_table_view

CONSIGNORS, RECEIVE, RETURN, SETTLE = range(4)


def _consignor_box() -> QComboBox:
    box = QComboBox()
    box.setMinimumContentsLength(16)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    return box


class ConsignScreen(Screen):
    roles = frozenset({Role.MANAGER})
    entities = frozenset({Entity.STOCK, Entity.SALES, Entity.ITEMS})
    shortcut = "Ctrl+Shift+D"

    def __init__(self, services: Services, actor: Actor, feedback: Feedback, ask: AskApproval,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, actor, feedback, ask, parent)
        _stock, self._report_ended = unguarded(services.stock)  # the session's guard, for this service too
        self.consign = ConsignmentService(services.ctx, unguarded(services.accounts)[0])
        self.settled: Settlement | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading())
        self.tabs = QTabWidget()
        self.tabs.addTab(self._consignors_tab(), self.tr("Consignors (Ctrl+1)"))
        self.tabs.addTab(self._receive_tab(), self.tr("Receive (Ctrl+2)"))
        self.tabs.addTab(self._return_tab(), self.tr("Return (Ctrl+3)"))
        self.tabs.addTab(self._settle_tab(), self.tr("Settlement (Ctrl+4)"))
        self.tabs.currentChanged.connect(self._tab_shown)
        layout.addWidget(self.tabs, 1)
        self.message = QLabel("")
        self.message.setObjectName("notice")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        for number in range(4):
            QShortcut(QKeySequence(f"Ctrl+{number + 1}"), self,  # type: ignore[call-overload]  # signal by keyword
                      activated=lambda tab=number: self.tabs.setCurrentIndex(tab))
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.save)  # type: ignore[call-overload]

    def title(self) -> str:
        return self.tr("Consigned goods")

    def shortcut_help(self) -> list[str]:
        return [self.tr("Consigned goods: Ctrl+1-4 the tabs; Ctrl+S saves the tab's consignor, receiving or "
                        "return; Ctrl+T switches a consignor off or on; Ctrl+P / Ctrl+E save the settlement")]

    # --- the consignors ----------------------------------------------------------------------
    def _consignors_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.consignors_model = ConsignorsModel(self)
        self.consignors_table = make_table_view(self.consignors_model, stretch=ConsignorsModel.NAME,
                                                give_way=(ConsignorsModel.BANK, ConsignorsModel.CONTACT))
        self.consignors_table.selectionModel().selectionChanged.connect(lambda *_: self._consignor_picked())
        layout.addWidget(self.consignors_table, 1)
        form = QGridLayout()
        self.name = QLineEdit()
        self.credit_code = QLineEdit()
        self.credit_code.setMaxLength(18)
        self.contact = QLineEdit()
        self.phone = QLineEdit()
        self.bank = QLineEdit()
        self.notes = QLineEdit()
        for number, (caption, field) in enumerate((
                (self.tr("Name"), self.name), (self.tr("Unified social credit code"), self.credit_code),
                (self.tr("Contact"), self.contact), (self.tr("Phone"), self.phone),
                (self.tr("Bank and account"), self.bank), (self.tr("Notes"), self.notes))):
            label = QLabel(caption)
            label.setBuddy(field)
            form.addWidget(label, number // 2, (number % 2) * 2)
            form.addWidget(field, number // 2, (number % 2) * 2 + 1)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.new_button = QPushButton(self.tr("New (Ctrl+N)"))
        self.save_consignor_button = QPushButton(self.tr("Save consignor (Ctrl+S)"))
        self.toggle_button = QPushButton(self.tr("Switch off or on (Ctrl+T)"))
        row.addWidget(self.new_button)
        row.addWidget(self.save_consignor_button)
        row.addStretch(1)
        row.addWidget(self.toggle_button)
        layout.addLayout(row)
        self.bind_keys([(self.new_button, "Ctrl+N", self.new_consignor),
                        (self.save_consignor_button, "", self.save_consignor),
                        (self.toggle_button, "Ctrl+T", self.toggle_consignor)])
        return page

    def new_consignor(self) -> None:
        self.tabs.setCurrentIndex(CONSIGNORS)
        self.consignors_table.clearSelection()
        for field in (self.name, self.credit_code, self.contact, self.phone, self.bank, self.notes):
            field.clear()
        self.name.setFocus()

    def _draft(self) -> ConsignorDraft:
        return ConsignorDraft(self.name.text(), self.credit_code.text(), self.contact.text(), self.phone.text(),
                              self.bank.text(), self.notes.text())

    def selected_consignor(self) -> ConsignorRow | None:
        rows = self.consignors_table.selectionModel().selectedRows()
        return self.consignors_model.row_at(rows[0].row()) if rows else None

    def _consignor_picked(self) -> None:
        row = self.selected_consignor()
        if row is None:
            return
        self.name.setText(row.name)
        self.credit_code.setText(row.credit_code)
        self.contact.setText(row.contact)
        self.phone.clear()  # kept whole in the store, shown masked: typed again only to change it
        self.phone.setPlaceholderText(row.phone_masked)
        self.bank.setText(row.bank)
        self.notes.setText(row.notes)

    def save_consignor(self) -> None:
        row = self.selected_consignor()
        draft = self._draft()
        try:
            if row is None:
                changes = self.consign.add_consignor(self.actor, draft)
                said = self.tr("Consignor {name} registered.")
            else:
                changes = self.consign.update_consignor(self.actor, row.id, draft, active=row.active,
                                                        keep_phone=True)
                said = self.tr("Consignor {name} saved.")
        except PosError as exc:
            self._refused(exc)
            return
        self._say(said.format(name=" ".join(draft.name.split())))
        self.changed.emit(changes)
        self.refresh()
        self.consignors_table.selectRow(self.consignors_model.row_of(changes.ids[0]))

    def toggle_consignor(self) -> None:
        row = self.selected_consignor()
        if row is None:
            self._say(self.tr("Pick a consignor in the list first."), "warning")
            return
        draft = ConsignorDraft(row.name, row.credit_code, row.contact, "", row.bank, row.notes)
        try:
            changes = self.consign.update_consignor(self.actor, row.id, draft, active=not row.active,
                                                    keep_phone=True)
        except PosError as exc:
            self._refused(exc)
            return
        self._say((self.tr("{name} switched on.") if not row.active else self.tr("{name} switched off.")).format(
            name=row.name))
        self.changed.emit(changes)
        self.refresh()

    # --- receiving --------------------------------------------------------------------------
    def _receive_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        top = QFormLayout()
        self.receive_from = _consignor_box()
        top.addRow(self.tr("From"), self.receive_from)
        layout.addLayout(top)
        line = QGridLayout()
        self.goods = QComboBox()
        self.goods.setEditable(True)
        self.goods.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.goods.setMinimumContentsLength(14)
        self.goods.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.quantity = QSpinBox()
        self.quantity.setRange(1, 100_000)
        self.price = QLineEdit()
        self.price.setPlaceholderText(self.tr("e.g. 18.00"))
        self.expiry = QLineEdit()
        self.expiry.setPlaceholderText(self.tr("YYYY-MM-DD, food"))
        self.add_line_button = QPushButton(self.tr("Add (Enter)"))
        for number, (caption, field) in enumerate((
                (self.tr("Goods"), self.goods), (self.tr("Quantity"), self.quantity),
                (self.tr("Settlement price"), self.price), (self.tr("Best before"), self.expiry))):
            label = QLabel(caption)
            label.setBuddy(field)
            line.addWidget(label, number // 2, (number % 2) * 2)
            line.addWidget(field, number // 2, (number % 2) * 2 + 1)
        line.addWidget(self.add_line_button, 1, 4)
        line.setColumnStretch(1, 3)
        line.setColumnStretch(3, 2)
        layout.addLayout(line)
        self.receiving_model = ReceivingModel(self)
        self.receiving_table = make_table_view(self.receiving_model, stretch=ReceivingModel.GOODS)
        layout.addWidget(self.receiving_table, 1)
        self.receive_total = QLabel("")
        self.receive_total.setObjectName("total")
        self.receive_total.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.receive_total)
        bottom = QHBoxLayout()
        self.receive_note = QLineEdit()
        self.receive_note.setPlaceholderText(self.tr("Note (delivery note number, who delivered)"))
        self.receive_button = QPushButton(self.tr("Save receiving (Ctrl+S)"))
        bottom.addWidget(self.receive_note, 1)
        bottom.addWidget(self.receive_button)
        layout.addLayout(bottom)
        self.bind_keys([(self.add_line_button, "", self.add_line), (self.receive_button, "", self.save_receiving)])
        for field in (self.price, self.expiry):
            field.returnPressed.connect(self.add_line)
        QShortcut(QKeySequence("Del"), self.receiving_table, activated=self.remove_line)  # type: ignore[call-overload]
        return page

    def add_line(self) -> None:
        item = self.goods.currentData()
        name = self.goods.currentText().strip()
        if item is None:  # typed: the first of the goods whose name holds it
            found = self.goods.findText(name, Qt.MatchFlag.MatchContains)
            if found < 0:
                self._say(self.tr("No consigned goods are called “{name}”.").format(name=name), "warning")
                return
            self.goods.setCurrentIndex(found)
            item = self.goods.currentData()
        try:
            price = parse_yuan(self.price.text(), field="settlement_price")
            if price <= 0:
                raise InvalidInput(field="settlement_price", value=self.price.text(), reason="zero")
            expiry = self._expiry()
        except PosError as exc:
            self._refused(exc)
            return
        item_id, unit = item
        lines = [line for line in self.receiving_model.rows() if line.item_id != item_id]
        lines.append(DraftLine(item_id, self.goods.currentText(), unit, self.quantity.value(), price, expiry))
        self.receiving_model.set_rows(lines)
        self._receive_sum()
        self.price.clear()
        self.expiry.clear()
        self.quantity.setValue(1)
        self._say("")
        self.goods.setFocus()

    def _expiry(self) -> date | None:
        text = self.expiry.text().strip()
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise InvalidInput(field="expiry_date", value=text, reason="date_format") from None

    def remove_line(self) -> None:
        rows = self.receiving_table.selectionModel().selectedRows()
        if rows:
            lines = self.receiving_model.rows()
            del lines[rows[0].row()]
            self.receiving_model.set_rows(lines)
            self._receive_sum()

    def _receive_sum(self) -> None:
        lines = self.receiving_model.rows()
        self.receive_total.setText(self.tr("%n line(s), {owed} at settlement price", "", len(lines)).format(
            owed=format_fen(sum(line.quantity * line.price_fen for line in lines))) if lines else "")

    def save_receiving(self) -> None:
        consignor = self.receive_from.currentData()
        lines = [ConsignedLine(line.item_id, line.quantity, line.price_fen, line.expiry)
                 for line in self.receiving_model.rows()]
        try:
            if consignor is None:
                raise InvalidInput(field="consignor", value="", reason="empty")
            changes = self.consign.receive(self.actor, consignor, lines, note=self.receive_note.text())
        except PosError as exc:
            self._refused(exc)
            return
        self.receiving_model.set_rows([])
        self.receive_note.clear()
        self._receive_sum()
        self._say(self.tr("Receiving {number} saved: the goods are on the shelf as the consignor's.").format(
            number=changes.number))
        self.changed.emit(changes)

    # --- returning --------------------------------------------------------------------------
    def _return_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        top = QFormLayout()
        self.return_to = _consignor_box()
        self.return_to.currentIndexChanged.connect(lambda _i: self._fill_held())
        top.addRow(self.tr("To"), self.return_to)
        layout.addLayout(top)
        self.held_model = HeldModel(self)
        self.held_table = make_table_view(self.held_model, stretch=HeldModel.GOODS)
        self.held_table.selectionModel().selectionChanged.connect(lambda *_: self._held_picked())
        layout.addWidget(self.held_table, 1)
        row = QHBoxLayout()
        self.back_quantity = QSpinBox()
        self.back_quantity.setRange(1, 100_000)
        self.back_reason = QLineEdit()
        self.back_reason.setPlaceholderText(self.tr("Why, e.g. unsold, near its date"))
        self.return_button = QPushButton(self.tr("Return to the consignor (Ctrl+S)"))
        quantity_caption = QLabel(self.tr("Quantity"))
        quantity_caption.setBuddy(self.back_quantity)
        reason_caption = QLabel(self.tr("Reason"))
        reason_caption.setBuddy(self.back_reason)
        for widget in (quantity_caption, self.back_quantity, reason_caption):
            row.addWidget(widget)
        row.addWidget(self.back_reason, 1)
        row.addWidget(self.return_button)
        layout.addLayout(row)
        self.bind_keys([(self.return_button, "", self.save_return)])
        self.back_reason.returnPressed.connect(self.save_return)
        return page

    def _fill_held(self) -> None:
        consignor = self.return_to.currentData()
        if consignor is None:
            self.held_model.set_rows([])
            return
        try:
            self.held_model.set_rows(self.consign.held(self.actor, consignor))
        except PosError as exc:
            self._refused(exc)

    def _held_picked(self) -> None:
        rows = self.held_table.selectionModel().selectedRows()
        held = self.held_model.row_at(rows[0].row()) if rows else None
        if held is not None:
            self.back_quantity.setValue(held.left)

    def save_return(self) -> None:
        rows = self.held_table.selectionModel().selectedRows()
        held = self.held_model.row_at(rows[0].row()) if rows else None
        consignor = self.return_to.currentData()
        if held is None or consignor is None:
            self._say(self.tr("Pick the goods to return in the list first."), "warning")
            return
        try:
            changes = self.consign.return_goods(self.actor, consignor, {held.item_id: self.back_quantity.value()},
                                                self.back_reason.text())
        except PosError as exc:
            self._refused(exc)
            return
        self.back_reason.clear()
        self._say(self.tr("Return {number} saved: {quantity} of {goods} go back to the consignor.").format(
            number=changes.number, quantity=self.back_quantity.value(), goods=held.item_name))
        self.changed.emit(changes)
        self._fill_held()

    # --- the settlement ---------------------------------------------------------------------
    def _settle_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        row = QHBoxLayout()
        self.settle_for = _consignor_box()
        self.month = QDateEdit()
        self.month.setDisplayFormat("yyyy-MM")
        today = self.today()
        last = date(today.year - (today.month == 1), (today.month - 2) % 12 + 1, 1)  # the last full month
        self.month.setDate(QDate(last.year, last.month, 1))
        self.show_button = QPushButton(self.tr("Show (Enter)"))
        self.pdf_button = QPushButton(self.tr("Save as PDF (Ctrl+P)"))
        self.xlsx_button = QPushButton(self.tr("Save as Excel (Ctrl+E)"))
        for caption, field in ((self.tr("Consignor"), self.settle_for), (self.tr("Month"), self.month)):
            label = QLabel(caption)
            label.setBuddy(field)
            row.addWidget(label)
            row.addWidget(field, 1 if field is self.settle_for else 0)
        row.addWidget(self.show_button)
        layout.addLayout(row)
        self.owed = QLabel("")
        self.owed.setObjectName("total")
        self.owed.setWordWrap(True)
        layout.addWidget(self.owed)
        self.settlement_model = SettlementModel(self)
        self.settlement_table = make_table_view(self.settlement_model, stretch=SettlementModel.GOODS)
        layout.addWidget(self.settlement_table, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.xlsx_button)
        layout.addLayout(buttons)
        self.bind_keys([(self.show_button, "", self.show_settlement),
                        (self.pdf_button, "Ctrl+P", lambda: self.export("pdf")),
                        (self.xlsx_button, "Ctrl+E", lambda: self.export("xlsx"))])
        self.month.editingFinished.connect(self.show_settlement)
        return page

    def today(self) -> date:
        return local_date(self.services.ctx.now())

    def show_settlement(self) -> Settlement | None:
        consignor = self.settle_for.currentData()
        if consignor is None:
            return None
        picked = self.month.date()
        try:
            found = self.consign.settlement(self.actor, consignor, month_bounds(picked.year(), picked.month()))
        except PosError as exc:
            self.settled = None
            self.settlement_model.set_rows([])
            self.owed.setText("")
            self._refused(exc)
            return None
        self.settled = found
        self.settlement_model.set_rows(found.lines)
        self.owed.setText(self.tr("{month}: {sold} sold, {owed} owed to {consignor}; {returned} returned, "
                                  "{left} left").format(
            month=f"{found.start:%Y-%m}", sold=found.total("sold"), owed=format_fen(found.owed_fen),
            consignor=found.consignor.name, returned=found.total("returned"), left=found.total("closing")))
        self._say("")
        return found

    def ask_path(self, suffix: str, suggested: str) -> Path | None:
        """Where to save the settlement; tests replace this so nothing blocks."""
        return ask_export_path(self, suffix, suggested)

    def export(self, suffix: str) -> None:
        from charity_pos import export

        found = self.settled if self.settled is not None else self.show_settlement()
        if found is None:
            return
        path = self.ask_path(suffix, f"代销结算单-{found.consignor.name}-{found.start:%Y-%m}.{suffix}")
        if path is None:
            return
        store = self.services.store()
        report = as_report(found, StoreName(store.name, store.code))
        try:
            with busy():
                export.write_report(report, path, protect=files.store_files(self.services.db.path, store.id),
                                    force=True)  # the save dialog asked before replacing a file
        except PosError as exc:
            self._refused(exc)
            return
        except OSError as exc:
            self._say(str(exc), "warning")
            return
        self._say(self.tr("Saved {path}.").format(path=str(path)))

    # --- the screen --------------------------------------------------------------------------
    def activate(self) -> None:
        self._tab_shown(self.tabs.currentIndex())

    def refresh(self) -> None:
        try:
            rows = self.consign.consignors(self.actor)
            goods = self.consign.consigned_items(self.actor)
        except PosError as exc:
            self._refused(exc)
            return
        selected = self.selected_consignor()
        self.consignors_model.set_rows(rows)
        if selected is not None and self.consignors_model.row_of(selected.id) >= 0:
            self.consignors_table.selectRow(self.consignors_model.row_of(selected.id))
        for box, only_active in ((self.receive_from, True), (self.return_to, False), (self.settle_for, False)):
            chosen = box.currentData()
            box.blockSignals(True)
            box.clear()
            for row in rows:
                if row.active or not only_active:
                    box.addItem(row.name, row.id)
            at = box.findData(chosen)
            box.setCurrentIndex(at if at >= 0 else 0)
            box.blockSignals(False)
        picked = self.goods.currentData()
        self.goods.clear()
        for item_id, name, unit, _barcode in goods:
            self.goods.addItem(name, (item_id, unit))
        at = self.goods.findData(picked)
        self.goods.setCurrentIndex(at if at >= 0 else 0)
        self._fill_held()

    def _tab_shown(self, tab: int) -> None:
        if tab == CONSIGNORS:
            self.consignors_table.setFocus()
        elif tab == RECEIVE:
            self.goods.setFocus()
        elif tab == RETURN:
            self._fill_held()
            self.held_table.setFocus()
        else:
            self.show_settlement()
            self.settle_for.setFocus()

    def save(self) -> None:
        """Ctrl+S: what the tab in front holds."""
        tab = self.tabs.currentIndex()
        if tab == CONSIGNORS:
            self.save_consignor()
        elif tab == RECEIVE:
            self.save_receiving()
        elif tab == RETURN:
            self.save_return()

    def _refused(self, error: PosError) -> None:
        self._say(describe(error), "warning")
        self._report_ended(error)

    def _say(self, text: str, style: str = "notice") -> None:
        self.message.setText(text)
        if self.message.objectName() != style:
            self.message.setObjectName(style)
            self.message.style().unpolish(self.message)
            self.message.style().polish(self.message)
