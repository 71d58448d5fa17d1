"""台账与报表: the donations ledger shown as the manager reads it, narrowed by
the filters, refused bad days, exported through the writer, off the UI
thread; and recording a use of donated cash."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from charity_pos.errors import PermissionDenied
from charity_pos.reports.ledgers import BUILDERS
from charity_pos.reports.table import Column, ColumnKind, Filters, Report, Section, Words
from charity_pos.ui.main_window import MainWindow
from charity_pos.ui.reports import ReportsScreen
from charity_pos.ui.reports.funds import FundUseDialog
from charity_pos.ui.reports.model import SectionModel
from tests.ui.conftest import FakeApproval
from tests.ui.ledger import cashier, ledger_store, manager, services  # noqa: F401 - fixtures


class FakeWriter:
    def __init__(self, error: BaseException | None = None) -> None:
        self.calls: list[tuple[Report, Path]] = []
        self.error = error

    def __call__(self, report: Report, path: Path) -> None:
        self.calls.append((report, path))
        if self.error is not None:
            raise self.error


def _screen(qtbot, st, feedback, writer=None) -> ReportsScreen:
    screen = ReportsScreen(st.services, st.manager, feedback, FakeApproval(None), writer=writer or FakeWriter())
    qtbot.addWidget(screen)
    screen.changed.connect(screen.on_changed)  # as the main window passes it on
    screen.resize(1024, 700)
    screen.show()
    return screen


def _show(qtbot, screen: ReportsScreen, kind: str, filters: Filters) -> None:
    screen.show_report(kind, filters)
    qtbot.waitUntil(lambda: not screen.loader.busy(), timeout=10_000)


def _column(model: SectionModel, key: str) -> list[str]:
    column = model.section.column(key)
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_the_donations_ledger_with_masked_donors_formatted_cells_and_totals(qtbot, ledger_store, feedback) -> None:
    st = ledger_store
    screen = _screen(qtbot, st, feedback)
    assert screen.kinds.item(0).text() == "捐赠物资接收台账"
    _show(qtbot, screen, "donations", Filters(st.day, st.day))
    lines = screen.section_model("lines")
    assert _column(lines, "number") == [st.d1, st.d2, st.d3, ""]
    assert _column(lines, "received_at")[-1] == "合计"
    assert _column(lines, "donor")[:3] == ["张*", "上海爱心科技有限公司", "匿名"]
    assert _column(lines, "value") == ["¥320.00", "¥300.00", "", "¥620.00"]
    assert _column(lines, "quantity")[-1] == "16"
    assert _column(lines, "received_at")[0] == "2026-03-10 10:05", "Shanghai time, not UTC"
    value = lines.index(0, lines.section.column("value"))
    assert value.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    cash = screen.section_model("cash")
    assert _column(cash, "amount") == ["¥200.00", "¥1,000.00", "¥1,200.00"]
    assert [screen.tabs.tabText(i) for i in range(screen.tabs.count())] == ["捐赠物资接收台账 (3)", "现金捐赠 (2)"]
    assert "普陀区长征镇慈善超市" in screen.caption.text() and "2026-03-10" in screen.caption.text()


def test_filters_narrow_the_ledger(qtbot, ledger_store, feedback) -> None:
    st = ledger_store
    screen = _screen(qtbot, st, feedback)
    _show(qtbot, screen, "donations", Filters(st.day, st.day, category="grain_oil"))
    assert screen.category.currentText() == "粮油"
    assert _column(screen.section_model("lines"), "number") == [st.d2, ""]
    assert screen.tabs.count() == 1, "cash has no goods category"
    screen.category.setCurrentIndex(0)
    screen.origin.setCurrentIndex(screen.origin.findData("purchased"))
    screen.show_now()
    qtbot.waitUntil(lambda: not screen.loader.busy())
    assert screen.section_model("lines").rowCount() == 0
    screen.set_period(date(2026, 3, 11), date(2026, 3, 31))
    screen.origin.setCurrentIndex(0)
    screen.show_now()
    qtbot.waitUntil(lambda: not screen.loader.busy())
    assert screen.section_model("lines").rowCount() == 0, "nothing was given after the 10th"


def test_the_quick_periods(qtbot, ledger_store, feedback) -> None:
    st = ledger_store
    screen = _screen(qtbot, st, feedback)
    period = lambda: (screen.start.date().toPython(), screen.end.date().toPython())  # noqa: E731
    assert period() == (date(2026, 3, 1), date(2026, 3, 10)), "this month so far to begin with"
    screen.quick["today"].click()
    assert period() == (st.day, st.day)
    screen.quick["last_month"].click()
    assert period() == (date(2026, 2, 1), date(2026, 2, 28))
    screen.quick["year"].click()
    assert period() == (date(2026, 1, 1), st.day)


def test_an_end_before_the_start_is_refused_in_chinese_and_nothing_runs(qtbot, ledger_store, feedback) -> None:
    st = ledger_store
    screen = _screen(qtbot, st, feedback)
    screen.set_period(date(2026, 3, 10), date(2026, 3, 1))
    qtbot.keyClick(screen.kinds, Qt.Key.Key_Return)
    assert screen.message.isVisible() and screen.message.text() == "结束日期早于开始日期。"
    assert not screen.loader.busy() and screen.report is None and screen.tabs.count() == 0
    assert not screen.excel_button.isEnabled()


def test_enter_shows_the_report_off_the_ui_thread(qtbot, ledger_store, feedback) -> None:
    st = ledger_store
    screen = _screen(qtbot, st, feedback)
    screen.set_period(st.day, st.day)
    screen.kinds.setFocus()
    with qtbot.waitSignal(screen.loader.busy_changed) as started:
        qtbot.keyClick(screen.kinds, Qt.Key.Key_Return)
    assert started.args == [True] and screen.progress.isVisibleTo(screen)
    qtbot.waitUntil(lambda: screen.report is not None and not screen.loader.busy())
    assert not screen.progress.isVisibleTo(screen)
    assert screen.section_model("lines").rowCount() == 4


def test_export_hands_the_shown_report_to_the_writer(qtbot, ledger_store, feedback, tmp_path) -> None:
    st = ledger_store
    writer = FakeWriter()
    screen = _screen(qtbot, st, feedback, writer)
    asked: list[tuple[str, str]] = []
    target = tmp_path / "台账.xlsx"
    screen.ask_path = lambda suffix, suggested: asked.append((suffix, suggested)) or target  # type: ignore[method-assign]
    _show(qtbot, screen, "donations", Filters(st.day, st.day))
    screen.excel_button.click()
    qtbot.waitUntil(lambda: not screen.exporter.busy())
    assert asked == [("xlsx", "捐赠物资接收台账-2026-03-10-2026-03-10.xlsx")]
    assert [(r.kind, r.filters, p) for r, p in writer.calls] == [("donations", Filters(st.day, st.day), target)]
    assert str(target) in screen.notice.text()
    screen.ask_path = lambda suffix, suggested: None  # type: ignore[method-assign]
    screen.pdf_button.click()  # the user cancelled the file name
    assert len(writer.calls) == 1


def test_an_export_that_cannot_be_written_is_told_in_chinese(qtbot, ledger_store, feedback, tmp_path) -> None:
    st = ledger_store
    screen = _screen(qtbot, st, feedback, FakeWriter(PermissionError(13, "Permission denied")))
    screen.ask_path = lambda suffix, suggested: tmp_path / "x.pdf"  # type: ignore[method-assign]
    _show(qtbot, screen, "donations", Filters(st.day, st.day))
    screen.pdf_button.click()
    qtbot.waitUntil(lambda: bool(feedback.errors))
    assert "x.pdf" in feedback.errors[0] and "权限" in feedback.errors[0]


def test_the_section_model_passes_qt_checks(qtmodeltester, ledger_store) -> None:
    st = ledger_store
    report = st.services.reports.run(st.manager, "donations", Filters(st.day, st.day))
    model = SectionModel(report.section("lines"), "en")
    qtmodeltester.check(model)
    assert model.index(model.totals_row(), 0).data() == "Total"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Received"


def test_a_cashier_never_gets_the_screen_and_the_service_refuses_anyway(qtbot, ledger_store, feedback) -> None:
    from charity_pos.ui.app import SCREENS

    st = ledger_store
    window = MainWindow(st.services, st.cashier, SCREENS, feedback, FakeApproval(None))
    qtbot.addWidget(window)
    assert ReportsScreen in SCREENS and not any(isinstance(s, ReportsScreen) for s in window.screens)
    with pytest.raises(PermissionDenied):
        st.services.reports.run(st.cashier, "donations", Filters(st.day, st.day))
    screen = ReportsScreen(st.services, st.cashier, feedback, FakeApproval(None))  # made anyway by mistake
    qtbot.addWidget(screen)
    screen.show_report("donations", Filters(st.day, st.day))
    qtbot.waitUntil(lambda: not screen.loader.busy())
    assert screen.report is None and screen.message.text() == "您的角色无权查看台账与报表。"


# --- donated cash -----------------------------------------------------------
def _funds_report(session, filters, store, language="zh_CN"):
    """Stands in for the funds report another change adds."""
    from charity_pos.services.funds import balance

    left = balance(session).left_fen
    section = Section("left", Words("善款结余", "Left"), (Column("left", Words("结余", "Left"), ColumnKind.MONEY),),
                      ((left,),), totals=False)
    return Report("funds", Words("善款收支", "Donated cash"), store.name, store.code, filters, (section,))


def _fund_screen(qtbot, st, feedback, monkeypatch) -> ReportsScreen:
    monkeypatch.setitem(BUILDERS, "funds", _funds_report)
    screen = _screen(qtbot, st, feedback)
    return screen


def test_the_fund_use_button_is_there_only_for_the_funds_report(qtbot, ledger_store, feedback, monkeypatch) -> None:
    st = ledger_store
    screen = _fund_screen(qtbot, st, feedback, monkeypatch)
    assert not screen.funds_button.isVisibleTo(screen)
    _show(qtbot, screen, "funds", Filters(st.day, st.day))
    assert screen.funds_button.isVisibleTo(screen)
    assert screen.kinds.currentItem().text() == "善款收支"


def test_recording_a_use_shows_it_in_the_funds_report(qtbot, ledger_store, feedback, monkeypatch) -> None:
    st = ledger_store
    screen = _fund_screen(qtbot, st, feedback, monkeypatch)
    _show(qtbot, screen, "funds", Filters(st.day, st.day))
    assert _column(screen.section_model("left"), "left") == ["¥900.00"]

    def fill(dialog: FundUseDialog) -> int:
        assert dialog.left.text() == "善款结余：¥900.00"
        dialog.amount.setText("150")
        dialog.use.setCurrentIndex(dialog.use.findData("cash_aid"))
        dialog.purpose.setText("困难家庭临时救助金")
        dialog.voucher.setText("FP-2026-0032")
        dialog.accept()
        return dialog.result()

    screen.run_dialog = fill  # type: ignore[method-assign]
    with qtbot.waitSignal(screen.changed):
        screen.funds_button.click()
    qtbot.waitUntil(lambda: not screen.loader.busy())
    assert _column(screen.section_model("left"), "left") == ["¥750.00"]
    use = st.services.funds.uses(st.manager, st.day, st.day)[-1]
    assert (use.amount_fen, use.kind, use.voucher) == (15000, "cash_aid", "FP-2026-0032")
    assert screen.notice.text() == f"已记录善款使用 {use.number}。"


def test_more_than_is_left_is_refused_and_what_was_typed_stays(qtbot, ledger_store, feedback) -> None:
    st = ledger_store
    dialog = FundUseDialog(st.services, st.manager, st.day)
    qtbot.addWidget(dialog)
    dialog.amount.setText("1,000.00")
    dialog.purpose.setText("购买米面油")
    dialog.voucher.setText("FP-1")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.changes is None
    assert dialog.message.text() == "捐赠现金只剩 ¥900.00，不能登记 ¥1,000.00 的使用。"
    assert (dialog.amount.text(), dialog.purpose.text(), dialog.voucher.text()) == ("1,000.00", "购买米面油", "FP-1")
    assert len(st.services.funds.uses(st.manager, st.day, st.day)) == 1, "only the scenario's own use"


@pytest.mark.parametrize(("amount", "purpose", "said"), [
    ("abc", "购买米面油", "捐款金额"), ("", "购买米面油", "捐款金额"), ("0", "购买米面油", "捐款金额"),
    ("100", "", "用途")])
def test_bad_input_in_the_fund_dialog_is_refused(qtbot, ledger_store, amount, purpose, said) -> None:
    st = ledger_store
    dialog = FundUseDialog(st.services, st.manager, st.day)
    qtbot.addWidget(dialog)
    dialog.amount.setText(amount)
    dialog.purpose.setText(purpose)
    dialog.accept()
    assert dialog.changes is None and said in dialog.message.text()


def test_the_dialog_offers_no_day_still_to_come(qtbot, ledger_store) -> None:
    st = ledger_store
    dialog = FundUseDialog(st.services, st.manager, st.day)
    qtbot.addWidget(dialog)
    assert dialog.used_on.maximumDate().toPython() == st.day
    assert [dialog.use.itemText(i) for i in range(dialog.use.count())] == [
        "购买帮困物资", "困难救助金", "公益活动", "其他"]
