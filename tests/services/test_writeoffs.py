"""Write-offs (报损): a numbered W document with a reason, taking units out
of the very lot each line names, never more than it holds; beyond the
manager's limit (at sale price) a manager records it or approves on the
spot; one transaction and one journal event; bad input refused with nothing
changed and no number used; verify passes, and a faked write-off is caught."""

from __future__ import annotations

import contextlib
import json
import sqlite3
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import func, select

from charity_pos import messages
from charity_pos.db.models import AuditEntry, JournalEvent, StockLot, StockMovement, Writeoff, WriteoffLine
from charity_pos.errors import (
    ApprovalRejected, ApprovalRequired, InvalidInput, LotAmbiguous, LotEmpty, LotShort, LotUnknown,
    WriteoffUnknown, WrongApprovalPin,
)
from charity_pos.services.base import Actor, Approval
from charity_pos.services.catalog import Source
from charity_pos.services.counter_rules import CounterRules
from charity_pos.services.donors import DonorDraft, DonorKind
from charity_pos.services.intake import IntakeDraft, IntakeLine
from charity_pos.services.registry import Services
from charity_pos.services.writeoffs import WriteoffDraft, WriteoffLineDraft

RICE_CODE = "6901234567892"


def english(error: BaseException) -> str:
    return messages.describe(error, lambda _context, text: text)


@pytest.fixture
def shop(services: Services, manager: Actor, cashier: Actor, make_item: Callable[..., Any],
         clock: Any) -> SimpleNamespace:
    """Milk donated with a value (6 cartons in a lot of its own code), rice bought in two lots (10, then 4)."""
    milk = make_item("光明纯牛奶 250ml", category="food", unit="盒", price=300, reference=350, source=Source.DONATED)
    rice = make_item("东北大米 5kg", barcode=RICE_CODE, price=3290)
    donor = services.donors.create(manager, DonorDraft(DonorKind.PERSON, "张伟", "13800138000")).ids[0]
    clock.advance(minutes=5)
    services.intake.receive(cashier, IntakeDraft(donor, (
        IntakeLine(milk.id, 6, unit_value_fen=280, expiry_date=date(2026, 6, 20)),)))
    clock.advance(minutes=5)
    services.stock.receive(manager, {rice.id: 10})
    clock.advance(minutes=5)
    services.stock.receive(manager, {rice.id: 4})
    clock.advance(minutes=5)
    lots = {(lot.item_id, lot.document): lot for lot in services.stock.lots()}
    milk_lot = next(lot for (item, _), lot in lots.items() if item == milk.id)
    rice_lots = sorted((lot for (item, _), lot in lots.items() if item == rice.id), key=lambda lot: lot.document)
    return SimpleNamespace(milk=milk, rice=rice, milk_lot=milk_lot, rice_lots=rice_lots)


def draft(*lines: tuple[Any, int], reason: str = "damaged", **more: Any) -> WriteoffDraft:
    return WriteoffDraft(tuple(WriteoffLineDraft(lot.lot_id, quantity) for lot, quantity in lines), reason, **more)


def left(services: Services, lot_id: uuid.UUID) -> int:
    with services.db.read() as s:
        return int(s.scalar(select(func.coalesce(func.sum(StockMovement.quantity), 0))
                            .where(StockMovement.lot_id == lot_id)) or 0)


def counts(services: Services) -> tuple[int, int, int, int]:
    """Documents, lines, movements and journal events: what a refusal must leave alone."""
    with services.db.read() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) or 0  # type: ignore[return-value]
                     for t in (Writeoff, WriteoffLine, StockMovement, JournalEvent))


# --- writing off ---------------------------------------------------------------------------------
def test_a_write_off_takes_units_out_of_the_lot_it_names(services, cashier, shop, clock) -> None:
    newer = shop.rice_lots[1]
    changes = services.writeoffs.write_off(cashier, draft((newer, 2), reason="damaged", note="包装袋破了"))
    assert changes.number == "PT01-2026-W000001"
    # the newer lot, not the oldest: a write-off names its lot
    assert (left(services, shop.rice_lots[0].lot_id), left(services, newer.lot_id)) == (10, 2)
    with services.db.read() as s:
        move = s.scalars(select(StockMovement).where(StockMovement.reason == "writeoff")).one()
        w = s.scalars(select(Writeoff)).one()
        event = s.scalars(select(JournalEvent).where(JournalEvent.seq == changes.event_seq)).one()
        assert [(line.lot_id, line.quantity, line.unit_price_fen, line.unit_value_fen) for line in w.lines] == [
            (newer.lot_id, 2, 3290, None)]
    assert (move.quantity, move.document, move.lot_id, move.note) == (-2, changes.number, newer.lot_id, "破损：包装袋破了")
    assert (w.reason, w.note, w.recipient, w.value_fen, w.recorded_by, w.approved_by) == (
        "damaged", "包装袋破了", "", 6580, cashier.user_id, None)
    assert event.kind == "stock.written_off"
    facts = json.loads(event.payload)["facts"]
    assert facts == {"number": changes.number, "reason": "damaged", "value_fen": 6580, "units": 2,
                     "limit_fen": 10000}
    tables = {change["table"] for change in json.loads(event.payload)["changes"]}
    assert tables == {"writeoff", "writeoff_line", "stock_movement"}


def test_given_on_to_another_charity_names_the_organisation_and_keeps_the_donation_value(
        services, manager, shop) -> None:
    changes = services.writeoffs.write_off(manager, draft((shop.milk_lot, 6), reason="donated_on",
                                                          recipient="  静安区  慈善基金会 "))
    [row] = services.writeoffs.writeoffs(manager)
    assert (row.number, row.reason, row.recipient, row.lines, row.units, row.value_fen, row.donation_value_fen) == (
        changes.number, "donated_on", "静安区 慈善基金会", 1, 6, 1800, 1680)
    assert left(services, shop.milk_lot.lot_id) == 0
    paper = services.writeoffs.paper(manager, changes.number.lower())
    assert paper.reason_text == "转赠：静安区 慈善基金会"
    assert [(x.name, x.quantity, x.amount_fen, x.value_fen, x.origin) for x in paper.lines] == [
        ("光明纯牛奶 250ml", 6, 1800, 1680, "捐赠")]


def test_several_lots_on_one_document_one_number_one_event(services, manager, shop, events) -> None:
    before = events(services)
    changes = services.writeoffs.write_off(manager, draft((shop.rice_lots[0], 10), (shop.milk_lot, 1),
                                                          reason="other", note="仓库漏水"))
    assert events(services) == before + 1
    assert (left(services, shop.rice_lots[0].lot_id), left(services, shop.milk_lot.lot_id)) == (0, 5)
    second = services.writeoffs.write_off(manager, draft((shop.rice_lots[1], 1), reason="expired"))
    assert (changes.number, second.number) == ("PT01-2026-W000001", "PT01-2026-W000002")
    assert [r.number for r in services.writeoffs.writeoffs(manager)] == [second.number, changes.number]


# --- the limit and the manager's approval ----------------------------------------------------------
def test_a_cashier_over_the_limit_needs_a_managers_pin_and_reason(services, cashier, manager, shop) -> None:
    lines = draft((shop.rice_lots[0], 4))  # 4 x 32.90 = 131.60 > 100.00
    assert services.writeoffs.needs_approval(cashier, lines.lines)
    assert not services.writeoffs.needs_approval(manager, lines.lines)
    before = counts(services)
    with pytest.raises(ApprovalRequired) as refused:
        services.writeoffs.write_off(cashier, lines)
    assert english(refused.value) == "A manager must approve this: write off goods worth more than the limit."
    with pytest.raises(WrongApprovalPin):
        services.writeoffs.write_off(cashier, draft((shop.rice_lots[0], 4),
                                                    approval=Approval("manager", "0000", "整袋受潮")))
    with pytest.raises(ApprovalRejected):
        services.writeoffs.write_off(cashier, draft((shop.rice_lots[0], 4), approval=Approval("manager", "9999", " ")))
    with pytest.raises(ApprovalRejected):  # a cashier's PIN approves nothing
        services.writeoffs.write_off(cashier, draft((shop.rice_lots[0], 4), approval=Approval("cashier", "1111", "x")))
    assert counts(services) == before
    changes = services.writeoffs.write_off(cashier, draft((shop.rice_lots[0], 4),
                                                          approval=Approval("manager", "9999", " 整袋受潮 ")))
    with services.db.read() as s:
        w = s.scalars(select(Writeoff)).one()
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "stock.write_off_over_limit",
                                                  AuditEntry.outcome == "approved")).one()
        facts = json.loads(s.scalars(select(JournalEvent.payload).where(JournalEvent.seq == changes.event_seq)).one())
    assert (w.recorded_by, w.approved_by, w.approval_reason, w.value_fen) == (
        cashier.user_id, manager.user_id, "整袋受潮", 13160)
    assert (audit.user_id, audit.approved_by) == (cashier.user_id, manager.user_id)
    assert facts["facts"]["approval"] == {"approved_by": str(manager.user_id), "reason": "整袋受潮"}
    assert services.writeoffs.paper(cashier, changes.number).approved_by == "店长"


def test_at_the_limit_a_cashier_needs_no_one_and_the_manager_sets_the_limit(services, cashier, manager,
                                                                             shop) -> None:
    services.counter_rules.set_rules(manager, CounterRules(writeoff_limit_fen=6580))
    assert services.writeoffs.limit_fen() == 6580
    assert not services.writeoffs.needs_approval(cashier, draft((shop.rice_lots[0], 2)).lines)
    services.writeoffs.write_off(cashier, draft((shop.rice_lots[0], 2)))
    services.counter_rules.set_rules(manager, CounterRules(writeoff_limit_fen=0))
    with pytest.raises(ApprovalRequired):
        services.writeoffs.write_off(cashier, draft((shop.milk_lot, 1)))
    with pytest.raises(InvalidInput):
        services.counter_rules.set_rules(manager, CounterRules(writeoff_limit_fen=-1))


# --- bad input: refused, nothing changed, no number used ----------------------------------------------
@pytest.mark.parametrize("make, message", [
    (lambda s: draft((s.milk_lot, 0)), "Quantity must be more than zero."),
    (lambda s: draft((s.milk_lot, -2)), "Quantity must not be negative."),
    (lambda s: draft((s.milk_lot, 7)), "Lot {milk} of “光明纯牛奶 250ml” holds 6: 7 cannot be written off."),
    (lambda s: draft((s.milk_lot, 1), reason="stolen"), "Write-off reason: “stolen” is not known."),
    (lambda s: draft((s.milk_lot, 1), reason="other", note="   "), "What happened must not be empty."),
    (lambda s: draft((s.milk_lot, 1), reason="donated_on"), "Receiving organisation must not be empty."),
    (lambda s: draft((s.milk_lot, 1), reason="expired", recipient="某基金会"),
     "Receiving organisation is given only for goods passed on to another charity (转赠)."),
    (lambda s: draft((s.milk_lot, 1), (s.milk_lot, 2)), "Lot {milk_id} is on this write-off twice."),
    (lambda s: WriteoffDraft((), "damaged"), "Lines must not be empty."),
    (lambda s: WriteoffDraft((WriteoffLineDraft(uuid.uuid4(), 1),), "damaged"), "No lot has the code"),
    (lambda s: draft((s.milk_lot, 1), reason="other", note="长" * 201), "What happened is too long."),
])
def test_bad_input_is_refused_and_changes_nothing(services, cashier, shop, make, message) -> None:
    before = counts(services)
    with pytest.raises((InvalidInput, LotShort, LotUnknown)) as refused:
        services.writeoffs.write_off(cashier, make(shop))
    expected = message.format(milk=shop.milk_lot.barcode, milk_id=shop.milk_lot.lot_id)
    assert english(refused.value).startswith(expected)
    assert counts(services) == before
    assert services.writeoffs.write_off(cashier, draft((shop.milk_lot, 1))).number == "PT01-2026-W000001"


def test_an_empty_lot_is_refused(services, cashier, shop) -> None:
    services.writeoffs.write_off(cashier, draft((shop.rice_lots[1], 1)))
    services.writeoffs.write_off(cashier, draft((shop.rice_lots[1], 3), reason="spoiled"))
    before = counts(services)
    with pytest.raises(LotEmpty) as refused:
        services.writeoffs.write_off(cashier, draft((shop.rice_lots[1], 1)))
    assert "is empty: there is nothing to write off" in english(refused.value)
    assert counts(services) == before


def test_a_lot_is_found_by_its_code_its_id_or_a_barcode_with_one_lot_left(services, manager, shop) -> None:
    assert services.writeoffs.find_lot(shop.milk_lot.barcode).lot_id == shop.milk_lot.lot_id
    assert services.writeoffs.find_lot(str(shop.rice_lots[1].lot_id)).on_hand == 4
    with pytest.raises(LotAmbiguous) as two:
        services.writeoffs.find_lot(RICE_CODE)
    assert english(two.value).startswith("2 lots of “东北大米 5kg” hold goods under barcode 6901234567892")
    services.writeoffs.write_off(manager, draft((shop.rice_lots[0], 10), reason="spoiled"))
    assert services.writeoffs.find_lot(RICE_CODE).lot_id == shop.rice_lots[1].lot_id
    with pytest.raises(LotUnknown):
        services.writeoffs.find_lot("2299999999994")
    with pytest.raises(WriteoffUnknown):
        services.writeoffs.paper(manager, "PT01-2026-W000009")


# --- the records stay honest -------------------------------------------------------------------------
def verify_file(path: Path) -> Any:
    from charity_pos.db.plain import read_store
    from charity_pos.ledger.verify import verify

    with read_store(path) as raw:
        return verify(raw)


def test_verify_passes_and_the_lots_add_up(services, manager, cashier, shop, store_db) -> None:
    services.writeoffs.write_off(cashier, draft((shop.milk_lot, 2), reason="expired"))
    services.writeoffs.write_off(manager, draft((shop.rice_lots[0], 3), (shop.rice_lots[1], 1), reason="unfit"))
    lots = {lot.lot_id: lot.fate for lot in services.trace.lots(manager)}
    assert (lots[shop.milk_lot.lot_id].written_off, lots[shop.milk_lot.lot_id].on_shelf) == (2, 4)
    path = store_db.path
    store_db.close()
    report = verify_file(path)
    assert report.ok, report.problem


def test_a_stock_movement_edited_to_fake_a_write_off_is_caught(services, manager, shop, store_db) -> None:
    services.writeoffs.write_off(manager, draft((shop.milk_lot, 1)))
    path = store_db.path
    store_db.close()
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        # the intake of the rice's second lot made into a write-off of the same units
        conn.execute("UPDATE stock_movement SET reason = 'writeoff', quantity = -quantity, document = ?"
                     " WHERE lot_id = ?", ("PT01-2026-W000001", shop.rice_lots[1].lot_id.hex))
    report = verify_file(path)
    assert not report.ok
    assert report.problem.kind == "value" and report.problem.table == "stock_movement"


def test_a_write_off_line_edited_behind_the_apps_back_is_caught(services, manager, shop, store_db) -> None:
    services.writeoffs.write_off(manager, draft((shop.milk_lot, 1)))
    path = store_db.path
    store_db.close()
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE writeoff SET reason = 'donated_on', recipient = '朋友'")
    report = verify_file(path)
    assert not report.ok and report.problem.table == "writeoff"
