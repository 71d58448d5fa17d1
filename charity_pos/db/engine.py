"""Opening a store file: checks, lock, SQLite settings, migrations.

``open_store`` is the only way the app, the command line and the tests get at
a store database, so they all meet the same refusals: a missing or foreign
file, a file written by a newer charity-pos, or a file another running copy
holds.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Unpack

from filelock import FileLock, Timeout
from sqlalchemy import Connection, Dialect, Engine, Select, create_engine, event, inspect
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker

from charity_pos.db import migrate
from charity_pos.db.plain import has_store_tables, looks_like_sqlite
from charity_pos.ledger import seal
from charity_pos.errors import (
    CorruptDatabase,
    NotAStoreDatabase,
    StoreDiskFull,
    StoreFileExists,
    StoreInUse,
    StoreNotFound,
)

log = logging.getLogger("charity_pos.db")


def disk_full(exc: BaseException) -> bool:
    """SQLite's SQLITE_FULL ("database or disk is full") behind a driver's error."""
    orig = getattr(exc, "orig", exc)
    return getattr(orig, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or "database or disk is full" in str(orig)


BUSY_TIMEOUT_MS = 5000
READ_ONLY = "charity_pos_read_only"
#: closed sessions kept for the next unit of work, and as many for reads: one serves the
#: usual one-at-a-time use; the pool keeps its other connections for the rest
_KEEP = 2
_BEGIN = "charity_pos_begin"


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy, not the driver, say when transactions begin.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute("PRAGMA foreign_keys = ON")
        # erased personal data is overwritten, not left in freed pages
        cur.execute("PRAGMA secure_delete = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn: Connection) -> None:
        # A unit of work takes the write lock at its start, so that reading
        # the journal's head and appending to it never interleave with
        # another writer. Reads take no lock (WAL lets them run alongside).
        conn.info[_BEGIN] = "BEGIN" if conn.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE"

    def do_begin(dbapi_conn: Any) -> None:
        # The dialect's own step, so a refusal (a lock held too long) comes
        # back as SQLAlchemy's error like any other; the driver's connection
        # runs it directly: no statement events for a BEGIN at every scan.
        dbapi_conn.driver_connection.execute(dbapi_conn.info.pop(_BEGIN, "BEGIN IMMEDIATE"))

    engine.dialect.do_begin = do_begin  # type: ignore[method-assign,assignment]  # replaced on this engine's dialect only


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True)
    _configure_sqlite(engine)
    return engine


@dataclass
class StoreDatabase:
    """An open store file: its engine, sessions and the lock that keeps a
    second copy of the app away."""

    path: Path
    engine: Engine
    _lock: FileLock | None = None
    sessions: sessionmaker[Session] = field(init=False)
    _reading: Engine = field(init=False)
    #: closed sessions, each bound to a connection of its own, that finished units of work and
    #: reads left for the next ones (writing: False, reading: True), at most ``_KEEP`` each
    _idle: dict[bool, list[Session]] = field(init=False, default_factory=lambda: {False: [], True: []})
    _idle_lock: threading.Lock = field(init=False, default_factory=threading.Lock)
    #: counts ``engine.dispose()`` calls: a session made before the last one is not kept
    _generation: int = field(init=False, default=0)
    _closed: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        seal.attach(self.engine, seal.Sealer(_seal_key))
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._reading = self.engine.execution_options(**{READ_ONLY: True})
        event.listen(self.engine, "engine_disposed", self._drop_idle)

    def _session(self, reading: bool) -> tuple[Session, int]:
        """A closed session bound to a connection of its own that holds no
        transaction: one a finished unit of work (or read) left, else a new
        one; with the generation of connections it belongs to. Opening a
        session and checking a connection out of the pool and back in cost
        more than a small unit of work's statements."""
        with self._idle_lock:
            idle, generation = self._idle[reading], self._generation
            if idle:
                return idle.pop(), generation
        return Session((self._reading if reading else self.engine).connect(), expire_on_commit=False), generation

    def _done(self, session: Session, reading: bool, generation: int) -> None:
        """Close a finished unit's (or read's) session and keep it for the
        next one, unless its connection cannot serve again, the engine's
        connections were renewed meanwhile or the store is closed: then the
        connection goes back to the pool."""
        conn: Connection = session.bind  # type: ignore[assignment]
        try:
            session.close()  # ends its transaction (rolled back, if not committed) and forgets every object
        except BaseException:
            conn.close()
            raise
        session.info.clear()
        with self._idle_lock:
            idle = self._idle[reading]
            if (len(idle) < _KEEP and generation == self._generation and not self._closed
                    and not (conn.closed or conn.invalidated or conn.in_transaction())):
                idle.append(session)
                return
        conn.close()

    def _drop_idle(self, _engine: Engine | None = None) -> None:
        """``engine.dispose()`` renews the engine's connections (so that a
        "connect" listener added since, or a changed file, takes effect):
        the kept sessions' connections are closed with the others."""
        with self._idle_lock:
            self._generation += 1
            idle = [session for sessions in self._idle.values() for session in sessions]
            self._idle = {False: [], True: []}
        for session in idle:
            conn: Connection = session.bind  # type: ignore[assignment]
            conn.invalidate()  # closes the driver's connection now (its old pool is gone)
            conn.close()

    @contextmanager
    def begin(self) -> Iterator[Session]:
        """One unit of work: commits if the block ends normally, else nothing
        it did remains. A full disk is told as StoreDiskFull (rolled back,
        nothing saved), not as a driver's error the screens cannot name.

        Each unit runs in a session of its own (new, or a closed one a
        finished unit left: no object, pending change or transaction carries
        over) on a connection no other unit uses meanwhile."""
        session, generation = self._session(False)
        try:
            with session.begin():
                yield session
        except DatabaseError as exc:
            if not disk_full(exc):
                raise
            log.warning("a unit of work was refused: the disk under the store file is full")
            raise StoreDiskFull(path=str(self.path)) from exc
        finally:
            self._done(session, False, generation)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading only: it never blocks a writer."""
        session, generation = self._session(True)
        try:
            yield session
        finally:
            self._done(session, True, generation)

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
        with self._idle_lock:
            self._closed = True
        self.engine.dispose()  # the kept sessions' connections too (``_drop_idle``)
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> StoreDatabase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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
    if before is None or not migrate.is_before(before, seal.SEAL_REVISION):
        return
    if seal.read_seal(conn.connection.driver_connection) is not None:  # type: ignore[arg-type]
        return
    store_id = uuid.UUID(str(conn.exec_driver_sql("SELECT id FROM store").scalar_one()))
    seal.adopt(conn, _seal_key(store_id))
    from charity_pos.security.keys import StoreKeys

    StoreKeys.mark_sealed(store_id)


def _lock_for(path: Path) -> FileLock:
    lock = FileLock(str(path) + ".lock", timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise StoreInUse(path=str(path)) from None
    return lock


def create_store_file(path: Path) -> StoreDatabase:
    """A new, empty store file with the schema at head. Refuses an existing file."""
    path = Path(path)
    if path.exists():
        raise StoreFileExists(path=str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = _lock_for(path)
    try:
        engine = make_engine(path)
        with engine.connect() as conn:
            migrate.upgrade(conn)
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
    file_lock = _lock_for(path) if lock else None
    engine = make_engine(path)
    try:
        with engine.connect() as conn:
            if not {"store", "alembic_version"} <= set(inspect(conn).get_table_names()):
                raise NotAStoreDatabase(path=str(path))
            migrate.check_not_newer(conn, path)
            if upgrade:
                before = migrate.current(conn)
                migrate.upgrade(conn)
                _adopt_seal(conn, before)
            conn.commit()
    except DatabaseError as exc:
        engine.dispose()
        if file_lock:
            file_lock.release()
        raise CorruptDatabase(path=str(path), detail=str(exc.orig)) from None
    except BaseException:
        engine.dispose()
        if file_lock:
            file_lock.release()
        raise
    return StoreDatabase(path, engine, file_lock)
