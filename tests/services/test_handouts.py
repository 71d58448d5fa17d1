"""Handing out relief goods at the counter, as the cashier, the manager, the
household and the district inspector see it: a card that may not take goods
is refused with its reason; within the allowance the cashier finishes alone
with one handout under a gap-free H number, its lines, lots first in first
out, stock movements and one journal event; past it, an enforce rule needs a
manager's approval and reason (a refusal leaves no trace and burns no
number), a warn rule lets it through and logs the override; item limits
scale with the household; the slip counts its prints and shows only masked
personal data; and the file still verifies.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import func, select

from charity_pos.db.base import Base
from charity_pos.db.models import (
    AuditEntry,
    Handout,
    HandoutLine,
    HandoutLineLot,
    JournalEvent,
    QuotaRule,
    StockMovement,
)
from charity_pos.domain.identity import id_check_char
from charity_pos.errors import (
    ApprovalRejected,
    ApprovalRequired,
    CardRefused,
    ExpiredGoods,
    ExpiredLot,
    InvalidInput,
    NotFound,
    PermissionDenied,
    UnknownBarcode,
    WrongPin,
)
from charity_pos.ledger.verify import verify
from charity_pos.services.base import Actor, Approval
from charity_pos.services.catalog import Source
from charity_pos.services.handouts import HandoutDraft, HandoutLineDraft, HandoutWarning
from charity_pos.services.households import HouseholdCategory, HouseholdDraft
from charity_pos.services.intake import Condition, IntakeDraft, IntakeLine, Valuation
from tests.helpers import SHORT_DATED_OK
from charity_pos.services.quotas import LimitDraft, RuleDraft
from charity_pos.services.registry import Services

TODAY = date(2026, 3, 10)  # the clock fixture's day in Shanghai
RICE_CODE = "6901234567892"
RICE, NOODLES, SOAP = 3290, 890, 1190
#: 低保, three members, in March: ¥50 + 2 × ¥20; grain and oil 2 + 2 × 1 bags
ALLOWANCE, GRAIN_LIMIT = 9000, 4
CARD = "AX000001"
ID_NUMBER = "11010519491231002X"
HEAD = "王建国"


def synthetic_id(serial: int) -> str:
    first17 = f"310104{date(1950, 1, 1) + timedelta(days=serial * 37):%Y%m%d}{serial % 1000:03d}"
    return first17 + id_check_char(first17)


def household_draft(card: str = CARD, *, members: int = 3, category: HouseholdCategory = HouseholdCategory.DIBAO,
                    valid_from: date = date(2026, 1, 1), valid_to: date = date(2026, 12, 31),
                    id_number: str | None = None, head: str = HEAD) -> HouseholdDraft:
    return HouseholdDraft(card, head, id_number or synthetic_id(int(card[-4:])), members, category, "石门二路街道",
                          "静民救〔2026〕001号", valid_from, valid_to, valid_from)


def approval(reason: str = "家中有病人，店长同意多领") -> Approval:
    return Approval("manager", "9999", reason)


def ticket(household_id: uuid.UUID, *lines: tuple[Any, int], approval: Approval | None = None,
           ticket_id: uuid.UUID | None = None, lot_id: uuid.UUID | None = None) -> HandoutDraft:
    return HandoutDraft(ticket_id or uuid.uuid4(), household_id,
                        tuple(HandoutLineDraft(item.id, n, lot_id) for item, n in lines), approval)


def everything(services: Services) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to show that nothing changed."""
    with services.db.read() as s:
        return {t.name: sorted(map(tuple, s.execute(select(t)).all()), key=repr) for t in Base.metadata.sorted_tables}


def rows(services: Services, model: type, *where: Any) -> list[Any]:
    with services.db.read() as s:
        found = list(s.scalars(select(model).where(*where)))
        s.expunge_all()
        return found


def count(services: Services, model: type) -> int:
    with services.db.read() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def event(services: Services, seq: int) -> dict[str, Any]:
    with services.db.read() as s:
        ev = s.scalars(select(JournalEvent).where(JournalEvent.seq == seq)).one()
        return {"kind": ev.kind, "actor": ev.actor, **json.loads(ev.payload)}


def audits(services: Services, action: str = "handout.over_allowance") -> list[AuditEntry]:
    return sorted(rows(services, AuditEntry, AuditEntry.action == action), key=lambda a: a.at)


def lots_of(services: Services, item: Any) -> list[int]:
    return [lot.on_hand for lot in services.stock.lots(include_empty=True) if lot.item_id == item.id]


@pytest.fixture
def shelf(services: Services, manager: Actor, make_item: Callable[..., Any]) -> SimpleNamespace:
    rice = make_item("东北大米 5kg", barcode=RICE_CODE, price=RICE)
    noodles = make_item("龙须挂面 1kg", price=NOODLES, reference=960)
    soap = make_item("雕牌透明皂", category="daily", unit="块", price=SOAP, reference=1290)
    services.stock.receive(manager, {rice.id: 20, noodles.id: 30, soap.id: 30})
    return SimpleNamespace(rice=rice, noodles=noodles, soap=soap)


@pytest.fixture
def household(services: Services, manager: Actor) -> uuid.UUID:
    return services.households.register(manager, household_draft(id_number=ID_NUMBER)).ids[0]


# --- the card ---------------------------------------------------------------------------------------------
def test_the_card_shows_the_household_masked_with_what_remains(services, household, shelf) -> None:
    view = services.handouts.card(" ax000001 ")
    assert (view.household_id, view.card_number) == (household, CARD)
    assert view.head_name_masked == "王**" and view.id_masked == "110105********002X"
    assert (view.members, view.category, view.category_name) == (3, "dibao", "低保")
    assert (view.valid_from, view.valid_to) == (date(2026, 1, 1), date(2026, 12, 31))
    assert view.period.key == "2026-03" and view.period.label() == "2026年3月" and view.enforce
    assert view.standing.allowance_fen == ALLOWANCE and view.standing.remaining_fen == ALLOWANCE
    assert view.standing.remaining_count("grain_oil") == GRAIN_LIMIT
    assert view.standing.remaining_count("daily") is None, "no limit on daily goods"
    assert HEAD not in repr(view) and ID_NUMBER not in repr(view)


def test_an_unknown_card_is_refused(services, household) -> None:
    with pytest.raises(CardRefused) as caught:
        services.handouts.card("AX999999")
    assert (caught.value.card, caught.value.reason) == ("AX999999", "unknown")


def test_a_suspended_card_is_refused_with_the_managers_reason(services, manager, cashier, household, shelf) -> None:
    services.household_status.suspend(manager, household, "街道通知：资格复核中")
    with pytest.raises(CardRefused) as caught:
        services.handouts.card(CARD)
    assert (caught.value.reason, caught.value.why) == ("suspended", "街道通知：资格复核中")
    before = everything(services)
    with pytest.raises(CardRefused):  # suspended while the goods were being scanned
        services.handouts.complete(cashier, ticket(household, (shelf.noodles, 1)))
    assert everything(services) == before


@pytest.mark.parametrize(("valid_from", "valid_to", "reason", "until"), [
    (date(2025, 3, 10), TODAY - timedelta(days=1), "expired", "2026-03-09"),
    (TODAY + timedelta(days=1), date(2027, 3, 10), "not_yet_valid", "2026-03-11"),
])
def test_a_card_outside_its_validity_is_refused(services, manager, cashier, shelf, valid_from, valid_to, reason,
                                                until) -> None:
    household_id = services.households.register(manager, household_draft(
        "AX000002", valid_from=valid_from, valid_to=valid_to)).ids[0]
    with pytest.raises(CardRefused) as caught:
        services.handouts.card("AX000002")
    assert (caught.value.reason, caught.value.until) == (reason, until)
    before = everything(services)
    with pytest.raises(CardRefused):
        services.handouts.complete(cashier, ticket(household_id, (shelf.noodles, 1)))
    assert everything(services) == before


def test_a_card_is_good_on_the_first_and_the_last_day_of_its_validity(services, manager) -> None:
    services.households.register(manager, household_draft("AX000003", valid_from=date(2025, 3, 11), valid_to=TODAY))
    services.households.register(manager, household_draft("AX000004", valid_from=TODAY, valid_to=date(2027, 3, 9)))
    assert services.handouts.card("AX000003").valid_to == TODAY
    assert services.handouts.card("AX000004").valid_from == TODAY


def test_an_erased_card_is_refused(services, manager, cashier, shelf) -> None:
    household_id = services.households.register(manager, household_draft(
        "AX000005", valid_from=date(2022, 1, 1), valid_to=date(2023, 12, 31))).ids[0]
    assert services.household_status.erase_lapsed(manager) is not None
    with pytest.raises(CardRefused) as caught:
        services.handouts.card("AX000005")
    assert caught.value.reason == "erased"
    with pytest.raises(CardRefused):
        services.handouts.complete(cashier, ticket(household_id, (shelf.noodles, 1)))


def test_a_category_nobody_set_a_rule_for_takes_the_default(services, manager, household) -> None:
    """(NoQuotaRule cannot happen any more: every household category has a
    default rule, and a household's category is checked when registered.)"""
    assert not rows(services, QuotaRule)
    assert {r.household_category for r in services.quotas.rules()} == {c.value for c in HouseholdCategory}
    assert services.handouts.card(CARD).standing.allowance_fen == ALLOWANCE
    services.quotas.set_rule(manager, RuleDraft("dibao", "month", 6000, 1000, 0, "", "enforce"))
    view = services.handouts.card(CARD)
    assert view.standing.allowance_fen == 8000 and view.standing.limits == {}


# --- the goods ----------------------------------------------------------------------------------------------
def test_scanned_goods_count_at_their_sale_price(services, shelf) -> None:
    goods = services.handouts.scan(RICE_CODE)
    assert (goods.item_id, goods.unit_value_fen, goods.goods_category, goods.goods_category_name) == (
        shelf.rice.id, RICE, "grain_oil", "粮油")
    assert goods.on_hand == 20 and goods.for_sale
    with pytest.raises(UnknownBarcode):
        services.handouts.scan("6901234567885")


def test_goods_not_for_sale_count_at_their_reference_price(services, manager, cashier, household,
                                                           make_item) -> None:
    flour = make_item("救助专用面粉 5kg", price=1000, reference=2290)
    services.stock.receive(manager, {flour.id: 5})
    services.catalog.update_item(manager, flour.id, replace(flour.draft(), active=False))
    goods = services.handouts.goods(flour.id)
    assert (goods.unit_value_fen, goods.for_sale) == (2290, False)
    number = services.handouts.complete(cashier, ticket(household, (flour, 2))).number
    (handout,) = rows(services, Handout, Handout.number == number)
    (line,) = rows(services, HandoutLine, HandoutLine.handout_id == handout.id)
    assert (line.unit_value_fen, line.value_fen, handout.total_value_fen) == (2290, 4580, 4580)
    assert services.handouts.card(CARD).standing.used_fen == 4580


def test_expired_food_is_refused_and_burns_no_number(services, manager, cashier, household, make_item, clock,
                                                     events) -> None:
    dumplings = make_item("思念水饺 1kg", category="food", price=1500, reference=2200, source=Source.DONATED)
    services.intake.receive(cashier, IntakeDraft(None, (
        IntakeLine(dumplings.id, 3, Condition.NEW, Valuation.MARKET, 1500, TODAY + timedelta(days=5)),),
        approval=SHORT_DATED_OK))
    clock.advance(days=6)
    (lot,) = [lot for lot in services.stock.lots() if lot.item_id == dumplings.id]
    with pytest.raises(ExpiredGoods) as caught:
        services.handouts.scan(lot.barcode)
    assert caught.value.expiry_date == "2026-03-15" and caught.value.lot == lot.barcode
    with pytest.raises(ExpiredLot) as caught:
        services.handouts.goods(dumplings.id)
    assert caught.value.facts == {"item_name": "思念水饺 1kg", "expiry_date": "2026-03-15", "lot": lot.barcode}
    before, seq = everything(services), events(services)
    with pytest.raises(ExpiredLot) as caught:
        services.handouts.complete(cashier, ticket(household, (dumplings, 1)))
    assert caught.value.lot == lot.barcode
    assert everything(services) == before and events(services) == seq
    soap = make_item("雕牌透明皂", category="daily", unit="块", price=SOAP)
    assert services.handouts.complete(cashier, ticket(household, (soap, 1))).number == "PT01-2026-H000001"


def test_food_is_handed_out_soonest_best_before_first(services, cashier, household, make_item, clock) -> None:
    dumplings = make_item("思念水饺 1kg", category="food", price=1500, reference=2200, source=Source.DONATED)
    for days in (100, 20):  # the later lot keeps for less
        services.intake.receive(cashier, IntakeDraft(None, (
            IntakeLine(dumplings.id, 2, Condition.NEW, Valuation.MARKET, 1500, TODAY + timedelta(days=days)),),
            approval=SHORT_DATED_OK))
        clock.advance(hours=1)
    services.handouts.complete(cashier, ticket(household, (dumplings, 1)))
    assert lots_of(services, dumplings) == [2, 1]


# --- within the allowance -------------------------------------------------------------------------------------
def test_within_the_allowance_a_cashier_finishes_alone(services, cashier, household, shelf, events) -> None:
    seq = events(services)
    changes = services.handouts.complete(cashier, ticket(household, (shelf.rice, 2), (shelf.soap, 1)))
    assert changes.number == "PT01-2026-H000001" and changes.warnings == ()
    assert events(services) == seq + 1 == changes.event_seq
    (handout,) = rows(services, Handout)
    assert (handout.number, handout.household_id, handout.cashier_id, handout.period_key) == (
        changes.number, household, cashier.user_id, "2026-03")
    assert (handout.total_value_fen, handout.allowance_fen, handout.used_before_fen) == (2 * RICE + SOAP,
                                                                                         ALLOWANCE, 0)
    assert (handout.over_allowance, handout.approved_by, handout.override_reason, handout.mode) == (
        False, None, None, "enforce")
    lines = sorted(rows(services, HandoutLine), key=lambda line: line.line_no)
    assert [(line.line_no, line.item_id, line.goods_category, line.quantity, line.unit_value_fen, line.value_fen,
             line.source) for line in lines] == [
        (1, shelf.rice.id, "grain_oil", 2, RICE, 2 * RICE, "purchased"),
        (2, shelf.soap.id, "daily", 1, SOAP, SOAP, "purchased")]
    taken = rows(services, HandoutLineLot)
    assert sorted((t.handout_line_id, t.quantity) for t in taken) == sorted([(lines[0].id, 2), (lines[1].id, 1)])
    moves = rows(services, StockMovement, StockMovement.reason == "handout")
    assert sorted((m.item_id, m.quantity, m.document, m.user_id) for m in moves) == sorted([
        (shelf.rice.id, -2, changes.number, cashier.user_id), (shelf.soap.id, -1, changes.number, cashier.user_id)])
    assert services.stock.on_hand(shelf.rice.id) == 18 and services.stock.on_hand(shelf.soap.id) == 29
    ev = event(services, changes.event_seq)
    assert ev["kind"] == "handout.completed" and ev["facts"] == {"number": changes.number, "period": "2026-03"}
    assert {c["table"] for c in ev["changes"]} >= {"handout", "handout_line", "handout_line_lot", "stock_movement"}
    assert audits(services) == []
    after = services.handouts.card(CARD).standing
    assert after.used_fen == 2 * RICE + SOAP and after.remaining_count("grain_oil") == GRAIN_LIMIT - 2
    (row,) = services.handouts.handouts()
    assert (row.number, row.card_number, row.lines, row.units, row.total_value_fen, row.over_allowance,
            row.cashier) == (changes.number, CARD, 2, 3, 2 * RICE + SOAP, False, "cashier")


def test_handout_numbers_have_no_gaps(services, cashier, household, shelf) -> None:
    numbers = [services.handouts.complete(cashier, ticket(household, (shelf.soap, 1))).number for _ in range(3)]
    assert numbers == ["PT01-2026-H000001", "PT01-2026-H000002", "PT01-2026-H000003"]


def test_the_same_ticket_finished_twice_makes_one_handout(services, cashier, household, shelf, events) -> None:
    draft = ticket(household, (shelf.rice, 1))
    first = services.handouts.complete(cashier, draft)
    seq = events(services)
    again = services.handouts.complete(cashier, draft)
    assert (again.number, again.ids) == (first.number, first.ids) and again.event_seq is None
    assert count(services, Handout) == 1 and events(services) == seq
    assert services.stock.on_hand(shelf.rice.id) == 19


def test_lots_leave_first_in_first_out(services, manager, cashier, household, shelf, clock) -> None:
    clock.advance(hours=1)
    services.stock.receive(manager, {shelf.noodles.id: 5})
    assert lots_of(services, shelf.noodles) == [30, 5]
    services.handouts.complete(cashier, ticket(household, (shelf.noodles, 3)))
    assert lots_of(services, shelf.noodles) == [27, 5]
    services.stock.count(manager, {shelf.noodles.id: 6}, reason="盘点")  # 26 missing, from the oldest lot
    assert lots_of(services, shelf.noodles) == [1, 5]
    other = services.households.register(manager, household_draft("AX000006")).ids[0]
    number = services.handouts.complete(cashier, ticket(other, (shelf.noodles, 3))).number
    assert lots_of(services, shelf.noodles) == [0, 3]
    (handout,) = rows(services, Handout, Handout.number == number)
    (line,) = rows(services, HandoutLine, HandoutLine.handout_id == handout.id)
    assert sorted(t.quantity for t in rows(services, HandoutLineLot, HandoutLineLot.handout_line_id == line.id)) == [1, 2]


def test_a_bad_basket_is_refused(services, cashier, household, shelf) -> None:
    before = everything(services)
    for draft, reason in ((HandoutDraft(uuid.uuid4(), household, ()), "empty"),
                          (ticket(household, (shelf.soap, 0)), "zero"),
                          (ticket(household, (shelf.soap, -1)), "negative")):
        with pytest.raises(InvalidInput) as caught:
            services.handouts.complete(cashier, draft)
        assert caught.value.reason == reason
    with pytest.raises(NotFound):
        services.handouts.complete(cashier, ticket(uuid.uuid4(), (shelf.soap, 1)))
    assert everything(services) == before


# --- past the allowance ---------------------------------------------------------------------------------------
def test_past_the_allowance_a_cashier_alone_is_refused_and_nothing_changes(services, cashier, household, shelf,
                                                                           events) -> None:
    services.handouts.complete(cashier, ticket(household, (shelf.soap, 1)))
    over = ticket(household, (shelf.rice, 2), (shelf.soap, 2))  # ¥11.90 + ¥65.80 + ¥23.80 > ¥90
    verdict = services.handouts.judge(household, [(services.handouts.goods(shelf.rice.id), 2),
                                                  (services.handouts.goods(shelf.soap.id), 2)])
    assert verdict.over_value_fen == SOAP + 2 * RICE + 2 * SOAP - ALLOWANCE and verdict.over_counts == {}
    before, seq = everything(services), events(services)
    with pytest.raises(ApprovalRequired) as caught:
        services.handouts.complete(cashier, over)
    assert caught.value.action == "handout.over_allowance"
    assert everything(services) == before and events(services) == seq
    # no number was burnt: the next handout takes the next one
    assert services.handouts.complete(cashier, ticket(household, (shelf.soap, 1))).number == "PT01-2026-H000002"


def test_past_the_allowance_another_cashiers_pin_or_no_reason_is_not_enough(services, manager, cashier, household,
                                                                            shelf) -> None:
    services.accounts.create_user(manager, "zhangmin", "张敏", "cashier", "2222")
    over = ticket(household, (shelf.rice, 3))
    with pytest.raises(ApprovalRejected) as caught:
        services.handouts.complete(cashier, replace(over, approval=Approval("zhangmin", "2222", "我同意")))
    assert caught.value.reason == "not_manager"
    with pytest.raises(ApprovalRejected) as caught:
        services.handouts.complete(cashier, replace(over, approval=approval("  ")))
    assert caught.value.reason == "no_reason"
    with pytest.raises(WrongPin):
        services.handouts.complete(cashier, replace(over, approval=Approval("manager", "0000", "同意")))
    assert count(services, Handout) == 0
    with pytest.raises(ApprovalRequired):  # a manager at the counter gives her own reason
        services.handouts.complete(manager, over)
    assert count(services, Handout) == 0


def test_approving_at_the_counter_is_the_services_rule_before_the_handout(services, manager, cashier,
                                                                          household, shelf) -> None:
    """What the handout screen asks as the basket goes past an enforce rule:
    the same answers ``complete`` gives, and nothing handed out yet."""
    services.accounts.create_user(manager, "zhangmin", "张敏", "cashier", "2222")
    services.handouts.approve_beyond(cashier, approval())
    services.handouts.approve_beyond(manager, Approval("manager", "", "独居老人，店长亲自发放"))
    with pytest.raises(ApprovalRequired):
        services.handouts.approve_beyond(cashier, None)
    with pytest.raises(ApprovalRejected) as caught:
        services.handouts.approve_beyond(cashier, Approval("zhangmin", "2222", "我同意"))
    assert caught.value.reason == "not_manager"
    with pytest.raises(ApprovalRejected) as caught:
        services.handouts.approve_beyond(cashier, approval("  "))
    assert caught.value.reason == "no_reason"
    with pytest.raises(ApprovalRejected) as caught:  # a manager at the counter gives her own reason
        services.handouts.approve_beyond(manager, Approval("manager", "", " "))
    assert caught.value.reason == "no_reason"
    with pytest.raises(WrongPin):
        services.handouts.approve_beyond(cashier, Approval("manager", "0000", "同意"))
    assert count(services, Handout) == 0


def test_with_a_managers_approval_it_is_handed_out_and_the_reason_recorded(services, manager, cashier, household,
                                                                           shelf) -> None:
    over = ticket(household, (shelf.rice, 3), approval=approval())  # ¥98.70 > ¥90
    changes = services.handouts.complete(cashier, over)
    (handout,) = rows(services, Handout)
    assert (handout.over_allowance, handout.approved_by, handout.override_reason, handout.cashier_id) == (
        True, manager.user_id, "家中有病人，店长同意多领", cashier.user_id)
    assert changes.warnings == ()
    (entry,) = audits(services)
    assert (entry.outcome, entry.user_id, entry.approved_by) == ("approved", cashier.user_id, manager.user_id)
    assert json.loads(entry.detail) == {"number": changes.number, "reason": "家中有病人，店长同意多领"}
    ev = event(services, changes.event_seq)
    assert ev["facts"]["override"] == {"mode": "enforce", "over_value_fen": 3 * RICE - ALLOWANCE, "over_counts": {},
                                       "approved_by": str(manager.user_id), "reason": "家中有病人，店长同意多领"}
    assert services.handouts.card(CARD).standing.remaining_fen == ALLOWANCE - 3 * RICE
    (row,) = services.handouts.handouts()
    assert row.over_allowance


def test_a_manager_handing_out_herself_approves_with_her_own_reason(services, manager, household, shelf) -> None:
    changes = services.handouts.complete(manager, ticket(household, (shelf.rice, 3),
                                                         approval=Approval("manager", "", "独居老人，店长亲自发放")))
    (handout,) = rows(services, Handout)
    assert (handout.approved_by, handout.override_reason) == (manager.user_id, "独居老人，店长亲自发放")
    assert audits(services)[0].approved_by == manager.user_id and changes.number


def test_in_warn_mode_it_is_handed_out_with_a_warning_and_logged(services, manager, cashier, household, shelf) -> None:
    services.quotas.set_rule(manager, RuleDraft("dibao", "month", 5000, 2000, 5000, "1,10", "warn",
                                                (LimitDraft("grain_oil", 2, 1),)))
    assert not services.handouts.card(CARD).enforce
    changes = services.handouts.complete(cashier, ticket(household, (shelf.rice, 5)))  # 5 bags: over in both
    assert changes.warnings == (HandoutWarning.OVER_ALLOWANCE,) == ("over_allowance",)
    (handout,) = rows(services, Handout)
    assert (handout.over_allowance, handout.approved_by, handout.override_reason, handout.mode) == (
        True, None, None, "warn")
    (entry,) = audits(services)
    assert (entry.outcome, entry.user_id, entry.approved_by) == ("warned", cashier.user_id, None)
    assert json.loads(entry.detail)["number"] == changes.number
    facts = event(services, changes.event_seq)["facts"]
    assert facts["override"] == {"mode": "warn", "over_value_fen": 5 * RICE - ALLOWANCE,
                                 "over_counts": {"grain_oil": 5 - GRAIN_LIMIT}}


@pytest.mark.parametrize(("members", "limit"), [(1, 2), (2, 3), (4, 5), (8, 9)])
def test_item_limits_per_goods_category_scale_with_the_household(services, manager, cashier, shelf, members,
                                                                  limit) -> None:
    """低保 default: two bags of grain or oil, and one more for each further
    member. Noodles at ¥8.90 stay within the value of any size."""
    household_id = services.households.register(manager, household_draft("AX000010", members=members)).ids[0]
    assert services.handouts.card("AX000010").standing.limits == {"grain_oil": limit}
    noodles = services.handouts.goods(shelf.noodles.id)
    assert services.handouts.judge(household_id, [(noodles, limit)]).within
    verdict = services.handouts.judge(household_id, [(noodles, limit + 1)])
    assert verdict.over_counts == {"grain_oil": 1} and verdict.over_value_fen == 0
    services.handouts.complete(cashier, ticket(household_id, (shelf.noodles, limit - 1)))
    services.handouts.complete(cashier, ticket(household_id, (shelf.noodles, 1)))
    with pytest.raises(ApprovalRequired):
        services.handouts.complete(cashier, ticket(household_id, (shelf.noodles, 1)))
    services.handouts.complete(cashier, ticket(household_id, (shelf.soap, 1)))  # other goods are not limited
    assert services.handouts.card("AX000010").standing.remaining_count("grain_oil") == 0


def test_the_allowance_is_there_again_next_month(services, cashier, household, shelf, clock) -> None:
    services.handouts.complete(cashier, ticket(household, (shelf.rice, 2), (shelf.noodles, 2)))
    with pytest.raises(ApprovalRequired):
        services.handouts.complete(cashier, ticket(household, (shelf.noodles, 1)))
    clock.advance(days=22)  # 1 April
    view = services.handouts.card(CARD)
    assert view.period.key == "2026-04" and view.standing.used_fen == 0
    assert view.standing.remaining_count("grain_oil") == GRAIN_LIMIT
    services.handouts.complete(cashier, ticket(household, (shelf.noodles, 1)))


# --- the slip ---------------------------------------------------------------------------------------------------
def test_the_slip_counts_its_prints_and_shows_only_masked_data(services, manager, cashier, household, shelf,
                                                               events) -> None:
    services.handouts.complete(cashier, ticket(household, (shelf.soap, 1)))
    number = services.handouts.complete(cashier, ticket(household, (shelf.rice, 3), approval=approval())).number
    seq = events(services)
    doc = services.handouts.print_slip(cashier, number)
    assert events(services) == seq + 1
    assert (doc.number, doc.card_number, doc.head_name_masked, doc.id_masked, doc.members, doc.category) == (
        number, CARD, "王**", "110105********002X", 3, "低保")
    assert (doc.period, doc.allowance_fen, doc.total_value_fen) == ("2026年3月", ALLOWANCE, 3 * RICE)
    assert (doc.remaining_before_fen, doc.remaining_after_fen) == (ALLOWANCE - SOAP, ALLOWANCE - SOAP - 3 * RICE)
    assert (doc.override_reason, doc.approved_by, doc.cashier, doc.reprint_count) == (
        "家中有病人，店长同意多领", "manager", "cashier", 0)
    assert [(line.name, line.category, line.quantity, line.value_fen, line.over) for line in doc.lines] == [
        ("东北大米 5kg", "粮油", 3, 3 * RICE, True)]
    assert HEAD not in repr(doc) and ID_NUMBER not in repr(doc)
    assert services.handouts.print_slip(manager, number.lower()).reprint_count == 1

    def broken(_doc: object) -> None:
        raise OSError("printer out of paper")

    with pytest.raises(OSError):
        services.handouts.print_slip(cashier, number, broken)
    assert services.handouts.print_slip(cashier, number).reprint_count == 2, "the failed print counted nothing"
    (handout,) = rows(services, Handout, Handout.number == number)
    assert handout.slip_prints == 3
    with pytest.raises(NotFound):
        services.handouts.print_slip(cashier, "PT01-2026-H000099")


def test_only_staff_with_the_right_role_hand_out_or_change_rules(services, cashier, household, shelf) -> None:
    with pytest.raises(PermissionDenied):
        services.quotas.set_rule(cashier, RuleDraft("dibao", mode="warn"))
    assert {r.mode for r in services.quotas.rules()} == {"enforce"}


# --- the file ------------------------------------------------------------------------------------------------
def test_after_handouts_the_file_verifies(services, manager, cashier, household, shelf, clock) -> None:
    services.handouts.complete(cashier, ticket(household, (shelf.rice, 2)))
    services.handouts.complete(cashier, ticket(household, (shelf.rice, 3), approval=approval()))
    services.quotas.set_rule(manager, RuleDraft("dibao", mode="warn", limits=(LimitDraft("grain_oil", 1),)))
    number = services.handouts.complete(cashier, ticket(household, (shelf.noodles, 2))).number
    services.handouts.print_slip(cashier, number)
    services.household_status.suspend(manager, household, "复核")
    services.household_status.reactivate(manager, household)
    clock.advance(days=30)
    services.handouts.complete(cashier, ticket(household, (shelf.soap, 1)))
    with services.db.engine.connect() as conn:
        report = verify(conn)
    assert report.ok, report.problem
    assert report.records > 0
