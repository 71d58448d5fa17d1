"""The stock screen (库存): lots on hand found by barcode, name or pinyin;
Ctrl+W writes off from the lot selected: units, a reason by its key (1-6),
the text or the receiving charity, the value shown, and a manager's PIN
beyond the limit; a refusal stays in the dialog with what was typed."""

from __future__ import annotations

from PySide6.QtCore import Qt

from charity_pos.services.base import Approval
from charity_pos.services.writeoffs import WriteoffDraft, WriteoffLineDraft
from charity_pos.ui.stock import StockScreen
from charity_pos.ui.stock.model import LotsModel
from charity_pos.ui.stock.writeoff import WriteoffDialog
from tests.helpers import compact, pdf_text, this_year
from tests.ui.conftest import FakeApproval, answer_dialogs, show_active


def _screen(qtbot, services, actor, feedback, approval=None) -> StockScreen:
    screen = StockScreen(services, actor, feedback, approval or FakeApproval(None))
    qtbot.addWidget(screen)
    show_active(screen)
    qtbot.waitUntil(lambda: screen.model.rowCount() > 0)
    return screen


def _names(screen: StockScreen) -> list[str]:
    return [screen.model.row_at(i).item_name for i in range(screen.model.rowCount())]  # type: ignore[union-attr]


def test_lots_model_passes_qt_model_checks(qtmodeltester, services, stocked) -> None:
    model = LotsModel()
    model.set_rows(services.writeoffs.lots_on_hand())
    qtmodeltester.check(model)
    assert model.headerData(LotsModel.ON_HAND, Qt.Orientation.Horizontal) == "库存"


def test_lots_on_hand_are_found_by_pinyin_and_barcode(qtbot, services, cashier, feedback, stocked) -> None:
    screen = _screen(qtbot, services, cashier, feedback)
    assert sorted(_names(screen)) == ["东北大米 5kg", "海天金标生抽 500ml"]
    qtbot.keyClicks(screen.search, "dm")
    qtbot.waitUntil(lambda: _names(screen) == ["东北大米 5kg"])
    assert screen.count_label.text() == "显示 1 个批次"
    screen.search.clear()
    qtbot.keyClicks(screen.search, "6901234567892")
    qtbot.keyClick(screen.search, Qt.Key.Key_Return)
    assert screen.selected().item_name == "东北大米 5kg"


def test_a_cashier_writes_off_within_the_limit_by_keys(qtbot, services, cashier, feedback, stocked) -> None:
    screen = _screen(qtbot, services, cashier, feedback)
    screen.search.setText("生抽")
    screen.refresh()
    screen.table.selectRow(0)
    changed = []
    screen.changed.connect(changed.append)

    def work(dialog: WriteoffDialog) -> None:
        dialog.quantity.setValue(3)
        assert dialog.value.text() == "按售价金额：¥35.70"
        qtbot.keyClick(dialog, Qt.Key.Key_2)
        assert dialog.reason() == "expired"
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    shown = answer_dialogs(qtbot, screen, work)
    qtbot.keyClick(screen, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert len(shown) == 1 and changed and changed[0].number == f"PT01-{this_year()}-W000001"
    assert screen.model.row_at(0).on_hand == 9
    [row] = services.writeoffs.writeoffs(cashier)
    assert (row.reason, row.units, row.value_fen, row.approved_by) == ("expired", 3, 3570, "")


def test_beyond_the_limit_a_manager_approves_and_a_refusal_keeps_the_dialog(qtbot, services, cashier, feedback,
                                                                            stocked) -> None:
    approval = FakeApproval(Approval("manager", "9999", "整批受潮"))
    screen = _screen(qtbot, services, cashier, feedback, approval)
    screen.search.setText("大米")
    screen.refresh()
    screen.table.selectRow(0)

    def work(dialog: WriteoffDialog) -> None:
        dialog.quantity.setValue(4)
        assert "须店长" in dialog.hint.text() or "店长" in dialog.hint.text()
        dialog.choose("other")
        dialog.accept()  # other without a text: refused, the dialog stays
        assert dialog.message.isVisible() and dialog.result() == 0
        assert dialog.message.text() == "情况说明不能为空。"
        dialog.text.setText("仓库漏水")
        dialog.accept()

    answer_dialogs(qtbot, screen, work)
    screen.write_off_selected()
    assert approval.asked and "店长" in approval.asked[0]
    [row] = services.writeoffs.writeoffs(cashier)
    assert (row.reason, row.note, row.units, row.approved_by) == ("other", "仓库漏水", 4, "店长")


def test_donated_on_asks_the_receiving_charity(qtbot, services, manager, feedback, stocked) -> None:
    screen = _screen(qtbot, services, manager, feedback)
    screen.table.selectRow(0)

    def work(dialog: WriteoffDialog) -> None:
        qtbot.keyClick(dialog, Qt.Key.Key_5)
        assert dialog.text_label.text() == "受赠单位"
        dialog.text.setText("静安区慈善基金会")
        dialog.accept()

    answer_dialogs(qtbot, screen, work)
    screen.write_off_selected()
    [row] = services.writeoffs.writeoffs(manager)
    assert (row.reason, row.recipient) == ("donated_on", "静安区慈善基金会")


def test_no_lot_selected_says_so(qtbot, services, cashier, feedback, stocked) -> None:
    screen = _screen(qtbot, services, cashier, feedback)
    screen.table.clearSelection()
    screen.write_off_selected()
    assert feedback.infos and services.writeoffs.writeoffs(cashier) == []


def test_the_last_write_off_is_saved_as_its_pdf(qtbot, services, manager, feedback, stocked, tmp_path) -> None:
    screen = _screen(qtbot, services, manager, feedback)
    screen.pdf_button.click()
    assert feedback.infos and feedback.infos[-1][1] == "尚未报损任何物资。"
    lot = screen.model.row_at(0)
    services.writeoffs.write_off(manager, WriteoffDraft((WriteoffLineDraft(lot.lot_id, 1),), "spoiled"))
    target = tmp_path / "w.pdf"
    wanted = f"报损单-PT01-{this_year()}-W000001.pdf"
    screen.output.choose_file = lambda _parent, name: (target if name == wanted else None)
    qtbot.keyClick(screen, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    text = compact(pdf_text(target))
    assert "物资报损单" in text and f"PT01-{this_year()}-W000001" in text and "变质" in text
