"""Returns at the counter: always with a manager; never more than was sold
minus what came back before; the money given back adds up, over any number
of partial returns, to exactly what the customer paid (ticket discount
included) and goes back by the sale's own methods, cash last; the goods go
back into the lots they left; numbers T are gap-free.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from charity_pos.db.base import Base
from charity_pos.db.models import AuditEntry, JournalEvent, Refund, SaleLine, SaleReturn
from charity_pos.errors import (
    ApprovalRequired,
    InvalidInput,
    NoOpenShift,
    NotFound,
    ReturnTooLarge,
    SaleVoided,
)
from charity_pos.services.base import Actor, Approval
from charity_pos.services.catalog import Source
from charity_pos.services.intake import Condition, IntakeDraft, IntakeLine, Valuation
from charity_pos.services.registry import Services
from charity_pos.services.returns import ReturnDraft, refund_for
from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft
from charity_pos.services.slips import return_slip

TILL = "1号收银台"
FLOAT = 20000
RICE, SWEATER = 3290, 2500


def approval(reason: str = "商品有破损") -> Approval:
    return Approval("manager", "9999", reason)


def line(item: Any, quantity: int = 1, **more: Any) -> LineDraft:
    return LineDraft(item.id, quantity, **more)


def cash(fen: int) -> PaymentDraft:
    return PaymentDraft("cash", fen)


def sell(services: Services, actor: Actor, *lines: LineDraft, pay: tuple[PaymentDraft, ...] | PaymentDraft,
         discount: int = 0, till: str = TILL) -> str:
    payments = (pay,) if isinstance(pay, PaymentDraft) else pay
    changes = services.sales.complete(actor, SaleDraft(uuid.uuid4(), till, lines, payments, discount))
    return changes.number  # type: ignore[return-value]


def give_back(services: Services, actor: Actor, number: str, quantities: dict[int, int], *,
              reason: str = "顾客退货", approval: Approval | None = None, till: str = TILL):
    """Return by line number (1-based) rather than line id."""
    lines = services.sales.sale(number).lines
    by_id = {lines[no - 1].id: q for no, q in quantities.items()}
    return services.returns.create(actor, ReturnDraft(number, till, by_id, reason), approval)


def refunds(services: Services, number: str) -> list[tuple[str, int, str]]:
    with services.db.read() as s:
        return [(r.method, r.amount_fen, r.reference) for r in s.scalars(
            select(Refund).join(SaleReturn).where(SaleReturn.number == number).order_by(Refund.position))]


def everything(services: Services) -> dict[str, list[tuple[Any, ...]]]:
    with services.db.read() as s:
        return {t.name: sorted(map(tuple, s.execute(select(t)).all()), key=repr) for t in Base.metadata.sorted_tables}


def lots_of(services: Services, item: Any) -> list[int]:
    return [lot.on_hand for lot in services.stock.lots(include_empty=True) if lot.item_id == item.id]


@pytest.fixture
def goods(services: Services, manager: Actor, make_item: Callable[..., Any], clock) -> SimpleNamespace:
    rice = make_item("东北大米 5kg", barcode="6901234567892", price=RICE)
    sweater = make_item("男式羊毛衫 L码 藏青", category="clothing", unit="件", price=SWEATER, reference=12000,
                        source=Source.DONATED)
    services.stock.receive(manager, {rice.id: 20, sweater.id: 10})
    clock.advance(minutes=5)
    return SimpleNamespace(rice=rice, sweater=sweater)


@pytest.fixture
def shift(services: Services, cashier: Actor) -> str:
    return services.shifts.open(cashier, TILL, FLOAT).number  # type: ignore[return-value]


# --- who may take goods back ------------------------------------------------------------------
def test_a_cashier_alone_may_not_take_goods_back(services, cashier, goods, shift, events) -> None:
    number = sell(services, cashier, line(goods.rice), pay=cash(RICE))
    before, seq = everything(services), events(services)
    with pytest.raises(ApprovalRequired) as caught:
        give_back(services, cashier, number, {1: 1})
    assert caught.value.action == "sale.refund"
    assert everything(services) == before and events(services) == seq


def test_a_cashier_with_a_managers_approval_takes_goods_back(services, cashier, manager, goods, shift) -> None:
    number = sell(services, cashier, line(goods.rice), pay=cash(RICE))
    changes = give_back(services, cashier, number, {1: 1}, reason="米袋破了", approval=approval("确认破损"))
    assert changes.number == "PT01-2026-T000001"
    with services.db.read() as s:
        entry = s.scalars(select(SaleReturn).where(SaleReturn.number == changes.number)).one()
        assert (entry.user_id, entry.approved_by, entry.reason, entry.total_fen) == (
            cashier.user_id, manager.user_id, "米袋破了", RICE)
        ev = s.scalars(select(JournalEvent).where(JournalEvent.seq == changes.event_seq)).one()
        (audit,) = s.scalars(select(AuditEntry).where(AuditEntry.action == "sale.refund")).all()
    assert ev.kind == "sale.returned"
    assert json.loads(ev.payload)["facts"] == {
        "number": changes.number, "sale": number, "reason": "米袋破了",
        "approval": {"approved_by": str(manager.user_id), "reason": "确认破损"}}
    assert (audit.outcome, audit.user_id, audit.approved_by) == ("approved", cashier.user_id, manager.user_id)


def test_a_manager_takes_goods_back_alone(services, cashier, manager, goods, shift) -> None:
    number = sell(services, cashier, line(goods.rice), pay=cash(RICE))
    changes = give_back(services, manager, number, {1: 1})
    with services.db.read() as s:
        entry = s.scalars(select(SaleReturn).where(SaleReturn.number == changes.number)).one()
        assert (entry.user_id, entry.approved_by) == (manager.user_id, manager.user_id)
        (audit,) = s.scalars(select(AuditEntry).where(AuditEntry.action == "sale.refund")).all()
    assert (audit.outcome, audit.approved_by) == ("done", None)
    assert services.sales.sale(number).refunded_fen == RICE


# --- how much ------------------------------------------------------------------------------------
def test_never_more_than_sold_minus_returned(services, cashier, manager, goods, shift, events) -> None:
    number = sell(services, cashier, line(goods.rice, 3), line(goods.sweater, 2), pay=cash(20000))
    with pytest.raises(ReturnTooLarge) as caught:
        give_back(services, manager, number, {1: 4})
    assert (caught.value.sold, caught.value.returned, caught.value.wanted) == (3, 0, 4)
    first = give_back(services, manager, number, {1: 2, 2: 1})
    before, seq = everything(services), events(services)
    with pytest.raises(ReturnTooLarge) as caught:
        give_back(services, manager, number, {1: 2})
    assert (caught.value.item_name, caught.value.sold, caught.value.returned, caught.value.wanted) == (
        "东北大米 5kg", 3, 2, 2)
    with pytest.raises(ReturnTooLarge):  # one good line does not carry a bad one
        give_back(services, manager, number, {2: 1, 1: 2})
    assert everything(services) == before and events(services) == seq
    second = give_back(services, manager, number, {1: 1, 2: 1})
    assert (first.number, second.number) == ("PT01-2026-T000001", "PT01-2026-T000002")
    with pytest.raises(ReturnTooLarge):
        give_back(services, manager, number, {2: 1})
    view = services.sales.sale(number)
    assert [(l.quantity, l.returned) for l in view.lines] == [(3, 3), (2, 2)]
    assert view.refunded_fen == view.total_fen == 3 * RICE + 2 * SWEATER
    assert services.sales.sales()[0].returned_fen == view.total_fen


def test_bad_quantities_are_refused(services, cashier, manager, goods, shift, events) -> None:
    number = sell(services, cashier, line(goods.rice, 2), pay=cash(2 * RICE))
    before, seq = everything(services), events(services)
    for quantities, reason in [({}, "empty"), ({1: 0}, "empty"), ({1: -1}, "negative"), ({1: True}, "not_a_number")]:
        with pytest.raises(InvalidInput) as caught:
            give_back(services, manager, number, quantities)
        assert caught.value.reason == reason, quantities
    assert everything(services) == before and events(services) == seq


def test_a_reason_an_existing_sale_and_its_own_lines_are_needed(services, cashier, manager, goods, shift,
                                                                events) -> None:
    number = sell(services, cashier, line(goods.rice, 2), pay=cash(2 * RICE))
    other = sell(services, cashier, line(goods.sweater), pay=cash(SWEATER))
    foreign_line = services.sales.sale(other).lines[0].id
    before, seq = everything(services), events(services)
    with pytest.raises(InvalidInput) as caught:
        give_back(services, manager, number, {1: 1}, reason="  ")
    assert caught.value.field == "reason"
    with pytest.raises(NotFound):
        services.returns.create(manager, ReturnDraft("PT01-2026-S000999", TILL, {foreign_line: 1}, "退货"))
    with pytest.raises(NotFound):  # a line of another sale
        services.returns.create(manager, ReturnDraft(number, TILL, {foreign_line: 1}, "退货"))
    assert everything(services) == before and events(services) == seq
    assert give_back(services, manager, number, {1: 1}).number == "PT01-2026-T000001"


def test_refunds_in_parts_add_up_to_what_was_paid(services, cashier, manager, goods, shift) -> None:
    # 3 rice with 7 fen off the line, 7 sweaters, 333 fen off the ticket: shares are uneven
    number = sell(services, manager, line(goods.rice, 3, discount_fen=7), line(goods.sweater, 7, price_fen=2333),
                  discount=333, pay=cash(30000))
    view = services.sales.sale(number)
    assert view.total_fen == 3 * RICE - 7 + 7 * 2333 - 333
    totals = []
    for parts in ({1: 1, 2: 2}, {2: 1}, {1: 1}, {2: 3}, {1: 1, 2: 1}):
        totals.append(services.returns.create(manager, ReturnDraft(
            number, TILL, {view.lines[no - 1].id: q for no, q in parts.items()}, "分次退货")))
    with services.db.read() as s:
        per_return = [s.scalar(select(SaleReturn.total_fen).where(SaleReturn.number == c.number)) for c in totals]
    assert sum(per_return) == view.total_fen
    assert sum(amount for c in totals for _, amount, _ in refunds(services, c.number)) == view.total_fen
    assert services.shifts.expected(TILL).expected_fen["cash"] == FLOAT
    for sold in view.lines:
        assert sold.paid_fen == sold.amount_fen - sold.ticket_discount_fen
    assert sum(l.paid_fen for l in view.lines) == view.total_fen


@settings(max_examples=300, deadline=None)
@given(quantity=st.integers(min_value=1, max_value=60), unit=st.integers(min_value=0, max_value=100_000),
       data=st.data())
def test_refund_for_parts_add_up_and_stay_proportional(quantity: int, unit: int, data) -> None:
    amount = quantity * unit
    share = data.draw(st.integers(min_value=0, max_value=amount))
    sold = SaleLine(quantity=quantity, amount_fen=amount, ticket_discount_fen=share)
    paid = amount - share
    parts = []
    left = quantity
    while left:
        part = data.draw(st.integers(min_value=1, max_value=left))
        parts.append(part)
        left -= part
    before, given_back = 0, []
    for part in parts:
        given_back.append(refund_for(sold, before, part))
        before += part
    assert sum(given_back) == paid
    for part, back in zip(parts, given_back, strict=True):
        assert back >= 0
        assert abs(back * quantity - paid * part) < quantity  # within a fen of its share


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(data=st.data())
def test_any_partial_returns_of_any_ticket_refund_exactly_what_was_paid(services, manager, goods, shift,
                                                                       data) -> None:
    items = data.draw(st.lists(st.tuples(st.sampled_from(["rice", "sweater"]), st.integers(1, 4),
                                         st.integers(1, 9999), st.integers(0, 50)), min_size=1, max_size=3))
    drafted = []
    for name, quantity, price, off in items:
        drafted.append(line(getattr(goods, name), quantity, price_fen=price, discount_fen=min(off, quantity * price)))
    subtotal = sum(d.quantity * d.price_fen - d.discount_fen for d in drafted)
    discount = data.draw(st.integers(0, subtotal))
    wechat = data.draw(st.integers(0, subtotal - discount))
    pay = ((PaymentDraft("wechat", wechat, "42"),) if wechat else ()) + (cash(subtotal - discount - wechat + 1000),)
    services.stock.receive(manager, {goods.rice.id: 12, goods.sweater.id: 12})
    number = sell(services, manager, *drafted, discount=discount, pay=pay)
    view = services.sales.sale(number)
    left = {sold.id: sold.quantity for sold in view.lines}
    back = 0
    while any(left.values()):
        wanted = {}
        for line_id, n in left.items():
            take = data.draw(st.integers(0, n))
            if take:
                wanted[line_id] = take
        if not wanted:  # nothing drawn: one unit of the first line with some left
            line_id = next(i for i, n in left.items() if n)
            wanted[line_id] = 1
        changes = services.returns.create(manager, ReturnDraft(number, TILL, wanted, "退"))
        back += sum(amount for _, amount, _ in refunds(services, changes.number))
        for line_id, take in wanted.items():
            left[line_id] -= take
    assert back == view.total_fen
    assert services.sales.sale(number).refunded_fen == view.total_fen
    with services.db.read() as s:
        by_method = {}
        for method, amount in s.execute(select(Refund.method, Refund.amount_fen).join(SaleReturn)
                                        .where(SaleReturn.sale_id == view.id)):
            by_method[method] = by_method.get(method, 0) + amount
    assert by_method == {p.method: p.amount_fen for p in view.payments if p.amount_fen}


# --- by which method -------------------------------------------------------------------------------
def test_a_wechat_sale_is_refunded_to_wechat(services, cashier, manager, goods, shift) -> None:
    number = sell(services, cashier, line(goods.rice, 2), pay=PaymentDraft("wechat", 2 * RICE, "4200007777"))
    changes = give_back(services, manager, number, {1: 1})
    assert refunds(services, changes.number) == [("wechat", RICE, "4200007777")]
    expected = services.shifts.expected(TILL).expected_fen
    assert (expected["cash"], expected["wechat"]) == (FLOAT, RICE)


def test_a_mixed_sale_is_refunded_non_cash_first_and_cash_last(services, cashier, manager, goods, shift) -> None:
    # 4 rice = 13160: cash 5000 (handed 6000, 1000 change), wechat 6160, voucher 2000
    number = sell(services, cashier, line(goods.rice, 4), pay=(
        cash(6000), PaymentDraft("voucher", 2000, "Q-9"), PaymentDraft("wechat", 6160, "4200001111")))
    first = give_back(services, manager, number, {1: 1})
    assert refunds(services, first.number) == [("wechat", RICE, "4200001111")]
    second = give_back(services, manager, number, {1: 2})
    assert refunds(services, second.number) == [("wechat", 6160 - RICE, "4200001111"), ("voucher", 2000, "Q-9"),
                                                ("cash", 2 * RICE - (6160 - RICE) - 2000, "")]
    third = give_back(services, manager, number, {1: 1})
    assert refunds(services, third.number) == [("cash", RICE, "")]
    expected = services.shifts.expected(TILL).expected_fen
    assert (expected["cash"], expected["wechat"], expected["voucher"]) == (FLOAT, 0, 0)
    slip = return_slip(services.ctx, second.number)
    assert (slip.title, slip.original_number, slip.total_fen) == ("退货单", number, -2 * RICE)
    assert [(l.name, l.quantity, l.amount_fen) for l in slip.lines] == [("东北大米 5kg", -2, -2 * RICE)]
    with pytest.raises(NotFound):
        return_slip(services.ctx, "PT01-2026-T000999")
    assert [(p.method, p.amount_fen) for p in slip.payments] == [
        ("微信支付", -(6160 - RICE)), ("储值券", -2000), ("现金", -(2 * RICE - (6160 - RICE) - 2000))]


def test_money_given_back_to_a_voucher_can_be_spent_again(services, cashier, manager, goods, shift) -> None:
    number = sell(services, cashier, line(goods.rice), pay=PaymentDraft("voucher", RICE, "Q-1"))
    back = give_back(services, manager, number, {1: 1})
    assert refunds(services, back.number) == [("voucher", RICE, "Q-1")]
    sell(services, cashier, line(goods.rice), pay=PaymentDraft("voucher", RICE, "Q-1"))


# --- where the goods go ------------------------------------------------------------------------
def test_goods_go_back_into_the_lots_they_came_from(services, cashier, manager, make_item, shift, clock) -> None:
    oil = make_item("海天金标生抽 500ml", unit="瓶", price=1190, reference=1290)
    services.stock.receive(manager, {oil.id: 2})
    clock.advance(hours=1)
    services.stock.receive(manager, {oil.id: 5})
    clock.advance(hours=1)
    services.stock.receive(manager, {oil.id: 4})
    number = sell(services, cashier, line(oil, 6), pay=cash(6 * 1190))
    assert lots_of(services, oil) == [0, 1, 4]
    give_back(services, manager, number, {1: 1})
    after_one = lots_of(services, oil)
    assert after_one in ([1, 1, 4], [0, 2, 4]) and after_one[2] == 4  # never the lot it did not come from
    give_back(services, manager, number, {1: 2})
    give_back(services, manager, number, {1: 3})
    assert lots_of(services, oil) == [2, 5, 4]


def test_a_donated_coat_goes_back_to_its_own_donation_lot(services, cashier, manager, make_item, shift,
                                                         clock) -> None:
    coat = make_item("女式羽绒服 M码", category="clothing", unit="件", price=4000, reference=30000,
                     source=Source.DONATED)
    for _ in range(2):
        services.intake.receive(cashier, IntakeDraft(None, (
            IntakeLine(coat.id, 1, Condition.AS_NEW, Valuation.UNVALUED, None),)))
        clock.advance(days=1)
    older, newer = [lot for lot in services.stock.lots() if lot.item_id == coat.id]
    number = sell(services, cashier, line(coat, lot_id=services.sales.scan(newer.barcode).lot_id), pay=cash(4000))
    assert lots_of(services, coat) == [1, 0]
    give_back(services, manager, number, {1: 1})
    assert lots_of(services, coat) == [1, 1]
    assert {lot.lot_id: lot.on_hand for lot in services.stock.lots()} == {older.lot_id: 1, newer.lot_id: 1}


# --- when ------------------------------------------------------------------------------------------------
def test_a_voided_sale_cannot_be_returned(services, cashier, manager, goods, shift, events) -> None:
    number = sell(services, cashier, line(goods.rice), pay=cash(RICE))
    services.sales.void(manager, number, "收错了")
    before, seq = everything(services), events(services)
    with pytest.raises(SaleVoided) as caught:
        give_back(services, manager, number, {1: 1})
    assert caught.value.number == number
    assert everything(services) == before and events(services) == seq


def test_a_return_needs_an_open_shift_at_its_till(services, cashier, manager, goods, shift, events) -> None:
    number = sell(services, cashier, line(goods.rice, 2), pay=cash(2 * RICE))
    before, seq = everything(services), events(services)
    with pytest.raises(NoOpenShift) as caught:
        give_back(services, manager, number, {1: 1}, till="2号收银台")
    assert caught.value.till == "2号收银台"
    assert everything(services) == before and events(services) == seq

    # at another till's shift: its drawer pays the money back
    services.shifts.open(manager, "2号收银台", 10000)
    give_back(services, manager, number, {1: 1}, till="2号收银台")
    assert services.shifts.expected("2号收银台").expected_fen["cash"] == 10000 - RICE
    assert services.shifts.expected(TILL).expected_fen["cash"] == FLOAT + 2 * RICE
    # a sale of a closed shift is returned in the next one
    expected = services.shifts.expected(TILL).expected_fen["cash"]
    services.shifts.close(cashier, TILL, {10: expected // 10})
    with pytest.raises(NoOpenShift):
        give_back(services, manager, number, {1: 1})
    services.shifts.open(cashier, TILL, FLOAT)
    third = give_back(services, manager, number, {1: 1})
    assert third.number == "PT01-2026-T000002"
    summary = services.shifts.expected(TILL)
    assert (summary.returns_count, summary.returns_fen, summary.expected_fen["cash"]) == (1, RICE, FLOAT - RICE)
