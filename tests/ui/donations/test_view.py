"""The donations screen: the list as staff see it, and each donation's
papers: receipt printed or saved as PDF, reprints marked 补打, voids with a
manager's approval (作废), a new receipt after a void, and labels."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog

from charity_pos.services.base import COMMAND_LINE, STORE_TZ, Approval
from charity_pos.services.donors import DonorDraft, DonorKind
from charity_pos.services.intake import CashMethod, Condition, IntakeDraft, IntakeLine, Valuation
from charity_pos.ui.donations import DonationsScreen
from charity_pos.ui.donations.dialogs import LabelsDialog, VoidDialog
from charity_pos.ui.donations.model import DonationTableModel
from tests.ui.conftest import FakeApproval, show_active
from tests.helpers import pdf_text, this_year

TODAY = datetime.now(STORE_TZ).date()
MANAGER_OK = Approval("manager", "9999", "捐赠人要收据")


@pytest.fixture
def donations(services, cashier) -> dict[str, str]:
    """Three donations: a person's goods, a company's goods and money, an
    anonymous unvalued coat. Returns donor kind -> donation number."""
    rice, _sauce, coat = (services.catalog.search(name)[0] for name in ("东北大米", "生抽", "羊毛衫"))
    person = services.donors.create(cashier, DonorDraft(DonorKind.PERSON, "王建国", phone="13812345678")).ids[0]
    company = services.donors.create(cashier, DonorDraft(
        DonorKind.COMPANY, "上海梅林正广和股份有限公司", credit_code="91310000132200821H", declines_receipt=True)).ids[0]
    numbers = {}
    numbers["person"] = services.intake.receive(cashier, IntakeDraft(person, (
        IntakeLine(rice.id, 2, Condition.NEW, Valuation.MARKET, 3590, TODAY + timedelta(days=300)),))).number
    numbers["company"] = services.intake.receive(cashier, IntakeDraft(company, (
        IntakeLine(coat.id, 3, Condition.AS_NEW, Valuation.INVOICE, 8000),), 20000, CashMethod.WECHAT)).number
    numbers["anonymous"] = services.intake.receive(cashier, IntakeDraft(None, (
        IntakeLine(coat.id, 1, Condition.GOOD_USED, Valuation.UNVALUED, None),))).number
    return numbers


def _screen(qtbot, services, actor, feedback, approval=None) -> DonationsScreen:
    screen = DonationsScreen(services, actor, feedback, approval or FakeApproval(None))
    qtbot.addWidget(screen)
    screen.changed.connect(screen.on_changed)  # as the main window would pass it on
    show_active(screen)
    return screen


def _row(screen: DonationsScreen, number: str) -> list[str]:
    row = screen.model.row_of(number)
    return [screen.model.data(screen.model.index(row, c)) for c in range(screen.model.columnCount())]


def _save_into(screen: DonationsScreen, path: Path) -> list[str]:
    asked: list[str] = []

    def choose(parent, suggested: str) -> Path:
        asked.append(suggested)
        return path

    screen.output.choose_file = choose  # type: ignore[method-assign]
    return asked


def _pages(path: Path) -> int:
    document = pdfium.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def test_donation_model_passes_qt_model_checks(qtmodeltester, services, donations) -> None:
    model = DonationTableModel()
    model.set_rows(services.intake.donations(COMMAND_LINE))
    qtmodeltester.check(model)
    assert model.headerData(DonationTableModel.STATE, Qt.Orientation.Horizontal) == "收据状态"


def test_list_masks_people_names_and_shows_companies_in_full(qtbot, services, cashier, feedback, donations) -> None:
    screen = _screen(qtbot, services, cashier, feedback)
    person = _row(screen, donations["person"])
    assert person[DonationTableModel.DONOR] == "王**"
    assert person[DonationTableModel.LINES:DonationTableModel.VALUE + 1] == ["1", "2", "¥71.80"]
    assert person[DonationTableModel.STATE] == "待开"
    company = _row(screen, donations["company"])
    assert company[DonationTableModel.DONOR] == "上海梅林正广和股份有限公司"
    assert company[DonationTableModel.VALUE] == "¥440.00" and company[DonationTableModel.STATE] == "不需要"
    assert _row(screen, donations["anonymous"])[DonationTableModel.DONOR] == "匿名"
    assert screen.count_label.text() == "显示 3 笔捐赠"
    qtbot.keyClicks(screen.search, "D000002")
    assert screen.model.rowCount() == 1


def test_receipt_saved_as_pdf_then_reprint_marked(qtbot, services, manager, feedback, donations, tmp_path) -> None:
    screen = _screen(qtbot, services, manager, feedback)
    screen.select(donations["person"])
    assert screen.receipt_button.text() == "打印收据（Ctrl+P）"
    asked = _save_into(screen, tmp_path / "receipt.pdf")
    first = screen.print_receipt(to_file=True)
    assert feedback.errors == []
    assert first is not None and first.document.reprint_count == 0
    assert asked == [f"捐赠收据-{donations['person']}.pdf"]
    number = f"PT01-{this_year()}-J000001"
    text = pdf_text(tmp_path / "receipt.pdf")
    assert number in text and "东北大米 5kg" in text
    assert screen.notice.text() == f"已为 {donations['person']} 开具收据 {number}。"
    assert _row(screen, donations["person"])[DonationTableModel.RECEIPT:] == [number, "已开"]
    assert screen.receipt_button.text() == "补打收据（Ctrl+P）"

    _save_into(screen, tmp_path / "again.pdf")
    qtbot.keyClick(screen, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert services.receipts.document(number).reprint_count == 1
    assert "补打" in pdf_text(tmp_path / "again.pdf")
    assert screen.notice.text() == f"收据 {number} 已补打（第 1 次）。"


def test_receipt_printed_through_the_print_dialog(qtbot, services, manager, feedback, donations, tmp_path) -> None:
    screen = _screen(qtbot, services, manager, feedback)
    screen.select(donations["person"])
    printed = tmp_path / "printed.pdf"

    def choose(parent, printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        printer.setResolution(100)
        return True

    screen.output.choose_printer = choose  # type: ignore[method-assign]
    qtbot.keyClick(screen, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert feedback.errors == [] and _pages(printed) >= 1
    assert _row(screen, donations["person"])[DonationTableModel.STATE] == "已开"


def test_cancelled_print_dialog_uses_no_receipt_number(qtbot, services, manager, feedback, donations) -> None:
    screen = _screen(qtbot, services, manager, feedback)
    screen.select(donations["person"])
    screen.output.choose_printer = lambda parent, printer: False  # type: ignore[method-assign]
    assert screen.print_receipt(to_file=False) is None
    assert services.intake.donations(COMMAND_LINE)[-1].receipt_number is None


def test_failed_pdf_uses_no_number(qtbot, services, manager, feedback, donations, tmp_path, monkeypatch) -> None:
    import charity_pos.printing.receipt as receipt_pdf

    def broken(doc, out_path):
        raise RuntimeError("font file damaged")

    monkeypatch.setattr(receipt_pdf, "render_receipt", broken)
    screen = _screen(qtbot, services, manager, feedback)
    screen.select(donations["person"])
    _save_into(screen, tmp_path / "receipt.pdf")
    assert screen.print_receipt(to_file=True) is None
    assert feedback.errors == ["出现意外错误，没有保存任何内容。详情见日志文件。"]
    assert not (tmp_path / "receipt.pdf").exists()
    monkeypatch.undo()
    result = screen.print_receipt(to_file=True)
    assert result is not None and result.document.receipt_number == f"PT01-{this_year()}-J000001"


def test_cashier_needs_a_manager_to_issue_a_receipt(qtbot, services, cashier, feedback, donations, tmp_path) -> None:
    refused = FakeApproval(None)
    screen = _screen(qtbot, services, cashier, feedback, refused)
    screen.select(donations["person"])
    _save_into(screen, tmp_path / "receipt.pdf")
    assert screen.print_receipt(to_file=True) is None
    assert refused.asked == ["此操作需要店长批准：开具捐赠收据。"]
    assert not (tmp_path / "receipt.pdf").exists()
    refused.answer = MANAGER_OK
    assert screen.print_receipt(to_file=True) is not None
    assert _row(screen, donations["person"])[DonationTableModel.STATE] == "已开"


def test_void_needs_a_manager_then_shows_void_and_a_new_receipt_can_follow(qtbot, services, cashier, manager,
                                                                            feedback, donations, tmp_path) -> None:
    services.receipts.print_receipt(manager, donations["person"])
    approval = FakeApproval(MANAGER_OK)
    screen = _screen(qtbot, services, cashier, feedback, approval)
    screen.select(donations["person"])
    assert screen.void_button.isEnabled()

    def give_reason(dialog: VoidDialog) -> int:
        dialog.reason.setText("捐赠人姓名写错")
        dialog.accept()
        return dialog.result()

    screen.run_dialog = give_reason  # type: ignore[method-assign]
    qtbot.keyClick(screen, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    number = f"PT01-{this_year()}-J000001"
    assert approval.asked == ["此操作需要店长批准：作废捐赠收据。"]
    assert feedback.errors == []
    assert _row(screen, donations["person"])[DonationTableModel.RECEIPT:] == [number, "作废"]
    assert services.receipts.document(number).void_reason == "捐赠人姓名写错"
    assert not screen.void_button.isEnabled()
    assert screen.receipt_button.text() == "重开收据（Ctrl+P）"

    _save_into(screen, tmp_path / "new.pdf")
    result = screen.print_receipt(to_file=True)
    assert result is not None and result.document.receipt_number == f"PT01-{this_year()}-J000002"
    assert _row(screen, donations["person"])[DonationTableModel.RECEIPT:] == [f"PT01-{this_year()}-J000002", "已开"]


def test_void_without_a_reason_keeps_the_dialog_open(qtbot) -> None:
    dialog = VoidDialog("PT01-2026-J000001")
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.warning.text() == "请写明作废原因。"


def test_declined_receipt_is_confirmed_before_printing(qtbot, services, manager, feedback, donations,
                                                       tmp_path) -> None:
    screen = _screen(qtbot, services, manager, feedback)
    screen.select(donations["company"])
    feedback.confirm = lambda parent, title, text: False  # type: ignore[method-assign]
    _save_into(screen, tmp_path / "receipt.pdf")
    assert screen.print_receipt(to_file=True) is None
    assert _row(screen, donations["company"])[DonationTableModel.STATE] == "不需要"


def test_labels_pdf_for_a_donation(qtbot, services, cashier, feedback, donations, tmp_path) -> None:
    screen = _screen(qtbot, services, cashier, feedback)
    screen.select(donations["company"])

    def thermal_to_file(dialog: LabelsDialog) -> int:
        assert dialog.count.text() == "共 3 张标签"
        dialog.template.setCurrentIndex(dialog.template.findData("thermal-40x30"))
        dialog.save_button.click()
        return dialog.result()

    screen.run_dialog = thermal_to_file  # type: ignore[method-assign]
    asked = _save_into(screen, tmp_path / "labels.pdf")
    qtbot.keyClick(screen, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert screen.papers.background.busy() and screen.papers.background.dialog.isVisible(), "made off the UI thread"
    qtbot.keyClick(screen, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)  # again while it runs: nothing
    qtbot.waitUntil(lambda: not screen.papers.background.busy(), timeout=20_000)
    assert feedback.errors == []
    assert asked == [f"标签-{donations['company']}.pdf"]
    assert _pages(tmp_path / "labels.pdf") == 3, "one thermal label per unit"
    assert screen.notice.text() == f"{donations['company']} 的标签已完成。"


def test_a_receipt_is_never_saved_over_the_stores_own_files(qtbot, services, manager, feedback, donations,
                                                            tmp_path) -> None:
    """The save dialog adds ``.pdf``, so it is another name of the store's
    files that could reach them: a link, a hard link, ``..``, the key folder."""
    import os

    from charity_pos.security.keys import key_path

    screen = _screen(qtbot, services, manager, feedback)
    screen.select(donations["person"])
    db = services.db.path
    link, hard = tmp_path / "link.pdf", tmp_path / "hard.pdf"
    link.symlink_to(db)
    os.link(db, hard)
    (tmp_path / "sub").mkdir()
    for target in (link, hard, tmp_path / "sub" / ".." / "link.pdf", key_path(services.store().id).parent / "r.pdf"):
        _save_into(screen, target)
        assert screen.print_receipt(to_file=True) is None
        assert "charity-pos 不会覆盖它" in feedback.errors[-1], feedback.errors[-1]
    assert _row(screen, donations["person"])[DonationTableModel.STATE] == "待开", "no number used"
    assert not list(key_path(services.store().id).parent.glob("*.pdf"))
    from charity_pos.ledger.verify import verify

    with services.db.engine.connect() as conn:
        assert verify(conn).ok, "the store file is sound"


def test_a_receipt_that_cannot_be_put_in_place_uses_no_number(qtbot, services, manager, feedback, donations,
                                                              tmp_path, monkeypatch) -> None:
    from charity_pos import files

    screen = _screen(qtbot, services, manager, feedback)
    screen.select(donations["person"])
    _save_into(screen, tmp_path / "held.pdf")

    def held(source, target):
        raise PermissionError(13, "Permission denied")

    with monkeypatch.context() as mp:
        mp.setattr(files.os, "replace", held)
        assert screen.print_receipt(to_file=True) is None
    assert "无法写入" in feedback.errors[-1]
    assert _row(screen, donations["person"])[DonationTableModel.STATE] == "待开", "no number used"
    assert not (tmp_path / "held.pdf").exists() and not list(tmp_path.glob("*.partial"))
    assert screen.print_receipt(to_file=True) is not None
    assert f"PT01-{this_year()}-J000001" in pdf_text(tmp_path / "held.pdf"), "the number the failed save did not use"


@pytest.mark.parametrize("typed", ["wjg", "WJG", "wangjianguo", "jianguo", "王建"])
def test_a_donor_is_found_by_pinyin_and_the_one_hit_is_selected(qtbot, services, manager, feedback, donations,
                                                                 typed) -> None:
    screen = _screen(qtbot, services, manager, feedback)
    asked: list[int] = []
    screen.ask_year = lambda default: asked.append(default)  # type: ignore[method-assign, func-returns-value]
    if typed.isascii():
        qtbot.keyClicks(screen.search, typed)
    else:
        screen.search.insert(typed)  # as an input method commits it
    assert screen.model.rowCount() == 1 and screen.count_label.text() == "显示 1 笔捐赠"
    assert screen.selected().number == donations["person"], "the one hit is selected"
    assert _row(screen, donations["person"])[DonationTableModel.DONOR] == "王**", "the name stays masked"
    qtbot.keyClick(screen.search, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert asked == [this_year()], "Ctrl+D acts on the hit with no click"
    qtbot.keyClick(screen.search, Qt.Key.Key_Return)
    assert screen.table.hasFocus() and screen.selected().number == donations["person"]


def test_a_company_by_initials_and_no_hit_selects_nothing(qtbot, services, manager, feedback, donations) -> None:
    screen = _screen(qtbot, services, manager, feedback)
    qtbot.keyClicks(screen.search, "mlzgh")  # 梅林正广和
    assert screen.model.rowCount() == 1 and screen.selected().number == donations["company"]
    screen.search.clear()
    qtbot.keyClicks(screen.search, "xyz")
    assert screen.model.rowCount() == 0 and screen.selected() is None
    assert not screen.receipt_button.isEnabled() and not screen.statement_button.isEnabled()
    qtbot.keyClick(screen.search, Qt.Key.Key_Return)
    assert screen.search.hasFocus(), "Enter with nothing found stays in the search"
    screen.search.clear()
    qtbot.keyClicks(screen.search, "D00000")  # three hits: none chosen for the user
    assert screen.model.rowCount() == 3 and screen.selected() is None


def test_labels_printed_are_made_off_the_ui_thread_then_printed(qtbot, services, cashier, feedback, donations,
                                                                tmp_path) -> None:
    screen = _screen(qtbot, services, cashier, feedback)
    screen.select(donations["company"])
    printed = tmp_path / "printed.pdf"

    def choose(parent, printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        printer.setResolution(100)
        return True

    def thermal_to_printer(dialog: LabelsDialog) -> int:
        dialog.template.setCurrentIndex(dialog.template.findData("thermal-40x30"))
        dialog.accept()
        return dialog.result()

    screen.output.choose_printer = choose  # type: ignore[method-assign]
    screen.run_dialog = thermal_to_printer  # type: ignore[method-assign]
    qtbot.keyClick(screen, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: screen.notice.text() == f"{donations['company']} 的标签已完成。", timeout=20_000)
    assert feedback.errors == [] and _pages(printed) == 3


def test_labels_that_fail_are_told_and_leave_no_file(qtbot, services, cashier, feedback, donations, tmp_path,
                                                     monkeypatch) -> None:
    import charity_pos.printing.labels as labels

    def broken(labels_, template, path) -> None:
        Path(path).write_bytes(b"%PDF-1.4 half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(labels, "render_labels", broken)
    screen = _screen(qtbot, services, cashier, feedback)
    screen.select(donations["company"])
    screen.run_dialog = lambda dialog: (dialog.save_button.click(), dialog.result())[1]  # type: ignore[method-assign]
    (tmp_path / "out").mkdir()
    _save_into(screen, tmp_path / "out" / "labels.pdf")
    with qtbot.waitSignal(screen.papers.background.failed, timeout=20_000):
        qtbot.keyClick(screen, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert len(feedback.errors) == 1 and list((tmp_path / "out").iterdir()) == []
    assert screen.notice.text() == ""


def test_a_switched_off_account_is_told_and_the_list_kept(qtbot, services, cashier, manager, feedback,
                                                          donations) -> None:
    screen = _screen(qtbot, services, cashier, feedback)
    screen.refresh()
    assert screen.model.rowCount() == 3
    services.accounts.set_active(manager, "cashier", False)
    qtbot.keyClicks(screen.search, "D000002")  # the service reads the list: it checks the account first
    assert feedback.errors and "cashier" in feedback.errors[0], "told why"
    assert screen.model.rowCount() == 3, "nothing listed for it: the list as it was"
