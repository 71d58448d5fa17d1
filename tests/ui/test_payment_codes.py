"""The customer's payment code at the counter, by keys: a scan into the
field with the focus picks WeChat Pay or Alipay and fills the amount due and
the code's mask; a scan that is not a payment code is refused with the
reason and changes nothing; a sale with a scanned payment completes only
when the cashier confirms the customer's phone shows it paid (Enter: yes)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from charity_pos.ui.sales.payment import PaymentDialog
from tests.ui.test_payment import enter, pay, screen, three_bags  # noqa: F401  (the screen fixture)

WECHAT_CODE = "134567890123456789"
ALIPAY_CODE = "2876543210987654321"


def scanner(qtbot, dialog: PaymentDialog, code: str) -> None:  # type: ignore[no-untyped-def]
    """What a scanner does: the code's characters into the focused field, then Enter."""
    field = dialog.focusWidget()
    qtbot.keyClicks(field, code)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def answering(qtbot, key: Qt.Key, asked: list[str]) -> Callable[[QMessageBox], None]:  # type: ignore[no-untyped-def]
    """The confirmation shown, read, and answered with ``key`` as the cashier would."""

    def run(box: QMessageBox) -> None:
        asked.append(box.text() + " | " + box.informativeText())
        box.show()
        qtbot.waitExposed(box)
        qtbot.keyClick(box, key)

    return run


def test_a_scanned_wechat_code_is_taken_after_the_cashier_confirms(qtbot, screen, services) -> None:  # type: ignore[no-untyped-def]
    three_bags(qtbot, screen)
    seen: dict[str, str] = {}
    asked: list[str] = []

    def steps(dialog: PaymentDialog) -> None:
        dialog.run_box = answering(qtbot, Qt.Key.Key_Return, asked)
        assert dialog.cash.hasFocus()
        scanner(qtbot, dialog, " " + WECHAT_CODE + " ")  # spaces around it are trimmed
        seen.update(method=dialog.method_label.text(), amount=dialog.amount.text(),
                    reference=dialog.reference.text(), cash=dialog.cash.text(), hint=dialog.scan_label.text())
        assert not dialog.cash.isUndoAvailable(), "Ctrl+Z cannot bring the whole code back"
        assert dialog.amount.hasFocus()
        enter(qtbot, dialog)
        seen["summary"] = dialog.paid_summary.text()

    pay(qtbot, screen, steps)
    assert seen == {"method": "微信支付", "amount": "98.70", "reference": "1345****6789", "cash": "",
                    "hint": "微信支付付款码 1345****6789：按回车收款。", "summary": "合计 ¥98.70 · 支付方式：微信支付"}
    assert asked == ["顾客手机已显示支付成功？ | 微信支付  ¥98.70  ·  1345****6789"]
    sale = services.sales.sale(services.sales.sales()[0].number)
    assert [(p.method, p.amount_fen, p.reference) for p in sale.payments] == [("wechat", 9870, "1345****6789")]
    with services.db.engine.connect() as conn:
        stored = "".join(str(row) for table in ("payment", "journal_event", "audit_entry")
                         for row in conn.exec_driver_sql(f"SELECT * FROM {table}"))
    assert WECHAT_CODE not in stored


def test_not_confirmed_makes_no_sale_and_the_dialog_stays(qtbot, screen, services) -> None:  # type: ignore[no-untyped-def]
    three_bags(qtbot, screen)
    seen: list[str] = []
    asked: list[str] = []

    def steps(dialog: PaymentDialog) -> None:
        dialog.run_box = answering(qtbot, Qt.Key.Key_Escape, asked)
        scanner(qtbot, dialog, WECHAT_CODE)
        enter(qtbot, dialog)
        seen.append(dialog.message.text())
        seen.append(str(len(services.sales.sales())))
        seen.append(str(dialog.pages.currentIndex()))
        dialog.run_box = answering(qtbot, Qt.Key.Key_Return, asked)
        enter(qtbot, dialog)  # asked again: now the phone shows it

    dialog = pay(qtbot, screen, steps)
    assert seen == ["未完成：顾客手机未显示支付成功。", "0", "0"]
    assert len(asked) == 2 and dialog.changes is not None and len(services.sales.sales()) == 1


def test_a_scan_that_is_not_a_payment_code_is_refused_with_the_reason_and_changes_nothing(
        qtbot, screen, services) -> None:  # type: ignore[no-untyped-def]
    three_bags(qtbot, screen)
    seen: list[tuple[str, ...]] = []

    def steps(dialog: PaymentDialog) -> None:
        dialog.run_box = lambda box: seen.append(("asked",))
        for code in ("6901234567892", "420000123420260310", "1345678901234567", "28000000000000000000000001"):
            scanner(qtbot, dialog, code)
            seen.append((dialog.message.text(), dialog.method_label.text(), dialog.amount.text(),
                         dialog.reference.text(), dialog.cash.text(), str(dialog.tender_list.count())))
            assert not dialog.cash.isUndoAvailable()
        assert dialog.cash.hasFocus()

    dialog = pay(qtbot, screen, steps)
    assert seen == [
        ("不是付款码：13 位数字太短（支付宝 16-24 位，微信支付 18 位）。", "微信支付", "", "", "", "0"),
        ("不是付款码：微信支付付款码以 10-15 开头，支付宝以 25-30 开头。", "微信支付", "", "", "", "0"),
        ("不是付款码：开头像微信支付付款码（应为 18 位），但有 16 位。", "微信支付", "", "", "", "0"),
        ("不是付款码：26 位数字太长（支付宝 16-24 位，微信支付 18 位）。", "微信支付", "", "", "", "0"),
    ]
    assert dialog.changes is None and services.sales.sales() == []


def test_cash_then_an_alipay_code_scanned_into_the_reference_field(qtbot, screen, services) -> None:  # type: ignore[no-untyped-def]
    three_bags(qtbot, screen)
    asked: list[str] = []

    def steps(dialog: PaymentDialog) -> None:
        dialog.run_box = answering(qtbot, Qt.Key.Key_Return, asked)
        qtbot.keyClicks(dialog.cash, "50")
        qtbot.keyClick(dialog.cash, Qt.Key.Key_F5)  # WeChat Pay chosen, the amount left filled in
        assert dialog.amount.text() == "48.70"
        enter(qtbot, dialog)
        assert dialog.reference.hasFocus()
        scanner(qtbot, dialog, ALIPAY_CODE)  # the customer shows Alipay after all
        assert (dialog.method_label.text(), dialog.amount.text(), dialog.reference.text()) == (
            "支付宝", "48.70", "2876****4321")
        enter(qtbot, dialog)

    pay(qtbot, screen, steps)
    sale = services.sales.sale(services.sales.sales()[0].number)
    assert [(p.method, p.amount_fen, p.reference) for p in sale.payments] == [
        ("alipay", 4870, "2876****4321"), ("cash", 5000, "")]
    assert asked == ["顾客手机已显示支付成功？ | 支付宝  ¥48.70  ·  2876****4321"]


def test_a_whole_code_typed_as_the_reference_is_masked_not_stored(qtbot, screen, services) -> None:  # type: ignore[no-untyped-def]
    three_bags(qtbot, screen)

    def steps(dialog: PaymentDialog) -> None:
        dialog.run_box = answering(qtbot, Qt.Key.Key_Return, [])
        qtbot.keyClick(dialog.cash, Qt.Key.Key_F6)
        enter(qtbot, dialog)
        qtbot.keyClicks(dialog.reference, "2876 5432 1098 7654 321")  # typed by hand in groups
        enter(qtbot, dialog)
        enter(qtbot, dialog)

    pay(qtbot, screen, steps)
    sale = services.sales.sale(services.sales.sales()[0].number)
    assert [(p.method, p.reference) for p in sale.payments] == [("alipay", "2876****4321")]
