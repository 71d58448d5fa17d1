"""Opening a store file: checks, lock, SQLite settings, migrations, seal.

``open_store`` is the only way the app, the command line and the tests get at
a store database, so they all meet the same refusals: a missing or foreign
file, a file written by a newer charity-pos, or a file another running copy
holds. What a store shares with the hub (SQLite's settings, units of work
and reads, migrations) is ``db.database`` and ``db.migrate``; what is the
store's own is here: the file lock, the seal, a full disk told as such,
prepared reads for the counter.
"""

from __future__ import annotations

import logging
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Unpack

from filelock import FileLock
from sqlalchemy import Connection, Dialect, Engine, Select, create_engine, inspect
from sqlalchemy.exc import DatabaseError, DBAPIError
from sqlalchemy.orm import Session

from charity_pos.db import migrate
from charity_pos.db.database import Database, configure_sqlite, first_connection
from charity_pos.db.plain import BUSY_TIMEOUT_MS, has_store_tables, lock_store, looks_like_sqlite
from charity_pos.ledger import seal
from charity_pos.errors import (
    CorruptDatabase,
    NotAStoreDatabase,
    StoreDiskFull,
    StoreFileExists,
    StoreNotFound,
)

log = logging.getLogger("charity_pos.db")


def disk_full(exc: BaseException) -> bool:
    """SQLite's SQLITE_FULL ("database or disk is full") behind a driver's error."""
    orig = getattr(exc, "orig", exc)
    return getattr(orig, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or "database or disk is full" in str(orig)


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True)
    # erased personal data is overwritten, not left in freed pages
    configure_sqlite(engine, busy_timeout_ms=BUSY_TIMEOUT_MS, secure_delete=True)
    return engine


class StoreDatabase(Database):
    """An open store file: its engine, sessions and the lock that keeps a
    second copy of the app away."""

    keep = 2  # one serves the usual one-at-a-time use; the pool keeps its other connections for the rest

    def __init__(self, path: Path, engine: Engine, lock: FileLock | None = None) -> None:
        self.path = path
        self._lock = lock
        seal.attach(engine, seal.Sealer(_seal_key))
        super().__init__(engine)

    def _refusal(self, exc: DatabaseError) -> Exception | None:
        """A full disk is told as StoreDiskFull (rolled back, nothing saved),
        not as a driver's error the screens cannot name."""
        if not disk_full(exc):
            return None
        log.warning("a unit of work was refused: the disk under the store file is full")
        return StoreDiskFull(path=str(self.path))

    @contextmanager
    def read_rows(self) -> Iterator[Reader]:
        """Reads for what the counter asks at every scan: prepared SELECTs on
        the driver's own connection, in a read transaction. A ``Reader`` runs
        nothing but a ``Prepared`` SELECT. Never blocks a writer."""
        raw = self.engine.raw_connection()
        try:
            conn: sqlite3.Connection = raw.driver_connection  # type: ignore[assignment]
            conn.execute("BEGIN")
            try:
                yield Reader(conn, self.engine.dialect)
            finally:
                conn.execute("ROLLBACK")
        finally:
            raw.close()

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the file and empty it, outside any
        transaction (a reader still holding old pages makes it a no-op)."""
        raw = self.engine.raw_connection()
        try:
            raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
        finally:
            raw.close()

    def close(self) -> None:
        super().close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None


class Prepared:
    """A SELECT compiled once and run on the driver's own connection: no
    compiling, cache keys or statement events at each call, which at a scan
    cost many times the query itself. Parameters are bound and columns
    converted by the statement's own types, as a session would."""

    def __init__(self, statement: Select[Unpack[tuple[Any, ...]]]) -> None:
        self.statement = statement
        self._compiled: tuple[str, list[tuple[str, Any, Any]], list[Any]] | None = None

    def _compile(self, dialect: Dialect) -> tuple[str, list[tuple[str, Any, Any]], list[Any]]:
        if self._compiled is None:
            compiled = self.statement.compile(dialect=dialect)
            binds = [(name, compiled.binds[name].effective_value,
                      compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect))
                     for name in compiled.positiontup or ()]
            results = [column.type.dialect_impl(dialect).result_processor(dialect, None)
                       for column in self.statement.selected_columns]
            self._compiled = (str(compiled), binds, results)
        return self._compiled


@dataclass(frozen=True)
class Reader:
    """A read transaction on the driver's connection (``StoreDatabase.read_rows``),
    or a unit of work's own transaction (``Reader.within``)."""

    _conn: sqlite3.Connection
    _dialect: Dialect

    @classmethod
    def within(cls, session: Session) -> Reader:
        """Prepared SELECTs in ``session``'s transaction, on its connection:
        they see what the unit of work wrote (what it added and not yet sent
        is flushed first, as a query of the session would)."""
        session.flush()
        conn = session.connection()
        return cls(conn.connection.driver_connection, conn.dialect)  # type: ignore[arg-type]

    def rows(self, prepared: Prepared, **params: Any) -> list[tuple[Any, ...]]:
        sql, binds, results = prepared._compile(self._dialect)
        values = []
        for name, fixed, bind in binds:  # a value given to this call, or one the statement holds
            value = params[name] if name in params else fixed
            values.append(value if bind is None else bind(value))
        return [tuple(value if convert is None else convert(value) for convert, value in zip(results, row))
                for row in self._conn.execute(sql, values)]


def _seal_key(store_id: uuid.UUID) -> bytes:
    from charity_pos.errors import KeyFileMissing, SealKeyMissing
    from charity_pos.security.keys import StoreKeys

    try:
        return StoreKeys.load(store_id).seal_key()
    except KeyFileMissing as exc:
        raise SealKeyMissing(**exc.facts) from None


def _adopt_seal(conn: Connection, before: str | None) -> None:
    """A file from before the seal existed is sealed as it is, once, in the
    transaction that upgrades it (the key file is needed for that)."""
    if before is None or not migrate.STORE.is_before(before, seal.SEAL_REVISION):
        return
    if seal.read_seal(conn.connection.driver_connection) is not None:  # type: ignore[arg-type]
        return
    store_id = uuid.UUID(str(conn.exec_driver_sql("SELECT id FROM store").scalar_one()))
    seal.adopt(conn, _seal_key(store_id))
    from charity_pos.security.keys import StoreKeys

    StoreKeys.mark_sealed(store_id)


def create_store_file(path: Path) -> StoreDatabase:
    """A new, empty store file with the schema at head. Refuses an existing file."""
    path = Path(path)
    if path.exists():
        raise StoreFileExists(path=str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = lock_store(path)
    try:
        engine = make_engine(path)
        with engine.connect() as conn:
            migrate.STORE.upgrade(conn)
            conn.commit()
    except BaseException:
        lock.release()
        path.unlink(missing_ok=True)
        raise
    log.info("created store database")
    return StoreDatabase(path, engine, lock)


def open_store(path: Path, *, upgrade: bool = True, lock: bool = True) -> StoreDatabase:
    """Open an existing store file, upgrading its schema to this version's."""
    path = Path(path)
    if not path.is_file():
        raise StoreNotFound(path=str(path))
    if not looks_like_sqlite(path) or not has_store_tables(path):
        raise NotAStoreDatabase(path=str(path))
    file_lock = lock_store(path) if lock else None
    engine = make_engine(path)

    def corrupt(exc: DBAPIError) -> Exception | None:
        return CorruptDatabase(path=str(path), detail=str(exc.orig)) if isinstance(exc, DatabaseError) else None

    with first_connection(engine, corrupt, file_lock.release if file_lock else None) as conn:
        if not {"store", "alembic_version"} <= set(inspect(conn).get_table_names()):
            raise NotAStoreDatabase(path=str(path))
        before = migrate.STORE.current(conn)
        migrate.STORE.check_known(before, str(path))
        if upgrade:
            migrate.STORE.upgrade(conn)
            _adopt_seal(conn, before)
    return StoreDatabase(path, engine, file_lock)
