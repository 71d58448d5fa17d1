"""Paying at the counter, by keys: cash with the change shown as it is typed,
quick keys, WeChat Pay with its reference, vouchers, mixes; refusals from the
service shown in the dialog, which stays; pay pressed twice makes one sale;
the slip printed by itself or on Ctrl+P, a reprint marked.

The customer's payment code at the counter, by keys: a scan into the
field with the focus picks WeChat Pay or Alipay and fills the amount due and
the code's mask; a scan that is not a payment code is refused with the
reason and changes nothing; a sale with a scanned payment completes only
when the cashier confirms the customer's phone shows it paid (Enter: yes)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox

from charity_pos.domain.documents import SlipDoc
from charity_pos.ui.sales import SaleScreen
from charity_pos.ui.sales.payment import SETTLE_MS, PaymentDialog
from tests.ui.conftest import answer_dialogs

RICE = "6901234567892"
WECHAT_CODE = "134567890123456789"
ALIPAY_CODE = "2876543210987654321"


@pytest.fixture
def screen(sale_screen) -> SaleScreen:
    return sale_screen


def scan(qtbot, screen: SaleScreen, code: str) -> None:
    qtbot.keyClicks(screen.scan, code)
    qtbot.keyClick(screen.scan, Qt.Key.Key_Return)


def pay(qtbot, screen: SaleScreen, steps: Callable[[PaymentDialog], None]) -> PaymentDialog:
    """F12, then ``steps`` presses keys in the payment dialog, as the cashier would."""

    def payment(dialog: PaymentDialog) -> None:
        assert isinstance(dialog, PaymentDialog)
        steps(dialog)

    shown = answer_dialogs(qtbot, screen, payment)
    qtbot.keyClick(screen.scan, Qt.Key.Key_F12)
    assert len(shown) == 1
    screen.activateWindow()  # what the window system does when a dialog closes
    qtbot.waitUntil(screen.isActiveWindow)
    return shown[0]


def three_bags(qtbot, screen: SaleScreen) -> None:
    scan(qtbot, screen, "3*" + RICE)  # 3 × ¥32.90 = ¥98.70
    assert screen.total.text() == "¥98.70"


def enter(qtbot, dialog: PaymentDialog) -> None:
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)


def test_cash_with_change_shown_live_and_after(qtbot, screen, services) -> None:
    three_bags(qtbot, screen)
    seen: dict[str, str] = {}

    def steps(dialog: PaymentDialog) -> None:
        assert dialog.total_label.text() == "应收 ¥98.70"
        assert dialog.cash.hasFocus()
        qtbot.keyClicks(dialog.cash, "50")
        seen["short"] = dialog.due_label.text()
        qtbot.keyClicks(dialog.cash, "0")
        seen["over"] = dialog.due_label.text()
        dialog.cash.selectAll()
        qtbot.keyClicks(dialog.cash, "100")
        enter(qtbot, dialog)
        seen["number"], seen["change"] = dialog.number_label.text(), dialog.change_label.text()
        qtbot.wait(SETTLE_MS + 50)
        enter(qtbot, dialog)  # next customer

    dialog = pay(qtbot, screen, steps)
    assert seen["short"] == "还差 ¥48.70" and seen["over"] == "找零 ¥401.30"
    number = services.sales.sales()[0].number
    assert seen["number"] == f"销售单号 {number}" and seen["change"] == "找零 ¥1.30"
    assert dialog.result() == QDialog.DialogCode.Accepted
    sale = services.sales.sale(number)
    assert [(p.method, p.amount_fen, p.tendered_fen) for p in sale.payments] == [("cash", 9870, 10000)]
    assert sale.change_fen == 130
    assert screen.model.rowCount() == 0 and screen.total.text() == "¥0.00"
    assert screen.last_sale.text() == f"上一单 {number}\n合计 ¥98.70，找零 ¥1.30"
    assert screen.scan.hasFocus()
    assert services.catalog.search("东北大米")[0].on_hand == 17


def test_quick_keys_and_tender_below_the_total_keeps_the_dialog(qtbot, screen, services) -> None:
    three_bags(qtbot, screen)
    seen: dict[str, str] = {}

    def steps(dialog: PaymentDialog) -> None:
        qtbot.keyClick(dialog.cash, Qt.Key.Key_F4)
        seen["hundred"] = dialog.cash.text()
        qtbot.keyClick(dialog.cash, Qt.Key.Key_F2)
        seen["exact"] = dialog.cash.text()
        qtbot.keyClick(dialog.cash, Qt.Key.Key_F3)
        enter(qtbot, dialog)
        seen["refused"] = dialog.message.text()
        seen["page"] = str(dialog.pages.currentIndex())
        seen["sales"] = str(len(services.sales.sales()))
        qtbot.keyClick(dialog.cash, Qt.Key.Key_F4)
        enter(qtbot, dialog)

    dialog = pay(qtbot, screen, steps)
    assert seen["hundred"] == "100.00" and seen["exact"] == "98.70"
    assert seen["refused"] == "已收 ¥50.00，不足应收 ¥98.70：还差 ¥48.70。"
    assert seen["page"] == "0" and seen["sales"] == "0", "refused: the dialog stays, no sale"
    assert dialog.changes is not None and len(services.sales.sales()) == 1


def test_wechat_then_cash(qtbot, screen, services) -> None:
    three_bags(qtbot, screen)
    seen: dict[str, str] = {}

    def steps(dialog: PaymentDialog) -> None:
        qtbot.keyClick(dialog.cash, Qt.Key.Key_F5)
        assert dialog.amount.hasFocus() and dialog.amount.text() == "98.70"
        qtbot.keyClicks(dialog.amount, "50")
        enter(qtbot, dialog)
        assert dialog.reference.hasFocus()
        qtbot.keyClicks(dialog.reference, "4200001234202603101234")
        enter(qtbot, dialog)
        seen["list"] = dialog.tender_list.item(0).text()
        seen["due"] = dialog.due_label.text()
        assert dialog.cash.hasFocus()
        qtbot.keyClicks(dialog.cash, "50")
        enter(qtbot, dialog)
        seen["change"] = dialog.change_label.text()
        seen["summary"] = dialog.paid_summary.text()

    pay(qtbot, screen, steps)
    assert seen["list"] == "微信支付  ¥50.00  ·  4200001234202603101234"
    assert seen["due"] == "还差 ¥48.70" and seen["change"] == "找零 ¥1.30"
    assert seen["summary"] == "合计 ¥98.70 · 支付方式：微信支付、现金"
    sale = services.sales.sale(services.sales.sales()[0].number)
    assert [(p.method, p.amount_fen, p.reference) for p in sale.payments] == [
        ("wechat", 5000, "4200001234202603101234"), ("cash", 4870, "")]


def test_phone_payment_needs_its_reference_and_may_not_exceed_the_total(qtbot, screen, services) -> None:
    three_bags(qtbot, screen)
    seen: list[str] = []

    def steps(dialog: PaymentDialog) -> None:
        qtbot.keyClick(dialog.cash, Qt.Key.Key_F5)
        enter(qtbot, dialog)
        enter(qtbot, dialog)  # no reference typed
        seen.append(dialog.message.text())
        qtbot.keyClick(dialog.cash, Qt.Key.Key_F7)  # UnionPay card, for more than the total
        dialog.amount.selectAll()
        qtbot.keyClicks(dialog.amount, "200")
        enter(qtbot, dialog)
        qtbot.keyClicks(dialog.reference, "000123")
        dialog.pay_button.click()
        seen.append(dialog.message.text())

    dialog = pay(qtbot, screen, steps)
    assert seen == ["微信支付付款需要填写流水号。", "只有现金可以多收找零；请减少银联卡的金额。"]
    assert dialog.changes is None and services.sales.sales() == []
    assert screen.model.rowCount() == 1, "not paid: the ticket stays"


def test_store_voucher_and_cash_and_a_used_voucher_refused(qtbot, screen, services) -> None:
    three_bags(qtbot, screen)

    def with_voucher(dialog: PaymentDialog) -> None:
        qtbot.keyClick(dialog.cash, Qt.Key.Key_F8)
        assert dialog.amount.text() == "" and dialog.reference.placeholderText() == "储值券号"
        qtbot.keyClicks(dialog.amount, "20")
        enter(qtbot, dialog)
        qtbot.keyClicks(dialog.reference, "QJ-0001")
        enter(qtbot, dialog)
        qtbot.keyClick(dialog.cash, Qt.Key.Key_F2)
        enter(qtbot, dialog)

    pay(qtbot, screen, with_voucher)
    sale = services.sales.sale(services.sales.sales()[0].number)
    assert [(p.method, p.amount_fen, p.reference) for p in sale.payments] == [
        ("voucher", 2000, "QJ-0001"), ("cash", 7870, "")]
    three_bags(qtbot, screen)
    seen: list[str] = []

    def again(dialog: PaymentDialog) -> None:
        with_voucher(dialog)
        seen.append(dialog.message.text())

    pay(qtbot, screen, again)
    assert seen == [f"储值券 QJ-0001 已在销售单 {sale.number} 中使用过。"]
    assert len(services.sales.sales()) == 1


def test_pay_pressed_twice_makes_one_sale_and_the_change_stays(qtbot, screen, services) -> None:
    three_bags(qtbot, screen)
    seen: dict[str, object] = {}

    def steps(dialog: PaymentDialog) -> None:
        qtbot.keyClicks(dialog.cash, "100")
        enter(qtbot, dialog)
        enter(qtbot, dialog)  # at once, again
        dialog.pay_button.click()
        seen["second"] = dialog.complete()
        seen["visible"] = dialog.isVisible() and dialog.pages.currentIndex() == 1
        seen["enabled"] = dialog.pay_button.isEnabled()

    dialog = pay(qtbot, screen, steps)
    assert len(services.sales.sales()) == 1
    assert seen["second"] == dialog.changes and seen["visible"] is True and seen["enabled"] is False


def test_the_ticket_id_makes_one_sale_even_if_the_dialog_is_opened_again(qtbot, screen, services) -> None:
    three_bags(qtbot, screen)
    ticket = screen.ticket.id
    dialog = pay(qtbot, screen, lambda d: (qtbot.keyClicks(d.cash, "100"), enter(qtbot, d)))
    # the same ticket paid again (a second window, a retry): the service answers with the first sale
    again = services.sales.complete(screen.actor, dialog.draft)
    assert again.number == dialog.changes.number and services.sales.sale(again.number).id == again.ids[0]
    assert len(services.sales.sales()) == 1 and screen.ticket.id != ticket


@pytest.fixture
def slips(monkeypatch: pytest.MonkeyPatch) -> list[SlipDoc]:
    """The slips rendered (and still written as real PDFs)."""
    import charity_pos.printing.slip as slip_pdf

    rendered: list[SlipDoc] = []
    real = slip_pdf.render_slip

    def render(doc: SlipDoc, out, width_mm: int = 80) -> None:
        rendered.append(doc)
        real(doc, out, width_mm)

    monkeypatch.setattr(slip_pdf, "render_slip", render)
    return rendered


def _pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(100)
    return printer


def test_slip_printed_by_itself_on_the_named_printer_and_reprint_marked(qtbot, screen, services, slips,
                                                                       tmp_path) -> None:
    screen.settings.auto_print_slip = True
    screen.settings.slip_printer = "收银小票机"
    asked: list[str] = []
    screen.slips.named_printer = lambda name: asked.append(name) or _pdf_printer(  # type: ignore[method-assign]
        tmp_path / f"slip-{len(asked)}.pdf")
    screen.slips.output.choose_printer = lambda *a: pytest.fail("a named printer needs no dialog")  # type: ignore[method-assign]
    seen: dict[str, str] = {}

    def steps(dialog: PaymentDialog) -> None:
        qtbot.keyClicks(dialog.cash, "100")
        enter(qtbot, dialog)
        seen["first"] = dialog.slip_label.text()
        qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
        seen["again"] = dialog.slip_label.text()

    three_bags(qtbot, screen)
    pay(qtbot, screen, steps)
    number = services.sales.sales()[0].number
    assert asked == ["收银小票机", "收银小票机"]
    assert [(d.number, d.reprint_count) for d in slips] == [(number, 0), (number, 1)]
    assert slips[0].total_fen == 9870 and slips[0].change_fen == 130
    assert seen == {"first": "小票已打印。", "again": "小票已重打（第 1 次）。"}
    assert (tmp_path / "slip-1.pdf").stat().st_size > 0
    assert services.sales.sale(number).slip_prints == 2


def test_slip_offered_and_printed_through_the_dialog(qtbot, screen, services, slips, tmp_path) -> None:
    screen.slips.output.choose_printer = lambda parent, printer: (  # type: ignore[method-assign]
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat),
        printer.setOutputFileName(str(tmp_path / "slip.pdf")), printer.setResolution(100)) and True

    def steps(dialog: PaymentDialog) -> None:
        qtbot.keyClicks(dialog.cash, "100")
        enter(qtbot, dialog)
        assert slips == [], "no slip unless asked"
        qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)

    three_bags(qtbot, screen)
    pay(qtbot, screen, steps)
    assert len(slips) == 1 and slips[0].reprint_count == 0
    assert (tmp_path / "slip.pdf").stat().st_size > 0


def test_cancelled_print_dialog_counts_no_print(qtbot, screen, services, slips) -> None:
    screen.slips.output.choose_printer = lambda parent, printer: False  # type: ignore[method-assign]
    three_bags(qtbot, screen)
    pay(qtbot, screen, lambda d: (qtbot.keyClicks(d.cash, "100"), enter(qtbot, d),
                                  qtbot.keyClick(d, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)))
    assert slips == [] and services.sales.sale(services.sales.sales()[0].number).slip_prints == 0


def scanner(qtbot, dialog: PaymentDialog, code: str) -> None:
    """What a scanner does: the code's characters into the focused field, then Enter."""
    field = dialog.focusWidget()
    qtbot.keyClicks(field, code)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def answering(qtbot, key: Qt.Key, asked: list[str]) -> Callable[[QMessageBox], None]:
    """The confirmation shown, read, and answered with ``key`` as the cashier would."""

    def run(box: QMessageBox) -> None:
        asked.append(box.text() + " | " + box.informativeText())
        box.show()
        qtbot.waitExposed(box)
        qtbot.keyClick(box, key)

    return run


def test_a_scanned_wechat_code_is_taken_after_the_cashier_confirms(qtbot, screen, services) -> None:
    three_bags(qtbot, screen)
    seen: dict[str, str] = {}
    asked: list[str] = []

    def steps(dialog: PaymentDialog) -> None:
        dialog.run_box = answering(qtbot, Qt.Key.Key_Return, asked)
        assert dialog.cash.hasFocus()
        scanner(qtbot, dialog, " " + WECHAT_CODE + " ")  # spaces around it are trimmed
        seen.update(method=dialog.method_label.text(), amount=dialog.amount.text(),
                    reference=dialog.reference.text(), cash=dialog.cash.text(), hint=dialog.scan_label.text())
        assert not dialog.cash.isUndoAvailable(), "Ctrl+Z cannot bring the whole code back"
        assert dialog.amount.hasFocus()
        enter(qtbot, dialog)
        seen["summary"] = dialog.paid_summary.text()

    pay(qtbot, screen, steps)
    assert seen == {"method": "微信支付", "amount": "98.70", "reference": "1345****6789", "cash": "",
                    "hint": "微信支付付款码 1345****6789：按回车收款。", "summary": "合计 ¥98.70 · 支付方式：微信支付"}
    assert asked == ["顾客手机已显示支付成功？ | 微信支付  ¥98.70  ·  1345****6789"]
    sale = services.sales.sale(services.sales.sales()[0].number)
    assert [(p.method, p.amount_fen, p.reference) for p in sale.payments] == [("wechat", 9870, "1345****6789")]
    with services.db.engine.connect() as conn:
        stored = "".join(str(row) for table in ("payment", "journal_event", "audit_entry")
                         for row in conn.exec_driver_sql(f"SELECT * FROM {table}"))
    assert WECHAT_CODE not in stored


def test_not_confirmed_makes_no_sale_and_the_dialog_stays(qtbot, screen, services) -> None:
    three_bags(qtbot, screen)
    seen: list[str] = []
    asked: list[str] = []

    def steps(dialog: PaymentDialog) -> None:
        dialog.run_box = answering(qtbot, Qt.Key.Key_Escape, asked)
        scanner(qtbot, dialog, WECHAT_CODE)
        enter(qtbot, dialog)
        seen.append(dialog.message.text())
        seen.append(str(len(services.sales.sales())))
        seen.append(str(dialog.pages.currentIndex()))
        dialog.run_box = answering(qtbot, Qt.Key.Key_Return, asked)
        enter(qtbot, dialog)  # asked again: now the phone shows it

    dialog = pay(qtbot, screen, steps)
    assert seen == ["未完成：顾客手机未显示支付成功。", "0", "0"]
    assert len(asked) == 2 and dialog.changes is not None and len(services.sales.sales()) == 1


def test_a_scan_that_is_not_a_payment_code_is_refused_with_the_reason_and_changes_nothing(
        qtbot, screen, services) -> None:
    three_bags(qtbot, screen)
    seen: list[tuple[str, ...]] = []

    def steps(dialog: PaymentDialog) -> None:
        dialog.run_box = lambda box: seen.append(("asked",))
        for code in ("6901234567892", "420000123420260310", "1345678901234567", "28000000000000000000000001"):
            scanner(qtbot, dialog, code)
            seen.append((dialog.message.text(), dialog.method_label.text(), dialog.amount.text(),
                         dialog.reference.text(), dialog.cash.text(), str(dialog.tender_list.count())))
            assert not dialog.cash.isUndoAvailable()
        assert dialog.cash.hasFocus()

    dialog = pay(qtbot, screen, steps)
    assert seen == [
        ("不是付款码：13 位数字太短（支付宝 16-24 位，微信支付 18 位）。", "微信支付", "", "", "", "0"),
        ("不是付款码：微信支付付款码以 10-15 开头，支付宝以 25-30 开头。", "微信支付", "", "", "", "0"),
        ("不是付款码：开头像微信支付付款码（应为 18 位），但有 16 位。", "微信支付", "", "", "", "0"),
        ("不是付款码：26 位数字太长（支付宝 16-24 位，微信支付 18 位）。", "微信支付", "", "", "", "0"),
    ]
    assert dialog.changes is None and services.sales.sales() == []


def test_cash_then_an_alipay_code_scanned_into_the_reference_field(qtbot, screen, services) -> None:
    three_bags(qtbot, screen)
    asked: list[str] = []

    def steps(dialog: PaymentDialog) -> None:
        dialog.run_box = answering(qtbot, Qt.Key.Key_Return, asked)
        qtbot.keyClicks(dialog.cash, "50")
        qtbot.keyClick(dialog.cash, Qt.Key.Key_F5)  # WeChat Pay chosen, the amount left filled in
        assert dialog.amount.text() == "48.70"
        enter(qtbot, dialog)
        assert dialog.reference.hasFocus()
        scanner(qtbot, dialog, ALIPAY_CODE)  # the customer shows Alipay after all
        assert (dialog.method_label.text(), dialog.amount.text(), dialog.reference.text()) == (
            "支付宝", "48.70", "2876****4321")
        enter(qtbot, dialog)

    pay(qtbot, screen, steps)
    sale = services.sales.sale(services.sales.sales()[0].number)
    assert [(p.method, p.amount_fen, p.reference) for p in sale.payments] == [
        ("alipay", 4870, "2876****4321"), ("cash", 5000, "")]
    assert asked == ["顾客手机已显示支付成功？ | 支付宝  ¥48.70  ·  2876****4321"]


def test_a_whole_code_typed_as_the_reference_is_masked_not_stored(qtbot, screen, services) -> None:
    three_bags(qtbot, screen)

    def steps(dialog: PaymentDialog) -> None:
        dialog.run_box = answering(qtbot, Qt.Key.Key_Return, [])
        qtbot.keyClick(dialog.cash, Qt.Key.Key_F6)
        enter(qtbot, dialog)
        qtbot.keyClicks(dialog.reference, "2876 5432 1098 7654 321")  # typed by hand in groups
        enter(qtbot, dialog)
        enter(qtbot, dialog)

    pay(qtbot, screen, steps)
    sale = services.sales.sale(services.sales.sales()[0].number)
    assert [(p.method, p.reference) for p in sale.payments] == [("alipay", "2876****4321")]
