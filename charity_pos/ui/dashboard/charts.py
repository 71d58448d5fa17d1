"""The dashboard's charts (Qt Charts): sales and donations by day, handouts
by household category, stock by origin. Each is built anew from plain figures."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time

from PySide6.QtCharts import (
    QAbstractAxis,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QLineSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QDateTime, QMargins, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from charity_pos.domain.money import format_fen
from charity_pos.reports.figures import OriginFigure, ReliefFigure
from charity_pos.reports.series import DayPoint
from charity_pos.reports.words import HOUSEHOLD_CATEGORIES, SOURCES, label
from charity_pos.services.base import STORE_TZ

GREEN, ORANGE, BLUE, GREY = QColor("#1f6f5c"), QColor("#d9822b"), QColor("#3b6ea5"), QColor("#9aa5a3")


class ChartView(QChartView):
    """A chart that asks for room in lines and letters of the app's font, not pixels."""

    def sizeHint(self) -> QSize:  # noqa: N802
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance("M") * 26, metrics.height() * 17)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return self.sizeHint()


def chart_view(title: str) -> QChartView:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(4, 4, 4, 4))
    view = ChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    return view


def _reset(view: QChartView) -> QChart:
    chart = view.chart()
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)
    font = view.font()
    chart.setTitleFont(font)
    chart.legend().setFont(font)
    return chart


def _axis_font(axis: QAbstractAxis, view: QChartView) -> None:
    font = view.font()
    font.setPointSizeF(font.pointSizeF() * 0.85)
    axis.setLabelsFont(font)


def daily(view: QChartView, points: Sequence[DayPoint], names: tuple[str, str]) -> None:
    """Sales income and donated goods' value (yuan) by day: two lines."""
    chart = _reset(view)
    top = 0
    lines = []
    for name, color, value in ((names[0], GREEN, lambda p: p.sales_income_fen),
                               (names[1], ORANGE, lambda p: p.donation_value_fen)):
        series = QLineSeries()
        series.setName(name)
        series.setPen(QPen(color, 2.5))
        for point in points:
            at = datetime.combine(point.day, time(12), STORE_TZ)
            series.append(QDateTime(at).toMSecsSinceEpoch(), value(point) / 100)
            top = max(top, value(point))
        chart.addSeries(series)
        lines.append(series)
    x = QDateTimeAxis()
    x.setFormat("MM-dd")
    x.setTickCount(6)
    y = QValueAxis()
    y.setLabelFormat("%.0f")
    y.setRange(0, max(100, top / 100 * 1.1))
    y.applyNiceNumbers()
    for axis, side in ((x, Qt.AlignmentFlag.AlignBottom), (y, Qt.AlignmentFlag.AlignLeft)):
        _axis_font(axis, view)
        chart.addAxis(axis, side)
        for series in lines:
            series.attachAxis(axis)


def relief(view: QChartView, figures: Sequence[ReliefFigure], language: str, name: str) -> None:
    """人次 by household category (低保, 特困 ...): bars."""
    chart = _reset(view)
    bars = QBarSet(name)
    bars.setColor(BLUE)
    categories = []
    for figure in figures:
        categories.append(label(HOUSEHOLD_CATEGORIES, figure.household_category, language))
        bars.append(figure.visits)
    series = QBarSeries()
    series.append(bars)
    series.setLabelsVisible(True)
    chart.addSeries(series)
    x = QBarCategoryAxis()
    x.append(categories or ["—"])
    y = QValueAxis()
    y.setLabelFormat("%d")
    y.setRange(0, max([f.visits for f in figures] + [4]) * 1.2)
    y.applyNiceNumbers()
    for axis, side in ((x, Qt.AlignmentFlag.AlignBottom), (y, Qt.AlignmentFlag.AlignLeft)):
        _axis_font(axis, view)
        chart.addAxis(axis, side)
        series.attachAxis(axis)
    chart.legend().setVisible(False)


def stock(view: QChartView, figures: Sequence[OriginFigure], language: str) -> None:
    """Stock on the shelf by origin, valued at sale price: a pie with labels."""
    chart = _reset(view)
    pie = QPieSeries()
    colors = {"donated": ORANGE, "purchased": GREEN, "consigned": BLUE}
    for figure in figures:
        if figure.units <= 0:
            continue
        text = f"{label(SOURCES, figure.source, language)} {figure.units:,} · {format_fen(figure.value_fen)}"
        piece = pie.append(text, max(figure.value_fen, 1))
        piece.setColor(colors.get(figure.source, GREY))
        piece.setLabelVisible(True)
        piece.setLabelFont(view.font())
    pie.setPieSize(0.55)
    chart.addSeries(pie)
    chart.legend().setVisible(False)
