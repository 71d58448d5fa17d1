"""The journal: one service call, one transaction, one chained event; a failed
call leaves no trace; a silent change is refused; no personal data inside."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import delete, insert, select, text, update

from charity_pos.db.base import Base
from charity_pos.db.models import Category, Item, JournalEvent, StockMovement, User
from charity_pos.errors import (
    ApprovalRequired,
    DuplicateBarcode,
    DuplicateName,
    ExpiredGoods,
    InvalidBarcode,
    InvalidInput,
    NoOpenShift,
    NotFound,
    PermissionDenied,
    ReturnTooLarge,
    TenderTooLow,
)
from charity_pos.ledger.journal import UnjournaledChange
from charity_pos.services.base import COMMAND_LINE, Actor, Approval, Role
from charity_pos.services.catalog import ItemDraft, Source
from charity_pos.services.donors import DonorDraft, DonorKind
from charity_pos.services.households import HouseholdCategory, HouseholdDraft
from charity_pos.services.intake import CashMethod, Condition, IntakeDraft, IntakeLine, Valuation
from charity_pos.services.registry import Services
from charity_pos.services.returns import ReturnDraft
from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft
from charity_pos.services.shifts import DENOMINATIONS
from charity_pos.services.store import init_store

GENESIS = "0" * 64
TODAY = date(2026, 3, 10)  # the clock fixture's day in Shanghai


@dataclass(frozen=True)
class Event:
    seq: int
    uuid: str
    kind: str
    at: str
    actor: str | None
    payload: str
    prev_hash: str
    hash: str

    def changes(self) -> list[dict[str, Any]]:
        return json.loads(self.payload)["changes"]

    def written_ids(self) -> set[str]:
        return {c["id"] for c in self.changes()}


def journal(services: Services) -> list[Event]:
    with services.db.read() as s:
        rows = s.execute(select(JournalEvent.__table__).order_by(JournalEvent.seq)).all()
    return [Event(r.seq, r.uuid, r.kind, r.at, r.actor, r.payload, r.prev_hash, r.hash) for r in rows]


def sha256_of(ev: Event) -> str:
    """The event's hash as README describes it, recomputed here independently:
    SHA-256 of the canonical JSON of its fields and the previous hash."""
    body = json.dumps({"seq": ev.seq, "uuid": ev.uuid, "kind": ev.kind, "at": ev.at, "actor": ev.actor,
                       "payload": ev.payload, "prev": ev.prev_hash},
                      sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def everything(services: Services) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to show that nothing changed."""
    with services.db.read() as s:
        return {t.name: sorted(map(tuple, s.execute(select(t)).all()), key=repr) for t in Base.metadata.sorted_tables}


def assert_chain(events: list[Event]) -> None:
    assert [e.seq for e in events] == list(range(1, len(events) + 1)), "numbered 1, 2, 3, … with no gaps"
    prev = GENESIS
    for ev in events:
        assert ev.prev_hash == prev, f"event #{ev.seq} links to the one before it"
        assert ev.hash == sha256_of(ev), f"event #{ev.seq} carries its own SHA-256"
        prev = ev.hash
    assert len({e.uuid for e in events}) == len(events)


# --- one call, one event ----------------------------------------------------------------------------
def test_a_new_store_starts_the_chain(services: Services, manager: Actor) -> None:
    events = journal(services)
    assert [e.kind for e in events] == ["store.initialised", "user.created"]
    assert events[0].prev_hash == GENESIS and events[0].actor is None
    assert {c["table"] for c in events[0].changes()} >= {"store", "category"}
    assert events[1].written_ids() == {str(manager.user_id)}
    assert_chain(events)


def test_every_change_appends_exactly_one_chained_event(services: Services, manager: Actor, cashier: Actor,
                                                       make_item: Callable[..., Any], clock: Any) -> None:
    rice = make_item("东北大米 5kg", barcode="6901234567892")
    coat = make_item("男式羊毛衫 L码", category="clothing", unit="件", price=2500, reference=12000,
                     source=Source.DONATED)
    state: dict[str, Any] = {}

    def donation() -> Any:
        changes = services.intake.receive(cashier, IntakeDraft(state["donor"], (
            IntakeLine(rice.id, 10, Condition.NEW, Valuation.INVOICE, 3000, TODAY + timedelta(days=300)),
            IntakeLine(coat.id, 2, Condition.AS_NEW, Valuation.UNVALUED, None)), 20000, CashMethod.WECHAT))
        state["donation"] = changes.number
        return changes

    def receipt() -> Any:
        result = services.receipts.print_receipt(manager, state["donation"])
        state["receipt"] = result.changes.number
        return result.changes

    def remember_donor(changes: Any) -> Any:
        state["donor"] = changes.ids[0]
        return changes

    def sale(key: str) -> Any:
        changes = services.sales.complete(cashier, SaleDraft(uuid.uuid4(), "T1", (LineDraft(rice.id, 2),),
                                                             (PaymentDraft("cash", 10000),)))
        state[key] = changes.number
        return changes

    def sale_return() -> Any:
        line = services.sales.sale(state["sale"]).lines[0]
        return services.returns.create(manager, ReturnDraft(state["sale"], "T1", {line.id: 1}, "包装破损"))

    def close_shift() -> Any:
        cash, counts = services.shifts.expected("T1").expected_fen["cash"], {}
        for value in DENOMINATIONS:
            counts[value], cash = divmod(cash, value)
        assert cash == 0
        return services.shifts.close(cashier, "T1", counts)

    steps: list[tuple[str, Actor | None, Callable[[], Any]]] = [
        ("item.created", manager, lambda: services.catalog.create_item(
            manager, ItemDraft("海天金标生抽 500ml", "food", "瓶", 1190, 1290))),
        ("item.updated", cashier, lambda: services.catalog.update_item(
            cashier, rice.id, ItemDraft(rice.name, "grain_oil", rice.unit, 2990, 3590, rice.barcode),
            Approval("manager", "9999", "临期促销"))),
        ("stock.received", cashier, lambda: services.stock.receive(cashier, {rice.id: 20, coat.id: 4}, note="到货")),
        ("stock.counted", manager, lambda: services.stock.count(manager, {rice.id: 18, coat.id: 5}, reason="周盘点")),
        ("donor.registered", cashier, lambda: remember_donor(services.donors.create(
            cashier, DonorDraft(DonorKind.COMPANY, "上海梅林正广和股份有限公司", credit_code="91310000132200821H")))),
        ("household.registered", manager, lambda: services.households.register(manager, HouseholdDraft(
            "AX000001", "王建国", "11010519491231002X", 3, HouseholdCategory.DIBAO, "石门二路街道",
            "静民救〔2026〕001号", date(2026, 1, 1), date(2026, 12, 31), date(2026, 1, 1)))),
        ("donation.received", cashier, donation),
        ("receipt.issued", manager, receipt),
        ("receipt.reprinted", manager, receipt),
        ("receipt.voided", manager, lambda: services.receipts.void(manager, state["receipt"], "金额填错")),
        ("counter.rules_set", manager, lambda: services.counter_rules.set_rules(
            manager, replace(services.counter_rules.rules(), cash_tolerance_fen=300))),
        ("shift.opened", cashier, lambda: services.shifts.open(cashier, "T1", 20000)),
        ("sale.completed", cashier, lambda: sale("sale")),
        ("sale.slip_printed", None, lambda: services.sales.print_slip(COMMAND_LINE, state["sale"]) and None),
        ("sale.returned", manager, sale_return),
        ("sale.completed", cashier, lambda: sale("sale2")),
        ("sale.voided", manager, lambda: services.sales.void(manager, state["sale2"], "收错了")),
        ("shift.closed", cashier, close_shift),
        ("user.updated", manager, lambda: services.accounts.set_active(manager, "cashier", False)),
    ]
    for kind, actor, call in steps:
        before = journal(services)
        clock.advance(minutes=2)
        changes = call()
        after = journal(services)
        assert after[:-1] == before and len(after) == len(before) + 1, f"{kind}: exactly one new event"
        new = after[-1]
        assert (new.kind, new.seq, new.prev_hash) == (kind, before[-1].seq + 1, before[-1].hash)
        assert new.actor == (None if actor is None else str(actor.user_id))
        assert new.at.startswith("2026-03-10T") and new.at.endswith("+00:00")
        assert new.changes(), f"{kind}: the event holds the rows it changed"
        if changes is None:  # a call that answers with a document, not Changes
            continue
        assert changes.event_seq == new.seq, f"{kind}: the screens are told which event"
        # What the call says it changed is in the event (stock calls name the items whose lots moved).
        written = new.written_ids() | {c["row"].get("item_id") for c in new.changes() if "row" in c}
        assert {str(i) for i in changes.ids} <= written, kind
    assert_chain(journal(services))


def test_an_events_payload_holds_the_full_row(services: Services, manager: Actor,
                                             make_item: Callable[..., Any]) -> None:
    rice = make_item("东北大米 5kg", price=3290, reference=3590, barcode="6901234567892")
    (change,) = [c for c in journal(services)[-1].changes() if c["table"] == "item"]
    assert change["op"] == "insert" and change["id"] == str(rice.id)
    row = change["row"]
    assert (row["name"], row["barcode"], row["sale_price_fen"], row["reference_price_fen"], row["unit"]) == (
        "东北大米 5kg", "6901234567892", 3290, 3590, "袋")
    assert isinstance(row["sale_price_fen"], int), "money is whole fen in the journal too"


def test_log_ins_and_pin_changes_add_no_business_event(services: Services, manager: Actor, cashier: Actor) -> None:
    before = journal(services)
    services.accounts.login("cashier", "1111")
    services.accounts.reset_pin(cashier, "cashier", "2468")
    services.accounts.unlock(manager, "cashier")
    assert journal(services) == before


def test_an_approval_inside_a_call_is_part_of_its_one_transaction(services: Services, manager: Actor,
                                                                   cashier: Actor, monkeypatch: Any) -> None:
    """A cashier closes a shift ¥20 short with the manager's PIN: the PIN is
    checked within the close's own transaction, not in a second one that
    waits on it until SQLite says "database is locked"."""
    from charity_pos.db import engine

    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)  # fail fast rather than wait 5 s
    services.db.engine.dispose()  # new connections, with that timeout
    services.shifts.open(cashier, "T1", 20000)
    before = journal(services)
    short = {10000: 1, 5000: 1, 2000: 1, 1000: 1}  # ¥180 of ¥200: ¥20 short, beyond the ¥5 tolerance
    changes = services.shifts.close(cashier, "T1", short, None, "找零多找了一张20元",
                                    Approval("manager", "9999", "已核对监控"))
    after = journal(services)
    assert len(after) == len(before) + 1 and after[-1].kind == "shift.closed" and changes.event_seq == after[-1].seq


# --- a failed call leaves no trace ---------------------------------------------------------------------
class _Clock:
    def __init__(self) -> None:
        self.at = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.at


@pytest.fixture(scope="module")
def _shop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """One store for all the failures below (each must leave it as it was):
    two items, stock, a donation, an open shift with a sale."""
    home = tmp_path_factory.mktemp("shop-home")
    clock = _Clock()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CHARITY_POS_HOME", str(home))
        db = init_store(tmp_path_factory.mktemp("shop") / "store.db", store_code="PT01", name="普陀区长征镇慈善超市",
                        district="普陀区", manager_pin="9999", clock=clock)
        services = Services.for_db(db, clock)
        row = next(u for u in services.accounts.users() if u.username == "manager")
        manager = Actor(row.id, row.username, row.role)
        cashier = Actor(services.accounts.create_user(manager, "cashier", "王丽华", Role.CASHIER, "1111").ids[0],
                        "cashier", Role.CASHIER)
        rice = services.catalog.get(services.catalog.create_item(
            manager, ItemDraft("东北大米 5kg", "grain_oil", "袋", 3290, 3590, "6901234567892")).ids[0])
        coat = services.catalog.get(services.catalog.create_item(
            manager, ItemDraft("男式羊毛衫 L码", "clothing", "件", 2500, 12000, None, Source.DONATED)).ids[0])
        services.stock.receive(manager, {rice.id: 5})
        donation = services.intake.receive(cashier, IntakeDraft(None, (
            IntakeLine(coat.id, 1, Condition.GOOD_USED, Valuation.UNVALUED, None),))).number
        services.shifts.open(cashier, "T1", 20000)
        sale = services.sales.complete(cashier, SaleDraft(uuid.uuid4(), "T1", (LineDraft(rice.id, 1),),
                                                          (PaymentDraft("cash", 5000),))).number
    yield {"services": services, "manager": manager, "cashier": cashier, "clock": clock, "home": home,
           "rice": rice, "coat": coat, "donation": donation, "sale": sale}
    services.close()


@pytest.fixture
def shop(_shop: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.setenv("CHARITY_POS_HOME", str(_shop["home"]))  # the store's key file
    return _shop


def _rice_line(shop: dict[str, Any], days: int) -> IntakeLine:
    return IntakeLine(shop["rice"].id, 2, Condition.NEW, Valuation.MARKET, 3000, TODAY + timedelta(days=days))


def _fail_render(_doc: object) -> None:
    raise OSError("disk full")


FAILURES: dict[str, tuple[type[BaseException], Callable[[Services, Actor, Actor, dict[str, Any]], object]]] = {
    "item without a name": (InvalidInput, lambda sv, m, c, sh: sv.catalog.create_item(
        m, ItemDraft("  ", "daily", "个", 100))),
    "negative price": (InvalidInput, lambda sv, m, c, sh: sv.catalog.create_item(
        m, ItemDraft("毛巾", "daily", "条", -100))),
    "bad check digit": (InvalidBarcode, lambda sv, m, c, sh: sv.catalog.create_item(
        m, ItemDraft("毛巾", "daily", "条", 900, None, "6901234567893"))),
    "barcode taken": (DuplicateBarcode, lambda sv, m, c, sh: sv.catalog.create_item(
        m, ItemDraft("另一种大米", "grain_oil", "袋", 100, None, "6901234567892"))),
    "unknown category on edit": (InvalidInput, lambda sv, m, c, sh: sv.catalog.update_item(
        m, sh["rice"].id, ItemDraft(sh["rice"].name, "no_such_category", "袋", sh["rice"].sale_price_fen,
                                    sh["rice"].reference_price_fen, sh["rice"].barcode))),
    "cashier changes a price alone": (ApprovalRequired, lambda sv, m, c, sh: sv.catalog.update_item(
        c, sh["rice"].id, ItemDraft(sh["rice"].name, "grain_oil", "袋", 1, None, sh["rice"].barcode))),
    "delivery of zero": (InvalidInput, lambda sv, m, c, sh: sv.stock.receive(m, {sh["rice"].id: 0})),
    "delivery with an unknown item second": (NotFound, lambda sv, m, c, sh: sv.stock.receive(
        m, {sh["coat"].id: 3, uuid.uuid4(): 2})),
    "count with an unknown item second": (NotFound, lambda sv, m, c, sh: sv.stock.count(
        m, {sh["rice"].id: 1, uuid.uuid4(): 1}, reason="盘点")),
    "count without a reason": (InvalidInput, lambda sv, m, c, sh: sv.stock.count(m, {sh["rice"].id: 1}, "")),
    "company with a wrong credit code": (InvalidInput, lambda sv, m, c, sh: sv.donors.create(
        c, DonorDraft(DonorKind.COMPANY, "某公司", credit_code="91310000132200821J"))),
    "person with a bad phone": (InvalidInput, lambda sv, m, c, sh: sv.donors.create(
        c, DonorDraft(DonorKind.PERSON, "李秀英", phone="139"))),
    "household with a wrong ID check character": (InvalidInput, lambda sv, m, c, sh: sv.households.register(
        m, HouseholdDraft("AX000009", "王建国", "110105194912310021", 3, HouseholdCategory.DIBAO, "石门二路街道",
                          "静民救〔2026〕009号", date(2026, 1, 1), date(2026, 12, 31), date(2026, 1, 1)))),
    "cashier registers a household": (PermissionDenied, lambda sv, m, c, sh: sv.households.register(
        c, HouseholdDraft("AX000009", "王建国", "11010519491231002X", 3, HouseholdCategory.DIBAO, "石门二路街道",
                          "静民救〔2026〕009号", date(2026, 1, 1), date(2026, 12, 31), date(2026, 1, 1)))),
    "donation with expired food second": (ExpiredGoods, lambda sv, m, c, sh: sv.intake.receive(c, IntakeDraft(
        None, (IntakeLine(sh["coat"].id, 1, Condition.NEW, Valuation.UNVALUED, None), _rice_line(sh, -1))))),
    "donation from an unknown donor": (NotFound, lambda sv, m, c, sh: sv.intake.receive(
        c, IntakeDraft(uuid.uuid4(), (_rice_line(sh, 300),)))),
    "receipt whose PDF fails": (OSError, lambda sv, m, c, sh: sv.receipts.print_receipt(
        m, sh["donation"], render=_fail_render)),
    "void without a reason": (InvalidInput, lambda sv, m, c, sh: sv.receipts.void(m, "PT01-2026-J000001", " ")),
    "account with a letter in the PIN": (InvalidInput, lambda sv, m, c, sh: sv.accounts.create_user(
        m, "zhangmin", "张敏", "cashier", "12a4")),
    "account name taken": (DuplicateName, lambda sv, m, c, sh: sv.accounts.create_user(
        m, "cashier", "张敏", "cashier", "1234")),
    "manager switches themself off": (InvalidInput, lambda sv, m, c, sh: sv.accounts.set_active(
        m, "manager", False)),
    "sale with no shift open": (NoOpenShift, lambda sv, m, c, sh: sv.sales.complete(c, SaleDraft(
        uuid.uuid4(), "T9", (LineDraft(sh["rice"].id, 1),), (PaymentDraft("cash", 10000),)))),
    "sale paid short": (TenderTooLow, lambda sv, m, c, sh: sv.sales.complete(c, SaleDraft(
        uuid.uuid4(), "T1", (LineDraft(sh["rice"].id, 2),), (PaymentDraft("cash", 100),)))),
    "return of more than was sold": (ReturnTooLarge, lambda sv, m, c, sh: sv.returns.create(m, ReturnDraft(
        sh["sale"], "T1", {sv.sales.sale(sh["sale"]).lines[0].id: 5}, "不想要了"))),
}


@pytest.mark.parametrize("failure", FAILURES.values(), ids=FAILURES.keys())
def test_a_failed_call_appends_nothing_and_changes_nothing(shop: dict[str, Any], failure: Any) -> None:
    services, manager, cashier = shop["services"], shop["manager"], shop["cashier"]
    error, call = failure
    before = everything(services)
    shop["clock"].at += timedelta(minutes=5)
    with pytest.raises(error):
        call(services, manager, cashier, shop)
    assert everything(services) == before, "no row, no event, no document number used"
    # The chain goes on from where it was: the failure left no gap.
    head = journal(services)[-1]
    changes = services.catalog.create_item(manager, ItemDraft("毛巾", "daily", "条", 900))
    assert changes.event_seq == head.seq + 1 and journal(services)[-1].prev_hash == head.hash


# --- a silent change is refused ---------------------------------------------------------------------------
def _silent(services: Services, change: Callable[[Any], None]) -> None:
    with services.db.begin() as s:
        change(s)


SILENT: dict[str, Callable[[Any], None]] = {
    "price changed": lambda s: setattr(s.scalars(select(Item)).first(), "sale_price_fen", 1),
    "row added": lambda s: s.add(Category(code="wine", name="酒水", sort_order=99)),
    "row deleted": lambda s: s.delete(s.scalars(select(StockMovement)).first()),
}


@pytest.mark.parametrize("change", SILENT.values(), ids=SILENT.keys())
def test_a_change_without_an_event_is_refused(services: Services, manager: Actor, make_item: Callable[..., Any],
                                              change: Callable[[Any], None]) -> None:
    rice = make_item()
    services.stock.receive(manager, {rice.id: 3})
    before = everything(services)
    with pytest.raises(UnjournaledChange):
        _silent(services, change)
    assert everything(services) == before
    # The store works on after the refusal, and the chain has no gap.
    changes = services.stock.receive(manager, {rice.id: 1})
    assert changes.event_seq == len(journal(services))
    assert_chain(journal(services))


def test_counters_outside_the_journal_may_change_without_an_event(services: Services, cashier: Actor) -> None:
    before = journal(services)
    _silent(services, lambda s: setattr(s.get(User, cashier.user_id), "failed_pins", 2))
    assert journal(services) == before


BULK: dict[str, Any] = {
    "bulk update": lambda s: s.execute(update(Item).values(sale_price_fen=1)),
    "bulk delete": lambda s: s.execute(delete(StockMovement)),
    "bulk insert": lambda s: s.execute(insert(Category).values(id=uuid.uuid4(), code="wine", name="酒水",
                                                               sort_order=99)),
    "table update": lambda s: s.execute(update(Item.__table__).values(sale_price_fen=1)),
    "SQL text": lambda s: s.execute(text("UPDATE item SET sale_price_fen = 1")),
    "the session's connection": lambda s: s.connection().execute(delete(StockMovement.__table__)),
    "SQL text naming the schema": pytest.param(
        lambda s: s.execute(text("UPDATE main.item SET sale_price_fen = 1"))),
    "SQL text after a WITH": pytest.param(
        lambda s: s.execute(text("WITH t AS (SELECT 1) UPDATE item SET sale_price_fen = 1"))),
    "SQL text after a comment": pytest.param(
        lambda s: s.execute(text("/* fix */ UPDATE item SET sale_price_fen = 1"))),
}


@pytest.mark.parametrize("statement", BULK.values(), ids=BULK.keys())
def test_a_statement_without_an_event_is_refused(services: Services, manager: Actor,
                                                 make_item: Callable[..., Any], statement: Any) -> None:
    """Not only changes to loaded rows: a statement that changes many rows
    at once, however it is written, is refused without an event too."""
    rice = make_item()
    services.stock.receive(manager, {rice.id: 3})
    before = everything(services)
    with pytest.raises(UnjournaledChange):
        _silent(services, statement)
    assert everything(services) == before


# --- no personal data in the journal ----------------------------------------------------------------------
PEOPLE = {
    # donors (people): names, phones, the wishes that name someone
    "donor_name": "欧阳秀英",
    "donor_phone": "13912345678",
    "donor2_name": "司马建华",
    "donor2_phone": "02162345678",
    "wish": "给独居的钱桂兰老人",
    # households: head's name, ID number (and its masked form), certificate
    "head_name": "诸葛建国",
    "id_number": "11010519491231002X",
    "id_masked": "110105********002X",
    "head2_name": "上官美玲",
    "id2_number": "310104198002137626",
    "id2_masked": "310104********7626",
    "certificate": "静民救〔2026〕037号",
    # staff
    "staff_name": "慕容丽华",
}


def _forms(text: str) -> set[bytes]:
    """The text as it could sit in the file: UTF-8, JSON-escaped, UTF-16."""
    escaped = json.dumps(text, ensure_ascii=True)[1:-1]
    return {text.encode("utf-8"), escaped.encode("ascii"), text.encode("utf-16-le")}


def test_no_personal_data_in_the_journal(services: Services, manager: Actor, cashier: Actor,
                                         make_item: Callable[..., Any], store_path: Any) -> None:
    p = PEOPLE
    coat = make_item("男式羊毛衫 L码", category="clothing", unit="件", price=2500, source=Source.DONATED)
    services.accounts.create_user(manager, "zhangmin", p["staff_name"], "cashier", "1234")
    person = services.donors.create(cashier, DonorDraft(DonorKind.PERSON, p["donor_name"], phone=p["donor_phone"],
                                                        wishes=p["wish"], consent_public=True)).ids[0]
    services.donors.create(cashier, DonorDraft(DonorKind.PERSON, p["donor2_name"], phone=p["donor2_phone"]))
    services.donors.create(cashier, DonorDraft(DonorKind.ANONYMOUS, "不留名"))
    services.households.register(manager, HouseholdDraft(
        "AX000001", p["head_name"], p["id_number"], 3, HouseholdCategory.DIBAO, "石门二路街道", p["certificate"],
        date(2026, 1, 1), date(2026, 12, 31), date(2026, 1, 1)))
    services.households.register(manager, HouseholdDraft(
        "AX000002", p["head2_name"], p["id2_number"], 1, HouseholdCategory.TEKUN, "石门二路街道", "静民救〔2026〕038号",
        date(2026, 1, 1), date(2026, 12, 31), date(2026, 1, 1)))
    donation = services.intake.receive(cashier, IntakeDraft(person, (
        IntakeLine(coat.id, 2, Condition.AS_NEW, Valuation.MARKET, 4000),), wishes=p["wish"])).number
    receipt = services.receipts.print_receipt(manager, donation).changes.number
    services.receipts.void(manager, receipt, "抬头写错")
    services.receipts.print_receipt(manager, donation, reissue=True)

    # The people are in the store (so the test looks for something that exists) ...
    assert {d.name for d in services.donors.donors()} >= {p["donor_name"], p["donor2_name"]}
    assert {h.head_name for h in services.households.households()} == {p["head_name"], p["head2_name"]}
    with services.db.read() as s:
        id_hashes = list(s.scalars(select(Base.metadata.tables["household"].c.id_hash)))
    secrets = {**p, "id_hash_1": id_hashes[0], "id_hash_2": id_hashes[1]}

    # ... but not in any event: not in the payloads as the services read them ...
    events = journal(services)
    assert {"donor.registered", "household.registered", "donation.received", "receipt.issued"} <= {
        e.kind for e in events}
    for ev in events:
        text = " ".join(str(v) for v in (ev.kind, ev.actor, ev.payload))
        for what, value in secrets.items():
            assert value not in text, f"{what} in journal event #{ev.seq} ({ev.kind})"
    services.db.close()

    # ... nor in the bytes of the file's journal table: its rows and its pages.
    with closing(sqlite3.connect(store_path)) as conn:
        rows = b"".join(
            b"\x00".join(bytes(v or b"") for v in row) for row in conn.execute(
                "SELECT CAST(uuid AS BLOB), CAST(kind AS BLOB), CAST(at AS BLOB), CAST(actor AS BLOB), "
                "CAST(payload AS BLOB), CAST(prev_hash AS BLOB), CAST(hash AS BLOB) FROM journal_event"))
        try:
            pages = [n for (n,) in conn.execute(
                "SELECT pageno FROM dbstat WHERE name IN ('journal_event', 'sqlite_autoindex_journal_event_1', "
                "'sqlite_autoindex_journal_event_2')")]
            page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        except sqlite3.OperationalError:  # SQLite built without dbstat
            pages, page_size = [], 0
    data = store_path.read_bytes()
    raw_pages = b"".join(data[(n - 1) * page_size:n * page_size] for n in pages)
    # (The bytes searched are the journal's: they hold what it should, such as a relief card number.)
    assert b"AX000002" in rows and (not pages or b"AX000002" in raw_pages)
    for what, value in secrets.items():
        for form in _forms(value):
            assert form not in rows, f"{what} in the journal table's rows"
            assert form not in raw_pages, f"{what} in the journal table's pages of the file"


def test_the_demo_stores_journal_names_nobody(demo_store: Any) -> None:
    """The demo's 26 donors, 56 households and staff, built through the same
    services: none of their names or phone numbers is in its journal."""
    path, code, _ = demo_store
    assert code == 0
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        people = [v for (v,) in conn.execute(
            "SELECT name FROM donor WHERE kind = 'person' UNION SELECT phone FROM donor WHERE phone <> '' "
            "UNION SELECT head_name FROM household UNION SELECT id_masked FROM household "
            "UNION SELECT id_hash FROM household UNION SELECT display_name FROM app_user")]
        journal_text = "\n".join(p for (p,) in conn.execute("SELECT kind || ' ' || payload FROM journal_event"))
    assert len(people) > 26 + 56 and len(journal_text) > 100_000
    found = sorted(p for p in people if p in journal_text)
    assert found == []
