"""The seal's body and what it is made of, read from the stored rows
through the driver alone: the tables' digests, the journal's and audit
log's heads, the MAC, the audit entries' hashes. ``seal`` keeps it up to
date as units of work commit; ``verify`` recomputes it from here without
loading SQLAlchemy."""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import sqlite3
import uuid
from datetime import UTC, datetime
from typing import Any

from charity_pos.db.schema_text import TABLES
from charity_pos.ledger.canonical import GENESIS, canonical_json

SEAL_TABLE = "store_seal"
#: the schema revision that brought the seal
SEAL_REVISION = "0006"
JOURNAL = "journal_event"
AUDIT = "audit_entry"
VERSION = 1



# --- what the seal covers ---------------------------------------------------------------------
@functools.cache
def sealed_columns() -> dict[str, list[str]]:
    """Per table, the columns whose stored bytes the seal digests, primary
    key first: every column of a table the journal does not describe, and
    the private (unjournaled) columns of one it does."""
    out: dict[str, list[str]] = {}
    for name in sorted(TABLES):
        if name in (JOURNAL, AUDIT, SEAL_TABLE):
            continue
        table = TABLES[name]
        key = [c.name for c in table.primary_key]
        if table.journaled:
            private = [c.name for c in table.columns if not c.journal]
            if private:
                out[name] = key + private
        else:
            out[name] = key + [c.name for c in table.columns if c.name not in key]
    return out


@functools.cache
def tracked() -> frozenset[str]:
    return frozenset(sealed_columns()) | {JOURNAL, AUDIT}


def _stored(value: Any) -> Any:
    return {"bytes": value.hex()} if isinstance(value, bytes) else value


def table_digest(raw: sqlite3.Connection, table: str, columns: list[str] | None = None) -> str:
    """SHA-256 over the stored values of the sealed columns, row by row in
    primary-key order. A file of an earlier version lacks later tables and
    columns: its app sealed what it had, so only the columns the file has
    count (a missing table digests as an empty one); at this version the
    schema check names anything missing."""
    present = [row[1] for row in raw.execute(f'PRAGMA table_info("{table}")')]
    if not present:
        return _EMPTY
    columns = [c for c in (columns or sealed_columns()[table]) if c in present]
    names = ", ".join(f'"{c}"' for c in columns)
    key = ", ".join(f'"{c}"' for c in columns[:1])
    digest = hashlib.sha256()
    try:
        rows = raw.execute(f'SELECT {names} FROM "{table}" ORDER BY {key}')
        for row in rows:
            digest.update(json.dumps([_stored(v) for v in row], ensure_ascii=False).encode("utf-8"))
            digest.update(b"\n")
    except sqlite3.OperationalError as exc:
        return "unreadable: " + str(exc)
    return digest.hexdigest()


_EMPTY = hashlib.sha256().hexdigest()


def _head(raw: sqlite3.Connection, table: str) -> list[Any]:
    try:
        row = raw.execute(f'SELECT seq, hash FROM "{table}" ORDER BY seq DESC LIMIT 1').fetchone()
    except sqlite3.OperationalError:
        return [0, GENESIS]
    return [0, GENESIS] if row is None else [row[0], row[1]]


def genesis() -> dict[str, Any]:
    """The seal of a file with nothing in it yet."""
    return {"v": VERSION, "journal": [0, GENESIS], "audit": [0, GENESIS],
            "tables": {name: _EMPTY for name in sealed_columns()}}


def current_body(raw: sqlite3.Connection) -> dict[str, Any]:
    """What the seal would say of the file as it is now."""
    return {"v": VERSION, "journal": _head(raw, JOURNAL), "audit": _head(raw, AUDIT),
            "tables": {name: table_digest(raw, name) for name in sealed_columns()}}


def mac(key: bytes, body: dict[str, Any]) -> str:
    return hmac.new(key, canonical_json(body).encode("utf-8"), hashlib.sha256).hexdigest()


def read_seal(raw: sqlite3.Connection) -> tuple[dict[str, Any], str] | None:
    """The stored seal (body, mac), or None when there is none. A body that
    is not JSON of the right shape reads as an empty body, which matches
    nothing."""
    try:
        row = raw.execute(f"SELECT body, mac FROM {SEAL_TABLE} WHERE id = 1").fetchone()
    except sqlite3.OperationalError:
        return None
    if row is None:
        return None
    try:
        body = json.loads(row[0])
        if not isinstance(body, dict):
            raise ValueError
    except (TypeError, ValueError):
        body = {}
    return body, str(row[1])


def _write(raw: sqlite3.Connection, key: bytes, body: dict[str, Any]) -> tuple[str, str]:
    text = canonical_json(body)
    tag = hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()  # mac(key, body), from the same text
    raw.execute(f"INSERT OR REPLACE INTO {SEAL_TABLE} (id, body, mac) VALUES (1, ?, ?)", (text, tag))
    return text, tag


# --- the audit log's chain ----------------------------------------------------------------------
def _uuid_hex(value: Any) -> str | None:
    if value is None:
        return None
    return value.hex if isinstance(value, uuid.UUID) else str(value)


def _time_text(value: Any) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    return str(value)


def audit_hash(prev: str, seq: int, entry_id: Any, at: Any, action: str, outcome: str, user_id: Any,
               approved_by: Any, detail: str) -> str:
    """The audit entry's hash over its stored values and the previous hash."""
    body = canonical_json({"seq": seq, "id": _uuid_hex(entry_id), "at": _time_text(at), "action": action,
                           "outcome": outcome, "user": _uuid_hex(user_id), "approved_by": _uuid_hex(approved_by),
                           "detail": detail, "prev": prev})
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


AUDIT_COLUMNS = "seq, id, at, action, outcome, user_id, approved_by, detail, prev_hash, hash"
