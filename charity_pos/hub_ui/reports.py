"""The district's reports across stores (``charity_pos.hub.reports``): pick a
kind and the months, show it (Enter) off the UI thread as a tab per section
(the store app's section model: formatted cells, a totals row), with two
charts above: the stores side by side in the last month shown and the
district month by month, both of the kind's main figure. Exported to Excel,
PDF or CSV (always Chinese), never over the hub's own files."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QCategoryAxis, QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import QMargins, QSize, Qt
from PySide6.QtGui import QKeySequence, QPainter, QPen, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from charity_pos.errors import PosError
from charity_pos.files import not_writable
from charity_pos.hub.engine import HubDatabase
from charity_pos.hub.figures import Period, parse_months
from charity_pos.hub.reports import KINDS, Measure, kinds
from charity_pos.hub_ui.worker import Job
from charity_pos.i18n import describe
from charity_pos.reports.table import ColumnKind, Report
from charity_pos.services.base import Clock, local_date, system_clock
from charity_pos.ui.dashboard.charts import BLUE, GREEN, ChartView, _axis_font, _reset
from charity_pos.ui.export_path import ask_export_path
from charity_pos.ui.flow import flow_widget
from charity_pos.ui.reports.model import SectionModel, cell_text
from charity_pos.ui.reports.words import language
from charity_pos.ui.table_model import make_table_view

# writes a report to a file whose name ends .xlsx, .pdf or .csv (``charity_pos.export.write_report``)
Writer = Callable[..., object]
# at most this many months on the screen at once
MAX_MONTHS = 36
# months shown at first: this one and the ones before
DEFAULT_MONTHS = 6


def write_report(report: Report, path: Path, *, protect: Any = None) -> object:
    from charity_pos.export import write_report as write

    return write(report, path, protect=protect)


def main_measure(kind: str) -> Measure:
    """The figure a kind is charted by: its first figure compared month on month (else its first)."""
    measures = KINDS[kind].measures
    return next((m for m in measures if m.compared), measures[0])


def chart_value(kind: ColumnKind, value: object) -> float:
    """What a bar or a point stands at: yuan for money, the count otherwise."""
    number = value if isinstance(value, int) else 0
    return number / 100 if kind is ColumnKind.MONEY else float(number)


class SmallChart(ChartView):
    """A chart that gives way on a small screen: it asks for less room than the dashboard's."""

    def sizeHint(self) -> QSize:  # noqa: N802
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance("M") * 26, metrics.height() * 12)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance("M") * 18, metrics.height() * 11)


def small_chart(title: str) -> QChartView:
    """As the dashboard's ``chart_view``, in a view that gives way."""
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    view = SmallChart(chart)
    view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)  # shares the height with the tables
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    return view


class DistrictReportsScreen(QWidget):
    def __init__(self, db: HubDatabase, clock: Clock = system_clock, parent: QWidget | None = None,
                 writer: Writer = write_report) -> None:
        super().__init__(parent)
        self.db = db
        self.clock = clock
        self.writer = writer
        self.job: Job | None = None
        self.export_job: Job | None = None
        self.report: Report | None = None
        self.months: list[Period] = []
        # the charts' figures as drawn: (label, value) per bar and per point
        self.bars: list[tuple[str, float]] = []
        self.points: list[tuple[str, float]] = []

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        title = QLabel(self.tr("District reports"))
        title.setObjectName("screenTitle")
        layout.addWidget(title)

        self.kind = QComboBox()
        words = language()
        for name in kinds():
            self.kind.addItem(KINDS[name].title.text(words), name)
        self.start = QLineEdit()
        self.end = QLineEdit()
        for edit in (self.start, self.end):
            edit.setPlaceholderText(self.tr("YYYY-MM"))
            edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("2026-12") * 2)
        self.show_button = QPushButton(self.tr("Show (Enter)"))
        self.show_button.setObjectName("primary")
        self.show_button.clicked.connect(self.reload)
        layout.addWidget(flow_widget(self._labelled(self.tr("Report"), self.kind),
                                     self._labelled(self.tr("From"), self.start),
                                     self._labelled(self.tr("to"), self.end), self.show_button))
        self.message = QLabel("")
        self.message.setObjectName("alert")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        layout.addWidget(self.message)
        self.caption = QLabel(self.tr("Choose a report and the months, then press Enter."))
        self.caption.setObjectName("hint")
        self.caption.setWordWrap(True)
        layout.addWidget(self.caption)

        self.stores_chart = small_chart(self.tr("Stores side by side"))
        self.months_chart = small_chart(self.tr("The district month by month"))
        charts = QWidget()
        row = QHBoxLayout(charts)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.stores_chart, 1)
        row.addWidget(self.months_chart, 1)
        self.tabs = QTabWidget()
        self.tabs.setMinimumHeight(self.fontMetrics().height() * 10)
        layout.addWidget(charts, 1)
        layout.addWidget(self.tabs, 1)
        self.notes = QLabel("")
        self.notes.setObjectName("hint")
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.notes)
        self.notice = QLabel("")
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        layout.addWidget(self.notice)
        self.excel_button = QPushButton(self.tr("Excel (Ctrl+E)"))
        self.pdf_button = QPushButton(self.tr("PDF (Ctrl+P)"))
        self.csv_button = QPushButton(self.tr("CSV"))
        for button, suffix, keys in ((self.excel_button, "xlsx", "Ctrl+E"), (self.pdf_button, "pdf", "Ctrl+P"),
                                     (self.csv_button, "csv", "")):
            button.clicked.connect(lambda _=False, s=suffix: self.export(s))
            if keys:
                QShortcut(QKeySequence(keys), self, activated=lambda s=suffix: self.export(s),  # type: ignore[call-overload]  # signal by keyword: not in PySide6's stub
                          context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        layout.addWidget(flow_widget(QLabel(self.tr("Export:")), self.excel_button, self.pdf_button,
                                     self.csv_button))
        for keys in ("Return", "Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.reload,  # type: ignore[call-overload]  # signal by keyword: not in PySide6's stub
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.kind.currentIndexChanged.connect(lambda _i: self._update_buttons())
        self.set_default_months()
        self._update_buttons()

    @staticmethod
    def _labelled(text: str, widget: QWidget) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(text))
        row.addWidget(widget)
        return box

    # --- the months -------------------------------------------------------
    def set_default_months(self) -> None:
        """This month and the five before (Shanghai time)."""
        today = local_date(self.clock())
        index = today.year * 12 + today.month - 1 - (DEFAULT_MONTHS - 1)
        first = date(index // 12, index % 12 + 1, 1)
        self.start.setText(f"{first.year}-{first.month:02d}")
        self.end.setText(f"{today.year}-{today.month:02d}")

    def select_kind(self, kind: str) -> bool:
        index = self.kind.findData(kind)
        if index >= 0:
            self.kind.setCurrentIndex(index)
        return index >= 0

    def wanted(self) -> list[Period]:
        """The months typed; InvalidInput (or a sentence) when they cannot be shown."""
        months = parse_months(self.start.text(), self.end.text())
        if len(months) > MAX_MONTHS:
            raise ValueError(self.tr("At most {most} at a time: {start} to {end} is {count}.").format(
                most=self.tr("%n month(s)", "", MAX_MONTHS), start=months[0].label, end=months[-1].label,
                count=self.tr("%n month(s)", "", len(months))))
        return months

    # --- showing ----------------------------------------------------------
    def busy(self) -> bool:
        return self.job is not None or self.export_job is not None

    def jobs(self) -> list[Job]:
        return [job for job in (self.job, self.export_job) if job is not None]

    def say(self, error: object) -> None:
        """A refusal in one sentence over the report; None clears it."""
        text = "" if error is None else describe(error) if isinstance(error, PosError) else str(error)
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def reload(self) -> bool:
        """Build the report chosen for the months typed, in the background."""
        if self.job is not None:
            return False
        kind = self.kind.currentData()
        try:
            months = self.wanted()
        except (PosError, ValueError) as exc:
            self.say(exc)
            self.end.setFocus()
            return False
        self.say(None)
        db = self.db

        def work(_report: Callable[[int, int, object], None], _cancelled: Callable[[], bool]) -> Report:
            from charity_pos.hub.reports import build

            return build(db, kind, months)

        self.caption.setText(self.tr("Building the report…"))
        self.show_button.setEnabled(False)
        self.job = Job(work, self)
        self.job.finished.connect(lambda report: self._shown(report, months))
        self.job.failed.connect(self._failed)
        self.job.start()
        self._update_buttons()
        return True

    def _failed(self, error: object) -> None:
        self.job = None
        self.show_button.setEnabled(True)
        self.caption.setText("")
        self.say(error)
        self._update_buttons()

    def _shown(self, report: Report, months: list[Period]) -> None:
        self.job = None
        self.show_button.setEnabled(True)
        self.report = report
        self.months = months
        words = language()
        self.tabs.clear()
        for section in report.sections:
            model = SectionModel(section, words, self)
            table = make_table_view(model, stretch=max(0, model.columnCount() - 1))
            table.setObjectName(f"section-{section.key}")
            self.tabs.addTab(table, section.title.text(words))
        self.caption.setText(self.tr("{title} · {start} to {end}").format(
            title=report.title.text(words), start=months[0].label, end=months[-1].label))
        self.notes.setText("\n".join(note.text(words) for note in report.notes))
        self._draw(report, months)
        self._update_buttons()

    def section_model(self, key: str) -> SectionModel:
        """The model of the tab showing section ``key``."""
        for index in range(self.tabs.count()):
            table = self.tabs.widget(index)
            model = table.model() if isinstance(table, QTableView) else None
            if isinstance(model, SectionModel) and model.section.key == key:
                return model
        raise KeyError(key)

    # --- the charts -------------------------------------------------------
    def _draw(self, report: Report, months: list[Period]) -> None:
        measure = main_measure(report.kind)
        words = language()
        name = measure.title.text(words)
        if measure.kind is ColumnKind.MONEY:
            name = self.tr("{figure} (yuan)").format(figure=name)
        last = report.section(f"month-{months[-1].label}")
        self.bars = [(str(code), chart_value(measure.kind, value))
                     for code, value in zip(last.values("code"), last.values(measure.key), strict=True)]
        district = report.section("district")
        self.points = [(str(label), chart_value(measure.kind, value))
                       for label, value in zip(district.values("period"), district.values(measure.key), strict=True)]

        chart = _reset(self.stores_chart)
        chart.setTitle(self.tr("{figure} by store, {month}").format(figure=name, month=months[-1].label))
        bars = QBarSet(name)
        bars.setColor(BLUE)
        for _code, value in self.bars:
            bars.append(value)
        series = QBarSeries()
        series.append(bars)
        series.setLabelsVisible(len(self.bars) <= 12)
        series.setLabelsFormat("@value")
        chart.addSeries(series)
        self._axes(chart, self.stores_chart, series, [code for code, _ in self.bars])
        chart.legend().setVisible(False)

        chart = _reset(self.months_chart)
        chart.setTitle(self.tr("{figure}, the district by month").format(figure=name))
        line = QLineSeries()
        line.setName(name)
        line.setPen(QPen(GREEN, 2.5))
        line.setPointsVisible(True)
        for index, (_label, value) in enumerate(self.points):
            line.append(index, value)
        chart.addSeries(line)
        self._month_axes(chart, line)
        chart.legend().setVisible(False)
        tip = "\n".join(f"{label}: {cell_text(measure.kind, value)}" for label, value in
                        zip(district.values("period"), district.values(measure.key), strict=True))
        self.months_chart.setToolTip(tip)

    def _axes(self, chart: QChart, view: QChartView, series: QBarSeries, categories: list[str]) -> None:
        x = QBarCategoryAxis()
        x.append(categories or ["—"])
        y = QValueAxis()
        y.setLabelFormat("%.0f")
        top = max([value for _label, value in self.bars] + [4])
        y.setRange(0, top * 1.15)
        y.applyNiceNumbers()
        for axis, side in ((x, Qt.AlignmentFlag.AlignBottom), (y, Qt.AlignmentFlag.AlignLeft)):
            _axis_font(axis, view)
            chart.addAxis(axis, side)
            series.attachAxis(axis)

    def _month_axes(self, chart: QChart, line: QLineSeries) -> None:
        """Months along the bottom, a label every few months so that each is whole on a narrow screen."""
        x = QCategoryAxis()
        x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        count = len(self.points)
        step = max(1, -(-count // 4))
        for index in sorted(range(count - 1, -1, -step)):  # the last month always labelled
            x.append(self.points[index][0], index)
        x.setRange(-0.5, max(count, 1) - 0.5)
        y = QValueAxis()
        y.setLabelFormat("%.0f")
        y.setRange(0, max([value for _label, value in self.points] + [4]) * 1.15)
        y.applyNiceNumbers()
        for axis, side in ((x, Qt.AlignmentFlag.AlignBottom), (y, Qt.AlignmentFlag.AlignLeft)):
            _axis_font(axis, self.months_chart)
            chart.addAxis(axis, side)
            line.attachAxis(axis)

    # --- export -----------------------------------------------------------
    def _update_buttons(self) -> None:
        ready = self.report is not None and self.job is None and self.report.kind == self.kind.currentData()
        for button in (self.excel_button, self.pdf_button, self.csv_button):
            button.setEnabled(ready)

    def ask_path(self, suffix: str, suggested: str) -> Path | None:
        """Where to save the export; tests replace this so nothing blocks."""
        return ask_export_path(self, suffix, suggested)

    def export(self, suffix: str) -> bool:
        report = self.report
        if report is None or self.job is not None or self.export_job is not None or not self.months:
            return False
        suggested = f"{report.title.zh}-{self.months[0].label}-{self.months[-1].label}.{suffix}"
        path = self.ask_path(suffix, suggested)
        if path is None:
            return False
        db, writer = self.db, self.writer

        def work(_report: Callable[[int, int, object], None], _cancelled: Callable[[], bool]) -> Path:
            from sqlalchemy import select

            from charity_pos import export
            from charity_pos.hub.models import Hub
            from charity_pos.hub.service import protected

            with db.read() as s:
                hub_id = s.scalar(select(Hub.id))
            protect = protected(db, hub_id)
            export.check_out(path, protect)  # never over the hub's own files: refused before anything is written
            try:
                writer(report, path, protect=protect)
            except OSError as exc:  # the file system's refusal, in the app's words
                raise not_writable(path, exc) from None
            return path

        self.say(None)
        self.notice.setText(self.tr("Writing {name}…").format(name=path.name))
        self.export_job = Job(work, self)
        self.export_job.finished.connect(self._exported)
        self.export_job.failed.connect(self._export_failed)
        self.export_job.start()
        return True

    def _exported(self, path: Path) -> None:
        self.export_job = None
        self.notice.setText(self.tr("Saved {path}.").format(path=str(path)))

    def _export_failed(self, error: object) -> None:
        self.export_job = None
        self.notice.setText("")
        self.say(error)
