"""The merchant bill screen (Ctrl+Shift+B, managers only): import a bill
(Ctrl+O) and see the day's phone payments matched to sales, the bill's lines
with no sale and the sales not on the bill; the same file again adds
nothing; a file that is not a bill says why and changes nothing."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt

from charity_pos.services.base import STORE_TZ, Actor
from charity_pos.services.registry import Services
from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft
from charity_pos.ui.app import SCREENS
from charity_pos.ui.bill import BillScreen
from charity_pos.ui.main_window import MainWindow
from tests.services.bill_samples import Row, wechat_bill
from tests.ui.conftest import TILL, FakeApproval, show_active


@pytest.fixture
def sold(services: Services, manager: Actor, open_shift, stocked) -> list[tuple[str, str]]:
    """Two phone sales of rice, one scanned WeChat Pay code each; (number, time on the bill)."""
    rice = stocked["rice"]
    made = []
    for reference in ("1345****6789", "1011****1718"):
        number = services.sales.complete(manager, SaleDraft(uuid.uuid4(), TILL, (LineDraft(rice.id, 1),),
                                                            (PaymentDraft("wechat", rice.sale_price_fen, reference),),
                                                            0)).number or ""
        at = services.sales.sale(number).completed_at.astimezone(STORE_TZ)
        made.append((number, at.strftime("%Y-%m-%d %H:%M:%S")))
    return made


@pytest.fixture
def screen(qtbot, services, manager, feedback, sold):
    made = BillScreen(services, manager, feedback, FakeApproval(None))
    qtbot.addWidget(made)
    made.resize(1024, 768)
    show_active(made)
    made.activate()
    return made


def table(screen: BillScreen) -> list[list[str]]:
    return [[screen.model.index(r, c).data() for c in (0, 1, 2, 3, 6)] for r in range(screen.model.rowCount())]


def importing(qtbot, screen: BillScreen, path: Path) -> None:
    screen.choose_file = lambda: path  # type: ignore[method-assign]
    qtbot.keyClick(screen, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)


def test_import_shows_the_day_matched_and_unmatched(qtbot, screen, services, sold, tmp_path, qtmodeltester) -> None:
    (first, first_at), (second, _) = sold
    bill = tmp_path / "bill.csv"
    bill.write_bytes(wechat_bill([Row(first_at, "4200001234202603101111111111", "32.90", order="134567890123456789"),
                                  Row(first_at, "4200001234202603102222222222", "8.00")]))
    importing(qtbot, screen, bill)
    assert screen.message.text() == "微信支付账单：导入 2 行，已有 0 行。"
    day = first_at[:10]
    assert screen.day.date() == QDate.fromString(day, "yyyy-MM-dd")
    assert table(screen) == [
        ["对账单有、无销售", "微信支付", "¥8.00", "", "4200001234202603102222222222"],
        ["销售未见于对账单", "微信支付", "¥32.90", second, ""],
        ["已对上", "微信支付", "¥32.90", first, "4200001234202603101111111111"],
    ]
    assert screen.summary.text() == "对账单 ¥40.90 · 收银台 ¥65.80 · 已对上 1 · 仅对账单有 1 · 对账单未见的销售 1"
    qtmodeltester.check(screen.model)

    importing(qtbot, screen, bill)  # the same file again
    assert screen.message.text() == "微信支付账单：导入 0 行，已有 2 行。"
    assert screen.model.rowCount() == 3


def test_a_file_that_is_not_a_bill_says_why_and_changes_nothing(qtbot, screen, tmp_path) -> None:
    before = table(screen)
    bad = tmp_path / "households.csv"
    bad.write_text("卡号,姓名\nJA0001,张三\n", encoding="utf-8")
    importing(qtbot, screen, bad)
    assert screen.message.text() == f"{bad} 不是微信支付或支付宝的商户对账单：找不到对账单的表头行。"
    assert table(screen) == before


def test_picking_a_day_shows_it(qtbot, screen, sold) -> None:
    day = QDate.fromString(sold[0][1][:10], "yyyy-MM-dd")
    screen.day.setDate(day)
    screen.day.setFocus()
    qtbot.keyClick(screen.day, Qt.Key.Key_Return)
    assert [row[0] for row in table(screen)] == ["销售未见于对账单", "销售未见于对账单"]
    assert screen.message.text() == "这一天的对账单尚未导入：所有手机支付都显示为对账单未见。"


def test_only_managers_have_the_screen(qtbot, services, cashier, manager, feedback) -> None:
    for actor, expected in ((cashier, False), (manager, True)):
        window = MainWindow(services, actor, SCREENS, feedback, FakeApproval(None))
        qtbot.addWidget(window)
        assert any(isinstance(s, BillScreen) for s in window.screens) is expected


def test_refunds_are_named_and_shown_as_money_back(qtbot) -> None:
    from datetime import date, datetime

    from charity_pos.domain.merchant_bill import BillLine, CounterPayment, Matched
    from charity_pos.services.merchant_bill import Reconciliation
    from charity_pos.ui.bill.model import BillModel, rows_of

    at = datetime(2026, 3, 10, 12, 0)
    refund = BillLine("alipay", "refund", "2026031022001400000000000001", "R1", "", "", at, 3290)
    given_back = CounterPayment(1, "PT01-2026-R000001", "alipay", 3290, at, "2876****4321", "refund")
    seen = Reconciliation(date(2026, 3, 10), (Matched(refund, given_back, "time"),), (refund,), (given_back,))
    model = BillModel()
    model.set_rows(rows_of(seen))
    assert [[model.index(r, c).data() for c in (0, 1, 2, 3)] for r in range(model.rowCount())] == [
        ["对账单有退款、无退货", "支付宝", "-¥32.90", ""],
        ["退货退款未见于对账单", "支付宝", "-¥32.90", "PT01-2026-R000001"],
        ["退款已对上", "支付宝", "-¥32.90", "PT01-2026-R000001"],
    ]
    assert seen.bill_fen == 0 and seen.counter_fen == 0
