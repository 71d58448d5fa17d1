"""What completing a sale leaves in the store file, row by row: exactly the
sale, its lines, the lots they came from, the stock taken and the payments,
each of them in the sale's one journal event as it is stored; the
counter moved on and the seal rewritten; nothing else. A ticket with
anything wrong on any line leaves the file as it was and burns no number.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import select

from charity_pos.db.base import Base
from charity_pos.db.models import JournalEvent
from charity_pos.errors import NoOpenShift, NotFound, NotSellable
from charity_pos.ledger.canonical import journaled_columns, plain
from charity_pos.ledger.verify import verify
from charity_pos.services.registry import Services
from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft
from tests.conftest import TILL

RICE, SWEATER, SOAP = 3290, 2500, 350


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


def draft(*lines: LineDraft, pay: tuple[PaymentDraft, ...], till: str = TILL) -> SaleDraft:
    return SaleDraft(uuid.uuid4(), till, lines, pay)


@pytest.fixture
def shop(counter_shop: SimpleNamespace) -> SimpleNamespace:
    """The counter's goods and open shift (tests/conftest.py)."""
    return counter_shop


def test_a_sale_writes_exactly_its_rows_and_journals_each_as_stored(services, cashier, shop, clock) -> None:  # type: ignore[no-untyped-def]
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


def test_a_ticket_wrong_on_any_line_changes_nothing_and_burns_no_number(  # type: ignore[no-untyped-def]
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


def test_a_later_sale_takes_what_the_earlier_one_left(services, cashier, shop, clock) -> None:  # type: ignore[no-untyped-def]
    """Balances are read in each sale's own transaction: the second sale of
    rice starts from the lot the first one emptied."""
    services.sales.complete(cashier, draft(LineDraft(shop.rice.id, 1), pay=(PaymentDraft("cash", RICE),)))
    clock.advance(minutes=1)
    before = rows_by_table(services)
    second = services.sales.complete(cashier, draft(LineDraft(shop.rice.id, 2), pay=(PaymentDraft("cash", 2 * RICE),)))
    new = added(before, rows_by_table(services))
    assert second.number == "PT01-2026-S000002" and second.warnings == ()
    assert [(p["lot_id"], p["quantity"]) for p in new["sale_line_lot"]] == [(str(shop.lots[shop.rice.id][1]), 2)]
