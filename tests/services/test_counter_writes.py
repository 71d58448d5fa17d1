"""Voiding a sale, a return and a handout write their rows with
``journal.insert_rows`` (as completing a sale does), and leave the store
file exactly as writing them as mapped objects through the unit of work's
flush did: the same event payload byte for byte, the same rows with the same
stored values and types in every table (the audit log and the seal too).

Each operation runs twice from the same file: here through the service,
and in a copy of the file through the ORM way it was written before (kept
below, only here, as it was, except that each object is given its id when
it is made instead of at the flush: ids are random, and given in the same
order both ways here so that the two files can be compared whole). Ids
and event uuids come from one counter in both runs.

Bad input is refused with its typed error and changes nothing in the file;
a unit whose event cannot be written keeps none of its rows.
"""

from __future__ import annotations

import itertools
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import Table, func, select

from charity_pos.db.base import new_id
from charity_pos.db.models import (
    CashShift, Handout, HandoutLine, HandoutLineLot, Household, JournalEvent, Payment, Refund, ReturnLine, Sale,
    SaleLine, SaleReturn, StockLot, StockMovement,
)
from charity_pos.domain import quota
from charity_pos.domain.identity import id_check_char
from charity_pos.errors import (
    ApprovalRequired, CardRefused, InvalidInput, NotFound, ReturnTooLarge, SaleVoided, VoidOutsideShift,
)
from charity_pos.ledger import journal
from charity_pos.ledger.verify import verify
from charity_pos.services import lots
from charity_pos.services.accounts import audit
from charity_pos.services.base import Actor, Approval, Changes, Entity, local_date
from charity_pos.services.handouts import (
    HandoutDraft, HandoutLineDraft, HandoutWarning, check_card, standing, unit_value,
)
from charity_pos.services.households import HouseholdCategory, HouseholdDraft
from charity_pos.services.permissions import Action, require
from charity_pos.services.registry import Services
from charity_pos.services.returns import REFUND_ORDER, ReturnDraft, refund_for
from charity_pos.services.sale_records import find_sale
from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft, is_food, load_item, sellable_on_hand
from charity_pos.services.sequences import next_number
from charity_pos.services.shifts import open_shift_in
from tests.conftest import TILL

CARD = "AX000001"


# --- the ORM way, as the services wrote it before ------------------------------------------------------------------
def orm_void(self: Any, actor: Actor, number: str, reason: str, approval: Approval | None = None) -> Changes:
    approved = self.accounts.authorize(actor, Action.VOID_SALE, approval)
    if not reason.strip():
        raise InvalidInput(field="reason", value="", reason="empty")
    now = self.ctx.now()
    with self.ctx.db.begin() as s:
        approver = require(s, actor, Action.VOID_SALE, approved).approver
        sale = find_sale(s, number)
        if sale.status == "voided":
            raise SaleVoided(number=sale.number)
        shift = s.get(CashShift, sale.shift_id)
        if shift is None or shift.closed_at is not None:
            raise VoidOutsideShift(number=sale.number)
        if s.scalars(select(SaleReturn.id).where(SaleReturn.sale_id == sale.id)).first() is not None:
            raise InvalidInput(field="sale", value=sale.number, reason="has_returns")
        for line in sale.lines:
            for part in line.lots:
                s.add(StockMovement(id=new_id(), item_id=line.item_id, lot_id=part.lot_id, quantity=part.quantity,
                                    reason="void", document=sale.number, note=reason.strip()[:200],
                                    user_id=actor.user_id, at=now))
        sale.status = "voided"
        sale.voided_at = now
        sale.voided_by = (approver or actor).user_id
        sale.void_reason = reason.strip()[:200]
        facts: dict[str, object] = {"number": sale.number, "reason": reason.strip()}
        if approver is not None and approval is not None:
            facts["approval"] = {"approved_by": str(approver.user_id), "reason": approval.reason.strip()}
        audit(s, now, str(Action.VOID_SALE), "approved" if approver else "done", actor.user_id,
              approver.user_id if approver else None, number=sale.number, reason=reason.strip())
        ev = journal.append(s, "sale.voided", actor=actor.user_id, at=now, facts=facts)
    return Changes(frozenset({Entity.SALES, Entity.STOCK, Entity.SHIFTS}), (sale.id,), ev.seq, sale.number)


def orm_return(self: Any, actor: Actor, draft: ReturnDraft, approval: Approval | None = None) -> Changes:
    approved = self.accounts.authorize(actor, Action.REFUND, approval)
    if not draft.reason.strip():
        raise InvalidInput(field="reason", value="", reason="empty")
    wanted = {line_id: q for line_id, q in draft.quantities.items() if q != 0}
    now = self.ctx.now()
    with self.ctx.db.begin() as s:
        approver = require(s, actor, Action.REFUND, approved).approver
        sale = s.scalars(select(Sale).where(Sale.number == draft.sale_number.strip().upper())).first()
        assert sale is not None and sale.status != "voided"
        shift = open_shift_in(s, draft.till)
        lines = {line.id: line for line in sale.lines}
        returned = dict(s.execute(
            select(ReturnLine.sale_line_id, func.sum(ReturnLine.quantity))
            .where(ReturnLine.sale_line_id.in_(list(lines))).group_by(ReturnLine.sale_line_id)).all())
        number = next_number(s, "return", local_date(now).year)
        entry = SaleReturn(id=new_id(), number=number, sale_id=sale.id, shift_id=shift.id, user_id=actor.user_id,
                           approved_by=(approver or actor).user_id, reason=draft.reason.strip()[:200], at=now,
                           total_fen=0)
        s.add(entry)
        s.flush()
        total = 0
        for line_no, (line_id, quantity) in enumerate(wanted.items(), start=1):
            line = lines[line_id]
            before = int(returned.get(line_id, 0))
            assert before + quantity <= line.quantity
            amount = refund_for(line, before, quantity)
            total += amount
            s.add(ReturnLine(id=new_id(), return_id=entry.id, line_no=line_no, sale_line_id=line.id,
                             quantity=quantity, amount_fen=amount))
            skip, left = before, quantity
            taken = sorted(line.lots, key=lambda p: (s.get(StockLot, p.lot_id).received_at, str(p.lot_id)))
            for part in taken:
                room = part.quantity - min(skip, part.quantity)
                skip = max(0, skip - part.quantity)
                back = min(room, left)
                if back:
                    s.add(StockMovement(id=new_id(), item_id=line.item_id, lot_id=part.lot_id, quantity=back,
                                        reason="return", document=number, note=draft.reason.strip()[:200],
                                        user_id=actor.user_id, at=now))
                    left -= back
        entry.total_fen = total
        orm_refund(s, entry, sale, total)
        facts: dict[str, object] = {"number": number, "sale": sale.number, "reason": draft.reason.strip()}
        if approver is not None and approval is not None:
            facts["approval"] = {"approved_by": str(approver.user_id), "reason": approval.reason.strip()}
        audit(s, now, str(Action.REFUND), "approved" if approver else "done", actor.user_id,
              approver.user_id if approver else None, number=number, sale=sale.number)
        ev = journal.append(s, "sale.returned", actor=actor.user_id, at=now, facts=facts)
    return Changes(frozenset({Entity.SALES, Entity.STOCK, Entity.SHIFTS}), (entry.id,), ev.seq, number)


def orm_refund(s: Any, entry: SaleReturn, sale: Sale, total: int) -> None:
    refunded: dict[str, int] = dict(s.execute(
        select(Refund.method, func.sum(Refund.amount_fen)).join(SaleReturn)
        .where(SaleReturn.sale_id == sale.id, SaleReturn.id != entry.id).group_by(Refund.method)).all())
    payments: list[Payment] = sorted(sale.payments, key=lambda p: (REFUND_ORDER.get(p.method, 3), p.position))
    left = total
    position = 0
    for payment in payments:
        already = min(int(refunded.get(payment.method, 0)), payment.amount_fen)
        refunded[payment.method] = int(refunded.get(payment.method, 0)) - already
        room = payment.amount_fen - already
        amount = min(room, left)
        if amount > 0:
            position += 1
            s.add(Refund(id=new_id(), return_id=entry.id, position=position, method=payment.method,
                         amount_fen=amount, reference=payment.reference))
            left -= amount
    if left > 0:
        position += 1
        s.add(Refund(id=new_id(), return_id=entry.id, position=position, method="cash", amount_fen=left,
                     reference=""))


def orm_handout(self: Any, actor: Actor, draft: HandoutDraft) -> Changes:
    today = local_date(self.ctx.now())
    with self.ctx.db.read() as s:
        household = s.get(Household, draft.household_id)
        assert household is not None
        check_card(household, today)
        rule, _period, before = standing(s, household, today)
        basket = []
        for line in draft.lines:
            item, category = load_item(s, line.item_id)
            basket.append(quota.BasketLine(category, line.quantity, line.quantity * unit_value(item)))
    verdict = quota.judge(before, basket)
    enforced = not verdict.within and rule.enforce
    approved = self.accounts.authorize(actor, Action.OVER_ALLOWANCE, draft.approval) if enforced else None
    now = self.ctx.now()
    with self.ctx.db.begin() as s:
        grant = require(s, actor, Action.HAND_OUT)
        approver: Actor | None = None
        if enforced:
            over = require(s, actor, Action.OVER_ALLOWANCE, approved)
            approver = over.approver
            if approver is None:
                if draft.approval is None or not draft.approval.reason.strip():
                    raise ApprovalRequired(action=str(Action.OVER_ALLOWANCE), role=str(grant.actor.role))
                approver = grant.actor
        household = s.get(Household, draft.household_id)
        assert household is not None
        rule, period, standing_now = standing(s, household, today)
        assert quota.judge(standing_now, basket) == verdict
        number = next_number(s, "handout", today.year)
        total = sum(line.value_fen for line in basket)
        reason = draft.approval.reason.strip()[:200] if draft.approval and not verdict.within else None
        handout = Handout(
            id=new_id(), number=number, ticket_id=draft.ticket_id, household_id=household.id,
            period_key=period.key, at=now, cashier_id=actor.user_id, total_value_fen=total,
            allowance_fen=standing_now.allowance_fen, used_before_fen=standing_now.used_fen,
            mode="enforce" if rule.enforce else "warn", over_allowance=not verdict.within,
            approved_by=approver.user_id if approver else None, override_reason=reason, slip_prints=0,
        )
        s.add(handout)
        s.flush()
        warnings: list[str] = []
        for line_no, (line, basket_line) in enumerate(zip(draft.lines, basket, strict=True), start=1):
            item, category = load_item(s, line.item_id)
            entry = HandoutLine(id=new_id(), handout_id=handout.id, line_no=line_no, item_id=item.id, name=item.name,
                                goods_category=category, source=item.source, quantity=line.quantity,
                                unit_value_fen=unit_value(item), value_fen=basket_line.value_fen)
            s.add(entry)
            s.flush()
            food = is_food(category)
            if sellable_on_hand(lots.all_balances(s, item.id), today, food=food) < line.quantity:
                warnings.append(HandoutWarning.NO_STOCK)
            for lot, quantity in lots.take_for_sale(s, item, line.quantity, today, food=food, lot_id=line.lot_id,
                                                    document=number, at=now):
                s.add(HandoutLineLot(id=new_id(), handout_line_id=entry.id, lot_id=lot.id, quantity=quantity))
                s.add(StockMovement(id=new_id(), item_id=item.id, lot_id=lot.id, quantity=-quantity,
                                    reason="handout", document=number, user_id=actor.user_id, at=now))
        facts: dict[str, object] = {"number": number, "period": period.key}
        if not verdict.within:
            facts["override"] = {"mode": handout.mode, "over_value_fen": verdict.over_value_fen,
                                 "over_counts": verdict.over_counts}
            if approver is not None:
                facts["override"]["approved_by"] = str(approver.user_id)  # type: ignore[index]
                facts["override"]["reason"] = reason  # type: ignore[index]
            else:
                warnings.append(HandoutWarning.OVER_ALLOWANCE)
            audit(s, now, str(Action.OVER_ALLOWANCE), "approved" if approver else "warned", actor.user_id,
                  approver.user_id if approver else None, number=number, reason=reason or "")
        ev = journal.append(s, "handout.completed", actor=actor.user_id, at=now, facts=facts)
    return Changes(frozenset({Entity.HANDOUTS, Entity.STOCK}), (handout.id,), ev.seq, number,
                   tuple(dict.fromkeys(warnings)))


# --- comparing two files -----------------------------------------------------------------------------------------
def stored(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table as SQLite stores it: each value with its storage class."""
    with closing(sqlite3.connect(path)) as conn:
        names = [n for (n,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        out = {}
        for table in names:
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            cells = ", ".join(f'"{c}", typeof("{c}")' for c in columns)
            out[table] = sorted(conn.execute(f'SELECT {cells} FROM "{table}"').fetchall(), key=repr)
        return out


def last_payload(services: Services) -> str:
    with services.db.read() as s:
        return s.scalars(select(JournalEvent.payload).order_by(JournalEvent.seq.desc()).limit(1)).one()


_ROUNDS = itertools.count(1)


@contextmanager
def counted_ids(round_no: int) -> Iterator[None]:
    """Ids and event uuids from a counter, the same for each use with ``round_no``."""
    counter = itertools.count(1)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(uuid, "uuid4", lambda: uuid.UUID(int=(0xC0DE << 96) + (round_no << 32) + next(counter), version=4))
        yield


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Table, dict[str, Any]]]:
    """The rows the services give ``insert_rows``."""
    seen: list[tuple[Table, dict[str, Any]]] = []
    real = journal.insert_rows

    def record(session: Any, rows: Any) -> None:
        seen.extend((table, dict(row)) for table, row in rows)
        real(session, rows)

    monkeypatch.setattr(journal, "insert_rows", record)
    return seen


def same_both_ways(services: Services, twin: Services, spy: list[tuple[Table, dict[str, Any]]],
                   new: Callable[[], Changes], old: Callable[[], Changes]) -> dict[str, Any]:
    """Run ``new`` here and ``old`` in the twin; both files must end the
    same, and every row the event inserts went through ``insert_rows``."""
    import json

    spy.clear()
    round_no = next(_ROUNDS)
    with counted_ids(round_no):
        made = new()
    with counted_ids(round_no):
        before = old()
    assert (made.number, made.ids, made.event_seq, made.warnings) == (
        before.number, before.ids, before.event_seq, before.warnings)
    assert last_payload(services) == last_payload(twin)  # byte for byte
    assert stored(services.db.path) == stored(twin.db.path)
    payload = json.loads(last_payload(services))
    inserts = [(c["table"], c["id"]) for c in payload["changes"] if c["op"] == "insert"]
    assert inserts == [(table.name, str(row["id"])) for table, row in spy]
    with services.db.engine.connect() as conn:
        report = verify(conn)
    assert report.ok, report.problem
    return payload


# --- the shop ----------------------------------------------------------------------------------------------------
@pytest.fixture
def shop(counter_shop: SimpleNamespace) -> SimpleNamespace:
    """The counter's goods and open shift (tests/conftest.py)."""
    return counter_shop


def busy_sale(services: Services, cashier: Actor, shop: SimpleNamespace, *pay: PaymentDraft) -> str:
    """Rice from the newer lot first (scanned) then the older, a line of rice
    beyond the books, a discounted sweater, soap never received."""
    return services.sales.complete(cashier, SaleDraft(uuid.uuid4(), TILL, (
        LineDraft(shop.rice.id, 6, lot_id=shop.newer_rice_lot), LineDraft(shop.sweater.id, 2, discount_fen=100),
        LineDraft(shop.soap.id, 2), LineDraft(shop.rice.id, 1)),
        pay or (PaymentDraft("cash", 50000),))).number  # type: ignore[return-value]


def approval(reason: str = " 顾客要求 ") -> Approval:
    return Approval("manager", "9999", reason)


# --- voiding -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("who", ["cashier", "manager"])
def test_a_void_is_written_as_the_orm_wrote_it(services, twin_of, spy, cashier, manager, shop, who) -> None:
    number = busy_sale(services, cashier, shop)
    twin = twin_of()
    actor, ok = (cashier, approval()) if who == "cashier" else (manager, None)
    payload = same_both_ways(services, twin, spy, lambda: services.sales.void(actor, number, " 顾客退单 ", ok),
                             lambda: orm_void(twin.sales, actor, number, " 顾客退单 ", ok))
    # the goods back into each lot they left, in the order they left, then the sale marked
    changes = [(c["op"], c["table"], c["row"].get("quantity")) for c in payload["changes"]]
    assert changes == [("insert", "stock_movement", q) for q in (5, 1, 2, 2, 1)] + [("update", "sale", None)]
    assert services.stock.on_hand(shop.rice.id) == 6 and services.stock.on_hand(shop.soap.id) == 0
    assert services.sales.sale(number).status == "voided"


@pytest.mark.parametrize("bad", ["no_reason", "unknown", "voided", "returned", "closed_shift", "no_approval"])
def test_a_void_refused_changes_nothing(services, cashier, manager, shop, bad) -> None:
    number = busy_sale(services, cashier, shop)
    if bad == "voided":
        services.sales.void(manager, number, "顾客退单")
    if bad == "returned":
        line = services.sales.sale(number).lines[1]
        services.returns.create(manager, ReturnDraft(number, TILL, {line.id: 1}, "破损"))
    if bad == "closed_shift":
        cash = services.shifts.expected(TILL).expected_fen["cash"]
        services.shifts.close(cashier, TILL, {10000: cash // 10000, 100: cash % 10000 // 100, 10: cash % 100 // 10})
    before = stored(services.db.path)
    expected, actor, reason, target = {
        "no_reason": (InvalidInput, manager, "  ", number), "unknown": (NotFound, manager, "x", "PT01-2026-X999999"),
        "voided": (SaleVoided, manager, "x", number), "returned": (InvalidInput, manager, "x", number),
        "closed_shift": (VoidOutsideShift, manager, "x", number),
        "no_approval": (ApprovalRequired, cashier, "x", number),
    }[bad]
    with pytest.raises(expected):
        services.sales.void(actor, target, reason)
    assert stored(services.db.path) == before


# --- returns -----------------------------------------------------------------------------------------------------
def test_returns_are_written_as_the_orm_wrote_them(services, twin_of, spy, cashier, manager, shop) -> None:
    number = busy_sale(services, cashier, shop, PaymentDraft("wechat", 5000, "4200000001"),
                       PaymentDraft("voucher", 3000, "QJ-0007"), PaymentDraft("cash", 30000))
    lines = services.sales.sale(number).lines
    twin = twin_of()
    rounds = [  # rice: 3 of the 6 (one from the older lot, two from the newer), a sweater, soap
        (cashier, {lines[0].id: 3, lines[1].id: 1, lines[2].id: 1}, approval(" 包装破损 ")),
        # the rest of the rice line (the units returned before are skipped), the other
        # sweater, the line beyond the books
        (manager, {lines[0].id: 3, lines[1].id: 1, lines[3].id: 1, lines[2].id: 0}, None),
    ]
    for actor, quantities, ok in rounds:
        draft = ReturnDraft(f" {number.lower()} ", TILL, quantities, " 顾客退货 ")
        payload = same_both_ways(services, twin, spy, lambda: services.returns.create(actor, draft, ok),  # noqa: B023
                                 lambda: orm_return(twin.returns, actor, draft, ok))  # noqa: B023
        assert [c["table"] for c in payload["changes"]][0] == "sale_return"
        assert {c["table"] for c in payload["changes"]} == {
            "sale_return", "return_line", "stock_movement", "refund"}
    first = services.returns.find("PT01-2026-T000001")  # money back to the phone payment first
    assert first.refunds[0].method == "wechat" and sum(r.amount_fen for r in first.refunds) == first.total_fen
    assert services.stock.on_hand(shop.rice.id) == 6 and services.stock.on_hand(shop.sweater.id) == 3


@pytest.mark.parametrize("bad", ["no_reason", "not_a_number", "bool", "negative", "nothing", "unknown_sale",
                                 "voided", "other_line", "too_many", "no_shift", "no_approval"])
def test_a_return_refused_changes_nothing(services, cashier, manager, shop, bad) -> None:
    number = busy_sale(services, cashier, shop)
    lines = services.sales.sale(number).lines
    other = busy_sale(services, cashier, shop)
    services.returns.create(manager, ReturnDraft(number, TILL, {lines[0].id: 5}, "破损"))
    if bad == "voided":
        services.sales.void(manager, other, "顾客退单")
    before = stored(services.db.path)
    actor, target, till, reason, quantities, expected = manager, number, TILL, "破损", {lines[0].id: 1}, InvalidInput
    if bad == "no_reason":
        reason = " "
    elif bad == "not_a_number":
        quantities = {lines[0].id: "1"}  # type: ignore[dict-item]
    elif bad == "bool":
        quantities = {lines[0].id: True}
    elif bad == "negative":
        quantities = {lines[0].id: 1, lines[1].id: -1}
    elif bad == "nothing":
        quantities = {lines[0].id: 0}
    elif bad == "unknown_sale":
        target, expected = "PT01-2026-X999999", NotFound
    elif bad == "voided":
        target, expected = other, SaleVoided
    elif bad == "other_line":
        quantities, expected = {lines[1].id: 1, services.sales.sale(other).lines[0].id: 1}, NotFound
    elif bad == "too_many":  # the second line is refused after the first was fine
        quantities, expected = {lines[1].id: 1, lines[0].id: 2}, ReturnTooLarge
    elif bad == "no_shift":
        till, expected = "2号收银台", Exception
    elif bad == "no_approval":
        actor, expected = cashier, ApprovalRequired
    with pytest.raises(expected) as caught:
        services.returns.create(actor, ReturnDraft(target, till, quantities, reason))
    if bad == "too_many":
        assert (caught.value.sold, caught.value.returned, caught.value.wanted) == (6, 5, 2)
    assert stored(services.db.path) == before


# --- handouts ----------------------------------------------------------------------------------------------------
def household_draft(card: str, members: int = 3) -> HouseholdDraft:
    first17 = f"310104{date(1950, 1, 1) + timedelta(days=int(card[-4:]) * 37):%Y%m%d}{int(card[-4:]) % 1000:03d}"
    return HouseholdDraft(card, "王建国", first17 + id_check_char(first17), members, HouseholdCategory.DIBAO,
                          "石门二路街道", "静民救〔2026〕001号", date(2026, 1, 1), date(2026, 12, 31),
                          date(2026, 1, 1))


@pytest.fixture
def household(services: Services, manager: Actor) -> uuid.UUID:
    return services.households.register(manager, household_draft(CARD)).ids[0]


@pytest.mark.parametrize("case", ["within", "approved", "manager_over", "warned"])
def test_a_handout_is_written_as_the_orm_wrote_it(services, twin_of, spy, cashier, manager, shop, household,
                                                  case) -> None:
    from charity_pos.services.quotas import RuleDraft

    if case == "warned":
        services.quotas.set_rule(manager, RuleDraft("dibao", "month", 5000, 2000, 0, "", "warn"))
    # rice from the newer lot first, rice again beyond the books, soap never received
    lines = ((shop.rice.id, 1, None), (shop.soap.id, 2, None)) if case == "within" else (
        (shop.rice.id, 4, shop.newer_rice_lot), (shop.rice.id, 3, None), (shop.soap.id, 2, None))
    actor, ok = {"within": (cashier, None), "approved": (cashier, approval(" 家中有病人 ")),
                 "manager_over": (manager, approval(" 店长同意 ")), "warned": (cashier, None)}[case]
    draft = HandoutDraft(uuid.uuid4(), household, tuple(HandoutLineDraft(i, n, lot) for i, n, lot in lines), ok)
    twin = twin_of()
    payload = same_both_ways(services, twin, spy, lambda: services.handouts.complete(actor, draft),
                             lambda: orm_handout(twin.handouts, actor, draft))
    tables = [c["table"] for c in payload["changes"]]
    assert tables[:2] == ["handout", "handout_line"] and "stock_lot" in tables  # soap's lot made for it
    if case != "within":
        assert services.stock.on_hand(shop.rice.id) == -1 and "override" in payload["facts"]


@pytest.mark.parametrize("bad", ["empty", "too_many_lines", "zero", "not_a_number", "too_large", "unknown_item",
                                 "unknown_household", "expired_card", "no_approval", "no_reason"])
def test_a_handout_refused_changes_nothing(services, cashier, manager, shop, household, bad) -> None:
    expired = services.households.register(manager, HouseholdDraft(
        "AX000002", "李四", household_draft("AX000002").id_number, 2, HouseholdCategory.DIBAO, "石门二路街道",
        "静民救〔2026〕002号", date(2025, 1, 1), date(2026, 3, 9), date(2025, 1, 1))).ids[0]
    before = stored(services.db.path)
    actor, target, lines, ok, expected = cashier, household, [(shop.soap.id, 1)], None, InvalidInput
    if bad == "empty":
        lines = []
    elif bad == "too_many_lines":
        lines = [(shop.soap.id, 1)] * 101
    elif bad == "zero":
        lines = [(shop.soap.id, 1), (shop.rice.id, 0)]
    elif bad == "not_a_number":
        lines = [(shop.soap.id, 1.5)]  # type: ignore[list-item]
    elif bad == "too_large":
        lines = [(shop.soap.id, 1000)]
    elif bad == "unknown_item":
        lines, expected = [(shop.soap.id, 1), (uuid.uuid4(), 1)], NotFound
    elif bad == "unknown_household":
        target, expected = uuid.uuid4(), NotFound
    elif bad == "expired_card":
        target, expected = expired, CardRefused
    elif bad == "no_approval":  # rice past the allowance of an enforce rule
        lines, expected = [(shop.rice.id, 3)], ApprovalRequired
    elif bad == "no_reason":  # a manager past the allowance needs a reason of their own
        actor, lines, ok, expected = manager, [(shop.rice.id, 3)], Approval("", "", " "), ApprovalRequired
    with pytest.raises(expected):
        services.handouts.complete(actor, HandoutDraft(uuid.uuid4(), target, tuple(
            HandoutLineDraft(i, n) for i, n in lines), ok))
    assert stored(services.db.path) == before


# --- a unit whose event fails keeps nothing --------------------------------------------------------------------
@pytest.mark.parametrize("operation", ["void", "return", "handout"])
def test_rows_are_not_kept_when_their_event_fails(services, cashier, manager, shop, household, monkeypatch,
                                                  operation) -> None:
    number = busy_sale(services, cashier, shop)
    line = services.sales.sale(number).lines[0]
    before = stored(services.db.path)

    def broken(*_args: Any, **_kw: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(journal, "append", broken)
    with pytest.raises(OSError, match="disk full"):
        if operation == "void":
            services.sales.void(manager, number, "顾客退单")
        elif operation == "return":
            services.returns.create(manager, ReturnDraft(number, TILL, {line.id: 1}, "破损"))
        else:
            services.handouts.complete(cashier, HandoutDraft(uuid.uuid4(), household, (
                HandoutLineDraft(shop.soap.id, 1),)))
    assert stored(services.db.path) == before
