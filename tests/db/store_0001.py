"""A store file made at the first schema revision (0001), as the version of
that revision wrote one: Alembic brings an empty file to "0001" (not a
newer file set back), and the rows go in through the tables as
``0001_store_schema.py`` defines them (its ``op.create_table`` calls,
replayed into a ``MetaData``), so each value is stored in the form that
version's types wrote. Each change has its journal event, chained as the
journal chains them, holding the rows' journaled columns; the key file is
that version's too (no signing key, no note that the store is sealed: there
was no seal yet).

What the file holds: the store, a manager and a cashier, the categories, three
goods (rice and soap bought, a donated sweater), a donor, a household
registered with its ID number encrypted, a donation of three sweaters and
cash with its lot (an in-store barcode), its receipt, a goods receipt of rice
and soap, a stock count of the rice, and a log-in in the audit log.
"""

from __future__ import annotations

import base64
import contextlib
import importlib.util
import json
import secrets
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import sqlalchemy as sa
from alembic import command

from charity_pos.db import migrate
from charity_pos.db.base import Base
from charity_pos.domain import barcodes, pinyin, pins
from charity_pos.domain.identity import mask_id
from charity_pos.ledger.canonical import GENESIS, canonical_json, event_hash, journaled_columns, plain
from charity_pos.ledger.journal import UNJOURNALED_OK
from charity_pos.security.keys import StoreKeys, key_path, write_new_key_file
from charity_pos.services.catalog import DEFAULT_CATEGORIES

REVISION = "0001"
MIGRATION = migrate.STORE.folder / "versions" / "0001_store_schema.py"
START = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)  # 09:30 in Shanghai
CODE = "PT01"
MANAGER_PIN, CASHIER_PIN = "9999", "1111"
ID_NUMBER = "310104195803017620"


def tables_0001() -> dict[str, sa.Table]:
    """The tables as revision 0001 creates them: its ``upgrade`` run against
    a stand-in for Alembic's ``op`` that keeps each table it is given."""
    metadata = sa.MetaData()

    class Batch:
        def create_index(self, *_args: object, **_kwargs: object) -> None:
            pass

    class Op:
        @staticmethod
        def create_table(name: str, *columns: Any) -> None:
            sa.Table(name, metadata, *columns)

        @staticmethod
        @contextlib.contextmanager
        def batch_alter_table(_name: str, **_kwargs: object) -> Iterator[Batch]:
            yield Batch()

        @staticmethod
        def f(name: str) -> str:
            return name

    spec = importlib.util.spec_from_file_location("revision_0001", MIGRATION)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.op = Op()
    module.upgrade()
    return dict(metadata.tables)


@dataclass(frozen=True)
class Held:
    """What the 0001 file holds, as the test expects to find it after the upgrade."""

    path: Path
    store_id: uuid.UUID
    manager_id: uuid.UUID
    cashier_id: uuid.UUID
    #: name -> (id, barcode, sale price, reference price, source, units on hand)
    items: dict[str, tuple[uuid.UUID, str | None, int, int | None, str, int]]
    donation_number: str
    donation_value_fen: int
    cash_fen: int
    receipt_number: str
    lot_barcode: str
    household_id: uuid.UUID
    card_number: str
    events: int
    audit_entries: int
    #: every table's row count
    counts: dict[str, int]


class _Writer:
    """Rows in the 0001 tables and their journal events, chained."""

    def __init__(self, conn: sa.Connection, tables: dict[str, sa.Table]) -> None:
        self.conn, self.tables = conn, tables
        self.seq, self.prev = 0, GENESIS

    def journaled(self, table: str) -> list[str]:
        """The columns the journal holds of ``table`` (the model's journaled ones that 0001 has)."""
        present = set(self.tables[table].c.keys())
        return [c.key for c in journaled_columns(Base.metadata.tables[table]) if c.key in present]

    def event(self, kind: str, at: datetime, actor: uuid.UUID | None, *rows: tuple[str, dict[str, Any]],
              facts: dict[str, Any] | None = None, journal: bool = True) -> None:
        changes = []
        for table, row in rows:
            assert set(row) == set(self.tables[table].c.keys()), (table, sorted(set(self.tables[table].c.keys()) ^ set(row)))
            self.conn.execute(self.tables[table].insert().values(**row))
            changes.append({"op": "insert", "table": table, "id": plain(row["id"]),
                            "row": {key: plain(row[key]) for key in self.journaled(table)}})
        if not journal:
            return
        payload = canonical_json({"changes": changes, "facts": facts or {}})
        self.seq += 1
        event_uuid, at_text = str(uuid.uuid4()), plain(at)
        actor_text = None if actor is None else str(actor)
        digest = event_hash(self.prev, self.seq, event_uuid, kind, at_text, actor_text, payload)
        self.conn.execute(self.tables["journal_event"].insert().values(
            seq=self.seq, uuid=event_uuid, kind=kind, at=at_text, actor=actor_text, payload=payload,
            prev_hash=self.prev, hash=digest))
        self.prev = digest


def _key_file(store_id: uuid.UUID) -> StoreKeys:
    """The key file as the version of revision 0001 wrote it: the two keys, nothing more."""
    keys = StoreKeys(secrets.token_bytes(32), secrets.token_bytes(32))
    path = key_path(store_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_new_key_file(path, json.dumps({"store": str(store_id), "aes_gcm": base64.b64encode(keys.encryption).decode(),
                                         "hmac_sha256": base64.b64encode(keys.matching).decode()}))
    return keys


def build(path: Path) -> Held:
    """The store file at ``path`` at revision 0001 with its rows, and its key
    file in this home's key folder; closed, in WAL mode as the app leaves it."""
    engine = sa.create_engine(f"sqlite:///{path}")

    @sa.event.listens_for(engine, "connect")
    def _wal(dbapi_conn: Any, _record: object) -> None:
        dbapi_conn.execute("PRAGMA journal_mode = WAL")

    tables = tables_0001()
    try:
        with engine.connect() as conn:
            command.upgrade(migrate.STORE.config(conn), REVISION)
            conn.commit()
        with engine.connect() as raw:
            conn = raw.execution_options(**{UNJOURNALED_OK: True})
            with conn.begin():
                held = _fill(_Writer(conn, tables), path)
            counts = {name: conn.execute(sa.select(sa.func.count()).select_from(tables[name])).scalar_one()
                      for name in tables}
    finally:
        engine.dispose()
    return Held(**{**held.__dict__, "counts": counts})


def _fill(w: _Writer, path: Path) -> SimpleNamespace:
    at = START
    tick = lambda minutes=3: at + timedelta(minutes=minutes)  # noqa: E731
    store_id, manager_id, cashier_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    keys = _key_file(store_id)
    store = {"id": store_id, "code": CODE, "name": "普陀区长征镇慈善超市", "short_name": "长征慈善超市",
             "district": "普陀区", "created_at": at}

    def user(user_id: uuid.UUID, username: str, name: str, role: str, pin: str, when: datetime) -> dict[str, Any]:
        return {"id": user_id, "username": username, "display_name": name, "role": role, "pin_hash": pins.hash_pin(pin),
                "failed_pins": 0, "locked_until": None, "active": True, "created_at": when}

    categories = {code: {"id": uuid.uuid4(), "code": code, "name": name, "sort_order": n}
                  for n, (code, name) in enumerate(DEFAULT_CATEGORIES)}
    w.event("store.initialised", at, None, ("store", store),
            ("app_user", user(manager_id, "manager", "店长", "manager", MANAGER_PIN, at)),
            *(("category", row) for row in categories.values()))
    at = tick()
    w.event("user.created", at, manager_id, ("app_user", user(cashier_id, "cashier", "王丽华", "cashier", CASHIER_PIN, at)))
    w.conn.execute(w.tables["audit_entry"].insert().values(
        id=uuid.uuid4(), at=at, action="user.create", outcome="ok", user_id=manager_id, approved_by=None,
        detail=json.dumps({"target": str(cashier_id)})))

    goods = (("东北大米 5kg", "grain_oil", "袋", "6901234567892", 3290, 3590, "purchased"),
             ("男式羊毛衫 L码 藏青", "clothing", "件", None, 2500, 12000, "donated"),
             ("上海药皂 125g", "daily", "块", "690123456790" + str(barcodes.check_digit("690123456790")), 350, 400,
              "purchased"))
    items: dict[str, dict[str, Any]] = {}
    for name, category, unit, barcode, price, reference, source in goods:
        at = tick()
        items[name] = {"id": uuid.uuid4(), "name": name, "pinyin_initials": pinyin.initials(name),
                       "pinyin_full": pinyin.full(name), "category_id": categories[category]["id"], "unit": unit,
                       "barcode": barcode, "sale_price_fen": price, "reference_price_fen": reference, "source": source,
                       "active": True, "created_at": at, "updated_at": at}
        w.event("item.created", at, manager_id, ("item", items[name]))
    rice, sweater, soap = (items[name] for name, *_ in goods)

    at = tick()
    donor = {"id": uuid.uuid4(), "kind": "person", "name": "陈建国", "phone": "13916612345", "credit_code": None,
             "wishes": "", "consent_public": True, "declines_receipt": False, "created_at": at}
    w.event("donor.created", at, cashier_id, ("donor", donor))
    at = tick()
    card = "PT-0001"
    household = {"id": uuid.uuid4(), "card_number": card, "head_name": "李秀英",
                 "id_cipher": keys.encrypt(ID_NUMBER, card), "id_hash": keys.match_hash(ID_NUMBER),
                 "id_masked": mask_id(ID_NUMBER), "members": 2, "category": "dibao", "subdistrict": "长征镇",
                 "certificate_ref": "低保证 2026-0117", "valid_from": date(2026, 1, 1), "valid_to": date(2028, 12, 31),
                 "status": "active", "consent_on": date(2026, 3, 1), "created_at": at}
    w.event("household.registered", at, manager_id, ("household", household))

    # a donation: three sweaters valued at market price, and cash by WeChat
    at = tick()
    year = at.year
    number = f"{CODE}-{year}-D000001"
    cash, sweaters, unit_value = 10000, 3, 12000
    donation = {"id": uuid.uuid4(), "number": number, "donor_id": donor["id"], "received_at": at,
                "received_by": cashier_id, "cash_fen": cash, "cash_method": "wechat",
                "total_value_fen": sweaters * unit_value + cash, "wants_receipt": True, "wishes": "给有需要的老人"}
    line = {"id": uuid.uuid4(), "donation_id": donation["id"], "line_no": 1, "item_id": sweater["id"],
            "quantity": sweaters, "unit": "件", "condition": "good_used", "valuation": "market",
            "unit_value_fen": unit_value, "expiry_date": None}
    lot_barcode = barcodes.in_store_code(22, 1)
    lot = {"id": uuid.uuid4(), "item_id": sweater["id"], "origin": "donation", "document": number,
           "donation_line_id": line["id"], "barcode": lot_barcode, "expiry_date": None, "quantity_received": sweaters,
           "received_at": at}
    w.event("donation.received", at, cashier_id, ("donation", donation), ("donation_line", line), ("stock_lot", lot),
            ("stock_movement", _movement(sweater, lot, sweaters, "donation", number, "", cashier_id, at)),
            facts={"number": number})
    at = tick()
    receipt_number = f"{CODE}-{year}-J000001"
    w.event("receipt.issued", at, manager_id, ("receipt", {
        "id": uuid.uuid4(), "number": receipt_number, "donation_id": donation["id"], "issued_at": at,
        "issued_by": manager_id, "total_fen": donation["total_value_fen"], "verification_code": "K7Q2M9X4T8",
        "status": "issued", "prints": 1, "void_reason": None, "voided_by": None, "voided_at": None,
        "official_code": None, "official_number": None}), facts={"number": receipt_number})

    # goods bought come in on a goods receipt; a week later the rice is counted two bags short
    at = tick(60)
    received = f"{CODE}-{year}-R000001"
    rows: list[tuple[str, dict[str, Any]]] = []
    lots = {}
    for item, quantity in ((rice, 20), (soap, 12)):
        lots[item["name"]] = lot = {"id": uuid.uuid4(), "item_id": item["id"], "origin": "purchase",
                                    "document": received, "donation_line_id": None, "barcode": None,
                                    "expiry_date": None, "quantity_received": quantity, "received_at": at}
        rows += [("stock_lot", lot), ("stock_movement", _movement(item, lot, quantity, "receipt", received, "到货",
                                                                   cashier_id, at))]
    w.event("stock.received", at, cashier_id, *rows, facts={"number": received})
    at += timedelta(days=7)
    counted = f"{CODE}-{year}-C000001"
    w.event("stock.counted", at, manager_id,
            ("stock_movement", _movement(rice, lots[rice["name"]], -2, "count", counted, "周盘点", manager_id, at)),
            facts={"number": counted, "reason": "周盘点"})

    sequences = w.tables["document_sequence"]
    for kind, serial_year, last in (("donation", year, 1), ("receipt", year, 1), ("stock_receipt", year, 1),
                                    ("stock_count", year, 1), ("barcode22", 0, 1)):
        w.conn.execute(sequences.insert().values(kind=kind, year=serial_year, last_serial=last))
    w.conn.execute(w.tables["audit_entry"].insert().values(
        id=uuid.uuid4(), at=at, action="login", outcome="ok", user_id=manager_id, approved_by=None, detail="{}"))
    on_hand = {rice["name"]: 18, sweater["name"]: sweaters, soap["name"]: 12}
    return SimpleNamespace(
        path=path, store_id=store_id, manager_id=manager_id, cashier_id=cashier_id,
        items={name: (row["id"], row["barcode"], row["sale_price_fen"], row["reference_price_fen"], row["source"],
                      on_hand[name]) for name, row in items.items()},
        donation_number=number, donation_value_fen=donation["total_value_fen"], cash_fen=cash,
        receipt_number=receipt_number, lot_barcode=lot_barcode, household_id=household["id"], card_number=card,
        events=w.seq, audit_entries=2)


def _movement(item: dict[str, Any], lot: dict[str, Any], quantity: int, reason: str, document: str, note: str,
              user_id: uuid.UUID, at: datetime) -> dict[str, Any]:
    return {"id": uuid.uuid4(), "item_id": item["id"], "lot_id": lot["id"], "quantity": quantity, "reason": reason,
            "document": document, "note": note, "user_id": user_id, "at": at}
