"""Checking a store file: SQLite's integrity, its schema against the models,
the journal's hash chain, the seal (authenticated with the store's key when
the key file is at hand), that every journaled table holds exactly what the
journal says in the canonical form the app writes, the audit log's chain,
every sealed table's digest, and the document numbers against their
counters."""

from __future__ import annotations

import contextlib
import errno
import functools
import itertools
import json
import os
import re
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from charity_pos.db.driver import driver
from charity_pos.db.schema_text import Column, journaled_tables
from charity_pos.errors import TempFolderUnwritable
from charity_pos.ledger.canonical import GENESIS, event_hash, plain

if TYPE_CHECKING:
    import sqlalchemy

# ``verify`` reads the file through SQLite's driver and knows its tables from
# ``db.schema_text``: it loads SQLAlchemy only to read a stored value that is
# not in the form the app writes, the way the app would read it.


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


def _raw(conn: Any) -> sqlite3.Connection:
    """The driver's connection: ``conn`` itself, or behind a SQLAlchemy connection."""
    if isinstance(conn, sqlite3.Connection):
        return conn
    return driver(conn)


#: The journal's columns as the chain hashes them: text and integers, which
#: SQLAlchemy reads from SQLite as they are stored (no type processing), so
#: the driver's rows are what the model's would be (tests/ledger/test_verify_fast).
EVENT_COLUMNS = ("seq", "prev_hash", "uuid", "kind", "at", "actor", "payload", "hash")


def _events(conn: Any) -> Iterator[tuple[Any, ...]]:
    yield from _raw(conn).execute(f"SELECT {', '.join(EVENT_COLUMNS)} FROM journal_event ORDER BY seq")


#: Rows of the replay held as dicts in memory; past this many, the replay
#: moves to a temporary SQLite file, so that ``verify`` needs the same memory
#: whatever the journal's length (a small store is compared in memory, as fast).
HELD = 20_000
#: Changes written to the temporary file, and rows looked up in it, at a time.
BATCH = 1_000
#: The temporary file's page cache, in KiB.
CACHE_KIB = 8_192


# --- the temporary folder ------------------------------------------------------------------------------
def temp_folder() -> str:
    """The folder ``verify``'s temporary file goes into: the one the
    environment names (TMPDIR, then TEMP and TMP, as Python reads them),
    used as named (a full or read-only folder is reported, never silently
    swapped for another disk), else the system's (``tempfile.gettempdir``)."""
    for name in ("TMPDIR", "TEMP", "TMP"):
        if folder := os.environ.get(name):
            return folder
    return tempfile.gettempdir()


def sqlite_temp_folder() -> str:
    """The folder SQLite itself writes its temporary files into (a sort
    larger than its cache, on the store's connection): on Windows the
    system's; elsewhere the first writable of SQLITE_TMPDIR, TMPDIR,
    /var/tmp, /usr/tmp, /tmp and the current folder, as SQLite chooses."""
    if os.name == "nt":
        return temp_folder()
    named = [os.environ.get("SQLITE_TMPDIR"), os.environ.get("TMPDIR"), "/var/tmp", "/usr/tmp", "/tmp", "."]
    candidates = [folder for folder in named if folder]
    for folder in candidates:
        if os.path.isdir(folder) and os.access(folder, os.W_OK | os.X_OK):
            return folder
    return candidates[0]


_TEMP_REASONS = {errno.ENOSPC: "no_space", errno.EDQUOT: "no_space", errno.EROFS: "read_only",
                 errno.EACCES: "permission", errno.EPERM: "permission", errno.ENOENT: "missing",
                 errno.ENOTDIR: "not_a_folder"}


def temp_refused(folder: str, exc: OSError | sqlite3.Error) -> TempFolderUnwritable:
    """The system's (or SQLite's) refusal to write a temporary file, in the app's terms."""
    if isinstance(exc, OSError):
        reason = _TEMP_REASONS.get(exc.errno or 0, "permission" if isinstance(exc, PermissionError) else "other")
        return TempFolderUnwritable(folder=folder, reason=reason, detail=exc.strerror or type(exc).__name__)
    name = str(getattr(exc, "sqlite_errorname", ""))
    reason = "no_space" if name == "SQLITE_FULL" else "read_only" if name.startswith("SQLITE_READONLY") else "other"
    return TempFolderUnwritable(folder=folder, reason=reason, detail=str(exc))


class Replayed:
    """The journal's replay: for every row of every table the journal
    touched, the seq of the last event that did and the row it left (None
    when that event deleted it). Held in dicts while small (``HELD`` rows);
    beyond, in a private temporary SQLite file in ``temp_folder()`` (gone
    once closed, ``close``; on a POSIX system its name is removed at once),
    which holds each row as JSON. A temporary folder that cannot be written
    raises ``TempFolderUnwritable``: the check was not run, and the store
    is not said to have a problem it may not have."""

    def __init__(self, held: int | None = None) -> None:
        self.held = HELD if held is None else held
        self.tables: dict[str, dict[Any, tuple[int, dict[str, Any] | None]]] = {}
        self.count = 0
        self.db: sqlite3.Connection | None = None
        self._pending: list[tuple[str, Any, int, str | None]] = []
        #: once spilled, rows under ids SQLite would not hold as they are
        self.odd: dict[Any, dict[Any, tuple[int, dict[str, Any] | None]]] = {}
        #: where the temporary file is, and its name while it has one (Windows: until ``close``)
        self.folder = ""
        self._path: str | None = None

    @property
    def spilled(self) -> bool:
        return self.db is not None

    def put(self, table: str, key: Any, seq: int, row: dict[str, Any] | None) -> None:
        if self.db is None:
            rows = self.tables.get(table)
            if rows is None:
                rows = self.tables[table] = {}
            if key not in rows:
                self.count += 1
            rows[key] = (seq, row)
            if self.count > self.held:
                self._spill()
            return
        if not (type(key) is str or (type(key) is int and -(1 << 63) <= key < 1 << 63)):
            # an id no journal the app writes holds (a number SQLite cannot store as it is, null,
            # a list: a payload problem, as in memory): kept aside, as in memory
            rows = self.odd.setdefault(table, {})
            rows[key] = (seq, row)
            return
        self._pending.append((table, key, seq, None if row is None else json.dumps(row)))
        if len(self._pending) >= BATCH:
            self._flush()

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """The temporary file's errors (a full disk, a folder that cannot be
        written) as ``TempFolderUnwritable``, naming the folder."""
        try:
            yield
        except (OSError, sqlite3.Error) as exc:
            raise temp_refused(self.folder, exc) from None

    def _spill(self) -> None:
        self.folder = temp_folder()
        with self._writing():
            handle, path = tempfile.mkstemp(prefix="charity-pos-verify-", suffix=".sqlite3", dir=self.folder)
            os.close(handle)
            self._path = path
            self.db = db = sqlite3.connect(path, isolation_level=None)
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA locking_mode = EXCLUSIVE")
            db.execute("PRAGMA synchronous = OFF")
            db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            db.execute("CREATE TABLE replayed (tbl, id, seq INTEGER NOT NULL, row TEXT,"
                       " seen INTEGER NOT NULL DEFAULT 0)")
            db.execute("CREATE UNIQUE INDEX replayed_id ON replayed (tbl, id)")
            db.execute("BEGIN")
            if os.name != "nt":  # open, it needs no name: nothing is left behind whatever ends the process
                os.unlink(path)
                self._path = None
        for table, rows in self.tables.items():
            self._pending.extend((table, key, seq, None if row is None else json.dumps(row))
                                 for key, (seq, row) in rows.items())
            self._flush()
        self.tables = {}

    def _flush(self) -> None:
        assert self.db is not None
        with self._writing():
            self.db.executemany("INSERT OR REPLACE INTO replayed (tbl, id, seq, row) VALUES (?, ?, ?, ?)",
                                self._pending)
        self._pending = []

    def done(self) -> None:
        """Every event is in: the replay is ready to be compared."""
        if self.db is not None and self._pending:
            self._flush()

    def lookup(self, table: str, keys: list[Any]) -> dict[Any, tuple[int, str | None]]:
        """The replayed (seq, row as JSON) of each key found, noting each as seen."""
        assert self.db is not None
        found: dict[Any, tuple[int, str | None]] = {}
        with self._writing():
            for start in range(0, len(keys), BATCH):
                part = keys[start:start + BATCH]
                marks = ", ".join("?" * len(part))
                for key, seq, row in self.db.execute(
                        f"SELECT id, seq, row FROM replayed WHERE tbl = ? AND id IN ({marks})", (table, *part)):
                    found[key] = (seq, row)
            self.db.executemany("UPDATE replayed SET seen = 1 WHERE tbl = ? AND id = ?", [(table, k) for k in keys])
        return found

    def first_unseen(self, table: str) -> tuple[Any, int] | None:
        """The lowest id (in Python's order, as SQLite's for text and for
        numbers) the replay holds a row for and the table did not show."""
        assert self.db is not None
        with self._writing():
            first = self.db.execute("SELECT id, seq FROM replayed WHERE tbl = ? AND row IS NOT NULL AND seen = 0"
                                    " ORDER BY id LIMIT 1", (table,)).fetchone()
        odd = [(key, seq) for key, (seq, row) in self.odd.get(table, {}).items() if row is not None]
        return min([*([first] if first else []), *odd], key=lambda pair: pair[0], default=None)

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None
        if self._path is not None:  # Windows (a file open there keeps its name), or a spill cut short
            with contextlib.suppress(OSError):
                os.unlink(self._path)
            self._path = None
        self.tables = {}


def check_chain(conn: Any, held: int | None = None) -> tuple[int, str, Replayed, Problem | None]:
    """Recompute every hash; return the replayed state of the journaled
    tables (``Replayed``: the caller closes it)."""
    state = Replayed(held)
    try:
        return _replay(conn, state)
    except BaseException:  # the temporary folder refused, or the store cannot be read: nothing left open
        state.close()
        raise


def _replay(conn: Any, state: Replayed) -> tuple[int, str, Replayed, Problem | None]:
    expected_seq, prev = 1, GENESIS
    count = 0
    put = state.put
    for seq, prev_hash, event_uuid, kind, at, actor, payload, digest in _events(conn):
        if seq != expected_seq:
            state.done()
            return count, prev, state, Problem("sequence", seq=seq, expected=expected_seq, found=seq)
        if prev_hash != prev:
            state.done()
            return count, prev, state, Problem("link", seq=seq)
        if event_hash(prev_hash, seq, event_uuid, kind, at, actor, payload) != digest:
            state.done()
            return count, prev, state, Problem("hash", seq=seq)
        try:
            changes = json.loads(payload)["changes"]
            for change in changes:
                put(change["table"], change["id"], seq, None if change["op"] == "delete" else change["row"])
        except (ValueError, KeyError, TypeError) as exc:
            state.done()
            return count, prev, state, Problem("payload", seq=seq, detail=str(exc))
        count += 1
        expected_seq, prev = seq + 1, digest
    state.done()
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


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}").fullmatch


def _date_read(stored: str) -> str | None:
    if not _DATE(stored):
        return None
    try:
        date.fromisoformat(stored)  # a real date
    except ValueError:
        return None
    return stored


def _boolean_read(stored: Any) -> bool | None:
    return bool(stored) if type(stored) is int and stored in (0, 1) else None


#: For each kind of column the app writes in one fixed form (a UUID as 32
#: lower-case hex digits, a UTC time as ``YYYY-MM-DD HH:MM:SS.ffffff``, a
#: date as ``YYYY-MM-DD``, a boolean as 0 or 1): a function giving, for a
#: stored value in exactly that form, what ``processed`` gives for it, and
#: None for any other value, which is then left to ``processed``. The other
#: kinds (integer, string, text) are read as stored. tests/ledger/test_verify_fast
#: holds each against SQLAlchemy's processing of every column of its kind.
WRITTEN_FORMS: dict[str, Callable[[Any], Any]] = {
    "uuid": _uuid_read, "utc_datetime": _time_read, "date": _date_read, "boolean": _boolean_read,
}
#: Kinds SQLAlchemy reads from SQLite as they are stored.
AS_STORED = frozenset({"integer", "string", "text"})


def processed(column: sqlalchemy.Column[Any], dialect: sqlalchemy.Dialect) -> Callable[[Any], Any]:
    """``plain()`` of the value SQLAlchemy reads from a stored value of
    ``column``: the column type's own result processing, value by value."""
    result = column.type.dialect_impl(dialect).result_processor(dialect, None)
    if result is None:
        return plain
    return lambda stored: plain(result(stored))


@functools.cache
def model_column(column: Column) -> tuple[sqlalchemy.Column[Any], sqlalchemy.Dialect]:
    """The model's column and SQLite's dialect, for reading as the app reads
    (loads SQLAlchemy and the models: only for a value in an unusual form)."""
    from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite

    import charity_pos.db.models  # noqa: F401  (every table registered)
    from charity_pos.db.base import Base

    return Base.metadata.tables[column.table].c[column.name], SQLiteDialect_pysqlite()


def exact(column: Column) -> Callable[[Any], Any]:
    """``processed`` for the column, SQLAlchemy loaded on the first value it reads."""
    def read(stored: Any) -> Any:
        return processed(*model_column(column))(stored)

    return read


def written_form(column: Column) -> Callable[[Any], Any] | None:
    return WRITTEN_FORMS.get(column.kind)


def reader(column: Column) -> Callable[[Any], Any] | None:
    """What ``processed`` gives for a stored value, faster: the written form
    through its shortcut, anything else through the type's processing. None
    when the stored value is already what ``processed`` gives (SQLite hands
    back integers, reals, text and blobs, which ``plain`` keeps as they are,
    and the type has no result processing)."""
    if column.kind in AS_STORED:
        return None
    shortcut = written_form(column)
    slow = exact(column)
    if shortcut is None:  # a kind schema_gen knows and verify does not: read it as the app does
        return slow
    if column.kind == "boolean":
        return lambda stored: stored if stored is None else slow(stored) if (value := shortcut(stored)) is None else value
    if column.primary:  # an id never repeats down its column: nothing to keep
        def read_id(stored: Any) -> Any:
            if type(stored) is str and (value := shortcut(stored)) is not None:
                return value
            return None if stored is None else slow(stored)

        return read_id
    # a foreign key or a time repeats down a column (the store, the item, the
    # sale): each text is read once, kept for at most MEMO texts
    memo: dict[str, Any] = {}

    def read(stored: Any) -> Any:
        if type(stored) is str:
            value = memo.get(stored)
            if value is None:
                value = shortcut(stored)
                if value is None:
                    return slow(stored)
                if len(memo) >= MEMO:
                    memo.clear()
                memo[stored] = value
            return value
        return None if stored is None else slow(stored)  # NULL reads as None whatever the type

    return read


#: How many stored texts ``reader`` keeps the reading of, per column (a
#: bound on the memory it takes, whatever the table's length).
MEMO = 1 << 13


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def compare_tables(conn: Any, state: Replayed) -> tuple[int, Problem | None]:
    """Every row of every journaled table against the journal's replay:
    each value, read as the app reads it (``reader``), as the journal says."""
    records = 0
    raw = _raw(conn)
    present = {name for (name,) in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for table in journaled_tables():
        # a file from an earlier version may lack later columns: they were
        # never written, so neither the rows nor the journal hold them
        there = {row[1] for row in raw.execute(f"PRAGMA table_info({_quoted(table.name)})")}
        columns = [c for c in table.journaled_columns() if c.name in there or table.name not in present]
        keys = [c.key for c in columns]
        readers = [reader(c) for c in columns]
        id_at = keys.index("id")
        # a file from an earlier version lacks later tables: they hold nothing,
        # and anything the journal says should be there is then missing
        rows: Iterator[tuple[Any, ...]] = iter(())
        if table.name in present:
            names = ", ".join(_quoted(c.name) for c in columns)
            rows = raw.execute(f'SELECT {names} FROM {_quoted(table.name)} ORDER BY "id"')
        compare = _in_memory if state.db is None else _spilled
        records, problem = compare(state, table.name, rows, keys, readers, id_at, records)
        if problem:
            return records, problem
    return records, None


Row = tuple[Any, ...]


def _in_memory(state: Replayed, table: str, rows: Iterator[Row], keys: list[str],
               readers: list[Callable[[Any], Any] | None], id_at: int, records: int) -> tuple[int, Problem | None]:
    replayed = state.tables.get(table, {})
    seen: set[Any] = set()
    for row in rows:
        values = [stored if read is None else read(stored) for read, stored in zip(readers, row, strict=True)]
        key = values[id_at]
        seen.add(key)
        records += 1
        seq, expected = replayed.get(key, (None, None))
        if expected is None:
            return records, Problem("extra_record", seq=seq, table=table, record=key)
        if dict(zip(keys, values)) == expected:
            continue  # the common case, compared at once; otherwise column by column, as the journal has it
        if problem := _value(table, key, seq, keys, values, expected):
            return records, problem
    for key, (seq, expected) in sorted(replayed.items()):
        if expected is not None and key not in seen:
            return records, Problem("missing_record", seq=seq, table=table, record=key)
    return records, None


def _spilled(state: Replayed, table: str, rows: Iterator[Row], keys: list[str],
             readers: list[Callable[[Any], Any] | None], id_at: int, records: int) -> tuple[int, Problem | None]:
    """As ``_in_memory``, the replay in its temporary file: the table's rows
    read ``BATCH`` at a time, and their ids looked up together."""
    odd = state.odd.get(table, {})
    while batch := [[stored if read is None else read(stored) for read, stored in zip(readers, row, strict=True)]
                    for row in itertools.islice(rows, BATCH)]:
        found = state.lookup(table, [values[id_at] for values in batch])
        for values in batch:
            key = values[id_at]
            records += 1
            seq, text = found.get(key) or odd.get(key) or (None, None)
            expected = json.loads(text) if isinstance(text, str) else text
            if expected is None:
                return records, Problem("extra_record", seq=seq, table=table, record=key)
            if dict(zip(keys, values)) != expected and (problem := _value(table, key, seq, keys, values, expected)):
                return records, problem
    first = state.first_unseen(table)
    if first is not None:
        return records, Problem("missing_record", seq=first[1], table=table, record=first[0])
    return records, None


def _value(table: str, key: Any, seq: int | None, keys: list[str], values: list[Any], expected: Any) -> Problem | None:
    """The first column, as the journal has it, whose value is not the journal's."""
    for name, value in zip(keys, values):
        if value != expected.get(name):
            return Problem("value", seq=seq, table=table, record=key, column=name,
                           expected=expected.get(name), found=value)
    return None


def verify(conn: Any, seal_key: bytes | None = None, *, key_says_sealed: bool = False) -> Report:
    """Check the file; ``seal_key`` (from the store's key file) also checks
    that the seal was written by the app. ``key_says_sealed``: the key file
    notes that its store file was sealed, so a file claiming an earlier
    version's schema was set back by hand. ``conn``: the driver's
    connection (``db.plain.read_store``) or a SQLAlchemy one."""
    from charity_pos.ledger import checks

    try:
        integrity = [r[0] for r in _raw(conn).execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            return Report(0, 0, GENESIS, Problem("integrity", detail="; ".join(integrity[:3])))
        revision, at_head, sealed = checks.revision_state(conn)
        if key_says_sealed and not sealed:
            return Report(0, 0, GENESIS, Problem("downgraded", detail=str(revision)), revision=revision, sealed=sealed)
        if at_head and (problem := checks.schema(conn)):
            return Report(0, 0, GENESIS, problem, revision=revision, sealed=sealed)
        events, head_hash, state, problem = check_chain(conn)
        try:
            return _after_chain(conn, seal_key, checks, revision, at_head, sealed, events, head_hash, state, problem)
        finally:
            state.close()
    except sqlite3.DatabaseError as exc:  # pages so damaged that SQLite cannot even read them
        if getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL":
            # reading fills no disk but with SQLite's own temporary files (a large sort): not the store's fault
            raise temp_refused(sqlite_temp_folder(), exc) from None
        return Report(0, 0, GENESIS, Problem("integrity", detail=str(exc)))


def _after_chain(conn: Any, seal_key: bytes | None, checks: Any, revision: str | None, at_head: bool, sealed: bool,
                 events: int, head_hash: str, state: Replayed, problem: Problem | None) -> Report:
    """``verify`` after the chain: the replay checked against the seal and the tables."""
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
    return Report(events, records, head_hash, problem or (identity[0] if identity else None),
                  authenticated=seal_key is not None and sealed, revision=revision, sealed=sealed, identity=identity)
