"""The near-expiry screen (临期商品) driven by a manager's keys: the lots by
window, lots chosen with Shift and the arrows, Ctrl+D and the markdown logged
as a price change; a cashier never sees the screen."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from charity_pos.services.base import STORE_TZ
from charity_pos.services.catalog import ItemDraft, Source
from charity_pos.services.intake import Condition, IntakeDraft, IntakeLine, Valuation
from charity_pos.ui.app import SCREENS
from charity_pos.ui.expiry import ExpiryScreen
from charity_pos.ui.expiry.model import ExpiryModel
from charity_pos.ui.main_window import MainWindow
from tests.helpers import SHORT_DATED_OK
from tests.ui.conftest import FakeApproval, show_active

TODAY = datetime.now(STORE_TZ).date()


@pytest.fixture
def shelf(services, manager, cashier):
    made = {}
    for name, price, days in (("思念水饺 1kg", 1590, 5), ("龙须挂面 1kg", 890, 20), ("东北大米 10kg", 5990, 300)):
        made[name] = services.catalog.create_item(manager, ItemDraft(name, "food", "袋", price, None,
                                                                     source=Source.DONATED)).ids[0]
        services.intake.receive(cashier, IntakeDraft(None, (IntakeLine(
            made[name], 4, Condition.NEW, Valuation.MARKET, price, TODAY + timedelta(days=days)),),
            approval=SHORT_DATED_OK))
    return made


@pytest.fixture
def screen(qtbot, services, manager, feedback, shelf) -> ExpiryScreen:
    made = ExpiryScreen(services, manager, feedback, FakeApproval(None))
    qtbot.addWidget(made)
    made.changed.connect(made.on_changed)
    made.resize(1000, 700)
    show_active(made)
    made.refresh()
    made.activate()
    return made


def cells(screen: ExpiryScreen, row: int) -> list[str]:
    return [screen.model.data(screen.model.index(row, c)) for c in range(screen.model.columnCount())]


def test_the_model_passes_qt_model_checks(qtmodeltester, screen) -> None:
    qtmodeltester.check(screen.model)
    assert screen.model.headerData(ExpiryModel.LOT, Qt.Orientation.Horizontal) == "批次"


def test_the_lots_by_window(qtbot, screen) -> None:
    assert screen.model.rowCount() == 2
    first = cells(screen, 0)
    assert first[0:2] == ["7天内", "思念水饺 1kg"] and first[2].startswith("22")
    assert first[3:] == [(TODAY + timedelta(days=5)).isoformat(), "5", "4", "¥15.90", "¥63.60"]
    assert cells(screen, 1)[0] == "8-30天"
    assert screen.summary.text() == "已过期：0 · 7天内：1 · 8至30天：1 · 金额 ¥99.20"
    qtbot.keyClick(screen, Qt.Key.Key_7, Qt.KeyboardModifier.AltModifier)
    assert screen.soon.isChecked() and screen.model.rowCount() == 1
    qtbot.keyClick(screen, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert screen.model.rowCount() == 2


def test_choose_lots_and_mark_them_down_in_one_step(qtbot, services, screen, feedback, shelf) -> None:
    assert screen.table.hasFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert len(screen.chosen()) == 2
    screen.percent.setValue(40)
    qtbot.keyClick(screen, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert feedback.confirms == [("临期降价", "将 思念水饺 1kg、龙须挂面 1kg 降价：降价 40%？这些商品的所有批次都按新价格销售。")]
    assert services.catalog.get(shelf["思念水饺 1kg"]).sale_price_fen == 950
    assert services.catalog.get(shelf["龙须挂面 1kg"]).sale_price_fen == 530
    assert services.catalog.get(shelf["东北大米 10kg"]).sale_price_fen == 5990
    assert screen.message.text() == "已降价（临期降价）：思念水饺 1kg、龙须挂面 1kg"
    assert cells(screen, 0)[6] == "¥9.50", "the list shows the new price"


def test_a_new_price_and_a_refused_one(qtbot, services, screen, feedback, shelf) -> None:
    screen.price.setText("20")  # above the dumplings' ¥15.90: not a markdown
    qtbot.keyClick(screen, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert "不会降低" in screen.message.text()
    assert services.catalog.get(shelf["思念水饺 1kg"]).sale_price_fen == 1590
    screen.price.setText("abc")
    qtbot.keyClick(screen, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert screen.message.objectName() == "warning" and services.catalog.get(shelf["思念水饺 1kg"]).sale_price_fen == 1590
    screen.price.setText("9.90")
    feedback.answer = False  # the manager thinks again
    qtbot.keyClick(screen, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert services.catalog.get(shelf["思念水饺 1kg"]).sale_price_fen == 1590
    feedback.answer = True
    qtbot.keyClick(screen, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert services.catalog.get(shelf["思念水饺 1kg"]).sale_price_fen == 990 and screen.price.text() == ""


def test_a_cashier_has_no_such_screen(qtbot, services, cashier, manager, feedback) -> None:
    window = MainWindow(services, cashier, SCREENS, feedback, FakeApproval(None))
    qtbot.addWidget(window)
    assert not any(isinstance(screen, ExpiryScreen) for screen in window.screens)
    managers = MainWindow(services, manager, SCREENS, feedback, FakeApproval(None))
    qtbot.addWidget(managers)
    assert any(isinstance(screen, ExpiryScreen) for screen in managers.screens)
