"""Opening a store file: checks, lock, SQLite settings, migrations, and the
place for the seal.

``open_file`` and ``create_file`` are what ``services.store_file.open_store``
and ``create_store_file`` (the only way the app, the command line and the
tests get at a store database) open a file with, so they all meet the same
refusals: a missing or foreign file, a file written by a newer charity-pos,
or a file another running copy holds. The journal's seal is put on from
above (``SealHooks``: the seal is the journal's, its key in the store's key
file), and so is the copy of an older file kept before it is upgraded
(``KeepCopy``: it is checked as a backup is, by ``services``). What a store
shares with the hub (SQLite's settings, units of work and reads,
migrations) is ``db.database`` and ``db.migrate``; what is the store's own
is here: the file lock, a full disk told as such, prepared reads for the
counter.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
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
from charity_pos.db.plain import (
    BUSY_TIMEOUT_MS, NeedsAlembic, has_store_tables, lock_store, looks_like_sqlite, read_revision,
)
from charity_pos.errors import (
    CorruptDatabase,
    NotAStoreDatabase,
    StoreDiskFull,
    StoreFileExists,
    StoreNotFound,
    StoreRevisionUnknown,
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


@dataclass(frozen=True)
class SealHooks:
    """How the store's seal is kept (``services.store_file.SEAL``, from
    ``ledger.seal`` and the key file): put on every engine a store file is
    opened with, and given each upgrade, in its transaction, to seal a file
    from before the seal."""

    attach: Callable[[Engine], None]
    #: the connection that upgraded the file, and the revision the file was at before (None: none recorded)
    upgraded: Callable[[Connection, str | None], None]


#: Makes the copy of an older store file that is kept before it is upgraded
#: (``services.upgrade.keep_copy``): given the file and its schema revision,
#: under the file's lock and before anything of it is changed; returns where
#: the copy is. Raising refuses the upgrade, and the file is left as it was.
KeepCopy = Callable[[Path, str], Path]


@dataclass(frozen=True)
class Upgrade:
    """An older store file brought to this version's schema when it was opened."""

    #: the schema revision the file was at
    before: str
    #: the one it is at now (this version's head)
    after: str
    #: the checked copy of the file as it was, kept before the upgrade
    copy: Path


class StoreDatabase(Database):
    """An open store file: its engine, sessions and the lock that keeps a
    second copy of the app away."""

    keep = 2  # one serves the usual one-at-a-time use; the pool keeps its other connections for the rest

    def __init__(self, path: Path, engine: Engine, lock: FileLock | None = None, *, seal: SealHooks,
                 upgrade: Upgrade | None = None) -> None:
        self.path = path
        self._lock = lock
        #: the upgrade this opening made, if the file was older (None: it was at this version's schema)
        self.upgrade = upgrade
        seal.attach(engine)
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


def create_file(path: Path, seal: SealHooks) -> StoreDatabase:
    """A new, empty store file with the schema at head, sealed by ``seal``. Refuses an existing file."""
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
    return StoreDatabase(path, engine, lock, seal=seal)


def open_file(path: Path, seal: SealHooks, *, keep_copy: KeepCopy, upgrade: bool = True,
              lock: bool = True) -> StoreDatabase:
    """Open an existing store file, upgrading its schema to this version's
    (after ``keep_copy`` kept a copy of it as it was), sealed by ``seal``.
    ``upgrade=False``: as it is (for ``verify``), no copy."""
    path = Path(path)
    if not path.is_file():
        raise StoreNotFound(path=str(path))
    if not looks_like_sqlite(path) or not has_store_tables(path):
        raise NotAStoreDatabase(path=str(path))
    file_lock = lock_store(path) if lock else None
    try:
        copy = _copy_if_older(path, keep_copy) if upgrade else None
    except BaseException:
        if file_lock is not None:
            file_lock.release()
        raise
    engine = make_engine(path)

    def corrupt(exc: DBAPIError) -> Exception | None:
        return CorruptDatabase(path=str(path), detail=str(exc.orig)) if isinstance(exc, DatabaseError) else None

    done: Upgrade | None = None
    with first_connection(engine, corrupt, file_lock.release if file_lock else None) as conn:
        if not {"store", "alembic_version"} <= set(inspect(conn).get_table_names()):
            raise NotAStoreDatabase(path=str(path))
        before = migrate.STORE.current(conn)
        migrate.STORE.check_known(before, str(path))
        if upgrade:
            if before is None or (before != migrate.STORE.head() and copy is None):
                # not what the read under the lock found a moment ago: written meanwhile around the lock
                raise StoreRevisionUnknown(path=str(path), revision=before or "")
            migrate.STORE.upgrade(conn)
            seal.upgraded(conn, before)
            if copy is not None:
                done = Upgrade(before, migrate.STORE.head(), copy)
                log.info("store file upgraded from schema %s to %s", before, done.after)
    return StoreDatabase(path, engine, file_lock, seal=seal, upgrade=done)


def _copy_if_older(path: Path, keep_copy: KeepCopy) -> Path | None:
    """Before an older file is upgraded, the copy of it as it was (``keep_copy``);
    the file's revision is read with SQLite alone, read-only, so that a file
    refused (newer, its revision unknown, the copy not made) is left as it was,
    byte for byte. None: the file is at this version's schema."""
    try:
        revision = read_revision(path)
    except NeedsAlembic:  # several rows: no file this version's single line of revisions writes
        raise StoreRevisionUnknown(path=str(path), revision="several") from None
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabase(path=str(path), detail=str(exc)) from None
    migrate.STORE.check_known(revision, str(path))
    if revision is None:  # store tables without a revision: nothing says what to upgrade from
        raise StoreRevisionUnknown(path=str(path), revision="")
    if revision == migrate.STORE.head():
        return None
    return keep_copy(path, revision)
