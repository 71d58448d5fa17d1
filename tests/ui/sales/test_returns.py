"""Returns and voids at the counter: the slip's barcode scanned into the
return dialog, how many come back (never more than sold less returned), a
manager approves, the money goes back by the sale's methods; a void from
this shift's sales. Without a manager nothing changes."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog

from charity_pos.domain.documents import SlipDoc
from charity_pos.services.base import COMMAND_LINE, Approval
from charity_pos.services.returns import ReturnDraft
from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft
from charity_pos.ui.sales import SaleScreen
from charity_pos.ui.sales.recent import ShiftSalesDialog, VoidSaleDialog
from charity_pos.ui.sales.returns import ReturnDialog
from tests.ui.conftest import answer_dialogs

MANAGER_OK = Approval("manager", "9999", "顾客退货，商品完好")


@pytest.fixture
def screen(sale_screen) -> SaleScreen:
    return sale_screen


@pytest.fixture
def sale(services, cashier, stocked) -> str:
    """3 bags of rice and 2 bottles of soy sauce (¥122.50): ¥50 by WeChat Pay, ¥100 cash."""
    rice, sauce = stocked["rice"], stocked["sauce"]
    changes = services.sales.complete(cashier, SaleDraft(
        uuid.uuid4(), "1", (LineDraft(rice.id, 3), LineDraft(sauce.id, 2)),
        (PaymentDraft("wechat", 5000, "4200009999"), PaymentDraft("cash", 10000))))
    return changes.number


def drive(qtbot, screen: SaleScreen, keys: tuple, steps: Callable[[QDialog], None]) -> QDialog:
    """Press ``keys`` on the counter; ``steps`` works the dialog that opens."""
    shown = answer_dialogs(qtbot, screen, steps)
    qtbot.keyClick(screen.scan, *keys)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    assert len(shown) == 1
    return shown[0]


RETURN_KEY = (Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)


def spin(dialog: ReturnDialog, row: int):
    return dialog.spins[row][1]


def test_scanned_slip_lists_the_lines_and_a_manager_approves_the_return(qtbot, screen, services, approval,
                                                                       sale) -> None:
    approval.answer = MANAGER_OK
    seen: dict[str, object] = {}

    def steps(dialog: ReturnDialog) -> None:
        assert dialog.number.hasFocus()
        qtbot.keyClicks(dialog.number, sale)  # the scanner reads the slip's Code 128
        qtbot.keyClick(dialog.number, Qt.Key.Key_Return)
        seen["rows"] = [[dialog.table.item(r, c).text() for c in range(4)] for r in range(dialog.table.rowCount())]
        seen["max"] = [spin(dialog, r).maximum() for r in range(2)]
        assert spin(dialog, 0).hasFocus()
        qtbot.keyClicks(spin(dialog, 0), "1")
        seen["refund"] = dialog.refund_label.text()
        dialog.reason.setText("米袋破损")  # typed through the input method
        qtbot.keyClick(dialog.reason, Qt.Key.Key_F12)
        seen["done"], seen["refunds"] = dialog.done_label.text(), dialog.refunds_label.text()

    dialog = drive(qtbot, screen, RETURN_KEY, steps)
    assert seen["rows"] == [["东北大米 5kg", "3", "0", "¥98.70"], ["海天金标生抽 500ml", "2", "0", "¥23.80"]]
    assert seen["max"] == [3, 2] and seen["refund"] == "退款 ¥32.90"
    assert approval.asked == ["此操作需要店长批准：退款。"]
    number = dialog.changes.number
    assert seen["done"] == f"退货单 {number}（原销售单 {sale}）"
    assert seen["refunds"] == "退给顾客：微信支付 ¥32.90"
    view = services.sales.sale(sale)
    assert [line.returned for line in view.lines] == [1, 0] and view.refunded_fen == 3290
    assert services.catalog.search("东北大米")[0].on_hand == 18, "the bag is back on the shelf"


def test_return_without_a_manager_changes_nothing(qtbot, screen, services, approval, sale) -> None:
    seen: list[str] = []

    def steps(dialog: ReturnDialog) -> None:
        dialog.load(sale)
        spin(dialog, 1).setValue(2)
        dialog.reason.setText("不想要了")
        dialog.reason.setFocus()
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
        seen.append(dialog.message.text())

    dialog = drive(qtbot, screen, RETURN_KEY, steps)
    assert approval.asked == ["此操作需要店长批准：退款。"]
    assert seen == ["未获店长批准：没有退货。"] and dialog.changes is None
    assert [line.returned for line in services.sales.sale(sale).lines] == [0, 0]
    assert services.catalog.search("生抽")[0].on_hand == 10


def test_return_larger_than_the_sale_is_capped_and_refused_by_the_service(qtbot, screen, services, manager,
                                                                          approval, sale) -> None:
    approval.answer = MANAGER_OK
    services.returns.create(manager, ReturnDraft(sale, "1", {services.sales.sale(sale).lines[0].id: 1}, "破损"))
    seen: dict[str, object] = {}

    def steps(dialog: ReturnDialog) -> None:
        dialog.load(sale)
        rice = spin(dialog, 0)
        seen["max"] = rice.maximum()
        rice.selectAll()
        qtbot.keyClicks(rice, "9")
        seen["typed 9"] = rice.value()
        rice.setValue(2)
        # meanwhile the same bags come back at another till
        services.returns.create(manager, ReturnDraft(sale, "1", {services.sales.sale(sale).lines[0].id: 2}, "破损"))
        dialog.reason.setText("破损")
        qtbot.keyClick(dialog.reason, Qt.Key.Key_F12)
        seen["message"] = dialog.message.text()

    dialog = drive(qtbot, screen, RETURN_KEY, steps)
    assert seen["max"] == 2 and seen["typed 9"] == 0
    assert seen["message"] == "“东北大米 5kg”：售出 3，已退 3，不能再退 2。"
    assert dialog.changes is None and services.sales.sale(sale).lines[0].returned == 3


def test_unknown_or_voided_sale_is_said_in_the_dialog(qtbot, screen, services, manager, sale) -> None:
    services.sales.void(manager, sale, "重复收款")
    seen: list[str] = []

    def steps(dialog: ReturnDialog) -> None:
        qtbot.keyClicks(dialog.number, "PT01-2026-S999999")
        qtbot.keyClick(dialog.number, Qt.Key.Key_Return)
        seen.append(dialog.message.text())
        dialog.number.clear()
        qtbot.keyClicks(dialog.number, sale)
        qtbot.keyClick(dialog.number, Qt.Key.Key_Return)
        seen.append(dialog.message.text())
        qtbot.keyClick(dialog.number, Qt.Key.Key_F12)
        seen.append(dialog.message.text())

    drive(qtbot, screen, RETURN_KEY, steps)
    assert seen == ["找不到：PT01-2026-S999999。", f"销售单 {sale} 已作废。", "请先扫描小票或输入销售单号。"]


def test_return_slip_printed(qtbot, screen, services, approval, sale, monkeypatch, tmp_path) -> None:
    import charity_pos.printing.slip as slip_pdf

    rendered: list[SlipDoc] = []
    real = slip_pdf.render_slip
    monkeypatch.setattr(slip_pdf, "render_slip", lambda doc, out, width_mm=80: (rendered.append(doc),
                                                                               real(doc, out, width_mm)))
    screen.settings.auto_print_slip = True
    screen.settings.slip_width_mm = 58
    screen.slips.output.choose_printer = lambda parent, printer: (  # type: ignore[method-assign]
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat),
        printer.setOutputFileName(str(tmp_path / "return.pdf")), printer.setResolution(100)) and True
    approval.answer = MANAGER_OK

    def steps(dialog: ReturnDialog) -> None:
        dialog.load(sale)
        spin(dialog, 1).setValue(2)
        dialog.reason.setText("漏液")
        dialog.take_back()

    dialog = drive(qtbot, screen, RETURN_KEY, steps)
    assert dialog.slip_label.text() == "退货单已打印。"
    doc = rendered[0]
    assert doc.title == "退货单" and doc.original_number == sale and doc.number == dialog.changes.number
    assert [(line.name, line.quantity, line.amount_fen) for line in doc.lines] == [("海天金标生抽 500ml", -2, -2380)]
    assert [(p.method, p.amount_fen) for p in doc.payments] == [("微信支付", -2380)]
    assert (tmp_path / "return.pdf").stat().st_size > 0


# --- voids ---------------------------------------------------------------------------
SALES_KEY = (Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)


def _void_with(reason: str) -> Callable[[QDialog], int]:
    def answer(dialog: QDialog) -> int:
        assert isinstance(dialog, VoidSaleDialog)
        dialog.reason.setText(reason)
        dialog.accept()
        return dialog.result()

    return answer


def test_void_without_a_manager_changes_nothing(qtbot, screen, services, approval, sale) -> None:
    seen: dict[str, str] = {}

    def steps(dialog: ShiftSalesDialog) -> None:
        row = [dialog.model.data(dialog.model.index(0, c)) for c in range(dialog.model.columnCount())]
        seen["row"] = " | ".join(row[:1] + row[3:])
        dialog.run_dialog = _void_with("收错了")  # type: ignore[method-assign]
        qtbot.keyClick(dialog.table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
        seen["message"] = dialog.message.text()

    dialog = drive(qtbot, screen, SALES_KEY, steps)
    assert seen["row"] == f"{sale} | 5 | ¥122.50 | 微信支付、现金 | 已完成"
    assert approval.asked == ["此操作需要店长批准：作废销售单。"]
    assert seen["message"] == f"未获店长批准：销售单 {sale} 未作废。" and dialog.changes == []
    assert services.sales.sale(sale).status == "completed"


def test_void_with_a_manager_puts_the_goods_back(qtbot, screen, services, approval, sale) -> None:
    approval.answer = MANAGER_OK
    seen: dict[str, str] = {}

    def steps(dialog: ShiftSalesDialog) -> None:
        dialog.run_dialog = _void_with("重复收款")  # type: ignore[method-assign]
        dialog.void()
        seen["message"] = dialog.message.text()
        seen["status"] = dialog.model.data(dialog.model.index(0, dialog.model.STATUS))
        dialog.void()
        seen["again"] = dialog.message.text()

    dialog = drive(qtbot, screen, SALES_KEY, steps)
    assert seen == {"message": f"销售单 {sale} 已作废：请按原支付方式退还 ¥122.50。", "status": "已作废",
                    "again": f"销售单 {sale} 已作废。"}
    assert len(dialog.changes) == 1
    view = services.sales.sale(sale)
    assert view.status == "voided" and view.void_reason == "重复收款"
    assert services.catalog.search("东北大米")[0].on_hand == 20


def test_void_needs_a_reason(qtbot, open_shift, sale) -> None:
    dialog = VoidSaleDialog(sale)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.warning.text() == "原因不能为空。" and dialog.result() != QDialog.DialogCode.Accepted


def test_reprint_from_this_shifts_sales(qtbot, screen, services, sale, monkeypatch, tmp_path) -> None:
    import charity_pos.printing.slip as slip_pdf

    rendered: list[SlipDoc] = []
    real = slip_pdf.render_slip
    monkeypatch.setattr(slip_pdf, "render_slip", lambda doc, out, width_mm=80: (rendered.append(doc),
                                                                               real(doc, out, width_mm)))
    services.sales.print_slip(COMMAND_LINE, sale)  # the original, at the sale
    screen.slips.output.choose_printer = lambda parent, printer: (  # type: ignore[method-assign]
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat),
        printer.setOutputFileName(str(tmp_path / "again.pdf")), printer.setResolution(100)) and True
    seen: list[str] = []

    def steps(dialog: ShiftSalesDialog) -> None:
        qtbot.keyClick(dialog.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
        seen.append(dialog.message.text())

    drive(qtbot, screen, SALES_KEY, steps)
    assert seen == [f"{sale} 的小票已重打（第 1 次）。"]
    assert [d.reprint_count for d in rendered] == [1]


def test_a_slip_scanned_at_the_counter_starts_its_return(qtbot, screen, sale) -> None:
    seen: list[str] = []

    def steps(dialog: ReturnDialog) -> None:
        seen.append(dialog.number.text())
        seen.append(dialog.table.item(0, 0).text())

    screen.run_dialog = lambda dialog: steps(dialog) or 0  # type: ignore[method-assign]
    qtbot.keyClicks(screen.scan, sale.lower())
    qtbot.keyClick(screen.scan, Qt.Key.Key_Return)
    assert seen == [sale, "东北大米 5kg"] and screen.scan.text() == ""


class Keys:
    """Presses real keys on whatever has the focus, and counts them."""

    def __init__(self, qtbot, dialog: ReturnDialog) -> None:
        self.qtbot, self.dialog, self.count = qtbot, dialog, 0

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self.qtbot.keyClick(self.dialog.focusWidget(), key, modifier)
        self.count += 1

    def type(self, text: str) -> None:
        for char in text:
            self.press(Qt.Key(ord(char.upper())) if char.isalpha() else Qt.Key(ord(char)))


def test_each_line_is_one_stop_enter_goes_on_and_f12_takes_back(qtbot, screen, services, approval, sale) -> None:
    approval.answer = MANAGER_OK
    seen: dict[str, object] = {}

    def steps(dialog: ReturnDialog) -> None:
        keys = Keys(qtbot, dialog)
        qtbot.keyClicks(dialog.number, sale)  # the scanner
        keys.press(Qt.Key.Key_Return)
        assert dialog.focusWidget() is spin(dialog, 0)
        keys.count = 0
        keys.type("2")  # two bags of rice
        keys.press(Qt.Key.Key_Return)
        assert dialog.focusWidget() is spin(dialog, 1), "Enter: the next line's quantity"
        keys.type("1")  # one bottle of sauce
        keys.press(Qt.Key.Key_Return)
        assert dialog.focusWidget() is dialog.reason, "after the last line: the reason"
        seen["per_line"] = keys.count / 2
        seen["refund"] = dialog.refund_label.text()
        dialog.reason.insert("包装破损")  # as the input method commits it
        keys.press(Qt.Key.Key_Return)
        seen["done"] = dialog.changes is not None

    drive(qtbot, screen, RETURN_KEY, steps)
    assert seen["per_line"] == 2, "a digit and Enter per line, no Tab through the table's cells"
    assert seen["refund"] == "退款 ¥77.70" and seen["done"] is True
    assert [line.returned for line in services.sales.sale(sale).lines] == [2, 1]


def test_tab_steps_only_over_the_quantities_and_reason_and_confirm_are_one_key_away(qtbot, screen, services,
                                                                                    approval, sale) -> None:
    approval.answer = MANAGER_OK
    order: list[str] = []

    def name(dialog: ReturnDialog) -> str:
        widget = dialog.focusWidget()
        return {dialog.number: "number", spin(dialog, 0): "rice", spin(dialog, 1): "sauce",
                dialog.reason: "reason"}.get(widget, type(widget).__name__)

    def steps(dialog: ReturnDialog) -> None:
        keys = Keys(qtbot, dialog)
        qtbot.keyClicks(dialog.number, sale)
        keys.press(Qt.Key.Key_Return)
        for _ in range(4):
            order.append(name(dialog))
            keys.press(Qt.Key.Key_Tab)
        order.append(name(dialog))
        keys.press(Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        order.append(name(dialog))
        spin(dialog, 0).setFocus()
        keys.press(Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
        order.append(name(dialog))
        dialog.reason.insert("顾客不要了")
        spin(dialog, 1).setFocus()
        spin(dialog, 1).selectAll()
        keys.type("2")
        keys.press(Qt.Key.Key_F12)  # from a quantity, with no Tab to the button

    dialog = drive(qtbot, screen, RETURN_KEY, steps)
    assert order[:5] == ["rice", "sauce", "reason", "number", "rice"], "one stop per line, then the reason"
    assert order[5] == "number", "Shift+Tab goes back"
    assert order[6] == "reason", "Alt+R jumps to the reason"
    assert dialog.changes is not None and [line.returned for line in services.sales.sale(sale).lines] == [0, 2]


def test_a_line_with_nothing_left_to_return_is_no_stop(qtbot, screen, services, manager, approval, sale) -> None:
    services.returns.create(manager, ReturnDraft(sale, "1", {services.sales.sale(sale).lines[0].id: 3}, "退回"),
                            MANAGER_OK)

    def steps(dialog: ReturnDialog) -> None:
        qtbot.keyClicks(dialog.number, sale)
        qtbot.keyClick(dialog.number, Qt.Key.Key_Return)
        assert dialog.focusWidget() is spin(dialog, 1), "the rice all came back: the sauce is the first stop"
        qtbot.keyClick(spin(dialog, 1), Qt.Key.Key_Return)
        assert dialog.focusWidget() is dialog.reason

    drive(qtbot, screen, RETURN_KEY, steps)
