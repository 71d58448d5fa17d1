"""Starting the store's app: the application and the shell both apps share
(``ui.shell``: translations, fonts, log-in, main window, log-out), the store
file, its screens, the customer display, backups and training.

The log-in window comes up first, from a plain read of the store file
(``services.store.glance``); the store is opened (checks, lock, upgrade,
services) as soon as the window is up, then the main window's modules are
imported while the cashier types the PIN (``preload``). Nothing on the way
to the log-in window imports SQLAlchemy, the models or a service.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from charity_pos import __version__, config, i18n
from charity_pos.errors import PosError
from charity_pos.services.store import glance
from charity_pos.ui.customer_display import DisplayFeed, open_displays
from charity_pos.ui.feedback import Feedback
from charity_pos.ui.login import LoginScreen, StoreDoor
from charity_pos.ui.shell import LoginShell, make_application, refuse

if TYPE_CHECKING:
    from charity_pos.ui.dashboard.backup import BackupRunner
    from charity_pos.services.base import Actor
    from charity_pos.services.registry import Services
    from charity_pos.ui.main_window import MainWindow
    from charity_pos.ui.screen import Screen

log = logging.getLogger("charity_pos.ui")

#: The store is opened once the log-in window was painted, or this long after it was shown at the latest.
UP_WITHIN_MS = 500

#: What the main window needs, imported after the log-in window is up (``preload``), so that
#: the log-in window comes up sooner and log-in does not wait for it.
MAIN_MODULES = ("charity_pos.services.registry", "charity_pos.ui.main_window", "charity_pos.ui.session", "charity_pos.ui.approval",
                "charity_pos.ui.settings", "charity_pos.ui.dashboard", "charity_pos.ui.sales",
                "charity_pos.ui.handout", "charity_pos.ui.intake", "charity_pos.ui.donations",
                "charity_pos.ui.trace", "charity_pos.ui.reports", "charity_pos.ui.catalog",
                "charity_pos.ui.staff", "charity_pos.ui.households", "charity_pos.ui.bill", "charity_pos.ui.stock",
                "charity_pos.ui.count", "charity_pos.ui.consign", "charity_pos.ui.transfer", "charity_pos.ui.campaign")
# Not pypinyin: its tables take 55 MB, which the counter never needs; the screens that find
# donors and households by their names' initials load it on their first visit.


def screens() -> tuple[type[Screen], ...]:
    """The screens that exist, in navigation order: the managers' overview first (cashiers do not
    see it), then the counter, the cashier's main screen, then relief handouts at the same counter."""
    from charity_pos.ui.bill import BillScreen
    from charity_pos.ui.campaign import CampaignScreen
    from charity_pos.ui.catalog import CatalogScreen
    from charity_pos.ui.count import CountScreen
    from charity_pos.ui.consign import ConsignScreen
    from charity_pos.ui.dashboard import DashboardScreen
    from charity_pos.ui.donations import DonationsScreen
    from charity_pos.ui.expiry import ExpiryScreen
    from charity_pos.ui.handout import HandoutScreen
    from charity_pos.ui.households import HouseholdsScreen
    from charity_pos.ui.intake import IntakeScreen
    from charity_pos.ui.reports import ReportsScreen
    from charity_pos.ui.sales import SaleScreen
    from charity_pos.ui.staff import StaffScreen
    from charity_pos.ui.stock import StockScreen
    from charity_pos.ui.trace import TraceScreen
    from charity_pos.ui.transfer import TransferScreen

    return (DashboardScreen, SaleScreen, HandoutScreen, CampaignScreen, IntakeScreen, DonationsScreen, TraceScreen,
            ReportsScreen, CatalogScreen, StockScreen, CountScreen, ExpiryScreen, TransferScreen, StaffScreen,
            HouseholdsScreen, BillScreen, ConsignScreen)


def __getattr__(name: str) -> object:
    if name == "SCREENS":  # ``from charity_pos.ui.app import SCREENS``: the screens, imported when asked for
        return screens()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: What opening the store needs, imported first, a step at a time, behind the log-in window.
STORE_MODULES = ("sqlalchemy", "sqlalchemy.orm", "charity_pos.db.engine", "charity_pos.db.models",
                 "charity_pos.services.accounts", "charity_pos.services.reports", "charity_pos.services.handouts",
                 "charity_pos.services.registry")


def preload(modules: Sequence[str] = MAIN_MODULES, then: Callable[[], None] | None = None) -> None:
    """Import the main window's modules one at a time while the event loop
    is idle (each turn of it handles what the user typed in between); then
    call ``then``, if given."""
    pending = [m for m in modules if m not in sys.modules]

    def next_one() -> None:
        if pending:
            importlib.import_module(pending.pop(0))
            QTimer.singleShot(0, next_one)
        elif then is not None:
            then()

    QTimer.singleShot(0, next_one)


class Shell(LoginShell):
    """Log-in, main window, log-out, again (``LoginShell``), for the store's
    services, or a ``StoreDoor`` that opens them when first needed
    (``open_store``); with the customer display, backups, training, and the
    session ended by its account's change."""

    login: LoginScreen
    main: MainWindow | None

    def __init__(self, services: Services | StoreDoor, settings: config.Settings,
                 feedback: Feedback | None = None) -> None:
        self.door = services if isinstance(services, StoreDoor) else StoreDoor.of(services)
        self.settings = settings
        self.feedback = feedback or Feedback()
        self.backups: BackupRunner | None = None
        super().__init__(LoginScreen(self.door))
        self.login.training_requested.connect(self.enter_training)
        self.ended: PosError | None = None
        self.display = DisplayFeed()  # the customer display: none until started
        # the training copy's services and log-in while training (培训模式); back to the live store at log-out
        self.training: Services | None = None
        self.training_login: LoginScreen | None = None
        self.upgrade_told = False  # the store file's upgrade, told after the first log-in (``tell_upgrade``)

    @property
    def services(self) -> Services:
        """The live store's services (opened now if they are not yet)."""
        return self.door.services()

    @property
    def current(self) -> Services:
        return self.training or self.services

    def enter_training(self, path: Path) -> None:
        """A manager started training: the copy's own log-in, where trainees use their own PIN."""
        from charity_pos.services.registry import Services

        try:
            self.training = Services.open(Path(path))
        except PosError as exc:
            self.login.say(i18n.describe(exc))
            return
        self.training_login = LoginScreen(self.training)
        self.training_login.logged_in.connect(self.open_main)
        self.training_login.leave_training.connect(self.logout)
        self.login.hide()
        self.training_login.show()

    def leave_training(self) -> None:
        if self.training_login is not None:
            self.training_login.close()
            self.training_login.deleteLater()
            self.training_login = None
        if self.training is not None:
            self.training.close()
            self.training = None

    def start(self) -> None:
        super().start()
        self.display = open_displays(self.settings, self.door.store().name, self.login.screen())

    def shown_login(self) -> LoginScreen:
        return self.training_login or self.login

    def make_main(self, actor: Actor) -> MainWindow:
        from charity_pos.ui.approval import ask_with_dialog
        from charity_pos.ui.main_window import MainWindow
        from charity_pos.ui.session import guarded

        self.ended = None
        services = guarded(self.current, self.session_ended)
        main = self.main = MainWindow(services, actor, screens(), self.feedback,
                                      ask_with_dialog(services, lambda: self.settings.till))
        main.when_built(self._use_settings)
        self._show_backup_running()  # a backup under way since before this log-in
        self.tell_upgrade(main)
        main.settings_requested.connect(self.open_settings)
        self.display.watch(main)
        return main

    def tell_upgrade(self, main: MainWindow) -> None:
        """Once, after the first log-in: the store file was upgraded from an
        earlier version's schema as it was opened, and where the copy of it
        as it was is kept."""
        done = self.services.db.upgrade if self.door.is_open else None
        if done is None or self.upgrade_told:
            return
        self.upgrade_told = True
        from charity_pos import __version__

        text = QCoreApplication.translate(
            "StoreUpgrade", "charity-pos {version} upgraded the store file from schema {before} to {after}. The file "
                            "as it was is kept as {copy}; “charity-pos restore” can put it back if need be.").format(
            version=__version__, before=done.before, after=done.after, copy=done.copy)
        title = QCoreApplication.translate("StoreUpgrade", "The store file was upgraded")
        QTimer.singleShot(0, lambda: self.feedback.info(main, title, text))

    def start_backups(self, runner: BackupRunner, *, at_start: bool = True) -> None:
        """Back the live store up after every shift close, and now if this is
        the day's first start; each result is told to the manager."""
        self.backups = runner
        runner.started.connect(self._show_backup_running)
        runner.finished.connect(self._backup_done)
        runner.failed.connect(self._backup_failed)
        self.services.shifts.after_close.append(runner.after_close)
        if at_start:
            runner.at_start()

    def _show_backup_running(self) -> None:
        if self.main is not None:
            self.main.show_backup_running(self.backups is not None and self.backups.busy())

    def _show_backup(self) -> None:
        self._show_backup_running()
        if self.main is not None:
            for screen in self.main.built_screens():
                show = getattr(screen, "show_backup", None)
                if show is not None:
                    show()

    def _backup_done(self, result: object) -> None:
        self._show_backup()
        if result is not None and self.main is not None:
            self.main.statusBar().showMessage(QCoreApplication.translate(
                "Backups", "Backup made and checked: {file}").format(file=getattr(result, "path", "")), 15000)

    def _backup_failed(self, error: object) -> None:
        self._show_backup()
        if self.main is not None and isinstance(error, BaseException):  # at start: the overview says so
            self.feedback.error(self.main, error)

    def _use_settings(self, screen: Screen) -> None:
        use_settings = getattr(screen, "use_settings", None)
        if use_settings is not None:  # the till, the slip printer
            use_settings(self.settings)

    def logout(self) -> None:
        self.display.unwatch()
        self.close_main()
        self.leave_training()  # switching back to the live store is a log-out
        super().logout()

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
        from charity_pos.ui.settings import SettingsDialog

        SettingsDialog(self.settings, self.main, self.current, self.main.actor if self.main else None).exec()


#: the day's first backup starts this long after the log-in window is up
BACKUP_DELAY_MS = 1500


def _start_backups(shell: Shell, db_path: Path, settings: config.Settings) -> None:
    from charity_pos.ui.dashboard.backup import BackupRunner

    shell.start_backups(BackupRunner(db_path, settings))


def _open_store(door: StoreDoor) -> Services:
    """The store's services, and its start-up chores done."""
    from charity_pos.services.base import UPKEEP
    services = door.services()
    log.info("app started")
    try:  # PIPL: personal data is kept no longer than needed
        erased = services.household_status.erase_lapsed(UPKEEP)
        if erased is not None:
            log.info("personal data of %d lapsed households erased", len(erased.ids))
    except PosError:
        log.exception("erasing lapsed households failed; the app goes on")
    return services


def run_app(db_path: Path, language: str) -> int:
    settings = config.Settings.load()
    app = make_application(language, settings)
    db_path = Path(db_path)
    if not db_path.exists():  # a new PC: make, restore or choose the store (a file that is there is opened)
        from charity_pos.ui.first_start import first_start

        chosen = first_start(db_path, settings)
        if chosen is None:
            return 0
        db_path = chosen
    door = StoreDoor(db_path, glance(db_path))
    if door.glance is None:  # the plain read could not tell: opening the store says what is wrong
        try:
            _open_store(door)
        except PosError as exc:
            refuse(app, exc)
            return 1
    shell = Shell(door, settings)
    shell.start()
    # CHARITY_POS_EXIT_WHEN_READY (the start-up benchmark): quit as soon as the log-in window is
    # up ("1"), or once the store is open behind it too ("store").
    exit_when = os.environ.get("CHARITY_POS_EXIT_WHEN_READY", "")

    def open_behind_login() -> None:
        """Right after the log-in window is up: the store, then the main window's modules."""
        if not door.is_open:
            try:
                _open_store(door)
            except PosError as exc:  # in use, newer, damaged: said as before, and the app ends
                shell.login.hide()
                refuse(app, exc)
                app.exit(1)
                return
            except Exception:  # a bug: as the command line ends on one (logged whole, one line said, status 3)
                log.exception("unexpected error opening the store")
                shell.login.hide()
                print(i18n.translate("cli", "Error: ") + i18n.describe(RuntimeError()), file=sys.stderr)
                app.exit(3)
                return
        if exit_when:
            app.quit()
            return
        if not door.services().store().training:
            # once the log-in is up (the runner's module comes with the overview's)
            QTimer.singleShot(BACKUP_DELAY_MS, lambda: _start_backups(shell, Path(db_path), settings))
        preload()

    done: list[bool] = []

    def when_up() -> None:  # once, when the window was painted (or after a moment, if it never is)
        if not done:
            done.append(True)
            # what support (and the installed package's test) reads to know the app came up, and as what
            log.info("log-in window up (%s): “%s”, charity-pos %s, language %s",
                     "painted" if shell.login.painted else "shown, not painted yet",
                     shell.login.windowTitle(), __version__, language)
            if exit_when and exit_when != "store":
                QTimer.singleShot(0, app.quit)
            else:  # a step at a time, so that what the cashier types shows in between
                preload(STORE_MODULES, then=open_behind_login)

    shell.login.first_painted.connect(when_up)
    QTimer.singleShot(UP_WITHIN_MS, when_up)
    try:
        return app.exec()
    finally:
        if shell.backups is not None and shell.backups.job is not None:
            shell.backups.job.wait()  # a backup under way ends before the store closes
        shell.leave_training()
        door.close()
