"""When the drawer opens: after a sale or a return that moved cash, and not
after one paid by phone; and opened without a sale only by a manager (or
with a manager's approval), with a reason, written to the security log."""

from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import select

from charity_pos.db.models import AuditEntry
from charity_pos.errors import ApprovalRejected, ApprovalRequired, InvalidInput, PrinterFailed, WrongApprovalPin
from charity_pos.services.base import Approval
from charity_pos.services.drawer import DrawerService, cash_moved_by_return, cash_moved_by_sale, cash_moved_by_void
from charity_pos.services.returns import ReturnDraft
from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft

TILL = "1"


@pytest.fixture
def drawer(services) -> DrawerService:
    return DrawerService(services.ctx, services.accounts)


@pytest.fixture
def rice(services, manager, make_item):
    item = make_item()
    services.stock.receive(manager, {item.id: 20}, note="到货")
    services.shifts.open(manager, TILL, 20000)
    return item


def sell(services, actor, rice, *payments: PaymentDraft) -> str:
    return services.sales.complete(actor, SaleDraft(uuid.uuid4(), TILL, (LineDraft(rice.id, 1),), payments)).number


def opened(services) -> list[tuple[str, str, uuid.UUID | None, uuid.UUID | None, dict]]:
    with services.db.read() as s:
        return [(e.action, e.outcome, e.user_id, e.approved_by, json.loads(e.detail))
                for e in s.scalars(select(AuditEntry).where(AuditEntry.action == "drawer.open"))]


def test_cash_sale_and_cash_return_move_cash(services, cashier, manager, rice) -> None:
    number = sell(services, cashier, rice, PaymentDraft("cash", 5000))
    assert cash_moved_by_sale(services.sales.sale(number))
    sale = services.sales.sale(number)
    back = services.returns.create(cashier, ReturnDraft(number, TILL, {sale.lines[0].id: 1}, "破损"),
                                   Approval("manager", "9999", "同意退货"))
    assert cash_moved_by_return(services.returns.find(back.number or ""))


@pytest.mark.parametrize("method, reference", [("wechat", "4200001234202603101234"),
                                               ("alipay", "2826****1234")])
def test_a_phone_payment_and_its_return_leave_the_drawer_shut(services, cashier, rice, method, reference) -> None:
    number = sell(services, cashier, rice, PaymentDraft(method, 3290, reference))
    sale = services.sales.sale(number)
    assert not cash_moved_by_sale(sale)
    back = services.returns.create(cashier, ReturnDraft(number, TILL, {sale.lines[0].id: 1}, "破损"),
                                   Approval("manager", "9999", "同意退货"))
    assert not cash_moved_by_return(services.returns.find(back.number or ""))


def test_a_phone_and_cash_sale_opens_it(services, cashier, rice) -> None:
    number = sell(services, cashier, rice, PaymentDraft("wechat", 1000, "4200001234202603101234"),
                  PaymentDraft("cash", 2290))
    assert cash_moved_by_sale(services.sales.sale(number))


def test_a_voided_cash_sale_is_not_a_cash_sale(services, cashier, manager, rice) -> None:
    number = sell(services, cashier, rice, PaymentDraft("cash", 5000))
    services.sales.void(manager, number, "重复收款")
    assert not cash_moved_by_sale(services.sales.sale(number))


def test_a_voided_cash_sale_gives_its_cash_back(services, cashier, manager, rice) -> None:
    number = sell(services, cashier, rice, PaymentDraft("cash", 5000))
    assert not cash_moved_by_void(services.sales.sale(number)), "not voided yet"
    services.sales.void(manager, number, "重复收款")
    assert cash_moved_by_void(services.sales.sale(number))


def test_a_voided_phone_sale_leaves_the_drawer_shut(services, cashier, manager, rice) -> None:
    number = sell(services, cashier, rice, PaymentDraft("alipay", 3290, "2826****1234"))
    services.sales.void(manager, number, "重复收款")
    assert not cash_moved_by_void(services.sales.sale(number))


def test_a_cashier_may_not_open_it_without_a_managers_approval(services, cashier, drawer) -> None:
    pulses: list[bool] = []
    with pytest.raises(ApprovalRequired):
        drawer.open_without_sale(cashier, "找零换钱", TILL, pulse=lambda: pulses.append(True))
    with pytest.raises(WrongApprovalPin):
        drawer.open_without_sale(cashier, "找零换钱", TILL, Approval("manager", "0000", "同意"),
                                 pulse=lambda: pulses.append(True))
    with pytest.raises(ApprovalRejected):  # a cashier's PIN is no manager's approval
        drawer.open_without_sale(cashier, "找零换钱", TILL, Approval("cashier", "1111", "同意"),
                                 pulse=lambda: pulses.append(True))
    assert pulses == [] and opened(services) == []


def test_a_reason_is_needed_even_from_a_manager(services, manager, drawer) -> None:
    pulses: list[bool] = []
    for reason in ("", "   "):
        with pytest.raises(InvalidInput) as caught:
            drawer.open_without_sale(manager, reason, TILL, pulse=lambda: pulses.append(True))
        assert caught.value.facts["field"] == "reason"
    assert pulses == [] and opened(services) == []


def test_a_manager_opens_it_and_the_reason_is_logged(services, manager, drawer) -> None:
    pulses: list[bool] = []
    drawer.open_without_sale(manager, " 找零换钱 ", TILL, pulse=lambda: pulses.append(True))
    assert pulses == [True]
    assert opened(services) == [("drawer.open", "done", manager.user_id, None, {"reason": "找零换钱", "till": TILL})]


def test_a_cashier_with_a_managers_approval_opens_it_both_logged(services, cashier, manager, drawer) -> None:
    drawer.open_without_sale(cashier, "顾客换零钱", TILL, Approval("manager", "9999", "同意换零", TILL), pulse=None)
    assert opened(services) == [("drawer.open", "approved", cashier.user_id, manager.user_id,
                                 {"reason": "顾客换零钱", "till": TILL, "approval_reason": "同意换零"})]


def test_a_drawer_that_did_not_open_is_not_logged_as_opened(services, manager, drawer) -> None:
    def fail() -> None:
        raise PrinterFailed(reason="offline", target="192.168.1.87:9100", detail="")

    with pytest.raises(PrinterFailed):
        drawer.open_without_sale(manager, "找零换钱", TILL, pulse=fail)
    assert opened(services) == []
