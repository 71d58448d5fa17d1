"""Rows written with ``journal.insert_rows`` (the counter's sale) are
journaled exactly as the unit of work's flush journals the same rows made as
mapped objects, byte for byte; they cannot reach the file without their
event; and a store full of such sales passes ``verify``.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import Table, insert, select

from charity_pos.db.base import Base
from charity_pos.db.models import DocumentSequence, JournalEvent, StockLot, StockMovement
from charity_pos.ledger import journal
from charity_pos.ledger.journal import UnjournaledChange
from charity_pos.ledger.verify import verify
from charity_pos.services.base import Actor, Approval
from charity_pos.services.registry import Services
from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft
from charity_pos.services.sequences import next_number
from tests.conftest import TILL

SALE_TABLES = ("sale", "sale_line", "sale_line_lot", "stock_lot", "stock_movement", "payment", "journal_event")
MAPPED = {mapper.local_table: mapper.class_ for mapper in Base.registry.mappers}


def raw_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """The tables a sale writes, as SQLite stores them: each value with its storage class."""
    with closing(sqlite3.connect(path)) as conn:
        out = {}
        for table in SALE_TABLES:
            names = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            cells = ", ".join(f"{n}, typeof({n})" for n in names if table != "journal_event" or n in (
                "seq", "kind", "at", "actor", "payload", "prev_hash"))  # the event's uuid and hash differ by design
            out[table] = conn.execute(f"SELECT {cells} FROM {table} ORDER BY 1, 3").fetchall()
        return out


def last_payload(services: Services) -> str:
    with services.db.read() as s:
        return s.scalars(select(JournalEvent.payload).order_by(JournalEvent.seq.desc()).limit(1)).one()


def check(services: Services) -> None:
    with services.db.engine.connect() as conn:
        report = verify(conn)
    assert report.ok, report.problem


@pytest.fixture
def shop(counter_shop: SimpleNamespace) -> SimpleNamespace:
    """The counter's goods and open shift (tests/conftest.py)."""
    return counter_shop


@dataclass
class Spy:
    calls: list[list[tuple[Table, dict[str, Any]]]]


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> Spy:
    """What the sale gives ``insert_rows``, copied as it is given."""
    seen = Spy([])
    real = journal.insert_rows

    def record(session: Any, rows: Any) -> None:
        seen.calls.append([(table, dict(row)) for table, row in rows])
        real(session, rows)

    monkeypatch.setattr(journal, "insert_rows", record)
    return seen


@pytest.fixture
def twin(shop: SimpleNamespace, twin_of: Callable[[], Services]) -> Services:
    """A second store, a copy of the first as it is before the sale."""
    return twin_of()


def test_a_sale_written_as_rows_is_journaled_and_stored_as_the_same_sale_made_of_objects(
        services: Services, twin: Services, cashier: Actor, manager: Actor, shop: SimpleNamespace, spy: Spy,
        store_path: Path, clock) -> None:
    # discounts beyond the cashier's limit (approved), a price change, a lot made, an item on two lines
    changes = services.sales.complete(cashier, SaleDraft(uuid.uuid4(), TILL, (
        LineDraft(shop.rice.id, 3, discount_fen=900), LineDraft(shop.sweater.id, 1, price_fen=2000),
        LineDraft(shop.soap.id, 2), LineDraft(shop.rice.id, 1)),
        (PaymentDraft("alipay", 2000, " 2800000001 "), PaymentDraft("cash", 20000)), ticket_discount_fen=110,
        approval=Approval(manager.username, "9999", " 老顾客 ")))
    (rows,) = spy.calls
    assert [t.name for t, _ in rows].count("stock_lot") == 1  # soap's lot made for the sale

    # the same sale in the twin, as mapped objects the flush writes and notes
    with twin.db.begin() as s:
        assert next_number(s, "sale", 2026) == changes.number
        for table, row in rows:
            s.add(MAPPED[table](**row))
        journal.append(s, "sale.completed", actor=cashier.user_id, at=clock(),
                       facts={"number": changes.number, "till": TILL,
                              "approval": {"approved_by": str(manager.user_id), "reason": "老顾客"}})

    assert last_payload(services) == last_payload(twin)  # byte for byte
    assert raw_rows(store_path) == raw_rows(twin.db.path)
    payload = json.loads(last_payload(services))
    assert [(c["op"], c["table"], c["id"]) for c in payload["changes"]] == [
        ("insert", t.name, str(r["id"])) for t, r in rows]
    check(services)
    check(twin)


def test_rows_never_reach_the_file_without_their_event(services: Services, cashier: Actor,
                                                       shop: SimpleNamespace, clock) -> None:
    with services.db.read() as s:
        lot = s.scalars(select(StockLot).where(StockLot.item_id == shop.rice.id)).first()
        before = s.query(StockMovement).count()
    movement = {"id": uuid.uuid4(), "item_id": shop.rice.id, "lot_id": lot.id, "quantity": -1, "reason": "sale",
                "document": "x", "note": "", "user_id": cashier.user_id, "at": clock()}
    table = StockMovement.__table__

    # noted, no event: the commit is refused and nothing stays
    with pytest.raises(UnjournaledChange, match="stock_movement"), services.db.begin() as s:
        journal.insert_rows(s, [(table, movement)])
    # the flag that let them through is down again: a plain INSERT next to them is refused
    with pytest.raises(UnjournaledChange, match="outside a unit of work"), services.db.begin() as s:
        journal.insert_rows(s, [(table, movement)])
        journal.append(s, "stock.adjusted", actor=cashier.user_id, at=clock())
        s.connection().execute(insert(StockMovement).values(**{**movement, "id": uuid.uuid4()}))
    # a batch that fails part-way (the second row repeats the first's id) can be neither journaled nor kept
    with pytest.raises(UnjournaledChange, match="rolled back"), services.db.begin() as s:
        with pytest.raises(Exception, match="UNIQUE"):
            journal.insert_rows(s, [(table, movement), (table, {**movement, "quantity": -2})])
        with pytest.raises(UnjournaledChange, match="rolled back"):
            journal.append(s, "stock.adjusted", actor=cashier.user_id, at=clock())
    with pytest.raises(UnjournaledChange), services.db.begin() as s:
        with pytest.raises(Exception, match="UNIQUE"):
            journal.insert_rows(s, [(table, movement), (table, {**movement, "quantity": -2})])
        s.info.pop("journal_pending")  # even with the notes dropped, the commit is refused
    with services.db.read() as s:
        assert s.query(StockMovement).count() == before

    # with its event: written, and in that event as stored
    with services.db.begin() as s:
        journal.insert_rows(s, [(table, movement)])
        ev = journal.append(s, "stock.adjusted", actor=cashier.user_id, at=clock())
    (change,) = json.loads(ev.payload)["changes"]
    assert change == {"op": "insert", "table": "stock_movement", "id": str(movement["id"]), "row": {
        "id": str(movement["id"]), "item_id": str(shop.rice.id), "lot_id": str(lot.id), "quantity": -1,
        "reason": "sale", "document": "x", "note": "", "user_id": str(cashier.user_id),
        "at": "2026-03-10T02:10:00.000000+00:00"}}
    with services.db.read() as s:
        assert s.get(StockMovement, movement["id"]).quantity == -1


@pytest.mark.parametrize("bad", ["missing", "extra", "unjournaled"])
def test_rows_that_are_not_whole_journaled_rows_are_refused_before_anything_is_written(
        services: Services, cashier: Actor, shop: SimpleNamespace, clock, bad: str) -> None:
    with services.db.read() as s:
        lot = s.scalars(select(StockLot).where(StockLot.item_id == shop.rice.id)).first()
    movement = {"id": uuid.uuid4(), "item_id": shop.rice.id, "lot_id": lot.id, "quantity": -1, "reason": "sale",
                "document": "x", "note": "", "user_id": cashier.user_id, "at": clock()}
    rows: list[tuple[Table, dict[str, Any]]] = {
        "missing": [(StockMovement.__table__, {k: v for k, v in movement.items() if k != "note"})],
        "extra": [(StockMovement.__table__, {**movement, "approved_by": None})],
        "unjournaled": [(DocumentSequence.__table__, {"kind": "sale", "year": 2026, "last_serial": 99})],
    }[bad]
    rows.insert(0, (StockMovement.__table__, movement))  # a good row first: nothing of the call is written
    with services.db.begin() as s:
        with pytest.raises(ValueError):
            journal.insert_rows(s, rows)
    with services.db.read() as s:
        assert s.get(StockMovement, movement["id"]) is None
        assert s.get(DocumentSequence, ("sale", 2026)) is None


def test_a_store_after_many_sales_and_voids_passes_verify(services: Services, cashier: Actor, manager: Actor,
                                                          shop: SimpleNamespace, clock) -> None:
    numbers = []
    for n in range(40):
        clock.advance(minutes=1)
        lines = [LineDraft(shop.rice.id, 1 + n % 3), LineDraft(shop.soap.id, 1)]
        if n % 4 == 0:
            lines.append(LineDraft(shop.sweater.id, 1, discount_fen=100))
        pay = (PaymentDraft("cash", 50000),) if n % 2 else (PaymentDraft("wechat", 1000, f"42000000{n:02d}"),
                                                           PaymentDraft("cash", 50000))
        changes = services.sales.complete(cashier, SaleDraft(uuid.uuid4(), TILL, tuple(lines), pay))
        numbers.append(changes.number)
        assert changes.event_seq is not None
    for number in numbers[::7]:
        services.sales.void(cashier, number, "顾客退单", Approval(manager.username, "9999", "顾客退单"))
    check(services)
    with services.db.read() as s:
        payloads = [json.loads(p) for p in s.scalars(select(JournalEvent.payload)
                                                    .where(JournalEvent.kind == "sale.completed"))]
    assert len(payloads) == 40
    journaled = {t.name for t in Base.metadata.sorted_tables if t.name in SALE_TABLES}
    with services.db.read() as s:
        for table in ("sale", "sale_line", "sale_line_lot", "payment"):
            stored = s.execute(select(Base.metadata.tables[table].c.id)).scalars().all()
            noted = [c["id"] for p in payloads for c in p["changes"] if c["table"] == table]
            assert sorted(noted) == sorted(str(i) for i in stored) and table in journaled
