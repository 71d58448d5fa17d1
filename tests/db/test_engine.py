"""Opening a store file: SQLite set up for a shop PC that may lose power, one
running copy per file, init never overwrites, money kept as whole fen."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Float, Integer, Numeric, create_engine, inspect, text
from sqlalchemy.exc import IntegrityError

from charity_pos import i18n
from charity_pos.db import models  # noqa: F401  (every table registered)
from charity_pos.db.base import Base
from charity_pos.db.engine import StoreDatabase
from charity_pos.services.store_file import create_store_file, open_store
from charity_pos.errors import StoreFileExists, StoreInUse
from charity_pos.messages import describe
from charity_pos.services.store import init_store
from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parents[2]


def english(_context: str, text: str) -> str:
    return text


def pragmas(conn: Any) -> dict[str, Any]:
    return {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")}


# --- SQLite settings -------------------------------------------------------------------------------
def test_every_connection_is_set_up_for_safe_writes(filled_store: Any) -> None:
    with open_store(filled_store.path) as db:
        with db.begin() as s:  # a unit of work
            writer = pragmas(s.connection())
        with db.read() as s:  # a screen reading
            reader = pragmas(s.connection())
        with db.engine.connect() as conn:
            plain = pragmas(conn)
    for found in (writer, reader, plain):
        assert found["journal_mode"] == "wal"
        assert found["synchronous"] == 2, "FULL: a committed sale survives a power cut"
        assert found["foreign_keys"] == 1
        assert found["busy_timeout"] > 0


def test_the_file_stays_in_wal_mode_when_closed(filled_store: Any) -> None:
    header = filled_store.path.read_bytes()[:100]
    assert header[18:20] == b"\x02\x02", "WAL is a property of the file, not just of one connection"
    with closing(sqlite3.connect(filled_store.path)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_foreign_keys_are_enforced(store_db: StoreDatabase) -> None:
    """An audit entry for a user who does not exist is refused by SQLite itself."""
    with pytest.raises(IntegrityError), store_db.engine.begin() as conn:
        conn.execute(text("INSERT INTO audit_entry (id, at, action, outcome, user_id, detail) VALUES "
                          "('00000000000000000000000000000001', '2026-03-10 02:00:00', 'login', 'ok', "
                          "'ffffffffffffffffffffffffffffffff', '')"))


# --- one running copy per file -------------------------------------------------------------------------
def test_a_second_open_of_the_same_file_is_refused_naming_it(store_db: StoreDatabase, store_path: Path) -> None:
    with pytest.raises(StoreInUse) as caught:
        open_store(store_path)
    assert caught.value.path == str(store_path)
    sentence = describe(caught.value, english)
    assert sentence == f"{store_path} is open in another running copy of charity-pos; close that one first."

    saved = list(i18n._loaded)
    try:
        i18n.load("zh_CN")
        chinese = i18n.describe(caught.value)
    finally:
        i18n._loaded[:] = saved
    assert str(store_path) in chinese and "另一个" in chinese and "charity-pos" in chinese


def test_the_store_opens_again_once_the_first_copy_closes(store_db: StoreDatabase, store_path: Path) -> None:
    with pytest.raises(StoreInUse):
        open_store(store_path)
    with pytest.raises(StoreInUse):
        open_store(store_path, upgrade=False)  # verify's way in is refused too
    store_db.close()
    with open_store(store_path) as again:
        assert again.path == store_path


def test_a_command_refuses_a_file_the_app_holds_at_once(store_db: StoreDatabase, store_path: Path) -> None:
    code, out, err = run_cli("show", "items", "--db", str(store_path), "--lang", "zh_CN")
    assert (code, out) == (1, "") and err.count("\n") == 1
    assert str(store_path) in err and "另一个" in err


def test_a_second_running_copy_is_refused_across_processes(store_db: StoreDatabase, store_path: Path,
                                                           tmp_path: Path) -> None:
    """Two copies of the program: the second is told at once, in one line."""
    env = dict(os.environ, CHARITY_POS_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen")
    started = time.monotonic()
    other = subprocess.run([sys.executable, "-m", "charity_pos", "verify", "--db", str(store_path), "--lang", "en"],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert other.returncode == 1 and other.stdout == ""
    assert other.stderr == (f"Error: {store_path} is open in another running copy of charity-pos; "
                            "close that one first.\n")
    assert time.monotonic() - started < 30, "refused, not left waiting for the lock"


# --- init never overwrites -----------------------------------------------------------------------------------
def _keys(home: Path) -> set[Path]:
    return {p for p in home.rglob("*.key")}


@pytest.mark.parametrize("existing", ["store", "other"])
def test_init_refuses_an_existing_file_and_leaves_it_unchanged(filled_store: Any, tmp_path: Path,
                                                               isolated_home: Path, existing: str) -> None:
    if existing == "store":
        path = filled_store.path
    else:
        path = tmp_path / "notes.db"
        path.write_text("盘点记录\n", "utf-8")
    before, stat, keys = path.read_bytes(), path.stat(), _keys(isolated_home)

    with pytest.raises(StoreFileExists) as caught:
        init_store(path, store_code="PT02", name="新店", district="普陀区", manager_pin="2580")
    assert caught.value.path == str(path)
    with pytest.raises(StoreFileExists):
        create_store_file(path)
    code, out, err = run_cli("init", "--db", str(path), "--store-code", "PT02", "--name", "新店",
                             "--district", "普陀区", "--manager-pin", "2580", "--lang", "en")
    assert (code, out) == (1, "")
    assert err == f"Error: {path} already exists; a new store needs a new file.\n"

    assert path.read_bytes() == before and path.stat().st_mtime_ns == stat.st_mtime_ns
    assert _keys(isolated_home) == keys, "no new key file either"


def test_a_store_still_opens_after_init_refused_to_overwrite_it(filled_store: Any) -> None:
    with pytest.raises(StoreFileExists):
        init_store(filled_store.path, store_code="PT02", name="新店", district="普陀区", manager_pin="2580")
    with open_store(filled_store.path) as db, db.engine.connect() as conn:
        count = conn.execute(text("SELECT count(*) FROM journal_event")).scalar()
    assert count == filled_store.events


# --- money is whole fen ---------------------------------------------------------------------------------------
def _money_columns() -> list[Any]:
    return [c for t in Base.metadata.sorted_tables for c in t.columns if c.name.endswith("_fen")]


def test_every_money_column_is_an_integer() -> None:
    money = _money_columns()
    assert len(money) >= 5, "the models have money columns to check"
    wrong = [f"{c.table.name}.{c.name}: {c.type}" for c in money if not isinstance(c.type, Integer)]
    assert wrong == []


def test_no_column_anywhere_holds_fractions() -> None:
    floats = [f"{t.name}.{c.name}: {c.type}" for t in Base.metadata.sorted_tables for c in t.columns
              if isinstance(c.type, (Float, Numeric)) and not isinstance(c.type, Integer)]
    assert floats == [], "money is integer fen; no floats or decimals in the store"


def test_money_is_stored_as_integers_in_the_file(filled_store: Any) -> None:
    engine = create_engine(f"sqlite:///{filled_store.path}")
    try:
        insp = inspect(engine)
        declared = {(t, c["name"]): str(c["type"]) for t in insp.get_table_names() for c in insp.get_columns(t)
                    if c["name"].endswith("_fen")}
        with engine.connect() as conn:
            kinds = {row[0] for row in conn.execute(text("SELECT typeof(sale_price_fen) FROM item UNION "
                                                         "SELECT typeof(reference_price_fen) FROM item"))}
    finally:
        engine.dispose()
    assert declared and set(declared.values()) == {"INTEGER"}, declared
    assert declared.keys() == {(c.table.name, c.name) for c in _money_columns()}
    assert kinds == {"integer"}


def test_prepared_reads_in_a_unit_of_work_see_what_it_added(store_db: StoreDatabase) -> None:
    """The checks a unit of work makes through prepared statements read its
    own transaction, rows it added but has not sent yet included, as a
    query of its session would."""
    from sqlalchemy import bindparam, select

    from charity_pos.db.engine import Prepared, Reader
    from charity_pos.db.models import Category

    by_code = Prepared(select(Category.name).where(Category.code == bindparam("code")))
    with pytest.raises(LookupError), store_db.begin() as s:  # ends without committing: nothing remains
        assert Reader.within(s).rows(by_code, code="seasonal") == []
        s.add(Category(code="seasonal", name="节令", sort_order=99))
        assert Reader.within(s).rows(by_code, code="seasonal") == [("节令",)]
        raise LookupError
    with store_db.read_rows() as reader:
        assert reader.rows(by_code, code="seasonal") == []


# --- units of work and reads on kept sessions ---------------------------------------------------------------------
def _journal(session: Any) -> None:
    from datetime import UTC, datetime

    from charity_pos.ledger import journal

    journal.append(session, "category.added", actor=None, at=datetime.now(UTC))


def _category_count(db: StoreDatabase) -> int:
    with db.read() as s:
        return s.execute(text("SELECT count(*) FROM category")).scalar_one()


def test_a_unit_of_work_after_a_failed_one_starts_clean(store_db: StoreDatabase) -> None:
    """A finished unit's session serves the next one: nothing the failed
    unit added, loaded or noted carries over, and nothing of it was saved."""
    from charity_pos.db.models import Category

    before = _category_count(store_db)
    with pytest.raises(LookupError), store_db.begin() as s:
        loaded = s.query(Category).first()
        s.add(Category(code="seasonal", name="节令", sort_order=99))
        s.flush()
        s.info["noted"] = True
        raise LookupError
    with store_db.begin() as s:
        assert not s.new and not s.dirty and not s.deleted and len(s.identity_map) == 0
        assert loaded not in s and "noted" not in s.info
        assert s.execute(text("SELECT count(*) FROM category WHERE code = 'seasonal'")).scalar_one() == 0
        s.add(Category(code="seasonal", name="节令", sort_order=99))
        _journal(s)
    assert _category_count(store_db) == before + 1


def test_a_later_unit_of_work_still_takes_the_write_lock_at_its_start(store_db: StoreDatabase) -> None:
    for _ in range(3):  # the first unit on a new session, the next ones on kept ones
        with store_db.begin() as s:
            s.connection()
            with closing(sqlite3.connect(store_db.path, timeout=0)) as other:
                with pytest.raises(sqlite3.OperationalError, match="locked"):
                    other.execute("BEGIN IMMEDIATE")
        with closing(sqlite3.connect(store_db.path, timeout=0)) as other:  # released at its end
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")


def test_a_read_sees_what_was_committed_after_the_last_read(store_db: StoreDatabase) -> None:
    """A kept read session holds no snapshot between reads."""
    from charity_pos.db.models import Category

    before = _category_count(store_db)
    with store_db.begin() as s:
        s.add(Category(code="seasonal", name="节令", sort_order=99))
        _journal(s)
    assert _category_count(store_db) == before + 1
    with closing(sqlite3.connect(store_db.path)) as other:  # a write the app did not make (no journaled table)
        other.execute("PRAGMA user_version = 7")
    with store_db.read() as s:
        assert s.execute(text("PRAGMA user_version")).scalar_one() == 7


def test_nested_units_and_reads_each_have_their_own_session_and_connection(store_db: StoreDatabase) -> None:
    with store_db.read() as outer, store_db.read() as inner, store_db.begin() as unit:
        sessions = [outer, inner, unit]
        connections = [s.connection().connection.driver_connection for s in sessions]
    assert len({id(s) for s in sessions}) == 3
    assert len({id(c) for c in connections}) == 3


def test_closing_the_store_closes_every_connection(filled_store: Any) -> None:
    """Closed, the store leaves no connection open: the last one to close
    folds the write-ahead log into the file, so a copy of the file alone is
    whole."""
    with open_store(filled_store.path) as db:
        for _ in range(3):
            with db.read() as r, db.read() as r2, db.begin() as s:
                r.connection(), r2.connection(), s.connection()
        assert filled_store.path.with_name(filled_store.path.name + "-wal").exists()
    assert not filled_store.path.with_name(filled_store.path.name + "-wal").exists()


def test_after_engine_dispose_units_and_reads_run_on_new_connections(store_db: StoreDatabase) -> None:
    """``engine.dispose()`` renews every connection, kept ones included, so
    a "connect" listener added before it applies to the next unit of work."""
    from sqlalchemy import event

    with store_db.begin() as s, store_db.read() as r:  # kept for the next ones
        s.connection(), r.connection()
    made: list[Any] = []

    def connected(dbapi_conn: Any, _record: object) -> None:
        made.append(dbapi_conn)

    event.listen(store_db.engine, "connect", connected)
    try:
        store_db.engine.dispose()
        with store_db.begin() as s:
            writer = s.connection().connection.driver_connection
        with store_db.read() as r:
            reader = r.connection().connection.driver_connection
    finally:
        event.remove(store_db.engine, "connect", connected)
    assert writer in made and reader in made
