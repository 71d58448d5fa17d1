"""The intake screen driven as a cashier does: a scanner types 13 digits and
Enter, names are typed in pinyin, F-keys choose, and what is asserted is
what the cashier sees, in Chinese."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QLineEdit, QWidget

from charity_pos.domain.barcodes import check_digit
from charity_pos.services.base import COMMAND_LINE, STORE_TZ
from charity_pos.services.donors import DonorDraft, DonorKind
from charity_pos.ui.catalog.editor import ItemEditor
from charity_pos.ui.intake import IntakeScreen
from charity_pos.ui.intake.donor import NewDonorDialog
from charity_pos.ui.intake.model import DraftLine, LinesModel
from charity_pos.ui.intake.saved import SavedDialog
from tests.ui.conftest import FakeApproval, show_active

RICE_CODE = "6901234567892"
TODAY = datetime.now(STORE_TZ).date()
COMPANY_CODE = "91310000132200821H"


def _unknown_code() -> str:
    payload = "690123456701"
    return payload + str(check_digit(payload))


@pytest.fixture
def screen(qtbot, services, cashier, feedback) -> IntakeScreen:
    screen = IntakeScreen(services, cashier, feedback, FakeApproval(None))
    qtbot.addWidget(screen)
    screen.changed.connect(screen.on_changed)  # as the main window would pass it on
    screen.resize(1000, 700)
    show_active(screen)
    return screen


def _scan(qtbot, screen: IntakeScreen, code: str) -> None:
    qtbot.keyClicks(screen.scan, code)
    qtbot.keyClick(screen.scan, Qt.Key.Key_Return)


def _cell_editor() -> QWidget:
    editor = QApplication.focusWidget()
    assert editor is not None
    return editor


def _type_date(qtbot, screen: IntakeScreen, when) -> None:
    """The best-before editor opens by itself for food: type and Enter."""
    editor = _cell_editor()
    assert screen.table.viewport().isAncestorOf(editor)
    qtbot.keyClicks(editor, when.strftime("%Y%m%d"))
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(screen.scan.hasFocus)


def _cell(screen: IntakeScreen, row: int, column: int) -> str:
    return screen.model.data(screen.model.index(row, column))


def test_lines_model_passes_qt_model_checks(qtmodeltester, services) -> None:
    model = LinesModel()
    rice, sauce, coat = (services.catalog.search(name)[0] for name in ("东北大米", "生抽", "羊毛衫"))
    model.add(DraftLine.for_item(rice, 2))
    model.add(DraftLine.for_item(sauce))
    model.add(DraftLine.for_item(coat, 3))
    qtmodeltester.check(model)
    assert model.headerData(LinesModel.CONDITION, Qt.Orientation.Horizontal) == "成色"
    assert model.data(model.index(1, LinesModel.VALUATION)) == "按市场价"
    assert model.data(model.index(0, LinesModel.EXPIRY)) == "必填"


def test_scanned_barcode_adds_the_item_filled_in_and_asks_its_date(qtbot, screen, feedback) -> None:
    qtbot.keyClick(screen, Qt.Key.Key_F6)
    assert screen.donor_label.text() == "匿名捐赠人"
    _scan(qtbot, screen, RICE_CODE)
    assert screen.model.rowCount() == 1
    assert [_cell(screen, 0, c) for c in range(LinesModel.EXPIRY + 1)] == [
        "东北大米 5kg", "袋", "1", "全新", "按市场价", "¥35.90", "必填"]
    assert screen.scan_notice.text() == "已添加：东北大米 5kg × 1"
    _type_date(qtbot, screen, TODAY + timedelta(days=300))
    assert _cell(screen, 0, LinesModel.EXPIRY) == (TODAY + timedelta(days=300)).isoformat()
    assert screen.total.text() == "合计 ¥35.90"
    assert feedback.errors == []


def test_same_code_twice_counts_up_and_another_item_starts_a_line(qtbot, screen) -> None:
    _scan(qtbot, screen, RICE_CODE)
    _type_date(qtbot, screen, TODAY + timedelta(days=300))
    _scan(qtbot, screen, RICE_CODE)
    assert screen.model.rowCount() == 1 and _cell(screen, 0, LinesModel.QUANTITY) == "2"
    assert _cell(screen, 0, LinesModel.AMOUNT) == "¥71.80"
    _scan(qtbot, screen, "3*yms")
    assert screen.model.rowCount() == 2
    assert _cell(screen, 1, LinesModel.NAME) == "男式羊毛衫 L码 藏青"
    assert _cell(screen, 1, LinesModel.QUANTITY) == "3"
    assert screen.summary.text() == "2 行，5 件"


def test_pinyin_initials_show_matches_to_pick_with_arrows_and_enter(qtbot, screen) -> None:
    qtbot.keyClicks(screen.scan, "s")
    qtbot.waitUntil(lambda: screen.matches.isVisible() and screen.matches.count() >= 2)
    shown = [screen.matches.item(i).text() for i in range(screen.matches.count())]
    assert any(text.startswith("海天金标生抽 500ml") for text in shown)
    qtbot.keyClicks(screen.scan, "c")  # "sc": 生抽
    qtbot.waitUntil(lambda: screen.matches.count() == 1)
    qtbot.keyClick(screen.scan, Qt.Key.Key_Down)
    assert screen.matches.hasFocus()
    qtbot.keyClick(screen.matches, Qt.Key.Key_Return)
    assert _cell(screen, 0, LinesModel.NAME) == "海天金标生抽 500ml"
    assert not screen.matches.isVisible()


def test_unknown_barcode_is_explained_and_nothing_added(qtbot, screen) -> None:
    offered: list[QDialog] = []
    screen.run_dialog = lambda dialog: offered.append(dialog) or QDialog.DialogCode.Rejected  # type: ignore[method-assign]
    code = _unknown_code()
    _scan(qtbot, screen, code)
    assert screen.scan_notice.text() == f"没有商品使用条码 {code}。"
    assert screen.model.rowCount() == 0
    assert len(offered) == 1 and isinstance(offered[0], ItemEditor)
    assert offered[0].barcode.text() == code, "the new item is offered with the scanned code"


def test_wrong_check_digit_is_refused_without_offering_a_new_item(qtbot, screen) -> None:
    screen.run_dialog = lambda dialog: pytest.fail("no dialog for a misread code")  # type: ignore[method-assign]
    _scan(qtbot, screen, "6901234567891")
    assert screen.scan_notice.text() == "条码 6901234567891 无效：校验位错误。"
    assert screen.model.rowCount() == 0


def test_unknown_barcode_becomes_a_new_item_and_a_line(qtbot, screen, services) -> None:
    def fill(editor: ItemEditor) -> int:
        editor.name.setText("儿童绘本 小熊很忙")
        editor.category.setCurrentIndex(editor.category.findData("books"))
        editor.unit.setCurrentText("本")
        editor.price.setText("5")
        editor.reference.setText("29.80")
        editor.save()
        return editor.result()

    screen.run_dialog = fill  # type: ignore[method-assign]
    code = _unknown_code()
    _scan(qtbot, screen, code)
    assert _cell(screen, 0, LinesModel.NAME) == "儿童绘本 小熊很忙"
    assert _cell(screen, 0, LinesModel.UNIT_VALUE) == "¥29.80"
    assert services.catalog.find_by_barcode(code).source == "donated"


def test_expired_food_is_refused_in_chinese_and_the_form_kept(qtbot, screen, services, feedback) -> None:
    qtbot.keyClick(screen, Qt.Key.Key_F6)
    _scan(qtbot, screen, RICE_CODE)
    yesterday = TODAY - timedelta(days=1)
    _type_date(qtbot, screen, yesterday)
    qtbot.keyClicks(screen.cash, "20")
    qtbot.keyClick(screen, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert feedback.errors == [f"“东北大米 5kg”已过保质期（{yesterday.isoformat()}），不能接收。"]
    assert screen.model.rowCount() == 1 and screen.cash.text() == "20"
    assert screen.donor_label.text() == "匿名捐赠人"
    assert screen.table.currentIndex().column() == LinesModel.EXPIRY, "the cursor goes to the refused date"
    assert services.intake.donations(COMMAND_LINE) == []


def test_food_without_a_date_is_refused_on_save(qtbot, screen, services, feedback) -> None:
    qtbot.keyClick(screen, Qt.Key.Key_F6)
    _scan(qtbot, screen, RICE_CODE)
    qtbot.keyClick(_cell_editor(), Qt.Key.Key_Escape)  # no date typed
    qtbot.keyClick(screen, Qt.Key.Key_F10)
    assert feedback.errors == ["“东北大米 5kg”是食品，请填写保质期。"]
    assert services.intake.donations(COMMAND_LINE) == []


def test_zero_quantity_is_refused_and_the_old_one_kept(qtbot, screen, feedback) -> None:
    _scan(qtbot, screen, "yms")
    screen.table.setFocus()
    screen.table.setCurrentIndex(screen.model.index(0, LinesModel.QUANTITY))
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    editor = _cell_editor()
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "0")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: feedback.errors == ["数量必须大于零。"])  # the cell commits after the key
    assert _cell(screen, 0, LinesModel.QUANTITY) == "1"


def test_number_keys_choose_condition_and_valuation_and_unvalued_has_no_value(qtbot, screen) -> None:
    _scan(qtbot, screen, "yms")
    screen.table.setFocus()
    screen.table.setCurrentIndex(screen.model.index(0, LinesModel.CONDITION))
    qtbot.keyClick(screen.table, Qt.Key.Key_3)
    assert _cell(screen, 0, LinesModel.CONDITION) == "完好旧物"
    screen.table.setCurrentIndex(screen.model.index(0, LinesModel.VALUATION))
    qtbot.keyClick(screen.table, Qt.Key.Key_3)
    assert _cell(screen, 0, LinesModel.VALUATION) == "未估价"
    assert _cell(screen, 0, LinesModel.UNIT_VALUE) == "—"
    assert not screen.model.flags(screen.model.index(0, LinesModel.UNIT_VALUE)) & Qt.ItemFlag.ItemIsEditable
    assert screen.total.text() == "合计 ¥0.00"
    assert screen.summary.text() == "1 行，1 件（1 行未估价）"


def test_del_removes_the_current_line(qtbot, screen) -> None:
    _scan(qtbot, screen, "yms")
    _scan(qtbot, screen, "sc")
    screen.table.setFocus()
    screen.table.setCurrentIndex(screen.model.index(0, LinesModel.NAME))
    qtbot.keyClick(screen.table, Qt.Key.Key_Delete)
    assert [_cell(screen, r, LinesModel.NAME) for r in range(screen.model.rowCount())] == ["海天金标生抽 500ml"]


def test_invalid_credit_code_is_refused_in_the_new_donor_dialog(qtbot, services, cashier, feedback) -> None:
    dialog = NewDonorDialog(services, cashier, feedback)
    qtbot.addWidget(dialog)
    dialog.set_kind(DonorKind.COMPANY)
    dialog.name.setText("上海梅林正广和股份有限公司")  # typed through the input method
    qtbot.keyClicks(dialog.credit_code, "91310000132200821J")
    assert dialog.warning.text() == "统一社会信用代码最后一位（校验码）错误。"
    dialog.save()
    assert feedback.errors == ["统一社会信用代码最后一位（校验码）错误。"]
    assert dialog.changes is None and dialog.result() != QDialog.DialogCode.Accepted
    assert services.donors.donors() == []


def test_f7_registers_a_new_donor_who_becomes_the_donor(qtbot, screen, services) -> None:
    def fill(dialog: NewDonorDialog) -> int:
        dialog.set_kind(DonorKind.PERSON)
        dialog.name.setText("李秀英")
        dialog.phone.setText("13812345678")
        dialog.wishes.setText("给独居老人")
        dialog.declines_receipt.setChecked(True)
        dialog.save()
        return dialog.result()

    screen.run_dialog = fill  # type: ignore[method-assign]
    qtbot.keyClick(screen, Qt.Key.Key_F7)
    assert screen.donor_label.text() == "李秀英 · 个人 · 意愿：给独居老人 · 不要收据"
    assert not screen.wants_receipt.isChecked()
    assert screen.scan.hasFocus()
    assert [d.name for d in services.donors.donors()] == ["李秀英"]


def test_registered_company_is_found_by_part_of_its_credit_code(qtbot, screen, services, cashier) -> None:
    services.donors.create(cashier, DonorDraft(DonorKind.COMPANY, "上海梅林正广和股份有限公司", credit_code=COMPANY_CODE))
    screen.refresh()
    qtbot.keyClick(screen, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert screen.donor_field.hasFocus()
    qtbot.keyClicks(screen.donor_field, "132200")
    qtbot.keyClick(screen.donor_field, Qt.Key.Key_Return)
    assert screen.donor_label.text() == f"上海梅林正广和股份有限公司 · 单位 · {COMPANY_CODE}"
    assert screen.wants_receipt.isChecked()


def test_saving_without_a_donor_asks_who_is_giving(qtbot, screen, services, feedback) -> None:
    _scan(qtbot, screen, "yms")
    qtbot.keyClick(screen, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert feedback.infos == [("捐赠人是谁？", "请先选择捐赠人；匿名捐赠请按 F6。")]
    assert screen.model.rowCount() == 1 and services.intake.donations(COMMAND_LINE) == []


def test_save_shows_the_number_clears_the_form_and_records_the_totals(qtbot, screen, services, cashier,
                                                                      feedback) -> None:
    services.donors.create(cashier, DonorDraft(DonorKind.COMPANY, "上海梅林正广和股份有限公司", credit_code=COMPANY_CODE))
    screen.refresh()
    shown: list[SavedDialog] = []
    screen.run_dialog = lambda dialog: shown.append(dialog) or QDialog.DialogCode.Accepted  # type: ignore[method-assign]
    qtbot.keyClicks(screen.donor_field, "ml")  # pinyin initials of 梅林
    qtbot.keyClick(screen.donor_field, Qt.Key.Key_Return)
    _scan(qtbot, screen, "2*" + RICE_CODE)
    _type_date(qtbot, screen, TODAY + timedelta(days=300))
    _scan(qtbot, screen, "3*yms")
    screen.table.setCurrentIndex(screen.model.index(1, LinesModel.CONDITION))
    qtbot.keyClick(screen.table, Qt.Key.Key_2)
    screen.table.setCurrentIndex(screen.model.index(1, LinesModel.VALUATION))
    qtbot.keyClick(screen.table, Qt.Key.Key_3)
    qtbot.keyClick(screen, Qt.Key.Key_F8)
    qtbot.keyClicks(screen.cash, "500")
    screen.cash_method.setCurrentIndex(screen.cash_method.findText("微信支付"))
    assert screen.total.text() == "合计 ¥571.80"
    qtbot.keyClick(screen, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert feedback.errors == []
    number = f"PT01-{TODAY.year}-D000001"
    assert len(shown) == 1 and shown[0].number.text() == f"捐赠编号 {number}"
    assert not shown[0].warnings.isVisibleTo(shown[0])
    assert screen.saved_label.text() == f"已保存 {number}"
    assert screen.model.rowCount() == 0 and screen.cash.text() == "" and screen.donor is None
    assert screen.total.text() == "合计 ¥0.00"
    row = services.intake.donations(COMMAND_LINE)[0]
    assert (row.number, row.donor_name, row.lines, row.units) == (number, "上海梅林正广和股份有限公司", 2, 5)
    assert (row.cash_fen, row.total_value_fen, row.wants_receipt) == (50000, 2 * 3590 + 50000, True)


def test_short_shelf_life_is_named_after_saving(qtbot, screen) -> None:
    shown: list[SavedDialog] = []
    screen.run_dialog = lambda dialog: shown.append(dialog) or QDialog.DialogCode.Accepted  # type: ignore[method-assign]
    qtbot.keyClick(screen, Qt.Key.Key_F6)
    _scan(qtbot, screen, RICE_CODE)
    soon = TODAY + timedelta(days=60)
    _type_date(qtbot, screen, soon)
    qtbot.keyClick(screen, Qt.Key.Key_F10)
    assert shown[0].warnings.text() == f"保质期不足半年，请优先上架：东北大米 5kg（保质期至 {soon.isoformat()}）"


def test_bad_cash_amount_is_refused_and_kept(qtbot, screen, services, feedback) -> None:
    qtbot.keyClick(screen, Qt.Key.Key_F6)
    qtbot.keyClick(screen, Qt.Key.Key_F8)
    qtbot.keyClicks(screen.cash, "12.345")
    qtbot.keyClick(screen, Qt.Key.Key_F10)
    assert feedback.errors == ["捐款金额：最多两位小数（到分）。"]
    assert screen.cash.text() == "12.345" and screen.cash.hasFocus()
    assert services.intake.donations(COMMAND_LINE) == []


def test_save_mid_edit_keeps_what_was_being_typed(qtbot, screen, services) -> None:
    screen.run_dialog = lambda dialog: QDialog.DialogCode.Accepted  # type: ignore[method-assign]
    qtbot.keyClick(screen, Qt.Key.Key_F6)
    _scan(qtbot, screen, RICE_CODE)
    editor = _cell_editor()
    qtbot.keyClicks(editor, (TODAY + timedelta(days=400)).isoformat())
    qtbot.keyClick(editor, Qt.Key.Key_F10)  # no Enter in the cell first
    row = services.intake.donations(COMMAND_LINE)[0]
    assert (row.lines, row.units, row.donor_kind) == (1, 1, "anonymous")
    assert services.stock.lots()[0].expiry_date == TODAY + timedelta(days=400)


def test_receipt_printed_from_the_saved_dialog(qtbot, services, manager, feedback, tmp_path) -> None:
    screen = IntakeScreen(services, manager, feedback, FakeApproval(None))
    qtbot.addWidget(screen)
    show_active(screen)
    printed = tmp_path / "printed.pdf"

    def choose_printer(parent, printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        printer.setResolution(100)
        return True

    shown: list[SavedDialog] = []

    def press_print(dialog: QDialog) -> int:
        assert isinstance(dialog, SavedDialog)
        shown.append(dialog)
        dialog.receipt_button.click()
        return QDialog.DialogCode.Accepted

    screen.output.choose_printer = choose_printer  # type: ignore[method-assign]
    screen.run_dialog = press_print  # type: ignore[method-assign]
    qtbot.keyClick(screen, Qt.Key.Key_F6)
    _scan(qtbot, screen, "yms")
    with qtbot.waitSignals([screen.changed, screen.changed]):  # the donation, then its receipt
        qtbot.keyClick(screen, Qt.Key.Key_F10)
    assert feedback.errors == []
    assert shown[0].receipt_button.text() == "收据已打印"
    assert services.intake.donations(COMMAND_LINE)[0].receipt_number == f"PT01-{TODAY.year}-J000001"
    assert printed.stat().st_size > 0


def _editing(qtbot, screen: IntakeScreen, column: int) -> QWidget:
    screen.table.setFocus()
    screen.table.setCurrentIndex(screen.model.index(0, column))
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.table.state() == QAbstractItemView.State.EditingState)
    return _cell_editor()


@pytest.mark.parametrize("column", [LinesModel.QUANTITY, LinesModel.UNIT_VALUE, LinesModel.EXPIRY])
def test_the_cell_editor_fills_its_cell_with_readable_text_and_a_border(qtbot, screen, column) -> None:
    _scan(qtbot, screen, "yms")
    editor = _editing(qtbot, screen, column)
    cell = screen.table.visualRect(screen.model.index(0, column))
    assert screen.table.viewport().isAncestorOf(editor)
    assert cell.contains(editor.geometry()), "the editor stays inside its cell"
    assert editor.height() == cell.height() >= screen.table.rowHeight(0) - 1, "at the row's height"
    text_colour = editor.palette().color(QPalette.ColorRole.Text)
    base_colour = editor.palette().color(QPalette.ColorRole.Base)
    assert text_colour != base_colour and abs(text_colour.lightness() - base_colour.lightness()) > 150
    shot = editor.grab().toImage()
    border = shot.pixelColor(0, shot.height() // 2)
    inside = shot.pixelColor(shot.width() // 2, 3)
    assert border.name() == "#1f6f5c" and border != inside, "a border shows where the editor is"
    assert isinstance(editor, QLineEdit)
    editor.deselect()
    shot = editor.grab().toImage()
    darkest = min(shot.pixelColor(x, y).lightness() for x in range(3, shot.width() - 3)
                  for y in range(3, shot.height() - 3))
    assert darkest < 100, "the digits are drawn dark on the white field"
    qtbot.keyClick(editor, Qt.Key.Key_Escape)


def test_the_quantity_column_is_wide_enough_to_type_in(qtbot, screen) -> None:
    _scan(qtbot, screen, "yms")
    editor = _editing(qtbot, screen, LinesModel.QUANTITY)
    assert editor.width() >= editor.fontMetrics().horizontalAdvance("99999")
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "12")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _cell(screen, 0, LinesModel.QUANTITY) == "12")
