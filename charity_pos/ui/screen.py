"""What every screen in the main window has in common, and what the screens
that list rows (a search field over a table) have in common."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton, QTableView, QWidget

from charity_pos.services.base import Actor, Changes, Entity, Role
from charity_pos.services.registry import Services
from charity_pos.ui.approval import AskApproval
from charity_pos.ui.feedback import Feedback
from charity_pos.ui.table_model import RowsModel, make_table_view

log = logging.getLogger("charity_pos.ui")

#: A button, the key that does the same ("" for none), and what both do.
KeyAction = tuple[QPushButton, str, Callable[[], object]]


def ahead_of_time(work: Callable[[], object]) -> None:
    """Do ``work`` in a thread of its own and forget it: work that only
    makes a later step faster (pinyin keys of names a search will look at),
    with no widget and no database session in it. The UI thread never waits
    for it; a later step that needs the result works it out if it is not
    there yet."""

    def run() -> None:
        try:
            work()
        except Exception:  # noqa: BLE001 - the step it speeds up does the work itself and reports
            log.exception("work done ahead of time failed")

    threading.Thread(target=run, name="charity-pos-ahead", daemon=True).start()


def key_button(text: str) -> QPushButton:
    """A button that leaves the focus in the scan field."""
    made = QPushButton(text)
    made.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return made


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

    def heading(self) -> QLabel:
        """The screen's title, to stand at its top."""
        label = QLabel(self.title())
        label.setObjectName("screenTitle")
        return label

    def bind_keys(self, actions: Iterable[KeyAction]) -> None:
        """Each button does its action when clicked, and so does its key."""
        for button, keys, slot in actions:
            button.clicked.connect(slot)
            if keys:
                QShortcut(QKeySequence(keys), self, activated=slot)  # type: ignore[call-overload]  # signal by keyword: not in PySide6's stub

    def activate(self) -> None:
        """The screen was brought to the front: put the focus where work starts."""

    def fill_soon(self) -> None:
        """Fill the screen (``refresh``) right after it shows, not while it
        is built: on its first visit the screen comes up at once, its fields
        ready, and its rows follow a moment later (a table shown measures
        only the rows in view; one not shown yet, every row). What the user
        types meanwhile is looked up at once, as always."""
        QTimer.singleShot(0, self, self._first_fill)

    def _first_fill(self) -> None:
        self.refresh()
        self.filled()

    def filled(self) -> None:
        """The screen's rows are in for the first time (``fill_soon``)."""

    #: How long after its first fill a screen starts work ahead of time: long enough for the
    #: screen to be painted first (the work, in a thread of its own, still holds Python's
    #: interpreter lock at times, pypinyin's tables loading for over a tenth of a second).
    AHEAD_AFTER_MS = 300

    def soon_ahead_of_time(self, work: Callable[[], object]) -> None:
        """``ahead_of_time(work)``, once the screen is up (``AHEAD_AFTER_MS``)."""
        QTimer.singleShot(self.AHEAD_AFTER_MS, self, lambda: ahead_of_time(work))

    def on_changed(self, changes: Changes) -> None:
        if changes.entities & self.entities:
            self.refresh()

    def refresh(self) -> None:
        """Reload what the screen shows."""

    def before_leaving(self) -> bool:
        """The user is logging out or quitting: put unfinished work somewhere
        safe, or ask. False keeps the window open."""
        return True

    def run_dialog(self, dialog: QDialog) -> int:
        """Show a modal dialog; tests replace this so nothing blocks."""
        return dialog.exec()


class _StandIn:
    """What a screen's ``title`` and ``shortcut_help`` ask of ``self``
    (``tr`` in the screen's translation context, the actor), for a screen
    not built yet: the main window builds screens on their first visit, but
    lists them all from the start."""

    def __init__(self, screen_class: type[Screen], actor: Actor | None = None) -> None:
        # self.tr looks a text up under the class's name, then its bases' (as PySide does)
        self._contexts = [k.__name__ for k in screen_class.__mro__ if isinstance(k, type) and issubclass(k, Screen)]
        self.actor = actor

    def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str:
        for context in self._contexts:
            translated = QCoreApplication.translate(context, text, disambiguation, n)
            if translated != text:
                return translated
        return text


def screen_title(screen_class: type[Screen]) -> str:
    """A screen's title without building it."""
    return screen_class.title(_StandIn(screen_class))  # type: ignore[arg-type]  # stands in for the screen's texts


def shortcut_help(screen_class: type[Screen], actor: Actor, screen: Screen | Callable[[], Screen]) -> list[str]:
    """A screen's lines of the keyboard help (``shortcut_help``, if it has
    one): from the screen itself if built, else without building it unless
    the help needs more of it than its texts and the actor."""
    method = getattr(screen_class, "shortcut_help", None)
    if method is None:
        return []
    if isinstance(screen, Screen):
        return method(screen)
    try:
        return method(_StandIn(screen_class, actor))
    except AttributeError:
        return method(screen())


class SearchesList:
    """Keys of a screen with a search field (``search``) over a list
    (``table`` of ``model``): Ctrl+F's target selects the text, ↓ from the
    field goes into the list on its first row."""

    search: QLineEdit
    table: QTableView
    model: Any

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and self.search.hasFocus() and self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)
            return
        super().keyPressEvent(event)  # type: ignore[misc]  # a mixin: the widget after it in the MRO has it


class ListScreen(SearchesList, Screen):
    """A screen that lists rows under a search field: typing in it looks the
    rows up again, Ctrl+F goes to it, ↓ from it into the list, and the
    screen acts on the row selected."""

    #: How long typing waits before the rows are looked up again (ms); 0: at once.
    search_delay_ms = 0

    def make_list(self, model: RowsModel[Any], stretch: int, placeholder: str, give_way: Sequence[int] = (),
                  readable: int | None = None) -> None:
        """The search field (``search``) and the table (``table``) of ``model``
        (``give_way``: its columns of words that narrow when the window is
        short of room, ``FittingTable``); the screen lays them out."""
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self.model = model
        self.table: QTableView = make_table_view(model, stretch=stretch, give_way=give_way, readable=readable)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.search_delay_ms)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start() if self.search_delay_ms else self.refresh())
        QShortcut(QKeySequence("Ctrl+F"), self, activated=self.focus_search)  # type: ignore[call-overload]  # signal by keyword: not in PySide6's stub

    def activate(self) -> None:
        self.focus_search()

    def _first_fill(self) -> None:
        """The rows come into a table laid out empty. Were its vertical
        scroll bar to appear only once they are in, the table would narrow
        and measure its columns again (every column's rows in view) for the
        narrower width: the bar is in place before they come, and stays if
        they need it (a short list measures its few rows again without it)."""
        table = self.table
        if not table.isVisible():  # laid out when it is shown, the bar with it
            super()._first_fill()
            return
        policy = table.verticalScrollBarPolicy()
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        try:
            self.refresh()
            table.doItemsLayout()  # the rows laid out now, and the bar's range with them
        finally:
            table.setVerticalScrollBarPolicy(policy)
        self.filled()

    def selected(self) -> Any:
        """The row selected; None if none is."""
        indexes = self.table.selectionModel().selectedRows()
        return self.model.row_at(indexes[0].row()) if indexes else None

    def select(self, key: object) -> None:
        """Select the row whose key (the model's ``_key``) is ``key``, if it is shown."""
        row = self.model.row_of(key)
        if row >= 0:
            self.table.selectRow(row)
