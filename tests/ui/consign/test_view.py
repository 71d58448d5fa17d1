"""The consigned goods screen (代销, Ctrl+Shift+D, managers only): a
consignor registered from the form (a bad credit code said in red, nothing
kept), goods received line by line and saved as a K document, unsold goods
sent back (U), and the month's settlement shown and saved as the PDF both
sides sign; cashiers never see the screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt

from charity_pos.services.base import Role, local_date
from charity_pos.services.catalog import ItemDraft, Source
from charity_pos.services.consignment import ConsignmentService
from charity_pos.services.registry import Services
from charity_pos.ui.app import SCREENS
from charity_pos.ui.consign import ConsignScreen
from charity_pos.ui.consign.view import RECEIVE, RETURN, SETTLE
from charity_pos.ui.main_window import MainWindow
from tests.helpers import compact, pdf_text
from tests.services.test_consignment import CO_OP
from tests.ui.conftest import FakeApproval, show_active


@pytest.fixture
def screen(qtbot, services: Services, manager, feedback):
    services.catalog.create_item(manager, ItemDraft("云南小粒咖啡豆 500g", "other", "袋", 3800, 4500, None,
                                                    Source.CONSIGNED))
    made = ConsignScreen(services, manager, feedback, FakeApproval(None))
    qtbot.addWidget(made)
    made.resize(1024, 768)
    show_active(made)
    made.refresh()
    made.activate()
    return made


def ctrl(qtbot, widget, key) -> None:
    qtbot.keyClick(widget, key, Qt.KeyboardModifier.ControlModifier)


def register(qtbot, screen: ConsignScreen, credit: str) -> None:
    ctrl(qtbot, screen, Qt.Key.Key_N)
    assert screen.name.hasFocus()
    screen.name.setText("澜沧县扶贫农产品专业合作社")  # typed by an input method: Chinese is not key clicks
    qtbot.keyClicks(screen.credit_code, credit)
    qtbot.keyClicks(screen.phone, "13888124506")
    screen.bank.setText("农业银行澜沧支行")
    ctrl(qtbot, screen, Qt.Key.Key_S)


def test_a_consignor_registered_goods_received_returned_and_settled(qtbot, screen, services, manager, tmp_path,
                                                                    qtmodeltester) -> None:
    register(qtbot, screen, CO_OP[:17] + ("1" if CO_OP[17] != "1" else "2"))
    assert "check character" in screen.message.text() or "校验" in screen.message.text()
    assert screen.consignors_model.rowCount() == 0
    screen.credit_code.setText(CO_OP)
    ctrl(qtbot, screen, Qt.Key.Key_S)
    assert screen.consignors_model.rowCount() == 1
    assert screen.consignors_model.index(0, screen.consignors_model.PHONE).data() == "138****4506"
    qtmodeltester.check(screen.consignors_model)

    ctrl(qtbot, screen, Qt.Key.Key_2)
    assert screen.tabs.currentIndex() == RECEIVE and screen.goods.hasFocus()
    screen.quantity.setValue(20)
    qtbot.keyClicks(screen.price, "0")
    qtbot.keyClick(screen.price, Qt.Key.Key_Return)
    assert screen.receiving_model.rowCount() == 0, "a price of nothing is refused"
    screen.price.setText("18.00")
    qtbot.keyClick(screen.price, Qt.Key.Key_Return)
    assert screen.receiving_model.rowCount() == 1 and "¥360.00" in screen.receive_total.text()
    qtmodeltester.check(screen.receiving_model)
    with qtbot.waitSignal(screen.changed):
        ctrl(qtbot, screen, Qt.Key.Key_S)
    assert "K000001" in screen.message.text() and screen.receiving_model.rowCount() == 0
    coffee = services.catalog.search("小粒咖啡")[0]
    assert services.stock.on_hand(coffee.id) == 20

    ctrl(qtbot, screen, Qt.Key.Key_3)
    assert screen.tabs.currentIndex() == RETURN and screen.held_model.rowCount() == 1
    screen.held_table.selectRow(0)
    assert screen.back_quantity.value() == 20
    screen.back_quantity.setValue(21)
    screen.back_reason.setText("滞销")
    ctrl(qtbot, screen, Qt.Key.Key_S)
    assert "20" in screen.message.text() and services.stock.on_hand(coffee.id) == 20, "more than is left: refused"
    screen.back_quantity.setValue(5)
    ctrl(qtbot, screen, Qt.Key.Key_S)
    assert "U000001" in screen.message.text() and services.stock.on_hand(coffee.id) == 15

    ctrl(qtbot, screen, Qt.Key.Key_4)
    today = local_date(services.ctx.now())
    screen.month.setDate(QDate(today.year, today.month, 1))
    found = screen.show_settlement()
    assert found is not None and screen.settlement_model.rowCount() == 1
    assert screen.settlement_model.index(0, screen.settlement_model.CLOSING).data() == "15"
    qtmodeltester.check(screen.settlement_model)
    pdf = tmp_path / "结算单.pdf"
    screen.ask_path = lambda suffix, suggested: pdf  # type: ignore[method-assign]
    ctrl(qtbot, screen, Qt.Key.Key_P)
    text = compact(pdf_text(pdf))
    assert "代销商品月度结算单" in text and "委托方代表（签字）" in text and str(pdf) in screen.message.text()
    assert screen.tabs.currentIndex() == SETTLE


def test_a_switched_off_consignor_is_no_longer_offered_for_goods_in(qtbot, screen, services, manager) -> None:
    register(qtbot, screen, CO_OP)
    screen.consignors_table.selectRow(0)
    ctrl(qtbot, screen, Qt.Key.Key_T)
    assert screen.consignors_model.index(0, screen.consignors_model.STATE).data() in ("Switched off", "已停用")
    assert screen.receive_from.count() == 0 and screen.settle_for.count() == 1
    consign = ConsignmentService(services.ctx, services.accounts)
    assert consign.consignor(manager, CO_OP).phone_masked == "138****4506", "the phone kept, though shown masked"


def test_cashiers_never_see_the_screen(qtbot, services, cashier, feedback) -> None:
    window = MainWindow(services, cashier, SCREENS, feedback, FakeApproval(None))
    qtbot.addWidget(window)
    assert not any(isinstance(s, ConsignScreen) for s in window.built_screens())
    assert ConsignScreen.roles == frozenset({Role.MANAGER})
