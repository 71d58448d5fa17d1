from __future__ import annotations

from charity_pos.errors import AccountLocked, WrongPin
from charity_pos.ui.staff import StaffScreen
from charity_pos.ui.staff.dialogs import NewUserDialog
from tests.ui.conftest import FakeApproval

import pytest


def _screen(qtbot, services, actor, feedback) -> StaffScreen:  # type: ignore[no-untyped-def]
    screen = StaffScreen(services, actor, feedback, FakeApproval(None))
    qtbot.addWidget(screen)
    return screen


def _row_of(screen: StaffScreen, username: str) -> int:
    return [u.username for u in screen._users].index(username)


def test_manager_unlocks_a_locked_cashier(qtbot, services, manager, feedback) -> None:
    for _ in range(5):
        with pytest.raises((WrongPin, AccountLocked)):
            services.accounts.login("cashier", "0000")
    screen = _screen(qtbot, services, manager, feedback)
    row = _row_of(screen, "cashier")
    assert screen.model.item(row, 3).text().startswith("锁定至")
    screen.table.selectRow(row)
    with qtbot.waitSignal(screen.changed) as signal:
        screen.unlock()
    screen.on_changed(signal.args[0])
    assert screen.model.item(_row_of(screen, "cashier"), 3).text() == "在用"
    assert services.accounts.login("cashier", "1111").username == "cashier"


def test_new_account_through_the_dialog(qtbot, services, manager, feedback) -> None:
    screen = _screen(qtbot, services, manager, feedback)

    def fill(dialog: NewUserDialog) -> int:
        dialog.username.setText("zhangmin")
        dialog.display_name.setText("张敏")
        dialog.pin.setText("2468")
        dialog.pin_again.setText("2468")
        dialog.accept()
        return dialog.result()

    screen.run_dialog = fill  # type: ignore[method-assign]
    with qtbot.waitSignal(screen.changed) as signal:
        screen.add_user()
    screen.on_changed(signal.args[0])
    assert "zhangmin" in [u.username for u in screen._users]
    assert services.accounts.login("zhangmin", "2468").role == "cashier"


def test_mismatched_pins_keep_the_dialog_open(qtbot) -> None:
    dialog = NewUserDialog()
    qtbot.addWidget(dialog)
    dialog.pin.setText("2468")
    dialog.pin_again.setText("2469")
    dialog.accept()
    assert dialog.result() == 0 and dialog.mismatch.text() == "两次输入的 PIN 码不一致。"


def test_short_pin_is_refused_with_a_reason(qtbot, services, manager, feedback) -> None:
    screen = _screen(qtbot, services, manager, feedback)

    def fill(dialog: NewUserDialog) -> int:
        dialog.username.setText("lisi")
        dialog.display_name.setText("李四")
        dialog.pin.setText("12")
        dialog.pin_again.setText("12")
        dialog.accept()
        return dialog.result()

    screen.run_dialog = fill  # type: ignore[method-assign]
    screen.add_user()
    assert feedback.errors == ["PIN 码应为 4 到 12 位数字。"]
    assert "lisi" not in [u.username for u in services.accounts.users()]


def test_a_manager_makes_a_cashier_a_manager_after_saying_yes(qtbot, services, manager, cashier, feedback) -> None:  # type: ignore[no-untyped-def]
    screen = _screen(qtbot, services, manager, feedback)
    screen.table.selectRow(_row_of(screen, "cashier"))
    feedback.answer = False
    screen.toggle_role()
    assert feedback.confirms == [("更改角色", "将 cashier 改为店长？改后可在收银台批准操作，并须重新登录。")]
    assert [u.role for u in services.accounts.users() if u.username == "cashier"] == ["cashier"]
    feedback.answer = True
    with qtbot.waitSignal(screen.changed) as signal:
        screen.toggle_role()
    screen.on_changed(signal.args[0])
    assert screen.model.item(_row_of(screen, "cashier"), 2).text() == "店长"
    screen.table.selectRow(_row_of(screen, "manager"))
    screen.toggle_role()
    assert feedback.errors == ["不能更改自己的角色，请由另一位店长更改。"]
