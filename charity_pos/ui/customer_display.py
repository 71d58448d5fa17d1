"""The customer display: a frameless full-screen window on the counter's
second screen (or a pole display on a serial port) that shows the customer
the lines as they are scanned and the total, then what was paid and the
change, and between sales the store's name and a thank-you.

The sale screen feeds it (``DisplayFeed.watch``, in one place: the app's
shell) through what it already has: its ticket editor's ``ticket_changed`` and
``paid`` signals. Only the sale screen does: while any other screen is in
front (a relief handout above all) the display shows the thank-you, so it
never shows a household, its allowance or a donor. It shows no cashier's
action either, and it never takes the keyboard's focus.

Everything scales with the screen: fonts are a share of the window's height,
texts that could run past the width are shrunk (the store's name, amounts)
or elided (a long item name), and there is no fixed size."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication, QResizeEvent, QScreen
from PySide6.QtWidgets import QGridLayout, QLabel, QLayout, QSizePolicy, QStackedLayout, QVBoxLayout, QWidget

from charity_pos.config import Settings
from charity_pos.devices.pole_display import CustomerDisplay, DisplayLine, PoleDisplay, PoleFailure
from charity_pos.domain.money import format_fen

if TYPE_CHECKING:
    from charity_pos.ui.sales import SaleScreen

log = logging.getLogger("charity_pos.ui.display")

# How long what was paid and the change stay up after a sale (unless the next customer's goods come).
PAID_SECONDS = 12
# The newest lines shown; older ones scroll away.
VISIBLE_LINES = 7
# The window's height in "units": one line of goods is a unit high (and at most 1/22 of the width: portrait screens).
UNITS_HIGH = 19
UNITS_WIDE = 22
# What was paid and the change take at most this many units across.
PAID_UNITS_WIDE = 22
STYLE = """
QWidget#customerDisplay { background: #000000; }
QWidget#customerDisplay QLabel { color: #ffffff; background: transparent; }
QWidget#customerDisplay QLabel#displayNewest { color: #ffe066; }
QWidget#customerDisplay QLabel#displayAmount { color: #ffe066; }
QWidget#customerDisplay QLabel#displayThanks { color: #ffe066; }
QWidget#customerDisplay QLabel#displayHint { color: #bbbbbb; }
"""


class FittedLabel(QLabel):
    """One line of text at most ``pixel_size`` high, shrunk until it fits its
    width (``fit``), or elided with … when ``elide`` (an item's name)."""

    def __init__(self, text: str = "", *, elide: bool = False,
                 align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft) -> None:
        super().__init__()
        self.full_text = text
        self.elide = elide
        self.pixel_size = 20
        self.bold = False
        self.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
        policy = QSizePolicy.Policy.Ignored if elide else QSizePolicy.Policy.Preferred
        self.setSizePolicy(policy, QSizePolicy.Policy.Preferred)
        super().setText(text)

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        super().setText(text)

    def fit(self, pixel_size: int, width: int, *, bold: bool = False) -> None:
        """The font ``pixel_size`` high, or smaller so the whole text takes at most ``width``."""
        self.pixel_size, self.bold = pixel_size, bold
        font = QFont(self.font())
        font.setBold(bold)
        font.setPixelSize(max(8, pixel_size))
        if not self.elide:
            needed = QFontMetrics(font).horizontalAdvance(self.full_text)
            while needed > width > 0 and font.pixelSize() > 8:
                font.setPixelSize(max(8, min(font.pixelSize() - 1, int(font.pixelSize() * width / needed))))
                needed = QFontMetrics(font).horizontalAdvance(self.full_text)
        self.setFont(font)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        if self.elide:
            super().setText(QFontMetrics(self.font()).elidedText(self.full_text, Qt.TextElideMode.ElideRight,
                                                                  max(0, self.contentsRect().width())))


class CustomerDisplayWindow(QWidget):
    """What the customer sees on the second screen: the ticket, the payment, or the thank-you."""

    LINES, PAID, IDLE = range(3)

    def __init__(self, store_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowDoesNotAcceptFocus)
        self.setObjectName("customerDisplay")
        self.setWindowTitle(self.tr("Customer display"))
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)  # the scan field keeps the keyboard
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)  # the app ends with its main window
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setStyleSheet(STYLE)
        self.store_name = store_name
        self.pages = QStackedLayout(self)
        self.pages.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # the screen's size rules; fonts follow
        self.pages.addWidget(self._lines_page())
        self.pages.addWidget(self._paid_page())
        self.pages.addWidget(self._idle_page())
        self.lines: list[DisplayLine] = []
        self.show_idle()

    # --- the pages -------------------------------------------------------------
    def _lines_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.lines_heading = FittedLabel(self.tr("Welcome"), align=Qt.AlignmentFlag.AlignLeft)
        self.lines_heading.setObjectName("displayHint")
        layout.addWidget(self.lines_heading)
        self.grid = QGridLayout()
        self.grid.setColumnStretch(0, 1)
        self.rows: list[tuple[FittedLabel, FittedLabel, FittedLabel]] = []
        for row in range(VISIBLE_LINES):
            labels = (FittedLabel(elide=True), FittedLabel(align=Qt.AlignmentFlag.AlignRight),
                      FittedLabel(align=Qt.AlignmentFlag.AlignRight))
            for column, label in enumerate(labels):
                self.grid.addWidget(label, row, column)
            self.rows.append(labels)
        layout.addLayout(self.grid)
        layout.addStretch(1)
        self.count_label = FittedLabel(align=Qt.AlignmentFlag.AlignRight)
        self.count_label.setObjectName("displayHint")
        total_row = self.total_row = QGridLayout()
        self.total_caption = FittedLabel(self.tr("Total"))
        self.total_label = FittedLabel(align=Qt.AlignmentFlag.AlignRight)
        self.total_label.setObjectName("displayAmount")
        total_row.addWidget(self.total_caption, 0, 0)
        total_row.addWidget(self.total_label, 0, 1)
        total_row.setColumnStretch(1, 1)
        layout.addWidget(self.count_label)
        layout.addLayout(total_row)
        return page

    def _paid_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        grid = self.paid_grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        self.paid_total_caption, self.paid_caption, self.change_caption = (
            FittedLabel(self.tr("Total")), FittedLabel(self.tr("Paid")), FittedLabel(self.tr("Change")))
        self.paid_total_label, self.paid_label, self.change_label = (
            FittedLabel(align=Qt.AlignmentFlag.AlignRight) for _ in range(3))
        self.change_label.setObjectName("displayAmount")
        for row, (caption, amount) in enumerate(((self.paid_total_caption, self.paid_total_label),
                                                 (self.paid_caption, self.paid_label),
                                                 (self.change_caption, self.change_label))):
            grid.addWidget(caption, row, 0)
            grid.addWidget(amount, row, 1)
        layout.addStretch(1)
        layout.addLayout(grid)
        layout.addStretch(1)
        self.paid_thanks = FittedLabel(self.tr("Thank you for supporting charity"), align=Qt.AlignmentFlag.AlignHCenter)
        self.paid_thanks.setObjectName("displayThanks")
        layout.addWidget(self.paid_thanks)
        return page

    def _idle_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.idle_store = FittedLabel(self.store_name, align=Qt.AlignmentFlag.AlignHCenter)
        self.idle_thanks = FittedLabel(self.tr("Thank you for supporting charity"), align=Qt.AlignmentFlag.AlignHCenter)
        self.idle_thanks.setObjectName("displayThanks")
        self.idle_welcome = FittedLabel(self.tr("Welcome"), align=Qt.AlignmentFlag.AlignHCenter)
        self.idle_welcome.setObjectName("displayHint")
        layout.addStretch(2)
        layout.addWidget(self.idle_store)
        layout.addStretch(1)
        layout.addWidget(self.idle_thanks)
        layout.addWidget(self.idle_welcome)
        layout.addStretch(2)
        return page

    # --- the three states --------------------------------------------------------
    def show_lines(self, total_fen: int, lines: Sequence[DisplayLine]) -> None:
        self.lines = list(lines)
        shown = self.lines[-VISIBLE_LINES:]  # the newest at the bottom; older ones scroll away
        for row, (name, quantity, amount) in enumerate(self.rows):
            line = shown[row] if row < len(shown) else None
            name.set_full_text(line.name if line else "")
            quantity.set_full_text(f"×{line.quantity} {line.unit}" if line else "")
            amount.set_full_text(format_fen(line.amount_fen) if line else "")
            newest = line is not None and row == len(shown) - 1
            for label in (name, quantity, amount):
                label.setObjectName("displayNewest" if newest else "")
                label.style().unpolish(label)
                label.style().polish(label)
        units = sum(line.quantity for line in self.lines)
        self.count_label.set_full_text(self.tr("Lines: {lines} · items: {units}").format(lines=len(self.lines),
                                                                                      units=units))
        self.total_label.set_full_text(format_fen(total_fen))
        self.pages.setCurrentIndex(self.LINES)
        self._fit()

    def show_paid(self, paid_fen: int, change_fen: int) -> None:
        self.paid_total_label.set_full_text(format_fen(paid_fen - change_fen))
        self.paid_label.set_full_text(format_fen(paid_fen))
        self.change_label.set_full_text(format_fen(change_fen))
        self.pages.setCurrentIndex(self.PAID)
        self._fit()

    def show_idle(self) -> None:
        self.lines = []
        self.pages.setCurrentIndex(self.IDLE)
        self._fit()

    def state(self) -> int:
        return self.pages.currentIndex()

    # --- the size of everything ------------------------------------------------------
    def place_on(self, screen: QScreen) -> None:
        """Full screen on ``screen``, frameless."""
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.setWindowState(Qt.WindowState.WindowFullScreen)
        self.show()  # not showFullScreen(): that would take the focus from the cashier's window

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """Fonts as shares of the height; nothing wider than the window allows."""
        unit = max(10, min(self.height() // UNITS_HIGH, self.width() // UNITS_WIDE))
        margin = max(8, unit // 2)
        for index in range(self.pages.count()):
            page = self.pages.widget(index)
            if page is not None and (page_layout := page.layout()) is not None:
                page_layout.setContentsMargins(margin, margin, margin, margin)
        width = max(1, self.width() - 2 * margin)
        self.grid.setHorizontalSpacing(unit)
        self.lines_heading.fit(int(unit * 0.7), width)
        names = width // 3  # a name always keeps a third of the width; quantity and amount share the rest
        rest = width - names - 2 * unit
        for name, quantity, amount in self.rows:
            name.setMinimumWidth(names)
            name.fit(unit, width)
            quantity.fit(unit, rest * 2 // 5)
            amount.fit(unit, rest * 3 // 5, bold=True)
        self.count_label.fit(int(unit * 0.7), width)
        for grid in (self.total_row, self.paid_grid):
            grid.setHorizontalSpacing(margin)
        self.total_caption.fit(int(unit * 1.6), width // 3, bold=True)
        self.total_label.fit(int(unit * 2.6), width - self.total_caption.sizeHint().width() - margin, bold=True)
        paid = ((self.paid_total_caption, self.paid_total_label, 1.6), (self.paid_caption, self.paid_label, 1.6),
                (self.change_caption, self.change_label, 2.6))
        side = max(0, (width - unit * PAID_UNITS_WIDE) // 2)  # on a wide screen, captions near their amounts
        self.paid_grid.setContentsMargins(side, 0, side, 0)
        block = width - 2 * side
        for caption, _, size in paid:
            caption.fit(int(unit * size * 0.8), block // 3, bold=True)
        captions = max(caption.sizeHint().width() for caption, _, _ in paid)  # the grid's first column
        for _, amount, size in paid:
            amount.fit(int(unit * size), block - captions - margin, bold=True)
        self.paid_thanks.fit(int(unit * 1.2), width)
        self.idle_store.fit(int(unit * 2.0), width, bold=True)
        self.idle_thanks.fit(int(unit * 1.6), width, bold=True)
        self.idle_welcome.fit(unit, width)

    def visible_labels(self) -> list[FittedLabel]:
        """The labels of the page in front that hold text (what the customer reads)."""
        page = self.pages.currentWidget()
        return [] if page is None else [label for label in page.findChildren(FittedLabel) if label.text()]


def find_screen(name: str, cashier_screen: QScreen | None) -> QScreen | None:
    """The screen named in the settings, if it is there and is not the
    cashier's own: the customer's window never covers the counter."""
    screen = next((s for s in QGuiApplication.screens() if s.name() == name), None)
    if screen is None:
        log.warning("customer display: screen %r is not connected; no customer display", name)
        return None
    if cashier_screen is not None and (screen is cashier_screen or screen.geometry() == cashier_screen.geometry()):
        log.warning("customer display: screen %r is the cashier's; no customer display", name)
        return None
    return screen


class DisplayFeed(QObject):
    """Tells the customer's displays what the sale screen shows: lines and
    total while its ticket changes, what was paid and the change for
    ``paid_seconds`` after a sale, otherwise (and whenever another screen is
    in front) the thank-you."""

    def __init__(self, displays: Sequence[CustomerDisplay] = (), *, paid_seconds: float = PAID_SECONDS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.displays: list[CustomerDisplay] = list(displays)
        self.counter: SaleScreen | None = None
        self.window: QWidget | None = None
        self.pending: str | None = None  # a message for the cashier, said once the counter is up
        self.paid_timer = QTimer(self)
        self.paid_timer.setSingleShot(True)
        self.paid_timer.setInterval(int(paid_seconds * 1000))
        self.paid_timer.timeout.connect(self._ticket_changed)

    def add(self, display: CustomerDisplay) -> None:
        self.displays.append(display)

    # --- the one place the counter is connected ---------------------------------------
    def watch(self, window: QWidget) -> None:
        """The main window's sale screen feeds the displays while it is in front
        (connected when the sale screen is built: screens are built on first visit)."""
        self.window, self.counter = window, None
        window.navigation.currentRowChanged.connect(self._front_changed)  # type: ignore[attr-defined]  # the main window's
        when_built = getattr(window, "when_built", None)
        if when_built is not None:
            when_built(self._screen_built)
        else:  # a window that holds its screens already built
            for screen in getattr(window, "screens", []):
                self._screen_built(screen)
        self._front_changed()

    def _screen_built(self, screen: QWidget) -> None:
        from charity_pos.ui.sales import SaleScreen

        if not isinstance(screen, SaleScreen) or self.counter is not None:
            return
        self.counter = screen
        screen.editor.ticket_changed.connect(self._ticket_changed)
        screen.editor.paid.connect(self.paid)
        if self.pending:
            QTimer.singleShot(0, self._say_pending)
        self._front_changed()

    def unwatch(self) -> None:
        """Logged out: the thank-you until the next cashier."""
        self.window = self.counter = None
        self.paid_timer.stop()
        self.show_idle()

    def _in_front(self) -> bool:
        current = getattr(self.window, "current_screen", lambda: None)() if self.window is not None else None
        return self.counter is not None and current is self.counter

    def _front_changed(self, *_args: object) -> None:
        if not self._in_front():
            self.paid_timer.stop()
        self._ticket_changed()

    def _ticket_changed(self) -> None:
        counter = self.counter
        if counter is None or not self._in_front():
            self.show_idle()
            return
        lines = [DisplayLine(line.name, line.quantity, line.scanned.unit, line.unit_price_fen, line.amount_fen)
                 for line in counter.model.lines()]
        if lines:
            self.paid_timer.stop()
            for display in self.displays:
                display.show_lines(counter.editor.total_fen(), lines)
        elif not self.paid_timer.isActive():
            self.show_idle()

    def paid(self, paid_fen: int, change_fen: int) -> None:
        if not self._in_front():
            return
        for display in self.displays:
            display.show_paid(paid_fen, change_fen)
        self.paid_timer.start()

    def show_idle(self) -> None:
        for display in self.displays:
            display.show_idle()

    # --- a pole display that does not answer ------------------------------------------
    def pole_failed(self, failure: PoleFailure) -> None:
        """Said once to the cashier, at the scan field; the sale goes on."""
        self._tell(self.tr("The pole display on {port} does not answer: sales go on without it. Check its cable, "
                           "its power and the port in Settings.").format(port=failure.port))

    def _tell(self, text: str) -> None:
        """At the scan field, once what the cashier did has said its own words."""
        self.pending = text
        if self.counter is not None:
            QTimer.singleShot(0, self._say_pending)

    def _say_pending(self) -> None:
        entry = getattr(self.counter, "entry", None)
        if entry is not None and self.pending:
            entry.say(self.pending, warning=True)
            self.pending = None


def open_displays(settings: Settings, store_name: str, cashier_screen: QScreen | None) -> DisplayFeed:
    """The customer display the settings ask for (none, a second screen's
    window or a pole display), showing the thank-you."""
    feed = DisplayFeed()
    if settings.customer_display == "screen":
        screen = find_screen(settings.display_screen, cashier_screen)
        if screen is not None:
            window = CustomerDisplayWindow(store_name)
            window.place_on(screen)
            feed.add(window)
    elif settings.customer_display == "pole":
        feed.add(PoleDisplay.on_serial(settings.pole_port, settings.pole_baud, on_error=feed.pole_failed))
    feed.show_idle()
    return feed
