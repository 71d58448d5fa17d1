"""The stock count screen (盘点, Ctrl+Shift+C): a manager starts a count,
volunteers scan into it from the big field (one a scan, ``12*`` twelve, an
unknown code refused in red), F6 marks a recount, F7 none on the shelf; the
manager sees the variance, gives a reason (F8), exports it, and finishes
(F12, after a confirmation) or cancels (Ctrl+Del) the count. A cashier sees
no book quantities and has no way to finish."""

from __future__ import annotations

from dataclasses import replace

import openpyxl
import pytest
from PySide6.QtCore import Qt

from charity_pos.services.stock_count import CountService
from charity_pos.ui.count import CountScreen
from charity_pos.ui.count.model import CountModel
from tests.helpers import this_year
from tests.ui.conftest import FakeApproval, answer_dialogs, show_active

RICE = "6901234567892"


@pytest.fixture
def shop(services, manager, stocked):
    """Rice (20) on shelf A-01, soy sauce (12) on A-02."""
    for item, shelf in ((stocked["rice"], "A-01"), (stocked["sauce"], "A-02")):
        services.catalog.update_item(manager, item.id, replace(item.draft(), location=shelf))
    return stocked


def make_screen(qtbot, services, actor, feedback, settings) -> CountScreen:
    screen = CountScreen(services, actor, feedback, FakeApproval(None))
    qtbot.addWidget(screen)
    screen.use_settings(settings)
    screen.resize(1024, 768)
    show_active(screen)
    screen.refresh()
    screen.activate()
    return screen


def scan(qtbot, screen: CountScreen, text: str) -> None:
    screen.entry.field.setText(text)
    qtbot.keyClick(screen.entry.field, Qt.Key.Key_Return)


def cells(screen: CountScreen, *columns: int) -> list[list[str]]:
    return [[screen.model.index(r, c).data() for c in columns] for r in range(screen.model.rowCount())]


def test_a_manager_starts_a_count_and_volunteers_scan_into_it(qtbot, services, manager, cashier, feedback,
                                                              settings, shop, qtmodeltester) -> None:
    screen = make_screen(qtbot, services, manager, feedback, settings)
    assert "没有进行中的盘点" in screen.about.text()

    def start(dialog) -> None:
        dialog.by_location.setChecked(True)
        dialog.location.setText("a-01")
        dialog.accept()

    answer_dialogs(qtbot, screen, start)
    qtbot.keyClick(screen, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert screen.number() == f"PT01-{this_year()}-C000001" and "货位 A-01" in screen.chooser.currentText()

    scan(qtbot, screen, RICE)
    scan(qtbot, screen, f"12*{RICE}")
    assert "+12" in screen.entry.notice.text() and screen.entry.field.text() == ""
    scan(qtbot, screen, "6900000000007")
    assert screen.entry.notice.objectName() == "alert" and "6900000000007" in screen.entry.notice.text()
    scan(qtbot, screen, f"99999999*{RICE}")
    assert screen.entry.notice.objectName() == "alert"
    qtmodeltester.check(screen.model)
    assert cells(screen, CountModel.LOCATION, CountModel.NAME, CountModel.COUNTED, CountModel.EXPECTED,
                 CountModel.DIFFERENCE) == [["A-01", "东北大米 5kg", "13", "20", "-7"]]
    assert "超出阈值" in cells(screen, CountModel.STATE)[0][0]

    # a second till, as the cashier: the same count, blind
    other = make_screen(qtbot, services, cashier, feedback, replace(settings, till="2"))
    assert other.number() == f"PT01-{this_year()}-C000001"
    assert other.table.isColumnHidden(CountModel.EXPECTED) and other.table.isColumnHidden(CountModel.VALUE)
    assert not other.finish_button.isVisible() and not other.start_button.isVisible()
    scan(qtbot, other, f"2*{RICE}")
    screen.refresh()
    assert cells(screen, CountModel.COUNTED)[0] == ["15"]
    line = CountService(services.ctx, services.accounts).variance(f"PT01-{this_year()}-C000001").lines[0]
    assert sorted(line.tills) == ["1", "2"]


def test_recount_reason_export_and_finish(qtbot, services, manager, feedback, settings, shop, tmp_path) -> None:
    counts = CountService(services.ctx, services.accounts)
    number = counts.start(manager, "all").number
    screen = make_screen(qtbot, services, manager, feedback, settings)
    scan(qtbot, screen, f"10*{RICE}")
    screen.table.selectRow(0)
    qtbot.keyClick(screen, Qt.Key.Key_F6)
    assert cells(screen, CountModel.COUNTED, CountModel.STATE) == [["（之前 10）", "待复盘"]]
    feedback.answer = True
    qtbot.keyClick(screen, Qt.Key.Key_F12)
    assert "复盘" in screen.entry.notice.text() and counts.get(number).status == "open"
    scan(qtbot, screen, f"10*{RICE}")
    assert cells(screen, CountModel.COUNTED, CountModel.STATE) == [["10", "已复盘"]]

    screen.table.selectRow(0)

    def give_reason(dialog) -> None:
        dialog.reason.setText("鼠咬破袋，已丢弃")
        dialog.accept()

    answer_dialogs(qtbot, screen, give_reason)
    qtbot.keyClick(screen, Qt.Key.Key_F8)
    assert cells(screen, CountModel.REASON) == [["鼠咬破袋，已丢弃"]]
    show_active(screen)  # back in front once the dialog closed

    book = tmp_path / "variance.xlsx"
    screen.choose_export = lambda suffix, suggested: book  # type: ignore[method-assign]
    qtbot.keyClick(screen, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert any(row and "东北大米 5kg" in row for row in openpyxl.load_workbook(book).active.iter_rows(values_only=True))

    feedback.answer = False
    qtbot.keyClick(screen, Qt.Key.Key_F12)
    assert counts.get(number).status == "open", "not confirmed: nothing done"
    feedback.answer = True
    qtbot.keyClick(screen, Qt.Key.Key_F12)
    assert "不能撤销" in feedback.confirms[-1][1]
    assert counts.get(number).status == "finished"
    assert services.stock.on_hand(shop["rice"].id) == 10 and services.stock.on_hand(shop["sauce"].id) == 12
    assert not screen.entry.field.isEnabled()


def test_none_on_the_shelf_and_cancelling(qtbot, services, manager, feedback, settings, shop) -> None:
    counts = CountService(services.ctx, services.accounts)
    number = counts.start(manager, "all").number
    screen = make_screen(qtbot, services, manager, feedback, settings)
    screen.entry.field.setText(RICE)
    qtbot.keyClick(screen, Qt.Key.Key_F7)
    assert cells(screen, CountModel.COUNTED, CountModel.DIFFERENCE) == [["0", "-20"]]

    def cancel(dialog) -> None:
        dialog.reason.setText("停电，改日再盘")
        dialog.accept()

    answer_dialogs(qtbot, screen, cancel)
    qtbot.keyClick(screen, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert counts.get(number).status == "cancelled"
    assert services.stock.on_hand(shop["rice"].id) == 20
    assert "已取消" in screen.about.text()


def test_the_count_sheets_save_as_a_pdf(qtbot, services, manager, feedback, settings, shop, tmp_path) -> None:
    CountService(services.ctx, services.accounts).start(manager, "all")
    screen = make_screen(qtbot, services, manager, feedback, settings)
    target = tmp_path / "sheets.pdf"
    screen.output.choose_file = lambda parent, name: target  # type: ignore[method-assign]
    qtbot.keyClick(screen, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    from tests.helpers import pdf_text

    text = pdf_text(target)
    assert f"PT01-{this_year()}-C000001" in text and "东北大米 5kg" in text and "盘点人" in text
