"""The manager-approval dialog at a till: it carries this PC's till to the
service, and once too many wrong manager PINs were typed at the till it says
so at once, in Chinese, with the time, and offers nothing to approve with;
at another till, and at the log-in, the manager is not locked out."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from charity_pos.config import Settings
from charity_pos.errors import ApprovalsLocked, WrongPin
from charity_pos.services.base import STORE_TZ, Approval, Role
from charity_pos.ui.approval import ApprovalDialog, ask_with_dialog

RICE = "6901234567892"
ASKED = "此操作需要店长批准：修改价格。"


def lock_till(services, cashier, till: str) -> None:
    """Five wrong manager PINs for a price change at ``till``."""
    rice = services.catalog.search("东北大米")[0]
    draft = services.catalog.get(rice.id).draft()
    from dataclasses import replace

    for _ in range(5):
        with pytest.raises((WrongPin, ApprovalsLocked)):
            services.catalog.update_item(cashier, rice.id, replace(draft, sale_price_fen=990),
                                         Approval("manager", "0000", "促销", till))


def test_the_dialog_says_the_till_is_locked_and_offers_no_approve(qtbot, services, cashier) -> None:
    lock_till(services, cashier, "1")
    until = services.accounts.approvals_locked_until("1")
    assert until is not None
    dialog = ApprovalDialog(services, ASKED, "1")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.locked.isVisible()
    assert dialog.locked.text() == (f"本收银台店长 PIN 码输错次数过多：{until.astimezone(STORE_TZ):%H:%M} 前本收银台暂停"
                                    "店长批准。店长本人的登录不受影响。")
    assert not dialog.approve_button.isEnabled() and not dialog.pin.isEnabled()


def test_at_another_till_the_dialog_approves_and_carries_its_till(qtbot, services, cashier) -> None:
    lock_till(services, cashier, "1")
    dialog = ApprovalDialog(services, ASKED, "2")
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.locked.isVisible() and dialog.approve_button.isEnabled()
    qtbot.keyClicks(dialog.pin, "9999")
    dialog.reason.setText("临期促销")
    assert dialog.approval() == Approval("manager", "9999", "临期促销", "2")
    assert services.accounts.login("manager", "9999").role == Role.MANAGER, "the manager's own log-in is open"


def test_approve_with_no_reason_keeps_the_dialog_open_and_the_pin(qtbot, services) -> None:
    dialog = ApprovalDialog(services, ASKED, "2")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.pin, "9999")
    dialog.reason.setText("   ")
    qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.message.isVisible() and dialog.message.text() == "原因不能为空。"
    assert dialog.pin.text() == "9999", "the PIN is kept"
    qtbot.waitUntil(dialog.reason.hasFocus)
    dialog.reason.setText("临期促销")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.approval() == Approval("manager", "9999", "临期促销", "2")


def test_asking_uses_the_till_in_the_settings_as_they_are_now(qtbot, services, monkeypatch) -> None:
    shown: list[ApprovalDialog] = []

    def accept(dialog: ApprovalDialog) -> int:
        qtbot.addWidget(dialog)
        shown.append(dialog)
        dialog.pin.setText("9999")
        dialog.reason.setText("老顾客")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ApprovalDialog, "exec", accept)
    settings = Settings(till="1")
    ask = ask_with_dialog(services, lambda: settings.till)
    settings.till = "3"  # changed in the settings dialog meanwhile
    assert ask(None, ASKED) == Approval("manager", "9999", "老顾客", "3")  # type: ignore[arg-type]
    assert shown[0].till == "3"


def test_wrong_pins_at_the_counter_lock_approvals_at_its_till(qtbot, sale_screen, approval, feedback, services) -> None:
    approval.answer = Approval("manager", "0000", "老顾客", "1")
    for _ in range(5):
        qtbot.keyClicks(sale_screen.scan, RICE)
        qtbot.keyClick(sale_screen.scan, Qt.Key.Key_Return)
        qtbot.keyClicks(sale_screen.scan, "20")
        qtbot.keyClick(sale_screen.scan, Qt.Key.Key_F7)
    assert feedback.errors[:4] == [f"用户名或 PIN 码错误。再错 {n} 次，本收银台将暂停店长批准。" for n in (4, 3, 2, 1)]
    until = services.accounts.approvals_locked_until("1")
    assert until is not None and until - services.ctx.now() <= timedelta(minutes=5)
    assert feedback.errors[4].startswith("本收银台店长 PIN 码输错次数过多：")
    assert f"{until.astimezone(STORE_TZ):%H:%M} 前" in feedback.errors[4]
    assert all(line.price_fen is None for line in sale_screen.model.drafts()), "no price was changed"
    assert services.accounts.login("manager", "9999").role == Role.MANAGER
