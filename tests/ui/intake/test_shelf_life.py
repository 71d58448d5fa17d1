"""Food short of the store's minimum shelf life at the intake screen: the
manager-approval dialog asks with the service's words; cancelled, nothing is
saved and the cursor goes to the date; approved, the donation is saved with
the approval in its journal event."""

from __future__ import annotations

import json
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from sqlalchemy import select

from charity_pos.db.models import JournalEvent
from charity_pos.services.base import COMMAND_LINE, Approval
from charity_pos.ui.intake import IntakeScreen
from charity_pos.ui.intake.model import LinesModel
from tests.ui.conftest import FakeApproval, show_active
from tests.ui.intake.test_view import RICE_CODE, TODAY, _scan, _type_date

SHORT = "“东北大米 5kg”的保质期至 {date}，距今 10 天：未登记保质期的食品接收时须至少剩余 30 天。店长可说明原因后批准接收。"


def _screen(qtbot, services, cashier, feedback, answer: Approval | None) -> tuple[IntakeScreen, FakeApproval]:
    ask = FakeApproval(answer)
    screen = IntakeScreen(services, cashier, feedback, ask)
    qtbot.addWidget(screen)
    screen.changed.connect(screen.on_changed)
    screen.resize(1000, 700)
    show_active(screen)
    screen.run_dialog = lambda dialog: QDialog.DialogCode.Accepted  # type: ignore[method-assign]
    qtbot.keyClick(screen, Qt.Key.Key_F6)
    _scan(qtbot, screen, RICE_CODE)
    _type_date(qtbot, screen, TODAY + timedelta(days=10))
    return screen, ask


def test_short_food_refused_without_a_manager_keeps_the_form(qtbot, services, cashier, feedback) -> None:
    screen, ask = _screen(qtbot, services, cashier, feedback, None)
    qtbot.keyClick(screen, Qt.Key.Key_F10)
    expected = SHORT.format(date=(TODAY + timedelta(days=10)).isoformat())
    assert ask.asked == [expected]
    assert feedback.errors == [expected]
    assert screen.model.rowCount() == 1
    assert screen.table.currentIndex().column() == LinesModel.EXPIRY, "the cursor goes to the date"
    assert services.intake.donations(COMMAND_LINE) == []


def test_short_food_taken_with_a_managers_pin_and_reason(qtbot, services, cashier, manager, feedback) -> None:
    screen, ask = _screen(qtbot, services, cashier, feedback, Approval("manager", "9999", "社区食堂本周用完"))
    qtbot.keyClick(screen, Qt.Key.Key_F10)
    assert len(ask.asked) == 1 and feedback.errors == []
    (row,) = services.intake.donations(COMMAND_LINE)
    assert screen.saved_label.text() == f"已保存 {row.number}"
    with services.db.read() as s:
        payload = json.loads(s.scalars(select(JournalEvent.payload).order_by(JournalEvent.seq.desc())).first())
    assert payload["facts"]["short_dated"]["approved_by"] == str(manager.user_id)
    assert payload["facts"]["short_dated"]["reason"] == "社区食堂本周用完"


def test_a_cashiers_own_pin_is_no_approval(qtbot, services, cashier, feedback) -> None:
    screen, _ = _screen(qtbot, services, cashier, feedback, Approval("cashier", "1111", "我批准"))
    qtbot.keyClick(screen, Qt.Key.Key_F10)
    assert len(feedback.errors) == 1 and "店长" in feedback.errors[0]
    assert services.intake.donations(COMMAND_LINE) == [] and screen.model.rowCount() == 1
