from __future__ import annotations

from PySide6.QtCore import Qt

from charity_pos.services.base import Approval
from charity_pos.ui.catalog import CatalogScreen
from charity_pos.ui.catalog.editor import ItemEditor
from charity_pos.ui.catalog.model import ItemTableModel
from tests.ui.conftest import FakeApproval, show_active


def _screen(qtbot, services, actor, feedback, approval=None) -> CatalogScreen:
    screen = CatalogScreen(services, actor, feedback, approval or FakeApproval(None))
    qtbot.addWidget(screen)
    show_active(screen)
    return screen


def _names(screen: CatalogScreen) -> list[str]:
    return [screen.model.row_at(i).name for i in range(screen.model.rowCount())]  # type: ignore[union-attr]


def test_item_model_passes_qt_model_checks(qtmodeltester, services) -> None:
    model = ItemTableModel()
    model.set_rows(services.catalog.search())
    qtmodeltester.check(model)
    assert model.headerData(ItemTableModel.PRICE, Qt.Orientation.Horizontal) == "售价"


def test_model_shows_money_in_yuan_and_flags_price_above_reference(services) -> None:
    model = ItemTableModel()
    rows = services.catalog.search("东北大米")
    model.set_rows(rows)
    assert model.data(model.index(0, ItemTableModel.PRICE)) == "¥32.90"
    assert model.data(model.index(0, ItemTableModel.SOURCE)) == "采购"
    assert model.data(model.index(0, ItemTableModel.PRICE), Qt.ItemDataRole.ToolTipRole) is None


def test_typing_pinyin_initials_filters_the_list(qtbot, services, cashier, feedback) -> None:
    screen = _screen(qtbot, services, cashier, feedback)
    assert len(_names(screen)) == 3
    qtbot.keyClicks(screen.search, "dm")
    qtbot.waitUntil(lambda: _names(screen) == ["东北大米 5kg"])
    assert screen.count_label.text() == "显示 1 件商品"


def test_scanned_barcode_selects_its_item(qtbot, services, cashier, feedback) -> None:
    screen = _screen(qtbot, services, cashier, feedback)
    qtbot.keyClicks(screen.search, "6901234567892")
    qtbot.keyClick(screen.search, Qt.Key.Key_Return)
    assert screen.selected() is not None and screen.selected().name == "东北大米 5kg"  # type: ignore[union-attr]


def test_new_item_without_barcode_gets_an_in_store_code(qtbot, services, cashier, feedback) -> None:
    screen = _screen(qtbot, services, cashier, feedback)

    def fill_and_save(dialog: ItemEditor) -> int:
        # (no simulated typing here: this runs inside the Ctrl+N key event)
        dialog.name.setText("儿童羽绒服 130码")
        dialog.category.setCurrentIndex(dialog.category.findData("clothing"))
        dialog.unit.setCurrentText("件")
        dialog.price.setText("30")
        dialog.reference.setText("199.00")
        dialog.save()
        return dialog.result()

    screen.run_dialog = fill_and_save  # type: ignore[method-assign]
    with qtbot.waitSignal(screen.changed):
        qtbot.keyClick(screen, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    item = screen.selected()
    assert item is not None and item.name == "儿童羽绒服 130码"
    assert item.barcode is not None and item.barcode.startswith("21") and len(item.barcode) == 13
    assert item.sale_price_fen == 3000 and feedback.errors == []


def test_duplicate_barcode_is_refused_in_chinese_and_nothing_saved(qtbot, services, cashier, feedback) -> None:
    editor = ItemEditor(services, cashier, feedback, FakeApproval(None))
    qtbot.addWidget(editor)
    editor.name.setText("另一种大米")
    editor.barcode.setText("6901234567892")
    editor.price.setText("10")
    editor.save()
    assert feedback.errors == ["条码 6901234567892 已属于“东北大米 5kg”。"]
    assert editor.changes is None
    assert services.catalog.count() == 3


def test_bad_price_and_wrong_check_digit_are_explained(qtbot, services, cashier, feedback) -> None:
    editor = ItemEditor(services, cashier, feedback, FakeApproval(None))
    qtbot.addWidget(editor)
    editor.name.setText("测试商品")
    editor.price.setText("-3")
    editor.save()
    editor.price.setText("3")
    editor.barcode.setText("6901234567891")
    editor.save()
    assert feedback.errors == ["售价不能为负数。", "条码 6901234567891 无效：校验位错误。"]
    assert services.catalog.count() == 3


def test_price_above_reference_is_warned_while_typing(qtbot, services, manager, feedback) -> None:
    editor = ItemEditor(services, manager, feedback, FakeApproval(None))
    qtbot.addWidget(editor)
    editor.reference.setText("10")
    editor.price.setText("12")
    assert editor.warning.text() == "售价高于市场参考价。"
    editor.price.setText("9.50")
    assert editor.warning.text() == ""


def test_cashier_price_change_asks_a_manager_and_is_kept_if_refused(qtbot, services, cashier, feedback) -> None:
    rice = services.catalog.search("东北大米")[0]
    refused = FakeApproval(None)
    editor = ItemEditor(services, cashier, feedback, refused, rice)
    qtbot.addWidget(editor)
    editor.price.setText("29.90")
    editor.save()
    assert refused.asked == ["此操作需要店长批准：修改价格。"]
    assert services.catalog.get(rice.id).sale_price_fen == 3290
    assert editor.changes is None


def test_cashier_price_change_with_manager_pin_is_saved(qtbot, services, cashier, feedback) -> None:
    rice = services.catalog.search("东北大米")[0]
    approved = FakeApproval(Approval("manager", "9999", "临期促销"))
    editor = ItemEditor(services, cashier, feedback, approved, rice)
    qtbot.addWidget(editor)
    editor.price.setText("29.90")
    editor.save()
    assert feedback.errors == []
    assert services.catalog.get(rice.id).sale_price_fen == 2990


def test_wrong_manager_pin_in_approval_is_shown_and_nothing_changes(qtbot, services, cashier, feedback) -> None:
    rice = services.catalog.search("东北大米")[0]
    editor = ItemEditor(services, cashier, feedback, FakeApproval(Approval("manager", "1234", "促销")), rice)
    qtbot.addWidget(editor)
    editor.price.setText("1.00")
    editor.save()
    assert feedback.errors and "PIN 码错误" in feedback.errors[0]
    assert services.catalog.get(rice.id).sale_price_fen == 3290


def test_items_off_sale_hidden_until_asked_for(qtbot, services, manager, feedback) -> None:
    screen = _screen(qtbot, services, manager, feedback)
    rice = services.catalog.search("东北大米")[0]
    from dataclasses import replace

    changes = services.catalog.update_item(manager, rice.id, replace(rice.draft(), active=False))
    screen.on_changed(changes)
    assert "东北大米 5kg" not in _names(screen)
    screen.show_inactive.setChecked(True)
    assert "东北大米 5kg" in _names(screen)
    row = screen.model.row_of(rice.id)
    assert screen.model.data(screen.model.index(row, ItemTableModel.STATUS)) == "停售"


def test_the_item_editor_keeps_a_shelf_life_and_refuses_a_wrong_one(qtbot, services, cashier, feedback) -> None:
    rice = services.catalog.search("东北大米")[0]
    editor = ItemEditor(services, cashier, feedback, FakeApproval(None), rice)
    qtbot.addWidget(editor)
    assert editor.shelf_life.text() == ""
    for bad, said in (("一年", "保质期：“一年”不是有效数字。"), ("0", "保质期：“0”不是 1 至 3650（十年）之间的天数。")):
        editor.shelf_life.setText(bad)
        editor.save()
        assert feedback.errors[-1] == said
    assert services.catalog.get(rice.id).shelf_life_days is None
    editor.shelf_life.setText("365")
    editor.save()
    assert editor.changes is not None and services.catalog.get(rice.id).shelf_life_days == 365
    again = ItemEditor(services, cashier, feedback, FakeApproval(None), services.catalog.get(rice.id))
    qtbot.addWidget(again)
    assert again.shelf_life.text() == "365"


def test_the_shelf_location_is_set_in_the_editor_and_kept_in_capitals(qtbot, services, cashier, feedback) -> None:
    rice = services.catalog.search("东北大米")[0]
    editor = ItemEditor(services, cashier, feedback, FakeApproval(None), rice)
    qtbot.addWidget(editor)
    assert editor.location.text() == ""
    editor.location.setText(" a-03 ")
    editor.save()
    assert feedback.errors == []
    assert services.catalog.get(rice.id).location == "A-03"
    again = ItemEditor(services, cashier, feedback, FakeApproval(None), services.catalog.get(rice.id))
    qtbot.addWidget(again)
    assert again.location.text() == "A-03"
    again.location.setText("")
    again.save()
    assert services.catalog.get(rice.id).location is None
