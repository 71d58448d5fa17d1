"""The main window: navigation on the left, the screen on the right, and a
status bar saying which store, who, which role and what day."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFontMetricsF, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMenu,
                               QProgressBar, QSizePolicy, QStackedWidget, QStyle, QWidget)

from charity_pos import __version__
from charity_pos.services.base import STORE_TZ, Actor, Changes, Role
from charity_pos.services.registry import Services
from charity_pos.ui.approval import AskApproval
from charity_pos.ui.feedback import Feedback
from charity_pos.ui.screen import Screen, screen_title, shortcut_help
from charity_pos.ui.shell import AppWindow

ScreenFactory = Callable[[Services, Actor, Feedback, AskApproval], Screen]

#: The navigation takes at most this share of the window's width.
NAVIGATION_SHARE = 0.23


class Navigation(QListWidget):
    """The list of screens, as wide as its longest label needs in the
    language and font in use (no fixed width), so no label is elided."""

    #: The theme's item padding (``QListWidget#navigation::item``), left and right, and the list's own padding.
    ITEM_PADDING = 2 * 10
    ITEM_VPADDING = 2 * 12
    LIST_PADDING = 2 * 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigation")
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setWordWrap(True)  # a label too long for the window's share wraps rather than being cut
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

    def needed_width(self) -> int:
        """The width that shows every item's text whole: the widest label by
        the list's (style-sheet) font, its paddings, the frame and room for
        a vertical scroll bar should the rows not fit the height."""
        self.ensurePolished()
        metrics = self.fontMetrics()
        text = max((metrics.horizontalAdvance(self.item(i).text()) for i in range(self.count())), default=0)
        scroll_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        return text + self.ITEM_PADDING + self.LIST_PADDING + 2 * self.frameWidth() + scroll_bar + 8

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.needed_width(), super().sizeHint().height())

    def text_room(self) -> int:
        """The width a label is drawn in: the list's less the item padding
        and the item view's own text margins."""
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1
        return max(1, self.viewport().width() - self.ITEM_PADDING - 2 * margin)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit_rows()

    def fit_rows(self) -> None:
        """Each row as tall as its label wrapped to the list's width, the
        theme's padding counted (the item delegate measures without it and
        would show a wrapped label's second line cut)."""
        metrics = self.fontMetrics()
        room = self.text_room()
        for i in range(self.count()):
            item = self.item(i)
            text = metrics.boundingRect(QRect(0, 0, room, 10_000), Qt.TextFlag.TextWordWrap, item.text())
            wanted = QSize(self.viewport().width(), text.height() + self.ITEM_VPADDING)
            if item.sizeHint() != wanted:
                item.setSizeHint(wanted)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(min(self.needed_width(), 160), super().minimumSizeHint().height())


def room_for_labels(menu: QMenu) -> None:
    """Widen ``menu`` so that no label is cut: Qt elides a label that mixes
    Chinese and a mnemonic (收银限额(&C)…) a few pixels short of its width."""
    metrics = QFontMetricsF(menu.font())
    mnemonic, middle = Qt.TextFlag.TextShowMnemonic, Qt.TextElideMode.ElideMiddle
    extra = 0
    for action in menu.actions():
        label = action.text()
        width = need = math.ceil(metrics.size(mnemonic, label).width())
        while need < width + 80 and metrics.elidedText(label, middle, need, mnemonic) != label:
            need += 1
        extra = max(extra, need - width)
    if extra:
        menu.setMinimumWidth(menu.sizeHint().width() + extra)


class MainWindow(AppWindow):
    settings_requested = Signal()

    def __init__(self, services: Services, actor: Actor, screens: Sequence[type[Screen]], feedback: Feedback,
                 ask: AskApproval, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.feedback = feedback
        store = services.store()
        self.training = store.training
        title = self.tr("charity-pos · {store}")
        if store.training:
            title = self.tr("TRAINING · charity-pos · {store}")
        self.setWindowTitle(title.format(store=store.name))

        self.ask = ask
        self.navigation = Navigation()
        self.stack = QStackedWidget()
        # Only the screen shown first is built now; each other one on its first visit
        # (``screen_at``). Until then a blank page holds its place in the stack.
        self.screen_classes: list[type[Screen]] = [c for c in screens if actor.role in c.roles]
        self._built: list[Screen | None] = [None] * len(self.screen_classes)
        self._when_built: list[Callable[[Screen], object]] = []
        for row, screen_class in enumerate(self.screen_classes):
            self.stack.addWidget(QWidget())
            label = screen_title(screen_class) + (f"  ({screen_class.shortcut})" if screen_class.shortcut else "")
            self.navigation.addItem(QListWidgetItem(label))
            if screen_class.shortcut:
                action = QAction(self)
                action.setShortcut(QKeySequence(screen_class.shortcut))
                action.triggered.connect(lambda _=False, r=row: self.navigation.setCurrentRow(r))
                self.addAction(action)
        self.navigation.currentRowChanged.connect(self._row_changed)

        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        if store.training:  # 培训模式: a red banner above every screen
            from charity_pos.ui.training import with_banner

            body = with_banner(body)
        self.setCentralWidget(body)
        self._menus()
        self._status(store.name, store.code)
        if self.screen_classes:
            self.navigation.setCurrentRow(0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        """The navigation takes the width its labels need, but never more
        than a share of the window: the screen keeps the rest."""
        self.navigation.setMaximumWidth(max(self.navigation.minimumSizeHint().width(),
                                            int(event.size().width() * NAVIGATION_SHARE)))
        super().resizeEvent(event)

    @property
    def screens(self) -> list[Screen]:
        """Every screen of the window, building those not built yet (tests,
        tools); the window itself keeps to ``built_screens``."""
        return [self.screen_at(row) for row in range(len(self.screen_classes))]

    def built_screens(self) -> list[Screen]:
        return [screen for screen in self._built if screen is not None]

    def when_built(self, prepare: Callable[[Screen], object]) -> None:
        """Call ``prepare`` on each screen built so far and on each one built later."""
        self._when_built.append(prepare)
        for screen in self.built_screens():
            prepare(screen)

    def screen_at(self, row: int) -> Screen:
        """The screen of a navigation row, built on first asking."""
        screen = self._built[row]
        if screen is None:
            screen = self.screen_classes[row](self.services, self.actor, self.feedback, self.ask)
            self._built[row] = screen
            screen.changed.connect(self.broadcast)
            self._connect(screen)
            placeholder = self.stack.widget(row)
            assert placeholder is not None  # every row has its placeholder until its screen is built
            self.stack.insertWidget(row, screen)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            for prepare in self._when_built:
                prepare(screen)
        return screen

    def _screen_with(self, method: str) -> Screen | None:
        """The screen that has ``method`` (built now if it was not), or None."""
        row = next((r for r, c in enumerate(self.screen_classes) if hasattr(c, method)), None)
        return None if row is None else self.screen_at(row)

    def _connect(self, screen: Screen) -> None:
        """Goods a screen sends to be paid for (``to_sale``: a handout's lines
        beyond the allowance) go onto the ticket of the screen that sells
        (``add_to_ticket``); a code a screen sends to be traced (``to_trace``:
        a donation's number) brings up the screen that traces (``show_trace``)
        on it; a figure a screen opens (``to_report``: kind, Filters) is shown
        on the screen that shows reports (``show_report``). The receiving
        screen is built when the first thing comes for it."""

        def has(method: str) -> bool:
            return any(hasattr(c, method) for c in self.screen_classes)

        sending = getattr(screen, "to_sale", None)
        if sending is not None and has("add_to_ticket"):
            sending.connect(self._to_ticket)
        sending = getattr(screen, "to_trace", None)
        if sending is not None and has("show_trace"):
            sending.connect(self._open_trace)
        sending = getattr(screen, "to_report", None)
        if sending is not None and has("show_report"):
            sending.connect(self._open_report)

    def _to_ticket(self, goods: object) -> None:
        seller = self._screen_with("add_to_ticket")
        assert seller is not None  # connected only when a screen has add_to_ticket
        seller.add_to_ticket(goods)  # type: ignore[attr-defined]  # found by the method's name

    def _open_trace(self, code: str) -> None:
        tracer = self._screen_with("show_trace")
        assert tracer is not None
        self.show_screen(tracer)
        tracer.show_trace(code)  # type: ignore[attr-defined]  # found by the method's name

    def _open_report(self, kind: str, filters: object) -> None:
        reports = self._screen_with("show_report")
        assert reports is not None  # connected only when a screen has show_report
        self.show_screen(reports)
        reports.show_report(kind, filters)  # type: ignore[attr-defined]  # found by the method's name

    def _menus(self) -> None:
        system = self.menuBar().addMenu(self.tr("&System"))
        settings = system.addAction(self.tr("&Settings…"))
        settings.setShortcut(QKeySequence("Ctrl+,"))
        settings.triggered.connect(self.settings_requested)
        if self.actor.role == Role.MANAGER:
            limits = system.addAction(self.tr("&Counter limits…"))
            limits.triggered.connect(self.open_counter_rules)
        logout = system.addAction(self.tr("&Log out"))
        logout.setShortcut(QKeySequence("Ctrl+L"))
        logout.triggered.connect(self.request_logout)
        system.addSeparator()
        quit_action = system.addAction(self.tr("&Quit"))
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        keys = help_menu.addAction(self.tr("&Keyboard shortcuts"))
        keys.setShortcut(QKeySequence("F1"))
        keys.triggered.connect(self.show_shortcuts)
        about = help_menu.addAction(self.tr("&About charity-pos"))
        about.triggered.connect(
            lambda: self.feedback.info(self, self.tr("About charity-pos"),
                                       self.tr("charity-pos {version}: point of sale for community charity supermarkets.")
                                       .format(version=__version__)))
        for menu in (system, help_menu):
            room_for_labels(menu)

    def open_counter_rules(self) -> None:
        from charity_pos.ui.sales.rules import CounterRulesDialog

        dialog = CounterRulesDialog(self.services, self.actor, self.feedback, self)
        if self.run_dialog(dialog) and dialog.changes is not None:
            self.broadcast(dialog.changes)

    def run_dialog(self, dialog: QDialog) -> int:
        """Show a modal dialog; tests replace this so nothing blocks."""
        return dialog.exec()

    def leave_ok(self) -> bool:
        """Every screen may put away or ask about unfinished work first."""
        return all(screen.before_leaving() for screen in self.built_screens())

    def request_logout(self) -> None:
        if self.leave_ok():
            self._leaving = True
            self.logout_requested.emit()

    def leave_without_asking(self) -> None:
        """The session has ended (its account was switched off or changed):
        closing puts nothing away and asks nothing."""
        self._leaving = True

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if getattr(self, "_leaving", False) or self.leave_ok():
            event.accept()
        else:
            event.ignore()

    def _status(self, store_name: str, store_code: str) -> None:
        role = self.tr("Manager") if self.actor.role == Role.MANAGER else self.tr("Cashier")
        today = datetime.now(STORE_TZ).date().isoformat()
        self.status_text = self.tr("Store: {store} ({code})   User: {user}   Role: {role}   Date: {date}").format(
            store=store_name, code=store_code, user=self.actor.username, role=role, date=today)
        self.status_label = QLabel(self.status_text)
        self.statusBar().addPermanentWidget(self.status_label, 1)

    def show_backup_running(self, running: bool) -> None:
        """While the store backs itself up (and checks the copy) in the
        background, the status bar says so beside a busy bar; the counter
        goes on meanwhile."""
        busy = getattr(self, "backup_running", None)
        if busy is None:
            if not running:
                return
            busy = self.backup_running = QWidget()
            row = QHBoxLayout(busy)
            row.setContentsMargins(0, 0, 0, 0)
            row.addWidget(QLabel(self.tr("Backing up…")))
            bar = QProgressBar()
            bar.setRange(0, 0)  # how long it takes is not known: a bar that moves
            bar.setTextVisible(False)
            bar.setMaximumWidth(self.fontMetrics().horizontalAdvance("0") * 10)
            row.addWidget(bar)
            self.statusBar().addPermanentWidget(busy)
        busy.setVisible(running)

    def show_shortcuts(self) -> None:
        lines = [self.tr("F1: this list"), self.tr("Ctrl+L: log out"), self.tr("Ctrl+Q: quit"),
                 self.tr("Ctrl+,: settings")]
        lines += [f"{c.shortcut}: {screen_title(c)}" for c in self.screen_classes if c.shortcut]
        for row, screen_class in enumerate(self.screen_classes):
            built = self._built[row]
            build = built if built is not None else (lambda r=row: self.screen_at(r))
            lines += shortcut_help(screen_class, self.actor, build)
        self.feedback.info(self, self.tr("Keyboard shortcuts"), "\n".join(lines))

    def _row_changed(self, row: int) -> None:
        if 0 <= row < len(self.screen_classes):
            screen = self.screen_at(row)
            self.stack.setCurrentIndex(row)
            screen.activate()

    def show_screen(self, screen: Screen) -> None:
        self.navigation.setCurrentRow(next(r for r, built in enumerate(self._built) if built is screen))

    def current_screen(self) -> Screen | None:
        row = self.navigation.currentRow()
        return self._built[row] if 0 <= row < len(self._built) else None

    def broadcast(self, changes: Changes) -> None:
        # a screen not built yet shows what is there when it is built
        for screen in self.built_screens():
            screen.on_changed(changes)
        self.statusBar().showMessage(self.tr("Saved."), 4000)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            return  # Esc belongs to dialogs; never close the main window
        super().keyPressEvent(event)
