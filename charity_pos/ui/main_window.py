"""The main window: navigation on the left, the screen on the right, and a
status bar saying which store, who, which role and what day."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFontMetricsF, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, QMenu,
                               QSizePolicy, QStackedWidget, QStyle, QWidget)

from charity_pos import __version__
from charity_pos.services.base import STORE_TZ, Actor, Changes, Role
from charity_pos.services.registry import Services
from charity_pos.ui.approval import AskApproval
from charity_pos.ui.feedback import Feedback
from charity_pos.ui.screen import Screen

ScreenFactory = Callable[[Services, Actor, Feedback, AskApproval], Screen]

#: The navigation takes at most this share of the window's width.
NAVIGATION_SHARE = 0.3


class Navigation(QListWidget):
    """The list of screens, as wide as its longest label needs in the
    language and font in use (no fixed width), so no label is elided."""

    #: The theme's item padding (``QListWidget#navigation::item``), left and right, and the list's own padding.
    ITEM_PADDING = 2 * 10
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


class MainWindow(QMainWindow):
    logout_requested = Signal()
    settings_requested = Signal()

    def __init__(self, services: Services, actor: Actor, screens: Sequence[type[Screen]], feedback: Feedback,
                 ask: AskApproval, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.feedback = feedback
        store = services.store()
        self.setWindowTitle(self.tr("charity-pos · {store}").format(store=store.name))

        self.navigation = Navigation()
        self.stack = QStackedWidget()
        self.screens: list[Screen] = []
        for screen_class in screens:
            if actor.role not in screen_class.roles:
                continue
            screen = screen_class(services, actor, feedback, ask)
            screen.changed.connect(self.broadcast)
            self.screens.append(screen)
            self.stack.addWidget(screen)
            label = screen.title() + (f"  ({screen.shortcut})" if screen.shortcut else "")
            self.navigation.addItem(QListWidgetItem(label))
            if screen.shortcut:
                action = QAction(self)
                action.setShortcut(QKeySequence(screen.shortcut))
                action.triggered.connect(lambda _=False, s=screen: self.show_screen(s))
                self.addAction(action)
        self.navigation.currentRowChanged.connect(self._row_changed)
        self._connect_sale()
        self._connect_trace()
        self._connect_reports()

        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)
        self._menus()
        self._status(store.name, store.code)
        if self.screens:
            self.navigation.setCurrentRow(0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        """The navigation takes the width its labels need, but never more
        than a share of the window: the screen keeps the rest."""
        self.navigation.setMaximumWidth(max(self.navigation.minimumSizeHint().width(),
                                            int(event.size().width() * NAVIGATION_SHARE)))
        super().resizeEvent(event)

    def _connect_sale(self) -> None:
        """Goods a screen sends to be paid for (``to_sale``: a handout's lines
        beyond the allowance) go onto the ticket of the screen that sells
        (``add_to_ticket``)."""
        counter = next((s for s in self.screens if hasattr(s, "add_to_ticket")), None)
        if counter is None:
            return
        for screen in self.screens:
            sending = getattr(screen, "to_sale", None)
            if sending is not None:
                sending.connect(counter.add_to_ticket)  # type: ignore[attr-defined]

    def _connect_trace(self) -> None:
        """A code a screen sends to be traced (``to_trace``: a donation's
        number) brings up the screen that traces (``show_trace``) on it."""
        tracer = next((s for s in self.screens if hasattr(s, "show_trace")), None)
        if tracer is None:
            return
        for screen in self.screens:
            sending = getattr(screen, "to_trace", None)
            if sending is not None:
                sending.connect(lambda code, t=tracer: (self.show_screen(t), t.show_trace(code)))  # type: ignore[attr-defined]

    def _connect_reports(self) -> None:
        """A figure a screen opens (``to_report``: kind, Filters) is shown on the
        screen that shows reports (``show_report``)."""
        reports = next((s for s in self.screens if hasattr(s, "show_report")), None)
        if reports is None:
            return
        for screen in self.screens:
            sending = getattr(screen, "to_report", None)
            if sending is not None:
                sending.connect(lambda kind, filters, r=reports: self._open_report(r, kind, filters))

    def _open_report(self, reports: Screen, kind: str, filters: object) -> None:
        self.show_screen(reports)
        reports.show_report(kind, filters)  # type: ignore[attr-defined]

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
        return all(screen.before_leaving() for screen in self.screens)

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

    def show_shortcuts(self) -> None:
        lines = [self.tr("F1: this list"), self.tr("Ctrl+L: log out"), self.tr("Ctrl+Q: quit"),
                 self.tr("Ctrl+,: settings")]
        lines += [f"{s.shortcut}: {s.title()}" for s in self.screens if s.shortcut]
        for screen in self.screens:
            lines += getattr(screen, "shortcut_help", lambda: [])()
        self.feedback.info(self, self.tr("Keyboard shortcuts"), "\n".join(lines))

    def _row_changed(self, row: int) -> None:
        if 0 <= row < len(self.screens):
            self.stack.setCurrentIndex(row)
            self.screens[row].activate()

    def show_screen(self, screen: Screen) -> None:
        self.navigation.setCurrentRow(self.screens.index(screen))

    def current_screen(self) -> Screen | None:
        row = self.navigation.currentRow()
        return self.screens[row] if 0 <= row < len(self.screens) else None

    def broadcast(self, changes: Changes) -> None:
        for screen in self.screens:
            screen.on_changed(changes)
        self.statusBar().showMessage(self.tr("Saved."), 4000)

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.key() == Qt.Key.Key_Escape:
            return  # Esc belongs to dialogs; never close the main window
        super().keyPressEvent(event)
