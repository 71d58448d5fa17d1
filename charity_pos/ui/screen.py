"""What every screen in the main window has in common."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from charity_pos.services.base import Actor, Changes, Entity, Role
from charity_pos.services.registry import Services
from charity_pos.ui.approval import AskApproval
from charity_pos.ui.feedback import Feedback


class Screen(QWidget):
    """A page of the main window. It emits ``changed`` with what a service
    call changed; the main window passes that to every screen, and each
    refreshes only if it shows one of its ``entities``."""

    changed = Signal(object)  # Changes

    #: Which role sees the screen at all.
    roles: frozenset[Role] = frozenset({Role.CASHIER, Role.MANAGER})
    #: What the screen shows, so it knows when to refresh.
    entities: frozenset[Entity] = frozenset()
    #: Key that brings the screen up.
    shortcut = ""

    def __init__(self, services: Services, actor: Actor, feedback: Feedback, ask: AskApproval,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.feedback = feedback
        self.ask = ask

    def title(self) -> str:
        raise NotImplementedError

    def activate(self) -> None:
        """The screen was brought to the front: put the focus where work starts."""

    def on_changed(self, changes: Changes) -> None:
        if changes.entities & self.entities:
            self.refresh()

    def refresh(self) -> None:
        """Reload what the screen shows."""

    def before_leaving(self) -> bool:
        """The user is logging out or quitting: put unfinished work somewhere
        safe, or ask. False keeps the window open."""
        return True
