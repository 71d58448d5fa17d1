"""A manager sets the counter's limits; a cashier never sees the way to."""

from __future__ import annotations

from charity_pos.services.counter_rules import CounterRules
from charity_pos.ui.app import SCREENS
from charity_pos.ui.main_window import MainWindow
from charity_pos.ui.sales.rules import CounterRulesDialog
from tests.ui.conftest import FakeApproval


def _menu_texts(window: MainWindow) -> list[str]:
    system = window.menuBar().actions()[0].menu()
    return [action.text() for action in system.actions()]


def test_manager_sets_the_limits_and_the_counter_follows_them(qtbot, services, manager, feedback) -> None:
    window = MainWindow(services, manager, SCREENS, feedback, FakeApproval(None))
    qtbot.addWidget(window)
    assert "收银限额(&C)…" in _menu_texts(window)
    shown: list[CounterRulesDialog] = []

    def answer(dialog):
        shown.append(dialog)
        assert dialog.discount.value() == 10 and dialog.tolerance.value() == 5.0
        dialog.discount.setValue(20)
        dialog.tolerance.setValue(2.5)
        assert dialog.erase_after.value() == 24
        dialog.erase_after.setValue(36)
        assert dialog.writeoff_limit.value() == 100.0
        dialog.writeoff_limit.setValue(250)
        assert (dialog.count_units.value(), dialog.count_value.value()) == (5, 100.0)
        dialog.count_units.setValue(3)
        dialog.count_value.setValue(60)
        dialog.accept()
        return dialog.result()

    window.run_dialog = answer  # type: ignore[method-assign]
    window.open_counter_rules()
    assert shown and feedback.errors == []
    assert services.counter_rules.rules() == CounterRules(discount_limit_percent=20, cash_tolerance_fen=250,
                                                             erase_after_months=36, writeoff_limit_fen=25_000,
                                                             count_threshold_units=3, count_threshold_fen=6000)


def test_cashier_has_no_way_to_the_limits(qtbot, services, cashier, feedback) -> None:
    window = MainWindow(services, cashier, SCREENS, feedback, FakeApproval(None))
    qtbot.addWidget(window)
    assert not any("限额" in text for text in _menu_texts(window))


def test_a_refused_change_keeps_the_dialog_and_says_why(qtbot, services, cashier, feedback) -> None:
    """Even if the dialog were reached, the service decides who may set the limits."""
    dialog = CounterRulesDialog(services, cashier, feedback)
    qtbot.addWidget(dialog)
    dialog.discount.setValue(50)
    dialog.accept()
    assert dialog.result() == 0 and dialog.changes is None
    assert feedback.errors == ["您的角色无权设置收银限额。"]
    assert services.counter_rules.rules() == CounterRules()


def test_manager_sets_the_minimum_shelf_life_at_intake(qtbot, services, manager, feedback) -> None:
    dialog = CounterRulesDialog(services, manager, feedback)
    qtbot.addWidget(dialog)
    assert (dialog.shelf_percent.value(), dialog.shelf_days.value()) == (60, 30)
    assert (dialog.shelf_percent.maximum(), dialog.shelf_days.maximum()) == (100, 730)
    dialog.shelf_percent.setValue(75)
    dialog.shelf_days.setValue(45)
    dialog.accept()
    assert feedback.errors == [] and dialog.result() == 1
    rules = services.counter_rules.rules()
    assert (rules.min_shelf_life_percent, rules.min_days_left) == (75, 45)
