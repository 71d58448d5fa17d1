"""The counter on a full disk: paying shows the cashier, in Chinese, that the
disk is full and nothing was saved; the dialog stays with the ticket; once
there is room the same Enter completes the sale, and the next customer's sale
goes through as usual."""

from __future__ import annotations

import pytest

from charity_pos.ui.sales.payment import SETTLE_MS, PaymentDialog
from tests.faults.disk import fill_up, full_database
from tests.ui.conftest import (  # noqa: F401  (fixtures)
    TILL,
    _home,
    approval,
    cashier,
    chinese,
    feedback,
    manager,
    open_shift,
    sale_screen,
    services,
    settings,
    stocked,
    ui_store_template,
)
from tests.ui.sales.test_payment import enter, pay, scan

pytestmark = pytest.mark.faults

RICE = "6901234567892"


def test_the_sale_screen_says_the_disk_is_full_and_sells_again(qtbot, sale_screen, services, cashier,
                                                               stocked) -> None:
    screen = sale_screen
    seen: dict[str, object] = {}

    def steps(dialog: PaymentDialog) -> None:
        # fill the file's free room with sales the cashier would not see, then the disk is full
        with full_database(services.db.engine):
            fill_up(services, cashier, TILL, stocked["rice"].id, 3290)
            qtbot.keyClicks(dialog.cash, "100")
            enter(qtbot, dialog)
            seen["message"] = dialog.message.text() if dialog.message.isVisible() else ""
            seen["stays"] = dialog.changes is None and dialog.isVisible()
            seen["sales"] = len(services.sales.sales())
        enter(qtbot, dialog)  # room again: the same ticket is paid
        seen["number"] = dialog.number_label.text()
        qtbot.wait(SETTLE_MS + 50)
        enter(qtbot, dialog)

    scan(qtbot, screen, "2*" + RICE)
    before = len(services.sales.sales())
    pay(qtbot, screen, steps)
    assert "磁盘已满" in str(seen["message"]) and "没有保存" in str(seen["message"])
    assert seen["stays"] is True
    after_fill = int(seen["sales"])  # type: ignore[call-overload]
    sales = services.sales.sales()
    assert len(sales) == after_fill + 1 and str(seen["number"]).endswith(sales[0].number)
    assert sales[0].total_fen == 6580
    # the next customer
    scan(qtbot, screen, RICE)

    def cash(dialog: PaymentDialog) -> None:
        qtbot.keyClicks(dialog.cash, "50")
        enter(qtbot, dialog)
        qtbot.wait(SETTLE_MS + 50)
        enter(qtbot, dialog)

    pay(qtbot, screen, cash)
    assert len(services.sales.sales()) == after_fill + 2 > before
    assert screen.scan.hasFocus() and screen.total.text() == "¥0.00"
