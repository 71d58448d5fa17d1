"""Who has reported: the stores x months matrix (``charity_pos.hub.reporting``)
with a symbol and a colour in each cell, the reporting rate per month under
it, silent stores at the top with their days since the last bundle; a cell
opens that store's month. Read off the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from charity_pos.hub import reporting
from charity_pos.hub.engine import HubDatabase
from charity_pos.hub.reporting import LATE, MISSING, NOT_DUE, NOT_EXPECTED, ON_TIME, Cell, Status, StoreMonth
from charity_pos.hub_ui.stores import RED, local_time
from charity_pos.hub_ui.worker import Job
from charity_pos.i18n import describe
from charity_pos.reports.words import label
from charity_pos.services.base import Clock, system_clock
from charity_pos.ui.reports.words import language

Index = QModelIndex | QPersistentModelIndex

SYMBOLS = {ON_TIME: "✓", LATE: "!", MISSING: "✗", NOT_DUE: "·", NOT_EXPECTED: "–"}
COLOURS = {ON_TIME: QColor("#d5efd9"), LATE: QColor("#fbe3b5"), MISSING: QColor("#f6c9c4"), NOT_DUE: QColor("#eeeeee")}
# the columns before the months
FIXED = 2


class ReportingModel(QAbstractTableModel):
    """Stores down the side (silent ones first), months across; three rows of figures under them."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.status: Status | None = None

    def set_status(self, status: Status | None) -> None:
        self.beginResetModel()
        self.status = status
        self.endResetModel()

    def state_text(self, state: str) -> str:
        return {ON_TIME: self.tr("on time"), LATE: self.tr("late"), MISSING: self.tr("missing"),
                NOT_DUE: self.tr("not yet due"), NOT_EXPECTED: self.tr("not expected (registered later)")}[state]

    def stores(self) -> int:
        return len(self.status.stores) if self.status else 0

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.status is None else self.stores() + 3

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.status is None else FIXED + len(self.status.months)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal or self.status is None:
            return None
        if section == 0:
            return self.tr("Store")
        if section == 1:
            return self.tr("Days since last bundle")
        return self.status.months[section - FIXED]

    def cell(self, row: int, column: int) -> tuple[str, Cell] | None:
        """(store code, cell) at a place of the table; None off the matrix."""
        if self.status is None or not 0 <= row < self.stores() or column < FIXED:
            return None
        line = self.status.stores[row]
        return line.code, line.cells[column - FIXED]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.status is None or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if row >= self.stores():
            return self._figures(row - self.stores(), column, role)
        line = self.status.stores[row]
        if column < FIXED:
            if role == Qt.ItemDataRole.DisplayRole:
                if column == 0:
                    return f"{line.code} {line.short_name}"
                if line.days_silent is None:
                    return self.tr("never")
                return self.tr("%n day(s)", "", line.days_silent) if line.silent else str(line.days_silent)
            if role == Qt.ItemDataRole.ToolTipRole and column == 0:
                return line.name
            if role == Qt.ItemDataRole.ForegroundRole and column == 1 and line.silent:
                return RED
            if role == Qt.ItemDataRole.FontRole and column == 1 and line.silent:
                bold = QFont()
                bold.setBold(True)
                return bold
            if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        cell = line.cells[column - FIXED]
        if role == Qt.ItemDataRole.DisplayRole:
            return SYMBOLS[cell.state] + (f" {cell.events:,}" if cell.events else "")
        if role == Qt.ItemDataRole.BackgroundRole:
            return COLOURS.get(cell.state)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(cell)
        return None

    def tooltip(self, cell: Cell) -> str:
        lines = [self.state_text(cell.state)]
        if cell.events:
            lines.append(self.tr("%n event(s), the last at {at}", "", cell.events).format(
                at=local_time(cell.last_event_at)))
            lines.append(self.tr("reached the hub {at} (%n bundle(s))", "", cell.bundles).format(
                at=local_time(cell.reached_at)))
        return "\n".join(lines)

    def _figures(self, which: int, column: int, role: int) -> Any:
        assert self.status is not None
        if role == Qt.ItemDataRole.FontRole:
            bold = QFont()
            bold.setBold(True)
            return bold
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int((Qt.AlignmentFlag.AlignCenter if column >= FIXED else Qt.AlignmentFlag.AlignLeft)
                       | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return (self.tr("Reporting rate"), self.tr("On-time rate"), self.tr("Stores expected"))[which]
        if column < FIXED:
            return ""
        rate = self.status.rates[column - FIXED]
        if which == 2:
            return str(rate.expected)
        value = rate.rate if which == 0 else rate.on_time_rate
        if not rate.due:
            return "·"
        return "" if value is None else f"{round(value * 100)}%"


class StoreMonthDialog(QDialog):
    """One store's month: its state, its events by kind, the bundles that carried them."""

    def __init__(self, month: StoreMonth, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("{code} · {month}").format(code=month.code, month=month.month))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        cell = month.cell
        states = ReportingModel(self)
        self.state = QLabel(f"{SYMBOLS[cell.state]} {states.state_text(cell.state)}")
        form.addRow(self.tr("Store"), QLabel(f"{month.code} {month.name}"))
        form.addRow(self.tr("Month"), QLabel(month.month))
        form.addRow(self.tr("Status"), self.state)
        form.addRow(self.tr("Due at the hub by"), QLabel(local_time(month.deadline)))
        form.addRow(self.tr("Events"), QLabel(f"{cell.events:,}"))
        form.addRow(self.tr("Last event"), QLabel(local_time(cell.last_event_at) or "—"))
        form.addRow(self.tr("Reached the hub"), QLabel(local_time(cell.reached_at) or "—"))
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Events by kind")))
        self.kinds = QListWidget()
        lang = language()
        for kind, count in month.kinds:
            self.kinds.addItem(f"{label(reporting.EVENT_KINDS, kind, lang)}: {count:,}")
            self.kinds.item(self.kinds.count() - 1).setToolTip(kind)
        if not month.kinds:
            self.kinds.addItem(self.tr("No event of this month is at the hub."))
        layout.addWidget(self.kinds, 1)
        layout.addWidget(QLabel(self.tr("Bundles that carried them")))
        self.bundles = QListWidget()
        for bundle in month.bundles:
            self.bundles.addItem(self.tr("{name}: imported {at}, events #{first}-#{last}").format(
                name=bundle.file_name, at=local_time(bundle.imported_at), first=bundle.first_seq, last=bundle.last_seq))
        layout.addWidget(self.bundles, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 520)


class ReportingScreen(QWidget):
    def __init__(self, db: HubDatabase, clock: Clock = system_clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.clock = clock
        self.job: Job | None = None
        self.detail_job: Job | None = None
        self.dialog: StoreMonthDialog | None = None
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Reporting status"))
        title.setObjectName("screenTitle")
        layout.addWidget(title)
        top = QHBoxLayout()
        self.start = QLineEdit()
        self.start.setPlaceholderText(self.tr("YYYY-MM"))
        self.end = QLineEdit()
        self.end.setPlaceholderText(self.tr("YYYY-MM"))
        for edit in (self.start, self.end):
            edit.setMaximumWidth(110)
            edit.returnPressed.connect(self.reload)
        self.show_button = QPushButton(self.tr("Show"))
        self.show_button.clicked.connect(self.reload)
        top.addWidget(QLabel(self.tr("From")))
        top.addWidget(self.start)
        top.addWidget(QLabel(self.tr("to")))
        top.addWidget(self.end)
        top.addWidget(self.show_button)
        top.addStretch(1)
        layout.addLayout(top)
        self.warning = QLabel("")
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        layout.addWidget(self.warning)
        self.model = ReportingModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.activated.connect(self._open)
        self.table.clicked.connect(self._open)
        layout.addWidget(self.table, 1)
        self.legend = QLabel(self.tr("✓ on time · ! late · ✗ missing · · not yet due · – not expected (registered "
                                     "later); the number is the month's events. A month's events are due at the hub "
                                     "by the end of the 5th of the next month (Shanghai time). Click a cell for the "
                                     "store's month."))
        self.legend.setWordWrap(True)
        layout.addWidget(self.legend)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

    def busy(self) -> bool:
        return self.job is not None or self.detail_job is not None

    def jobs(self) -> list[Job]:
        return [job for job in (self.job, self.detail_job) if job is not None]

    def reload(self) -> bool:
        """Read the matrix for the months typed (by default the last 12), in the background."""
        if self.job is not None:
            return False
        db, clock = self.db, self.clock
        start, end = self.start.text().strip() or None, self.end.text().strip() or None

        def work(_report: Callable[[int, int, object], None], _cancelled: Callable[[], bool]) -> Status:
            return reporting.reporting_status(db, start, end, clock=clock)

        self.message.setText(self.tr("Reading…"))
        self.show_button.setEnabled(False)
        self.job = Job(work, self)
        self.job.finished.connect(self._shown)
        self.job.failed.connect(self._failed)
        self.job.start()
        return True

    def _shown(self, status: Status) -> None:
        self.job = None
        self.show_button.setEnabled(True)
        self.message.clear()
        self.model.set_status(status)
        if status.stores:  # the latest months in sight on a narrow screen
            self.table.scrollTo(self.model.index(0, self.model.columnCount() - 1))
            self.table.horizontalScrollBar().setValue(self.table.horizontalScrollBar().maximum())
        silent = [line for line in status.stores if line.silent]
        if silent:
            self.warning.setText(self.tr("Silent for more than 7 days: {stores}").format(stores=", ".join(
                f"{line.code} ({self.tr('never') if line.days_silent is None else line.days_silent})"
                for line in silent)))
        else:
            self.warning.clear()
        if not status.stores:
            self.message.setText(self.tr("No store is registered at this hub yet."))

    def _failed(self, error: object) -> None:
        self.job = None
        self.show_button.setEnabled(True)
        self.message.setText(describe(error) if isinstance(error, BaseException) else str(error))

    # --- one store's month ------------------------------------------------------------------------
    def _open(self, index: QModelIndex) -> None:
        place = self.model.cell(index.row(), index.column())
        if place is not None and self.model.status is not None:
            self.open_month(place[0], self.model.status.months[index.column() - FIXED])

    def open_month(self, code: str, month: str) -> bool:
        if self.detail_job is not None:
            return False
        db, clock = self.db, self.clock

        def work(_report: Callable[[int, int, object], None], _cancelled: Callable[[], bool]) -> StoreMonth:
            return reporting.store_month(db, code, month, clock=clock)

        self.detail_job = Job(work, self)
        self.detail_job.finished.connect(self._month)
        self.detail_job.failed.connect(self._month_failed)
        self.detail_job.start()
        return True

    def _month(self, month: StoreMonth) -> None:
        self.detail_job = None
        if self.dialog is not None:
            self.dialog.close()
        self.dialog = StoreMonthDialog(month, self)
        self.dialog.show()

    def _month_failed(self, error: object) -> None:
        self.detail_job = None
        self.message.setText(describe(error) if isinstance(error, BaseException) else str(error))
