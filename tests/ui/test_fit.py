"""Every screen fits a counter PC's screen: the main window laid out
offscreen at 1024x768, 1366x768 and 1920x1080, in Chinese and in English,
has no control outside the window, no navigation label cut and no amount
of money cut in a table (a store with large amounts: ¥12,345.67 given in
cash, a sale of ¥12,402.70, a ticket on the counter of ¥169.90 x 73).

At 150% scaling (Windows' setting on a 1920x1080 screen) the same checks
run in a child process with ``QT_SCALE_FACTOR=1.5``: Qt then lays every
widget out in logical pixels on a 1280x720 area, as on such a PC
(``test_fit_scaled.py`` starts it). With ``CHARITY_POS_FIT_SHOTS`` set to
a folder, each screen laid out at 1024x768 is also saved there as a PNG."""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import (QAbstractButton, QAbstractScrollArea, QAbstractSpinBox, QComboBox, QHeaderView, QLabel,
                               QLineEdit, QStyle, QTableView, QWidget)

from charity_pos.services.base import STORE_TZ
from charity_pos.services.catalog import ItemDraft, Source
from charity_pos.services.intake import CashMethod, Condition, IntakeDraft, IntakeLine, Valuation
from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft
from charity_pos.ui.app import SCREENS
from charity_pos.ui.expiry import ExpiryScreen
from charity_pos.ui.count import CountScreen
from charity_pos.ui.consign import ConsignScreen
from charity_pos.ui.handout import HandoutScreen
from charity_pos.ui.households import HouseholdsScreen
from charity_pos.ui.intake import IntakeScreen
from charity_pos.ui.main_window import MainWindow, Navigation
from charity_pos.ui.plural import EnglishPlurals
from charity_pos.ui.table_model import FittingTable
from charity_pos.ui.sales import SaleScreen
from tests.reports.conftest import CARD
from tests.helpers import SHORT_DATED_OK
from tests.ui.conftest import FakeApproval
from tests.ui.ledger import cashier, ledger_store, manager, services  # noqa: F401 - fixtures

#: 150% of 1920x1080, in the logical pixels Qt lays out in.
SCALED = os.environ.get("QT_SCALE_FACTOR") == "1.5"
SIZES = (QSize(1280, 720),) if SCALED else (QSize(1024, 768), QSize(1366, 768), QSize(1920, 1080))
SMALLEST = SIZES[0]
CHECKED = (QAbstractButton, QLineEdit, QLabel, QComboBox, QAbstractSpinBox, QAbstractScrollArea)
#: An amount as the tables show it: ¥1,234.50, -¥5.90, 1,234.50.
MONEY = re.compile(r"^[-−]?¥?\s?[-−]?\d{1,3}(,\d{3})*\.\d{2}$")
#: A table's rows looked at for money cells (a year's ledger has thousands).
ROWS_CHECKED = 300
SHOTS = os.environ.get("CHARITY_POS_FIT_SHOTS")
#: Why a household's card was suspended, as a manager writes it: longer than any column is wide.
LONG_REASON = "户主长期外出务工，待石门二路街道重新核对家庭收入后恢复"

#: Every screen a manager sees (all of them). A screen left out here still
#: has something off-screen at 1024x768: the comment beside it says what.
FITTING = [screen for screen in SCREENS]


class English(EnglishPlurals):
    """The app in English: every text is its source (plurals made as the
    English app makes them), ahead of the Chinese catalogs the UI conftest
    installs for the session."""

    def translate(self, context, source, disambiguation=None, n=-1):
        return super().translate(context, source, disambiguation, n) or source

    def isEmpty(self) -> bool:  # noqa: N802
        return False


@pytest.fixture(params=["zh_CN", "en"])
def language(request, qapp) -> Iterator[str]:
    if request.param == "zh_CN":
        yield request.param
        return
    english = English()
    qapp.installTranslator(english)
    yield request.param
    qapp.removeTranslator(english)


@pytest.fixture
def big_store(ledger_store) -> SimpleNamespace:  # noqa: F811
    """The hand-counted store with large amounts on top: ¥12,345.67 given by
    bank transfer (its receipt issued), 100 soy-milk makers (¥169.90 each) bought in and 73 of
    them sold in one sale (¥12,402.70)."""
    st = ledger_store
    sv, clock = st.services, st.clock
    maker = sv.catalog.get(sv.catalog.create_item(st.manager, _draft("九阳豆浆机 DJ13B", 16990)).ids[0])
    clock.advance(minutes=3)
    sv.stock.receive(st.manager, {maker.id: 100})
    clock.advance(minutes=3)
    given = sv.intake.receive(st.cashier, IntakeDraft(st.company, cash_fen=1234567,
                                                      cash_method=CashMethod.BANK_TRANSFER)).number
    clock.advance(minutes=3)
    assert given is not None
    sv.receipts.print_receipt(st.manager, given, render=lambda _doc: None)  # its receipt's number listed beside it
    clock.advance(minutes=3)
    total = 73 * 16990
    big = sv.sales.complete(st.cashier, SaleDraft(uuid.uuid4(), "T1", (LineDraft(maker.id, 73),),
                                                  (PaymentDraft("cash", total, ""),))).number
    clock.advance(minutes=3)
    st.maker, st.big_sale = maker, big
    return st


def _draft(name: str, price: int):
    from charity_pos.services.catalog import ItemDraft, Source

    return ItemDraft(name, "appliances", "台", price, 19900, None, Source.PURCHASED)


def fill_consign(screen: ConsignScreen, st: SimpleNamespace) -> None:
    """A cooperative of a long name whose tea came in 1,000 at a time and sold, its month's settlement in front."""
    from PySide6.QtCore import QDate

    from charity_pos.services.catalog import ItemDraft, Source
    from charity_pos.services.consignment import ConsignedLine, ConsignmentService, ConsignorDraft

    sv = st.services
    consign = ConsignmentService(sv.ctx, sv.accounts)
    tea = sv.catalog.create_item(st.manager, ItemDraft("普洱熟茶饼 357g (澜沧县扶贫农产品专业合作社)", "other", "饼",
                                                       1298000, None, None, Source.CONSIGNED)).ids[0]
    who = consign.add_consignor(st.manager, ConsignorDraft("云南省普洱市澜沧拉祜族自治县扶贫农产品专业合作社",
                                                           "93530828MA6PL7QW4R", "扎约", "13888124506",
                                                           "农业银行澜沧拉祜族自治县支行 6228 4807 2100 3344 551")).ids[0]
    st.clock.advance(minutes=3)
    consign.receive(st.manager, who, [ConsignedLine(tea, 1000, 1103300)])
    st.clock.advance(minutes=3)
    screen.refresh()
    screen.tabs.setCurrentIndex(3)
    today = st.clock.at.date()
    screen.month.setDate(QDate(today.year, today.month, 1))
    assert screen.show_settlement() is not None


def settle(qtbot) -> None:
    for _ in range(3):
        QCoreApplication.processEvents()
        qtbot.wait(10)


def describe(widget: QWidget) -> str:
    name = widget.objectName() or type(widget).__name__
    text = widget.text() if isinstance(widget, (QAbstractButton, QLabel, QLineEdit)) else ""
    return f"{name} {text!r}" if text else name


def _scrolled(widget: QWidget, window: QWidget) -> bool:
    """Inside a scroll area (a scroll area's contents, a table's cell
    editor): it scrolls into view, it is not off the window."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return True
        parent = parent.parentWidget()
    return False


def outside(window: QWidget) -> list[str]:
    """The controls of a window that are not wholly inside it."""
    bounds = window.rect()
    found = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, CHECKED) or not widget.isVisible() or _scrolled(widget, window):
            continue
        if widget.window() is not window:
            continue  # a dialog or pop-up of its own
        rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        if not bounds.contains(rect):
            found.append(f"{describe(widget)} at {rect.getRect()}")
    return found


def clipped(window: QWidget) -> list[str]:
    """Buttons laid out narrower than their text needs: their label is cut."""
    found = []
    for button in window.findChildren(QAbstractButton):
        if not button.isVisible() or button.window() is not window or not button.text():
            continue
        if button.width() < button.minimumSizeHint().width():
            found.append(f"{describe(button)} is {button.width()} wide, its text needs "
                         f"{button.minimumSizeHint().width()}")
    return found


def money_cut(window: QWidget) -> list[str]:
    """Every amount of money in a visible table whose text is wider than
    its column: the view would show it elided ("¥16…")."""
    found = []
    for view in window.findChildren(QTableView):
        if not view.isVisible() or view.model() is None or view.window() is not window:
            continue
        model = view.model()
        margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
        for column in range(model.columnCount()):
            if view.isColumnHidden(column):
                continue
            width = view.columnWidth(column)
            for row in range(min(model.rowCount(), ROWS_CHECKED)):
                index = model.index(row, column, QModelIndex())
                text = model.data(index, Qt.ItemDataRole.DisplayRole)
                if not isinstance(text, str) or not MONEY.match(text.strip()):
                    continue
                font = model.data(index, Qt.ItemDataRole.FontRole)
                need = QFontMetrics(font if isinstance(font, QFont) else view.font()).horizontalAdvance(text) + margin
                if need > width:
                    header = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
                    found.append(f"{view.objectName() or type(view).__name__} column {header!r}: {text!r} needs "
                                 f"{need} of {width}")
    return found


def squeezed(window: QWidget) -> list[str]:
    """Every table column that takes the room left over (a table's name
    column) left too narrow to read: narrower than its heading, or than its
    contents up to ten characters (longer texts may show elided; fewer
    where the table says so, as the households' status: 已暂停：…)."""
    found = []
    for view in window.findChildren(QTableView):
        if not view.isVisible() or view.model() is None or view.window() is not window:
            continue
        header = view.horizontalHeader()
        metrics = QFontMetrics(header.font())
        characters = view.READABLE if isinstance(view, FittingTable) else 10
        readable = characters * QFontMetrics(view.font()).averageCharWidth()
        for column in range(header.count()):
            if view.isColumnHidden(column) or header.sectionResizeMode(column) != QHeaderView.ResizeMode.Stretch:
                continue
            title = str(view.model().headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole))
            heading = metrics.horizontalAdvance(title) + 2 * header.style().pixelMetric(
                QStyle.PixelMetric.PM_HeaderMargin, None, header)
            need = max(heading, min(readable, view.sizeHintForColumn(column)))
            if view.columnWidth(column) < need:
                found.append(f"{view.objectName() or type(view).__name__} column {title!r} is "
                             f"{view.columnWidth(column)} wide, its heading needs {need}")
    return found


def sideways(window: QWidget) -> list[str]:
    """The tables that need a sideways scroll to show their columns. No
    screen's or dialog's table may: the counter's lines (the sale's ticket,
    the handout's basket) and every list (households, catalog, donations,
    the trace, a shift's sales) show every column, their columns of words
    and the headings wider than their figures elided (``FittingTable``),
    the whole text on hover. Only the ledgers' tables, of up to thirteen
    columns as printed landscape, scroll sideways (``test_fit_reports``)."""
    found = []
    for view in window.findChildren(QTableView):
        if not view.isVisible() or view.window() is not window:
            continue
        header = view.horizontalHeader()
        shown = [c for c in range(header.count()) if not view.isColumnHidden(c)]
        columns = sum(header.sectionSize(c) for c in shown)
        if view.horizontalScrollBar().maximum() > 0 or columns > view.viewport().width():
            titles = [str(view.model().headerData(c, Qt.Orientation.Horizontal)) for c in shown]
            found.append(f"{view.objectName() or type(view.model()).__name__} needs {columns} px for {titles}, "
                         f"shows {view.viewport().width()}")
    return found


def too_short(window: QWidget, rows: int = 3) -> list[str]:
    """Tables squeezed by what is around them to fewer than a few rows."""
    found = []
    for view in window.findChildren(QTableView):
        if not view.isVisible() or view.window() is not window:
            continue
        room = view.viewport().height()
        if room < rows * view.verticalHeader().defaultSectionSize():
            found.append(f"{view.objectName() or type(view).__name__} shows {room} px of rows, less than {rows} rows")
    return found


def shoot(widget: QWidget, name: str) -> None:
    """Save what the widget shows, when the run was asked for screenshots."""
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        assert widget.grab().save(str(Path(SHOTS) / f"{name}.png"))


def _elided(navigation: Navigation) -> list[str]:
    """Navigation labels cut: the list wraps a label at its spaces when the
    window is narrow (the ticket takes the room), so a label is cut when a
    word of it is wider than the list, or its row is not tall enough."""
    metrics = QFontMetrics(navigation.font())
    room = navigation.text_room()
    found = []
    for i in range(navigation.count()):
        text = navigation.item(i).text()
        widest = max(metrics.horizontalAdvance(word) for word in text.split())
        lines = metrics.boundingRect(QRect(0, 0, room, 10_000), Qt.TextFlag.TextWordWrap, text).height()
        row = navigation.visualItemRect(navigation.item(i)).height()
        if widest > room or lines + Navigation.ITEM_VPADDING > row:
            found.append(f"{text!r} needs {widest} wide, {lines} high, of {room}x{row}")
    return found


def _fill(screen: QWidget, st: SimpleNamespace) -> None:
    """Put large amounts where the screen shows lines being made."""
    sv = st.services
    if isinstance(screen, SaleScreen):
        screen.add_to_ticket([(sv.sales.item(st.maker.id), 73), (sv.sales.item(st.rice.id), 1)])
    elif isinstance(screen, HandoutScreen):
        # a household's basket past its allowance, as the counter shows it: every column in use
        assert screen.take_card(CARD)
        for item, quantity in ((st.rice, 9), (st.noodles, 1), (st.blanket, 1)):
            screen.model.add(sv.handouts.scan(item.barcode), quantity)
        screen.update_allowance()
        assert screen.model.data(screen.model.index(0, screen.model.BEYOND)), "rice past the allowance"
    elif isinstance(screen, ExpiryScreen):
        # lots of food with a long name within 7 days of their date and within 30
        today = screen.services.ctx.now().astimezone(STORE_TZ).date()
        food = sv.catalog.create_item(st.manager, ItemDraft("金龙鱼东北大米五常稻花香 10kg 家庭装", "grain_oil", "袋",
                                                            16990, 19900, None, Source.DONATED)).ids[0]
        for days in (3, 25):
            sv.intake.receive(st.cashier, IntakeDraft(None, (IntakeLine(food, 60, Condition.NEW, Valuation.MARKET,
                                                                        16990, today + timedelta(days=days)),),
                                                      approval=SHORT_DATED_OK))
        screen.refresh()
        assert screen.model.rowCount() >= 2
    elif isinstance(screen, IntakeScreen):
        screen.add_item(st.maker, 60)
    elif isinstance(screen, CountScreen):
        # a count of all goods under way: the soy-milk makers 9 short (over ¥1,500), explained at length
        counts = screen.counts
        number = counts.start(st.manager, "all").number or ""
        counts.add(st.manager, number, st.maker.id, 18, till="T1")
        counts.add(st.manager, number, st.rice.id, 1, till="T2")
        counts.explain(st.manager, number, st.maker.id, LONG_REASON)
        screen.refresh()
    elif isinstance(screen, HouseholdsScreen):
        # a card suspended for a long reason: its status, the column that takes the rest, is the widest
        sv.household_status.suspend(st.manager, st.household, LONG_REASON)
        screen.refresh()
    elif isinstance(screen, ConsignScreen):
        fill_consign(screen, st)


@pytest.mark.parametrize("screen_class", FITTING, ids=lambda c: c.__name__)
def test_screen_fits_the_window(qtbot, big_store, feedback, language, screen_class) -> None:
    st = big_store
    if SCALED:
        assert QGuiApplication.primaryScreen().devicePixelRatio() == 1.5
    window = MainWindow(st.services, st.manager, SCREENS, feedback, FakeApproval(None))
    qtbot.addWidget(window)
    assert len(window.screens) == len(SCREENS), "a manager sees every screen"
    window.show()
    row = next(i for i, s in enumerate(window.screens) if isinstance(s, screen_class))
    window.navigation.setCurrentRow(row)
    _fill(window.screens[row], st)
    problems = []
    for size in SIZES:
        window.resize(size)
        window.navigation.setCurrentRow(row)
        settle(qtbot)
        where = f"{screen_class.__name__} at {size.width()}x{size.height()} ({language})"
        if window.width() > size.width() or window.height() > size.height():
            problems.append(f"{where}: the window cannot shrink to the screen, it is "
                            f"{window.width()}x{window.height()} (the widest screen's minimum: "
                            f"{window.minimumSizeHint().width()}x{window.minimumSizeHint().height()})")
        problems += [f"{where}: {what} is outside the window" for what in outside(window)]
        problems += [f"{where}: navigation label cut: {what}" for what in _elided(window.navigation)]
        problems += [f"{where}: amount cut: {what}" for what in money_cut(window)]
        problems += [f"{where}: button text cut: {what}" for what in clipped(window)]
        problems += [f"{where}: column cut: {what}" for what in squeezed(window)]
        problems += [f"{where}: table too short: {what}" for what in too_short(window)]
        problems += [f"{where}: scrolls sideways: {what}" for what in sideways(window)]
        if size == SMALLEST and not SCALED:
            shoot(window, f"screen-{screen_class.__name__}-{language}")
    assert not problems, "\n".join(problems)
