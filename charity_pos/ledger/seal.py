"""The store's seal: what the app last committed, authenticated with a key
the database does not hold.

The journal's hash chain shows that no event was changed *unless the whole
chain after it was recomputed*, which anyone with the file can do. The seal
closes that gap and covers what the journal does not hold. It is one row
(``store_seal``) that every committing unit of work rewrites:

- the journal's head (number and hash of the last event) and the audit log's
  head (the audit log is hash-chained the same way, ``chain_audit``);
- a SHA-256 digest of each table the journal does not describe (document
  sequences, the sync state, other stores' use, parked tickets, ...) and of
  the private columns of journaled tables (PIN hashes and lock-outs,
  households' and donors' personal fields): their stored bytes, so no
  personal data enters the seal or the journal;
- an HMAC-SHA256 over all of that under the seal key, derived from the
  store's key file (``StoreKeys.seal_key``).

Someone holding the file but not the key file cannot produce a seal for a
history or a table they changed, cannot remove the newest events (the seal
names the head) and cannot empty the file (a store without a seal is never
"OK"). Someone holding both can: the README says so.

Before a unit of work first writes to a sealed table, the table (or the
journal's or audit log's head) must still be what the seal says; otherwise
the write is refused (``SealBroken``), so a later commit never re-seals a
change made behind the app's back.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import sqlite3
import uuid
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, event, select
from sqlalchemy.orm import Session

from charity_pos.db.driver import driver
from charity_pos.errors import SealBroken
from charity_pos.ledger.canonical import GENESIS, WRITE_STATEMENT, canonical_json
# What the seal is made of, read without SQLAlchemy (``verify`` reads it so):
# ("X as X": found here by other modules too)
from charity_pos.ledger.seal_body import (  # noqa: F401  (the seal's names, as they have always been found here)
    _EMPTY, AUDIT, AUDIT_COLUMNS, JOURNAL, SEAL_REVISION as SEAL_REVISION, SEAL_TABLE, VERSION, _head, _stored,
    _time_text, _uuid_hex, _write, audit_hash, current_body, genesis, mac, read_seal as read_seal, sealed_columns,
    table_digest, tracked as tracked,
)

log = logging.getLogger("charity_pos.ledger")

_WRITE = WRITE_STATEMENT


class UnsealedChange(RuntimeError):
    """A programming error: sealed tables changed and the seal was not rewritten."""


def chain_audit(session: Session, entry: Any) -> None:
    """Give a new audit entry its place in the chain (before it is added)."""
    from charity_pos.db.models import AuditEntry

    session.flush()
    row = session.execute(select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)).first()
    seq, prev = (1, GENESIS) if row is None else (row.seq + 1, row.hash)
    if entry.id is None:
        entry.id = uuid.uuid4()
    entry.seq, entry.prev_hash = seq, prev
    entry.hash = audit_hash(prev, seq, entry.id, entry.at, entry.action, entry.outcome, entry.user_id,
                            entry.approved_by, entry.detail)


def chain_existing_audit(conn: Connection) -> None:
    """For the migration: chain the entries already there, oldest first."""
    rows = conn.exec_driver_sql("SELECT rowid, id, at, action, outcome, user_id, approved_by, detail "
                                "FROM audit_entry ORDER BY at, rowid").fetchall()
    prev = GENESIS
    for seq, (rowid, entry_id, at, action, outcome, user_id, approved_by, detail) in enumerate(rows, start=1):
        digest = audit_hash(prev, seq, entry_id, at, action, outcome, user_id, approved_by, detail)
        conn.exec_driver_sql("UPDATE audit_entry SET seq = ?, prev_hash = ?, hash = ? WHERE rowid = ?",
                             (seq, prev, digest, rowid))
        prev = digest


# --- keeping the seal as the app writes ----------------------------------------------------------
@dataclass
class Sealer:
    """Knows where a store file's seal key comes from. ``key_for`` gets the
    store's id from the file and returns its seal key (raises
    ``KeyFileMissing`` without the key file)."""

    key_for: Callable[[uuid.UUID], bytes]
    _keys: dict[uuid.UUID, bytes] = field(default_factory=dict)
    #: the seal this process last wrote or checked: (key, stored body text, MAC, body). A stored seal
    #: with exactly that text and MAC needs no second parse and check.
    last: tuple[bytes, str, str, dict[str, Any]] | None = None

    #: the seal's tables part as last written: (the digests, their canonical JSON)
    tables_text: tuple[dict[str, Any], str] | None = None

    def key(self, raw: sqlite3.Connection) -> bytes:
        row = raw.execute("SELECT id FROM store").fetchone()
        return self.key_of(None if row is None else row[0])

    def key_of(self, stored_id: Any) -> bytes:
        """The seal key of the store whose id is stored as ``stored_id``
        (None: the file has no store row)."""
        if stored_id is None:
            raise SealBroken(what="store")
        store_id = uuid.UUID(str(stored_id))
        if store_id not in self._keys:
            self._keys[store_id] = self.key_for(store_id)
        return self._keys[store_id]


_SEALERS: weakref.WeakKeyDictionary[Engine, Sealer] = weakref.WeakKeyDictionary()
_STATE = "charity_pos_seal"


def attach(engine: Engine, sealer: Sealer) -> None:
    """Keep the seal of the store file behind ``engine`` from now on."""
    _SEALERS[engine] = sealer


def _sealer(conn: Connection) -> Sealer | None:
    engine = conn.engine
    return _SEALERS.get(engine) or _SEALERS.get(getattr(engine, "_proxied", engine))


@dataclass
class _Tx:
    """What one transaction has done to sealed things."""

    dirty: set[str] = field(default_factory=set)
    body: dict[str, Any] | None = None
    key: bytes | None = None


def _raw(conn: Connection) -> sqlite3.Connection:
    return driver(conn)


def _tx(conn: Connection) -> _Tx:
    state = conn.info.get(_STATE)
    if state is None:
        state = conn.info[_STATE] = _Tx()
    return state


def _load(conn: Connection, sealer: Sealer, tx: _Tx) -> dict[str, Any]:
    """The seal as stored, its MAC checked; the genesis seal for a file
    whose journal is empty and that has no seal yet."""
    if tx.body is not None:
        return tx.body
    raw = _raw(conn)
    try:  # the store's id and the seal in one statement
        found = raw.execute(f"SELECT (SELECT id FROM store), body, mac FROM {SEAL_TABLE} WHERE id = 1").fetchone()
    except sqlite3.OperationalError:  # no seal table yet
        found = None
    tx.key = sealer.key(raw) if found is None else sealer.key_of(found[0])
    row = None if found is None else found[1:]
    last = sealer.last
    if row is not None and last is not None and (last[0], last[1], last[2]) == (tx.key, row[0], str(row[1])):
        tx.body = last[3]  # the very seal checked or written before: never changed in place (``reseal`` copies)
        return tx.body
    stored = read_seal(raw)
    if stored is None:
        if _head(raw, JOURNAL)[0] != 0:
            raise SealBroken(what=SEAL_TABLE)
        tx.body = genesis()
        return tx.body
    body, tag = stored
    if not hmac.compare_digest(tag, mac(tx.key, body)) or body.get("v") != VERSION:
        raise SealBroken(what=SEAL_TABLE)
    sealer.last = (tx.key, row[0], tag, body) if row is not None and isinstance(row[0], str) else None
    tx.body = body
    return body


def _check_before_write(conn: Connection, sealer: Sealer, table: str, head: list[Any] | None = None) -> None:
    """The first write of a transaction to ``table``: the table must still
    be as the app last sealed it (``head``: the journal's or audit log's
    head, when the caller has just read it)."""
    tx = _tx(conn)
    body = _load(conn, sealer, tx)
    raw = _raw(conn)
    if table in (JOURNAL, AUDIT):
        found = _head(raw, table) if head is None else head
        ok = found == list(body.get("journal" if table == JOURNAL else "audit", []))
    else:
        ok = table_digest(raw, table) == body.get("tables", {}).get(table, _EMPTY)
    if not ok:
        log.error("seal: %s was changed outside charity-pos; write refused", table)
        raise SealBroken(what=table)
    tx.dirty.add(table)


def journal_head(conn: Connection) -> tuple[int, str]:
    """The journal's last event (number, hash), for the event a unit of work
    is about to add on the driver's connection, where no statement event
    sees it. The transaction's first write to the journal gets the check
    any statement writing to it gets (the head must be the one the seal
    names, else ``SealBroken``), made with this same read."""
    head = _head(_raw(conn), JOURNAL)
    sealer = _sealer(conn)
    if sealer is not None and JOURNAL not in _tx(conn).dirty:
        _check_before_write(conn, sealer, JOURNAL, head)
    return head[0], head[1]


def require_intact(session: Session, table: str) -> None:
    """Refuse to go on (``SealBroken``) when ``table`` is not as the app
    last sealed it: for reads that decide something (a PIN check)."""
    conn = session.connection()
    sealer = _sealer(conn)
    if sealer is not None and table not in _tx(conn).dirty:
        _check_before_write(conn, sealer, table)


@event.listens_for(Engine, "before_cursor_execute")
def _track(conn: Connection, _cursor: object, statement: str, _params: object, _context: object,
           _executemany: bool) -> None:
    match = _WRITE.match(statement)
    if match is None:
        return
    table = match.group(1).lower()
    if table not in tracked():
        return
    sealer = _sealer(conn)
    if sealer is None:
        return
    if table not in _tx(conn).dirty:
        _check_before_write(conn, sealer, table)


def reseal(conn: Connection) -> None:
    """Rewrite the seal for what this transaction changed (called before
    it commits)."""
    tx = conn.info.get(_STATE)
    if tx is None or not tx.dirty:
        return
    assert tx.body is not None and tx.key is not None
    raw = _raw(conn)
    # a new body; the one read stays as it was (``Sealer.last`` may hold it)
    body = dict(tx.body)
    if isinstance(body.get("tables"), dict):
        body["tables"] = dict(body["tables"])
    body["v"] = VERSION
    for table in sorted(tx.dirty):
        if table == JOURNAL:
            body["journal"] = _head(raw, JOURNAL)
        elif table == AUDIT:
            body["audit"] = _head(raw, AUDIT)
        else:
            body.setdefault("tables", {})[table] = table_digest(raw, table)
    sealer = _sealer(conn)
    text, tag = _write_text(raw, tx.key, _text(sealer, body))
    if sealer is not None:
        sealer.last = (tx.key, text, tag, body)
    tx.body, tx.dirty = body, set()


#: Stands for the tables part in the seal's text while the rest is made.
_TABLES_HOLE = "\x00tables\x00"
_HOLE_TEXT = canonical_json(_TABLES_HOLE)


def _text(sealer: Sealer | None, body: dict[str, Any]) -> str:
    """``canonical_json(body)``; the tables part, most often unchanged from
    the last seal (a sale changes only the journal's head), is reused."""
    tables = body.get("tables")
    if sealer is None or not isinstance(tables, dict):
        return canonical_json(body)
    if sealer.tables_text is None or sealer.tables_text[0] != tables:
        sealer.tables_text = (dict(tables), canonical_json(tables))
    return canonical_json({**body, "tables": _TABLES_HOLE}).replace(_HOLE_TEXT, sealer.tables_text[1], 1)


def _write_text(raw: sqlite3.Connection, key: bytes, text: str) -> tuple[str, str]:
    tag = hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()  # ``mac(key, body)``, from the same text
    raw.execute(f"INSERT OR REPLACE INTO {SEAL_TABLE} (id, body, mac) VALUES (1, ?, ?)", (text, tag))
    return text, tag


def adopt(conn: Connection, key: bytes) -> None:
    """Seal the file as it is: only when a file from before the seal is
    upgraded (its migration made the seal table), never to paper over a
    missing seal."""
    _write(_raw(conn), key, current_body(_raw(conn)))


@event.listens_for(Session, "before_commit")
def _reseal_session(session: Session) -> None:
    session.flush()
    reseal(session.connection())


@event.listens_for(Engine, "begin")
def _fresh(conn: Connection) -> None:
    conn.info.pop(_STATE, None)


@event.listens_for(Engine, "rollback")
def _forget(conn: Connection) -> None:
    conn.info.pop(_STATE, None)


@event.listens_for(Engine, "commit")
def _refuse_unsealed(conn: Connection) -> None:
    tx = conn.info.pop(_STATE, None)
    if tx is not None and tx.dirty:
        raise UnsealedChange(f"sealed tables changed and the seal was not rewritten: {sorted(tx.dirty)}")
