"""Starting the hub app: the application and the shell both apps share
(``ui.shell``: translations, fonts, log-in, main window, log-out), on the
hub's database."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSize

from charity_pos import config
from charity_pos.errors import PosError
from charity_pos.hub.engine import HubDatabase, open_hub
from charity_pos.hub.service import hub_info
from charity_pos.hub.users import HubActor
from charity_pos.hub_ui.login import HubLoginScreen
from charity_pos.hub_ui.window import HubWindow
from charity_pos.services.base import Clock, system_clock
from charity_pos.ui.shell import LoginShell, make_application, refuse

log = logging.getLogger("charity_pos.hub_ui")


class HubShell(LoginShell):
    """Log-in, main window, log-out, again."""

    MAIN_SIZE = QSize(1200, 800)

    def __init__(self, db: HubDatabase, clock: Clock = system_clock) -> None:
        self.db = db
        self.clock = clock
        self.district = hub_info(db).district
        super().__init__(HubLoginScreen(db, self.district, clock))

    def make_main(self, actor: HubActor) -> HubWindow:
        return HubWindow(self.db, actor, self.district, self.clock)

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
        refuse(app, exc)
        return 1
    log.info("hub app started on %s", db.shown_url)
    shell.start()
    try:
        return app.exec()
    finally:
        shell.close()
        db.close()
