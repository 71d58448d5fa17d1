"""台账与报表: the store's ledgers and reports for managers. Pick a kind,
narrow it (days, goods category, origin), show it (Enter) as tables with
their totals and notes, and export it to Excel, PDF or CSV. Reports are built
off the UI thread: a year's ledger never freezes the counter."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from charity_pos.errors import InvalidInput, PosError
from charity_pos.files import not_writable
from charity_pos.i18n import describe
from charity_pos.reports.period import check_range, month_bounds
from charity_pos.reports.table import Filters, Origin, Report
from charity_pos.reports.words import SOURCES, goods_category
from charity_pos.services.base import Actor, Changes, Entity, Role, local_date
from charity_pos.services.registry import Services
from charity_pos.ui.approval import AskApproval
from charity_pos.ui.background import Background
from charity_pos.ui.feedback import Feedback
from charity_pos.ui.export_path import ask_export_path
from charity_pos.ui.flow import flow_widget
from charity_pos.ui.reports.funds import FundUseDialog, qdate
from charity_pos.ui.reports.model import SectionModel
from charity_pos.ui.reports.words import kind_title, language
from charity_pos.ui.reports.worker import Loader
from charity_pos.ui.session import unguarded
from charity_pos.ui.screen import Screen
from charity_pos.ui.table_model import make_table_view

# writes a report to a file whose name ends .xlsx, .pdf or .csv
Writer = Callable[[Report, Path], object]

FUNDS = "funds"


def write_report(report: Report, path: Path) -> object:
    """The exporters (``charity_pos.export``), looked up when first used."""
    from charity_pos.export import write_report as write

    return write(report, path)


class ReportsScreen(Screen):
    roles = frozenset({Role.MANAGER})
    entities = frozenset({Entity.DONATIONS, Entity.SALES, Entity.HANDOUTS, Entity.STOCK, Entity.FUNDS,
                          Entity.RECEIPTS, Entity.ITEMS})
    shortcut = "Ctrl+K"

    def __init__(self, services: Services, actor: Actor, feedback: Feedback, ask: AskApproval,
                 parent: QWidget | None = None, writer: Writer = write_report) -> None:
        super().__init__(services, actor, feedback, ask, parent)
        self.writer = writer
        self.report: Report | None = None
        self.stale = False
        self._ended: Callable[[BaseException], None] = lambda _error: None
        self.loader = Loader(self)
        self.loader.loaded.connect(self._shown)
        self.loader.failed.connect(self._failed)
        self.loader.busy_changed.connect(self._busy)
        self.exporter = Background(self, lambda error: self.feedback.error(self, error))
        self.exporter.failed.connect(lambda _error: self.notice.setText(""))

        self.setStyleSheet("QListWidget#reportKinds::item { padding: 8px 6px; }")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading())
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.kinds = QListWidget()
        self.kinds.setObjectName("reportKinds")
        for kind in services.reports.kinds():
            item = QListWidgetItem(kind_title(kind))
            item.setData(Qt.ItemDataRole.UserRole, kind)
            self.kinds.addItem(item)
        self.kinds.currentRowChanged.connect(lambda _row: self._kind_changed())
        self.kinds.itemActivated.connect(lambda _item: self.show_now())
        splitter.addWidget(self.kinds)
        splitter.addWidget(self._body())
        splitter.setStretchFactor(1, 1)
        wide = max([self.kinds.sizeHintForColumn(0)] + [self.fontMetrics().horizontalAdvance("M") * 8]) + 24
        splitter.setSizes([wide, 4 * wide])
        layout.addWidget(splitter, 1)

        for keys in ("Return", "Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.show_now,  # type: ignore[call-overload]  # signal by keyword: not in PySide6's stub
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.bind_keys([(self.excel_button, "Ctrl+E", lambda: self.export("xlsx")),
                        (self.pdf_button, "Ctrl+P", lambda: self.export("pdf")),
                        (self.csv_button, "", lambda: self.export("csv")),
                        (self.funds_button, "Ctrl+U", self.record_fund_use)])
        self.set_period(*self._this_month())
        if self.kinds.count():
            self.kinds.setCurrentRow(0)
        self._update_buttons()

    # --- layout -----------------------------------------------------------
    def _body(self) -> QWidget:
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.start = self._date_edit()
        self.end = self._date_edit()
        dates = QWidget()
        row = QHBoxLayout(dates)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("From")))
        row.addWidget(self.start)
        row.addWidget(QLabel(self.tr("to")))
        row.addWidget(self.end)
        self.quick: dict[str, QPushButton] = {}
        quick_widgets = []
        for key, text, period in (("today", self.tr("Today"), self._today_period),
                                  ("month", self.tr("This month"), self._this_month),
                                  ("last_month", self.tr("Last month"), self._last_month),
                                  ("year", self.tr("This year"), self._this_year)):
            made = QPushButton(text)
            made.clicked.connect(lambda _=False, p=period: self.set_period(*p()))
            self.quick[key] = made
            quick_widgets.append(made)
        self.category = QComboBox()
        self.category.addItem(self.tr("All categories"), None)
        for row_ in self.services.catalog.categories():
            self.category.addItem(goods_category(row_.code, row_.name, language()), row_.code)
        self.origin = QComboBox()
        self.origin.addItem(self.tr("All origins"), None)
        for code in Origin.ALL:
            self.origin.addItem(SOURCES[code].text(language()), code)
        category_box = self._labelled(self.tr("Category"), self.category)
        origin_box = self._labelled(self.tr("Origin"), self.origin)
        self.show_button = QPushButton(self.tr("Show (Enter)"))
        self.show_button.setObjectName("primary")
        self.show_button.clicked.connect(self.show_now)
        layout.addWidget(flow_widget(dates, *quick_widgets, category_box, origin_box, self.show_button))

        self.message = QLabel("")
        self.message.setObjectName("alert")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        layout.addWidget(self.message)
        status = QHBoxLayout()
        self.caption = QLabel(self.tr("Choose a ledger, set the days and press Enter."))
        self.caption.setObjectName("hint")
        self.caption.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # no end known: it moves while the report is built
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(12)
        self.progress.setVisible(False)
        status.addWidget(self.caption, 1)
        status.addWidget(self.progress)
        layout.addLayout(status)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.notes = QLabel("")
        self.notes.setObjectName("hint")
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # long notes (English ones more so) scroll in a few lines rather than squeezing the table to a row
        self.notes_box = QScrollArea()
        self.notes_box.setWidget(self.notes)
        self.notes_box.setWidgetResizable(True)
        self.notes_box.setFrameShape(QFrame.Shape.NoFrame)
        self.notes_box.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.notes_box.setMaximumHeight(4 * self.notes.fontMetrics().lineSpacing() + 2 * self.notes.margin())
        self.notes_box.setVisible(False)
        layout.addWidget(self.notes_box)
        self.notice = QLabel("")
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        layout.addWidget(self.notice)
        self.excel_button = QPushButton(self.tr("Excel (Ctrl+E)"))
        self.pdf_button = QPushButton(self.tr("PDF (Ctrl+P)"))
        self.csv_button = QPushButton(self.tr("CSV"))
        self.funds_button = QPushButton(self.tr("Record use of donated cash… (Ctrl+U)"))
        export_label = QLabel(self.tr("Export:"))
        layout.addWidget(flow_widget(export_label, self.excel_button, self.pdf_button, self.csv_button,
                                     self.funds_button))
        return body

    def _date_edit(self) -> QDateEdit:
        made = QDateEdit()
        made.setCalendarPopup(True)
        made.setDisplayFormat("yyyy-MM-dd")
        made.setMinimumDate(QDate(2000, 1, 1))
        return made

    @staticmethod
    def _labelled(text: str, widget: QWidget) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(text))
        row.addWidget(widget)
        return box

    def title(self) -> str:
        return self.tr("Ledgers & reports")

    def shortcut_help(self) -> list[str]:
        return [self.tr("Ledgers & reports: Enter show, Ctrl+E Excel, Ctrl+P PDF, Ctrl+U record use of donated cash")]

    # --- the period -------------------------------------------------------
    def today(self) -> date:
        return local_date(self.services.ctx.now())

    def _today_period(self) -> tuple[date, date]:
        return self.today(), self.today()

    def _this_month(self) -> tuple[date, date]:
        today = self.today()
        return today.replace(day=1), today

    def _last_month(self) -> tuple[date, date]:
        before = self.today().replace(day=1) - timedelta(days=1)
        return month_bounds(before.year, before.month)

    def _this_year(self) -> tuple[date, date]:
        today = self.today()
        return date(today.year, 1, 1), today

    def set_period(self, start: date, end: date) -> None:
        self.start.setDate(qdate(start))
        self.end.setDate(qdate(end))

    def filters(self) -> Filters:
        """What the fields say; InvalidInput when the days are out of order."""
        start, end = self.start.date().toPython(), self.end.date().toPython()
        assert isinstance(start, date) and isinstance(end, date)  # a QDate's (the stub says object)
        check_range(start, end)
        return Filters(start, end, self.category.currentData(), self.origin.currentData())

    def set_filters(self, filters: Filters) -> None:
        self.set_period(filters.start, filters.end)
        self.category.setCurrentIndex(max(0, self.category.findData(filters.category)))
        self.origin.setCurrentIndex(max(0, self.origin.findData(filters.origin)))

    # --- showing ----------------------------------------------------------
    def kind(self) -> str | None:
        item = self.kinds.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def select_kind(self, kind: str) -> bool:
        for row in range(self.kinds.count()):
            if self.kinds.item(row).data(Qt.ItemDataRole.UserRole) == kind:
                self.kinds.setCurrentRow(row)
                return True
        return False

    def show_report(self, kind: str, filters: Filters) -> None:
        """Select ``kind``, set ``filters`` and show it (the dashboard's tiles call this)."""
        if not self.select_kind(kind):
            self.say(InvalidInput(field="report", value=kind, reason="unknown"))
            return
        self.set_filters(filters)
        self.show_now()

    def show_now(self) -> None:
        kind = self.kind()
        if kind is None:
            return
        try:
            filters = self.filters()
        except PosError as exc:
            self.say(exc)
            self.end.setFocus()
            return
        self.say(None)
        self.stale = False
        reports, self._ended = unguarded(self.services.reports)
        actor, words = self.actor, language()
        self.loader.load(lambda: reports.run(actor, kind, filters, words))

    def say(self, error: BaseException | None) -> None:
        """A refusal in one sentence over the tables; None clears it."""
        self.message.setText("" if error is None else describe(error))
        self.message.setVisible(error is not None)

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        if busy:
            self.caption.setText(self.tr("Building the report…"))
        self._update_buttons()

    def _failed(self, error: object) -> None:
        if isinstance(error, BaseException):
            self._ended(error)
            self.say(error)
        self.caption.setText("")

    def _shown(self, report: Report) -> None:
        self.report = report
        for row in range(self.kinds.count()):
            item = self.kinds.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == report.kind:
                item.setText(report.title.text(language()))
        words = language()
        self.tabs.clear()
        lines = 0
        for section in report.sections:
            model = SectionModel(section, words, self)
            table = make_table_view(model, stretch=max(0, model.columnCount() - 1))
            table.setObjectName(f"section-{section.key}")
            self.tabs.addTab(table, f"{section.title.text(words)} ({len(section.rows)})")
            lines += len(section.rows)
        period = self.tr("{start} to {end}").format(start=report.filters.start.isoformat(),
                                                    end=report.filters.end.isoformat())
        self.caption.setText(self.tr("{title} · {store} · {period}").format(
            title=report.title.text(words), store=report.store_name, period=period))
        self.notes.setText("\n".join(note.text(words) for note in report.notes))
        self.notes_box.setVisible(bool(report.notes))
        self._update_buttons()

    def section_model(self, key: str) -> SectionModel:
        """The model of the tab showing section ``key``."""
        for index in range(self.tabs.count()):
            table = self.tabs.widget(index)
            model = table.model() if isinstance(table, QTableView) else None
            if isinstance(model, SectionModel) and model.section.key == key:
                return model
        raise KeyError(key)

    def _kind_changed(self) -> None:
        self.funds_button.setVisible(self.kind() == FUNDS)
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self.report is not None and not self.loader.busy() and self.report.kind == self.kind()
        for made in (self.excel_button, self.pdf_button, self.csv_button):
            made.setEnabled(ready)

    def activate(self) -> None:
        self.kinds.setFocus()
        if self.stale and self.report is not None:
            self.show_now()

    def on_changed(self, changes: Changes) -> None:
        if not changes.entities & self.entities or self.report is None:
            return
        if self.isVisible():
            self.refresh()
        else:
            self.stale = True

    def refresh(self) -> None:
        """Show again what is shown, as the records say now."""
        if self.report is not None and self.report.kind == self.kind():
            self.show_now()

    # --- export -----------------------------------------------------------
    def ask_path(self, suffix: str, suggested: str) -> Path | None:
        """Where to save the export; tests replace this so nothing blocks."""
        return ask_export_path(self, suffix, suggested)

    def export(self, suffix: str) -> None:
        report = self.report
        if report is None or self.loader.busy() or self.exporter.busy():
            return
        suggested = f"{report.title.zh}-{report.filters.start.isoformat()}-{report.filters.end.isoformat()}.{suffix}"
        path = self.ask_path(suffix, suggested)
        if path is None:
            return
        writer = self.writer

        def work(_report: object, _cancelled: object) -> Path:
            try:
                writer(report, path)
            except OSError as exc:  # the file system's refusal, in the app's words
                raise not_writable(path, exc) from None
            return path

        self.notice.setText(self.tr("Writing {name}…").format(name=path.name))
        self.exporter.run(self.tr("Writing {name}…").format(name=path.name), work, self._exported)

    def _exported(self, path: Path) -> None:
        self.notice.setText(self.tr("Saved {path}.").format(path=str(path)))

    # --- donated cash -----------------------------------------------------
    def record_fund_use(self) -> None:
        if self.kind() != FUNDS:
            return
        dialog = FundUseDialog(self.services, self.actor, self.today(), self)
        if self.run_dialog(dialog) and dialog.changes is not None:
            self.notice.setText(self.tr("Use {number} recorded.").format(number=dialog.changes.number))
            self.changed.emit(dialog.changes)  # the funds report shows it when passed back
