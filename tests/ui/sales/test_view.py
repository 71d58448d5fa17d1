"""The counter driven as a cashier does: a scanner types 13 digits and Enter
in bursts, the F-keys change lines, and what is asserted is what the cashier
sees, in Chinese."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy import select

from charity_pos.db.models import StockLot
from charity_pos.domain.barcodes import check_digit
from charity_pos.services.base import STORE_TZ, Approval
from charity_pos.services.intake import Condition, IntakeDraft, IntakeLine, Valuation
from charity_pos.services.sales import Scanned
from charity_pos.ui.sales import SaleScreen
from charity_pos.ui.sales.dialogs import RecallDialog, ValueDialog
from charity_pos.ui.sales.model import TicketModel
from charity_pos.ui.sales.shift import OpenShiftDialog
from tests.ui.conftest import FakeApproval, show_active
from tests.helpers import SHORT_DATED_OK

RICE = "6901234567892"
MANAGER_OK = Approval("manager", "9999", "老顾客优惠")
TODAY = datetime.now(STORE_TZ).date()


def _unknown_code() -> str:
    payload = "690123456701"
    return payload + str(check_digit(payload))


@pytest.fixture
def beeps(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    heard: list[int] = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: heard.append(1)))
    return heard


@pytest.fixture
def screen(sale_screen) -> SaleScreen:
    return sale_screen


def scan(qtbot, screen: SaleScreen, code: str) -> None:
    qtbot.keyClicks(screen.scan, code)
    qtbot.keyClick(screen.scan, Qt.Key.Key_Return)


def cells(screen: SaleScreen, row: int) -> list[str]:
    return [screen.model.data(screen.model.index(row, c)) for c in range(screen.model.columnCount())]


def post_burst(widget, text: str) -> None:
    """Queue key events the way a scanner's keyboard wedge delivers them:
    all at once, before the app has handled the first."""
    for char in text:
        key = Qt.Key.Key_Return if char == "\n" else Qt.Key(ord(char))
        typed = "\r" if char == "\n" else char
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.postEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, typed))


# --- the model ---------------------------------------------------------------------
def _scanned(services, name: str) -> Scanned:
    return services.sales.item(services.catalog.search(name)[0].id)


def test_ticket_model_passes_qt_model_checks(qtmodeltester, services, stocked) -> None:
    model = TicketModel()
    rice, sauce, sweater = (_scanned(services, n) for n in ("东北大米", "生抽", "羊毛衫"))
    assert model.add(rice) == 0
    assert model.add(sauce, 3) == 1
    assert model.add(rice) == 0, "the same item again counts up its own line"
    model.add(sweater)
    model.set_price(2, 2000)
    model.set_discount(1, 100)
    qtmodeltester.check(model)
    assert model.headerData(TicketModel.SOURCE, Qt.Orientation.Horizontal) == "来源"
    assert [model.data(model.index(0, c)) for c in range(6)] == ["东北大米 5kg", "2 袋", "¥32.90", "", "¥65.80", "采购"]
    assert model.data(model.index(1, TicketModel.DISCOUNT)) == "-¥1.00"
    assert model.data(model.index(1, TicketModel.AMOUNT)) == "¥34.70"
    assert model.data(model.index(2, TicketModel.SOURCE)) == "捐赠"
    assert model.data(model.index(2, TicketModel.PRICE), Qt.ItemDataRole.ToolTipRole) == "目录价 ¥25.00"
    assert model.totals(500).total_fen == 6580 + 3470 + 2000 - 500


# --- scanning ------------------------------------------------------------------------
def test_scanner_bursts_add_every_code_and_the_same_code_counts_up(qtbot, screen) -> None:
    for _ in range(3):
        scan(qtbot, screen, RICE)
    scan(qtbot, screen, "2*sc")  # 生抽 by pinyin initials, two of them
    assert screen.model.rowCount() == 2
    assert cells(screen, 0)[:2] == ["东北大米 5kg", "3 袋"]
    assert cells(screen, 1)[:2] == ["海天金标生抽 500ml", "2 瓶"]
    assert screen.total.text() == "¥122.50"
    assert screen.summary.text() == "2 行，5 件"
    assert screen.scan.hasFocus() and screen.scan.text() == ""


def test_queued_scanner_input_loses_no_character(qtbot, screen) -> None:
    post_burst(screen.scan, (RICE + "\n") * 5 + "3*" + RICE + "\n")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1 and cells(screen, 0)[1] == "8 袋")
    assert screen.scan.text() == ""
    assert screen.notice.text() == "东北大米 5kg × 8  ¥263.20"


def test_unknown_barcode_warns_in_red_with_a_beep_and_adds_nothing(qtbot, screen, beeps) -> None:
    scan(qtbot, screen, RICE)
    code = _unknown_code()
    scan(qtbot, screen, code)
    assert screen.notice.text() == f"没有商品使用条码 {code}。"
    assert screen.notice.objectName() == "alert"
    assert beeps == [1]
    assert screen.model.rowCount() == 1 and cells(screen, 0)[1] == "1 袋"
    scan(qtbot, screen, "6901234567891")  # a misread: wrong check digit
    assert screen.notice.text() == "条码 6901234567891 无效：校验位错误。"
    assert screen.model.rowCount() == 1


def test_nothing_on_hand_warns_but_adds_the_line(qtbot, screen, beeps) -> None:
    scan(qtbot, screen, "ymsl")  # 羊毛衫 L: none received
    assert cells(screen, 0)[:2] == ["男式羊毛衫 L码 藏青", "1 件"]
    assert screen.notice.text() == "已加入 男式羊毛衫 L码 藏青 × 1，但账面库存为 0：请核对货架。"
    assert screen.notice.objectName() == "alert" and beeps == [1]


def test_expired_food_is_refused_with_the_services_words(qtbot, screen, services, cashier) -> None:
    sauce = services.catalog.search("生抽")[0]
    tomorrow = TODAY + timedelta(days=1)
    services.intake.receive(cashier, IntakeDraft(None, (
        IntakeLine(sauce.id, 2, Condition.NEW, Valuation.MARKET, 1290, tomorrow),), approval=SHORT_DATED_OK))
    with services.db.read() as s:
        code = s.scalars(select(StockLot.barcode).where(StockLot.item_id == sauce.id,
                                                        StockLot.expiry_date.is_not(None))).one()
    services.ctx.clock = lambda: datetime.now(UTC) + timedelta(days=3)  # the lot is now past its date
    scan(qtbot, screen, code)
    assert screen.notice.text() == (f"“海天金标生抽 500ml”批次 {code} 已过保质期（{tomorrow.isoformat()}），"
                                    "不能销售或发放。请将该批次下架。")
    assert screen.model.rowCount() == 0


# --- quantities and lines -------------------------------------------------------
def test_quantity_by_star_and_by_f6_and_bad_quantities_refused(qtbot, screen) -> None:
    scan(qtbot, screen, RICE)
    scan(qtbot, screen, "4*")
    assert cells(screen, 0)[1] == "4 袋" and screen.notice.text() == "东北大米 5kg：数量 4"
    qtbot.keyClicks(screen.scan, "6")
    qtbot.keyClick(screen.scan, Qt.Key.Key_F6)
    assert cells(screen, 0)[1] == "6 袋"
    scan(qtbot, screen, "0*")
    assert screen.notice.text() == "数量必须大于零。" and cells(screen, 0)[1] == "6 袋"
    scan(qtbot, screen, "-2*")
    assert screen.notice.text() == "数量不能为负数。" and cells(screen, 0)[1] == "6 袋"
    screen.scan.clear()
    scan(qtbot, screen, "0*" + RICE)
    assert screen.notice.text() == "数量必须大于零。" and cells(screen, 0)[1] == "6 袋"
    assert screen.scan.hasFocus()


def test_f6_without_a_number_asks_for_one(qtbot, screen) -> None:
    scan(qtbot, screen, RICE)
    asked: list[ValueDialog] = []

    def answer(dialog: ValueDialog) -> int:
        asked.append(dialog)
        dialog.field.setText("3")
        return QDialog.DialogCode.Accepted

    screen.run_dialog = answer  # type: ignore[method-assign]
    qtbot.keyClick(screen.scan, Qt.Key.Key_F6)
    assert asked[0].windowTitle() == "数量" and cells(screen, 0)[1] == "3 袋"
    assert screen.scan.hasFocus()


def test_arrows_choose_the_line_and_del_removes_it(qtbot, screen) -> None:
    scan(qtbot, screen, RICE)
    scan(qtbot, screen, "sc")
    qtbot.keyClick(screen.scan, Qt.Key.Key_Up)
    qtbot.keyClick(screen.scan, Qt.Key.Key_Delete)
    assert screen.model.rowCount() == 1 and cells(screen, 0)[0] == "海天金标生抽 500ml"
    assert screen.notice.text() == "已删除：东北大米 5kg"
    assert screen.total.text() == "¥11.90"


# --- prices and discounts ------------------------------------------------------------
def test_price_change_within_the_limit_needs_no_manager(qtbot, screen, approval) -> None:
    scan(qtbot, screen, RICE)
    qtbot.keyClicks(screen.scan, "30")
    qtbot.keyClick(screen.scan, Qt.Key.Key_F7)  # ¥32.90 -> ¥30.00: under 10% off
    assert approval.asked == []
    assert cells(screen, 0)[2] == "¥30.00" and screen.total.text() == "¥30.00"


def test_price_change_beyond_the_limit_without_a_manager_changes_nothing(qtbot, screen, approval, services,
                                                                          beeps) -> None:
    scan(qtbot, screen, RICE)
    qtbot.keyClicks(screen.scan, "20")
    qtbot.keyClick(screen.scan, Qt.Key.Key_F7)
    assert approval.asked == ["此操作需要店长批准：超出限额的改价或折扣。"]
    assert cells(screen, 0)[2] == "¥32.90" and screen.total.text() == "¥32.90"
    assert screen.notice.text() == "未获批准：价格保持不变。"
    approval.answer = MANAGER_OK
    qtbot.keyClicks(screen.scan, "20")
    qtbot.keyClick(screen.scan, Qt.Key.Key_F7)
    assert cells(screen, 0)[2] == "¥20.00" and screen.ticket.approval == MANAGER_OK


def test_wrong_manager_pin_is_said_and_the_price_kept(qtbot, screen, approval, feedback) -> None:
    approval.answer = Approval("manager", "0000", "老顾客")
    scan(qtbot, screen, RICE)
    qtbot.keyClicks(screen.scan, "20")
    qtbot.keyClick(screen.scan, Qt.Key.Key_F7)
    assert feedback.errors and feedback.errors[0] == "用户名或 PIN 码错误。再错 4 次，本收银台将暂停店长批准。"
    assert cells(screen, 0)[2] == "¥32.90"


def test_line_and_ticket_discounts(qtbot, screen, approval) -> None:
    scan(qtbot, screen, "2*" + RICE)
    qtbot.keyClicks(screen.scan, "5%")
    qtbot.keyClick(screen.scan, Qt.Key.Key_F8)
    assert cells(screen, 0)[3:5] == ["-¥3.29", "¥62.51"]
    qtbot.keyClicks(screen.scan, "2.51")
    qtbot.keyClick(screen.scan, Qt.Key.Key_F10)
    assert screen.total.text() == "¥60.00"
    assert screen.summary.text() == "1 行，2 件\n整单优惠 -¥2.51\n共优惠 ¥5.80"
    assert approval.asked == []
    qtbot.keyClicks(screen.scan, "100")
    qtbot.keyClick(screen.scan, Qt.Key.Key_F10)
    assert screen.notice.text() == "折扣超过了可减免的金额。"
    assert screen.total.text() == "¥60.00"


def test_an_approved_ticket_discount_that_no_longer_fits_is_removed_and_said(qtbot, screen, approval) -> None:
    scan(qtbot, screen, "2*" + RICE)
    approval.answer = MANAGER_OK
    qtbot.keyClicks(screen.scan, "40")
    qtbot.keyClick(screen.scan, Qt.Key.Key_F10)
    assert screen.total.text() == "¥25.80" and screen.ticket.approval == MANAGER_OK
    scan(qtbot, screen, "1*")  # one bag less: ¥32.90, less than the ¥40.00 given off
    assert screen.total.text() == "¥32.90" and screen.ticket.discount_fen == 0
    assert screen.summary.text() == "1 行，1 件\n整单优惠 ¥40.00 已取消：超过了整单现在的金额"
    assert screen.summary.objectName() == "warning", "in the warning colour, not the hint's grey"
    qtbot.keyClicks(screen.scan, "2.90")  # a new ticket discount replaces the note
    qtbot.keyClick(screen.scan, Qt.Key.Key_F10)
    assert screen.summary.text() == "1 行，1 件\n整单优惠 -¥2.90\n共优惠 ¥2.90"
    assert screen.summary.objectName() == "hint"


# --- the whole ticket ------------------------------------------------------------------
def test_park_and_recall_a_ticket(qtbot, screen, services) -> None:
    scan(qtbot, screen, "2*" + RICE)
    ticket_id = screen.ticket.id
    qtbot.keyClick(screen.scan, Qt.Key.Key_F11)
    assert screen.model.rowCount() == 0 and screen.notice.text() == "已挂单。按 Shift+F11 取单。"
    assert screen.recall_button.text() == "取单（Shift+F11）  [1]"
    scan(qtbot, screen, "sc")
    qtbot.keyClick(screen.scan, Qt.Key.Key_F11)
    screen.run_dialog = lambda dialog: (  # type: ignore[method-assign]
        isinstance(dialog, RecallDialog) and dialog.list.setCurrentRow(0)) or QDialog.DialogCode.Accepted
    qtbot.keyClick(screen.scan, Qt.Key.Key_F11, Qt.KeyboardModifier.ShiftModifier)
    assert cells(screen, 0)[:2] == ["东北大米 5kg", "2 袋"] and screen.ticket.id == ticket_id
    assert len(services.sales.parked("1")) == 1


def test_cancel_ticket_is_logged(qtbot, screen, services) -> None:
    scan(qtbot, screen, RICE)
    qtbot.keyClick(screen.scan, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert screen.model.rowCount() == 0 and screen.notice.text() == "整单已取消。"
    logged = services.sales.cancelled_tickets()
    assert len(logged) == 1


# --- paying -------------------------------------------------------------------------------
def test_pay_with_nothing_scanned_says_so(qtbot, screen) -> None:
    screen.run_dialog = lambda dialog: pytest.fail("no payment without goods")  # type: ignore[method-assign]
    qtbot.keyClick(screen.scan, Qt.Key.Key_F12)
    assert screen.notice.text() == "还没有可结账的商品：请先扫码。"


def test_counter_keys_work_from_the_scan_field(qtbot, screen) -> None:
    opened: list[str] = []
    screen.run_dialog = lambda dialog: opened.append(type(dialog).__name__) or 0  # type: ignore[method-assign]
    for key, modifier in ((Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier),
                          (Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier),
                          (Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)):
        qtbot.keyClick(screen.scan, key, modifier)
        assert screen.scan.hasFocus()
    assert opened == ["ReturnDialog", "ShiftSalesDialog", "CloseShiftDialog"]
    qtbot.keyClicks(screen.scan, "dm")
    qtbot.keyClick(screen.scan, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert screen.matches.isVisible() and screen.matches.item(0).text().startswith("东北大米 5kg")


def test_no_open_shift_is_shown_and_paying_offers_to_open_one(qtbot, services, cashier, feedback, settings,
                                                              stocked) -> None:
    screen = SaleScreen(services, cashier, feedback, FakeApproval(None), settings=settings)
    qtbot.addWidget(screen)
    show_active(screen)
    assert screen.shift_label.text() == "收银台 1 未开班。按 Ctrl+T 开班并登记备用金。"
    scan(qtbot, screen, RICE)
    shown: list[QDialog] = []

    def run(dialog: QDialog) -> int:
        shown.append(dialog)
        if isinstance(dialog, OpenShiftDialog):
            dialog.float_field.setText("300")
            dialog.accept()
            return dialog.result()
        return QDialog.DialogCode.Rejected  # the payment: not this time

    screen.run_dialog = run  # type: ignore[method-assign]
    qtbot.keyClick(screen.scan, Qt.Key.Key_F12)
    assert [type(d).__name__ for d in shown] == ["OpenShiftDialog", "PaymentDialog"]
    assert services.shifts.current("1").float_fen == 30000
    assert screen.shift_label.text().startswith("班次 PT01-")
    assert screen.model.rowCount() == 1, "the ticket waits while the shift is opened"


def test_dm_lists_the_rice_first_however_well_other_goods_sell(qtbot, services, manager, cashier, screen) -> None:
    """大宝SOD蜜 sells best, but "dm" is 大米: the whole-initials match heads
    the list and Enter takes it."""
    from charity_pos.services.catalog import ItemDraft, Source
    from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft

    made = {}
    for name in ("大宝SOD蜜 200ml", "大米 散装 1kg"):
        made[name] = services.catalog.create_item(
            manager, ItemDraft(name, "daily", "件", 1000, None, None, Source.PURCHASED)).ids[0]
    services.stock.receive(manager, {item_id: 30 for item_id in made.values()})
    services.sales.complete(cashier, SaleDraft(uuid.uuid4(), "1", (LineDraft(made["大宝SOD蜜 200ml"], 9),),
                                               (PaymentDraft("cash", 9000),), 0, None))
    qtbot.keyClicks(screen.scan, "dm")
    qtbot.waitUntil(lambda: screen.matches.isVisible())
    shown = [screen.matches.item(i).text().split("  ·  ")[0] for i in range(screen.matches.count())]
    assert shown[0] == "大米 散装 1kg" and shown.index("东北大米 5kg") < shown.index("大宝SOD蜜 200ml")
    qtbot.keyClick(screen.scan, Qt.Key.Key_Return)
    assert cells(screen, 0)[:2] == ["大米 散装 1kg", "1 件"]
