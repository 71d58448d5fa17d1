"""The relief handout driven as a cashier does: the card and the goods come
in scanner bursts, the keys work from the scan field, and what is asserted
is what the cashier sees, in Chinese, and what the service recorded."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from charity_pos.db.models import Handout
from charity_pos.domain import quota
from charity_pos.domain.barcodes import check_digit
from charity_pos.errors import CardRefused
from charity_pos.i18n import describe
from charity_pos.services.base import STORE_TZ, Approval
from charity_pos.services.catalog import ItemDraft, Source
from charity_pos.services.intake import Condition, IntakeDraft, IntakeLine, Valuation
from charity_pos.services.households import HouseholdCategory, HouseholdDraft
from charity_pos.services.quotas import LimitDraft, RuleDraft
from charity_pos.ui.app import SCREENS
from charity_pos.ui.handout import HandoutScreen
from charity_pos.ui.handout.basket import HandoutLine
from charity_pos.ui.handout.model import HandoutModel
from charity_pos.ui.main_window import MainWindow
from charity_pos.ui.sales import SaleScreen
from tests.ui.conftest import FakeApproval, show_active
from tests.ui.sales.test_view import post_burst
from tests.ui.test_fit import language  # noqa: F401 - a fixture
from tests.helpers import SHORT_DATED_OK, pdf_text

RICE = "6901234567892"  # ¥32.90, grain and oil
JACKET = "690123456780" + str(check_digit("690123456780"))  # ¥35.00, clothing
TODAY = datetime.now(STORE_TZ).date()  # the store's day (Shanghai), not this machine's
PERIOD = quota.period_of(TODAY, "month").label()
MANAGER_OK = Approval("manager", "9999", "家中有病人")
#: Three households: one to serve, one suspended, one whose certificate ran out.
PEOPLE = (
    ("AX000001", "袁建华", "310104195803017620", TODAY - timedelta(days=30), TODAY + timedelta(days=300)),
    ("AX000002", "陈国强", "310105196207150418", TODAY - timedelta(days=200), TODAY + timedelta(days=100)),
    ("AX000003", "周美玲", "310106194809230535", TODAY - timedelta(days=400), TODAY - timedelta(days=35)),
)


def set_rule(services, manager, mode: str = "enforce") -> None:
    """低保 households: ¥120 a month whatever their size, two units of grain and oil."""
    services.quotas.set_rule(manager, RuleDraft(HouseholdCategory.DIBAO.value, "month", 12000, 0, 0, "", mode,
                                                (LimitDraft("grain_oil", 2, 0),)))


@pytest.fixture
def households(services, manager, stocked) -> dict[str, uuid.UUID]:
    set_rule(services, manager)
    made = {}
    for card, name, number, valid_from, valid_to in PEOPLE:
        made[card] = services.households.register(manager, HouseholdDraft(
            card, name, number, 3, HouseholdCategory.DIBAO, "长征镇", "普民救〔2026〕018号", valid_from, valid_to,
            valid_from)).ids[0]
    services.household_status.suspend(manager, made["AX000002"], "户口迁出本街道")
    jacket = services.catalog.create_item(manager, ItemDraft("儿童羽绒服 110码", "clothing", "件", 3500, 6900, JACKET,
                                                             Source.DONATED)).ids[0]
    services.stock.receive(manager, {jacket: 5})
    return made


@pytest.fixture
def beeps(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    heard: list[int] = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: heard.append(1)))
    return heard


@pytest.fixture
def screen(qtbot, services, cashier, feedback, approval, settings, households) -> HandoutScreen:
    made = HandoutScreen(services, cashier, feedback, approval, settings=settings)
    qtbot.addWidget(made)
    made.changed.connect(made.on_changed)  # as the main window would pass it on
    made.resize(1100, 720)
    show_active(made)
    made.activate()
    return made


def scan(qtbot, screen: HandoutScreen, code: str) -> None:
    qtbot.keyClicks(screen.scan, code)
    qtbot.keyClick(screen.scan, Qt.Key.Key_Return)


def cells(screen: HandoutScreen, row: int) -> list[str]:
    return [screen.model.data(screen.model.index(row, c)) for c in range(screen.model.columnCount())]


def left(screen: HandoutScreen) -> tuple[str, str]:
    return screen.allowance.remaining.text(), screen.allowance.limits.text()


def handout_row(services, number: str) -> Handout:
    with services.db.read() as s:
        row = s.scalars(select(Handout).where(Handout.number == number)).one()
        s.expunge(row)
        return row


# --- the model -----------------------------------------------------------------------
def test_handout_model_passes_qt_model_checks(qtmodeltester, services, households) -> None:
    model = HandoutModel()
    rice, jacket = services.handouts.scan(RICE), services.handouts.scan(JACKET)
    assert model.add(rice) == 0 and model.add(jacket, 2) == 1
    assert model.add(rice) == 0, "the same goods again count up their own line"
    model.mark_beyond([0, 1])
    qtmodeltester.check(model)
    assert model.headerData(HandoutModel.BEYOND, Qt.Orientation.Horizontal) == "超额"
    assert [model.data(model.index(0, c)) for c in range(6)] == ["东北大米 5kg", "粮油", "2 袋", "¥32.90", "¥65.80", ""]
    assert model.data(model.index(1, HandoutModel.BEYOND)) == "超额 1"
    assert isinstance(model.data(model.index(1, 0), Qt.ItemDataRole.UserRole), HandoutLine)


# --- the card --------------------------------------------------------------------------
def test_card_scan_shows_the_household_masked_and_what_it_has_left(qtbot, screen) -> None:
    assert screen.card_panel.household.text() == "请扫描救助卡"
    assert not screen.find_button.isEnabled() and not screen.finish_button.isEnabled()
    post_burst(screen.scan, "AX000001\n")
    qtbot.waitUntil(lambda: screen.visit.card is not None)
    valid_to = PEOPLE[0][4].isoformat()
    assert screen.card_panel.household.text() == (
        f"救助卡 AX000001 · 袁** · 310104********7620 · 3 人 · 低保 · 有效期至 {valid_to}")
    assert screen.card_panel.terms.text() == f"发放周期 {PERIOD} · 严格执行：超额须店长批准"
    assert left(screen) == ("¥120.00", "粮油 还可领 2 件")
    assert screen.allowance.caption.text() == "本期剩余额度"
    assert screen.find_button.isEnabled() and not screen.finish_button.isEnabled()
    shown = " ".join(label.text() for label in screen.findChildren(type(screen.notice)))
    assert "袁建华" not in shown and "310104195803017620" not in shown, "no whole name or ID number on screen"
    assert screen.scan.hasFocus() and screen.scan.text() == ""


def test_a_card_typed_by_hand_is_not_searched_for_as_goods(qtbot, screen) -> None:
    qtbot.keyClicks(screen.scan, "ax000001")
    qtbot.wait(300)  # past the search delay
    assert not screen.matches.isVisible() and screen.notice.objectName() != "alert"
    qtbot.keyClick(screen.scan, Qt.Key.Key_Return)
    assert screen.visit.card is not None and screen.visit.card.card_number == "AX000001"
    assert screen.entry.caption.text() == "物品（Ctrl+F）"
    qtbot.keyClicks(screen.scan, "3")
    qtbot.keyClick(screen.scan, Qt.Key.Key_F6)  # no line yet
    assert screen.notice.text() == "还没有物品：请先扫码。"


@pytest.mark.parametrize("card", ["AX000002", "AX000003", "AX000099"])
def test_suspended_expired_and_unknown_cards_are_refused_with_the_services_sentence(qtbot, screen, services,
                                                                                  beeps, card) -> None:
    with pytest.raises(CardRefused) as refused:
        services.handouts.card(card)
    sentence = describe(refused.value)
    scan(qtbot, screen, card)
    assert screen.card_panel.household.text() == sentence
    assert screen.card_panel.household.objectName() == "alert" and beeps == [1]
    assert {"AX000002": "户口迁出本街道", "AX000003": "重新认定", "AX000099": "没有"}[card] in sentence
    assert not any(button.isEnabled() for button in (screen.find_button, screen.finish_button,
                                                     screen.beyond_button, screen.quantity_button))
    scan(qtbot, screen, RICE)  # goods on a refused card: taken for another card, and refused
    assert screen.model.rowCount() == 0 and screen.visit.card is None


# --- the goods -------------------------------------------------------------------------------
def test_expired_food_is_refused_naming_its_lot(qtbot, screen, services, cashier, manager) -> None:
    dumplings = services.catalog.create_item(manager, ItemDraft("思念水饺 1kg", "food", "袋", 1500, 2200,
                                                               source=Source.DONATED)).ids[0]
    services.intake.receive(cashier, IntakeDraft(None, (
        IntakeLine(dumplings, 2, Condition.NEW, Valuation.MARKET, 1500, TODAY + timedelta(days=1)),),
        approval=SHORT_DATED_OK))
    (lot,) = [lot for lot in services.stock.lots() if lot.item_id == dumplings]
    services.ctx.clock = lambda: datetime.now(UTC) + timedelta(days=3)  # the lot is now past its date
    post_burst(screen.scan, "AX000001\n")
    qtbot.waitUntil(lambda: screen.visit.card is not None)
    scan(qtbot, screen, lot.barcode)
    assert screen.notice.text() == (f"“思念水饺 1kg”批次 {lot.barcode} 已过保质期（{lot.expiry_date.isoformat()}），"
                                    "不能销售或发放。请将该批次下架。")
    assert screen.model.rowCount() == 0


def test_goods_scans_add_lines_and_what_is_left_drops(qtbot, screen) -> None:
    post_burst(screen.scan, "AX000001\n" + RICE + "\n" + JACKET + "\n")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 2)
    assert cells(screen, 0) == ["东北大米 5kg", "粮油", "1 袋", "¥32.90", "¥32.90", ""]
    assert cells(screen, 1) == ["儿童羽绒服 110码", "衣物", "1 件", "¥35.00", "¥35.00", ""]
    assert left(screen) == ("¥52.10", "粮油 还可领 1 件")
    assert screen.allowance.details.text() == "本期额度 ¥120.00，已领 ¥0.00\n本次 ¥67.90：2 行，2 件"
    scan(qtbot, screen, RICE)  # the same code again counts up
    assert cells(screen, 0)[2] == "2 袋" and left(screen) == ("¥19.20", "粮油 还可领 0 件")
    assert screen.notice.text() == "东北大米 5kg × 2  ¥65.80"
    qtbot.keyClick(screen.scan, Qt.Key.Key_Delete)  # the current line: the rice
    assert screen.model.rowCount() == 1 and cells(screen, 0)[0] == "儿童羽绒服 110码"
    assert screen.notice.text() == "已删除：东北大米 5kg"
    scan(qtbot, screen, "2*")
    assert cells(screen, 0)[2] == "2 件" and left(screen) == ("¥50.00", "粮油 还可领 2 件")
    qtbot.keyClicks(screen.scan, "sc")
    qtbot.keyClick(screen.scan, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # 生抽 by pinyin initials
    assert screen.matches.isVisible() and screen.matches.item(0).text().startswith("海天金标生抽 500ml")
    qtbot.keyClick(screen.scan, Qt.Key.Key_Return)
    assert cells(screen, 1)[:3] == ["海天金标生抽 500ml", "粮油", "1 瓶"]


# --- past the allowance --------------------------------------------------------------------------
def test_enforce_mode_adds_past_the_allowance_only_with_a_manager(qtbot, screen, services, approval, beeps) -> None:
    post_burst(screen.scan, "AX000001\n2*" + RICE + "\n")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    scan(qtbot, screen, "sc")  # a third unit of grain and oil: past the limit of two
    assert approval.asked == ["此操作需要店长批准：超出额度发放物资。\n超额：粮油 超出限领 1 件"]
    assert screen.model.rowCount() == 1 and cells(screen, 0)[2] == "2 袋", "cancelled: nothing added"
    assert screen.notice.text() == "未获店长批准：未加入（粮油 超出限领 1 件）。" and beeps
    approval.answer = MANAGER_OK
    scan(qtbot, screen, "sc")
    assert screen.model.rowCount() == 2 and cells(screen, 1)[5] == "超额 1"
    assert screen.notice.text() == "海天金标生抽 500ml × 1  ¥11.90\n超额（粮油 超出限领 1 件），店长 manager 已批准：家中有病人"
    assert screen.notice.objectName() == "notice", "approved: no alarm"
    assert left(screen) == ("¥42.30", "粮油 超出 1 件")
    assert screen.visit.approval == MANAGER_OK
    qtbot.keyClick(screen.scan, Qt.Key.Key_F12)
    number = screen.last_number
    assert number is not None and [h.number for h in services.handouts.handouts()] == [number]
    recorded = handout_row(services, number)
    manager_id = next(u.id for u in services.accounts.users() if u.username == "manager")
    assert recorded.over_allowance and recorded.approved_by == manager_id
    assert recorded.override_reason == "家中有病人" and recorded.total_value_fen == 7770


def test_wrong_manager_pin_adds_nothing(qtbot, screen, approval, feedback) -> None:
    approval.answer = Approval("manager", "0000", "家中有病人")
    post_burst(screen.scan, "AX000001\n3*" + RICE + "\n")
    qtbot.waitUntil(lambda: bool(approval.asked))
    assert feedback.errors and feedback.errors[0] == "用户名或 PIN 码错误。再错 4 次，本收银台将暂停店长批准。"
    assert screen.model.rowCount() == 0


def test_warn_mode_adds_with_a_warning_and_finishing_reports_it(qtbot, screen, services, manager, approval,
                                                                 beeps) -> None:
    set_rule(services, manager, "warn")
    scan(qtbot, screen, "AX000001")
    assert screen.card_panel.terms.text() == f"发放周期 {PERIOD} · 仅提醒：超额照常发放并记录"
    scan(qtbot, screen, "3*" + RICE)
    assert approval.asked == [], "a warn rule asks no manager"
    assert cells(screen, 0)[2] == "3 袋" and cells(screen, 0)[5] == "超额 1"
    assert screen.notice.text() == "东北大米 5kg × 3  ¥98.70\n超额（粮油 超出限领 1 件）：此类别仅提醒，照常发放并记录在案。"
    assert screen.notice.objectName() == "alert" and beeps == [1]
    qtbot.keyClick(screen.scan, Qt.Key.Key_F12)
    number = screen.last_number
    assert screen.notice.text() == (f"已发放：{number}，¥98.70。请打印发放单由领取人签字（Ctrl+P）。\n"
                                    "超额发放：已提醒并记录在案。")
    recorded = handout_row(services, number)
    assert recorded.over_allowance and recorded.approved_by is None and recorded.mode == "warn"


# --- to a paid sale -----------------------------------------------------------------------------------
def test_lines_beyond_the_allowance_go_to_the_sale_screens_ticket(qtbot, services, cashier, feedback,
                                                                  households) -> None:
    window = MainWindow(services, cashier, SCREENS, feedback, FakeApproval(MANAGER_OK))
    qtbot.addWidget(window)
    show_active(window)
    sale = next(s for s in window.screens if isinstance(s, SaleScreen))
    handout = next(s for s in window.screens if isinstance(s, HandoutScreen))
    qtbot.keyClick(window, Qt.Key.Key_F9, Qt.KeyboardModifier.ShiftModifier)
    assert window.current_screen() is handout and handout.scan.hasFocus()
    post_burst(handout.scan, "AX000001\n" + JACKET + "\n3*" + RICE + "\n")  # a manager approves the third bag
    qtbot.waitUntil(lambda: handout.model.rowCount() == 2)
    assert cells(handout, 0)[5] == "" and cells(handout, 1)[5] == "超额 1"
    qtbot.keyClick(handout.scan, Qt.Key.Key_F10)
    assert [(line.scanned.name, line.quantity) for line in sale.model.lines()] == [("东北大米 5kg", 1)]
    assert cells(handout, 1)[2] == "2 袋" and cells(handout, 1)[5] == ""
    assert handout.notice.text() == "已转为付费购买，加入收银单（F9）：东北大米 5kg × 1"
    assert left(handout) == ("¥19.20", "粮油 还可领 0 件")
    assert window.current_screen() is handout, "the handout is finished first"
    qtbot.keyClick(handout.scan, Qt.Key.Key_F10)
    assert handout.notice.text() == "没有超额的物品。按 Ctrl+F10 可将当前行转为付费购买。"
    qtbot.keyClick(handout.scan, Qt.Key.Key_Up)
    qtbot.keyClick(handout.scan, Qt.Key.Key_F10, Qt.KeyboardModifier.ControlModifier)  # the jacket, all of it
    assert [(line.scanned.name, line.quantity) for line in sale.model.lines()] == [
        ("东北大米 5kg", 1), ("儿童羽绒服 110码", 1)]
    assert handout.model.rowCount() == 1 and cells(handout, 0)[:3] == ["东北大米 5kg", "粮油", "2 袋"]
    qtbot.keyClick(handout.scan, Qt.Key.Key_F12)
    assert "需付费的商品已在收银单上（F9）。" in handout.notice.text()
    [done] = services.handouts.handouts()
    assert (done.units, done.total_value_fen, done.over_allowance) == (2, 6580, False)
    qtbot.keyClick(window, Qt.Key.Key_F9)
    assert window.current_screen() is sale and sale.total.text() == "¥67.90"


def test_moving_needs_a_sale_screen(qtbot, screen, approval) -> None:
    approval.answer = MANAGER_OK
    post_burst(screen.scan, "AX000001\n3*" + RICE + "\n")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    qtbot.keyClick(screen.scan, Qt.Key.Key_F10)
    assert screen.notice.text() == "没有收银界面可接收这些商品。" and cells(screen, 0)[2] == "3 袋"


# --- finishing --------------------------------------------------------------------------------------------
def test_finish_makes_one_handout_however_often_it_is_pressed(qtbot, screen, services, stocked) -> None:
    qtbot.keyClick(screen.scan, Qt.Key.Key_F12)
    assert screen.notice.text() == "请先扫描救助卡。"
    post_burst(screen.scan, "AX000001\n2*" + RICE + "\n")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    ticket = screen.visit.ticket_id
    qtbot.keyClick(screen.scan, Qt.Key.Key_F12)
    qtbot.keyClick(screen.scan, Qt.Key.Key_F12)
    [done] = services.handouts.handouts()
    assert done.number == screen.last_number and done.card_number == "AX000001" and done.units == 2
    assert screen.notice.text() == f"发放单 {done.number} 已完成：请扫描下一张救助卡。"
    assert screen.last_label.text() == f"上一笔发放 {done.number}：救助卡 AX000001，¥65.80"
    assert left(screen) == ("¥54.20", "粮油 还可领 0 件"), "the standing after the handout"
    assert services.catalog.get(stocked["rice"].id).on_hand == 18
    scan(qtbot, screen, RICE)  # the visit is over: goods need the next card
    assert screen.model.rowCount() == 0 and screen.notice.text() == f"发放单 {done.number} 已完成：请扫描下一张救助卡。"
    assert screen.visit.ticket_id == ticket
    scan(qtbot, screen, "AX000001")  # the same household again: a new visit
    assert screen.visit.ticket_id != ticket and screen.visit.open


def test_slip_printed_on_the_slip_printer_as_a5_and_as_pdf(qtbot, screen, services, settings, tmp_path,
                                                            monkeypatch) -> None:
    import charity_pos.printing.handout as handout_pdf

    rendered: list[tuple[str, int, str]] = []
    real = handout_pdf.render_handout_slip

    def render(doc, out, paper: str = "80mm") -> None:
        real(doc, out, paper)
        copy = tmp_path / f"rendered-{len(rendered)}.pdf"
        copy.write_bytes(Path(out).read_bytes())
        rendered.append((doc.number, doc.reprint_count, str(copy)))

    monkeypatch.setattr(handout_pdf, "render_handout_slip", render)
    settings.slip_printer = "收银小票机"
    printed: list[str] = []

    def slip_printer(name: str) -> QPrinter:
        printed.append(name)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printer.pdf"))
        printer.setResolution(100)
        return printer

    screen.slips.named_printer = slip_printer  # type: ignore[method-assign]
    post_burst(screen.scan, "AX000001\n" + RICE + "\n")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    assert not screen.print_button.isEnabled()
    qtbot.keyClick(screen.scan, Qt.Key.Key_F12)
    number = screen.last_number
    assert screen.print_button.isEnabled() and rendered == [], "no slip unless asked"
    qtbot.keyClick(screen.scan, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert printed == ["收银小票机"] and (tmp_path / "printer.pdf").stat().st_size > 0
    assert screen.notice.text() == f"发放单 {number} 已打印：请领取人签字。"
    text = pdf_text(Path(rendered[0][2]))
    assert number in text and "领取人签字" in text and "310104********7620" in text and "袁建华" not in text

    screen.slips.output.choose_printer = lambda parent, printer: False  # type: ignore[method-assign]
    qtbot.keyClick(screen.scan, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(rendered) == 1, "A5 goes through the dialog; cancelled, nothing is counted"

    screen.slips.output.choose_file = lambda parent, name: tmp_path / name  # type: ignore[method-assign]
    qtbot.keyClick(screen.scan, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    saved = tmp_path / f"物资发放单-{number}.pdf"
    assert saved.exists() and number in pdf_text(saved) and "重打" in pdf_text(saved)
    assert [(n, reprints) for n, reprints, _path in rendered] == [(number, 0), (number, 1)]
    assert handout_row(services, number).slip_prints == 2


# --- visits ---------------------------------------------------------------------------------------------
def test_the_drop_question_counts_its_lines_in_the_users_language(qtbot, screen, feedback, language) -> None:  # noqa: F811
    """"1 line" and "2 lines" in English (not "1 lines"), 行 in Chinese; the allowance panel likewise."""
    post_burst(screen.scan, "AX000001\n" + RICE + "\n")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    feedback.answer = False
    asked: list[str] = []
    for barcode in ("", JACKET):
        if barcode:
            scan(qtbot, screen, barcode)
        qtbot.keyClick(screen.scan, Qt.Key.Key_Escape)
        asked.append(feedback.confirms[-1][1])
        asked.append(screen.allowance.details.text().split("\n")[1])
    if language == "en":
        assert asked == ["Drop the unfinished handout for card AX000001 (1 line, ¥32.90)? Nothing is handed out.",
                         "This handout ¥32.90: 1 line, 1 unit",
                         "Drop the unfinished handout for card AX000001 (2 lines, ¥67.90)? Nothing is handed out.",
                         "This handout ¥67.90: 2 lines, 2 units"]
    else:
        assert asked == ["放弃救助卡 AX000001 未完成的发放（1 行，¥32.90）？不会发放任何物资。", "本次 ¥32.90：1 行，1 件",
                         "放弃救助卡 AX000001 未完成的发放（2 行，¥67.90）？不会发放任何物资。", "本次 ¥67.90：2 行，2 件"]
    assert screen.model.rowCount() == 2, "not dropped"
    category = screen.model.index(0, HandoutModel.CATEGORY)
    assert screen.model.data(category, Qt.ItemDataRole.ToolTipRole) == screen.model.data(category), (
        "the category whole on hovering, where the column gives way and elides it")


def test_esc_and_a_new_card_ask_before_dropping_scanned_goods(qtbot, screen, feedback, services) -> None:
    post_burst(screen.scan, "AX000001\n" + RICE + "\n")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    feedback.answer = False
    qtbot.keyClick(screen.scan, Qt.Key.Key_Escape)
    assert feedback.confirms[-1] == ("放弃发放", "放弃救助卡 AX000001 未完成的发放（1 行，¥32.90）？不会发放任何物资。")
    assert screen.model.rowCount() == 1
    scan(qtbot, screen, "AX000001")  # the same card again is no new visit
    assert screen.model.rowCount() == 1 and len(feedback.confirms) == 1
    assert screen.before_leaving() is False and screen.model.rowCount() == 1
    qtbot.keyClicks(screen.scan, "dm")
    qtbot.keyClick(screen.scan, Qt.Key.Key_Escape)  # Esc first clears what is typed
    assert screen.scan.text() == "" and len(feedback.confirms) == 2
    feedback.answer = True
    qtbot.keyClick(screen.scan, Qt.Key.Key_Escape)
    assert screen.model.rowCount() == 0 and screen.visit.card is None
    assert screen.card_panel.household.text() == "请扫描救助卡"
    assert screen.before_leaving() is True and services.handouts.handouts() == []


# --- the district ------------------------------------------------------------------------------
def test_card_shows_use_at_other_stores_and_how_far_the_district_has_the_data(qtbot, services, screen) -> None:
    from charity_pos.db.district import OtherStoreUse
    from charity_pos.db.models import Household
    from charity_pos.db.sync_state import SYNC_STATE_ID, SyncState
    from charity_pos.services.base import local_date

    assert not screen.district_label.isVisible(), "no bundle from the district yet: nothing said"
    key = quota.period_of(local_date(services.ctx.now()), "month").key
    with services.db.begin() as s:  # what applying a downstream bundle leaves (none of it journaled)
        household = s.scalars(select(Household).where(Household.card_number == "AX000001")).one()
        household.district_hash = "ab" * 32
        s.add(OtherStoreUse(district_hash="ab" * 32, period_key=key, used_fen=4000))
        s.add(SyncState(id=SYNC_STATE_ID, last_exported_seq=0, last_downstream_seq=1,
                        district_events_at=datetime(2026, 3, 9, 10, 0, tzinfo=UTC)))
    screen.refresh()
    assert screen.district_label.isVisible()
    assert screen.district_label.text() == "区里已收到本店数据至 2026-03-09"
    post_burst(screen.scan, "AX000001\n")
    qtbot.waitUntil(lambda: screen.visit.card is not None)
    assert screen.visit.card.used_elsewhere_fen == 4000
    assert screen.card_panel.elsewhere.isVisible()
    assert screen.card_panel.elsewhere.text() == "本期已在其他门店领取 ¥40.00"
    assert left(screen)[0] == "¥80.00", "¥120 a month, ¥40 of it taken at another store"
    screen.new_visit()
    assert not screen.card_panel.elsewhere.isVisible()
