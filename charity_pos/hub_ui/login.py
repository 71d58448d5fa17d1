"""The hub app's log-in: the shared log-in form (``ui.login_form``), where
district staff pick their name and type their PIN, checked by the hub."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from charity_pos.hub import users
from charity_pos.hub.engine import HubDatabase
from charity_pos.hub.users import HubActor
from charity_pos.services.base import Clock, system_clock
from charity_pos.ui.login_form import LoginForm


class HubLoginScreen(LoginForm):
    def __init__(self, db: HubDatabase, district: str, clock: Clock = system_clock,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.clock = clock
        self.setWindowTitle(self.tr("charity-pos hub: log in"))
        self.title.setText(self.tr("District hub · {district}").format(district=district))
        self.subtitle.setText(db.shown_url)
        self.reload_users()

    def accounts(self) -> list[tuple[str, str]]:
        return [(self.tr("{name} · district staff ({username})").format(name=user.display_name,
                                                                        username=user.username), user.username)
                for user in users.users(self.db)]

    def check(self, username: str, pin: str) -> HubActor:
        return users.login(self.db, username, pin, clock=self.clock)

    def no_accounts(self) -> str:
        return self.tr("No district staff account yet: add one with charity-pos hub add-user.")
