"""Starting the hub app: translations, fonts, the hub's database, log-in,
main window, log-out, again."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from charity_pos import config, i18n
from charity_pos.errors import PosError
from charity_pos.hub.engine import HubDatabase, open_hub
from charity_pos.hub.service import hub_info
from charity_pos.hub.users import HubActor
from charity_pos.hub_ui.login import HubLoginScreen
from charity_pos.hub_ui.window import HubWindow
from charity_pos.services.base import Clock, system_clock
from charity_pos.ui.app import make_application

log = logging.getLogger("charity_pos.hub_ui")


class HubShell:
    """Log-in, main window, log-out, again."""

    def __init__(self, db: HubDatabase, clock: Clock = system_clock) -> None:
        self.db = db
        self.clock = clock
        self.district = hub_info(db).district
        self.login = HubLoginScreen(db, self.district, clock)
        self.login.logged_in.connect(self.open_main)
        self.main: HubWindow | None = None

    def start(self) -> None:
        self.login.show()

    def open_main(self, actor: HubActor) -> None:
        self.main = HubWindow(self.db, actor, self.district, self.clock)
        self.main.logout_requested.connect(self.logout)
        self.login.hide()
        self.main.resize(1200, 800)
        self.main.show()

    def logout(self) -> None:
        if self.main is not None:
            self.main.close()
            self.main.deleteLater()
            self.main = None
        self.login.reload_users()
        self.login.show()

    def close(self) -> None:
        if self.main is not None:
            self.main.close()
        self.login.close()


def run_hub_app(url: str | Path | None, language: str) -> int:
    settings = config.Settings.load()
    app = make_application(language, settings)
    try:
        db = open_hub(url)
        shell = HubShell(db)
    except PosError as exc:
        print(i18n.translate("cli", "Error: ") + i18n.describe(exc), file=sys.stderr)
        if app.platformName() not in ("offscreen", "minimal"):
            QMessageBox.critical(None, "charity-pos", i18n.describe(exc))
        return 1
    log.info("hub app started on %s", db.shown_url)
    shell.start()
    try:
        return app.exec()
    finally:
        shell.close()
        db.close()
