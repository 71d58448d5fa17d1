"""Donations taken in, newest first, and their papers: print or reprint the
receipt (补打), void a wrong one (作废, with a manager), issue a new one after
a void, and print the shelf labels."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QInputDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from charity_pos import files
from charity_pos.services.base import Actor, Entity, Role, local_date
from charity_pos.errors import PosError
from charity_pos.services.donors import warm_keys
from charity_pos.services.receipts import ReceiptResult
from charity_pos.services.registry import Services
from charity_pos.ui.approval import AskApproval, with_approval
from charity_pos.ui.background import Background
from charity_pos.ui.donations.dialogs import VoidDialog
from charity_pos.ui.donations.model import DonationTableModel
from charity_pos.ui.donations.papers import Papers
from charity_pos.ui.feedback import Feedback
from charity_pos.ui.printing import store_output
from charity_pos.ui.flow import FlowLayout
from charity_pos.ui.screen import ListScreen
from charity_pos.ui.session import unguarded
from charity_pos.ui.table_model import MiddleElided

if TYPE_CHECKING:
    from charity_pos.domain.documents import DonorStatement

LIMIT = 500


class DonationsScreen(ListScreen):
    entities = frozenset({Entity.DONATIONS, Entity.RECEIPTS})
    shortcut = "F5"
    model: DonationTableModel
    #: a donation's number, to be traced (the main window opens the trace screen on it)
    to_trace = Signal(str)

    def __init__(self, services: Services, actor: Actor, feedback: Feedback, ask: AskApproval,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, actor, feedback, ask, parent)
        self.output = store_output(self, services)
        self.background = Background(self, lambda error: self.feedback.error(self, error))
        self.papers = Papers(self, self)
        self.papers.changed.connect(self.changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading())

        self.make_list(DonationTableModel(self), DonationTableModel.DONOR,
                       self.tr("Find by donation number, donor or donor's pinyin (Ctrl+F)"),
                       give_way=DonationTableModel.GIVE_WAY)
        self.table.setItemDelegateForColumn(DonationTableModel.RECEIPT, MiddleElided(self.table))
        self.count_label = QLabel("")
        self.count_label.setObjectName("hint")
        self.search.returnPressed.connect(self.search_entered)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.count_label)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)

        self.notice = QLabel("")
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        layout.addWidget(self.notice)

        buttons = FlowLayout()  # wraps to the width: the screen fits 1024x768 in any language
        self.receipt_button = QPushButton()
        self.pdf_button = QPushButton(self.tr("Save as PDF (Ctrl+E)"))
        self.pdf_button.setToolTip(self.tr("Save the receipt as a PDF file instead of printing it"))
        self.void_button = QPushButton(self.tr("Void receipt (Ctrl+Del)"))
        self.labels_button = QPushButton(self.tr("Labels (Ctrl+B)"))
        self.trace_button = QPushButton(self.tr("Trace (Ctrl+Enter)"))
        self.trace_button.setToolTip(self.tr("Where the goods of this donation went"))
        self.statement_button = QPushButton(self.tr("Donor statement… (Ctrl+D)"))
        self.statement_button.setToolTip(self.tr("A letter to the donor: what they gave in a year and what it became"))
        manager = actor.role == Role.MANAGER
        for button in (self.receipt_button, self.pdf_button, self.void_button, self.labels_button,
                       self.trace_button, self.statement_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        # only once they are in the screen: shown before, a button is a window of its own for a moment,
        # which takes the focus from the main window when the screen is built on its first visit
        for button in (self.trace_button, self.statement_button):
            button.setVisible(manager)

        self.bind_keys([
            (self.receipt_button, "Ctrl+P", lambda: self.print_receipt(to_file=False)),
            (self.pdf_button, "Ctrl+E", lambda: self.print_receipt(to_file=True)),
            (self.void_button, "Ctrl+Del", self.void_receipt), (self.labels_button, "Ctrl+B", self.print_labels),
        ] + ([(self.trace_button, "Ctrl+Return", self.trace_selected),
              (self.statement_button, "Ctrl+D", self.donor_statement)] if manager else []))
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self._update_buttons()
        self.fill_soon()

    def title(self) -> str:
        return self.tr("Donations")

    def shortcut_help(self) -> list[str]:
        keys = [self.tr("Donations: Ctrl+F find, Ctrl+P print receipt, Ctrl+E receipt as PDF, "
                        "Ctrl+Del void receipt, Ctrl+B labels")]
        if self.actor.role == Role.MANAGER:
            keys.append(self.tr("Donations: Ctrl+Enter trace the donation, Ctrl+D donor statement"))
        return keys

    def activate(self) -> None:
        self.table.setFocus()
        if self.selected() is None and self.model.rowCount():
            self.table.selectRow(0)

    def filled(self) -> None:
        """The first rows are in: start on the newest, as ``activate`` does
        (unless the user went to the search meanwhile); and work out the
        donors' pinyin keys off the UI thread, ready for the first search."""
        if self.table.hasFocus() and self.selected() is None and self.model.rowCount():
            self.table.selectRow(0)
        names = {row.donor_name for row in self.model.rows() if row.donor_name}
        self.soon_ahead_of_time(lambda: warm_keys(names))

    # --- the list ---------------------------------------------------------
    def refresh(self) -> None:
        selected = self.selected()
        text = self.search.text()
        needle = "".join(text.split()).casefold()
        try:  # read and searched by the service, in plain SQL; it checks that the user may
            rows = self.services.intake.donations(
                self.actor, text, limit=LIMIT, anonymous_too=bool(needle) and needle in self.model.anonymous().casefold())
        except PosError as exc:
            self.feedback.error(self, exc)
            return
        self.model.set_rows(rows)
        self.count_label.setText(self.tr("%n donation(s) shown", "", len(rows)))
        if needle and len(rows) == 1:
            self.table.selectRow(0)  # the one hit: Enter, Ctrl+P or Ctrl+D act on it at once
        elif selected is not None:
            self.select(selected.number)
        self._update_buttons()

    def search_entered(self) -> None:
        """Enter in the search field: to the list, on the hit selected (or the first row)."""
        if not self.model.rowCount():
            return
        if self.selected() is None:
            self.table.selectRow(0)
        self.table.setFocus()

    def _update_buttons(self) -> None:
        donation = self.selected()
        if donation is not None and donation.receipt_status == "void":
            self.receipt_button.setText(self.tr("Reissue receipt (Ctrl+P)"))
        elif donation is not None and donation.receipt_number is not None:
            self.receipt_button.setText(self.tr("Reprint receipt (Ctrl+P)"))
        else:
            self.receipt_button.setText(self.tr("Print receipt (Ctrl+P)"))
        self.receipt_button.setEnabled(donation is not None)
        self.pdf_button.setEnabled(donation is not None)
        self.void_button.setEnabled(donation is not None and donation.receipt_status == "issued")
        self.labels_button.setEnabled(donation is not None and donation.lines > 0)
        self.trace_button.setEnabled(donation is not None and donation.lines > 0)
        self.statement_button.setEnabled(donation is not None and donation.donor_kind != "anonymous")

    # --- the papers -------------------------------------------------------
    def print_receipt(self, *, to_file: bool) -> ReceiptResult | None:
        donation = self.selected()
        if donation is None:
            return None
        reissue = donation.receipt_status == "void"
        if reissue and not self.feedback.confirm(
                self, self.tr("Reissue receipt"),
                self.tr("Receipt {number} was voided. Issue a new receipt, with a new number?")
                .format(number=donation.receipt_number)):
            return None
        if donation.receipt_number is None and not donation.wants_receipt and not self.feedback.confirm(
                self, self.tr("Print receipt"), self.tr("The donor did not want a receipt. Print one anyway?")):
            return None
        result = self.papers.receipt(donation.number, to_file=to_file, reissue=reissue)
        if result is None:
            return None
        document = result.document
        if document.reprint_count:
            self.notice.setText(self.tr("Receipt {number} reprinted, marked 补打 ({count}).").format(
                number=document.receipt_number, count=document.reprint_count))
        else:
            self.notice.setText(self.tr("Receipt {number} issued for {donation}.").format(
                number=document.receipt_number, donation=donation.number))
        return result

    def void_receipt(self) -> None:
        donation = self.selected()
        if donation is None or donation.receipt_number is None or donation.receipt_status != "issued":
            return
        number = donation.receipt_number
        dialog = VoidDialog(number, self)
        if self.run_dialog(dialog) != QDialog.DialogCode.Accepted:
            return
        reason = dialog.given()
        changes = with_approval(
            self, lambda approval: self.services.receipts.void(self.actor, number, reason, approval),
            self.ask, self.feedback)
        if changes is None:
            return
        self.notice.setText(self.tr("Receipt {number} is void. Its number stays on record.").format(number=number))
        self.changed.emit(changes)

    def print_labels(self) -> None:
        donation = self.selected()
        if donation is None or donation.lines == 0:
            return
        number = donation.number
        self.papers.labels(number, donation.units, donation.lines,
                           lambda _done: self.notice.setText(self.tr("Labels for {number} done.").format(number=number)))

    # --- where it went ------------------------------------------------------
    def trace_selected(self) -> None:
        donation = self.selected()
        if donation is not None:
            self.to_trace.emit(donation.number)

    def ask_year(self, default: int) -> int | None:
        """Which year the statement covers; tests replace this. None: cancelled."""
        year, ok = QInputDialog.getInt(self, self.tr("Donor statement"), self.tr("Year of the donations:"),
                                       default, 2000, 2100)
        return year if ok else None

    def donor_statement(self) -> bool:
        """The donor's statement for a year (捐赠反馈函), saved as a PDF where the
        user says. Gathering the year and writing the PDF run off the UI
        thread (``background``); False when nothing started."""
        donation = self.selected()
        if donation is None or self.background.busy():
            return False
        if donation.donor_id is None or donation.donor_kind == "anonymous":
            from charity_pos.errors import DonorAnonymous

            self.feedback.error(self, DonorAnonymous(donor=""))
            return False
        year = self.ask_year(local_date(donation.received_at).year)
        if year is None:
            return False
        trace, ended = unguarded(self.services.trace)
        actor, donor_id = self.actor, donation.donor_id
        return self.background.run(
            self.tr("Gathering what the donor gave in {year}…").format(year=year),
            lambda _report, _cancelled: trace.donor_statement(actor, donor_id, year),
            lambda doc: self._save_statement(doc, year), ended=ended, cancellable=True)

    def _save_statement(self, doc: DonorStatement, year: int) -> None:
        chosen = self.output.choose_file(self, self.tr("donor-statement-{year}.pdf").format(year=year))
        if chosen is None:
            return
        if chosen.suffix.lower() != ".pdf":
            chosen = chosen.with_name(chosen.name + ".pdf")
        self.output.last_folder = chosen.parent
        protect = self.output.protect()

        def write(_report: object, _cancelled: object) -> Path:
            from charity_pos.printing.donor_letter import render_donor_letter

            with files.writing(chosen, protect, force=True, ours=files.is_our_pdf) as pending:
                render_donor_letter(doc, pending.partial)
            return chosen

        def saved(path: Path) -> None:
            self.notice.setText(self.tr("Donor statement for {year} saved to {path}.").format(year=year, path=path))

        self.background.run(self.tr("Writing {name}…").format(name=chosen.name), write, saved)
