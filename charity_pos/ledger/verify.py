"""Checking a store file: SQLite's integrity, its schema against the models,
the journal's hash chain, the seal (authenticated with the store's key when
the key file is at hand), that every journaled table holds exactly what the
journal says in the canonical form the app writes, the audit log's chain,
every sealed table's digest, and the document numbers against their
counters."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Column, Connection, Dialect, Uuid
from sqlalchemy.exc import DBAPIError

from charity_pos.db import models  # noqa: F401  (every table in the registry ``journaled_tables`` reads)
from charity_pos.db.base import UtcDateTime
from charity_pos.ledger.canonical import GENESIS, event_hash, journaled_columns, journaled_tables, plain


@dataclass(frozen=True)
class Problem:
    """The first thing that disagrees. For identity (a lot's or a
    donation's units do not add up) ``table`` is lot or donation, ``record``
    its code, ``expected`` the units received and ``found`` what the
    documents and movements account for. ``kind`` is one of: integrity,
    schema, downgraded, empty, sequence, link, hash, payload, seal_missing, seal_forged,
    truncated, truncated_hub, seal_head, representation, missing_record,
    extra_record, value, audit_sequence, audit_link, audit_hash, audit_head,
    digest, doc_sequence, identity."""

    kind: str
    seq: int | None = None
    table: str | None = None
    record: str | None = None
    column: str | None = None
    expected: Any = None
    found: Any = None
    detail: str = ""


@dataclass(frozen=True)
class Report:
    events: int
    records: int
    head_hash: str
    problem: Problem | None
    #: the seal's MAC was checked with the store's key
    authenticated: bool = False
    #: the file predates the seal (an earlier version's schema): no seal, schema or audit checks
    revision: str | None = None
    sealed: bool = True
    #: every lot and donation whose units do not add up (``trace.check_identity``), whatever else was found
    identity: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return self.problem is None


def _raw(conn: Connection) -> sqlite3.Connection:
    return conn.connection.driver_connection  # type: ignore[return-value]


#: The journal's columns as the chain hashes them: text and integers, which
#: SQLAlchemy reads from SQLite as they are stored (no type processing), so
#: the driver's rows are what the model's would be (tests/ledger/test_verify_fast).
EVENT_COLUMNS = ("seq", "prev_hash", "uuid", "kind", "at", "actor", "payload", "hash")


def _events(conn: Connection) -> Iterator[tuple[Any, ...]]:
    yield from _raw(conn).execute(f"SELECT {', '.join(EVENT_COLUMNS)} FROM journal_event ORDER BY seq")


def check_chain(conn: Connection) -> tuple[int, str, dict[str, dict[str, tuple[int, dict[str, Any] | None]]], Problem | None]:
    """Recompute every hash; return the replayed state of the journaled tables."""
    state: dict[str, dict[str, tuple[int, dict[str, Any] | None]]] = {}
    expected_seq, prev = 1, GENESIS
    count = 0
    for seq, prev_hash, event_uuid, kind, at, actor, payload, digest in _events(conn):
        if seq != expected_seq:
            return count, prev, state, Problem("sequence", seq=seq, expected=expected_seq, found=seq)
        if prev_hash != prev:
            return count, prev, state, Problem("link", seq=seq)
        if event_hash(prev_hash, seq, event_uuid, kind, at, actor, payload) != digest:
            return count, prev, state, Problem("hash", seq=seq)
        try:
            changes = json.loads(payload)["changes"]
            for change in changes:
                rows = state.setdefault(change["table"], {})
                rows[change["id"]] = (seq, None if change["op"] == "delete" else change["row"])
        except (ValueError, KeyError, TypeError) as exc:
            return count, prev, state, Problem("payload", seq=seq, detail=str(exc))
        count += 1
        expected_seq, prev = seq + 1, digest
    return count, prev, state, None


# --- stored values read without SQLAlchemy's per-value processing ----------------------------------------
_UUID_HEX = re.compile(r"[0-9a-f]{32}").fullmatch
_UTC_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}").fullmatch


def _uuid_read(stored: str) -> str | None:
    if not _UUID_HEX(stored):
        return None
    return f"{stored[:8]}-{stored[8:12]}-{stored[12:16]}-{stored[16:20]}-{stored[20:]}"


def _time_read(stored: str) -> str | None:
    if not _UTC_TIME(stored):
        return None
    try:
        datetime.fromisoformat(stored)  # a real date and time (not the 30th of February)
    except ValueError:
        return None
    return f"{stored[:10]}T{stored[11:]}+00:00"


#: A sample of the one form the app writes, for each shortcut: the shortcut
#: is used only for a column whose type reads that sample as it does.
_SHORTCUTS: tuple[tuple[type, Callable[[str], str | None], str], ...] = (
    (Uuid, _uuid_read, "0123456789abcdef0123456789abcdef"),
    (UtcDateTime, _time_read, "2026-01-31 23:59:58.000001"),
)


def processed(column: Column[Any], dialect: Dialect) -> Callable[[Any], Any]:
    """``plain()`` of the value SQLAlchemy reads from a stored value of
    ``column``: the column type's own result processing, value by value."""
    result = column.type.dialect_impl(dialect).result_processor(dialect, None)
    if result is None:
        return plain
    return lambda stored: plain(result(stored))


def written_form(column: Column[Any], dialect: Dialect) -> Callable[[str], str | None] | None:
    """For a column the app writes in one fixed text form (a UUID as 32
    lower-case hex digits, a UTC time as ``YYYY-MM-DD HH:MM:SS.ffffff``): a
    function giving, for a stored text in exactly that form, what
    ``processed`` gives for it, and None for any other text, which is then
    left to ``processed``. None when the column has no such form."""
    for kind, read, sample in _SHORTCUTS:
        if isinstance(column.type, kind) and read(sample) == processed(column, dialect)(sample):
            return read
    return None


def reader(column: Column[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    """What ``processed`` gives for a stored value, faster: the written form
    through its shortcut, anything else through the type's processing. None
    when the stored value is already what ``processed`` gives (SQLite hands
    back integers, reals, text and blobs, which ``plain`` keeps as they are,
    and the type has no result processing)."""
    exact = processed(column, dialect)
    if column.type.dialect_impl(dialect).result_processor(dialect, None) is None:
        return None
    shortcut = written_form(column, dialect)
    if shortcut is None:
        return exact
    # a foreign key or a time repeats down a column (the store, the item, the
    # sale): each text is read once, kept for at most MEMO texts
    memo: dict[str, Any] = {}

    def read(stored: Any) -> Any:
        if type(stored) is str:
            value = memo.get(stored)
            if value is None:
                value = shortcut(stored)
                if value is None:
                    return exact(stored)
                if len(memo) >= MEMO:
                    memo.clear()
                memo[stored] = value
            return value
        return exact(stored)

    return read


#: How many stored texts ``reader`` keeps the reading of, per column.
MEMO = 1 << 16


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def compare_tables(conn: Connection, state: dict[str, dict[str, tuple[int, dict[str, Any] | None]]]) -> tuple[int, Problem | None]:
    """Every row of every journaled table against the journal's replay:
    each value, read as the app reads it (``reader``), as the journal says."""
    records = 0
    raw = _raw(conn)
    present = {name for (name,) in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table in journaled_tables():
        # a file from an earlier version may lack later columns: they were
        # never written, so neither the rows nor the journal hold them
        there = {row[1] for row in raw.execute(f"PRAGMA table_info({_quoted(table.name)})")}
        columns = [c for c in journaled_columns(table) if c.name in there or table.name not in present]
        keys = [c.key for c in columns]
        readers = [reader(c, conn.dialect) for c in columns]
        id_at = keys.index("id")
        replayed = state.get(table.name, {})
        seen: set[str] = set()
        # a file from an earlier version lacks later tables: they hold nothing,
        # and anything the journal says should be there is then missing
        rows: Iterator[tuple[Any, ...]] = iter(())
        if table.name in present:
            names = ", ".join(_quoted(c.name) for c in columns)
            rows = raw.execute(f"SELECT {names} FROM {_quoted(table.name)} ORDER BY {_quoted(table.c.id.name)}")
        for row in rows:
            values = [stored if read is None else read(stored) for read, stored in zip(readers, row, strict=True)]
            key = values[id_at]
            seen.add(key)
            records += 1
            seq, expected = replayed.get(key, (None, None))
            if expected is None:
                return records, Problem("extra_record", seq=seq, table=table.name, record=key)
            if dict(zip(keys, values)) == expected:
                continue  # the common case, compared at once; otherwise column by column, as the journal has it
            for name, value in zip(keys, values):
                if value != expected.get(name):
                    return records, Problem("value", seq=seq, table=table.name, record=key, column=name,
                                            expected=expected.get(name), found=value)
        for key, (seq, expected) in sorted(replayed.items()):
            if expected is not None and key not in seen:
                return records, Problem("missing_record", seq=seq, table=table.name, record=key)
    return records, None


def verify(conn: Connection, seal_key: bytes | None = None, *, key_says_sealed: bool = False) -> Report:
    """Check the file; ``seal_key`` (from the store's key file) also checks
    that the seal was written by the app. ``key_says_sealed``: the key file
    notes that its store file was sealed, so a file claiming an earlier
    version's schema was set back by hand."""
    from charity_pos.ledger import checks

    try:
        integrity = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            return Report(0, 0, GENESIS, Problem("integrity", detail="; ".join(integrity[:3])))
        revision, at_head, sealed = checks.revision_state(conn)
        if key_says_sealed and not sealed:
            return Report(0, 0, GENESIS, Problem("downgraded", detail=str(revision)), revision=revision, sealed=sealed)
        if at_head and (problem := checks.schema(conn)):
            return Report(0, 0, GENESIS, problem, revision=revision, sealed=sealed)
        events, head_hash, state, problem = check_chain(conn)
        if problem:
            return Report(events, 0, head_hash, problem, revision=revision, sealed=sealed)
        if events == 0:
            return Report(0, 0, GENESIS, Problem("empty"), revision=revision, sealed=sealed)
        body = None
        if sealed:
            body, problem = checks.check_seal(conn, events, head_hash, seal_key)
            if problem:
                return Report(events, 0, head_hash, problem, revision=revision, sealed=sealed)
        problem = checks.acknowledged(conn, events)
        if problem is None and at_head:
            problem = checks.representation(conn)
        if problem:
            return Report(events, 0, head_hash, problem, revision=revision, sealed=sealed)
        records, problem = compare_tables(conn, state)
        if problem is None and sealed and body is not None:
            problem = checks.audit_chain(conn, body) or checks.digests(conn, body)
        if problem is None:
            problem = checks.document_numbers(conn)
        identity = tuple(checks.identity(conn)) if at_head else ()
    except DBAPIError as exc:  # pages so damaged that SQLite cannot even read them
        return Report(0, 0, GENESIS, Problem("integrity", detail=str(exc.orig)))
    return Report(events, records, head_hash, problem or (identity[0] if identity else None),
                  authenticated=seal_key is not None and sealed, revision=revision, sealed=sealed, identity=identity)
