"""The store's minimum remaining shelf life at intake (services/intake.py
with domain/shelf_life.py and the counter rules): food short of it is
refused, the line named, or taken with a manager's approval and reason,
kept in the journal event's facts and the audit log."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from charity_pos.db.models import AuditEntry, Donation, JournalEvent
from charity_pos.ledger.verify import verify
from charity_pos.errors import ApprovalRejected, InvalidInput, PermissionDenied, ShortShelfLife, WrongApprovalPin
from charity_pos.services.base import Approval
from charity_pos.services.catalog import ItemDraft, Source
from charity_pos.services.counter_rules import CounterRules
from charity_pos.services.intake import Condition, IntakeDraft, IntakeLine, Valuation
from tests.helpers import said_in as said

TODAY = date(2026, 3, 10)  # the clock fixture's day in Shanghai
APPROVED = Approval("manager", "9999", "社区食堂今日用完")


@pytest.fixture
def milk(services, manager):
    """Food with its usual shelf life recorded: 180 days (60%: 108 days)."""
    changes = services.catalog.create_item(manager, ItemDraft("光明纯牛奶 250ml×24", "food", "箱", 5990, 6990,
                                                               source=Source.DONATED, shelf_life_days=180))
    return services.catalog.get(changes.ids[0])


@pytest.fixture
def noodles(make_item):
    """Food whose shelf life is not recorded: 30 days left at least."""
    return make_item("龙须挂面 1kg", category="grain_oil", price=890, source=Source.DONATED)


def line(item, days: int, quantity: int = 2) -> IntakeLine:
    return IntakeLine(item.id, quantity, Condition.NEW, Valuation.MARKET, 1000, TODAY + timedelta(days=days))


def state(services) -> tuple[int, int, int]:
    with services.db.read() as s:
        return (len(s.scalars(select(Donation)).all()), len(s.scalars(select(JournalEvent)).all()),
                len(s.scalars(select(AuditEntry).where(AuditEntry.action == "donation.short_dated")).all()))


def last_event(services) -> dict:
    with services.db.read() as s:
        ev = s.scalars(select(JournalEvent).order_by(JournalEvent.seq.desc())).first()
        return {"kind": ev.kind, **json.loads(ev.payload)}


def test_the_item_keeps_its_shelf_life_and_a_wrong_one_is_refused(services, manager, milk) -> None:
    assert milk.shelf_life_days == 180 and milk.draft().shelf_life_days == 180
    services.catalog.update_item(manager, milk.id, replace(milk.draft(), shelf_life_days=None))
    assert services.catalog.get(milk.id).shelf_life_days is None
    for bad in (0, -5, 3651):
        with pytest.raises(InvalidInput) as caught:
            services.catalog.update_item(manager, milk.id, replace(milk.draft(), shelf_life_days=bad))
        assert caught.value.field == "shelf_life"
        assert said(caught.value, "zh_CN") == f"保质期：“{bad}”不是 1 至 3650（十年）之间的天数。"


def test_food_short_of_its_share_of_shelf_life_is_refused_naming_it(services, cashier, milk, noodles) -> None:
    before = state(services)
    with pytest.raises(ShortShelfLife) as caught:
        services.intake.receive(cashier, IntakeDraft(None, (line(noodles, 300), line(milk, 107))))
    assert caught.value.facts == {"item_name": "光明纯牛奶 250ml×24", "expiry_date": "2026-06-25", "days_left": 107,
                                  "minimum_days": 108, "shelf_life_days": 180, "percent": 60}
    assert said(caught.value, "zh_CN") == ("“光明纯牛奶 250ml×24”的保质期至 2026-06-25，距今 107 天：本店接收时须至少"
                                           "剩余 108 天（保质期 180 天的 60%）。店长可说明原因后批准接收。")
    assert said(caught.value, "en").startswith("“光明纯牛奶 250ml×24” is best before 2026-06-25, 107 days from today")
    assert state(services) == before, "nothing written, no number used"
    assert services.intake.receive(cashier, IntakeDraft(None, (line(milk, 108),))).number == "PT01-2026-D000001"


def test_food_with_no_known_shelf_life_needs_thirty_days(services, cashier, noodles) -> None:
    with pytest.raises(ShortShelfLife) as caught:
        services.intake.receive(cashier, IntakeDraft(None, (line(noodles, 29),)))
    assert (caught.value.minimum_days, caught.value.shelf_life_days) == (30, 0)
    assert "未登记保质期的食品接收时须至少剩余 30 天" in said(caught.value, "zh_CN")
    assert services.intake.receive(cashier, IntakeDraft(None, (line(noodles, 30),))).number


def test_a_managers_approval_takes_it_and_is_kept(services, cashier, manager, milk, noodles) -> None:
    changes = services.intake.receive(cashier, IntakeDraft(None, (line(noodles, 300), line(milk, 20)),
                                                            approval=APPROVED))
    ev = last_event(services)
    assert ev["kind"] == "donation.received" and ev["facts"]["number"] == changes.number
    assert ev["facts"]["short_dated"] == {
        "approved_by": str(manager.user_id), "reason": "社区食堂今日用完",
        "lines": [{"line_no": 2, "item_id": str(milk.id), "expiry_date": "2026-03-30", "days_left": 20,
                   "minimum_days": 108}]}
    with services.db.read() as s:
        (entry,) = s.scalars(select(AuditEntry).where(AuditEntry.action == "donation.short_dated")).all()
        assert (entry.user_id, entry.approved_by, entry.outcome) == (cashier.user_id, manager.user_id, "approved")
    assert services.stock.on_hand(milk.id) == 2
    with services.db.engine.connect() as conn:
        report = verify(conn)
    assert report.ok, report.problem


def test_an_approval_without_a_short_line_is_not_asked_for_nor_recorded(services, cashier, noodles) -> None:
    services.intake.receive(cashier, IntakeDraft(None, (line(noodles, 300),), approval=Approval("manager", "0000", "x")))
    assert "short_dated" not in last_event(services)["facts"]


def test_a_cashier_cannot_approve_themselves_nor_pass_a_wrong_pin(services, cashier, noodles) -> None:
    before = state(services)
    with pytest.raises(ApprovalRejected) as caught:
        services.intake.receive(cashier, IntakeDraft(None, (line(noodles, 5),),
                                                     approval=Approval("cashier", "1111", "我自己批准")))
    assert caught.value.reason == "not_manager"
    with pytest.raises(WrongApprovalPin):
        services.intake.receive(cashier, IntakeDraft(None, (line(noodles, 5),),
                                                     approval=Approval("manager", "0000", "临期")))
    with pytest.raises(ApprovalRejected):  # a PIN without a reason
        services.intake.receive(cashier, IntakeDraft(None, (line(noodles, 5),), approval=Approval("manager", "9999", " ")))
    assert state(services)[:2] == before[:2]


def test_a_manager_taking_it_in_gives_a_reason_of_their_own(services, manager, noodles) -> None:
    with pytest.raises(ShortShelfLife):
        services.intake.receive(manager, IntakeDraft(None, (line(noodles, 5),)))
    with pytest.raises(ApprovalRejected):
        services.intake.receive(manager, IntakeDraft(None, (line(noodles, 5),), approval=Approval("", "", "  ")))
    services.intake.receive(manager, IntakeDraft(None, (line(noodles, 5),), approval=Approval("", "", "当天发放")))
    assert last_event(services)["facts"]["short_dated"]["approved_by"] == str(manager.user_id)


def test_the_manager_sets_the_minimum_and_bad_values_are_refused(services, cashier, manager, noodles) -> None:
    with pytest.raises(PermissionDenied):
        services.counter_rules.set_rules(cashier, replace(CounterRules(), min_days_left=0))
    for bad in (dict(min_shelf_life_percent=101), dict(min_shelf_life_percent=-1), dict(min_days_left=731),
                dict(min_days_left=-3), dict(min_days_left="30"), dict(min_shelf_life_percent=True)):
        with pytest.raises(InvalidInput):
            services.counter_rules.set_rules(manager, replace(CounterRules(), **bad))
    assert services.counter_rules.rules() == CounterRules()
    services.counter_rules.set_rules(manager, replace(CounterRules(), min_days_left=5))
    services.intake.receive(cashier, IntakeDraft(None, (line(noodles, 5),)))
    with pytest.raises(ShortShelfLife):
        services.intake.receive(cashier, IntakeDraft(None, (line(noodles, 4),)))


def test_an_absurd_value_put_in_with_sqlite3_is_not_used(services, manager, cashier, noodles, store_path) -> None:
    services.counter_rules.set_rules(manager, replace(CounterRules(), min_days_left=10))
    with sqlite3.connect(store_path) as conn:  # behind the app's back
        conn.execute("UPDATE counter_rule SET value = -100000 WHERE key = 'min_days_left'")
        conn.execute("UPDATE counter_rule SET value = 5000 WHERE key = 'min_shelf_life_percent'")
    rules = services.counter_rules.rules()
    assert (rules.min_days_left, rules.min_shelf_life_percent) == (30, 60), "the defaults, not the edit"
    with pytest.raises(ShortShelfLife):
        services.intake.receive(cashier, IntakeDraft(None, (line(noodles, 10),)))
