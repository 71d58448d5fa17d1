"""Cash shifts at the counter: opened with a float, closed by counting the
drawer note by note against what each method should hold; a difference
beyond the tolerance needs a reason and a manager; X and Z reports."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from charity_pos.domain.documents import ShiftReportDoc
from charity_pos.services.base import Approval
from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft
from charity_pos.ui.sales import SaleScreen
from charity_pos.ui.sales.shift import CloseShiftDialog, OpenShiftDialog
from tests.ui.conftest import FakeApproval, answer_dialogs, show_active
from tests.ui.test_fit import language  # noqa: F401 - a fixture

SHIFT_KEY = (Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
MANAGER_OK = Approval("manager", "9999", "找零时多给了顾客")


def drive(qtbot, screen: SaleScreen, steps: Callable[[QDialog], None]) -> QDialog:
    """Ctrl+T on the counter; ``steps`` works the shift dialog that opens."""
    shown = answer_dialogs(qtbot, screen, steps)
    qtbot.keyClick(screen.scan, *SHIFT_KEY)
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    assert len(shown) == 1
    return shown[0]


@pytest.fixture
def reports(monkeypatch: pytest.MonkeyPatch) -> list[ShiftReportDoc]:
    import charity_pos.printing.shift_report as report_pdf

    rendered: list[ShiftReportDoc] = []
    real = report_pdf.render_shift_report

    def render(doc: ShiftReportDoc, out, width_mm: int = 80) -> None:
        rendered.append(doc)
        real(doc, out, width_mm)

    monkeypatch.setattr(report_pdf, "render_shift_report", render)
    return rendered


def test_open_shift_with_its_float(qtbot, services, cashier, feedback, settings, stocked) -> None:
    screen = SaleScreen(services, cashier, feedback, FakeApproval(None), settings=settings)
    qtbot.addWidget(screen)
    show_active(screen)
    assert screen.shift_button.text() == "开班（Ctrl+T）"
    seen: list[str] = []

    def steps(dialog: OpenShiftDialog) -> None:
        assert dialog.float_field.hasFocus()
        qtbot.keyClicks(dialog.float_field, "5OO")  # letters O, not zeros
        qtbot.keyClick(dialog.float_field, Qt.Key.Key_Return)
        seen.append(dialog.message.text())
        dialog.float_field.selectAll()
        qtbot.keyClicks(dialog.float_field, "500")
        qtbot.keyClick(dialog.float_field, Qt.Key.Key_Return)

    dialog = drive(qtbot, screen, steps)
    assert seen == ["备用金：“5OO”不是有效数字。"]
    shift = services.shifts.current("1")
    assert dialog.changes.number == shift.number and shift.float_fen == 50000 and shift.opened_by == "cashier"
    assert screen.shift_label.text() == f"班次 {shift.number} · 收银台 1 · cashier 开班"
    assert screen.shift_button.text() == "交班（Ctrl+T）"


@pytest.fixture
def takings(services, cashier, open_shift, stocked) -> None:
    """One sale of ¥98.70: ¥50 by WeChat Pay, ¥50 cash (¥1.30 change). The
    drawer should hold ¥500 + ¥48.70 = ¥548.70."""
    services.sales.complete(cashier, SaleDraft(uuid.uuid4(), "1", (LineDraft(stocked["rice"].id, 3),),
                                               (PaymentDraft("wechat", 5000, "4200001"), PaymentDraft("cash", 5000))))


def count(qtbot, dialog: CloseShiftDialog, counts: list[int]) -> None:
    """Type the count of each note and coin, ¥100 down to ¥0.1, Enter after each."""
    for number in counts:
        field = dialog.focusWidget()
        field.selectAll()  # type: ignore[union-attr]
        qtbot.keyClicks(field, str(number))
        qtbot.keyClick(field, Qt.Key.Key_Return)


def test_close_with_the_drawer_as_expected_and_the_z_report(qtbot, sale_screen, services, approval, takings,
                                                           reports, tmp_path) -> None:
    seen: dict[str, object] = {}
    saved = tmp_path / "z.pdf"
    sale_screen.slips.output.choose_file = lambda parent, name: seen.setdefault("name", name) and saved  # type: ignore[method-assign]

    def steps(dialog: CloseShiftDialog) -> None:
        assert dialog.counts[10000].hasFocus()
        seen["expected"] = [dialog.differences[m].text() for m in ("cash", "wechat")]
        count(qtbot, dialog, [5, 0, 2, 0, 1, 3, 1, 2])  # ¥500 + 40 + 5 + 3 + 0.5 + 0.2 = ¥548.70
        dialog.counted_fields["wechat"].setText("50")
        seen["cash"] = dialog.cash_total.text()
        seen["tolerance"] = dialog.tolerance_label.text()
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_F12)
        seen["closed"] = dialog.closed_label.text()
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    dialog = drive(qtbot, sale_screen, steps)
    number = dialog.changes.number
    assert seen["expected"] == ["-¥548.70", "-¥50.00"], "nothing counted yet: the whole drawer is missing"
    assert seen["cash"] == "现金实点 ¥548.70"
    assert seen["tolerance"] == "差额在允许范围（¥5.00）之内。"
    assert seen["closed"] == f"班次 {number} 已交班。"
    assert approval.asked == [] and services.shifts.current("1") is None
    summary = services.shifts.summary(number)
    assert summary.counted_fen["cash"] == 54870 and summary.counted_fen["wechat"] == 5000
    assert reports[-1].kind == "Z" and reports[-1].shift_number == number
    assert seen["name"] == f"Z报表-{number}.pdf" and saved.stat().st_size > 0
    assert sale_screen.shift_label.text() == "收银台 1 未开班。按 Ctrl+T 开班并登记备用金。"


def test_the_takings_are_counted_in_the_users_language(qtbot, sale_screen, services, cashier, stocked, takings,
                                                        language) -> None:  # noqa: F811
    """"1 sale" and "2 sales" in English, 笔 in Chinese."""
    seen: list[str] = []

    def steps(dialog: CloseShiftDialog) -> None:
        seen.append(dialog.takings.text())
        dialog.reject()

    drive(qtbot, sale_screen, steps)
    services.sales.complete(cashier, SaleDraft(uuid.uuid4(), "1", (LineDraft(stocked["rice"].id, 1),),
                                               (PaymentDraft("cash", 3290),)))
    drive(qtbot, sale_screen, steps)
    if language == "en":
        assert seen == ["1 sale ¥98.70 · 0 returns ¥0.00 · 0 voided", "2 sales ¥131.60 · 0 returns ¥0.00 · 0 voided"]
    else:
        assert seen == ["销售 1 笔 ¥98.70 · 退货 0 笔 ¥0.00 · 作废 0 笔", "销售 2 笔 ¥131.60 · 退货 0 笔 ¥0.00 · 作废 0 笔"]


def test_difference_needs_a_reason_and_a_manager(qtbot, sale_screen, services, approval, takings) -> None:
    seen: list[str] = []

    def steps(dialog: CloseShiftDialog) -> None:
        dialog.counted_fields["wechat"].setText("50")
        count(qtbot, dialog, [5])  # only the ¥100 notes: ¥48.70 short
        seen.append(dialog.differences["cash"].text())
        seen.append(dialog.tolerance_label.text())
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_F12)
        seen.append(dialog.message.text())
        dialog.reason.setText("找零多给")
        qtbot.keyClick(dialog.reason, Qt.Key.Key_F12)  # the manager is away: cancelled
        seen.append(dialog.message.text())
        approval.answer = MANAGER_OK
        qtbot.keyClick(dialog.reason, Qt.Key.Key_F12)
        seen.append(dialog.closed_label.text())

    dialog = drive(qtbot, sale_screen, steps)
    assert seen[:4] == ["-¥48.70", "差额超过 ¥5.00：请填写原因，并由店长批准。", "原因不能为空。",
                        "未获店长批准：班次仍未交。"]
    assert approval.asked == ["此操作需要店长批准：有差额时交班。"] * 2
    summary = services.shifts.summary(dialog.changes.number)
    assert summary.difference_reason == "找零多给" and summary.approved_by == "manager"
    assert summary.difference("cash") == -4870


def test_other_methods_counted_start_empty_for_a_blind_count(qtbot, sale_screen, services, approval,
                                                              takings) -> None:
    approval.answer = MANAGER_OK
    seen: list[str] = []

    def steps(dialog: CloseShiftDialog) -> None:
        assert all(field.text() == "" for field in dialog.counted_fields.values()), "the count is blind"
        seen.append(dialog.differences["wechat"].text())
        count(qtbot, dialog, [5, 0, 2, 0, 1, 3, 1, 2])
        dialog.counted_fields["wechat"].setText("40")
        seen.append(dialog.differences["wechat"].text())
        dialog.reason.setText("一笔微信退款未入账")
        dialog.close_shift()

    dialog = drive(qtbot, sale_screen, steps)
    assert seen == ["-¥50.00", "-¥10.00"]
    summary = services.shifts.summary(dialog.changes.number)
    assert summary.counted_fen["wechat"] == 4000 and summary.difference("wechat") == -1000


def test_x_report_during_the_shift(qtbot, sale_screen, services, takings, reports, tmp_path: Path) -> None:
    sale_screen.settings.slip_printer = "小票机"
    sale_screen.slips.named_printer = lambda name: None  # type: ignore[method-assign]  # not on this PC: ask
    asked: list[str] = []

    def choose(parent, printer) -> bool:
        from PySide6.QtPrintSupport import QPrinter

        asked.append("dialog")
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "x.pdf"))
        printer.setResolution(100)
        return True

    sale_screen.slips.output.choose_printer = choose  # type: ignore[method-assign]

    def steps(dialog: CloseShiftDialog) -> None:
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
        dialog.reject()  # not closing now

    drive(qtbot, sale_screen, steps)
    assert asked == ["dialog"] and reports[-1].kind == "X" and reports[-1].sales_count == 1
    assert services.shifts.current("1") is not None
    assert (tmp_path / "x.pdf").stat().st_size > 0


def test_closing_with_a_ticket_open_is_refused(qtbot, sale_screen) -> None:
    sale_screen.run_dialog = lambda dialog: pytest.fail("no shift dialog with goods on the ticket")  # type: ignore[method-assign]
    qtbot.keyClicks(sale_screen.scan, "6901234567892")
    qtbot.keyClick(sale_screen.scan, Qt.Key.Key_Return)
    qtbot.keyClick(sale_screen.scan, *SHIFT_KEY)
    assert sale_screen.notice.text() == "请先结账、挂单或取消当前这一单。"
