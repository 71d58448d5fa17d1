"""Selling at the counter, as the cashier, the manager and the district
inspector see it: a sale is one transaction under a gap-free S number with
one journal event; a refused sale leaves no trace; goods leave their lots
first in, first out (a lot's own code takes that lot, expired food never
leaves); discounts beyond the manager's limit need the manager; mixed
payments give change only from cash; a void puts everything back; slips
count their prints; and the file still verifies, or names what was edited.

A payment code is never stored whole: the sale service refuses a
payment whose reference holds one (as the command line or any screen might
send it), takes the mask a scan makes, and refuses a mask of the other
method's code. A refused sale leaves nothing behind.

What completing a sale leaves in the store file, row by row: exactly the
sale, its lines, the lots they came from, the stock taken and the payments,
each of them in the sale's one journal event as it is stored; the
counter moved on and the seal rewritten; nothing else. A ticket with
anything wrong on any line leaves the file as it was and burns no number.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
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
    AuditEntry, JournalEvent, Sale, SaleLine, SaleLineLot, StockMovement,
)
from charity_pos.errors import (
    ApprovalRejected,
    ApprovalRequired,
    ExpiredGoods,
    ExpiredLot,
    InvalidInput,
    NoOpenShift,
    NotFound,
    NotSellable,
    OverpaidByCard,
    PaymentReferenceRefused,
    SaleVoided,
    TenderTooLow,
    TicketCompleted,
    UnknownBarcode,
    VoidOutsideShift,
    VoucherUsed,
)
from charity_pos.ledger.canonical import journaled_columns, plain
from charity_pos.services.store_file import open_store
from charity_pos.ledger.verify import verify
from charity_pos.services.base import Actor, Approval
from charity_pos.services.catalog import Source
from charity_pos.services.counter_rules import CounterRules
from charity_pos.services.intake import Condition, IntakeDraft, IntakeLine, Valuation
from tests.helpers import SHORT_DATED_OK
from charity_pos.services.registry import Services
from charity_pos.services.returns import ReturnDraft
from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft
from charity_pos.services.slips import sale_slip

TILL = "1号收银台"
FLOAT = 20000  # ¥200 in the drawer at the start
TODAY = date(2026, 3, 10)  # the clock fixture's day in Shanghai
RICE_CODE = "6901234567892"
RICE, SWEATER = 3290, 2500


def approval(reason: str = "老顾客优惠") -> Approval:
    return Approval("manager", "9999", reason)


def line(item: Any, quantity: int = 1, **more: Any) -> LineDraft:
    return LineDraft(item.id, quantity, **more)


def cash(fen: int) -> PaymentDraft:
    return PaymentDraft("cash", fen)


def draft(*lines: LineDraft, pay: tuple[PaymentDraft, ...] | PaymentDraft = (), discount: int = 0,
          approval: Approval | None = None, till: str = TILL, ticket: uuid.UUID | None = None) -> SaleDraft:
    payments = (pay,) if isinstance(pay, PaymentDraft) else tuple(pay)
    return SaleDraft(ticket or uuid.uuid4(), till, tuple(lines), payments, discount, approval)


def everything(services: Services) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to show that nothing changed."""
    with services.db.read() as s:
        return {t.name: sorted(map(tuple, s.execute(select(t)).all()), key=repr) for t in Base.metadata.sorted_tables}


def count(services: Services, model: type) -> int:
    with services.db.read() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def event(services: Services, seq: int) -> dict[str, Any]:
    with services.db.read() as s:
        ev = s.scalars(select(JournalEvent).where(JournalEvent.seq == seq)).one()
        return {"kind": ev.kind, "actor": ev.actor, **json.loads(ev.payload)}


def lots_of(services: Services, item: Any) -> list[int]:
    """What is left of each lot of an item, oldest first."""
    return [lot.on_hand for lot in services.stock.lots(include_empty=True) if lot.item_id == item.id]


def audits(services: Services, action: str) -> list[AuditEntry]:
    with services.db.read() as s:
        found = list(s.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.at)))
        s.expunge_all()
        return found


@pytest.fixture
def shift(services: Services, cashier: Actor) -> str:
    return services.shifts.open(cashier, TILL, FLOAT).number  # type: ignore[return-value]


@pytest.fixture
def goods(services: Services, manager: Actor, make_item: Callable[..., Any], clock) -> SimpleNamespace:
    rice = make_item("东北大米 5kg", barcode=RICE_CODE, price=RICE)
    sweater = make_item("男式羊毛衫 L码 藏青", category="clothing", unit="件", price=SWEATER, reference=12000,
                        source=Source.DONATED)
    services.stock.receive(manager, {rice.id: 20, sweater.id: 5})
    clock.advance(minutes=5)
    return SimpleNamespace(rice=rice, sweater=sweater)


def donate(services: Services, actor: Actor, item: Any, quantity: int, expiry: date | None = None) -> None:
    valuation = (Valuation.MARKET, 500) if expiry else (Valuation.UNVALUED, None)
    services.intake.receive(actor, IntakeDraft(None, (
        IntakeLine(item.id, quantity, Condition.AS_NEW, valuation[0], valuation[1], expiry),),
        approval=SHORT_DATED_OK if expiry else None))


# --- the shift ---------------------------------------------------------------------------------
def test_a_sale_needs_an_open_shift_at_its_till(services, cashier, goods) -> None:
    before = everything(services)
    with pytest.raises(NoOpenShift) as caught:
        services.sales.complete(cashier, draft(line(goods.rice), pay=cash(RICE)))
    assert caught.value.till == TILL
    services.shifts.open(cashier, "2号收银台", 0)
    with pytest.raises(NoOpenShift):  # another till's shift does not count
        services.sales.complete(cashier, draft(line(goods.rice), pay=cash(RICE)))
    after = everything(services)
    assert after["sale"] == before["sale"] == [] and after["stock_movement"] == before["stock_movement"]


# --- a completed sale ------------------------------------------------------------------------------
def test_a_sale_writes_lines_payments_stock_and_one_journal_event(services, cashier, goods, shift, events) -> None:
    before = events(services)
    changes = services.sales.complete(cashier, draft(line(goods.rice, 2), line(goods.sweater), pay=cash(10000)))

    assert changes.number == "PT01-2026-S000001"
    assert events(services) == before + 1 and changes.event_seq == before + 1
    assert changes.warnings == ()
    view = services.sales.sale(changes.number)
    assert (view.subtotal_fen, view.ticket_discount_fen, view.total_fen, view.change_fen) == (9080, 0, 9080, 920)
    assert (view.status, view.cashier, view.till, view.slip_prints) == ("completed", "cashier", TILL, 0)
    assert [(l.name, l.quantity, l.unit_price_fen, l.amount_fen, l.source) for l in view.lines] == [
        ("东北大米 5kg", 2, RICE, 6580, "purchased"), ("男式羊毛衫 L码 藏青", 1, SWEATER, 2500, "donated")]
    assert [(p.method, p.amount_fen, p.tendered_fen) for p in view.payments] == [("cash", 9080, 10000)]
    assert services.stock.on_hand(goods.rice.id) == 18 and services.stock.on_hand(goods.sweater.id) == 4

    with services.db.read() as s:
        moves = s.execute(select(StockMovement.item_id, StockMovement.quantity, StockMovement.reason)
                          .where(StockMovement.document == changes.number)).all()
    assert sorted(moves, key=lambda m: m[1]) == [(goods.rice.id, -2, "sale"), (goods.sweater.id, -1, "sale")]

    ev = event(services, changes.event_seq)
    assert ev["kind"] == "sale.completed" and ev["actor"] == str(cashier.user_id)
    assert ev["facts"] == {"number": changes.number, "till": TILL}
    written = {c["table"] for c in ev["changes"]}
    assert {"sale", "sale_line", "sale_line_lot", "payment", "stock_movement"} <= written

    second = services.sales.complete(cashier, draft(line(goods.sweater), pay=cash(SWEATER)))
    assert second.number == "PT01-2026-S000002"
    rows = services.sales.sales()
    assert [(r.number, r.lines, r.units, r.total_fen, r.methods) for r in rows] == [
        (second.number, 1, 1, SWEATER, ("cash",)), (changes.number, 2, 3, 9080, ("cash",))]


def test_scanning_finds_items_by_barcode_and_refuses_unknown_codes(services, goods, shift) -> None:
    found = services.sales.scan(f" {RICE_CODE}\n")
    assert (found.item_id, found.name, found.price_fen, found.on_hand, found.lot_id, found.warnings) == (
        goods.rice.id, "东北大米 5kg", RICE, 20, None, ())
    with pytest.raises(UnknownBarcode):
        services.sales.scan("4006381333931")
    assert services.sales.item(goods.sweater.id).on_hand == 5


def _bad(goods: SimpleNamespace) -> dict[str, tuple[Callable[[], SaleDraft], type[Exception], str | None]]:
    return {
        "tender too low": (lambda: draft(line(goods.rice, 2), pay=cash(2 * RICE - 1)), TenderTooLow, None),
        "wechat above the total": (lambda: draft(line(goods.rice), pay=PaymentDraft("wechat", RICE + 1, "42000001")),
                                   OverpaidByCard, None),
        "unknown item": (lambda: draft(line(goods.rice), LineDraft(uuid.uuid4(), 1), pay=cash(10000)), NotFound, None),
        "zero quantity": (lambda: draft(line(goods.rice, 0), pay=cash(10000)), InvalidInput, "zero"),
        "negative quantity": (lambda: draft(line(goods.rice, -1), pay=cash(10000)), InvalidInput, "negative"),
        "a fraction of a bag": (lambda: draft(line(goods.rice, 1.5), pay=cash(10000)), InvalidInput, "not_a_number"),
        "ten thousand bags": (lambda: draft(line(goods.rice, 10_000), pay=cash(10**8)), InvalidInput, "too_large"),
        "301 lines": (lambda: draft(*[line(goods.sweater)] * 301, pay=cash(10**7)), InvalidInput, "too_large"),
        "no wechat reference": (lambda: draft(line(goods.rice), pay=PaymentDraft("wechat", RICE, "  ")),
                                InvalidInput, "reference_needed"),
        "no voucher number": (lambda: draft(line(goods.rice), pay=PaymentDraft("voucher", RICE)),
                              InvalidInput, "reference_needed"),
        "unknown method": (lambda: draft(line(goods.rice), pay=PaymentDraft("bitcoin", RICE, "x")),
                           InvalidInput, "unknown"),
        "no payment": (lambda: draft(line(goods.rice)), InvalidInput, "empty"),
        "no lines": (lambda: draft(pay=cash(100)), InvalidInput, "empty"),
        "discount above the amount": (lambda: draft(line(goods.rice, discount_fen=RICE + 1), pay=cash(RICE)),
                                      InvalidInput, "discount_above_price"),
    }


def test_a_refused_sale_changes_nothing_and_burns_no_number(services, cashier, goods, shift, events) -> None:
    first = services.sales.complete(cashier, draft(line(goods.sweater), pay=cash(SWEATER)))
    before, seq = everything(services), events(services)
    for case, (make, error, reason) in _bad(goods).items():
        with pytest.raises(error) as caught:
            services.sales.complete(cashier, make())
        if reason is not None:
            assert caught.value.reason == reason, case
        assert everything(services) == before and events(services) == seq, case
    after = services.sales.complete(cashier, draft(line(goods.rice), pay=cash(RICE)))
    assert (first.number, after.number) == ("PT01-2026-S000001", "PT01-2026-S000002")


def test_paying_the_same_ticket_twice_makes_one_sale(services, cashier, goods, shift, events) -> None:
    ticket = draft(line(goods.rice, 3), pay=cash(10000))
    first = services.sales.complete(cashier, ticket)
    seq = events(services)
    again = services.sales.complete(cashier, ticket)
    assert (again.number, again.ids) == (first.number, first.ids)
    assert events(services) == seq and count(services, Sale) == 1
    assert services.stock.on_hand(goods.rice.id) == 17
    assert services.sales.complete(cashier, draft(line(goods.rice), pay=cash(RICE))).number == "PT01-2026-S000002"


def test_paying_a_ticket_again_with_different_goods_or_money_is_refused(services, cashier, goods, shift,
                                                                        events) -> None:
    ticket_id = uuid.uuid4()
    first = services.sales.complete(cashier, draft(line(goods.rice), pay=cash(RICE), ticket=ticket_id))
    before, seq = everything(services), events(services)
    for other in (draft(line(goods.rice), line(goods.sweater), pay=cash(RICE + SWEATER), ticket=ticket_id),
                  draft(line(goods.rice, 2), pay=cash(2 * RICE), ticket=ticket_id),
                  draft(line(goods.rice), pay=cash(5000), ticket=ticket_id),
                  draft(line(goods.rice), pay=PaymentDraft("wechat", RICE, "4200001"), ticket=ticket_id)):
        with pytest.raises(TicketCompleted) as caught:
            services.sales.complete(cashier, other)
        assert caught.value.number == first.number
    assert everything(services) == before and events(services) == seq


# --- lots ------------------------------------------------------------------------------------------------
def test_fifo_the_older_lot_goes_first(services, cashier, manager, make_item, shift, clock) -> None:
    oil = make_item("海天金标生抽 500ml", unit="瓶", price=1190, reference=1290)
    services.stock.receive(manager, {oil.id: 3})
    clock.advance(hours=1)
    services.stock.receive(manager, {oil.id: 5})
    changes = services.sales.complete(cashier, draft(line(oil, 4), pay=cash(4 * 1190)))
    assert lots_of(services, oil) == [0, 4]
    with services.db.read() as s:
        parts = sorted(s.scalars(select(SaleLineLot.quantity).join(SaleLine).join(Sale)
                                 .where(Sale.number == changes.number)))
    assert parts == [1, 3]
    services.sales.complete(cashier, draft(line(oil, 2), pay=cash(2 * 1190)))
    assert lots_of(services, oil) == [0, 2]


def test_a_lots_own_barcode_takes_that_lot(services, cashier, manager, make_item, shift, clock) -> None:
    coat = make_item("女式羽绒服 M码", category="clothing", unit="件", price=4000, reference=30000,
                     source=Source.DONATED)
    donate(services, cashier, coat, 2)
    clock.advance(days=1)
    donate(services, cashier, coat, 2)
    older, newer = [lot for lot in services.stock.lots() if lot.item_id == coat.id]
    assert older.lot_code and newer.lot_code and newer.barcode.startswith("22") and older.barcode != newer.barcode

    scanned = services.sales.scan(newer.barcode)
    assert (scanned.item_id, scanned.lot_id, scanned.on_hand) == (coat.id, newer.lot_id, 4)
    services.sales.complete(cashier, draft(line(coat, lot_id=scanned.lot_id), pay=cash(4000)))
    assert lots_of(services, coat) == [2, 1]
    # more than the scanned lot holds: the rest comes off the oldest
    services.sales.complete(cashier, draft(line(coat, 2, lot_id=newer.lot_id), pay=cash(8000)))
    assert lots_of(services, coat) == [1, 0]


@pytest.fixture
def dumplings(services, cashier, make_item, clock):
    """Frozen food donated with five days left, then six days pass."""
    food = make_item("思念水饺 1kg", category="food", price=1500, reference=2200, source=Source.DONATED)
    donate(services, cashier, food, 3, expiry=TODAY + timedelta(days=5))
    clock.advance(days=6)
    return food


def test_expired_food_is_refused_when_only_expired_stock_is_left(services, cashier, dumplings, events) -> None:
    services.shifts.open(cashier, TILL, FLOAT)
    (expired,) = [lot for lot in services.stock.lots() if lot.item_id == dumplings.id]
    with pytest.raises(ExpiredGoods) as caught:
        services.sales.scan(expired.barcode)
    assert caught.value.expiry_date == "2026-03-15"
    assert caught.value.lot == expired.barcode, "the lot is named by the code on its label"
    with pytest.raises(ExpiredLot) as caught:
        services.sales.item(dumplings.id)
    assert caught.value.facts == {"item_name": "思念水饺 1kg", "expiry_date": "2026-03-15", "lot": expired.barcode}
    before, seq = everything(services), events(services)
    with pytest.raises(ExpiredLot) as caught:
        services.sales.complete(cashier, draft(line(dumplings), pay=cash(1500)))
    assert caught.value.lot == expired.barcode
    assert everything(services) == before and events(services) == seq


def test_fifo_skips_an_expired_lot_when_a_fresh_one_exists(services, cashier, dumplings) -> None:
    donate(services, cashier, dumplings, 4, expiry=TODAY + timedelta(days=100))
    services.shifts.open(cashier, TILL, FLOAT)
    expired, fresh = [lot for lot in services.stock.lots() if lot.item_id == dumplings.id]
    assert services.sales.scan(fresh.barcode).lot_id == fresh.lot_id
    with pytest.raises(ExpiredGoods):  # the expired lot's own label is still refused
        services.sales.scan(expired.barcode)
    services.sales.complete(cashier, draft(line(dumplings, 2), pay=cash(3000)))
    assert lots_of(services, dumplings) == [3, 2]


def test_food_leaves_by_its_best_before_date_the_soonest_first(services, cashier, manager, make_item,
                                                                clock) -> None:
    """First-expiry-first-out for food: a later lot that keeps for less goes before an older one; lots without a
    date go after those with one; goods that are not food still go first in, first out."""
    rice = make_item("金龙鱼大米 5kg", category="food", unit="袋", price=2000, reference=3500, source=Source.DONATED)
    services.stock.receive(manager, {rice.id: 2})  # received without a date (donated food must have one)
    clock.advance(days=1)
    donate(services, cashier, rice, 2, expiry=TODAY + timedelta(days=300))
    clock.advance(days=1)
    donate(services, cashier, rice, 2, expiry=TODAY + timedelta(days=30))
    services.shifts.open(cashier, TILL, FLOAT)
    services.sales.complete(cashier, draft(line(rice, 3), pay=cash(6000)))
    assert lots_of(services, rice) == [2, 1, 0]  # the 30-day lot, then one of the 300-day lot
    services.sales.complete(cashier, draft(line(rice, 2), pay=cash(4000)))
    assert lots_of(services, rice) == [1, 0, 0]  # the lot without a date last
    # a scanned lot's own label still takes that lot first
    clock.advance(hours=1)
    donate(services, cashier, rice, 1, expiry=TODAY + timedelta(days=10))
    clock.advance(hours=1)
    donate(services, cashier, rice, 1, expiry=TODAY + timedelta(days=200))
    later = [lot for lot in services.stock.lots() if lot.item_id == rice.id][-1]
    assert later.expiry_date == TODAY + timedelta(days=200)
    services.sales.complete(cashier, draft(line(rice, lot_id=services.sales.scan(later.barcode).lot_id),
                                           pay=cash(2000)))
    assert lots_of(services, rice) == [1, 0, 0, 1, 0]


def test_food_on_its_best_before_day_still_sells(services, cashier, make_item, clock) -> None:
    milk = make_item("光明纯牛奶 250ml", category="food", unit="盒", price=300, reference=450, source=Source.DONATED)
    donate(services, cashier, milk, 2, expiry=TODAY + timedelta(days=3))
    clock.advance(days=3)
    services.shifts.open(cashier, TILL, FLOAT)
    services.sales.complete(cashier, draft(line(milk), pay=cash(300)))
    assert lots_of(services, milk) == [1]


def test_selling_more_than_the_books_hold_works_but_warns(services, cashier, manager, make_item, shift) -> None:
    soap = make_item("上海药皂 125g", category="daily", unit="块", price=350, reference=400)
    services.stock.receive(manager, {soap.id: 1})
    changes = services.sales.complete(cashier, draft(line(soap, 2), pay=cash(700)))
    assert changes.warnings == ("no_stock",)
    assert services.stock.on_hand(soap.id) == -1 and lots_of(services, soap) == [-1]
    scanned = services.sales.item(soap.id)
    assert scanned.on_hand == -1 and scanned.warnings == ("no_stock",)
    again = services.sales.complete(cashier, draft(line(soap), pay=cash(350)))
    assert again.warnings == ("no_stock",) and services.stock.on_hand(soap.id) == -2


def test_an_item_never_received_can_still_be_sold_with_a_warning(services, cashier, make_item, shift) -> None:
    soap = make_item("上海药皂 125g", category="daily", unit="块", price=350, reference=400)
    assert services.sales.item(soap.id).warnings == ("no_stock",)
    changes = services.sales.complete(cashier, draft(line(soap), pay=cash(350)))
    assert changes.warnings == ("no_stock",) and services.stock.on_hand(soap.id) == -1
    (lot,) = [lot for lot in services.stock.lots(include_empty=True) if lot.item_id == soap.id]
    assert (lot.origin, lot.document, lot.received, lot.on_hand) == ("unrecorded", changes.number, 0, -1)
    # the next sale of it comes off the same lot, not yet another one
    services.sales.complete(cashier, draft(line(soap), pay=cash(350)))
    assert lots_of(services, soap) == [-2]


def test_two_lines_of_one_item_take_the_lots_in_turn(services, cashier, manager, make_item, shift, clock,
                                                     events) -> None:
    """The ticket's lots are read once; the second line of an item must see
    what the first took, exactly as if each line were saved before the next."""
    oil = make_item("海天金标生抽 500ml", unit="瓶", price=1190, reference=1290)
    services.stock.receive(manager, {oil.id: 3})
    clock.advance(hours=1)
    services.stock.receive(manager, {oil.id: 5})
    changes = services.sales.complete(cashier, draft(line(oil, 2), line(oil, 2), pay=cash(4 * 1190)))
    assert changes.warnings == () and lots_of(services, oil) == [0, 4]
    with services.db.read() as s:
        parts = list(s.execute(select(SaleLine.line_no, SaleLineLot.quantity).join(SaleLineLot)
                               .join(Sale).where(Sale.number == changes.number)
                               .order_by(SaleLine.line_no, SaleLineLot.quantity)))
    assert [tuple(p) for p in parts] == [(1, 2), (2, 1), (2, 1)]
    # the second line's on-hand check sees the first line's units gone
    short = services.sales.complete(cashier, draft(line(oil, 3), line(oil, 2), pay=cash(5 * 1190)))
    assert short.warnings == ("no_stock",) and lots_of(services, oil) == [0, -1]
    payload = event(services, events(services))
    assert [c["table"] for c in payload["changes"]] == [
        "sale", "sale_line", "sale_line_lot", "stock_movement", "sale_line", "sale_line_lot", "stock_movement",
        "payment"]


def test_two_lines_of_an_item_never_received_share_one_lot(services, cashier, make_item, shift) -> None:
    soap = make_item("上海药皂 125g", category="daily", unit="块", price=350, reference=400)
    changes = services.sales.complete(cashier, draft(line(soap), line(soap, 2), pay=cash(3 * 350)))
    assert changes.warnings == ("no_stock",)
    (lot,) = [lot for lot in services.stock.lots(include_empty=True) if lot.item_id == soap.id]
    assert (lot.origin, lot.document, lot.on_hand) == ("unrecorded", changes.number, -3)
    report = _verify(services)
    assert report.ok, report.problem


def test_an_item_off_sale_is_refused(services, cashier, manager, goods, shift, events) -> None:
    ticket = draft(line(goods.rice), pay=cash(RICE))  # on the screen before the manager takes it off sale
    services.catalog.update_item(manager, goods.rice.id, replace(goods.rice.draft(), active=False))
    with pytest.raises(NotSellable) as caught:
        services.sales.scan(RICE_CODE)
    assert caught.value.item_name == "东北大米 5kg"
    before, seq = everything(services), events(services)
    with pytest.raises(NotSellable):
        services.sales.complete(cashier, ticket)
    assert everything(services) == before and events(services) == seq


def test_a_price_changed_while_the_ticket_was_open_is_refused(services, cashier, manager, goods, shift,
                                                              monkeypatch) -> None:
    # the back office changes the rice's price while the manager types the PIN at the counter
    authorize = services.accounts.authorize

    def slow_manager(actor, action, given):
        approver = authorize(actor, action, given)
        if str(action) == "sale.discount":
            services.catalog.update_item(manager, goods.rice.id, replace(goods.rice.draft(), sale_price_fen=3000))
        return approver

    monkeypatch.setattr(services.accounts, "authorize", slow_manager)
    with pytest.raises(InvalidInput) as caught:
        services.sales.complete(cashier, draft(line(goods.rice, price_fen=2000), pay=cash(2000),
                                               approval=approval()))
    assert (caught.value.field, caught.value.value, caught.value.reason) == ("price", "东北大米 5kg", "price_changed")
    assert count(services, Sale) == 0 and services.stock.on_hand(goods.rice.id) == 20
    # paid again, the ticket is priced from the catalog of the moment
    view = services.sales.sale(services.sales.complete(cashier, draft(line(goods.rice), pay=cash(3000))).number)
    assert (view.number, view.lines[0].list_price_fen) == ("PT01-2026-S000001", 3000)


# --- the manager's limit ---------------------------------------------------------------------------------
def test_within_the_limit_a_cashier_needs_no_approval(services, cashier, goods, shift) -> None:
    # exactly 10% off: the sweater's price, the rice by a line discount and the ticket's discount together
    services.sales.complete(cashier, draft(line(goods.sweater, price_fen=2250), pay=cash(2250)))
    services.sales.complete(cashier, draft(line(goods.rice, 2, discount_fen=658), pay=cash(2 * RICE - 658)))
    lines = (line(goods.sweater, price_fen=2375), line(goods.rice, 2, discount_fen=329))
    listed = SWEATER + 2 * RICE
    subtotal = 2375 + 2 * RICE - 329
    ticket_off = listed // 10 - (listed - subtotal)
    assert not services.sales.needs_approval(cashier, [(lines[0], SWEATER), (lines[1], RICE)], ticket_off)
    assert services.sales.needs_approval(cashier, [(lines[0], SWEATER), (lines[1], RICE)], ticket_off + 1)
    changes = services.sales.complete(cashier, draft(*lines, discount=ticket_off, pay=cash(subtotal - ticket_off)))
    view = services.sales.sale(changes.number)
    assert view.total_fen == listed - listed // 10
    assert sum(l.ticket_discount_fen for l in view.lines) == ticket_off
    with services.db.read() as s:
        assert s.scalar(select(Sale.approved_by).where(Sale.number == changes.number)) is None
    assert audits(services, "sale.discount") == []


@pytest.mark.parametrize(
    ("case", "lines", "discount"),
    [
        ("price down 10.03%", lambda g: (line(g.rice, price_fen=2960),), 0),
        ("line discount above 10%", lambda g: (line(g.rice, 2, discount_fen=659),), 0),
        ("ticket discount above 10%", lambda g: (line(g.rice), line(g.sweater)), 580),
        ("price raised by a fen", lambda g: (line(g.sweater, price_fen=SWEATER + 1),), 0),
        ("given away", lambda g: (line(g.sweater, price_fen=0),), 0),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_beyond_the_limit_a_cashier_needs_the_manager(services, cashier, manager, goods, shift, events,
                                                      case, lines, discount) -> None:
    drafted = lines(goods)
    prices = {goods.rice.id: RICE, goods.sweater.id: SWEATER}
    total = services.sales.totals([(l, prices[l.item_id]) for l in drafted], discount).total_fen
    pay = cash(total) if total else cash(100)
    assert services.sales.needs_approval(cashier, [(l, prices[l.item_id]) for l in drafted], discount)
    before, seq = everything(services), events(services)
    with pytest.raises(ApprovalRequired) as caught:
        services.sales.complete(cashier, draft(*drafted, discount=discount, pay=pay))
    assert caught.value.action == "sale.discount"
    assert everything(services) == before and events(services) == seq

    changes = services.sales.complete(cashier, draft(*drafted, discount=discount, pay=pay,
                                                     approval=approval(f"店长同意：{case}")))
    assert changes.number == "PT01-2026-S000001"
    with services.db.read() as s:
        sale = s.scalars(select(Sale).where(Sale.number == changes.number)).one()
        assert (sale.approved_by, sale.approval_reason, sale.cashier_id) == (
            manager.user_id, f"店长同意：{case}", cashier.user_id)
    (entry,) = [a for a in audits(services, "sale.discount")]
    assert (entry.outcome, entry.user_id, entry.approved_by) == ("approved", cashier.user_id, manager.user_id)
    assert json.loads(entry.detail) == {"number": changes.number, "reason": f"店长同意：{case}"}
    facts = event(services, changes.event_seq)["facts"]
    assert facts["approval"] == {"approved_by": str(manager.user_id), "reason": f"店长同意：{case}"}


def test_a_manager_needs_no_approval_for_any_discount(services, manager, goods, shift) -> None:
    lines = (line(goods.rice, price_fen=1000), line(goods.sweater, price_fen=SWEATER + 500))
    assert not services.sales.needs_approval(manager, [(lines[0], RICE), (lines[1], SWEATER)], 1000)
    changes = services.sales.complete(manager, draft(*lines, discount=1000, pay=cash(3000)))
    with services.db.read() as s:
        assert s.scalar(select(Sale.approved_by).where(Sale.number == changes.number)) is None
    assert services.sales.sale(changes.number).total_fen == 1000 + SWEATER + 500 - 1000


def test_an_approval_must_be_a_managers_with_a_reason(services, cashier, goods, shift) -> None:
    ticket = (line(goods.rice, price_fen=1000),)
    with pytest.raises(ApprovalRejected) as caught:
        services.sales.complete(cashier, draft(*ticket, pay=cash(1000), approval=approval("  ")))
    assert caught.value.reason == "no_reason"
    with pytest.raises(ApprovalRejected) as caught:
        services.sales.complete(cashier, draft(*ticket, pay=cash(1000), approval=Approval("cashier", "1111", "我同意")))
    assert caught.value.reason == "not_manager"
    assert count(services, Sale) == 0


def test_the_limit_follows_the_managers_counter_rules(services, cashier, manager, goods, shift) -> None:
    services.counter_rules.set_rules(manager, CounterRules(discount_limit_percent=20, cash_tolerance_fen=500))
    services.sales.complete(cashier, draft(line(goods.sweater, price_fen=2000), pay=cash(2000)))  # 20% off
    with pytest.raises(ApprovalRequired):
        services.sales.complete(cashier, draft(line(goods.sweater, price_fen=1999), pay=cash(1999)))
    services.counter_rules.set_rules(manager, CounterRules(discount_limit_percent=0, cash_tolerance_fen=500))
    with pytest.raises(ApprovalRequired):
        services.sales.complete(cashier, draft(line(goods.sweater, discount_fen=1), pay=cash(SWEATER - 1)))


def test_stacked_discounts_beyond_the_limit_need_the_manager(services, cashier, goods, shift) -> None:
    # rice at 10% off, then 10% off the ticket: the customer would pay 81% of the catalog price
    stacked = (line(goods.rice, 10, price_fen=2961),)
    assert services.sales.needs_approval(cashier, [(stacked[0], RICE)], 2961)
    with pytest.raises(ApprovalRequired):
        services.sales.complete(cashier, draft(*stacked, discount=2961, pay=cash(26649)))
    services.sales.complete(cashier, draft(*stacked, discount=2961, pay=cash(26649), approval=approval("老客户")))


# --- payments -------------------------------------------------------------------------------------------
def test_mixed_payments_are_recorded_with_references_and_change(services, cashier, goods, shift) -> None:
    pay = (PaymentDraft("wechat", 3000, " 4200001234202603100001 "), cash(6000), PaymentDraft("voucher", 1000, "Q-0001"))
    changes = services.sales.complete(cashier, draft(line(goods.rice, 2), line(goods.sweater), pay=pay))
    view = services.sales.sale(changes.number)
    assert view.total_fen == 9080 and view.change_fen == 920
    assert [(p.method, p.amount_fen, p.tendered_fen, p.reference) for p in view.payments] == [
        ("wechat", 3000, 3000, "4200001234202603100001"), ("cash", 5080, 6000, ""), ("voucher", 1000, 1000, "Q-0001")]
    expected = services.shifts.expected(TILL).expected_fen
    assert (expected["cash"], expected["wechat"], expected["voucher"]) == (FLOAT + 5080, 3000, 1000)
    assert services.sales.sales()[0].methods == ("wechat", "cash", "voucher")
    assert [r.number for r in services.sales.sales(shift_id=services.shifts.current(TILL).id)] == [changes.number]
    services.shifts.open(cashier, "2号收银台", 0)
    assert services.sales.sales(shift_id=services.shifts.current("2号收银台").id) == []


def test_a_voucher_is_taken_once(services, cashier, manager, goods, shift, events) -> None:
    first = services.sales.complete(cashier, draft(line(goods.rice), pay=(PaymentDraft("voucher", 1000, "Q-0001"),
                                                                          cash(2290))))
    before, seq = everything(services), events(services)
    with pytest.raises(VoucherUsed) as caught:
        services.sales.complete(cashier, draft(line(goods.sweater), pay=(PaymentDraft("voucher", 1000, " Q-0001 "),
                                                                         cash(1500))))
    assert (caught.value.voucher, caught.value.sale) == ("Q-0001", first.number)
    assert everything(services) == before and events(services) == seq
    # a voided sale gives its voucher back
    services.sales.void(manager, first.number, "顾客不要了")
    services.sales.complete(cashier, draft(line(goods.sweater), pay=(PaymentDraft("voucher", 1000, "Q-0001"),
                                                                     cash(1500))))


def test_one_voucher_cannot_pay_twice_on_the_same_ticket(services, cashier, goods, shift, events) -> None:
    before, seq = everything(services), events(services)
    with pytest.raises((VoucherUsed, InvalidInput)) as caught:
        services.sales.complete(cashier, draft(line(goods.rice), pay=(
            PaymentDraft("voucher", 1000, "Q-0002"), PaymentDraft("voucher", 1000, " Q-0002"), cash(1290))))
    assert "Q-0002" in str(caught.value)
    assert everything(services) == before and events(services) == seq


def test_a_long_voucher_number_is_never_taken_twice(services, cashier, goods, shift) -> None:
    """References are kept to 40 characters: a longer voucher number must
    not slip past the used-voucher check by being cut when stored."""
    voucher = "SHCS-2026-" + "0123456789" * 4  # 50 characters
    try:
        services.sales.complete(cashier, draft(line(goods.sweater), pay=PaymentDraft("voucher", SWEATER, voucher)))
    except InvalidInput as refused:  # refused outright is fine too
        assert refused.field == "reference"
        return
    with pytest.raises(VoucherUsed):
        services.sales.complete(cashier, draft(line(goods.sweater), pay=PaymentDraft("voucher", SWEATER, voucher)))


# --- voids -------------------------------------------------------------------------------------------
def test_a_manager_voids_a_sale_of_the_open_shift(services, cashier, manager, goods, shift, events, clock) -> None:
    services.stock.receive(manager, {goods.rice.id: 2})  # a second, newer lot
    before_lots = lots_of(services, goods.rice)
    changes = services.sales.complete(cashier, draft(line(goods.rice, 21), line(goods.sweater), pay=cash(80000)))
    assert lots_of(services, goods.rice) == [0, 1]
    assert services.shifts.expected(TILL).expected_fen["cash"] == FLOAT + 21 * RICE + SWEATER
    clock.advance(minutes=2)
    seq = events(services)

    voided = services.sales.void(manager, changes.number, "  扫错了商品 ")

    assert voided.number == changes.number and events(services) == seq + 1
    assert lots_of(services, goods.rice) == before_lots and services.stock.on_hand(goods.sweater.id) == 5
    view = services.sales.sale(changes.number)
    assert (view.status, view.void_reason) == ("voided", "扫错了商品")
    summary = services.shifts.expected(TILL)
    assert summary.expected_fen["cash"] == FLOAT
    assert (summary.sales_count, summary.voids_count, summary.voids_fen) == (0, 1, 21 * RICE + SWEATER)
    with services.db.read() as s:
        sale = s.scalars(select(Sale).where(Sale.number == changes.number)).one()
        assert (sale.voided_by, sale.voided_at) == (manager.user_id, clock())
        moves = s.scalars(select(StockMovement).where(StockMovement.reason == "void")).all()
        assert sorted(m.quantity for m in moves) == [1, 1, 20] and {m.note for m in moves} == {"扫错了商品"}
    ev = event(services, voided.event_seq)
    assert ev["kind"] == "sale.voided" and ev["facts"] == {"number": changes.number, "reason": "扫错了商品"}
    (entry,) = audits(services, "sale.void")
    assert (entry.outcome, entry.user_id, entry.approved_by) == ("done", manager.user_id, None)
    assert services.sales.sales()[0].status == "voided"


def test_a_cashier_voids_only_with_a_managers_approval(services, cashier, manager, goods, shift, events) -> None:
    changes = services.sales.complete(cashier, draft(line(goods.rice), pay=cash(RICE)))
    before, seq = everything(services), events(services)
    with pytest.raises(ApprovalRequired):
        services.sales.void(cashier, changes.number, "顾客改主意")
    assert everything(services) == before and events(services) == seq
    voided = services.sales.void(cashier, changes.number, "顾客改主意", approval("确认作废"))
    facts = event(services, voided.event_seq)["facts"]
    assert facts["approval"] == {"approved_by": str(manager.user_id), "reason": "确认作废"}
    with services.db.read() as s:
        assert s.scalar(select(Sale.voided_by).where(Sale.number == changes.number)) == manager.user_id
    (entry,) = audits(services, "sale.void")
    assert (entry.outcome, entry.user_id, entry.approved_by) == ("approved", cashier.user_id, manager.user_id)


def test_voids_that_are_refused(services, cashier, manager, goods, shift, events) -> None:
    returned = services.sales.complete(cashier, draft(line(goods.rice, 2), pay=cash(2 * RICE)))
    twice = services.sales.complete(cashier, draft(line(goods.sweater), pay=cash(SWEATER)))
    closed = services.sales.complete(cashier, draft(line(goods.rice), pay=cash(RICE)))
    sold = services.sales.sale(returned.number).lines[0]
    services.returns.create(manager, ReturnDraft(returned.number, TILL, {sold.id: 1}, "破损"))
    services.sales.void(manager, twice.number, "重复结账")
    before, seq = everything(services), events(services)

    with pytest.raises(InvalidInput) as caught:
        services.sales.void(manager, returned.number, "作废")
    assert caught.value.reason == "has_returns"
    with pytest.raises(SaleVoided):
        services.sales.void(manager, twice.number, "再作废一次")
    with pytest.raises(InvalidInput):
        services.sales.void(manager, closed.number, "   ")
    with pytest.raises(NotFound):
        services.sales.void(manager, "PT01-2026-S000999", "不存在")
    assert everything(services) == before and events(services) == seq

    expected_cash = services.shifts.expected(TILL).expected_fen["cash"]
    services.shifts.close(cashier, TILL, {10000: expected_cash // 10000, 100: expected_cash % 10000 // 100,
                                          10: expected_cash % 100 // 10})
    with pytest.raises(VoidOutsideShift):
        services.sales.void(manager, closed.number, "交班后作废")
    services.shifts.open(cashier, TILL, FLOAT)
    with pytest.raises(VoidOutsideShift):  # not in the next shift either
        services.sales.void(manager, closed.number, "交班后作废")
    assert services.sales.sale(closed.number).status == "completed"


# --- slips -----------------------------------------------------------------------------------------------
def test_slips_count_their_prints_and_carry_the_sale(services, cashier, manager, goods, shift, events) -> None:
    pay = (PaymentDraft("wechat", 2000, "4200009999"), cash(10000))
    changes = services.sales.complete(cashier, draft(line(goods.rice, 2, discount_fen=80), line(goods.sweater),
                                                     discount=500, pay=pay))
    rendered: list[tuple[int, int]] = []
    seq = events(services)
    first = services.sales.print_slip(cashier, changes.number, lambda view, reprints: rendered.append(
        (view.slip_prints, reprints)))
    services.sales.print_slip(cashier, changes.number, lambda view, reprints: rendered.append(
        (view.slip_prints, reprints)))
    assert rendered == [(1, 0), (2, 1)] and first.slip_prints == 1
    assert events(services) == seq + 2 and event(services, seq + 2)["facts"] == {"number": changes.number, "print": 2}

    doc = sale_slip(services.ctx, services.sales.sale(changes.number), reprint_count=1)
    assert (doc.number, doc.cashier, doc.till, doc.at, doc.title) == (changes.number, "cashier", TILL,
                                                                      "2026-03-10 10:05", "销售小票")
    assert (doc.subtotal_fen, doc.ticket_discount_fen, doc.total_fen, doc.change_fen) == (9000, 500, 8500, 3500)
    assert [(l.name, l.quantity, l.unit_price_fen, l.amount_fen, l.discount_fen, l.source) for l in doc.lines] == [
        ("东北大米 5kg", 2, RICE, 6500, 80, "采购"), ("男式羊毛衫 L码 藏青", 1, SWEATER, 2500, 0, "捐赠")]
    assert [(p.method, p.amount_fen, p.reference) for p in doc.payments] == [
        ("微信支付", 2000, "4200009999"), ("现金", 10000, "")]
    assert doc.reprint_count == 1 and not doc.void and doc.store_code == "PT01"
    services.sales.void(manager, changes.number, "作废")
    assert sale_slip(services.ctx, services.sales.sale(changes.number)).void


def test_a_price_changed_at_the_counter_shows_the_catalog_price_on_the_slip(services, manager, goods, shift) -> None:
    changes = services.sales.complete(manager, draft(line(goods.sweater, price_fen=2000), pay=cash(2000)))
    (slip_line,) = sale_slip(services.ctx, services.sales.sale(changes.number)).lines
    assert (slip_line.unit_price_fen, slip_line.list_price_fen) == (2000, SWEATER)


def test_a_failed_slip_print_counts_nothing(services, cashier, goods, shift, events) -> None:
    changes = services.sales.complete(cashier, draft(line(goods.rice), pay=cash(RICE)))
    seq = events(services)

    def broken(_view, _reprints):
        raise OSError("printer out of paper")

    with pytest.raises(OSError):
        services.sales.print_slip(cashier, changes.number, broken)
    assert services.sales.sale(changes.number).slip_prints == 0 and events(services) == seq


# --- parked and cancelled tickets ----------------------------------------------------------------
def test_parked_tickets_come_back_once_and_cancelled_ones_are_logged(services, cashier, goods, shift) -> None:
    ticket_id = services.sales.park(cashier, TILL, {"lines": [[str(goods.rice.id), 2]]}, "大米 ×2")
    (parked,) = services.sales.parked(TILL)
    assert (parked.id, parked.username, parked.summary) == (ticket_id, "cashier", "大米 ×2")
    assert services.sales.parked("2号收银台") == []
    assert services.sales.recall(cashier, ticket_id).content == {"lines": [[str(goods.rice.id), 2]]}
    assert services.sales.parked(TILL) == []
    with pytest.raises(NotFound):
        services.sales.recall(cashier, ticket_id)
    services.sales.cancel_ticket(cashier, "毛衫 ×1", SWEATER)
    (entry,) = services.sales.cancelled_tickets()
    assert entry.user_id == cashier.user_id and json.loads(entry.detail)["total_fen"] == SWEATER
    assert count(services, Sale) == 0


# --- what a district inspector checks ------------------------------------------------------------
@pytest.fixture
def busy_store(services, cashier, manager, goods, shift, clock):
    """A shift with sales, a mixed payment, an approved discount, a void,
    partial returns, slips, and a second till."""
    s1 = services.sales.complete(cashier, draft(line(goods.rice, 3), line(goods.sweater, 2), pay=(
        PaymentDraft("wechat", 5000, "4200000001"), cash(10000))))
    clock.advance(minutes=3)
    s2 = services.sales.complete(cashier, draft(line(goods.rice, price_fen=2000), pay=cash(2000),
                                                approval=approval()))
    clock.advance(minutes=3)
    s3 = services.sales.complete(cashier, draft(line(goods.sweater), discount=250,
                                                pay=PaymentDraft("voucher", 2250, "Q-7")))
    services.sales.print_slip(cashier, s1.number)
    services.sales.void(cashier, s2.number, "输错价格", approval("确认"))
    lines = services.sales.sale(s1.number).lines
    services.returns.create(manager, ReturnDraft(s1.number, TILL, {lines[0].id: 1, lines[1].id: 1}, "尺码不合"))
    services.returns.create(cashier, ReturnDraft(s1.number, TILL, {lines[0].id: 2}, "不要了"), approval("同意"))
    services.shifts.open(manager, "2号收银台", 0)
    services.sales.complete(manager, draft(line(goods.rice), pay=cash(5000), till="2号收银台"))
    return SimpleNamespace(numbers=(s1.number, s2.number, s3.number))


def _verify(services: Services):
    with services.db.engine.connect() as conn:
        return verify(conn)


def test_after_sales_returns_and_voids_the_file_verifies(services, busy_store) -> None:
    report = _verify(services)
    assert report.ok, report.problem
    assert report.records > 0


TAMPERING = [
    ("sale", "total_fen", "UPDATE sale SET total_fen = total_fen - 1000 WHERE number = ?"),
    ("payment", "amount_fen",
     "UPDATE payment SET amount_fen = amount_fen - 1000 WHERE method = 'cash' AND sale_id = "
     "(SELECT id FROM sale WHERE number = ?)"),
    ("sale_line", "quantity",
     "UPDATE sale_line SET quantity = quantity - 1 WHERE line_no = 1 AND sale_id = "
     "(SELECT id FROM sale WHERE number = ?)"),
]


def test_an_edit_of_a_sale_in_the_file_is_caught(services, busy_store, tmp_path) -> None:
    """Each edit on its own copy of the file, made with the sqlite3 module
    as someone with the file and a database tool would."""
    original = tmp_path / "original.db"
    with closing(sqlite3.connect(services.db.path)) as live, closing(sqlite3.connect(original)) as copy:
        live.backup(copy)
    for table, column, sql in TAMPERING:
        path = tmp_path / f"{table}.db"
        path.write_bytes(original.read_bytes())
        conn = sqlite3.connect(path)
        try:
            assert conn.execute(sql, (busy_store.numbers[0],)).rowcount == 1
            conn.commit()
        finally:
            conn.close()
        with open_store(path, upgrade=False) as db, db.engine.connect() as conn_:
            report = verify(conn_)
        assert not report.ok, table
        assert (report.problem.kind, report.problem.table, report.problem.column) == ("value", table, column)
    with open_store(original, upgrade=False) as db, db.engine.connect() as conn_:
        assert verify(conn_).ok


# --- payment codes never stored whole -------------------------------------------------------------------
WECHAT_CODE = "134567890123456789"
ALIPAY_CODE = "2876543210987654321"


@pytest.fixture
def rice(services: Services, manager: Actor, cashier: Actor, make_item):
    item = make_item("东北大米 5kg", barcode="6901234567892", price=3290)
    services.stock.receive(manager, {item.id: 10})
    services.shifts.open(cashier, TILL, 20000)
    return item


def paying(rice, method: str, reference: str) -> SaleDraft:
    return SaleDraft(uuid.uuid4(), TILL, (LineDraft(rice.id, 1),), (PaymentDraft(method, 3290, reference),))


@pytest.mark.parametrize(("method", "reference"), [
    ("wechat", WECHAT_CODE),
    ("wechat", f" {WECHAT_CODE}\n"),
    ("wechat", "1345 6789 0123 4567 89"),
    ("wechat", f"付款码{WECHAT_CODE}"),
    ("alipay", ALIPAY_CODE),
    ("alipay", WECHAT_CODE),  # the other method's whole code
    ("unionpay", ALIPAY_CODE),  # whatever the method
    ("voucher", WECHAT_CODE),
])
def test_a_reference_holding_a_whole_code_is_refused(services, cashier, rice, events, method, reference) -> None:
    before = events(services)
    with pytest.raises(PaymentReferenceRefused) as refused:
        services.sales.complete(cashier, paying(rice, method, reference))
    assert refused.value.facts == {"method": method, "reason": "full_code"}
    assert WECHAT_CODE not in str(refused.value) and ALIPAY_CODE not in str(refused.value)
    assert services.sales.sales() == [] and events(services) == before


def test_the_mask_of_the_other_methods_code_is_refused(services, cashier, rice) -> None:
    with pytest.raises(PaymentReferenceRefused) as refused:
        services.sales.complete(cashier, paying(rice, "wechat", "2876****4321"))
    assert refused.value.facts["reason"] == "wrong_method"
    assert services.sales.sales() == []


@pytest.mark.parametrize(("method", "reference"), [
    ("wechat", "1345****6789"),
    ("alipay", "2876****4321"),
    ("wechat", "4200001234202603101234567890"),  # a transaction number read off the phone
    ("alipay", "2026031022001412345678901234"),
])
def test_a_mask_or_a_transaction_number_is_kept(services, cashier, rice, method, reference) -> None:
    number = services.sales.complete(cashier, paying(rice, method, reference)).number
    assert [(p.method, p.reference) for p in services.sales.sale(number or "").payments] == [(method, reference)]


def test_the_error_says_why_in_chinese() -> None:
    from charity_pos.i18n import describe, load

    load("zh_CN")
    text = describe(PaymentReferenceRefused(method="wechat", reason="full_code"))
    assert "微信支付" in text and "完整" in text


# --- what a sale writes, row by row ---------------------------------------------------------------------
SOAP = 350


def rows_by_table(services: Services) -> dict[str, dict[str, dict[str, Any]]]:
    """Every row of every table, by its key, as JSON would hold its columns."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    with services.db.read() as s:
        for table in Base.metadata.sorted_tables:
            key = [c.name for c in table.primary_key.columns]
            out[table.name] = {
                repr([plain(row[k]) for k in key]): {c: plain(v) for c, v in row.items()}
                for row in s.execute(select(table)).mappings()}
    return out


def added(before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    return {table: [row for key, row in after[table].items() if key not in before[table]]
            for table in after if set(after[table]) - set(before[table])}


def last_event(services: Services) -> JournalEvent:
    with services.db.read() as s:
        event = s.scalars(select(JournalEvent).order_by(JournalEvent.seq.desc()).limit(1)).one()
        s.expunge(event)
        return event


@pytest.fixture
def shop(counter_shop: SimpleNamespace) -> SimpleNamespace:
    """The counter's goods and open shift (tests/conftest.py)."""
    return counter_shop


def test_a_sale_writes_exactly_its_rows_and_journals_each_as_stored(services, cashier, shop, clock) -> None:
    before = rows_by_table(services)
    changes = services.sales.complete(cashier, draft(
        LineDraft(shop.rice.id, 2), LineDraft(shop.sweater.id, 1), LineDraft(shop.soap.id, 1),
        pay=(PaymentDraft("wechat", 2000, " 4200000001 "), PaymentDraft("cash", 10000))))
    after = rows_by_table(services)
    new = added(before, after)
    number, at = changes.number, plain(clock())
    assert number == "PT01-2026-S000001" and changes.warnings == ("no_stock",)

    # the rows written, and nothing else: the counter row and the seal change in place
    assert {t: len(rows) for t, rows in new.items()} == {
        "sale": 1, "sale_line": 3, "sale_line_lot": 4, "stock_movement": 4, "stock_lot": 1, "payment": 2,
        "journal_event": 1, "document_sequence": 1}
    changed = {t for t in before if t in after and set(before[t]) == set(after[t]) and before[t] != after[t]}
    assert changed == {"store_seal"}
    (sale,) = new["sale"]
    total = 2 * RICE + SWEATER + SOAP
    assert {k: v for k, v in sale.items() if k != "id"} == {
        "number": number, "ticket_id": sale["ticket_id"], "shift_id": str(shop.shift_id),
        "cashier_id": str(cashier.user_id), "completed_at": at, "subtotal_fen": total, "ticket_discount_fen": 0,
        "total_fen": total, "change_fen": 2000 + 10000 - total, "approved_by": None, "approval_reason": None,
        "status": "completed", "voided_at": None, "voided_by": None, "void_reason": None, "slip_prints": 0}
    lines = sorted(new["sale_line"], key=lambda r: r["line_no"])
    assert [(l["line_no"], l["item_id"], l["name"], l["source"], l["quantity"], l["list_price_fen"],
             l["unit_price_fen"], l["discount_fen"], l["ticket_discount_fen"], l["amount_fen"], l["sale_id"])
            for l in lines] == [
        (1, str(shop.rice.id), "东北大米 5kg", "purchased", 2, RICE, RICE, 0, 0, 2 * RICE, sale["id"]),
        (2, str(shop.sweater.id), "男式羊毛衫 L码 藏青", "donated", 1, SWEATER, SWEATER, 0, 0, SWEATER, sale["id"]),
        (3, str(shop.soap.id), "上海药皂 125g", "purchased", 1, SOAP, SOAP, 0, 0, SOAP, sale["id"])]
    (made,) = new["stock_lot"]  # soap was never received: a lot of its own, from nothing
    assert (made["item_id"], made["origin"], made["document"], made["quantity_received"], made["received_at"]) == (
        str(shop.soap.id), "unrecorded", number, 0, at)
    rice_lots = [str(lot) for lot in shop.lots[shop.rice.id]]
    sweater_lot = str(shop.lots[shop.sweater.id][0])
    taken = sorted((p["sale_line_id"], p["lot_id"], p["quantity"]) for p in new["sale_line_lot"])
    assert taken == sorted([(lines[0]["id"], rice_lots[0], 1), (lines[0]["id"], rice_lots[1], 1),
                            (lines[1]["id"], sweater_lot, 1), (lines[2]["id"], made["id"], 1)])
    moves = sorted((m["item_id"], m["lot_id"], m["quantity"], m["reason"], m["document"], m["note"], m["user_id"],
                    m["at"]) for m in new["stock_movement"])
    user = str(cashier.user_id)
    assert moves == sorted([(str(shop.rice.id), rice_lots[0], -1, "sale", number, "", user, at),
                            (str(shop.rice.id), rice_lots[1], -1, "sale", number, "", user, at),
                            (str(shop.sweater.id), sweater_lot, -1, "sale", number, "", user, at),
                            (str(shop.soap.id), made["id"], -1, "sale", number, "", user, at)])
    assert sorted((p["position"], p["method"], p["amount_fen"], p["tendered_fen"], p["reference"], p["sale_id"])
                  for p in new["payment"]) == [(1, "wechat", 2000, 2000, "4200000001", sale["id"]),
                                               (2, "cash", total - 2000, 10000, "", sale["id"])]

    # the one event: every row above as stored, in the order the sale made them
    event = last_event(services)
    assert (event.seq, event.kind, event.actor, event.at) == (changes.event_seq, "sale.completed", user, at)
    payload = json.loads(event.payload)
    assert payload["facts"] == {"number": number, "till": TILL}
    assert [(c["op"], c["table"]) for c in payload["changes"]] == [("insert", t) for t in (
        "sale", "sale_line", "sale_line_lot", "stock_movement", "sale_line_lot", "stock_movement",
        "sale_line", "sale_line_lot", "stock_movement", "sale_line", "stock_lot", "sale_line_lot", "stock_movement",
        "payment", "payment")]
    journaled = {t.name: [c.name for c in journaled_columns(t)] for t in Base.metadata.sorted_tables}
    stored = {(t, r["id"]): {c: r[c] for c in journaled[t]} for t, rows in new.items() if t != "journal_event"
              and t != "document_sequence" for r in rows}
    assert {(c["table"], c["id"]): c["row"] for c in payload["changes"]} == stored
    assert [c["row"]["line_no"] for c in payload["changes"] if c["table"] == "sale_line"] == [1, 2, 3]
    with services.db.engine.connect() as conn:
        report = verify(conn)
    assert report.ok, report.problem


def _bad_tickets(shop: SimpleNamespace, off_sale: Any) -> dict[str, tuple[SaleDraft, type[Exception], dict[str, Any]]]:
    nowhere, nothing = uuid.uuid4(), uuid.uuid4()
    cash = (PaymentDraft("cash", 100000),)
    return {
        "an unknown item as the last line": (
            draft(LineDraft(shop.rice.id, 1), LineDraft(shop.sweater.id, 1), LineDraft(nowhere, 1), pay=cash),
            NotFound, {"kind": "item", "key": str(nowhere)}),
        "two unknown items: the first is named": (
            draft(LineDraft(shop.rice.id, 1), LineDraft(nothing, 1), LineDraft(nowhere, 1), pay=cash),
            NotFound, {"key": str(nothing)}),
        "an item off sale after a good line": (
            draft(LineDraft(shop.rice.id, 1), LineDraft(off_sale.id, 1), pay=cash),
            NotSellable, {"item_name": off_sale.name}),
        "a till with no open shift": (
            draft(LineDraft(shop.rice.id, 1), pay=cash, till="2号收银台"), NoOpenShift, {"till": "2号收银台"}),
        "the open till's name with a space": (
            draft(LineDraft(shop.rice.id, 1), pay=cash, till=f"{TILL} "), NoOpenShift, {"till": f"{TILL} "}),
    }


def test_a_ticket_wrong_on_any_line_changes_nothing_and_burns_no_number(
        services, cashier, manager, shop, make_item) -> None:
    off_sale = make_item("旧款保温杯", category="daily", unit="个", price=1500, reference=1800)
    services.stock.receive(manager, {off_sale.id: 2})
    services.catalog.update_item(manager, off_sale.id, replace(off_sale.draft(), active=False))
    before = rows_by_table(services)
    for case, (ticket, error, facts) in _bad_tickets(shop, off_sale).items():
        with pytest.raises(error) as caught:
            services.sales.complete(cashier, ticket)
        assert {k: getattr(caught.value, k) for k in facts} == facts, case
        assert rows_by_table(services) == before, case
    first = services.sales.complete(cashier, draft(LineDraft(shop.rice.id, 1), pay=(PaymentDraft("cash", RICE),)))
    assert first.number == "PT01-2026-S000001"


def test_a_later_sale_takes_what_the_earlier_one_left(services, cashier, shop, clock) -> None:
    """Balances are read in each sale's own transaction: the second sale of
    rice starts from the lot the first one emptied."""
    services.sales.complete(cashier, draft(LineDraft(shop.rice.id, 1), pay=(PaymentDraft("cash", RICE),)))
    clock.advance(minutes=1)
    before = rows_by_table(services)
    second = services.sales.complete(cashier, draft(LineDraft(shop.rice.id, 2), pay=(PaymentDraft("cash", 2 * RICE),)))
    new = added(before, rows_by_table(services))
    assert second.number == "PT01-2026-S000002" and second.warnings == ()
    assert [(p["lot_id"], p["quantity"]) for p in new["sale_line_lot"]] == [(str(shop.lots[shop.rice.id][1]), 2)]
