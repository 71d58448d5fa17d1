"""The database base the store and the hub share (``db.database``): both
kinds of SQLite database are set up for a PC that may lose power, a unit of
work holds the write lock from its start and leaves nothing when it fails, a
read never blocks a writer, and an opening that fails leaves nothing open."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.exc import DBAPIError, OperationalError

from charity_pos.db.database import Database, configure_sqlite, first_connection
from charity_pos.db.engine import StoreDatabase
from charity_pos.hub.engine import open_hub

#: what each kind's connections are set to: how long they wait for another writer (the hub's, an import holding
#: the lock), and the store's erased rows overwritten, not left in freed pages (the hub keeps SQLite's default)
SETTINGS: dict[str, dict[str, int]] = {"store": {"busy_timeout": 5000, "secure_delete": 1},
                                       "hub": {"busy_timeout": 120_000}}


@pytest.fixture(params=["store", "hub"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, Database, Path]]:
    """An open database of either kind, on a SQLite file: the kind, the database and its file."""
    if request.param == "store":
        store_db: StoreDatabase = request.getfixturevalue("store_db")
        yield "store", store_db, store_db.path
        return
    path = tmp_path / "hub.sqlite3"
    with open_hub(path, create=True) as hub:
        yield "hub", hub, path


def _pragmas(conn: Connection, *more: str) -> dict[str, Any]:
    return {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", *more)}


def test_every_connection_of_either_kind_is_set_up_for_safe_writes(database: tuple[str, Database, Path]) -> None:
    kind, db, _path = database
    with db.begin() as s:
        writer = _pragmas(s.connection(), *SETTINGS[kind])
    with db.read() as s:
        reader = _pragmas(s.connection(), *SETTINGS[kind])
    with db.engine.connect() as conn:
        plain = _pragmas(conn, *SETTINGS[kind])
    for found in (writer, reader, plain):
        assert found == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, **SETTINGS[kind]}


def test_a_unit_of_work_holds_the_write_lock_from_its_start_and_a_read_none(
        database: tuple[str, Database, Path]) -> None:
    _kind, db, path = database
    for _ in range(3):  # the first on a new session; the store's next ones on kept sessions
        with db.begin() as s:
            s.connection()
            with closing(sqlite3.connect(path, timeout=0)) as other:
                with pytest.raises(sqlite3.OperationalError, match="locked"):
                    other.execute("BEGIN IMMEDIATE")
        with db.read() as s:
            s.execute(text("SELECT 1")).scalar_one()
            with closing(sqlite3.connect(path, timeout=0)) as other:  # a read leaves writers be
                other.execute("BEGIN IMMEDIATE")
                other.execute("ROLLBACK")


def test_a_failed_unit_of_work_of_either_kind_leaves_nothing(database: tuple[str, Database, Path]) -> None:
    _kind, db, _path = database
    with pytest.raises(LookupError), db.begin() as s:
        s.execute(text("PRAGMA user_version = 7"))
        raise LookupError
    with db.read() as s:
        assert s.execute(text("PRAGMA user_version")).scalar_one() == 0
    with db.begin() as s:
        s.execute(text("PRAGMA user_version = 7"))
    with db.read() as s:
        assert s.execute(text("PRAGMA user_version")).scalar_one() == 7


def test_closing_either_kind_closes_every_connection(database: tuple[str, Database, Path]) -> None:
    """The last connection to close folds the write-ahead log into the file."""
    _kind, db, path = database
    with db.read() as r, db.begin() as s:
        r.connection(), s.connection()
    assert path.with_name(path.name + "-wal").exists()
    db.close()
    assert not path.with_name(path.name + "-wal").exists()


# --- the base on its own ------------------------------------------------------------------------------------------
class _Kept(Database):
    keep = 2


@pytest.mark.parametrize(("kind", "kept"), [(Database, 0), (_Kept, 2)])
def test_only_a_kind_that_keeps_sessions_holds_connections_between_units(tmp_path: Path, kind: type[Database],
                                                                        kept: int) -> None:
    """The hub keeps none (each unit checks a connection out of the pool, tested there when it may be
    a server's), the store two of each: a unit of work and a read each leave one."""
    engine = create_engine(f"sqlite:///{tmp_path / 'base.sqlite3'}")
    configure_sqlite(engine, busy_timeout_ms=1000)
    with kind(engine) as db:
        with db.begin() as s:
            s.connection()
        with db.read() as s:
            s.connection()
        assert engine.pool.checkedout() == kept  # type: ignore[attr-defined]
    assert engine.pool.checkedout() == 0  # type: ignore[attr-defined]


def _refused(exc: DBAPIError) -> Exception | None:
    return LookupError(str(exc.orig)) if isinstance(exc, OperationalError) else None


def test_an_opening_the_database_refuses_is_told_its_own_way_and_undone(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'base.sqlite3'}")
    undone: list[bool] = []
    with pytest.raises(LookupError, match="no such table") as caught:
        with first_connection(engine, _refused, lambda: undone.append(True)) as conn:
            conn.exec_driver_sql("SELECT * FROM missing")
    assert caught.value.__cause__ is None and undone == [True]
    assert engine.pool.checkedout() == 0  # type: ignore[attr-defined]


def test_any_other_failure_of_an_opening_is_raised_as_it_is_and_undone(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'base.sqlite3'}")
    undone: list[bool] = []
    with pytest.raises(KeyError):
        with first_connection(engine, _refused, lambda: undone.append(True)):
            raise KeyError("store")
    with pytest.raises(DBAPIError):  # a database error ``refused`` does not name
        with first_connection(engine, lambda exc: None, lambda: undone.append(True)) as conn:
            conn.exec_driver_sql("SELECT * FROM missing")
    assert undone == [True, True]


def test_what_an_opening_did_is_committed(tmp_path: Path) -> None:
    path = tmp_path / "base.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    with first_connection(engine, _refused) as conn:
        conn.exec_driver_sql("CREATE TABLE t (x INTEGER)")
        conn.exec_driver_sql("INSERT INTO t VALUES (1)")
    engine.dispose()
    with closing(sqlite3.connect(path)) as other:
        assert other.execute("SELECT x FROM t").fetchall() == [(1,)]
