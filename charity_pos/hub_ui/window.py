"""The hub app's main window: navigation on the left (import, stores,
registry, reporting status, households past their allowance, verify a
receipt: F9, the district's reports: F8, transfers between stores, relief campaigns), the screen on the
right, who is logged in below."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QPushButton, QStackedWidget, QWidget

from charity_pos import __version__
from charity_pos.hub.engine import HubDatabase
from charity_pos.hub.users import HubActor
from charity_pos.hub_ui.allowance import AllowanceScreen
from charity_pos.hub_ui.campaigns import CampaignsScreen
from charity_pos.hub_ui.importing import ImportScreen
from charity_pos.hub_ui.receipts import ReceiptCheckScreen
from charity_pos.hub_ui.registry import RegistryScreen
from charity_pos.hub_ui.reporting import ReportingScreen
from charity_pos.hub_ui.reports import DistrictReportsScreen
from charity_pos.hub_ui.stores import StoresScreen
from charity_pos.hub_ui.transfers import TransfersScreen
from charity_pos.services.base import Clock, system_clock
from charity_pos.ui.shell import AppWindow


class HubWindow(AppWindow):
    def __init__(self, db: HubDatabase, actor: HubActor, district: str, clock: Clock = system_clock,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.actor = actor
        self.setWindowTitle(self.tr("charity-pos hub · {district}").format(district=district))
        self.setMinimumSize(QSize(1000, 700))
        self.import_screen = ImportScreen(db, clock)
        self.stores_screen = StoresScreen(db, clock)
        self.registry_screen = RegistryScreen(db, clock)
        self.reporting_screen = ReportingScreen(db, clock)
        self.allowance_screen = AllowanceScreen(db, clock)
        self.receipts_screen = ReceiptCheckScreen(db)
        self.reports_screen = DistrictReportsScreen(db, clock)
        self.transfers_screen = TransfersScreen(db, clock)
        self.campaigns_screen = CampaignsScreen(db)
        self.import_screen.imported.connect(self.stores_screen.reload)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(216)
        self.stack = QStackedWidget()
        for label, screen in ((self.tr("Import bundles"), self.import_screen), (self.tr("Stores"), self.stores_screen),
                              (self.tr("Registry"), self.registry_screen),
                              (self.tr("Reporting"), self.reporting_screen),
                              (self.tr("Past their allowance"), self.allowance_screen),
                              (self.tr("Verify a receipt (F9)"), self.receipts_screen),
                              (self.tr("District reports (F8)"), self.reports_screen),
                              (self.tr("Transfers"), self.transfers_screen),
                              (self.tr("Campaigns"), self.campaigns_screen)):
            self.navigation.addItem(label)
            self.stack.addWidget(screen)
        QShortcut(QKeySequence("F9"), self, activated=lambda: self.navigation.setCurrentRow(  # type: ignore[call-overload]  # signal by keyword: not in PySide6's stub
            self.stack.indexOf(self.receipts_screen)))
        QShortcut(QKeySequence("F8"), self, activated=lambda: self.navigation.setCurrentRow(  # type: ignore[call-overload]  # signal by keyword: not in PySide6's stub
            self.stack.indexOf(self.reports_screen)))
        self.navigation.currentRowChanged.connect(self._show)
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)
        self.navigation.setCurrentRow(0)

        bar = self.statusBar()
        bar.addWidget(QLabel(self.tr("{district} · {name} ({username}) · district staff · charity-pos {version}").format(
            district=district, name=actor.display_name, username=actor.username, version=__version__)))
        logout = QPushButton(self.tr("Log out"))
        logout.clicked.connect(self.logout_requested)
        bar.addPermanentWidget(logout)

    def _show(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        screen = self.stack.currentWidget()
        if screen is self.stores_screen:
            self.stores_screen.reload()
        elif screen is self.registry_screen:
            self.registry_screen.reload()
        elif screen is self.reports_screen and self.reports_screen.report is None:
            self.reports_screen.reload()
        elif screen in (self.reporting_screen, self.allowance_screen, self.transfers_screen, self.campaigns_screen):
            screen.reload()

    def busy(self) -> bool:
        return (any(s.busy() for s in (self.import_screen, self.stores_screen, self.reporting_screen,
                                       self.allowance_screen, self.receipts_screen, self.reports_screen,
                                       self.transfers_screen, self.campaigns_screen))
                or self.registry_screen.job is not None)

    def wait_for_jobs(self) -> None:
        """Let the file at hand finish (a file is imported whole or not at all)."""
        for job in (self.import_screen.job, self.stores_screen.job, self.registry_screen.job, self.allowance_screen.job,
                    self.receipts_screen.job, self.transfers_screen.job, self.campaigns_screen.job, *self.reporting_screen.jobs(),
                    *self.reports_screen.jobs()):
            if job is not None:
                job.cancel()
                job.wait()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.wait_for_jobs()
        super().closeEvent(event)
