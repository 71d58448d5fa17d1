"""The one reason dialog and field (``ui.reason``): OK only with a reason,
the dialog stays open and says why; what the service refuses is said in it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from charity_pos.errors import InvalidInput
from charity_pos.ui.reason import REASON_LENGTH, ReasonDialog, ReasonField


class Refusing(ReasonDialog):
    def take(self, reason: str) -> None:
        self.taken = reason
        if reason == "不行":
            raise InvalidInput(field="reason", value=reason, reason="too_large")


def test_ok_only_with_a_reason(qtbot) -> None:
    dialog = ReasonDialog("作废", "将作废。", example="例如：重复收款", accept_text="作废（Enter）")
    qtbot.addWidget(dialog)
    assert dialog.reason.placeholderText() == "例如：重复收款" and dialog.reason.maxLength() == REASON_LENGTH
    dialog.reason.setText("   ")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.warning.text() == "原因不能为空。"
    dialog.reason.setText("  重复收款 ")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.given() == "重复收款"


def test_what_take_refuses_keeps_the_dialog_open_and_is_said(qtbot) -> None:
    dialog = Refusing("暂停", "将暂停。")
    qtbot.addWidget(dialog)
    dialog.suggest(["卡已挂失"])
    assert dialog.choices.count() == 2 and dialog.choices.lineEdit() is dialog.reason
    dialog.reason.setText("不行")
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.warning.text()
    dialog.choices.setCurrentIndex(1)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.taken == "卡已挂失"


def test_the_field_says_when_no_reason_is_given(qtbot) -> None:
    field = ReasonField()
    qtbot.addWidget(field)
    said: list[str] = []
    assert field.check(said.append) is None and said == ["原因不能为空。"]
    field.setText(" 破损 ")
    assert field.check(said.append) == "破损" and said == ["原因不能为空。"]
