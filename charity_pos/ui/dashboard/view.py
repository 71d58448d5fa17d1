"""经营概览: the manager's first screen. Today's and this month's sales
income, donations, donated cash, handouts and households served, the cash
drawer, stock alerts, and thirty days in charts. Every figure is a tile that
opens the report behind it (``to_report``). Loaded off the UI thread, and only
when the screen is in front: a change while it is hidden marks it stale."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QScrollArea, QVBoxLayout, QWidget

from charity_pos import config
from charity_pos.domain.money import format_fen
from charity_pos.i18n import describe
from charity_pos.reports.alerts import LATER, SOON
from charity_pos.reports.figures import Figures
from charity_pos.reports.table import Filters
from charity_pos.services.base import STORE_TZ, Actor, Changes, Entity, Role, local_date
from charity_pos.services.registry import Services
from charity_pos.ui.approval import AskApproval
from charity_pos.services import backup
from charity_pos.ui.dashboard import charts
from charity_pos.ui.dashboard.backup import BackupBanner
from charity_pos.reports.overview import DAYS, Overview
from charity_pos.ui.dashboard.tiles import STYLE, Tile
from charity_pos.ui.feedback import Feedback
from charity_pos.ui.flow import flow_widget
from charity_pos.ui.reports.words import language
from charity_pos.ui.reports.worker import Loader
from charity_pos.ui.session import unguarded
from charity_pos.ui.screen import Screen

# the tiles of a period, each with the report it opens
PERIOD_TILES = (("sales", "sales"), ("donations", "donations"), ("cash", "funds"), ("handouts", "handouts"),
                ("households", "handouts"))


class DashboardScreen(Screen):
    roles = frozenset({Role.MANAGER})
    entities = frozenset({Entity.SALES, Entity.DONATIONS, Entity.HANDOUTS, Entity.STOCK, Entity.SHIFTS,
                          Entity.FUNDS})
    shortcut = "Ctrl+M"

    # a figure's report: its kind and filters
    to_report = Signal(str, object)

    def __init__(self, services: Services, actor: Actor, feedback: Feedback, ask: AskApproval,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, actor, feedback, ask, parent)
        self.overview: Overview | None = None
        self.stale = True
        self._ended: Callable[[BaseException], None] = lambda _error: None
        self.loader = Loader(self)
        self.loader.loaded.connect(self._shown)
        self.loader.failed.connect(self._failed)
        self.loader.busy_changed.connect(lambda busy: self.progress.setVisible(busy))
        self.setStyleSheet(STYLE)

        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.heading())
        top.addStretch(1)
        self.progress: QProgressBar = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(12)
        self.progress.setVisible(False)
        self.as_of = QLabel("")
        self.as_of.setObjectName("hint")
        top.addWidget(self.progress)
        top.addWidget(self.as_of)
        outer.addLayout(top)
        self.message = QLabel("")
        self.message.setObjectName("alert")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        outer.addWidget(self.message)
        # the store's backups: an alarm, a warning or a quiet line (``show_backup``)
        self.settings = config.Settings.load()
        self.backup = BackupBanner()
        outer.addWidget(self.backup)

        body = QWidget()
        layout = QVBoxLayout(body)
        self.tiles: dict[str, Tile] = {}
        captions = {"sales": self.tr("Sales income"), "donations": self.tr("Donations received"),
                    "cash": self.tr("Cash donated"), "handouts": self.tr("Handouts (visits)"),
                    "households": self.tr("Households served")}
        self.today_title = self._section_title(layout)
        layout.addWidget(flow_widget(*(self._tile(f"today_{key}", captions[key]) for key, _kind in PERIOD_TILES),
                                     fill=True))
        self.month_title = self._section_title(layout)
        layout.addWidget(flow_widget(*(self._tile(f"month_{key}", captions[key]) for key, _kind in PERIOD_TILES),
                                     fill=True))
        self._section_title(layout, self.tr("Cash drawer and stock alerts"))
        layout.addWidget(flow_widget(
            self._tile("drawer", self.tr("Cash drawer (expected)")),
            self._tile("expiry_soon", self.tr("Best before within %n day(s)", "", SOON)),
            self._tile("expiry_later", self.tr("Best before within %n day(s)", "", LATER)),
            self._tile("out_of_stock", self.tr("Out of stock, sold last month")),
            self._tile("written_off", self.tr("Written off this month")), fill=True))
        self._section_title(layout, self.tr("Charts"))
        self.daily_chart = charts.chart_view(self.tr("Sales income and donated goods by day, last %n day(s)", "",
                                                     DAYS))
        self.relief_chart = charts.chart_view(self.tr("Handouts this month by household category (visits)"))
        self.stock_chart = charts.chart_view(self.tr("Stock on the shelf by origin (at sale price)"))
        layout.addWidget(flow_widget(self.daily_chart, self.relief_chart, self.stock_chart, fill=True))
        note = QLabel(self.tr("Sales income and donated cash are kept apart (收支两条线): they are never added "
                              "into one figure. Click a figure, or Tab to it and press Enter, to open its report."))
        note.setObjectName("hint")
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addStretch(1)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.setWidget(body)
        outer.addWidget(self.scroller, 1)

    def _section_title(self, layout: QVBoxLayout, text: str = "") -> QLabel:
        made = QLabel(text)
        made.setObjectName("sectionTitle")
        layout.addWidget(made)
        return made

    def _tile(self, key: str, caption: str) -> Tile:
        tile = Tile(caption, list_detail=key == "out_of_stock")
        tile.clicked.connect(lambda _=False, k=key: self.open_report(k))
        self.tiles[key] = tile
        return tile

    def title(self) -> str:
        return self.tr("Overview")

    def shortcut_help(self) -> list[str]:
        return [self.tr("Overview: Tab to a figure and Enter to open its report")]

    # --- loading ----------------------------------------------------------
    def today(self) -> date:
        return local_date(self.services.ctx.now())

    def activate(self) -> None:
        self.show_backup()
        if self.stale:
            self.refresh()

    def use_settings(self, settings: config.Settings) -> None:
        self.settings = settings
        self.show_backup()

    def show_backup(self) -> None:
        """The backups' state as it is now (a small file read: on the UI thread)."""
        self.backup.show_status(backup.status(self.services.store().id, self.settings.backups,
                                              self.services.ctx.now()))

    def on_changed(self, changes: Changes) -> None:
        if not changes.entities & self.entities:
            return
        if self.isVisible():
            self.refresh()
        else:
            self.stale = True

    def refresh(self) -> None:
        self.stale = False
        reports, self._ended = unguarded(self.services.reports)
        actor, today = self.actor, self.today()
        self.loader.load(lambda: reports.overview(actor, today))

    def _failed(self, error: object) -> None:
        if isinstance(error, BaseException):
            self._ended(error)
            self.message.setText(describe(error))
            self.message.setVisible(True)

    # --- showing ----------------------------------------------------------
    def _shown(self, overview: Overview) -> None:
        self.overview = overview
        self.message.setVisible(False)
        today = overview.today
        self.as_of.setText(self.tr("As of {time}").format(
            time=self.services.ctx.now().astimezone(STORE_TZ).strftime("%H:%M")))
        self.today_title.setText(self.tr("Today, {day}").format(day=today.isoformat()))
        self.month_title.setText(self.tr("This month, {start} to {end}").format(
            start=overview.month_start.isoformat(), end=today.isoformat()))
        self._period("today", overview.day, overview.day_consigned_fen)
        self._period("month", overview.month, overview.month_consigned_fen)
        drawer = overview.drawer
        if drawer.shifts:
            numbers = ", ".join(n.rsplit("-", 1)[-1] for n in drawer.shifts)
            self.tiles["drawer"].set_figure(format_fen(drawer.expected_cash_fen), self.tr(
                "%n open shift(s): {numbers}", "", len(drawer.shifts)).format(numbers=numbers))
        else:
            self.tiles["drawer"].set_figure("—", self.tr("No shift open"))
        for key, days in (("expiry_soon", SOON), ("expiry_later", LATER)):
            lots = overview.expiring_within(days)
            units = sum(lot.units for lot in lots)
            self.tiles[key].set_figure(self.tr("%n lot(s)", "", len(lots)),
                                       self.tr("%n unit(s) on the shelf", "", units), alert=bool(lots))
        missing = overview.out_of_stock
        self.tiles["out_of_stock"].set_figure(
            self.tr("%n item(s)", "", len(missing)),
            "、".join(m.item_name for m in missing[:3]) + ("…" if len(missing) > 3 else ""), alert=bool(missing))
        gone = overview.written_off
        self.tiles["written_off"].set_figure(self.tr("%n unit(s)", "", gone.units), self.tr(
            "%n write-off(s) · {value} at sale price", "", gone.documents).format(value=format_fen(gone.value_fen)))
        words = language()
        charts.daily(self.daily_chart, overview.series, (self.tr("Sales income (yuan)"),
                                                         self.tr("Donated goods (yuan)")))
        charts.relief(self.relief_chart, overview.month.relief_by_category, words, self.tr("Visits"))
        charts.stock(self.stock_chart, overview.month.stock_by_source, words)

    def _period(self, prefix: str, f: Figures, consigned_fen: int = 0) -> None:
        tiles = self.tiles
        sales = self.tr("%n sale(s), {returns} refunded", "", f.sales).format(returns=format_fen(f.returns_fen))
        if consigned_fen:  # the consignors' money, inside the sales income (代销, 收支两条线)
            sales += " · " + self.tr("consigned {amount}").format(amount=format_fen(consigned_fen))
        tiles[f"{prefix}_sales"].set_figure(format_fen(f.sales_income_fen), sales)
        tiles[f"{prefix}_donations"].set_figure(self.tr("%n gift(s)", "", f.donations), self.tr(
            "goods {value} · %n unit(s)", "", f.goods_units).format(value=format_fen(f.goods_value_fen)))
        tiles[f"{prefix}_cash"].set_figure(format_fen(f.cash_donations_fen), self.tr(
            "%n gift(s) · used {used}", "", f.cash_donations).format(used=format_fen(f.funds_used_fen)))
        tiles[f"{prefix}_handouts"].set_figure(self.tr("%n visit(s)", "", f.handouts), self.tr(
            "goods {value} · %n unit(s)", "", f.handout_units).format(value=format_fen(f.handout_value_fen)))
        tiles[f"{prefix}_households"].set_figure(self.tr("%n household(s)", "", f.households))

    # --- the report behind a figure ---------------------------------------
    def report_for(self, key: str) -> tuple[str, Filters]:
        """The kind and filters of the report behind tile ``key``."""
        today = self.overview.today if self.overview is not None else self.today()
        if key.startswith("today_") or key.startswith("month_"):
            period, name = key.split("_", 1)
            start = today if period == "today" else today.replace(day=1)
            kind = dict(PERIOD_TILES)[name]
            return kind, Filters(start, today)
        if key == "drawer":
            return "sales", Filters(today, today)
        if key == "expiry_soon":
            return "expiry", Filters(today, today + timedelta(days=SOON))
        if key == "expiry_later":
            return "expiry", Filters(today, today + timedelta(days=LATER))
        if key == "written_off":
            return "writeoffs", Filters(today.replace(day=1), today)
        return "stock", Filters(today, today)

    def open_report(self, key: str) -> None:
        kind, filters = self.report_for(key)
        self.to_report.emit(kind, filters)
