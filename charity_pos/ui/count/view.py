"""Stock count (盘点, Ctrl+Shift+C). A manager starts a count (Ctrl+N) over
all goods, a category or a shelf, and prints its count sheets (Ctrl+P, or
Ctrl+E as a PDF). At any till the big scan field adds what is on the shelf:
a scan adds one, ``12*`` and a scan twelve; each scan is saved at once, so
several tills count together. F6 marks the line for a recount, F7 says none
of the goods are on the shelf. A manager sees the variance (expected,
difference, value), gives a reason for a difference over the threshold
(F8), exports it (Ctrl+Shift+X), and finishes (F12) or cancels
(Ctrl+Del) the count. A cashier sees only what was counted: the count is
blind."""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from charity_pos.config import Settings
from charity_pos.domain.money import format_fen
from charity_pos.errors import PosError
from charity_pos.i18n import describe
from charity_pos.services.base import Actor, Changes, Entity, Role
from charity_pos.services.registry import Services
from charity_pos.services.stock_count import CountService
from charity_pos.services.stock_count_rows import CountRow, LineRow, Variance
from charity_pos.ui.approval import AskApproval
from charity_pos.ui.count.dialogs import CountReasonDialog, StartCountDialog
from charity_pos.ui.count.entry import CountEntry
from charity_pos.ui.count.model import CountModel
from charity_pos.ui.export_path import ask_export_path
from charity_pos.ui.feedback import Feedback
from charity_pos.ui.flow import FlowLayout
from charity_pos.ui.printing import busy, store_output
from charity_pos.ui.screen import Screen, key_button
from charity_pos.ui.session import unguarded
from charity_pos.ui.table_model import make_table_view
from charity_pos.ui.words import goods_category


class CountScreen(Screen):
    entities = frozenset({Entity.STOCK, Entity.ITEMS})
    shortcut = "Ctrl+Shift+C"

    def __init__(self, services: Services, actor: Actor, feedback: Feedback, ask: AskApproval,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, actor, feedback, ask, parent)
        accounts, self._report_ended = unguarded(services.accounts)
        self.counts = CountService(services.ctx, accounts)
        self.output = store_output(self, services)
        self.till = ""
        self.variance: Variance | None = None
        manager = actor.role == Role.MANAGER
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading())

        row = QHBoxLayout()
        chosen = QLabel(self.tr("&Count"))
        self.chooser = QComboBox()
        self.chooser.setMinimumContentsLength(16)
        self.chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        chosen.setBuddy(self.chooser)
        self.start_button = key_button(self.tr("Start… (Ctrl+N)"))
        self.sheet_button = key_button(self.tr("Print sheets (Ctrl+P)"))
        self.sheet_pdf_button = key_button(self.tr("Sheets as PDF (Ctrl+E)"))
        row.addWidget(chosen)
        row.addWidget(self.chooser, 1)
        papers = FlowLayout()  # wraps to the width: the screen fits 1024x768 in any language
        for button in (self.start_button, self.sheet_button, self.sheet_pdf_button):
            papers.addWidget(button)
        row.addLayout(papers, 2)
        layout.addLayout(row)
        self.about = QLabel("")
        self.about.setObjectName("hint")
        self.about.setWordWrap(True)
        layout.addWidget(self.about)

        self.entry = CountEntry(self.counts, services.catalog)
        layout.addWidget(self.entry)
        self.model = CountModel(self)
        self.table = make_table_view(self.model, stretch=CountModel.NAME, give_way=(CountModel.REASON,))
        if not manager:
            for column in CountModel.BOOKS:
                self.table.setColumnHidden(column, True)
        layout.addWidget(self.table, 1)
        self.summary = QLabel("")
        self.summary.setObjectName("total")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        keys = FlowLayout(fill=True)  # the keys wrap to the width: the screen fits 1024x768 in any language
        self.recount_button = key_button(self.tr("Recount (F6)"))
        self.none_button = key_button(self.tr("None on the shelf (F7)"))
        self.reason_button = key_button(self.tr("Reason… (F8)"))
        self.export_button = key_button(self.tr("Export… (Ctrl+Shift+X)"))
        self.finish_button = key_button(self.tr("Finish… (F12)"))
        self.cancel_button = key_button(self.tr("Cancel count… (Ctrl+Del)"))
        for button in (self.recount_button, self.none_button):
            keys.addWidget(button)
        for button in (self.reason_button, self.export_button, self.finish_button, self.cancel_button):
            keys.addWidget(button)
            button.setVisible(manager)
        self.start_button.setVisible(manager)
        layout.addLayout(keys)

        actions = [(self.sheet_button, "Ctrl+P", lambda: self.print_sheets(to_file=False)),
                   (self.sheet_pdf_button, "Ctrl+E", lambda: self.print_sheets(to_file=True)),
                   (self.recount_button, "F6", self.mark_recount),
                   (self.none_button, "F7", self.none_found)]
        if manager:
            actions += [(self.start_button, "Ctrl+N", self.start_count), (self.reason_button, "F8", self.explain),
                        (self.export_button, "Ctrl+Shift+X", self.export), (self.finish_button, "F12", self.finish),
                        (self.cancel_button, "Ctrl+Del", self.cancel_count)]
        self.bind_keys(actions)
        self.bind_keys([(key_button(""), "Ctrl+F", self.entry.focus)])
        self.entry.scanned.connect(self.add)
        self.entry.step.connect(self._step)
        self.chooser.activated.connect(lambda _i: self.show_count())
        self.fill_soon()

    # --- the screen -----------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Stock count")

    def shortcut_help(self) -> list[str]:
        return [self.tr("Stock count: scan to add one, 12* and a scan for twelve; F6 recount, F7 none on the shelf, "
                        "Ctrl+P count sheets; managers: Ctrl+N start, F8 reason, F12 finish, Ctrl+Del cancel")]

    def use_settings(self, settings: Settings) -> None:
        """The till the entries are saved as from (this PC's, from settings)."""
        self.till = settings.till

    def activate(self) -> None:
        self.entry.focus()

    def refresh(self) -> None:
        keep = self.number()
        self.chooser.clear()
        counts = self.counts.counts()
        shown = [c for c in counts if c.status == "open"] + [c for c in counts if c.status != "open"][:10]
        for count in shown:
            self.chooser.addItem(self.count_name(count), count.number)
        index = self.chooser.findData(keep) if keep else -1
        self.chooser.setCurrentIndex(index if index >= 0 else 0 if shown else -1)
        self.show_count()

    def count_name(self, count: CountRow) -> str:
        states = {"open": self.tr("open"), "finished": self.tr("finished"), "cancelled": self.tr("cancelled")}
        return f"{count.number} · {self.scope_name(count)} · {states[count.status]}"

    def scope_name(self, count: CountRow) -> str:
        if count.scope == "category":
            return self.tr("category {name}").format(name=goods_category(count.category_code, count.category_name))
        if count.scope == "location":
            return self.tr("shelf {location}").format(location=count.location)
        return self.tr("all goods")

    def number(self) -> str | None:
        data = self.chooser.currentData()
        return str(data) if data else None

    def is_open(self) -> bool:
        return self.variance is not None and self.variance.count.status == "open"

    def show_count(self) -> None:
        number = self.number()
        self.variance = self.counts.variance(number) if number else None
        variance = self.variance
        self.model.set_rows(variance.lines if variance else [])
        open_ = self.is_open()
        self.entry.field.setEnabled(open_)
        for button in (self.recount_button, self.none_button, self.reason_button, self.finish_button,
                       self.cancel_button):
            button.setEnabled(open_)
        for button in (self.sheet_button, self.sheet_pdf_button, self.export_button):
            button.setEnabled(variance is not None)
        if variance is None:
            self.about.setText(self.tr("No count is open. A manager starts one with Ctrl+N."))
            self.summary.setText("")
            return
        count = variance.count
        if count.status == "cancelled":
            self.about.setText(self.tr("Cancelled: {reason}").format(reason=count.note))
        elif count.status == "finished":
            self.about.setText(self.tr("Finished: the differences were moved under {number}.").format(
                number=count.number))
        else:
            self.about.setText(self.tr(
                "Counting {scope}: only what is counted changes at the finish. A difference over {units} units "
                "or {value} needs a recount or a manager's reason.").format(
                scope=self.scope_name(count), units=variance.threshold.units,
                value=format_fen(variance.threshold.value_fen)))
        if self.actor.role == Role.MANAGER:
            self.summary.setText(self.tr("%n item(s) counted · found {found} · missing {missing} · "
                                         "{unsettled} to settle", "", len(variance.lines)).format(
                found=format_fen(variance.found_fen), missing=format_fen(variance.missing_fen),
                unsettled=variance.unsettled))
        else:
            self.summary.setText(self.tr("%n item(s) counted", "", len(variance.lines)))

    def _step(self, delta: int) -> None:
        rows = self.model.rowCount()
        if rows:
            current = self.table.currentIndex().row()
            self.table.selectRow(max(0, min(rows - 1, current + delta)))

    def selected(self) -> LineRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _refused(self, error: PosError) -> None:
        self.entry.refuse(describe(error))
        self._report_ended(error)

    def _done(self, changes: Changes, item_id: uuid.UUID | None = None) -> None:
        self.show_count()
        if item_id is not None:
            row = self.model.row_of(item_id)
            if row >= 0:
                self.table.selectRow(row)
        self.changed.emit(changes)
        self.entry.focus()

    # --- at every till --------------------------------------------------------------------
    def add(self, item_id: object, quantity: int) -> None:
        number = self.number()
        if number is None or not self.is_open():
            self.entry.refuse(self.tr("No count is open here: choose one, or a manager starts one."))
            return
        try:
            entered = self.counts.add(self.actor, number, uuid.UUID(str(item_id)), quantity, till=self.till)
        except PosError as exc:
            self._refused(exc)
            return
        self.entry.clear()
        self.entry.say(self.tr("{name}: +{quantity}, {counted} counted").format(
            name=entered.item_name, quantity=quantity, counted=entered.counted))
        self._done(entered.changes, entered.item_id)

    def none_found(self) -> None:
        """F7: the selected goods (or the goods typed in the field) are not on the shelf."""
        number, line = self.number(), self.selected()
        typed = self.entry.text()
        try:
            if number is None:
                return
            item_id = self.counts.find(typed) if typed else line.item_id if line else None
            if item_id is None:
                self.entry.refuse(self.tr("Scan the goods or choose their line first."))
                return
            entered = self.counts.none_found(self.actor, number, item_id, till=self.till)
        except PosError as exc:
            self._refused(exc)
            return
        self.entry.clear()
        self.entry.say(self.tr("{name}: none on the shelf").format(name=entered.item_name))
        self._done(entered.changes, entered.item_id)

    def mark_recount(self) -> None:
        number, line = self.number(), self.selected()
        if number is None or line is None:
            self.entry.refuse(self.tr("Choose the line to recount first (↑ ↓)."))
            return
        try:
            changes = self.counts.recount(self.actor, number, line.item_id)
        except PosError as exc:
            self._refused(exc)
            return
        self.entry.say(self.tr("{name}: count it again; the new count replaces the earlier one.").format(
            name=line.name))
        self._done(changes, line.item_id)

    # --- papers -----------------------------------------------------------------------------
    def print_sheets(self, *, to_file: bool) -> None:
        number = self.number()
        if number is None:
            return
        from charity_pos.printing.count_sheet import render_count_sheet

        try:
            sheet = self.counts.sheet(self.actor, number)
            if to_file:
                self.output.save_pdf_as(self, lambda path: render_count_sheet(sheet, path), f"盘点表-{number}.pdf")
            else:
                self.output.make_and_print(self, lambda path: render_count_sheet(sheet, path))
        except PosError as exc:
            self._refused(exc)
        except OSError as exc:
            self.feedback.error(self, exc)

    def choose_export(self, suffix: str, suggested: str) -> Path | None:
        """Where the variance goes (tests replace this)."""
        return ask_export_path(self, suffix, suggested)

    def export(self) -> None:
        if self.variance is None:
            return
        from charity_pos import export, files
        from charity_pos.services.count_report import variance_report

        path = self.choose_export("xlsx", f"盘点差异表-{self.variance.count.number}.xlsx")
        if path is None:
            return
        store = self.services.store()
        try:
            with busy():
                export.write_report(variance_report(self.variance, store.name, store.code), path,
                                    protect=files.store_files(self.services.db.path, store.id), force=True)
        except PosError as exc:
            self.feedback.error(self, exc)
            return
        self.entry.say(self.tr("Variance saved to {path}.").format(path=path))

    # --- a manager's --------------------------------------------------------------------------
    def start_count(self) -> None:
        dialog = StartCountDialog(self.counts, self.services.catalog, self.actor, self)
        if self.run_dialog(dialog) and dialog.changes is not None:
            self.refresh()
            index = self.chooser.findData(dialog.changes.number)
            if index >= 0:
                self.chooser.setCurrentIndex(index)
                self.show_count()
            self.changed.emit(dialog.changes)
            self.entry.focus()

    def explain(self) -> None:
        number, line = self.number(), self.selected()
        if number is None or line is None:
            self.entry.refuse(self.tr("Choose the line to explain first (↑ ↓)."))
            return
        item_id = line.item_id
        difference = "" if line.counted is None else f"{line.difference:+d}"
        dialog = CountReasonDialog(
            lambda reason: self.counts.explain(self.actor, number, item_id, reason), self.tr("Reason for a difference"),
            self.tr("“{name}”: counted {counted}, expected {expected} ({difference}). Why?").format(
                name=line.name, counted=line.counted, expected=line.expected, difference=difference),
            example=self.tr("e.g. damaged and thrown away without a write-off"), parent=self)
        if line.reason:
            dialog.reason.setText(line.reason)
        if self.run_dialog(dialog) and dialog.changes is not None:
            self._done(dialog.changes, item_id)

    def finish(self) -> None:
        number, variance = self.number(), self.variance
        if number is None or variance is None:
            return
        if not self.feedback.confirm(self, self.tr("Finish the count"), self.tr(
                "Finish {number}? %n counted item(s) change by their difference (found {found}, missing "
                "{missing}); goods not counted keep their quantity. This cannot be undone.", "",
                len(variance.lines)).format(number=number, found=format_fen(variance.found_fen),
                                            missing=format_fen(variance.missing_fen))):
            return
        try:
            changes = self.counts.finish(self.actor, number)
        except PosError as exc:
            self._refused(exc)
            return
        self.entry.say(self.tr("Count {number} finished.").format(number=number))
        self._done(changes)

    def cancel_count(self) -> None:
        number = self.number()
        if number is None or not self.is_open():
            return
        dialog = CountReasonDialog(
            lambda reason: self.counts.cancel(self.actor, number, reason), self.tr("Cancel the count"),
            self.tr("Cancel {number}? Nothing changes in stock; its entries are kept.").format(number=number),
            example=self.tr("e.g. power cut, counted again another day"), parent=self)
        if self.run_dialog(dialog) and dialog.changes is not None:
            self.entry.say(self.tr("Count {number} cancelled; nothing changed.").format(number=number))
            self._done(dialog.changes)
