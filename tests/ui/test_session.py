"""A session whose account a manager switched off, or whose role a manager
changed, is told so at its next action and is back at the log-in."""

from __future__ import annotations

from PySide6.QtCore import Qt

from charity_pos.config import Settings
from charity_pos.services.base import Role
from charity_pos.ui.app import Shell
from charity_pos.ui.sales import SaleScreen
from charity_pos.ui.staff import StaffScreen
from tests.ui.conftest import show_active

RICE = "6901234567892"


def start(qtbot, services, feedback, actor) -> Shell:
    shell = Shell(services, Settings(till="1"), feedback)
    qtbot.addWidget(shell.login)
    shell.start()
    shell.open_main(actor)
    assert shell.main is not None
    qtbot.addWidget(shell.main)
    show_active(shell.main)
    return shell


def test_a_switched_off_cashier_is_told_and_logged_out_at_the_next_action(qtbot, services, cashier, manager,
                                                                        feedback, stocked) -> None:
    shell = start(qtbot, services, feedback, cashier)
    assert shell.main is not None
    sale = next(s for s in shell.main.screens if isinstance(s, SaleScreen))
    qtbot.keyClicks(sale.scan, RICE)
    qtbot.keyClick(sale.scan, Qt.Key.Key_Return)
    assert sale.model.rowCount() == 1

    services.accounts.set_active(manager, "cashier", False)  # at the office PC, meanwhile
    qtbot.keyClick(sale.scan, Qt.Key.Key_F11)  # park the ticket: refused
    told = "账号 cashier 在登录后已被停用：此操作未执行，已退出登录。"
    assert sale.entry.notice.text() == told
    qtbot.waitUntil(lambda: shell.main is None)
    assert shell.login.isVisible() and shell.login.message.text() == told
    assert shell.login.user.findData("cashier") == -1, "a switched-off account is not offered"
    assert services.sales.parked("1") == [], "the account may do nothing more, not even park"


def test_a_demoted_manager_is_told_and_logged_out_at_the_next_action(qtbot, services, manager, feedback) -> None:
    services.accounts.create_user(manager, "lijun", "李军", Role.MANAGER, "7777")
    lijun = services.accounts.login("lijun", "7777")
    shell = start(qtbot, services, feedback, lijun)
    assert shell.main is not None
    staff = next(s for s in shell.main.screens if isinstance(s, StaffScreen))
    services.accounts.set_role(manager, "lijun", Role.CASHIER)
    staff.table.selectRow([u.username for u in staff._users].index("cashier"))
    staff.unlock()
    told = "账号 lijun 的角色在登录后已被更改：此操作未执行，请重新登录。"
    assert feedback.errors == [told]
    qtbot.waitUntil(lambda: shell.main is None)
    assert shell.login.message.text() == told
    shell.login.user.setCurrentIndex(shell.login.user.findData("lijun"))
    assert "收银员" in shell.login.user.currentText(), "offered as what the account is now"


def test_a_normal_log_out_says_nothing_and_other_errors_keep_the_session(qtbot, services, cashier, feedback,
                                                                        stocked) -> None:
    shell = start(qtbot, services, feedback, cashier)
    assert shell.main is not None
    sale = next(s for s in shell.main.screens if isinstance(s, SaleScreen))
    qtbot.keyClicks(sale.scan, "6901234567885")  # a valid code no item has
    qtbot.keyClick(sale.scan, Qt.Key.Key_Return)
    qtbot.wait(50)
    assert shell.main is not None and shell.ended is None
    shell.main.request_logout()
    assert shell.main is None and shell.login.message.text() == ""
