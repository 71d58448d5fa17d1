"""The quota rules editor: one rule per household category, saved through
the service, refused with the service's own words."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from charity_pos import i18n
from charity_pos.errors import InvalidInput
from charity_pos.services.quotas import LimitDraft, RuleDraft
from charity_pos.ui.households import HouseholdsScreen
from charity_pos.ui.households.rules import QuotaRulesDialog, RulesModel
from tests.ui.conftest import FakeApproval, show_active


def _dialog(qtbot, services, actor, feedback) -> QuotaRulesDialog:
    dialog = QuotaRulesDialog(services, actor, feedback)
    qtbot.addWidget(dialog)
    return dialog


def _rule(services, category: str) -> RuleDraft:
    return next(r for r in services.quotas.rules() if r.household_category == category)


def test_one_row_per_household_category_in_the_sub_districts_order(qtbot, qtmodeltester, services, manager,
                                                                    feedback) -> None:
    dialog = _dialog(qtbot, services, manager, feedback)
    qtmodeltester.check(dialog.model)
    names = [dialog.model.data(dialog.model.index(r, RulesModel.CATEGORY)) for r in range(dialog.model.rowCount())]
    assert names == ["低保", "低保边缘", "特困", "低收入", "支出型贫困", "临时救助"]
    first = [dialog.model.data(dialog.model.index(0, c)) for c in range(dialog.model.columnCount())]
    assert first == ["低保", "每月", "¥50.00", "¥20.00", "¥50.00", "1,10", "超额须店长批准", "粮油 2（每多一人 +1）"]
    assert dialog.heading.text() == "低保的规则"
    assert dialog.period.currentText() == "每月" and dialog.period.count() == 2
    assert [dialog.period.itemText(i) for i in range(2)] == ["每月", "每季度"]


def test_editor_saves_a_changed_rule(qtbot, services, manager, feedback) -> None:
    dialog = _dialog(qtbot, services, manager, feedback)
    dialog.select("tekun")
    assert dialog.heading.text() == "特困的规则"
    dialog.period.setCurrentIndex(dialog.period.findData("quarter"))
    dialog.base.setValue(250)
    dialog.per_member.setValue(60.5)
    dialog.topup.setValue(100)
    dialog.months.setText("1，10, 5")
    dialog.mode.setCurrentIndex(dialog.mode.findData("warn"))
    dialog.limits.set_limit("clothing", 2, 1)
    dialog.limits.rows["grain_oil"][0].setChecked(False)
    assert dialog.unsaved()
    with qtbot.waitSignal(dialog.saved):
        assert dialog.save()
    assert feedback.errors == []
    assert _rule(services, "tekun") == RuleDraft("tekun", "quarter", 25000, 6050, 10000, "1,5,10", "warn",
                                                 (LimitDraft("clothing", 2, 1),))
    row = dialog.model.row_of("tekun")
    assert [dialog.model.data(dialog.model.index(row, c)) for c in (1, 2, 5, 6)] == [
        "每季度", "¥250.00", "1,5,10", "仅提醒"]
    assert dialog.months.text() == "1,5,10", "the editor shows the rule as saved"
    assert not dialog.unsaved() and dialog.status.text() == "已保存特困的规则。"
    assert _rule(services, "dibao").base_fen == 5000, "the other categories are untouched"


def test_a_bad_top_up_month_is_refused_with_the_services_message(qtbot, services, manager, feedback) -> None:
    dialog = _dialog(qtbot, services, manager, feedback)
    before = _rule(services, "dibao")
    dialog.months.setText("1,13")
    dialog.base.setValue(70)
    assert not dialog.save()
    expected = i18n.describe(InvalidInput(field="topup_months", value="13", reason="months"))
    assert feedback.errors == [expected] and "13" in expected and "1-12" in expected
    assert _rule(services, "dibao") == before
    assert dialog.unsaved(), "what was typed stays, to be corrected"


def test_leaving_a_rule_with_changes_asks_first(qtbot, services, manager, feedback) -> None:
    dialog = _dialog(qtbot, services, manager, feedback)
    dialog.base.setValue(99)
    feedback.answer = False
    dialog.select("tekun")
    assert feedback.confirms[-1][1] == "放弃对低保规则的修改吗？"
    assert dialog.heading.text() == "低保的规则" and dialog.base.value() == 99
    qtbot.waitUntil(lambda: dialog.table.selectionModel().selectedRows()[0].row() == 0)
    feedback.answer = True
    dialog.select("tekun")
    assert dialog.heading.text() == "特困的规则"


def test_a_cashier_cannot_change_a_rule(qtbot, services, cashier, feedback) -> None:
    dialog = _dialog(qtbot, services, cashier, feedback)
    dialog.base.setValue(500)
    assert not dialog.save()
    assert len(feedback.errors) == 1 and _rule(services, "dibao").base_fen == 5000


def test_ctrl_r_on_the_households_screen_opens_the_rules_and_saves_reach_the_window(qtbot, services, manager,
                                                                                    feedback) -> None:
    screen = HouseholdsScreen(services, manager, feedback, FakeApproval(None))
    qtbot.addWidget(screen)
    assert screen.rules_button.text().endswith("(Ctrl+R)")
    opened: list[QDialog] = []

    def edit(dialog: QuotaRulesDialog) -> int:
        opened.append(dialog)
        dialog.base.setValue(55)
        dialog.save()
        return 0

    screen.run_dialog = edit  # type: ignore[method-assign]
    show_active(screen)
    with qtbot.waitSignal(screen.changed) as signal:
        from PySide6.QtCore import Qt

        qtbot.keyClick(screen, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(opened[0], QuotaRulesDialog)
    assert "quotas" in {str(e) for e in signal.args[0].entities}
    assert _rule(services, "dibao").base_fen == 5500
