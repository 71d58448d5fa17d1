"""A new item is written as a plain row (``journal.insert_rows``) and is
stored and journaled byte for byte as the same item made as a mapped object
and flushed; the guards around it still refuse what they refused: a row
without its event, a write to the item table behind the journal's back in
the same unit of work, a switched-off account, a table the seal no longer
matches."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from charity_pos.services.store_file import open_store
from charity_pos.db.models import Item, JournalEvent, User
from charity_pos.errors import InvalidInput, SealBroken, SessionEnded
from charity_pos.ledger import journal
from charity_pos.ledger.journal import UnjournaledChange
from charity_pos.ledger.verify import verify
from charity_pos.services.base import Actor, Role
from charity_pos.services.catalog import ItemDraft, Source
from charity_pos.services.registry import Services
from charity_pos.services.sequences import TIMELESS, next_serial

TABLES = ("item", "document_sequence", "journal_event", "store_seal")


def raw_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """What a new item writes, as SQLite stores it: each value with its
    storage class (the event's uuid and hash, and so the seal, differ by design)."""
    with closing(sqlite3.connect(path)) as conn:
        out = {}
        for table in TABLES[:-1]:
            names = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")
                     if table != "journal_event" or r[1] not in ("uuid", "hash")]
            cells = ", ".join(f"{n}, typeof({n})" for n in names)
            out[table] = conn.execute(f"SELECT {cells} FROM {table} ORDER BY 1, 3").fetchall()
        return out


def last_event(services: Services) -> JournalEvent:
    with services.db.read() as s:
        return s.scalars(select(JournalEvent).order_by(JournalEvent.seq.desc()).limit(1)).one()


def check(services: Services) -> None:
    with services.db.engine.connect() as conn:
        report = verify(conn)
    assert report.ok, report.problem


@pytest.fixture
def twin(services: Services, twin_of: Callable[[], Services]) -> Services:
    """A second store, a copy of the first as it is before the item."""
    return twin_of()


@pytest.fixture
def written(monkeypatch: pytest.MonkeyPatch) -> list[list[tuple[Any, dict[str, Any]]]]:
    """What the catalog gives ``insert_rows``, copied as it is given."""
    seen: list[list[tuple[Any, dict[str, Any]]]] = []
    real = journal.insert_rows

    def record(session: Any, rows: Any) -> None:
        seen.append([(table, dict(row)) for table, row in rows])
        real(session, rows)

    monkeypatch.setattr(journal, "insert_rows", record)
    return seen


DRAFTS = {
    "typed barcode, reference price": ItemDraft("东北大米 5kg", "grain_oil", "袋", 3290, 3590, "6901234567892"),
    "store's own code, no reference": ItemDraft("  男式羊毛衫   L码 ", "clothing", "件", 2500, None, None,
                                                Source.DONATED),
    "off sale, consigned": ItemDraft("Zippo 打火机", "other", "个", 1, 0, "12345670", Source.CONSIGNED, False),
}


@pytest.mark.parametrize("draft", DRAFTS.values(), ids=DRAFTS.keys())
def test_a_new_item_is_stored_and_journaled_as_the_same_item_flushed_as_an_object(
        services: Services, twin: Services, manager: Actor, written: list, store_path: Path, clock,  # type: ignore[type-arg]
        draft: ItemDraft) -> None:
    changes = services.catalog.create_item(manager, draft)
    ((table, row),) = written[0]
    assert table is Item.__table__ and row["id"] == changes.ids[0]

    # the same item in the twin, as a mapped object the flush writes and notes
    with twin.db.begin() as s:
        if draft.barcode is None:
            next_serial(s, "barcode21", TIMELESS)  # the in-store code the service took
        s.add(Item(**row))
        journal.append(s, "item.created", actor=manager.user_id, at=clock())

    ours, theirs = last_event(services), last_event(twin)
    assert ours.payload == theirs.payload  # byte for byte
    assert (ours.seq, ours.kind, ours.at, ours.actor, ours.prev_hash) == (
        theirs.seq, theirs.kind, theirs.at, theirs.actor, theirs.prev_hash)
    assert raw_rows(store_path) == raw_rows(twin.db.path)
    (change,) = json.loads(ours.payload)["changes"]
    assert change["op"] == "insert" and change["table"] == "item" and change["id"] == str(changes.ids[0])
    assert change["row"]["name"] == " ".join(draft.name.split()) and change["row"]["active"] is draft.active
    shown = services.catalog.get(changes.ids[0])
    assert (shown.name, shown.sale_price_fen, shown.reference_price_fen, shown.source, shown.active) == (
        " ".join(draft.name.split()), draft.sale_price_fen, draft.reference_price_fen, draft.source, draft.active)
    check(services)
    check(twin)


def item_row(services: Services, clock, name: str = "上海药皂 125g") -> dict[str, Any]:
    with services.db.read() as s:
        category = s.scalars(select(Item.category_id).limit(1)).first()
    return {"id": uuid.uuid4(), "name": name, "pinyin_initials": "shyz", "pinyin_full": "shanghaiyaozao",
            "category_id": category, "unit": "块", "barcode": None, "sale_price_fen": 350,
            "reference_price_fen": None, "source": "purchased", "active": True, "created_at": clock(),
            "updated_at": clock(), "shelf_life_days": None, "location": None}


def test_an_item_row_without_its_event_is_refused_and_nothing_stays(services: Services, manager: Actor,
                                                                     make_item, events, clock) -> None:
    make_item()
    before = (services.catalog.count(), events(services))
    row = item_row(services, clock)
    with pytest.raises(UnjournaledChange, match="item"), services.db.begin() as s:
        journal.insert_rows(s, [(Item.__table__, row)])
    assert (services.catalog.count(), events(services)) == before
    check(services)


def test_after_the_rows_are_written_the_item_table_is_closed_to_writes_the_journal_does_not_see(
        services: Services, manager: Actor, make_item, events, clock) -> None:
    rice = make_item()
    before = (services.catalog.count(), events(services))
    # the driver's own connection, the same transaction, right after the sanctioned INSERT: refused by SQLite
    with pytest.raises(sqlite3.DatabaseError, match="not authorized"), services.db.begin() as s:
        journal.insert_rows(s, [(Item.__table__, item_row(services, clock))])
        journal.append(s, "item.created", actor=manager.user_id, at=clock())
        raw = s.connection().connection.driver_connection
        raw.execute("UPDATE item SET sale_price_fen = 1 WHERE id = ?", (rice.id.hex,))
    assert (services.catalog.count(), events(services)) == before
    assert services.catalog.get(rice.id).sale_price_fen == rice.sale_price_fen
    check(services)


def test_a_switched_off_account_makes_no_item(services: Services, manager: Actor, cashier: Actor,
                                              events) -> None:
    services.accounts.set_active(manager, cashier.username, False)
    before = (services.catalog.count(), events(services))
    with pytest.raises(SessionEnded):
        services.catalog.create_item(cashier, ItemDraft("东北大米 5kg", "grain_oil", "袋", 3290))
    with pytest.raises(SessionEnded):  # an actor no account stands behind
        services.catalog.create_item(Actor(uuid.uuid4(), "manager", Role.MANAGER),
                                     ItemDraft("东北大米 5kg", "grain_oil", "袋", 3290))
    assert (services.catalog.count(), events(services)) == before


@pytest.mark.parametrize(("draft", "field"), [
    (ItemDraft(" ", "grain_oil", "袋", 3290), "name"),
    (ItemDraft("东北大米", "no_such", "袋", 3290), "category"),
    (ItemDraft("东北大米", "grain_oil", "", 3290), "unit"),
    (ItemDraft("东北大米", "grain_oil", "袋", 3290, None, None, "stolen"), "source"),  # type: ignore[arg-type]
])
def test_bad_input_is_refused_by_name_and_makes_nothing(services: Services, manager: Actor, events,
                                                        draft: ItemDraft, field: str) -> None:
    before = (services.catalog.count(), events(services))
    with pytest.raises(InvalidInput) as refused:
        services.catalog.create_item(manager, draft)
    assert refused.value.facts["field"] == field
    assert (services.catalog.count(), events(services)) == before


def test_rows_of_a_table_the_seal_covers_are_checked_against_the_seal_and_resealed(
        services: Services, manager: Actor, store_path: Path, clock) -> None:
    account = {"id": uuid.uuid4(), "username": "volunteer", "display_name": "李明", "role": "cashier",
               "pin_hash": "x", "failed_pins": 0, "locked_until": None, "active": True, "created_at": clock()}
    with services.db.begin() as s:
        journal.insert_rows(s, [(User.__table__, account)])
        journal.append(s, "user.created", actor=manager.user_id, at=clock())
    check(services)  # the seal took the private columns written

    # a private column changed behind the app's back: the next rows for that table are refused
    services.db.close()
    with closing(sqlite3.connect(store_path)) as conn:
        conn.execute("UPDATE app_user SET display_name = '王五' WHERE username = 'volunteer'")
        conn.commit()
    db = open_store(store_path)
    try:
        again = Services.for_db(db, clock)
        with pytest.raises(SealBroken), again.db.begin() as s:
            journal.insert_rows(s, [(User.__table__, {**account, "id": uuid.uuid4(), "username": "other"})])
            journal.append(s, "user.created", actor=manager.user_id, at=clock())
        with again.db.read() as s:
            assert s.scalars(select(User.username).where(User.username == "other")).first() is None
    finally:
        db.close()


def test_after_a_flush_the_item_table_is_closed_to_writes_the_journal_does_not_see(
        services: Services, manager: Actor, make_item, events, clock) -> None:
    rice = make_item()
    before = (services.catalog.count(), events(services))
    with pytest.raises(sqlite3.DatabaseError, match="not authorized"), services.db.begin() as s:
        s.add(Item(**item_row(services, clock)))
        s.flush()
        journal.append(s, "item.created", actor=manager.user_id, at=clock())
        raw = s.connection().connection.driver_connection
        raw.execute("UPDATE item SET sale_price_fen = 1 WHERE id = ?", (rice.id.hex,))
    assert (services.catalog.count(), events(services)) == before
    assert services.catalog.get(rice.id).sale_price_fen == rice.sale_price_fen
