from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QFontMetrics, QImage, QKeySequence, QPainter
from PySide6.QtWidgets import QMenu

from charity_pos.services.base import STORE_TZ
from charity_pos.ui.app import SCREENS
from charity_pos.ui.campaign import CampaignScreen
from charity_pos.ui.catalog import CatalogScreen
from charity_pos.ui.stock import StockScreen
from charity_pos.ui.count import CountScreen
from charity_pos.ui.dashboard import DashboardScreen
from charity_pos.ui.donations import DonationsScreen
from charity_pos.ui.handout import HandoutScreen
from charity_pos.ui.intake import IntakeScreen
from charity_pos.ui.main_window import MainWindow
from charity_pos.ui.reports import ReportsScreen
from charity_pos.ui.sales import SaleScreen
from charity_pos.ui.staff import StaffScreen
from tests.ui.conftest import FakeApproval, show_active


def _window(qtbot, services, actor, feedback) -> MainWindow:
    window = MainWindow(services, actor, SCREENS, feedback, FakeApproval(None))
    qtbot.addWidget(window)
    return window


def _labels(window: MainWindow) -> list[str]:
    return [window.navigation.item(i).text() for i in range(window.navigation.count())]


def test_cashier_sees_only_the_screens_a_cashier_uses(qtbot, services, cashier, feedback) -> None:
    window = _window(qtbot, services, cashier, feedback)
    assert [type(s) for s in window.screens] == [SaleScreen, HandoutScreen, CampaignScreen, IntakeScreen,
                                                 DonationsScreen, CatalogScreen, StockScreen, CountScreen]
    assert _labels(window) == ["收银  (F9)", "物资发放  (Shift+F9)", "活动发放  (Shift+F8)", "捐赠登记  (F4)",
                               "捐赠记录  (F5)", "商品目录  (F2)", "库存  (Ctrl+Shift+S)", "盘点  (Ctrl+Shift+C)"]
    assert isinstance(window.current_screen(), SaleScreen), "the counter comes up first"


def test_manager_sees_staff_screen_and_f_keys_switch(qtbot, services, manager, feedback) -> None:
    window = _window(qtbot, services, manager, feedback)
    show_active(window)
    assert _labels(window) == ["经营概览  (Ctrl+M)", "收银  (F9)", "物资发放  (Shift+F9)", "活动发放  (Shift+F8)",
                               "捐赠登记  (F4)",
                               "捐赠记录  (F5)", "追溯  (Ctrl+G)", "台账与报表  (Ctrl+K)", "商品目录  (F2)",
                               "库存  (Ctrl+Shift+S)", "盘点  (Ctrl+Shift+C)", "临期商品  (Ctrl+Shift+E)", "调拨  (Ctrl+Shift+Y)",
                               "员工  (F3)", "困难家庭  (Ctrl+H)", "对账  (Ctrl+Shift+B)", "代销商品  (Ctrl+Shift+D)"]
    assert isinstance(window.current_screen(), DashboardScreen), "a manager lands on the overview"
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.current_screen(), ReportsScreen)
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.current_screen(), DashboardScreen)
    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert isinstance(window.current_screen(), StaffScreen)
    qtbot.keyClick(window, Qt.Key.Key_F2)
    assert isinstance(window.current_screen(), CatalogScreen)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert isinstance(window.current_screen(), StockScreen)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert isinstance(window.current_screen(), DonationsScreen)
    qtbot.keyClick(window, Qt.Key.Key_F4)
    assert isinstance(window.current_screen(), IntakeScreen)
    qtbot.keyClick(window, Qt.Key.Key_F9)
    assert isinstance(window.current_screen(), SaleScreen)
    qtbot.keyClick(window, Qt.Key.Key_F9, Qt.KeyboardModifier.ShiftModifier)
    assert isinstance(window.current_screen(), HandoutScreen)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert type(window.current_screen()).__name__ == "ExpiryScreen"
    qtbot.keyClick(window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert isinstance(window.current_screen(), CampaignScreen)


def test_status_bar_names_store_user_role_and_date(qtbot, services, cashier, feedback) -> None:
    window = _window(qtbot, services, cashier, feedback)
    text = window.status_label.text()
    assert "普陀区长征镇慈善超市" in text and "PT01" in text
    assert "cashier" in text and "收银员" in text
    assert datetime.now(STORE_TZ).date().isoformat() in text


def test_logout_signal_on_ctrl_l(qtbot, services, cashier, feedback) -> None:
    window = _window(qtbot, services, cashier, feedback)
    show_active(window)
    with qtbot.waitSignal(window.logout_requested):
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)


def test_shortcut_list_names_every_screen_key(qtbot, services, manager, feedback) -> None:
    window = _window(qtbot, services, manager, feedback)
    window.show_shortcuts()
    title, text = feedback.infos[-1]
    assert title == "快捷键"
    assert "F2: 商品目录" in text and "F3: 员工" in text and "Ctrl+L" in text
    assert "Ctrl+H: 困难家庭" in text and "Ctrl+R 配额规则" in text
    assert "F4: 捐赠登记" in text and "F5: 捐赠记录" in text and "F6 匿名" in text
    assert "F9: 收银" in text and "F11 挂单" in text and "F12 结账" in text
    assert "Shift+F9: 物资发放" in text and "F10 超额部分转为付费购买" in text


def test_screen_shortcuts_reach_only_the_screen_in_front(qtbot, services, manager, feedback) -> None:
    """Ctrl+F and Ctrl+N exist on several screens: the one shown takes them,
    with no 'ambiguous shortcut' between hidden screens."""
    window = _window(qtbot, services, manager, feedback)
    show_active(window)
    intake = next(s for s in window.screens if isinstance(s, IntakeScreen))
    qtbot.keyClick(window, Qt.Key.Key_F4)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert intake.scan.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_F2)
    catalog = window.current_screen()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(catalog, CatalogScreen) and catalog.search.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_F9)
    sale = window.current_screen()
    assert isinstance(sale, SaleScreen) and sale.scan.hasFocus(), "the counter's scan field takes the keys"
    qtbot.keyClick(window, Qt.Key.Key_F6)  # the counter's F6, not the intake's anonymous donor
    assert sale.notice.text() == "还没有商品：请先扫码。"
    qtbot.keyClick(window, Qt.Key.Key_F9, Qt.KeyboardModifier.ShiftModifier)
    handout = window.current_screen()
    assert isinstance(handout, HandoutScreen) and handout.scan.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_F6)  # the handout's F6, not the counter's
    assert handout.notice.text() == "请先扫描救助卡。" and sale.notice.text() == "还没有商品：请先扫码。"


def test_no_screen_key_is_also_a_key_that_switches_screens(qtbot, services, manager, feedback) -> None:
    """A key both a screen and the window listen to is ambiguous to Qt: neither acts, and the user's key is lost."""
    from PySide6.QtGui import QShortcut

    window = _window(qtbot, services, manager, feedback)
    switching = {QKeySequence(c.shortcut).toString() for c in window.screen_classes if c.shortcut}
    for screen in window.screens:
        own = {QKeySequence(k).toString() for sc in screen.findChildren(QShortcut) for k in [sc.key()] if not k.isEmpty()}
        assert own & switching == set(), f"{type(screen).__name__} takes a screen's key"


def _ink_width(image: QImage) -> tuple[int, int]:
    """First and last column with ink (dark pixels) in ``image``."""
    columns = [x for x in range(image.width())
               if any(image.pixelColor(x, y).lightness() < 128 for y in range(image.height()))]
    return (columns[0], columns[-1]) if columns else (0, -1)


def _label_is_whole(menu: QMenu, action: QAction) -> bool:
    """The label as drawn in the open menu is as wide as the label drawn
    uncut (an elided label, 收银限…C)…, is narrower)."""
    shot = menu.grab(menu.actionGeometry(action)).toImage()
    label = action.text().split("\t")[0]
    metrics = QFontMetrics(menu.font())
    reference = QImage(metrics.size(Qt.TextFlag.TextShowMnemonic, label) + QSize(8, 8), QImage.Format.Format_RGB32)
    reference.fill(Qt.GlobalColor.white)
    painter = QPainter(reference)
    painter.setFont(menu.font())
    painter.setPen(Qt.GlobalColor.black)
    painter.drawText(reference.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextShowMnemonic, label)
    painter.end()
    left, right = _ink_width(reference)
    start, _end = _ink_width(shot)
    window = shot.copy(start, 0, right - left + 1, shot.height())
    drawn_left, drawn_right = _ink_width(window)
    return drawn_right - drawn_left >= right - left - 2


@pytest.mark.parametrize("english", [False, True])
@pytest.mark.parametrize("role", ["manager", "cashier"])
def test_every_menu_label_is_whole_and_mnemonics_are_unique(qtbot, services, manager, cashier, feedback, qapp,
                                                            english, role) -> None:
    from tests.ui.test_fit import English

    translator = English()
    if english:
        qapp.installTranslator(translator)
    try:
        window = _window(qtbot, services, manager if role == "manager" else cashier, feedback)
        show_active(window)
        bar = window.menuBar()
        menus = [action.menu() for action in bar.actions()]
        assert len(menus) == 2 and all(isinstance(menu, QMenu) for menu in menus)
        keys = [QKeySequence.mnemonic(action.text()).toString() for action in bar.actions()]
        assert "" not in keys and len(set(keys)) == len(keys), keys
        for menu in menus:
            labels = [action.text() for action in menu.actions() if not action.isSeparator()]
            keys = [QKeySequence.mnemonic(label).toString() for label in labels]
            assert "" not in keys and len(set(keys)) == len(keys), f"mnemonics clash in {labels}"
            menu.resize(menu.sizeHint())  # laid out as it opens, without taking the keyboard
            cut = [a.text() for a in menu.actions() if not a.isSeparator() and not _label_is_whole(menu, a)]
            assert cut == [], f"cut labels in {menu.title()}"
        if role == "manager":
            assert ("&Counter limits…" if english else "收银限额(&C)…") in \
                [a.text() for a in menus[0].actions()]
    finally:
        qapp.removeTranslator(translator)
