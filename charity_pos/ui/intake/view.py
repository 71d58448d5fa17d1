"""Taking in a donation at the counter, keyboard first: the donor (or F6 for
anonymous), then scan or type the goods, cash if any, and Ctrl+S.

A scanned maker's barcode adds its item at once; ``3*`` before a code or a
name adds three. Names and pinyin initials show matches to pick with Enter.
Food asks for its best-before date as soon as it is added."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QTimer, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from charity_pos.domain.money import format_fen, parse_yuan
from charity_pos.errors import ExpiredGoods, InvalidInput, PosError, ShortShelfLife
from charity_pos.i18n import describe
from charity_pos.services.base import Actor, Changes, Entity
from charity_pos.services.catalog import ItemRow, Source
from charity_pos.services.donors import DonorKind, DonorRow, warm_keys
from charity_pos.services.intake import CashMethod, IntakeDraft
from charity_pos.services.registry import Services
from charity_pos.ui.approval import AskApproval
from charity_pos.ui.catalog.editor import ItemEditor
from charity_pos.ui.donations.papers import Papers
from charity_pos.ui.feedback import Feedback
from charity_pos.ui.intake.donor import DonorField, NewDonorDialog, donor_text
from charity_pos.ui.intake.goods import GoodsEntry
from charity_pos.ui.intake.lines import LinesTable
from charity_pos.ui.intake.model import LinesModel, today
from charity_pos.ui.intake.saved import SavedDialog
from charity_pos.ui.printing import store_output
from charity_pos.ui.screen import Screen


class Anonymous:
    """The donor choice for a walk-in who gives no name."""


ANONYMOUS = Anonymous()


class IntakeScreen(Screen):
    entities = frozenset({Entity.DONATIONS, Entity.STOCK, Entity.ITEMS, Entity.DONORS})
    shortcut = "F4"

    def __init__(self, services: Services, actor: Actor, feedback: Feedback, ask: AskApproval,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, actor, feedback, ask, parent)
        self.output = store_output(self, services)
        self.papers = Papers(self, self)
        self.papers.changed.connect(self.changed)
        self.donor: DonorRow | Anonymous | None = None
        self._back_to_scan = False
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        heading = QLabel(self.title())
        heading.setObjectName("screenTitle")
        self.saved_label = QLabel("")
        self.saved_label.setObjectName("notice")
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.saved_label)
        layout.addLayout(top)

        # (a) the donor
        donor_row = QHBoxLayout()
        donor_caption = QLabel(self.tr("Donor (Ctrl+D)"))
        self.donor_field = DonorField()
        self.donor_field.setPlaceholderText(self.tr("Name or credit code of a registered donor"))
        donor_caption.setBuddy(self.donor_field)
        self.anonymous_button = QPushButton(self.tr("Anonymous (F6)"))
        self.new_donor_button = QPushButton(self.tr("New donor… (F7)"))
        donor_row.addWidget(donor_caption)
        donor_row.addWidget(self.donor_field, 1)
        donor_row.addWidget(self.anonymous_button)
        donor_row.addWidget(self.new_donor_button)
        layout.addLayout(donor_row)
        layout.addWidget(self.donor_field.matches)
        self.donor_label = QLabel("")
        self.donor_label.setWordWrap(True)
        layout.addWidget(self.donor_label)

        # (b) the goods
        self.goods = GoodsEntry(services.catalog)
        self.scan, self.scan_notice, self.matches = self.goods.field, self.goods.notice, self.goods.matches
        layout.addWidget(self.goods)

        self.model = LinesModel(self)
        self.table = LinesTable(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LinesModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(LinesModel.EXPIRY, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(LinesModel.EXPIRY, self.fontMetrics().horizontalAdvance("2026-09-30") + 24)
        layout.addWidget(self.table, 1)

        line_row = QHBoxLayout()
        self.remove_button = QPushButton(self.tr("Remove line (Del)"))
        hint = QLabel(self.tr("Enter: change · 1 2 3: choose · Esc: back to scanning"))
        hint.setObjectName("hint")
        self.summary = QLabel("")
        self.summary.setObjectName("hint")
        self.summary.setWordWrap(True)
        line_row.addWidget(self.remove_button)
        line_row.addWidget(hint)
        line_row.addStretch(1)
        layout.addLayout(line_row)

        # (c) money, (d) wishes, the receipt
        form = QGridLayout()
        cash_caption = QLabel(self.tr("Cash given (F8)"))
        self.cash = QLineEdit()
        self.cash.setPlaceholderText("0.00")
        self.cash.setMaximumWidth(160)
        cash_caption.setBuddy(self.cash)
        self.cash_method = QComboBox()
        for method, label in ((CashMethod.CASH, self.tr("Cash")), (CashMethod.WECHAT, self.tr("WeChat Pay")),
                              (CashMethod.ALIPAY, self.tr("Alipay")), (CashMethod.UNIONPAY, self.tr("UnionPay card")),
                              (CashMethod.BANK_TRANSFER, self.tr("Bank transfer"))):
            self.cash_method.addItem(label, method.value)
        self.wants_receipt = QCheckBox(self.tr("Donor wants a receipt"))
        self.wants_receipt.setChecked(True)
        wishes_caption = QLabel(self.tr("Wishes"))
        self.wishes = QLineEdit()
        self.wishes.setMaxLength(200)
        self.wishes.setPlaceholderText(self.tr("e.g. for elderly households"))
        wishes_caption.setBuddy(self.wishes)
        form.addWidget(cash_caption, 0, 0)
        form.addWidget(self.cash, 0, 1)
        form.addWidget(self.cash_method, 0, 2)
        form.addWidget(self.wants_receipt, 0, 3)
        form.addWidget(wishes_caption, 1, 0)
        form.addWidget(self.wishes, 1, 1, 1, 3)
        form.setColumnStretch(3, 1)
        layout.addLayout(form)

        # (e) the total, (f) saving
        bottom = QHBoxLayout()
        self.total = QLabel("")
        self.total.setObjectName("total")
        self.clear_button = QPushButton(self.tr("Clear form"))
        self.save_button = QPushButton(self.tr("Save (Ctrl+S / F10)"))
        self.save_button.setObjectName("primary")
        bottom.addWidget(self.total)
        bottom.addSpacing(12)
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.clear_button)
        bottom.addWidget(self.save_button)
        layout.addLayout(bottom)

        self.donor_field.chosen.connect(self.choose_donor)
        self.anonymous_button.clicked.connect(self.choose_anonymous)
        self.new_donor_button.clicked.connect(self.new_donor)
        self.goods.scanned.connect(self.add_item)
        self.goods.unknown.connect(self.offer_new_item)
        self.goods.new_item_requested.connect(lambda: self.new_item(""))
        self.goods.step.connect(self._stepped)
        self.remove_button.clicked.connect(self.remove_line)
        self.table.remove_requested.connect(self.remove_line)
        self.table.back_to_scan.connect(self.focus_scan)
        self.table.editor_closed.connect(self._editor_closed)
        self.model.refused.connect(lambda error: self.feedback.error(self, error))
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset,
                       self.model.dataChanged, self.cash.textChanged):
            signal.connect(self.update_total)
        self.clear_button.clicked.connect(self.clear_asked)
        self.save_button.clicked.connect(self.save)
        for keys, slot in (("Ctrl+D", self.focus_donor), ("F6", self.choose_anonymous), ("F7", self.new_donor),
                           ("Ctrl+F", self.focus_scan), ("Ctrl+N", lambda: self.new_item("")),
                           ("F8", self.focus_cash), ("Ctrl+S", self.save), ("F10", self.save)):
            QShortcut(QKeySequence(keys), self, activated=slot)  # type: ignore[call-overload]  # signal by keyword: not in PySide6's stub
        self.refresh()
        self._show_donor()
        self.update_total()
        self.fill_soon()

    def title(self) -> str:
        return self.tr("Donations in")

    def shortcut_help(self) -> list[str]:
        return [self.tr("Donations in: Ctrl+D donor, F6 anonymous, F7 new donor, Ctrl+F scan, Ctrl+N new item, "
                        "Del remove line, F8 cash, Ctrl+S or F10 save")]

    def activate(self) -> None:
        if self.donor is None:
            self.focus_donor()
        else:
            self.focus_scan()

    def refresh(self) -> None:
        """The donors are read again when next searched (at once if asked for
        before the screen's first fill: a name typed at once is found)."""
        self.donor_field.read_from(self.services.donors.donors)

    def filled(self) -> None:
        """Read the donors now and work out their names' pinyin keys off the
        UI thread, ready for the first search."""
        names = [donor.name for donor in self.donor_field.donors()]
        self.soon_ahead_of_time(lambda: warm_keys(names))

    # --- focus ------------------------------------------------------------
    def focus_donor(self) -> None:
        self.donor_field.setFocus()
        self.donor_field.selectAll()

    def focus_scan(self) -> None:
        self.goods.focus()

    def focus_cash(self) -> None:
        self.cash.setFocus()
        self.cash.selectAll()

    def _stepped(self, delta: int) -> None:
        """↓ from the scan field, no matches open: to the lines."""
        if delta > 0:
            self.focus_lines()

    def focus_lines(self) -> None:
        if self.model.rowCount():
            self.table.setFocus()
            self.table.setCurrentIndex(self.model.index(self.model.rowCount() - 1, LinesModel.QUANTITY))

    # --- (a) the donor ----------------------------------------------------
    def choose_donor(self, donor: DonorRow) -> None:
        self.donor = donor
        self.donor_field.setText(donor_text(donor))
        self.donor_field.setCursorPosition(0)
        self.wants_receipt.setChecked(not donor.declines_receipt)
        self.wishes.setPlaceholderText(donor.wishes or self.tr("e.g. for elderly households"))
        self._show_donor()
        self.focus_scan()

    def choose_anonymous(self) -> None:
        self.donor = ANONYMOUS
        self.donor_field.clear()
        self.wants_receipt.setChecked(True)
        self.wishes.setPlaceholderText(self.tr("e.g. for elderly households"))
        self._show_donor()
        self.focus_scan()

    def _show_donor(self) -> None:
        donor = self.donor
        if donor is None:
            self.donor_label.setObjectName("warning")
            self.donor_label.setText(self.tr("No donor chosen yet: find one, F6 for anonymous, F7 for a new donor."))
        elif isinstance(donor, Anonymous):
            self.donor_label.setObjectName("hint")
            self.donor_label.setText(self.tr("Anonymous donor"))
        else:
            kinds = {DonorKind.PERSON: self.tr("Person"), DonorKind.COMPANY: self.tr("Company"),
                     DonorKind.ANONYMOUS: self.tr("Anonymous")}
            parts = [donor.name or self.tr("Anonymous"), kinds[donor.kind]]
            if donor.credit_code:
                parts.append(donor.credit_code)
            if donor.wishes:
                parts.append(self.tr("wishes: {wishes}").format(wishes=donor.wishes))
            if donor.declines_receipt:
                parts.append(self.tr("does not want a receipt"))
            self.donor_label.setObjectName("hint")
            self.donor_label.setText(" · ".join(parts))
        self.donor_label.style().unpolish(self.donor_label)
        self.donor_label.style().polish(self.donor_label)

    def new_donor(self) -> None:
        typed = self.donor_field.text().strip() if self.donor is None else ""
        dialog = NewDonorDialog(self.services, self.actor, self.feedback, typed, self)
        if self.run_dialog(dialog) != QDialog.DialogCode.Accepted or dialog.changes is None:
            return
        self.changed.emit(dialog.changes)
        self.refresh()
        new_id = dialog.changes.ids[0]
        for donor in self.services.donors.donors():
            if donor.id == new_id:
                self.choose_donor(donor)
                return

    # --- (b) the goods ----------------------------------------------------
    def offer_new_item(self, code: str, quantity: int) -> None:
        if self.feedback.confirm(self, self.tr("Unknown barcode"),
                                 self.tr("No item has barcode {barcode}. Add it to the catalog now?")
                                 .format(barcode=code)):
            self.new_item(code, quantity)

    def add_item(self, item: ItemRow, quantity: int = 1) -> None:
        row = self.model.add_item(item, quantity)
        line = self.model.line_at(row)
        self.goods.added(self.tr("Added: {name} × {quantity}").format(
            name=item.name, quantity=line.quantity if line else quantity))
        self.table.scrollTo(self.model.index(row, 0))
        if line is not None and line.needs_date and line.expiry_date is None:
            self.edit_cell(row, LinesModel.EXPIRY)
        else:
            self.table.setCurrentIndex(self.model.index(row, LinesModel.QUANTITY))
            self.focus_scan()

    def edit_cell(self, row: int, column: int) -> None:
        index = self.model.index(row, column)
        self.table.setFocus()
        self.table.setCurrentIndex(index)
        self._back_to_scan = True
        self.table.edit(index)

    def _editor_closed(self) -> None:
        if self._back_to_scan:
            self._back_to_scan = False
            QTimer.singleShot(0, self.focus_scan)

    def new_item(self, barcode: str, quantity: int = 1) -> None:
        """The catalog's item editor, with the scanned code filled in; the
        new item becomes a line."""
        editor = ItemEditor(self.services, self.actor, self.feedback, self.ask, None, self)
        editor.barcode.setText(barcode)
        editor.source.setCurrentIndex(max(0, editor.source.findData(Source.DONATED.value)))
        _q, typed = self.goods.typed()
        if not barcode and typed and not typed.isdigit():
            editor.name.setText(typed)
        if self.run_dialog(editor) != QDialog.DialogCode.Accepted or editor.changes is None:
            self.focus_scan()
            return
        self.changed.emit(editor.changes)
        self.add_item(self.services.catalog.get(editor.changes.ids[0]), quantity)

    def remove_line(self) -> None:
        index = self.table.currentIndex()
        row = index.row() if index.isValid() else self.model.rowCount() - 1
        line = self.model.line_at(row)
        if line is None:
            return
        self.model.remove(row)
        self.goods.say(self.tr("Removed: {name}").format(name=line.item.name))
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1), index.column()))

    # --- (c) cash and (e) the total ---------------------------------------
    def cash_fen(self) -> int:
        text = self.cash.text().strip()
        return parse_yuan(text, field="cash") if text else 0

    @Slot()
    def update_total(self) -> None:
        goods = self.model.goods_value_fen()
        try:
            cash = self.cash_fen()
        except PosError:
            cash = 0
        self.total.setText(self.tr("Total {amount}").format(amount=format_fen(goods + cash)))
        lines, units, unvalued = self.model.rowCount(), self.model.units(), self.model.unvalued_lines()
        text = self.tr("{lines}, {units}").format(lines=self.tr("%n line(s)", "", lines),
                                                  units=self.tr("%n unit(s)", "", units))
        if unvalued:
            text += self.tr(" ({count} not valued)").format(count=unvalued)
        if cash:
            text += self.tr(" · goods {goods} + cash {cash}").format(goods=format_fen(goods), cash=format_fen(cash))
        self.summary.setText(text)

    # --- (f) saving -------------------------------------------------------
    def draft(self) -> IntakeDraft:
        """What the form says, as the service takes it (raises InvalidInput)."""
        donor = self.donor
        cash = self.cash_fen()
        return IntakeDraft(
            donor_id=donor.id if isinstance(donor, DonorRow) else None,
            lines=tuple(line.intake_line() for line in self.model.lines()),
            cash_fen=cash,
            cash_method=CashMethod(self.cash_method.currentData()) if cash else None,
            wishes=self.wishes.text(),
            wants_receipt=self.wants_receipt.isChecked(),
        )

    def save(self) -> Changes | None:
        self.table.commit_editor()
        if self.donor is None:
            self.feedback.info(self, self.tr("Who is giving?"),
                               self.tr("Choose the donor first, or press F6 for an anonymous donor."))
            self.focus_donor()
            return None
        try:
            draft = self.draft()
            changes = self._receive(draft)
        except PosError as exc:
            self.feedback.error(self, exc)
            self._point_at(exc)
            return None
        lines = self.model.lines()
        soon = [self.tr("{name} (best before {date})").format(name=line.item.name, date=line.expiry_date.isoformat())
                for line in lines if line.expiry_date is not None and line.short_shelf_life(today())]
        summary = self.total.text() + "\n" + self.summary.text()
        self.changed.emit(changes)
        number = changes.number or ""
        self.saved_label.setText(self.tr("Saved {number}").format(number=number))
        self.clear_form()
        warnings = []
        if "short_shelf_life" in changes.warnings:
            warnings.append(self.tr("Less than six months left, put out first: {items}").format(
                items="、".join(soon) if soon else self.tr("food")))
        dialog = SavedDialog(
            number, summary, warnings, offer_receipt=draft.wants_receipt is not False, offer_labels=bool(lines),
            print_receipt=lambda: self.papers.receipt(number, to_file=False),
            print_labels=lambda: self.papers.labels(number, sum(line.quantity for line in lines), len(lines)),
            parent=self)
        self.run_dialog(dialog)
        self.focus_donor()
        return changes

    def _receive(self, draft: IntakeDraft) -> Changes:
        """Save the donation; food short of the store's minimum shelf life
        is taken only with a manager's PIN and reason (a manager at the
        counter types their own), asked for here with the service's words."""
        try:
            return self.services.intake.receive(self.actor, draft)
        except ShortShelfLife as short:
            approval = self.ask(self, describe(short))
            if approval is None:
                raise
            return self.services.intake.receive(self.actor, replace(draft, approval=approval))

    def _point_at(self, error: PosError) -> None:
        """Put the cursor where the refused value is."""
        facts = error.facts
        if isinstance(error, (ExpiredGoods, ShortShelfLife)) or facts.get("field") == "expiry_date":
            row = self.model.row_named(facts.get("item_name", facts.get("value")))
            if row >= 0:
                self.table.setFocus()
                self.table.setCurrentIndex(self.model.index(row, LinesModel.EXPIRY))
        elif isinstance(error, InvalidInput) and facts.get("field") in ("cash", "cash_method"):
            self.focus_cash()

    def before_leaving(self) -> bool:
        if not (self.model.rowCount() or self.cash.text().strip()):
            return True
        return self.feedback.confirm(self, self.tr("Donation not saved"),
                                     self.tr("The donation being entered is not saved. Leave without saving it?"))

    def clear_asked(self) -> None:
        if (self.model.rowCount() or self.cash.text().strip()) and not self.feedback.confirm(
                self, self.tr("Clear form"), self.tr("Clear this donation without saving it?")):
            return
        self.clear_form()
        self.focus_donor()

    def clear_form(self) -> None:
        self.model.clear()
        self.donor = None
        self.donor_field.clear()
        self.goods.clear()
        self.cash.clear()
        self.cash_method.setCurrentIndex(0)
        self.wishes.clear()
        self.wishes.setPlaceholderText(self.tr("e.g. for elderly households"))
        self.wants_receipt.setChecked(True)
        self._show_donor()
        self.update_total()

    def run_dialog(self, dialog: QDialog) -> int:
        """Show a modal dialog; tests replace this so nothing blocks."""
        return dialog.exec()

