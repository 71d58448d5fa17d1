"""`charity-pos verify`: a store file changed behind the app's back is caught.

A store with a little of everything (items, deliveries, a stock count, donors,
a household, a donation with goods and cash, its receipt, a price change, a
sale in a closed shift) is built once; each test gets a copy, changes it with the ``sqlite3`` module as
someone with the file and a database tool would, and checks that the
verifier and the command line refuse it with exit 1, naming the first record
or journal event that disagrees. An untouched copy passes with a one-line
summary.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic.script import ScriptDirectory

from charity_pos.db import migrate
from charity_pos.services.store_file import open_store
from charity_pos.ledger.canonical import event_hash
from charity_pos.ledger.seal import SEAL_REVISION
from charity_pos.ledger.verify import verify
from charity_pos.security.keys import key_path, seal_key_for
from charity_pos.services.base import Actor, Approval, Role
from charity_pos.services.catalog import ItemDraft, Source
from charity_pos.services.donors import DonorDraft, DonorKind
from charity_pos.services.households import HouseholdCategory, HouseholdDraft
from charity_pos.services.intake import CashMethod, Condition, IntakeDraft, IntakeLine, Valuation
from charity_pos.services.registry import Services
from charity_pos.services.sales import LineDraft, PaymentDraft, SaleDraft
from charity_pos.services.shifts import DENOMINATIONS
from charity_pos.services.store import init_store
from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parents[2]
RICE_PRICE = 3290


# --- the store every test gets a copy of ------------------------------------------------------
class _Clock:
    def __init__(self) -> None:
        self.at = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.at += timedelta(minutes=7)
        return self.at


@dataclass(frozen=True)
class Built:
    path: Path
    ids: dict[str, str]
    #: the store's key file (kept apart from the database, as a store PC does)
    key: Path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    home = tmp_path_factory.mktemp("verify-home")
    path = tmp_path_factory.mktemp("verify-store") / "store.sqlite3"
    ids: dict[str, str] = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CHARITY_POS_HOME", str(home))
        clock = _Clock()
        db = init_store(path, store_code="JA01", name="静安区石门二路街道慈善超市", district="静安区",
                        manager_pin="9999", clock=clock)
        services = Services.for_db(db, clock)
        try:
            row = next(u for u in services.accounts.users() if u.username == "manager")
            manager = Actor(row.id, row.username, row.role)
            cashier_id = services.accounts.create_user(manager, "cashier", "王丽华", Role.CASHIER, "1111").ids[0]
            cashier = Actor(cashier_id, "cashier", Role.CASHIER)
            rice = services.catalog.create_item(manager, ItemDraft(
                "东北大米 5kg", "grain_oil", "袋", RICE_PRICE, 3590, "6901234567892", Source.DONATED)).ids[0]
            sweater = services.catalog.create_item(manager, ItemDraft(
                "男式羊毛衫 L码 藏青", "clothing", "件", 2500, 12000, None, Source.DONATED)).ids[0]
            oil = services.catalog.create_item(manager, ItemDraft(
                "海天金标生抽 500ml", "food", "瓶", 1190, 1290, None, Source.PURCHASED)).ids[0]
            services.stock.receive(cashier, {rice: 20, oil: 12}, note="到货")
            services.stock.count(manager, {rice: 18}, reason="周盘点")
            company = services.donors.create(cashier, DonorDraft(
                DonorKind.COMPANY, "上海梅林正广和股份有限公司", credit_code="91310000132200821H")).ids[0]
            services.donors.create(cashier, DonorDraft(DonorKind.PERSON, "李秀英", phone="13912345678"))
            services.households.register(manager, HouseholdDraft(
                "AX000001", "王建国", "11010519491231002X", 3, HouseholdCategory.DIBAO, "石门二路街道",
                "静民救〔2026〕001号", date(2026, 1, 1), date(2026, 12, 31), date(2026, 1, 1)))
            donation = services.intake.receive(cashier, IntakeDraft(company, (
                IntakeLine(rice, 10, Condition.NEW, Valuation.INVOICE, 3000, date(2026, 12, 1)),
                IntakeLine(sweater, 3, Condition.AS_NEW, Valuation.UNVALUED, None),
            ), 50000, CashMethod.WECHAT))
            services.receipts.print_receipt(manager, donation.number)
            # A cashier's price change with a manager's approval: the rice's last event.
            services.catalog.update_item(cashier, rice, ItemDraft(
                "东北大米 5kg", "grain_oil", "袋", RICE_PRICE, 3490, "6901234567892", Source.DONATED),
                Approval("manager", "9999", "市场价下调"))
            services.stock.receive(manager, {sweater: 2})
            # A sale at the counter, paid partly by WeChat, in a shift that is closed.
            services.shifts.open(cashier, "T1", 20000)
            sale = services.sales.complete(cashier, SaleDraft(uuid.uuid4(), "T1", (
                LineDraft(rice, 2), LineDraft(sweater, 1)), (
                PaymentDraft("wechat", 5000, "4200001234202603100001"), PaymentDraft("cash", 5000))))
            expected = services.shifts.expected("T1").expected_fen["cash"]
            drawer = {}
            for value in DENOMINATIONS:
                drawer[value], expected = divmod(expected, value)
            services.shifts.close(cashier, "T1", drawer)
        finally:
            services.close()
        key = key_path(store_uuid(path))
    ids.update(rice=str(rice), sweater=str(sweater), oil=str(oil), donation=str(donation.ids[0]),
               sale=str(sale.ids[0]))
    assert not Path(str(path) + "-wal").exists() or Path(str(path) + "-wal").stat().st_size == 0
    return Built(path, ids, key)


@pytest.fixture
def store(built: Built, tmp_path: Path) -> Path:
    """A private copy of the built store."""
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(built.path, copy)
    return copy


# --- looking at a file the way district staff would ---------------------------------------------
@contextlib.contextmanager
def raw(path: Path) -> Iterator[sqlite3.Connection]:
    """The file through the sqlite3 module: no charity-pos code involved."""
    conn = sqlite3.connect(path)
    try:
        yield conn
        conn.commit()
    finally:
        conn.close()


def hexid(text_id: str) -> str:
    """How SQLAlchemy keeps a UUID in SQLite: 32 hex digits."""
    return uuid.UUID(text_id).hex


def textid(hex_id: str) -> str:
    return str(uuid.UUID(hex_id))


def journal(conn: sqlite3.Connection) -> list[tuple[int, str, str, str, str | None, str, str, str]]:
    return conn.execute("SELECT seq, uuid, kind, at, actor, payload, prev_hash, hash FROM journal_event "
                        "ORDER BY seq").fetchall()


def last_event_for(conn: sqlite3.Connection, record: str) -> int:
    """The latest journal event whose payload wrote this record."""
    seqs = [seq for seq, *_, payload, _prev, _hash in journal(conn)
            if any(c["id"] == record for c in json.loads(payload)["changes"])]
    assert seqs, record
    return max(seqs)


def seq_of_kind(conn: sqlite3.Connection, kind: str) -> int:
    return conn.execute("SELECT min(seq) FROM journal_event WHERE kind = ?", (kind,)).fetchone()[0]


def store_uuid(path: Path) -> uuid.UUID:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return uuid.UUID(conn.execute("SELECT id FROM store").fetchone()[0])


def library_report(path: Path, key: Path | None = None):
    """What verify finds; with ``key`` (the store's key file) the seal's
    authenticity is checked too."""
    with open_store(path, upgrade=False) as db, db.engine.connect() as conn:
        seal_key = seal_key_for(conn, key)[0] if key is not None else None
        return verify(conn, seal_key)


# --- an untouched store ----------------------------------------------------------------------------
def test_untouched_store_passes_with_a_one_line_summary(store: Path, built: Built) -> None:
    with raw(store) as conn:
        events = conn.execute("SELECT count(*) FROM journal_event").fetchone()[0]
        head = conn.execute("SELECT hash FROM journal_event ORDER BY seq DESC LIMIT 1").fetchone()[0]
        tables = {c["table"] for (p,) in conn.execute("SELECT payload FROM journal_event")
                  for c in json.loads(p)["changes"]}
        records = sum(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables)
    before = store.read_bytes()

    code, out, err = run_cli("verify", "--db", str(store), "--key-file", str(built.key), "--lang", "en")

    assert (code, err) == (0, "")
    assert out.count("\n") == 1 and out.startswith("OK: ")
    assert f"{events} journal events" in out and f"{records} records agree" in out and head[:16] in out
    report = library_report(store, built.key)
    assert report.ok and (report.events, report.records, report.head_hash) == (events, records, head)
    assert report.authenticated
    assert store.read_bytes() == before, "verifying changes nothing"


def test_without_the_key_file_verify_says_authenticity_was_not_checked(store: Path) -> None:
    code, out, err = run_cli("verify", "--db", str(store), "--lang", "en")
    assert code == 0 and out.startswith("OK: ")
    assert err.count("\n") == 1 and "authenticity was NOT checked" in err and "--key-file" in err
    assert not library_report(store).authenticated


def test_another_stores_key_file_checks_no_authenticity_and_says_so(store: Path, built: Built, tmp_path: Path) -> None:
    """A key file of another store (a mix-up of backups) neither passes the seal as authentic nor stops verify."""
    other = tmp_path / "other.key"
    other.write_text(json.dumps(dict(json.loads(built.key.read_text(encoding="utf-8")), store=str(uuid.uuid4()))),
                     encoding="utf-8")
    code, out, err = run_cli("verify", "--db", str(store), "--key-file", str(other), "--lang", "en")
    assert code == 0 and out.startswith("OK: ")
    assert "authenticity was NOT checked" in err and str(other) in err
    assert not library_report(store, other).authenticated


def test_the_installed_command_verifies_in_chinese_by_default(store: Path, built: Built, tmp_path: Path) -> None:
    """The district's scripts call the command itself, with no --lang."""
    env = dict(os.environ, CHARITY_POS_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen")
    ok = subprocess.run([sys.executable, "-m", "charity_pos", "verify", "--db", str(store)], cwd=ROOT, env=env,
                        capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("校验通过：") and ok.stdout.count("\n") == 1

    with raw(store) as conn:
        conn.execute("UPDATE item SET sale_price_fen = 1 WHERE id = ?", (hexid(built.ids["rice"]),))
        seq = last_event_for(conn, built.ids["rice"])
    bad = subprocess.run([sys.executable, "-m", "charity_pos", "verify", "--db", str(store)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 1 and bad.stdout == ""
    # As the README shows it.
    assert bad.stderr == (f"校验失败：记录 item/{built.ids['rice']}：sale_price_fen 在数据库中为 1，"
                          f"但日志事件 #{seq} 中为 {RICE_PRICE}\n")


# --- changes made behind the app's back ------------------------------------------------------------
@dataclass(frozen=True)
class Caught:
    kind: str  # what verify's report says
    names: tuple[str, ...]  # what the message must name
    seq: int | None = None


Tamper = Callable[[sqlite3.Connection, dict[str, str]], Caught]


def _row_id(conn: sqlite3.Connection, sql: str, *params: object) -> str:
    return textid(conn.execute(sql, params).fetchone()[0])


def item_price(conn: sqlite3.Connection, ids: dict[str, str]) -> Caught:
    conn.execute("UPDATE item SET sale_price_fen = 1 WHERE id = ?", (hexid(ids["rice"]),))
    return Caught("value", (f"item/{ids['rice']}", "sale_price_fen", " 1 ", str(RICE_PRICE)),
                  last_event_for(conn, ids["rice"]))


def item_name(conn: sqlite3.Connection, ids: dict[str, str]) -> Caught:
    conn.execute("UPDATE item SET name = '男式羊绒衫 L码 藏青' WHERE id = ?", (hexid(ids["sweater"]),))
    return Caught("value", (f"item/{ids['sweater']}", "name", "男式羊绒衫"), last_event_for(conn, ids["sweater"]))


def item_barcode(conn: sqlite3.Connection, ids: dict[str, str]) -> Caught:
    conn.execute("UPDATE item SET barcode = '6920152400012' WHERE id = ?", (hexid(ids["rice"]),))
    return Caught("value", (f"item/{ids['rice']}", "barcode", "6920152400012"), last_event_for(conn, ids["rice"]))


def lot_barcode(conn: sqlite3.Connection, ids: dict[str, str]) -> Caught:
    lot = _row_id(conn, "SELECT id FROM stock_lot WHERE barcode LIKE '22%' ORDER BY barcode LIMIT 1")
    conn.execute("UPDATE stock_lot SET barcode = '2200000999997' WHERE id = ?", (hexid(lot),))
    return Caught("value", (f"stock_lot/{lot}", "barcode"), last_event_for(conn, lot))


def movement_quantity(conn: sqlite3.Connection, ids: dict[str, str]) -> Caught:
    move = _row_id(conn, "SELECT id FROM stock_movement WHERE item_id = ? AND quantity = 20", hexid(ids["rice"]))
    conn.execute("UPDATE stock_movement SET quantity = 200 WHERE id = ?", (hexid(move),))
    return Caught("value", (f"stock_movement/{move}", "quantity", "200"), last_event_for(conn, move))


def line_quantity(conn: sqlite3.Connection, ids: dict[str, str]) -> Caught:
    line = _row_id(conn, "SELECT id FROM donation_line WHERE line_no = 1")
    conn.execute("UPDATE donation_line SET quantity = 100 WHERE id = ?", (hexid(line),))
    return Caught("value", (f"donation_line/{line}", "quantity", "100"), last_event_for(conn, line))


def line_value(conn: sqlite3.Connection, ids: dict[str, str]) -> Caught:
    line = _row_id(conn, "SELECT id FROM donation_line WHERE line_no = 1")
    conn.execute("UPDATE donation_line SET unit_value_fen = 30000 WHERE id = ?", (hexid(line),))
    return Caught("value", (f"donation_line/{line}", "unit_value_fen", "30000"), last_event_for(conn, line))


def donation_total(conn: sqlite3.Connection, ids: dict[str, str]) -> Caught:
    conn.execute("UPDATE donation SET total_value_fen = 980000 WHERE id = ?", (hexid(ids["donation"]),))
    return Caught("value", (f"donation/{ids['donation']}", "total_value_fen", "980000"),
                  last_event_for(conn, ids["donation"]))


def donation_cash(conn: sqlite3.Connection, ids: dict[str, str]) -> Caught:
    conn.execute("UPDATE donation SET cash_fen = 5000 WHERE id = ?", (hexid(ids["donation"]),))
    return Caught("value", (f"donation/{ids['donation']}", "cash_fen", "5000"), last_event_for(conn, ids["donation"]))


def receipt_total(conn: sqlite3.Connection, ids: dict[str, str]) -> Caught:
    receipt = _row_id(conn, "SELECT id FROM receipt")
    conn.execute("UPDATE receipt SET total_fen = total_fen + 100000 WHERE id = ?", (hexid(receipt),))
    return Caught("value", (f"receipt/{receipt}", "total_fen"), last_event_for(conn, receipt))


def sale_total(conn: sqlite3.Connection, ids: dict[str, str]) -> Caught:
    conn.execute("UPDATE sale SET total_fen = total_fen - 1000 WHERE id = ?", (hexid(ids["sale"]),))
    return Caught("value", (f"sale/{ids['sale']}", "total_fen"), last_event_for(conn, ids["sale"]))


def payment_amount(conn: sqlite3.Connection, ids: dict[str, str]) -> Caught:
    """Cash taken out of the drawer and the cash payment lowered to match."""
    pay = _row_id(conn, "SELECT id FROM payment WHERE method = 'cash'")
    conn.execute("UPDATE payment SET amount_fen = amount_fen - 1000 WHERE id = ?", (hexid(pay),))
    return Caught("value", (f"payment/{pay}", "amount_fen"), last_event_for(conn, pay))


def movement_deleted(conn: sqlite3.Connection, ids: dict[str, str]) -> Caught:
    """Goods that went missing, hidden by deleting the count's movement."""
    move = _row_id(conn, "SELECT id FROM stock_movement WHERE quantity < 0")
    conn.execute("DELETE FROM stock_movement WHERE id = ?", (hexid(move),))
    return Caught("missing_record", (f"stock_movement/{move}",), last_event_for(conn, move))


def line_deleted(conn: sqlite3.Connection, ids: dict[str, str]) -> Caught:
    line = _row_id(conn, "SELECT id FROM donation_line WHERE line_no = 2")
    conn.execute("DELETE FROM donation_line WHERE id = ?", (hexid(line),))  # sqlite3 leaves foreign keys off
    return Caught("missing_record", (f"donation_line/{line}",), last_event_for(conn, line))


def movement_inserted(conn: sqlite3.Connection, ids: dict[str, str]) -> Caught:
    """Stock conjured up by adding a movement no service made."""
    new = uuid.uuid4()
    conn.execute(
        "INSERT INTO stock_movement (id, item_id, lot_id, quantity, reason, document, note, user_id, at) "
        "SELECT ?, item_id, lot_id, 50, reason, document, note, user_id, at FROM stock_movement "
        "WHERE item_id = ? LIMIT 1", (new.hex, hexid(ids["rice"])))
    return Caught("extra_record", (f"stock_movement/{new}",))


def item_inserted(conn: sqlite3.Connection, ids: dict[str, str]) -> Caught:
    new = uuid.uuid4()
    conn.execute(
        "INSERT INTO item (id, name, pinyin_initials, pinyin_full, category_id, unit, barcode, sale_price_fen, "
        "reference_price_fen, source, active, created_at, updated_at) SELECT ?, '茅台 53度', 'mt', 'maotai', "
        "category_id, unit, NULL, 100, NULL, source, 1, created_at, updated_at FROM item WHERE id = ?",
        (new.hex, hexid(ids["oil"])))
    return Caught("extra_record", (f"item/{new}",))


def payload_edited(conn: sqlite3.Connection, ids: dict[str, str]) -> Caught:
    """The journal changed to agree with a changed donation: its hash gives it away."""
    seq = seq_of_kind(conn, "donation.received")
    payload = conn.execute("SELECT payload FROM journal_event WHERE seq = ?", (seq,)).fetchone()[0]
    assert '"total_value_fen":80000' in payload
    conn.execute("UPDATE journal_event SET payload = ? WHERE seq = ?",
                 (payload.replace('"total_value_fen":80000', '"total_value_fen":980000'), seq))
    conn.execute("UPDATE donation SET total_value_fen = 980000 WHERE id = ?", (hexid(ids["donation"]),))
    return Caught("hash", (f"#{seq}",), seq)


def event_deleted(conn: sqlite3.Connection, ids: dict[str, str]) -> Caught:
    """A whole event taken out: the gap in the numbers gives it away."""
    seq = seq_of_kind(conn, "stock.counted")
    conn.execute("DELETE FROM journal_event WHERE seq = ?", (seq,))
    return Caught("sequence", (f"#{seq + 1}", f"#{seq}"), seq + 1)


def first_event_deleted(conn: sqlite3.Connection, ids: dict[str, str]) -> Caught:
    conn.execute("DELETE FROM journal_event WHERE seq = 1")
    return Caught("sequence", ("#2", "#1"), 2)


def event_deleted_and_renumbered(conn: sqlite3.Connection, ids: dict[str, str]) -> Caught:
    """Taken out and the numbers closed up: the next event no longer links."""
    seq = seq_of_kind(conn, "stock.counted")
    conn.execute("DELETE FROM journal_event WHERE seq = ?", (seq,))
    conn.execute("UPDATE journal_event SET seq = -seq WHERE seq > ?", (seq,))
    conn.execute("UPDATE journal_event SET seq = -seq - 1 WHERE seq < 0")
    return Caught("link", (f"#{seq}",), seq)


def last_event_deleted(conn: sqlite3.Connection, ids: dict[str, str]) -> Caught:
    """The newest event taken out: the chain is whole, but its rows are not in it."""
    seq, payload = conn.execute("SELECT seq, payload FROM journal_event ORDER BY seq DESC LIMIT 1").fetchone()
    conn.execute("DELETE FROM journal_event WHERE seq = ?", (seq,))
    return Caught("truncated", ("removed from the end", f"#{seq - 1}", f"#{seq}"), seq - 1)


def hash_recomputed(conn: sqlite3.Connection, ids: dict[str, str]) -> Caught:
    """An edited event given a fresh, correct hash: the next event's link breaks."""
    seq = seq_of_kind(conn, "donation.received")
    _, ev_uuid, kind, at, actor, payload, prev, _ = next(e for e in journal(conn) if e[0] == seq)
    payload = payload.replace('"cash_fen":50000', '"cash_fen":5000')
    conn.execute("UPDATE journal_event SET payload = ?, hash = ? WHERE seq = ?",
                 (payload, event_hash(prev, seq, ev_uuid, kind, at, actor, payload), seq))
    conn.execute("UPDATE donation SET cash_fen = 5000 WHERE id = ?", (hexid(ids["donation"]),))
    return Caught("link", (f"#{seq + 1}",), seq + 1)


TAMPERING: dict[str, Tamper] = {
    "item sale price": item_price,
    "goods name": item_name,
    "item barcode": item_barcode,
    "lot barcode": lot_barcode,
    "stock movement quantity": movement_quantity,
    "donation line quantity": line_quantity,
    "donation line unit value": line_value,
    "donation total": donation_total,
    "donation cash": donation_cash,
    "receipt total": receipt_total,
    "sale total": sale_total,
    "cash payment": payment_amount,
    "stock movement deleted": movement_deleted,
    "donation line deleted": line_deleted,
    "stock movement inserted": movement_inserted,
    "item inserted": item_inserted,
    "journal payload edited": payload_edited,
    "journal event deleted": event_deleted,
    "first journal event deleted": first_event_deleted,
    "journal event deleted, rest renumbered": event_deleted_and_renumbered,
    "last journal event deleted": last_event_deleted,
    "journal hash recomputed": hash_recomputed,
}


@pytest.mark.parametrize("tamper", TAMPERING.values(), ids=TAMPERING.keys())
def test_a_changed_file_is_refused_naming_the_first_disagreement(store: Path, built: Built, tamper: Tamper) -> None:
    with raw(store) as conn:
        caught = tamper(conn, built.ids)

    report = library_report(store)
    assert not report.ok
    assert report.problem.kind in caught.kind.split(" | "), report.problem
    if caught.seq is not None:
        assert report.problem.seq == caught.seq, report.problem

    code, out, err = run_cli("verify", "--db", str(store), "--lang", "en")
    assert code == 1 and out == ""
    first, *more = err.splitlines()  # then, one a line, every lot or donation whose units no longer add up
    assert first.startswith("FAILED: ") and all(line.startswith("Also: the units of ") for line in more), err
    for name in caught.names:
        if " | " in name:  # any one of the records the event wrote
            assert any(n in err for n in name.split(" | ")), err
        else:
            assert name in err, err
    if caught.seq is not None and caught.kind in ("value", "missing_record"):
        assert f"journal event #{caught.seq}" in err, err


def test_columns_outside_the_journal_are_sealed_without_entering_it(store: Path, built: Built) -> None:
    """Log-in counters and staff names are outside the journal by design
    (personal data, counters), but the seal covers them: a change is named
    by table and columns, never by value."""
    with raw(store) as conn:
        conn.execute("UPDATE app_user SET failed_pins = 3, display_name = '王丽'")
    report = library_report(store, built.key)
    assert report.problem is not None and (report.problem.kind, report.problem.table) == ("digest", "app_user")
    code, out, err = run_cli("verify", "--db", str(store), "--lang", "en")
    assert code == 1 and "app_user" in err and "pin_hash" in err and "王丽" not in err


def test_a_damaged_file_is_reported_not_crashed_on(store: Path) -> None:
    """A backup copy with a damaged page: one line, exit 1, no "something went wrong"."""
    with raw(store) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'item'").fetchone()[0]
    data = bytearray(store.read_bytes())
    start = (root - 1) * page_size
    data[start:start + page_size] = b"\x5a" * page_size
    store.write_bytes(bytes(data))

    code, out, err = run_cli("verify", "--db", str(store), "--lang", "en")
    assert code == 1, err
    assert err.count("\n") == 1 and ("integrity" in err or str(store) in err), err


@pytest.mark.skipif(len(list(ScriptDirectory.from_config(migrate.STORE.config()).walk_revisions())) < 2,
                    reason="needs a schema revision before the head")
def test_a_file_from_the_previous_version_can_be_verified(filled_store: Any) -> None:
    """District staff with an updated charity-pos check a store that has not
    updated yet: verify must not need the newer tables."""
    store = filled_store.path  # items and stock only: what the previous version could hold
    from alembic import command
    from sqlalchemy import create_engine

    # the previous version's key file did not yet note that its store was sealed
    keys = key_path(store_uuid(store))
    if keys.exists():
        keys.write_text(json.dumps({k: v for k, v in json.loads(keys.read_text()).items() if k != "sealed"}))

    scripts = ScriptDirectory.from_config(migrate.STORE.config())
    previous = scripts.get_revision(migrate.STORE.head()).down_revision
    engine = create_engine(f"sqlite:///{store}")
    with engine.connect() as conn:
        command.downgrade(migrate.STORE.config(conn), str(previous))
        conn.commit()
    engine.dispose()

    code, out, err = run_cli("verify", "--db", str(store), "--lang", "en")
    assert code == 0, err
    assert out.startswith("OK: ")
    if migrate.STORE.is_before(str(previous), SEAL_REVISION):
        assert "earlier version" in err and "not checked" in err, "it says plainly what it could not check"
    else:
        assert err == "", "the previous version sealed its files: checked with its key file"
