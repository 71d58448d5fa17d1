"""An attacker with a copy of a store file and the sqlite3 module, against
``verify`` and the seal.

Every edit below is one a person with the file and a database tool could
make: rows of every table, the journal re-chained after a change, forged
and removed events, the audit log, accounts, document counters, the sync
state, other stores' use, parked tickets, personal fields, values stored in
another form, the schema, triggers and views, and an emptied file. Each must
be refused by ``verify`` (with the store's key file) naming what disagrees,
and the app must refuse to write on top of it, so a later commit never
re-seals the change.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from charity_pos import cli, i18n
from charity_pos.db.base import Base
from charity_pos.services.store_file import open_store
from charity_pos.errors import SealBroken
from charity_pos.ledger.canonical import GENESIS, event_hash, journaled_tables
from charity_pos.ledger.seal import audit_hash
from charity_pos.ledger.verify import verify
from charity_pos.security.keys import seal_key_for
from charity_pos.services.base import Actor
from charity_pos.services.registry import Services
from tests.ledger.test_verify import Built, built  # noqa: F401  (the store every test copies)

Edit = Callable[[sqlite3.Connection], None]


@dataclass(frozen=True)
class Case:
    name: str
    edit: Edit
    kinds: tuple[str, ...]  # what verify may report first


def _first(conn: sqlite3.Connection, sql: str, *params: object) -> tuple:  # type: ignore[type-arg]
    row = conn.execute(sql, params).fetchone()
    assert row is not None, sql
    return row


def _changed(value: object) -> object:
    if isinstance(value, bool) or value in (0, 1) and isinstance(value, int):
        return 1 - int(value) if isinstance(value, int) else value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str):
        return value + "x" if len(value) != 32 else value[:-1] + ("0" if value[-1] != "0" else "1")
    if value is None:
        return "x"
    return value


# --- edits of every journaled column of every journaled table --------------------------------------
def _column_edit(table: str, column: str) -> Edit:
    def edit(conn: sqlite3.Connection) -> None:
        rowid, value = _first(conn, f'SELECT rowid, "{column}" FROM "{table}" ORDER BY rowid LIMIT 1')
        conn.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = ?', (_changed(value), rowid))
    return edit


def _row_deleted(table: str) -> Edit:
    def edit(conn: sqlite3.Connection) -> None:
        conn.execute(f'DELETE FROM "{table}" WHERE rowid = (SELECT max(rowid) FROM "{table}")')
    return edit


def _row_copied(table: str) -> Edit:
    """A row duplicated under a new id: conjured goods, money or people."""
    def edit(conn: sqlite3.Connection) -> None:
        columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
        picked = ", ".join("?" if c == "id" else f'"{c}"' for c in columns)
        unique = {r[1] for r in conn.execute(f'PRAGMA index_list("{table}")') if r[2]}
        conn.execute(f'INSERT OR IGNORE INTO "{table}" ({", ".join(chr(34) + c + chr(34) for c in columns)}) '
                     f'SELECT {picked} FROM "{table}" LIMIT 1', (uuid.uuid4().hex,))
        if unique and conn.total_changes == 0:
            pytest.skip("unique columns")
    return edit


def _populated(conn: sqlite3.Connection, table: str) -> bool:
    return conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] > 0


def journaled_cases(conn: sqlite3.Connection) -> list[Case]:
    cases = []
    for table in journaled_tables():
        if not _populated(conn, table.name):
            continue
        for column in table.columns:
            if column.name == "id":
                continue
            kinds = ("value", "representation", "digest", "doc_sequence", "extra_record")
            cases.append(Case(f"{table.name}.{column.name} changed", _column_edit(table.name, column.name), kinds))
        cases.append(Case(f"{table.name} row deleted", _row_deleted(table.name),
                          ("missing_record", "digest", "doc_sequence")))
    for name in ("item", "stock_movement", "payment", "donation_line", "sale_line", "household", "donor"):
        cases.append(Case(f"{name} row copied", _row_copied(name), ("extra_record",)))
    return cases


# --- what the journal does not hold ------------------------------------------------------------------------
def _pin_copied(conn: sqlite3.Connection) -> None:
    conn.execute("UPDATE app_user SET pin_hash = (SELECT pin_hash FROM app_user WHERE username = 'cashier') "
                 "WHERE username = 'manager'")


def _sql(*statements: str) -> Edit:
    def edit(conn: sqlite3.Connection) -> None:
        for statement in statements:
            conn.execute(statement)
    return edit


def _audit_forged(conn: sqlite3.Connection) -> None:
    """An audit entry appended with a correct chain hash: only the seal knows."""
    seq, prev = _first(conn, "SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1")
    entry = uuid.uuid4().hex
    at = "2026-03-10 09:00:00.000000"
    digest = audit_hash(prev, seq + 1, entry, at, "login", "ok", None, None, "{}")
    conn.execute("INSERT INTO audit_entry (id, at, action, outcome, user_id, approved_by, detail, seq, prev_hash, "
                 "hash) VALUES (?, ?, 'login', 'ok', NULL, NULL, '{}', ?, ?, ?)", (entry, at, seq + 1, prev, digest))


def _audit_rechained(conn: sqlite3.Connection) -> None:
    """An approval's entry removed and the chain recomputed after it."""
    conn.execute("DELETE FROM audit_entry WHERE seq = 2")
    rows = conn.execute("SELECT rowid, id, at, action, outcome, user_id, approved_by, detail FROM audit_entry "
                        "ORDER BY seq").fetchall()
    conn.execute("UPDATE audit_entry SET seq = -seq")
    prev = GENESIS
    for seq, (rowid, entry, at, action, outcome, user, approver, detail) in enumerate(rows, start=1):
        digest = audit_hash(prev, seq, entry, at, action, outcome, user, approver, detail)
        conn.execute("UPDATE audit_entry SET seq = ?, prev_hash = ?, hash = ? WHERE rowid = ?",
                     (seq, prev, digest, rowid))
        prev = digest


def _rechain_from(conn: sqlite3.Connection, first: int) -> None:
    events = conn.execute("SELECT seq, uuid, kind, at, actor, payload FROM journal_event WHERE seq >= ? "
                          "ORDER BY seq", (first,)).fetchall()
    prev = _first(conn, "SELECT hash FROM journal_event WHERE seq = ?", first - 1)[0] if first > 1 else GENESIS
    for seq, ev_uuid, kind, at, actor, payload in events:
        digest = event_hash(prev, seq, ev_uuid, kind, at, actor, payload)
        conn.execute("UPDATE journal_event SET prev_hash = ?, hash = ? WHERE seq = ?", (prev, digest, seq))
        prev = digest


def _payment_rechained(conn: sqlite3.Connection) -> None:
    """A payment lowered mid-history, its event edited and every hash after it recomputed."""
    pay_id, amount = _first(conn, "SELECT id, amount_fen FROM payment WHERE method = 'cash'")
    text = str(uuid.UUID(pay_id))
    seq, payload = next((s, p) for s, p in conn.execute("SELECT seq, payload FROM journal_event ORDER BY seq")
                        if text in p)
    data = json.loads(payload)
    for change in data["changes"]:
        if change["id"] == text:
            change["row"]["amount_fen"] = amount - 1000
    conn.execute("UPDATE journal_event SET payload = ? WHERE seq = ?",
                 (json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False), seq))
    conn.execute("UPDATE payment SET amount_fen = ? WHERE id = ?", (amount - 1000, pay_id))
    _rechain_from(conn, seq)


def _event_forged(conn: sqlite3.Connection) -> None:
    """An event appended with a correct hash (and its row)."""
    seq, prev = _first(conn, "SELECT seq, hash FROM journal_event ORDER BY seq DESC LIMIT 1")
    item = uuid.uuid4()
    row = _first(conn, "SELECT category_id, created_at FROM item LIMIT 1")
    payload = json.dumps({"changes": [], "facts": {}}, sort_keys=True, separators=(",", ":"))
    ev = str(uuid.uuid4())
    at = "2026-03-11T02:00:00.000000+00:00"
    conn.execute("INSERT INTO journal_event VALUES (?, ?, 'item.created', ?, NULL, ?, ?, ?)",
                 (seq + 1, ev, at, payload, prev, event_hash(prev, seq + 1, ev, "item.created", at, None, payload)))
    del item, row


def _tail_removed(count: int) -> Edit:
    def edit(conn: sqlite3.Connection) -> None:
        last = _first(conn, "SELECT max(seq) FROM journal_event")[0]
        conn.execute("DELETE FROM journal_event WHERE seq > ?", (last - count,))
    return edit


def _everything_deleted(conn: sqlite3.Connection) -> None:
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                         "AND name NOT IN ('alembic_version') AND name NOT LIKE 'sqlite_%'")]
    for table in tables:
        conn.execute(f'DELETE FROM "{table}"')
    conn.execute("INSERT INTO store SELECT * FROM store")  # nothing: the store row is gone too


def _everything_but_the_store(conn: sqlite3.Connection) -> None:
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                         "AND name NOT IN ('alembic_version', 'store') AND name NOT LIKE 'sqlite_%'")]
    for table in tables:
        conn.execute(f'DELETE FROM "{table}"')


def _seal_body_edited(conn: sqlite3.Connection) -> None:
    """The seal's body rewritten to match a truncated journal (no key, so no MAC)."""
    body = json.loads(_first(conn, "SELECT body FROM store_seal")[0])
    last = _first(conn, "SELECT max(seq) FROM journal_event")[0]
    conn.execute("DELETE FROM journal_event WHERE seq = ?", (last,))
    body["journal"] = list(_first(conn, "SELECT seq, hash FROM journal_event ORDER BY seq DESC LIMIT 1"))
    conn.execute("UPDATE store_seal SET body = ?", (json.dumps(body, sort_keys=True, separators=(",", ":")),))


def _upper_uuid(table: str, column: str) -> Edit:
    def edit(conn: sqlite3.Connection) -> None:
        conn.execute(f'UPDATE "{table}" SET "{column}" = upper("{column}") WHERE rowid = '
                     f'(SELECT min(rowid) FROM "{table}" WHERE "{column}" IS NOT NULL)')
    return edit


def other_cases() -> list[Case]:
    seal = ("seal_head", "truncated", "seal_forged")
    return [
        # accounts
        Case("cashier's PIN hash copied onto the manager", _pin_copied, ("digest",)),
        Case("lock-out cleared", _sql("UPDATE app_user SET locked_until = NULL, failed_pins = 0 WHERE failed_pins > 0",
                                      "UPDATE app_user SET failed_pins = 4"), ("digest",)),
        Case("account locked until 2099", _sql("UPDATE app_user SET locked_until = '2099-01-01 00:00:00.000000'"),
             ("digest",)),
        Case("staff name changed", _sql("UPDATE app_user SET display_name = '张三'"), ("digest",)),
        Case("role raised", _sql("UPDATE app_user SET role = 'manager'"), ("value",)),
        Case("switched-off account active = 2", _sql("UPDATE app_user SET active = 2"), ("representation",)),
        # audit log
        Case("audit entry deleted", _sql("DELETE FROM audit_entry WHERE seq = 2"), ("audit_sequence",)),
        Case("last audit entry deleted", _sql("DELETE FROM audit_entry WHERE seq = (SELECT max(seq) FROM audit_entry)"),
             ("audit_head",)),
        Case("audit detail edited", _sql("UPDATE audit_entry SET detail = '{}' WHERE seq = 1"), ("audit_hash",)),
        Case("audit approver changed", _sql("UPDATE audit_entry SET approved_by = NULL"), ("audit_hash",)),
        Case("audit entry forged with a good chain hash", _audit_forged, ("audit_head",)),
        Case("audit entry removed and the chain recomputed", _audit_rechained, ("audit_head",)),
        Case("every audit entry deleted", _sql("DELETE FROM audit_entry"), ("audit_head",)),
        Case("trigger deleting new audit entries", _sql(
            "CREATE TRIGGER forget AFTER INSERT ON audit_entry BEGIN DELETE FROM audit_entry WHERE id = new.id; END"),
            ("schema",)),
        # document counters
        Case("sale counter moved back", _sql("UPDATE document_sequence SET last_serial = last_serial - 1 "
                                             "WHERE kind = 'sale'"), ("digest", "doc_sequence")),
        Case("receipt counter moved on", _sql("UPDATE document_sequence SET last_serial = last_serial + 5 "
                                              "WHERE kind = 'receipt'"), ("digest", "doc_sequence")),
        Case("donation counter deleted", _sql("DELETE FROM document_sequence WHERE kind = 'donation'"),
             ("digest", "doc_sequence")),
        Case("a counter for a year with no documents", _sql(
            "INSERT INTO document_sequence VALUES ('sale', 2031, 7)"), ("digest", "doc_sequence")),
        Case("barcode counter moved back", _sql("UPDATE document_sequence SET last_serial = 0 "
                                                "WHERE kind = 'barcode21'"), ("digest", "doc_sequence")),
        # sync state, other stores' use, parked tickets
        Case("another hub trusted", _sql(
            "INSERT OR REPLACE INTO sync_state (id, last_exported_seq, hub_public_key) VALUES (1, 0, 'AAAA')"),
            ("digest",)),
        Case("export mark moved", _sql("INSERT OR REPLACE INTO sync_state (id, last_exported_seq) VALUES (1, 1)"),
             ("digest",)),
        Case("other stores' use added", _sql(
            "INSERT INTO other_store_use (district_hash, period_key, used_fen) VALUES ('ab', '2026-03', 99999)"),
            ("digest",)),
        Case("parked ticket edited", _sql("UPDATE parked_ticket SET content = '{\"lines\": []}'"), ("digest",)),
        Case("parked ticket deleted", _sql("DELETE FROM parked_ticket"), ("digest",)),
        Case("parked ticket's cashier upper-cased", _upper_uuid("parked_ticket", "user_id"),
             ("representation", "digest")),
        # personal fields
        Case("household head's name", _sql("UPDATE household SET head_name = '李四'"), ("digest",)),
        Case("household ID cipher swapped", _sql("UPDATE household SET id_cipher = 'AAAA'"), ("digest",)),
        Case("household ID hash", _sql("UPDATE household SET id_hash = 'ab'"), ("digest",)),
        Case("household masked ID", _sql("UPDATE household SET id_masked = '110105********0000'"), ("digest",)),
        Case("household certificate", _sql("UPDATE household SET certificate_ref = 'x'"), ("digest",)),
        Case("household district hash", _sql("UPDATE household SET district_hash = 'ab'"), ("digest",)),
        Case("donor's phone", _sql("UPDATE donor SET phone = '13800000000'"), ("digest",)),
        Case("donor's name", _sql("UPDATE donor SET name = '某某'"), ("digest",)),
        Case("donor's wishes", _sql("UPDATE donor SET wishes = '给我'"), ("digest",)),
        # the same value in another form
        Case("payment's sale id upper-cased", _upper_uuid("payment", "sale_id"), ("representation",)),
        Case("sale line's item id upper-cased", _upper_uuid("sale_line", "item_id"), ("representation",)),
        Case("stock movement's lot id upper-cased", _upper_uuid("stock_movement", "lot_id"), ("representation",)),
        Case("item id upper-cased", _upper_uuid("item", "id"), ("representation",)),
        Case("quantity stored as text", _sql("UPDATE stock_movement SET quantity = '20 pcs' WHERE rowid = 1"),
             ("representation",)),
        Case("price stored as a real", _sql("UPDATE item SET sale_price_fen = 3290.5 WHERE sale_price_fen = 3290"),
             ("representation",)),
        Case("item active = 2", _sql("UPDATE item SET active = 2 WHERE rowid = 1"), ("representation",)),
        Case("date in another form", _sql("UPDATE household SET valid_to = '2026/12/31'"), ("representation",)),
        Case("time in another form", _sql("UPDATE sale SET completed_at = replace(completed_at, ' ', 'T')"),
             ("representation",)),
        Case("text stored as a blob", _sql("UPDATE item SET name = CAST(name AS BLOB) WHERE rowid = 1"),
             ("representation",)),
        # schema
        Case("column dropped", _sql("ALTER TABLE sale_line DROP COLUMN ticket_discount_fen"), ("schema",)),
        Case("column added", _sql("ALTER TABLE item ADD COLUMN secret TEXT"), ("schema",)),
        Case("table added", _sql("CREATE TABLE shadow (x)"), ("schema",)),
        Case("table dropped", _sql("DROP TABLE parked_ticket"), ("schema",)),
        Case("view added", _sql("CREATE VIEW v AS SELECT 1"), ("schema",)),
        Case("trigger on sales", _sql("CREATE TRIGGER t AFTER INSERT ON sale BEGIN SELECT 1; END"), ("schema",)),
        Case("seal table dropped", _sql("DROP TABLE store_seal"), ("schema",)),
        # the journal as a whole
        Case("payment changed and every later hash recomputed", _payment_rechained, seal),
        Case("event forged with a correct hash", _event_forged, seal),
        Case("last event removed", _tail_removed(1), ("truncated",)),
        Case("last five events removed", _tail_removed(5), ("truncated",)),
        Case("all but the first event removed", _sql("DELETE FROM journal_event WHERE seq > 1"), ("truncated",)),
        Case("seal body rewritten to match a shorter journal", _seal_body_edited, ("seal_forged",)),
        Case("seal deleted", _sql("DELETE FROM store_seal"), ("seal_missing",)),
        Case("seal MAC zeroed", _sql("UPDATE store_seal SET mac = '" + "0" * 64 + "'"), ("seal_forged",)),
        Case("seal body not JSON", _sql("UPDATE store_seal SET body = 'x'"), ("seal_forged",)),
        Case("set back to an earlier version's schema", _sql("DROP TABLE store_seal",
                                                             "UPDATE alembic_version SET version_num = '0005'"),
             ("downgraded",)),
        Case("every journal event deleted", _sql("DELETE FROM journal_event"), ("empty",)),
        Case("every row of every table deleted", _everything_but_the_store, ("empty",)),
    ]


# --- the cases, from the store the verify tests build -------------------------------------------------
def _base_store(built_store: Path) -> Path:
    return built_store


@pytest.fixture(scope="module")
def richer(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Built:  # noqa: F811
    """The verify tests' store, plus a parked ticket and a lock-out counter,
    so that those tables have something to tamper with."""
    path = tmp_path_factory.mktemp("tamper") / "store.sqlite3"
    shutil.copyfile(built.path, path)
    home = built.key.parents[2]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CHARITY_POS_HOME", str(home))
        services = Services.open(path)
        try:
            cashier = next(u for u in services.accounts.users() if u.username == "cashier")
            actor = Actor(cashier.id, cashier.username, cashier.role)
            services.sales.park(actor, "T1", {"lines": [{"qty": 1}]}, "1 件")
            with contextlib.suppress(Exception):
                services.accounts.login("cashier", "0000")
        finally:
            services.close()
    return Built(path, built.ids, built.key)


def _cases(path: Path) -> list[Case]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return journaled_cases(conn) + other_cases()


_COMPILED: dict = {}  # type: ignore[type-arg]  # one statement cache for the many copies


def _report(path: Path, key: Path):
    with open_store(path, upgrade=False) as db, db.engine.connect() as conn:
        conn = conn.execution_options(compiled_cache=_COMPILED)
        seal_key, _, marked = seal_key_for(conn, key)
        return verify(conn, seal_key, key_says_sealed=marked)


def _problem_line(path: Path, key: Path) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    saved = list(i18n._loaded)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(["verify", "--db", str(path), "--key-file", str(key), "--lang", "en"])
    finally:
        i18n._loaded[:] = saved
    return code, err.getvalue()


@contextlib.contextmanager
def _copy(richer: Built, tmp_path: Path) -> Iterator[Path]:
    copy = tmp_path / "copy.sqlite3"
    shutil.copyfile(richer.path, copy)
    yield copy


def test_there_are_over_a_hundred_distinct_edits(richer: Built) -> None:
    names = [c.name for c in _cases(richer.path)]
    assert len(names) == len(set(names)) and len(names) >= 100, len(names)


def test_the_untouched_copy_passes(richer: Built) -> None:
    report = _report(richer.path, richer.key)
    assert report.ok and report.authenticated, report.problem


def test_every_edit_is_caught_naming_what_disagrees(richer: Built, tmp_path: Path) -> None:
    missed, wrong, applied = [], [], 0
    for case in _cases(richer.path):
        copy = tmp_path / f"{abs(hash(case.name))}.sqlite3"
        shutil.copyfile(richer.path, copy)
        with contextlib.closing(sqlite3.connect(copy)) as conn:
            try:
                case.edit(conn)
            except (pytest.skip.Exception, sqlite3.IntegrityError):
                continue  # the file's own constraints forbid this edit
            conn.commit()
        applied += 1
        try:
            report = _report(copy, richer.key)
        except Exception as exc:  # noqa: BLE001 - a refusal to open counts as caught only if it is a PosError
            from charity_pos.errors import PosError

            if not isinstance(exc, PosError):
                raise
            continue
        if report.ok:
            missed.append(case.name)
        elif report.problem.kind not in case.kinds:
            wrong.append(f"{case.name}: {report.problem}")
        copy.unlink()
    assert applied >= 100, applied
    assert not missed, f"not caught: {missed}"
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("name", ["cashier's PIN hash copied onto the manager", "seal deleted",
                                  "payment changed and every later hash recomputed", "last event removed",
                                  "payment's sale id upper-cased", "column dropped", "trigger deleting new audit entries",
                                  "sale counter moved back", "every journal event deleted", "audit entry deleted",
                                  "set back to an earlier version's schema"])
def test_the_command_line_names_it_in_one_line(richer: Built, tmp_path: Path, name: str) -> None:
    case = next(c for c in _cases(richer.path) if c.name == name)
    with _copy(richer, tmp_path) as copy:
        with contextlib.closing(sqlite3.connect(copy)) as conn:
            case.edit(conn)
            conn.commit()
        code, err = _problem_line(copy, richer.key)
    assert code == 1 and err.startswith("FAILED: ") and err.count("\n") == 1, err
    assert "{" not in err and "None" not in err, err


def test_without_the_key_a_recomputed_seal_body_is_still_inconsistent(richer: Built, tmp_path: Path) -> None:
    """Without the key file, verify still sees that the seal disagrees with
    the tables it covers; it only cannot tell who wrote the seal."""
    with _copy(richer, tmp_path) as copy:
        with contextlib.closing(sqlite3.connect(copy)) as conn:
            _pin_copied(conn)
            conn.commit()
        with open_store(copy, upgrade=False) as db, db.engine.connect() as conn:
            report = verify(conn)
    assert not report.ok and report.problem.kind == "digest" and not report.authenticated


def _login(services: Services, actor: Actor) -> None:
    services.accounts.login("manager", "1111")  # the cashier's PIN, copied or not


def _open_shift(services: Services, actor: Actor) -> None:
    services.shifts.open(actor, "T9", 100)


def _park(services: Services, actor: Actor) -> None:
    services.sales.park(actor, "T2", {"lines": []}, "x")


#: an edit, and the everyday action that would have re-sealed it
WRITES_ON_TOP = {
    "cashier's PIN hash copied onto the manager": _login,
    "lock-out cleared": _login,
    "audit entry forged with a good chain hash": _login,
    "sale counter moved back": _open_shift,
    "payment changed and every later hash recomputed": _open_shift,
    "event forged with a correct hash": _open_shift,
    "last event removed": _open_shift,
    "seal deleted": _open_shift,
    "parked ticket edited": _park,
}


@pytest.mark.parametrize("name", WRITES_ON_TOP)
def test_the_app_refuses_to_write_on_top_of_a_change(richer: Built, tmp_path: Path, name: str,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A later commit must never re-seal what was changed behind the app's back."""
    monkeypatch.setenv("CHARITY_POS_HOME", str(richer.key.parents[2]))
    case = next(c for c in _cases(richer.path) if c.name == name)
    with _copy(richer, tmp_path) as copy:
        with contextlib.closing(sqlite3.connect(copy)) as conn:
            case.edit(conn)
            conn.commit()
        before = _report(copy, richer.key).problem
        services = Services.open(copy)
        try:
            manager = next(u for u in services.accounts.users() if u.username == "manager")
            with pytest.raises(SealBroken):
                WRITES_ON_TOP[name](services, Actor(manager.id, manager.username, manager.role))
        finally:
            services.close()
        after = _report(copy, richer.key).problem
    assert before is not None and after == before


def test_every_problem_kind_has_a_sentence() -> None:
    from charity_pos.ledger.verify import Problem

    kinds = Problem.__doc__.split("``kind`` is one of:")[1].replace("\n", " ").strip(" .").split(",")
    details = {"schema": ("extra_trigger", "extra_view", "extra_table", "missing_table", "missing_column",
                          "extra_column"), "digest": ("", "pin_hash"), "doc_sequence": ("", "gap:S000003")}
    for kind in (k.strip() for k in kinds):
        for detail in details.get(kind, ("",)):
            text = cli._problem_text(Problem(kind, seq=3, table="t", record="r", column="c", expected=1, found=2,
                                             detail=detail))
            assert text and "{" not in text, kind


def test_all_tables_are_covered() -> None:
    """Every table is journaled, sealed, or the journal or audit log itself."""
    from charity_pos.ledger.seal import sealed_columns

    covered = {t.name for t in journaled_tables()} | set(sealed_columns()) | {"journal_event", "audit_entry",
                                                                              "store_seal"}
    assert set(Base.metadata.tables) <= covered


def test_without_the_key_a_consistent_forged_seal_cannot_hide_events_the_district_holds(
        richer: Built, tmp_path: Path) -> None:
    """Events removed from the end and the seal's body rebuilt to match
    (possible without the key, which verify then does not have): the
    district's acknowledged head, kept in the sync state, still shows it."""
    from charity_pos.ledger.seal import current_body

    with _copy(richer, tmp_path) as copy:
        with contextlib.closing(sqlite3.connect(copy)) as conn:
            last = _first(conn, "SELECT max(seq) FROM journal_event")[0]
            conn.execute("INSERT OR REPLACE INTO sync_state (id, last_exported_seq, district_events_seq) "
                         "VALUES (1, 0, ?)", (last,))
            conn.execute("DELETE FROM journal_event WHERE seq = ?", (last,))
            conn.execute("UPDATE store_seal SET body = ?", (json.dumps(current_body(conn), sort_keys=True,
                                                                       separators=(",", ":")),))
            conn.commit()
        with open_store(copy, upgrade=False) as db, db.engine.connect() as conn:
            blind = verify(conn)
        keyed = _report(copy, richer.key)
    assert blind.problem is not None and blind.problem.kind == "truncated_hub"
    assert (blind.problem.expected, blind.problem.found) == (last, last - 1)
    assert keyed.problem is not None and keyed.problem.kind == "seal_forged"


def test_without_its_key_file_the_store_saves_nothing(richer: Built, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The seal needs the key: a store PC that lost its key file is told to
    restore it, and nothing is written (so nothing unsealed either)."""
    from charity_pos import messages
    from charity_pos.errors import SealKeyMissing

    monkeypatch.setenv("CHARITY_POS_HOME", str(tmp_path / "elsewhere"))
    def dump(path: Path) -> dict[str, list[tuple]]:  # type: ignore[type-arg]
        with contextlib.closing(sqlite3.connect(path)) as conn:
            names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            return {n: sorted(conn.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in names}

    with _copy(richer, tmp_path) as copy:
        before = dump(copy)
        services = Services.open(copy)
        try:
            manager = next(u for u in services.accounts.users() if u.username == "manager")
            with pytest.raises(SealKeyMissing) as caught:
                services.shifts.open(Actor(manager.id, manager.username, manager.role), "T9", 100)
        finally:
            services.close()
        assert "backup" in messages.describe(caught.value, lambda _c, text: text)
        assert dump(copy) == before and _report(copy, richer.key).ok
