from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from charity_pos.errors import AccountLocked, WrongPin
from charity_pos.ui.staff import StaffScreen
from charity_pos.ui.staff.dialogs import NewUserDialog
from tests.ui.conftest import FakeApproval, show_active


def _screen(qtbot, services, actor, feedback) -> StaffScreen:
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


def test_a_manager_makes_a_cashier_a_manager_after_saying_yes(qtbot, services, manager, cashier, feedback) -> None:
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


# --- the keyboard -----------------------------------------------------------------
def _shown(qtbot, services, actor, feedback) -> StaffScreen:
    screen = _screen(qtbot, services, actor, feedback)
    show_active(screen)
    screen.activate()
    return screen


def _press(qtbot, screen: StaffScreen, key: Qt.Key, modifier=Qt.KeyboardModifier.ControlModifier) -> None:
    qtbot.keyClick(screen.focusWidget() or screen, key, modifier)


def test_every_action_names_its_key_on_its_button(qtbot, services, manager, feedback) -> None:
    screen = _screen(qtbot, services, manager, feedback)
    assert [b.text() for b in (screen.add_button, screen.unlock_button, screen.pin_button, screen.active_button,
                               screen.role_button)] == ["新账号（Ctrl+N）", "解锁（Ctrl+U）", "新 PIN 码（Ctrl+P）",
                                                        "停用 / 启用（Del）", "收银员 / 店长（Ctrl+R）"]
    assert "Ctrl+T" in screen.active_button.toolTip()
    assert "Ctrl+N" in screen.shortcut_help()[0] and "Del" in screen.shortcut_help()[0]


def test_ctrl_n_opens_the_new_account_dialog_and_ctrl_p_the_new_pin_one(qtbot, services, manager, cashier,
                                                                        feedback) -> None:
    screen = _shown(qtbot, services, manager, feedback)
    opened: list[str] = []
    screen.run_dialog = lambda dialog: opened.append(type(dialog).__name__) or 0  # type: ignore[method-assign]
    _press(qtbot, screen, Qt.Key.Key_N)
    screen.table.selectRow(_row_of(screen, "cashier"))
    _press(qtbot, screen, Qt.Key.Key_P)
    assert opened == ["NewUserDialog", "NewPinDialog"]


def test_ctrl_f_finds_by_pinyin_and_selects_the_one_hit_then_keys_act_on_it(qtbot, services, manager, cashier,
                                                                           feedback) -> None:
    for _ in range(5):
        with pytest.raises((WrongPin, AccountLocked)):
            services.accounts.login("cashier", "0000")
    screen = _shown(qtbot, services, manager, feedback)
    screen.changed.connect(screen.on_changed)
    _press(qtbot, screen, Qt.Key.Key_F)
    assert screen.search.hasFocus()
    qtbot.keyClicks(screen.search, "wlh")  # 王丽华
    assert [u.username for u in screen._users] == ["cashier"] and screen.selected().username == "cashier"
    _press(qtbot, screen, Qt.Key.Key_U)  # from the search field
    assert services.accounts.login("cashier", "1111").username == "cashier", "unlocked by Ctrl+U"
    screen.search.clear()
    qtbot.keyClicks(screen.search, "zzz")
    assert screen.model.rowCount() == 0 and screen.selected() is None
    _press(qtbot, screen, Qt.Key.Key_U)  # nothing selected: nothing happens
    assert feedback.errors == []


def test_del_in_the_list_switches_off_after_a_yes_but_not_in_the_search(qtbot, services, manager, cashier,
                                                                        feedback) -> None:
    screen = _shown(qtbot, services, manager, feedback)
    screen.changed.connect(screen.on_changed)
    qtbot.keyClicks(screen.search, "cashier")
    qtbot.keyClick(screen.search, Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier)
    assert feedback.confirms == [] and screen.search.text() == "cashier", "Del in the search edits the text"
    qtbot.keyClick(screen.search, Qt.Key.Key_Return)
    assert screen.table.hasFocus()
    feedback.answer = False
    qtbot.keyClick(screen.table, Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier)
    assert feedback.confirms == [("停用", "停用 cashier？停用后不能登录，直到重新启用。")]
    assert [u.active for u in services.accounts.users() if u.username == "cashier"] == [True]
    feedback.answer = True
    qtbot.keyClick(screen.table, Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier)
    assert [u.active for u in services.accounts.users() if u.username == "cashier"] == [False]
    assert screen.model.item(0, 3).text() == "已停用"
    _press(qtbot, screen, Qt.Key.Key_T)  # switching on again asks nothing
    assert [u.active for u in services.accounts.users() if u.username == "cashier"] == [True]
    assert len(feedback.confirms) == 2


def test_ctrl_r_changes_the_role_after_a_yes(qtbot, services, manager, cashier, feedback) -> None:
    screen = _shown(qtbot, services, manager, feedback)
    screen.table.selectRow(_row_of(screen, "cashier"))
    feedback.answer = True
    _press(qtbot, screen, Qt.Key.Key_R)
    assert [u.role for u in services.accounts.users() if u.username == "cashier"] == ["manager"]


def test_f3_brings_the_staff_screen_and_its_ctrl_n_is_its_own(qtbot, services, manager, feedback) -> None:
    from charity_pos.ui.app import SCREENS
    from charity_pos.ui.main_window import MainWindow

    window = MainWindow(services, manager, SCREENS, feedback, FakeApproval(None))
    qtbot.addWidget(window)
    show_active(window)
    qtbot.keyClick(window, Qt.Key.Key_F3)
    staff = window.current_screen()
    assert isinstance(staff, StaffScreen)
    opened: list[str] = []
    staff.run_dialog = lambda dialog: opened.append(type(dialog).__name__) or 0  # type: ignore[method-assign]
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["NewUserDialog"]
