"""Transfers between the district's stores at the hub (``charity_pos.hub.transfers``): those in flight (sent,
not yet confirmed by the receiving store), or every one, with the units sent and received; a transfer's lines
with each lot's origin and the reason for a difference. Read off the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from charity_pos.hub import transfers
from charity_pos.hub.engine import HubDatabase
from charity_pos.hub.transfers import HubTransferRow
from charity_pos.hub_ui.stores import RED
from charity_pos.hub_ui.worker import Job
from charity_pos.i18n import describe
from charity_pos.services.base import STORE_TZ, Clock, system_clock
from charity_pos.services.transfers import TransferLineRow
from charity_pos.ui.table_model import RowsModel, make_table_view


class HubTransfersModel(RowsModel[HubTransferRow]):
    NUMBER, SENT, FROM, TO, STATUS, UNITS, RECEIVED = range(7)
    RIGHT = frozenset({UNITS, RECEIVED})

    def headers(self) -> list[str]:
        return [self.tr("Number"), self.tr("Sent"), self.tr("From"), self.tr("To"), self.tr("Status"),
                self.tr("Units sent"), self.tr("Received")]

    def _key(self, row: HubTransferRow) -> object:
        return row.number

    def _display(self, row: HubTransferRow, column: int) -> str:
        if column == self.NUMBER:
            return row.number
        if column == self.SENT:
            return row.sent_at.astimezone(STORE_TZ).strftime("%Y-%m-%d %H:%M")
        if column == self.FROM:
            return row.from_code + (self.tr(" (warehouse)") if row.from_kind == "warehouse" else "")
        if column == self.TO:
            return row.to_code
        if column == self.STATUS:
            return self.tr("In flight") if row.status == "sent" else self.tr("Received")
        if column == self.UNITS:
            return str(row.units_sent)
        return "" if row.units_received is None else str(row.units_received)

    def _foreground(self, row: HubTransferRow, column: int) -> Any:
        if column == self.RECEIVED and row.difference:
            return RED
        return None


class HubTransferLinesModel(RowsModel[TransferLineRow]):
    LINE, GOODS, ORIGIN, SENT, RECEIVED, REASON = range(6)
    RIGHT = frozenset({SENT, RECEIVED})

    def headers(self) -> list[str]:
        return [self.tr("Line"), self.tr("Goods"), self.tr("Where it first came in"), self.tr("Sent"),
                self.tr("Received"), self.tr("Why short")]

    def _key(self, row: TransferLineRow) -> object:
        return row.line_no

    def _display(self, row: TransferLineRow, column: int) -> str:
        if column == self.LINE:
            return str(row.line_no)
        if column == self.GOODS:
            return f"{row.item_name} ({row.unit})"
        if column == self.ORIGIN:
            return " · ".join(part for part in (row.origin_store, row.origin_document, row.origin_lot) if part)
        if column == self.SENT:
            return str(row.quantity_sent)
        if column == self.RECEIVED:
            return "" if row.quantity_received is None else str(row.quantity_received)
        return row.difference_reason

    def _foreground(self, row: TransferLineRow, column: int) -> Any:
        short = row.quantity_received is not None and row.quantity_received < row.quantity_sent
        return RED if column == self.RECEIVED and short else None


class TransfersScreen(QWidget):
    def __init__(self, db: HubDatabase, clock: Clock = system_clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.clock = clock
        self.job: Job | None = None
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Transfers between the district's stores"))
        title.setObjectName("screenTitle")
        layout.addWidget(title)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model = HubTransfersModel(self)
        self.table = make_table_view(self.model, HubTransfersModel.NUMBER)
        layout.addWidget(self.table, 2)
        self.lines_model = HubTransferLinesModel(self)
        self.lines = make_table_view(self.lines_model, HubTransferLinesModel.GOODS,
                                     give_way=(HubTransferLinesModel.ORIGIN, HubTransferLinesModel.REASON))
        layout.addWidget(self.lines, 2)
        buttons = QHBoxLayout()
        self.everything = QCheckBox(self.tr("Confirmed ones too"))
        self.everything.toggled.connect(lambda _on: self.reload())
        self.refresh = QPushButton(self.tr("Refresh"))
        self.refresh.clicked.connect(self.reload)
        buttons.addWidget(self.everything)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh)
        layout.addLayout(buttons)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_lines())

    def busy(self) -> bool:
        return self.job is not None

    def reload(self) -> bool:
        if self.job is not None:
            return False
        db, in_flight_only = self.db, not self.everything.isChecked()

        def work(_report: Callable[[int, int, object], None], _cancelled: Callable[[], bool]) -> list[HubTransferRow]:
            return transfers.transfers(db, in_flight_only=in_flight_only)

        self.refresh.setEnabled(False)
        self.summary.setText(self.tr("Reading…"))
        self.job = Job(work, self)
        self.job.finished.connect(self._shown)
        self.job.failed.connect(self._failed)
        self.job.start()
        return True

    def _shown(self, rows: list[HubTransferRow]) -> None:
        self.job = None
        self.refresh.setEnabled(True)
        self.model.set_rows(rows)
        in_flight = sum(1 for row in rows if row.status == "sent")
        self.summary.setText(self.tr("%n transfer(s) in flight: sent, not yet confirmed by the receiving store.", "",
                                     in_flight))
        if rows:
            self.table.selectRow(0)
        self._show_lines()

    def _show_lines(self) -> None:
        index = self.table.currentIndex()
        row = self.model.row_at(index.row()) if index.isValid() else None
        self.lines_model.set_rows(row.lines if row is not None else [])

    def _failed(self, error: object) -> None:
        self.job = None
        self.refresh.setEnabled(True)
        self.summary.setText(describe(error) if isinstance(error, BaseException) else str(error))
