"""What the store's database and the hub's share: SQLite set up for a PC
that may lose power, the first connection that checks and upgrades the
schema, and ``Database``, whose ``begin`` is one unit of work and ``read``
a session that never blocks a writer.

``charity_pos.db.engine`` opens a store file on it, ``charity_pos.hub.engine``
a hub (a SQLite file, or PostgreSQL); what differs is theirs: the refusals,
the migrations (``charity_pos.db.migrate.Migrations``), the store's file
lock and seal.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ClassVar, Self, cast

from sqlalchemy import Connection, Engine, event
from sqlalchemy.exc import DatabaseError, DBAPIError
from sqlalchemy.orm import Session

#: the execution option of a read's connections: it begins without taking SQLite's write lock
READ_ONLY = "charity_pos_read_only"
_BEGIN = "charity_pos_begin"


def configure_sqlite(engine: Engine, *, busy_timeout_ms: int, secure_delete: bool = False) -> None:
    """Every connection of ``engine`` (a SQLite one) in WAL mode, fully synced
    at each commit, with foreign keys enforced, waiting ``busy_timeout_ms``
    for another writer; ``secure_delete`` overwrites erased data rather than
    leaving it in freed pages. A unit of work takes the write lock at its
    start (``BEGIN IMMEDIATE``), a read (``READ_ONLY``) none."""

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy, not the driver, say when transactions begin.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute("PRAGMA foreign_keys = ON")
        if secure_delete:
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

    engine.dialect.do_begin = do_begin  # type: ignore[method-assign, assignment]  # this engine's BEGIN, by design


@contextmanager
def first_connection(engine: Engine, refused: Callable[[DBAPIError], Exception | None],
                     undo: Callable[[], None] | None = None) -> Iterator[Connection]:
    """The connection an opening checks and upgrades the schema on, committed
    if the block ends normally. Otherwise the engine is disposed and ``undo``
    called (releasing what the opening took); an error of the database is
    raised as ``refused(exc)`` tells it (None: as it is), anything else as it is."""
    try:
        with engine.connect() as conn:
            yield conn
            conn.commit()
    except BaseException as exc:
        engine.dispose()
        if undo is not None:
            undo()
        told = refused(exc) if isinstance(exc, DBAPIError) else None
        if told is None:
            raise
        raise told from None


class Database:
    """An open database: its engine, units of work and reads.

    Each unit of work and each read runs in a session of its own, bound to a
    connection no other uses meanwhile. Up to ``keep`` closed sessions of
    each kind (no object, pending change or transaction carries over) are
    kept for the next ones: opening a session and checking a connection out
    of the pool and back in cost more than a small unit of work's
    statements."""

    #: closed sessions kept for the next units of work, and as many for reads (0: none)
    keep: ClassVar[int] = 0

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._reading = engine.execution_options(**{READ_ONLY: True})
        #: closed sessions, each bound to a connection of its own, that finished units of work and
        #: reads left for the next ones (writing: False, reading: True), at most ``keep`` each
        self._idle: dict[bool, list[Session]] = {False: [], True: []}
        self._idle_lock = threading.Lock()
        #: counts ``engine.dispose()`` calls: a session made before the last one is not kept
        self._generation = 0
        self._closed = False
        event.listen(engine, "engine_disposed", self._drop_idle)

    def _session(self, reading: bool) -> tuple[Session, int]:
        """A closed session bound to a connection of its own that holds no
        transaction: one a finished unit of work (or read) left, else a new
        one; with the generation of connections it belongs to."""
        with self._idle_lock:
            idle, generation = self._idle[reading], self._generation
            if idle:
                return idle.pop(), generation
        return Session((self._reading if reading else self.engine).connect(), expire_on_commit=False), generation

    def _done(self, session: Session, reading: bool, generation: int) -> None:
        """Close a finished unit's (or read's) session and keep it for the
        next one, unless its connection cannot serve again, the engine's
        connections were renewed meanwhile, enough are kept or the database
        is closed: then the connection goes back to the pool."""
        conn = cast(Connection, session.bind)  # the sessions here are bound to a connection of their own
        try:
            session.close()  # ends its transaction (rolled back, if not committed) and forgets every object
        except BaseException:
            conn.close()
            raise
        session.info.clear()
        with self._idle_lock:
            idle = self._idle[reading]
            if (len(idle) < self.keep and generation == self._generation and not self._closed
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
            conn = cast(Connection, session.bind)
            conn.invalidate()  # closes the driver's connection now (its old pool is gone)
            conn.close()

    def _refusal(self, exc: DatabaseError) -> Exception | None:
        """What a unit of work refused by the database is told as instead (None: as it is)."""
        return None

    @contextmanager
    def begin(self) -> Iterator[Session]:
        """One unit of work: commits if the block ends normally, else nothing
        it did remains."""
        session, generation = self._session(False)
        try:
            with session.begin():
                yield session
        except DatabaseError as exc:
            told = self._refusal(exc)
            if told is None:
                raise
            raise told from exc
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

    def close(self) -> None:
        with self._idle_lock:
            self._closed = True
        self.engine.dispose()  # the kept sessions' connections too (``_drop_idle``)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
