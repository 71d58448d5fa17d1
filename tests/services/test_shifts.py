"""Cash shifts as the cashier closing the till and the manager reading the
Z report see them: one open shift per till, a drawer that should hold the
float plus cash taken minus cash given back (change never counted as
takings), a close by denomination that needs a reason and a manager only
when the count is off by more than the tolerance, and X/Z reports.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from sqlalchemy import select

from charity_pos.db import engine as db_engine
from charity_pos.db.base import Base
from charity_pos.db.models import AuditEntry, CashShift, JournalEvent
from charity_pos.errors import (
    ApprovalRequired,
    InvalidInput,
    NoOpenShift,
    NotFound,
    PermissionDenied,
    ShiftAlreadyOpen,
)
from charity_pos.services.base import Actor, Approval
from charity_pos.services.catalog import Source
from charity_pos.services.counter_rules import CounterRules
from charity_pos.services.registry import Services
from charity_pos.services.returns import ReturnDraft
from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft

TILL = "1号收银台"
FLOAT = 20000  # ¥200: 1 × ¥100, 2 × ¥50
FLOAT_COUNT = {10000: 1, 5000: 2}
RICE, SWEATER = 3290, 2500


def everything(services: Services) -> dict[str, list[tuple[Any, ...]]]:
    with services.db.read() as s:
        return {t.name: sorted(map(tuple, s.execute(select(t)).all()), key=repr) for t in Base.metadata.sorted_tables}


def sell(services: Services, actor: Actor, item: Any, quantity: int, *pay: PaymentDraft, till: str = TILL,
         discount: int = 0) -> str:
    return services.sales.complete(actor, SaleDraft(uuid.uuid4(), till, (LineDraft(item.id, quantity),), pay,
                                                    discount)).number  # type: ignore[return-value]


def cash(fen: int) -> PaymentDraft:
    return PaymentDraft("cash", fen)


def notes(fen: int) -> dict[int, int]:
    """The fewest notes and coins for an amount: how a drawer is counted."""
    counts = {}
    for value in (10000, 5000, 2000, 1000, 500, 100, 50, 10):
        counts[value], fen = divmod(fen, value)
    assert fen == 0
    return {v: n for v, n in counts.items() if n}


@pytest.fixture
def goods(services, manager, make_item):
    rice = make_item("东北大米 5kg", barcode="6901234567892", price=RICE)
    sweater = make_item("男式羊毛衫 L码 藏青", category="clothing", unit="件", price=SWEATER, reference=12000,
                        source=Source.DONATED)
    services.stock.receive(manager, {rice.id: 50, sweater.id: 50})
    return rice, sweater


# --- opening ------------------------------------------------------------------------------------------
def test_a_shift_opens_with_a_float(services, cashier, events, clock) -> None:
    before = events(services)
    changes = services.shifts.open(cashier, f" {TILL} ", FLOAT)
    assert changes.number == "PT01-2026-B000001" and events(services) == before + 1
    row = services.shifts.current(TILL)
    assert (row.number, row.till, row.float_fen, row.opened_by, row.opened_at, row.closed_at) == (
        changes.number, TILL, FLOAT, "cashier", clock(), None)
    with services.db.read() as s:
        assert s.scalars(select(JournalEvent.kind).where(JournalEvent.seq == changes.event_seq)).one() == "shift.opened"
    summary = services.shifts.expected(TILL)
    assert summary.expected_fen == {"cash": FLOAT, "wechat": 0, "alipay": 0, "unionpay": 0, "voucher": 0}
    assert summary.counted_fen is None and summary.difference("cash") is None
    assert services.shifts.find(row.id) == row and services.shifts.shifts() == [row]
    with pytest.raises(NotFound):
        services.shifts.find(uuid.uuid4())


def test_bad_openings_are_refused(services, cashier, events) -> None:
    before, seq = everything(services), events(services)
    for till, float_fen, field, reason in [
        ("  ", 0, "till", "empty"),
        ("收银台" * 6, 0, "till", "too_long"),
        (TILL, -1, "float", "negative"),
        (TILL, 1.5, "float", "not_a_number"),
    ]:
        with pytest.raises(InvalidInput) as caught:
            services.shifts.open(cashier, till, float_fen)
        assert (caught.value.field, caught.value.reason) == (field, reason)
    assert everything(services) == before and events(services) == seq


def test_one_open_shift_per_till_but_two_tills_at_once(services, cashier, manager, events) -> None:
    first = services.shifts.open(cashier, TILL, FLOAT)
    seq = events(services)
    with pytest.raises(ShiftAlreadyOpen) as caught:
        services.shifts.open(manager, TILL, 0)
    assert (caught.value.till, caught.value.number) == (TILL, first.number)
    assert events(services) == seq
    second = services.shifts.open(manager, "2号收银台", 5000)
    assert second.number == "PT01-2026-B000002"
    assert services.shifts.current(TILL).number == first.number
    assert services.shifts.current("2号收银台").float_fen == 5000
    assert services.shifts.current("3号收银台") is None
    with pytest.raises(NoOpenShift):
        services.shifts.expected("3号收银台")


# --- what the drawer should hold ------------------------------------------------------------------
def test_expected_cash_is_float_plus_cash_sales_minus_cash_refunds(services, cashier, manager, goods) -> None:
    rice, sweater = goods
    services.shifts.open(cashier, TILL, FLOAT)
    services.shifts.open(manager, "2号收银台", 0)
    a = sell(services, cashier, rice, 1, cash(10000))  # ¥100 note for ¥32.90: ¥67.10 change
    b = sell(services, cashier, sweater, 2, PaymentDraft("wechat", 3000, "4200001"), cash(2500))  # 500 change
    sell(services, cashier, rice, 2, PaymentDraft("alipay", 2000, "2026031022001"),
         PaymentDraft("unionpay", 3000, "6222****1234"), PaymentDraft("voucher", 1580, "Q-1"))
    voided = sell(services, cashier, sweater, 4, cash(SWEATER * 4))
    sell(services, manager, rice, 1, cash(RICE), till="2号收银台")  # another till's drawer
    services.sales.void(manager, voided, "重复")
    services.returns.create(manager, ReturnDraft(a, TILL, {services.sales.sale(a).lines[0].id: 1}, "退货"))
    services.returns.create(manager, ReturnDraft(b, TILL, {services.sales.sale(b).lines[0].id: 1}, "退货"))

    summary = services.shifts.expected(TILL)
    # b: 5000 paid = wechat 3000 + cash 2000; one sweater back: 2500 off wechat first
    assert summary.expected_fen == {"cash": FLOAT + RICE + 2000 - RICE, "wechat": 3000 - 2500, "alipay": 2000,
                                    "unionpay": 3000, "voucher": 1580}
    assert (summary.sales_count, summary.sales_fen) == (3, RICE + 2 * SWEATER + 2 * RICE)
    assert (summary.voids_count, summary.voids_fen) == (1, 4 * SWEATER)
    assert (summary.returns_count, summary.returns_fen) == (2, RICE + SWEATER)
    assert summary.donated_sales_fen == 2 * SWEATER
    assert services.shifts.expected("2号收银台").expected_fen["cash"] == RICE


def test_discounts_on_the_report_are_what_came_off_catalog_prices(services, manager, goods) -> None:
    rice, sweater = goods
    services.shifts.open(manager, TILL, FLOAT)
    services.sales.complete(manager, SaleDraft(uuid.uuid4(), TILL, (
        LineDraft(rice.id, 2, price_fen=3000, discount_fen=100), LineDraft(sweater.id, 1)), (cash(10000),), 400))
    summary = services.shifts.expected(TILL)
    assert summary.discounts_fen == 2 * (RICE - 3000) + 100 + 400
    assert summary.sales_fen == 2 * 3000 - 100 + SWEATER - 400
    # the ticket's 400 off shared 5900 : 2500 is 281 and 119: the donated sweater brought in 2381
    assert summary.donated_sales_fen == SWEATER - 119


# --- closing -------------------------------------------------------------------------------------------
def test_a_drawer_counted_as_expected_closes_without_approval(services, cashier, goods, events, clock) -> None:
    rice, _ = goods
    opened = services.shifts.open(cashier, TILL, FLOAT)
    sell(services, cashier, rice, 3, cash(10000), PaymentDraft("wechat", 1000, "4200002"))
    expected = FLOAT + 3 * RICE - 1000
    assert not services.shifts.needs_approval(TILL, notes(expected), None)
    clock.advance(hours=8)
    seq = events(services)
    closed = services.shifts.close(cashier, TILL, notes(expected))
    assert closed.number == opened.number and events(services) == seq + 1
    summary = services.shifts.summary(opened.number)
    assert summary.shift.closed_at == clock() and summary.shift.closed_by == "cashier"
    assert summary.counted_fen == summary.expected_fen == {"cash": expected, "wechat": 1000, "alipay": 0,
                                                           "unionpay": 0, "voucher": 0}
    assert summary.difference("cash") == 0 and summary.difference_reason == "" and summary.approved_by is None
    assert summary.denominations == tuple(sorted(notes(expected).items(), reverse=True))
    with services.db.read() as s:
        shift = s.scalars(select(CashShift).where(CashShift.number == opened.number)).one()
        assert (shift.expected_cash_fen, shift.counted_cash_fen) == (expected, expected)
        ev = s.scalars(select(JournalEvent).where(JournalEvent.seq == closed.event_seq)).one()
    assert ev.kind == "shift.closed" and json.loads(ev.payload)["facts"] == {"number": opened.number}
    assert services.shifts.current(TILL) is None
    with pytest.raises(NoOpenShift):
        services.shifts.close(cashier, TILL, FLOAT_COUNT)


def test_a_difference_within_tolerance_closes_without_a_reason(services, cashier, goods) -> None:
    rice, _ = goods
    for cash_off, wechat_off in [(-500, 0), (500, 0), (0, -500), (-10, 490)]:
        opened = services.shifts.open(cashier, TILL, FLOAT)
        sell(services, cashier, rice, 1, PaymentDraft("wechat", RICE, "4200003"))
        assert not services.shifts.needs_approval(TILL, notes(FLOAT + cash_off), {"wechat": RICE + wechat_off})
        services.shifts.close(cashier, TILL, notes(FLOAT + cash_off), {"wechat": RICE + wechat_off})
        summary = services.shifts.summary(opened.number)
        assert (summary.difference("cash"), summary.difference("wechat")) == (cash_off, wechat_off)
        assert summary.difference_reason == "" and summary.approved_by is None


def test_beyond_tolerance_a_cashier_needs_a_reason_and_the_manager(services, cashier, goods, events) -> None:
    rice, _ = goods
    services.shifts.open(cashier, TILL, FLOAT)
    sell(services, cashier, rice, 1, PaymentDraft("wechat", RICE, "4200004"))
    before, seq = everything(services), events(services)
    for cash_off, wechat_off in [(-510, 0), (510, 0), (0, 510), (0, -RICE)]:
        counts, other = notes(FLOAT + cash_off), {"wechat": RICE + wechat_off}
        assert services.shifts.needs_approval(TILL, counts, other)
        with pytest.raises(InvalidInput) as caught:
            services.shifts.close(cashier, TILL, counts, other)
        assert (caught.value.field, caught.value.reason) == ("reason", "empty")
        with pytest.raises(ApprovalRequired) as refused:
            services.shifts.close(cashier, TILL, counts, other, reason="找零找错了")
        assert refused.value.action == "shift.close_difference"
    assert everything(services) == before and events(services) == seq
    assert services.shifts.current(TILL) is not None


@pytest.fixture
def quick_lock_wait(services, monkeypatch):
    """A second writer waits 0.2 s, not 5 s, for SQLite's write lock: should
    the manager's PIN ever again be checked inside the close's own write
    transaction, the test fails at once instead of hanging."""
    monkeypatch.setattr(db_engine, "BUSY_TIMEOUT_MS", 200)
    services.db.engine.dispose()  # pooled connections were made with the long wait


def test_with_a_managers_approval_a_cashier_closes_and_the_reason_is_kept(services, cashier, manager, goods,
                                                                         quick_lock_wait) -> None:
    rice, _ = goods
    opened = services.shifts.open(cashier, TILL, FLOAT)
    sell(services, cashier, rice, 1, cash(RICE))
    with pytest.raises(ApprovalRequired):
        services.shifts.close(cashier, TILL, notes(FLOAT + RICE - 1000), reason="找零多找了十元")
    services.shifts.close(cashier, TILL, notes(FLOAT + RICE - 1000), reason="找零多找了十元",
                          approval=Approval("manager", "9999", "已核实"))
    summary = services.shifts.summary(opened.number)
    assert (summary.difference("cash"), summary.difference_reason, summary.approved_by) == (
        -1000, "找零多找了十元", "manager")
    with services.db.read() as s:
        (audit,) = s.scalars(select(AuditEntry).where(AuditEntry.action == "shift.close_difference")).all()
        ev = s.scalars(select(JournalEvent).where(JournalEvent.kind == "shift.closed")).one()
    assert (audit.outcome, audit.user_id, audit.approved_by) == ("approved", cashier.user_id, manager.user_id)
    assert json.loads(ev.payload)["facts"]["approval"] == {"approved_by": str(manager.user_id), "reason": "已核实"}


def test_a_manager_closes_a_difference_with_a_reason_alone(services, manager, goods, events) -> None:
    rice, _ = goods
    opened = services.shifts.open(manager, TILL, FLOAT)
    sell(services, manager, rice, 1, cash(RICE))
    expected = FLOAT + RICE
    with pytest.raises(InvalidInput):
        services.shifts.close(manager, TILL, notes(expected - 1000))
    closed = services.shifts.close(manager, TILL, notes(expected - 1000), {"wechat": 600}, reason="  少了十元 ")
    summary = services.shifts.summary(opened.number)
    assert (summary.difference("cash"), summary.difference("wechat")) == (-1000, 600)
    assert (summary.difference_reason, summary.approved_by) == ("少了十元", "manager")
    with services.db.read() as s:
        ev = s.scalars(select(JournalEvent).where(JournalEvent.seq == closed.event_seq)).one()
        (audit,) = s.scalars(select(AuditEntry).where(AuditEntry.action == "shift.close_difference")).all()
    assert json.loads(ev.payload)["facts"] == {"number": opened.number, "difference": {"cash": -1000, "wechat": 600}}
    assert (audit.outcome, audit.user_id, audit.approved_by) == ("approved", manager.user_id, manager.user_id)
    assert json.loads(audit.detail) == {"number": opened.number, "reason": "少了十元"}


BAD_COUNTS = [
    ({200: 10}, None, "count", "unknown"),  # there is no ¥2 note
    ({1: 5}, None, "count", "unknown"),
    ({10000: -1, 5000: 6}, None, "count", "negative"),
    ({10000: 2.0}, None, "count", "not_a_number"),
    ({10000: True, 5000: 2}, None, "count", "not_a_number"),
    ({10000: 100_001}, None, "count", "too_large"),
    (FLOAT_COUNT, {"bitcoin": 0}, "payment", "unknown"),
    (FLOAT_COUNT, {"cash": FLOAT}, "payment", "unknown"),  # cash is counted by denomination
    (FLOAT_COUNT, {"wechat": -1}, "payment", "negative"),
]


def test_bad_counts_are_refused_and_nothing_changes(services, cashier, events) -> None:
    services.shifts.open(cashier, TILL, FLOAT)
    before, seq = everything(services), events(services)
    for counts, other, field, reason in BAD_COUNTS:
        with pytest.raises(InvalidInput) as caught:
            services.shifts.close(cashier, TILL, counts, other, reason="盘点")
        assert (caught.value.field, caught.value.reason) == (field, reason), counts
        with pytest.raises(InvalidInput):
            services.shifts.needs_approval(TILL, counts, other)
    assert everything(services) == before and events(services) == seq
    assert services.shifts.current(TILL) is not None


def test_after_a_close_a_new_shift_opens_with_its_own_drawer(services, cashier, goods, clock) -> None:
    rice, _ = goods
    first = services.shifts.open(cashier, TILL, FLOAT)
    sell(services, cashier, rice, 1, cash(RICE))
    clock.advance(hours=8)
    services.shifts.close(cashier, TILL, notes(FLOAT + RICE))
    second = services.shifts.open(cashier, TILL, 10000)
    assert second.number == "PT01-2026-B000002"
    number = sell(services, cashier, rice, 2, cash(2 * RICE))
    summary = services.shifts.expected(TILL)
    assert (summary.shift.number, summary.sales_count, summary.expected_fen["cash"]) == (
        second.number, 1, 10000 + 2 * RICE)
    assert services.sales.sale(number).shift_id == summary.shift.id
    assert services.shifts.summary(first.number).sales_count == 1
    assert [r.number for r in services.shifts.shifts()] == [second.number, first.number]


# --- reports ---------------------------------------------------------------------------------------
def test_x_report_while_open_and_z_report_after_close(services, cashier, manager, goods, clock) -> None:
    rice, sweater = goods
    opened = services.shifts.open(cashier, TILL, FLOAT)
    sell(services, cashier, rice, 1, cash(5000))
    sell(services, cashier, sweater, 1, PaymentDraft("wechat", SWEATER, "4200005"))
    clock.advance(hours=2)

    x = services.shifts.report_doc(TILL)
    assert (x.kind, x.shift_number, x.till, x.opened_by, x.closed_at, x.closed_by) == (
        "X", opened.number, TILL, "cashier", None, None)
    assert (x.opened_at, x.printed_at, x.store_code) == ("2026-03-10 10:00", "2026-03-10 12:00", "PT01")
    assert (x.float_fen, x.sales_count, x.sales_fen, x.donated_sales_fen) == (FLOAT, 2, RICE + SWEATER, SWEATER)
    assert [(m.method, m.expected_fen, m.counted_fen) for m in x.methods] == [
        ("现金", FLOAT + RICE, None), ("微信支付", SWEATER, None)]
    assert x.denominations == ()

    clock.advance(hours=6)
    counts = {10: 4, 10000: 2, 1000: 1, 2000: 1, 50: 1, 100: 0}  # ¥230.90: ¥2 short, within tolerance
    counted = sum(v * n for v, n in counts.items())
    assert counted == FLOAT + RICE - 200
    services.shifts.close(cashier, TILL, counts, {"wechat": SWEATER})
    z = services.shifts.report_doc(opened.number)
    assert (z.kind, z.closed_at, z.closed_by) == ("Z", "2026-03-10 18:00", "cashier")
    assert z.denominations == ((10000, 2), (2000, 1), (1000, 1), (50, 1), (10, 4))
    assert (z.difference_reason, z.approved_by) == ("", None)
    assert [(m.method, m.expected_fen, m.counted_fen, m.difference_fen) for m in z.methods] == [
        ("现金", FLOAT + RICE, counted, counted - FLOAT - RICE), ("微信支付", SWEATER, SWEATER, 0)]
    with pytest.raises(NoOpenShift):
        services.shifts.report_doc(TILL)


def test_a_z_report_names_the_reason_and_the_approver(services, manager, goods) -> None:
    rice, _ = goods
    opened = services.shifts.open(manager, TILL, FLOAT)
    sell(services, manager, rice, 1, cash(RICE))
    services.shifts.close(manager, TILL, FLOAT_COUNT, reason="一张五十元假币已上交")
    z = services.shifts.report_doc(opened.number)
    assert (z.difference_reason, z.approved_by) == ("一张五十元假币已上交", "manager")
    assert z.methods[0].difference_fen == -RICE and z.denominations == ((10000, 1), (5000, 2))


# --- the manager's counter rules --------------------------------------------------------------------
def test_counter_rules_are_a_managers_and_range_checked(services, cashier, manager, events) -> None:
    assert services.counter_rules.rules() == CounterRules(10, 500)
    with pytest.raises(PermissionDenied) as caught:
        services.counter_rules.set_rules(cashier, CounterRules(50, 10_000))
    assert not isinstance(caught.value, ApprovalRequired)  # not even with a manager's PIN
    for bad, reason in [(CounterRules(101, 500), "too_large"), (CounterRules(-1, 500), "negative"),
                        (CounterRules(10, 100_001), "too_large"), (CounterRules(10, -1), "negative"),
                        (CounterRules(True, 500), "not_a_number"), (CounterRules(10, 5.5), "not_a_number")]:  # type: ignore[arg-type]
        with pytest.raises(InvalidInput) as refused:
            services.counter_rules.set_rules(manager, bad)
        assert (refused.value.field, refused.value.reason) == ("limit", reason)
    assert services.counter_rules.rules() == CounterRules(10, 500)
    seq = events(services)
    changes = services.counter_rules.set_rules(manager, CounterRules(0, 100_000))
    assert changes.event_seq == seq + 1
    assert services.counter_rules.rules() == services.sales.rules() == CounterRules(0, 100_000)
    services.counter_rules.set_rules(manager, CounterRules(100, 0))
    assert services.counter_rules.rules() == CounterRules(100, 0)


def test_the_cash_tolerance_follows_the_rules(services, cashier, manager) -> None:
    services.counter_rules.set_rules(manager, CounterRules(10, 0))
    services.shifts.open(cashier, TILL, FLOAT)
    assert services.shifts.needs_approval(TILL, {10000: 1, 5000: 1, 2000: 2, 1000: 1, 10: 0, 50: 0}, None) is False
    assert services.shifts.needs_approval(TILL, notes(FLOAT - 10), None)
    with pytest.raises(ApprovalRequired):
        services.shifts.close(cashier, TILL, notes(FLOAT - 10), reason="少了一角")
    services.counter_rules.set_rules(manager, CounterRules(10, 2000))
    services.shifts.close(cashier, TILL, notes(FLOAT - 2000))
