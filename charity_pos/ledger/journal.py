"""Appending to the journal.

A session listener notes every journaled row that a unit of work inserts,
updates or deletes; ``append`` turns them into one event whose payload holds
each row's full journaled state, chained to the previous event by SHA-256.
``insert_rows`` writes plain rows (the counter's sale, a new item) in one
statement per table and notes them just as the flush would have noted the
same objects.
A transaction that changed journaled rows but appended no event is refused
at commit, so no service can change business data silently.
"""

from __future__ import annotations

import functools
import sqlite3
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Dialect, Engine, Insert, Table, event, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.pool import Pool

from charity_pos.db.base import Base
from charity_pos.db.driver import driver
from charity_pos.db.models import JournalEvent
from charity_pos.ledger import seal
from charity_pos.ledger.canonical import (
    GENESIS, WRITE_STATEMENT, canonical_json, event_hash, journaled_columns, journaled_tables, plain, snapshot,
)

_PENDING = "journal_pending"
#: Set when ``insert_rows`` failed part-way: the unit of work can only be rolled back.
_BROKEN = "journal_broken"


class UnjournaledChange(RuntimeError):
    """A programming error: business rows changed with no journal event."""


@dataclass(frozen=True, slots=True)
class _Inserted:
    """A row ``insert_rows`` wrote, as the next event describes it: its
    table, key and journaled columns, taken from the values written."""

    __tablename__: str
    id: Any
    row: dict[str, Any]


def _pending(session: Session) -> dict[tuple[str, str], tuple[str, Base | _Inserted]]:
    pending: dict[tuple[str, str], tuple[str, Base | _Inserted]] = session.info.setdefault(_PENDING, {})
    return pending


def _journaled_change(session: Session, obj: Base) -> bool:
    from sqlalchemy import inspect as sa_inspect

    state = sa_inspect(obj)
    for column in journaled_columns(obj.__table__):
        if state.attrs[column.key].history.has_changes():
            return True
    return False


@event.listens_for(Session, "before_flush")
def _note_changes(session: Session, _ctx: object, _instances: object) -> None:
    pending = _pending(session)
    for op, objects in (("insert", session.new), ("update", session.dirty), ("delete", session.deleted)):
        for obj in objects:
            if not getattr(obj, "__journaled__", False):
                continue
            if op == "update" and not _journaled_change(session, obj):
                continue
            key = (obj.__tablename__, str(id(obj)))
            previous = pending.get(key)
            if previous and previous[0] == "insert" and op == "update":
                continue  # still an insert as far as this event is concerned
            pending[key] = (op, obj)


#: Execution option for the rare writer that may bypass the journal on
#: purpose (a benchmark's bulk load); such a file then fails ``verify``.
UNJOURNALED_OK = "charity_pos_unjournaled_ok"
_FLUSHING = "charity_pos_flushing"
_ALLOWED = "charity_pos_journal_writes_allowed"
_DENIED = "charity_pos_journal_write_denied"
_DROPPING = "charity_pos_dropping_table"
_WRITE = WRITE_STATEMENT


@functools.cache
def _journaled_names() -> frozenset[str]:
    return frozenset(table.name for table in journaled_tables())


@event.listens_for(Session, "before_flush")
def _mark_flush(session: Session, _ctx: object, _instances: object) -> None:
    session.connection().info[_FLUSHING] = True


@event.listens_for(Session, "after_flush_postexec")
def _unmark_flush(session: Session, _ctx: object) -> None:
    info = session.connection().info
    # the flush's last write left the authorizer open: closed again, so that nothing sent on the
    # driver's connection before the next statement event writes to journaled tables unseen
    info[_FLUSHING] = info[_ALLOWED] = False


@event.listens_for(Engine, "begin")
def _fresh_transaction(conn: Connection) -> None:
    conn.info[_FLUSHING] = False  # a flush that failed last time left it set


@event.listens_for(Engine, "before_cursor_execute")
def _refuse_statements_around_the_journal(conn: Connection, _cursor: object, statement: str, _params: object,
                                          _context: object, _executemany: bool) -> None:
    """Rows of journaled tables change only through a unit of work's flush
    (or ``insert_rows``), where the journal sees them. Any other statement that writes to them (a
    bulk UPDATE, an INSERT on the table, SQL text, the session's raw
    connection) is refused before it runs: plain forms by their text here,
    and every form, however written, by SQLite's authorizer below."""
    allowed = bool(conn.info.get(_FLUSHING) or conn.get_execution_options().get(UNJOURNALED_OK))
    conn.info[_ALLOWED] = allowed
    conn.info[_DROPPING] = None
    if allowed:
        return
    match = _WRITE.match(statement)
    if match and match.group(1).lower() in _journaled_names():
        raise UnjournaledChange(f"a statement writes to journaled table {match.group(1)} outside a unit of work")


_WRITES = frozenset({sqlite3.SQLITE_INSERT, sqlite3.SQLITE_UPDATE, sqlite3.SQLITE_DELETE})


@event.listens_for(Pool, "connect")
def _guard_sqlite_connection(dbapi_conn: object, record: Any) -> None:
    """SQLite asks the authorizer about every table a statement writes to
    when it prepares it, whatever the SQL looks like (schema-qualified
    names, CTEs, comments)."""
    if not isinstance(dbapi_conn, sqlite3.Connection):
        return
    info = record.info
    names = _journaled_names()

    def authorizer(action: int, table: str | None, _column: str | None, _db: str | None,
                   _trigger: str | None) -> int:
        if action == sqlite3.SQLITE_DROP_TABLE:  # a migration dropping a table deletes its rows
            info[_DROPPING] = table
        if action in _WRITES and table in names and not info.get(_ALLOWED) and info.get(_DROPPING) != table:
            info[_DENIED] = table
            return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK

    dbapi_conn.set_authorizer(authorizer)


@event.listens_for(Engine, "handle_error")
def _name_the_refusal(context: Any) -> Exception | None:
    connection = context.connection
    table = connection.info.pop(_DENIED, None) if connection is not None and not connection.closed else None
    if table is not None:
        return UnjournaledChange(f"a statement writes to journaled table {table} outside a unit of work")
    return None


@event.listens_for(Session, "before_commit")
def _refuse_silent_changes(session: Session) -> None:
    session.flush()
    if session.info.get(_BROKEN):
        raise UnjournaledChange("rows of journaled tables failed to insert: the unit of work must be rolled back")
    if _pending(session):
        tables = sorted({table for table, _ in _pending(session)})
        session.info.pop(_PENDING, None)
        raise UnjournaledChange(f"journaled tables changed without a journal event: {tables}")


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_PENDING, None)
    session.info.pop(_BROKEN, None)


#: The journal's last event, as a statement for a session.
_HEAD = select(JournalEvent.seq, JournalEvent.hash).order_by(JournalEvent.seq.desc()).limit(1)
#: The statement that adds an event, run on the driver's connection: no
#: compiling, cache keys or statement events at each commit. The seal sees
#: the write through ``seal.journal_head``; the journal's own table is no
#: business row, so the guards above have nothing to refuse.
_ADD = ("INSERT INTO journal_event (seq, uuid, kind, at, actor, payload, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")


@dataclass(frozen=True, slots=True)
class Appended:
    """The event ``append`` added, as stored: the row's values, without
    building a mapped object no session holds."""

    seq: int
    uuid: str
    kind: str
    at: str
    actor: str | None
    payload: str
    prev_hash: str
    hash: str


def head(session: Session) -> tuple[int, str]:
    row = session.execute(_HEAD).first()
    return (0, GENESIS) if row is None else (row.seq, row.hash)


def append(
    session: Session,
    kind: str,
    *,
    actor: uuid.UUID | None,
    at: datetime,
    facts: dict[str, Any] | None = None,
) -> Appended:
    """Close the unit of work's changes into one journal event.

    ``facts`` carries what the rows do not say (an approval, a reason); it
    must not hold names, ID numbers or phone numbers of natural persons.
    The event row is inserted as it is (the journal's own table is no
    business row), and returned as its values (``Appended``).
    """
    session.flush()
    if session.info.get(_BROKEN):
        raise UnjournaledChange("rows of journaled tables failed to insert: the unit of work must be rolled back")
    changes = []
    for op, obj in _pending(session).values():
        entry: dict[str, Any] = {"op": op, "table": obj.__tablename__, "id": plain(obj.id)}  # type: ignore[union-attr]  # every journaled model has an id
        if op != "delete":
            entry["row"] = obj.row if isinstance(obj, _Inserted) else snapshot(obj)
        changes.append(entry)
    session.info.pop(_PENDING, None)
    payload = canonical_json({"changes": changes, "facts": facts or {}})
    conn = session.connection()
    seq, prev = seal.journal_head(conn)  # the seal's check of the head, on the first append of the transaction
    seq += 1
    event_uuid = str(uuid.uuid4())
    at_text = plain(at)
    actor_text = None if actor is None else str(actor)
    digest = event_hash(prev, seq, event_uuid, kind, at_text, actor_text, payload)
    row = (seq, event_uuid, kind, at_text, actor_text, payload, prev, digest)
    raw = driver(conn)
    try:
        raw.execute(_ADD, row)
    except sqlite3.Error as exc:  # as SQLAlchemy would have raised it (callers catch DBAPIError)
        raise DBAPIError.instance(_ADD, None, exc, sqlite3.Error) from exc
    return Appended(seq, event_uuid, kind, at_text, actor_text, payload, prev, digest)


@functools.cache
def _parents_first() -> dict[Table, int]:
    """Each table's place in ``Base.metadata.sorted_tables`` (worked out once: sorting them is costly)."""
    return {table: n for n, table in enumerate(Base.metadata.sorted_tables)}


@functools.cache
def _insert_of(table: Table) -> tuple[Insert, frozenset[str], tuple[str, ...]]:
    """The table's INSERT, every column's key, and the journaled ones'."""
    return table.insert(), frozenset(c.key for c in table.columns), tuple(c.key for c in journaled_columns(table))


@functools.cache
def _compiled_insert(table: Table, dialect: Dialect) -> tuple[str, tuple[tuple[str, Any], ...]]:
    """The table's INSERT of every column as the dialect compiles it, and
    per parameter in its order the column's key and the type's bind
    processor (None: the value goes as it is): what SQLAlchemy would send,
    worked out once."""
    statement = _insert_of(table)[0]
    compiled = statement.compile(dialect=dialect, column_keys=[c.key for c in table.columns])
    names = list(compiled.positiontup or ())
    if names != [c.key for c in table.columns]:  # a parameter named otherwise than its column's key
        raise ValueError(f"the INSERT of {table.name} binds {names}, not its columns' keys")
    binds = tuple((name, compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)) for name in names)
    return str(compiled), binds


#: Values ``plain`` returns as they are: most columns' (text, numbers, flags, NULL).
_AS_IS = frozenset({str, int, bool, float, type(None)})


def _plain(value: Any) -> Any:
    """``plain(value)``, without its type tests for the values it keeps as they are."""
    return value if type(value) in _AS_IS else plain(value)


def _stored_values(binds: tuple[tuple[str, Any], ...], row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(row[key] if bind is None else bind(row[key]) for key, bind in binds)


def insert_rows(session: Session, rows: Sequence[tuple[Table, dict[str, Any]]]) -> None:
    """Insert rows of journaled tables in the unit of work and note each for
    the next ``append`` as a flush notes an inserted object: op "insert",
    its journaled columns as ``snapshot`` gives them, in the order given.

    Each row carries every column of its table, ``id`` included: no
    column default is applied, so the row written and the row journaled are
    the same values. Anything the session holds unflushed is flushed first
    (noted before these rows, and written before them, for their foreign
    keys). The rows are sent as one executemany per table, parents first
    (``Base.metadata.sorted_tables``), on the driver's connection: each
    table's INSERT compiled once and the values bound by the columns' own
    types, as SQLAlchemy sends them, without compiling, cache keys or
    statement events at each call. The SQLite authorizer lets these
    statements through, and only them, as it does a flush's writes; a table
    the seal covers gets the seal's check before its first write of the
    transaction, as any statement writing to it does. Noted rows that no
    event takes refuse the commit, as a flush's do.
    """
    by_table: dict[Table, list[dict[str, Any]]] = {}
    noted: list[tuple[tuple[str, str], _Inserted]] = []
    for table, row in rows:
        if table.name not in _journaled_names():
            raise ValueError(f"insert_rows writes journaled tables only, not {table.name}")
        _, keys, journaled = _insert_of(table)
        if row.keys() != keys:
            missing, extra = sorted(keys - row.keys()), sorted(row.keys() - keys)
            raise ValueError(f"a row of {table.name} must carry exactly its columns: missing {missing}, extra {extra}")
        by_table.setdefault(table, []).append(row)
        noted.append(((table.name, f"row:{plain(row['id'])}"),
                      _Inserted(table.name, row["id"], {key: _plain(row[key]) for key in journaled})))
    if not noted:
        return
    session.flush()
    pending = _pending(session)
    for key, inserted in noted:  # noted first: rows written are never left out of the event
        pending[key] = ("insert", inserted)
    conn = session.connection()
    raw = driver(conn)
    info = conn.info
    sql = ""
    values: list[tuple[Any, ...]] = []
    try:
        for table in sorted(by_table, key=_parents_first().__getitem__):
            if table.name in seal.tracked():  # private columns the seal digests: checked as a statement's write is
                seal.require_intact(session, table.name)
            sql, binds = _compiled_insert(table, conn.dialect)
            values = [_stored_values(binds, row) for row in by_table[table]]
            info[_ALLOWED], info[_DROPPING] = True, None
            try:
                raw.executemany(sql, values)
            finally:
                info[_ALLOWED] = False  # nothing else on this connection writes to journaled tables unseen
    except BaseException as exc:
        # some rows may be in and others not: no event may describe them, and no commit keep them
        session.info[_BROKEN] = True
        if isinstance(exc, sqlite3.Error):  # as SQLAlchemy would have raised it (callers catch DBAPIError)
            raise DBAPIError.instance(sql, values, exc, sqlite3.Error) from exc
        raise
