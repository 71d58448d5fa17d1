"""What both apps (the store's and the district hub's) start with and run
in: the application (names, its icon, translations, English plurals, fonts
and the theme), a refusal to start said on the terminal and on screen, and the
shell: log-in, main window, log-out, again."""

from __future__ import annotations

import logging
import sys
from typing import Any, cast

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from charity_pos import config, i18n, shipped
from charity_pos.errors import PosError, ResourceMissing
from charity_pos.ui import theme
from charity_pos.ui.collector import collect_on_gui_thread
from charity_pos.ui.login_form import LoginForm
from charity_pos.ui.plural import EnglishPlurals

log = logging.getLogger("charity_pos.ui")

#: The app's icon in the package (drawn by packaging/icon.py; the Windows program's .ico is drawn with it).
ICON = "resources/icons/charity-pos.png"


def app_icon() -> QIcon:
    """The app's icon, for every window and the task bar; none (and a line in the
    log) if its file is missing: the app works without it."""
    try:
        return QIcon(str(shipped.file(ICON)))
    except ResourceMissing:
        log.warning("the app's icon is missing: %s", shipped.resource_name(ICON))
        return QIcon()


def make_application(language: str, settings: config.Settings) -> QApplication:
    # the running application is a QApplication: the app makes no other kind
    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv[:1]))
    app.setApplicationName("charity-pos")
    app.setOrganizationName("charity-pos")
    app.setWindowIcon(app_icon())
    for translator in i18n.load(language):
        app.installTranslator(translator)
    if language == "en":
        app.installTranslator(EnglishPlurals(app))  # "1 line", "3 lines"
    theme.apply(app, settings.font_point_size)
    collect_on_gui_thread(app)  # background loads must never destroy widgets
    return app


def refuse(app: QApplication, error: PosError) -> None:
    """The app cannot start (its database in use, newer, damaged...): said
    as the command line says it, and in a message box when someone is
    looking at a screen."""
    print(i18n.error_line(error), file=sys.stderr)
    if looked_at(app):
        QMessageBox.critical(None, "charity-pos", i18n.describe(error))


def looked_at(app: QApplication) -> bool:
    """Whether someone may be looking at a screen: not Qt's offscreen or
    minimal platform (tests, scripts), where a message box would wait for no one."""
    return app.platformName() not in ("offscreen", "minimal")


def refuse_to_start(error: PosError) -> int:
    """The app cannot even be set up (a file its installation ships is
    missing: ``errors.ResourceMissing``): said as ``refuse`` says it, before
    any window; the status to exit with."""
    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv[:1]))
    app.setApplicationName("charity-pos")
    refuse(app, error)
    return 1


class AppWindow(QMainWindow):
    """An app's main window: it asks its shell to log out."""

    logout_requested = Signal()


def show_in_place_of(login: QWidget, main: QMainWindow, size: QSize | None = None) -> None:
    """The main window up on the screen the log-in window was on, maximized
    there (or at ``size``, where the window manager puts it), the log-in hidden."""
    screen = login.screen()
    login.hide()
    if screen is not None:
        main.setScreen(screen)
    if size is not None:
        main.resize(size)
        main.show()
        return
    if screen is not None:
        main.move(screen.availableGeometry().topLeft())
    main.showMaximized()


class LoginShell:
    """Log-in, main window, log-out, again. A subclass makes the main window
    for who logged in (``make_main``); ``MAIN_SIZE`` is its size, None for
    maximized."""

    MAIN_SIZE: QSize | None = None

    def __init__(self, login: LoginForm) -> None:
        self.login = login
        self.login.logged_in.connect(self.open_main)
        self.main: AppWindow | None = None

    def make_main(self, actor: Any) -> AppWindow:
        raise NotImplementedError

    def shown_login(self) -> LoginForm:
        """The log-in window on screen now (the one the main window replaces)."""
        return self.login

    def start(self) -> None:
        self.login.show()

    def open_main(self, actor: Any) -> None:
        self.main = self.make_main(actor)
        self.main.logout_requested.connect(self.logout)
        show_in_place_of(self.shown_login(), self.main, self.MAIN_SIZE)

    def close_main(self) -> None:
        if self.main is not None:
            self.main.close()
            self.main.deleteLater()
            self.main = None

    def logout(self) -> None:
        self.close_main()
        self.login.reload_users()
        self.login.show()
