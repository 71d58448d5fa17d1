"""Merchant bill (对账, managers only): import the bill WeChat Pay or Alipay
lets the store download, and see a day's phone payments matched to sales,
what is on the bill with no sale, and what the counter took that the bill
does not show. WeChat Pay's bill of a day is ready after 10:00 the next day
and kept three months."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QFileDialog, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from charity_pos.domain.money import format_fen
from charity_pos.errors import PosError
from charity_pos.i18n import describe
from charity_pos.services.base import Actor, Entity, Role, local_date
from charity_pos.services.merchant_bill import MerchantBillService, Reconciliation
from charity_pos.services.registry import Services
from charity_pos.ui.approval import AskApproval
from charity_pos.ui.bill.model import BillModel, rows_of
from charity_pos.ui.feedback import Feedback
from charity_pos.ui.printing import busy
from charity_pos.ui.screen import Screen, key_button
from charity_pos.ui.session import unguarded
from charity_pos.ui.table_model import make_table_view


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class BillScreen(Screen):
    roles = frozenset({Role.MANAGER})
    entities = frozenset({Entity.SALES})
    shortcut = "Ctrl+Shift+B"

    def __init__(self, services: Services, actor: Actor, feedback: Feedback, ask: AskApproval,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, actor, feedback, ask, parent)
        _sales, self._report_ended = unguarded(services.sales)  # the session's guard, for this service too
        self.bills = MerchantBillService(services.ctx, unguarded(services.accounts)[0])
        self.seen: Reconciliation | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading())
        hint = QLabel(self.tr("Download the day's bill from the WeChat Pay or Alipay merchant site (WeChat Pay's is "
                              "ready after 10:00 the next day and kept three months) and import the CSV file."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)

        row = QHBoxLayout()
        day_caption = QLabel(self.tr("Day"))
        self.day = QDateEdit(qdate(self.today() - timedelta(days=1)))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        day_caption.setBuddy(self.day)
        self.import_button = key_button(self.tr("Import a bill (Ctrl+O)"))
        self.show_button = key_button(self.tr("Show the day (Enter)"))
        row.addWidget(day_caption)
        row.addWidget(self.day)
        row.addWidget(self.show_button)
        row.addStretch(1)
        row.addWidget(self.import_button)
        layout.addLayout(row)

        self.summary = QLabel("")
        self.summary.setObjectName("total")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model = BillModel(self)
        self.table = make_table_view(self.model, stretch=BillModel.TRANSACTION)
        layout.addWidget(self.table, 1)
        self.message = QLabel("")
        self.message.setObjectName("warning")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.bind_keys([(self.import_button, "Ctrl+O", self.import_bill),
                        (self.show_button, "", lambda: self.show_day())])
        self.day.editingFinished.connect(self.show_day)

    def title(self) -> str:
        return self.tr("Merchant bill")

    def shortcut_help(self) -> list[str]:
        return [self.tr("Merchant bill: Ctrl+O imports a bill; pick the day and press Enter to see it matched")]

    def today(self) -> date:
        return local_date(self.services.ctx.now())

    def activate(self) -> None:
        self.day.setFocus()
        self.show_day()

    def refresh(self) -> None:
        if self.seen is not None:
            self.show_day()

    # --- what tests replace -----------------------------------------------------------------
    def choose_file(self) -> Path | None:
        name, _filter = QFileDialog.getOpenFileName(self, self.tr("Import a merchant bill"), str(Path.home()),
                                                    self.tr("Merchant bills (*.csv)"))
        return Path(name) if name else None

    # --- actions ------------------------------------------------------------------------------
    def selected_day(self) -> date:
        picked = self.day.date()
        return date(picked.year(), picked.month(), picked.day())

    def import_bill(self) -> None:
        path = self.choose_file()
        if path is None:
            return
        try:
            with busy():
                result = self.bills.import_file(self.actor, path)
        except PosError as exc:
            self._refused(exc)
            return
        names = {"wechat": self.tr("WeChat Pay"), "alipay": self.tr("Alipay")}
        self._say(self.tr("{method} bill: %n line(s) imported, {already} already there.", "", result.added).format(
            method=names[result.method], already=result.already), "notice")
        if result.days:
            self.day.setDate(qdate(result.days[-1] if len(result.days) == 1 else result.days[0]))
        self.show_day(keep_message=True)
        if result.changes.entities:
            self.changed.emit(result.changes)

    def show_day(self, *, keep_message: bool = False) -> Reconciliation | None:
        try:
            seen = self.bills.reconcile(self.actor, self.selected_day())
        except PosError as exc:
            self._refused(exc)
            return None
        if not keep_message:
            self._say("" if seen.matched or seen.bill_only else self.tr(
                "No bill of this day has been imported yet: every phone payment shows as not on the bill."), "notice")
        self.seen = seen
        self.model.set_rows(rows_of(seen))
        self.summary.setText(self.tr(
            "Bill {bill} · counter {counter} · matched {matched} · on the bill only {bill_only} · "
            "sales not on the bill {sale_only}").format(
            bill=format_fen(seen.bill_fen), counter=format_fen(seen.counter_fen), matched=len(seen.matched),
            bill_only=len(seen.bill_only), sale_only=len(seen.counter_only)))
        return seen

    def _refused(self, error: PosError) -> None:
        self._say(describe(error), "warning")
        self._report_ended(error)

    def _say(self, text: str, style: str) -> None:
        """A line below the table: what an import did ("notice"), or why it was refused ("warning")."""
        self.message.setText(text)
        if self.message.objectName() != style:
            self.message.setObjectName(style)
            self.message.style().unpolish(self.message)
            self.message.style().polish(self.message)
