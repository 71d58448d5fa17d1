"""Starting the app: translations, fonts, the store file, log-in, main window."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from charity_pos import config, i18n
from charity_pos.errors import PosError
from charity_pos.services.base import Actor
from charity_pos.services.registry import Services
from charity_pos.ui import theme
from charity_pos.ui.approval import ask_with_dialog
from charity_pos.ui.catalog import CatalogScreen
from charity_pos.ui.dashboard import DashboardScreen
from charity_pos.ui.donations import DonationsScreen
from charity_pos.ui.feedback import Feedback
from charity_pos.ui.handout import HandoutScreen
from charity_pos.ui.households import HouseholdsScreen
from charity_pos.ui.intake import IntakeScreen
from charity_pos.ui.login import LoginScreen
from charity_pos.ui.main_window import MainWindow
from charity_pos.ui.plural import EnglishPlurals
from charity_pos.ui.reports import ReportsScreen
from charity_pos.ui.sales import SaleScreen
from charity_pos.ui.session import guarded
from charity_pos.ui.settings import SettingsDialog
from charity_pos.ui.staff import StaffScreen
from charity_pos.ui.trace import TraceScreen

log = logging.getLogger("charity_pos.ui")

#: The screens that exist, in navigation order: the managers' overview first (cashiers do not
#: see it), then the counter, the cashier's main screen, then relief handouts at the same counter.
SCREENS = (DashboardScreen, SaleScreen, HandoutScreen, IntakeScreen, DonationsScreen, TraceScreen, ReportsScreen,
           CatalogScreen, StaffScreen, HouseholdsScreen)


def make_application(language: str, settings: config.Settings) -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("charity-pos")
    app.setOrganizationName("charity-pos")
    for translator in i18n.load(language):
        app.installTranslator(translator)
    if language == "en":
        app.installTranslator(EnglishPlurals(app))  # "1 line", "3 lines"
    theme.apply(app, settings.font_point_size)  # type: ignore[arg-type]
    return app  # type: ignore[return-value]


class Shell:
    """Log-in, main window, log-out, again: the app's top-level flow."""

    def __init__(self, services: Services, settings: config.Settings, feedback: Feedback | None = None) -> None:
        self.services = services
        self.settings = settings
        self.feedback = feedback or Feedback()
        self.login = LoginScreen(services)
        self.login.logged_in.connect(self.open_main)
        self.main: MainWindow | None = None
        self.ended: PosError | None = None

    def start(self) -> None:
        self.login.show()

    def open_main(self, actor: Actor) -> None:
        self.ended = None
        services = guarded(self.services, self.session_ended)
        self.main = MainWindow(services, actor, SCREENS, self.feedback,
                               ask_with_dialog(services, lambda: self.settings.till))
        for screen in self.main.screens:
            use_settings = getattr(screen, "use_settings", None)
            if use_settings is not None:  # the till, the slip printer
                use_settings(self.settings)
        self.main.logout_requested.connect(self.logout)
        self.main.settings_requested.connect(self.open_settings)
        screen = self.login.screen()
        self.login.hide()
        if screen is not None:  # maximized on the screen the log-in window was on
            self.main.setScreen(screen)
            self.main.move(screen.availableGeometry().topLeft())
        self.main.showMaximized()

    def logout(self) -> None:
        if self.main is not None:
            self.main.close()
            self.main.deleteLater()
            self.main = None
        self.login.reload_users()
        self.login.show()

    def session_ended(self, error: PosError) -> None:
        """A service refused the session's account: switched off, or its role
        changed since it logged in. The screen says so; then back to log-in."""
        if self.ended is None:
            self.ended = error
            log.info("session ended by the account's change: %s", type(error).__name__)
            QTimer.singleShot(0, self._end_session)

    def _end_session(self) -> None:
        if self.main is None or self.ended is None:
            return
        if QApplication.activeModalWidget() is not None:  # the message still open: after it
            QTimer.singleShot(100, self._end_session)
            return
        # The account may do nothing more, not even park an unpaid ticket.
        self.main.leave_without_asking()
        self.logout()
        self.login.say(i18n.describe(self.ended))

    def open_settings(self) -> None:
        SettingsDialog(self.settings, self.main).exec()


def run_app(db_path: Path, language: str) -> int:
    settings = config.Settings.load()
    app = make_application(language, settings)
    try:
        services = Services.open(Path(db_path))
    except PosError as exc:
        print(i18n.describe(exc), file=sys.stderr)
        if app.platformName() not in ("offscreen", "minimal"):  # someone is looking at a screen
            QMessageBox.critical(None, "charity-pos", i18n.describe(exc))
        return 1
    log.info("app started")
    try:  # PIPL: personal data is kept no longer than needed
        erased = services.household_status.erase_lapsed(None)
        if erased is not None:
            log.info("personal data of %d lapsed households erased", len(erased.ids))
    except PosError:
        log.exception("erasing lapsed households failed; the app goes on")
    shell = Shell(services, settings)
    shell.start()
    if os.environ.get("CHARITY_POS_EXIT_WHEN_READY"):
        # Used by the start-up benchmark: quit as soon as the log-in is up.
        QTimer.singleShot(0, app.quit)
    try:
        return app.exec()
    finally:
        services.close()
