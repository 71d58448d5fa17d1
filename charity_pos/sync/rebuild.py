"""Rebuilding a store file from the journal the district hub holds
(``charity-pos rebuild``), when the PC and its backups are gone.

The hub's file (``sync.journal_file``) is read a line at a time into a new
store file written beside the target under a temporary name:

- every event goes into the journal unchanged, after its number, link and
  hash are checked, so the hash chain goes on from it;
- every journaled table gets each row's state from the events (inserted,
  replaced, deleted in order); what the journal never holds is empty:
  staff names are their user names, PINs unusable but the one manager's
  given, households' and donors' personal fields blank (the next
  downstream bundle brings households' names back);
- the document counters stand at the last number used, so numbering goes
  on without a gap or a repeat; the sync state says everything up to the
  last event was exported and which hub the store trusts, so the next
  bundle follows on at the hub;
- the audit log notes the rebuild (``store.rebuilt``: from which event and
  time anything later was lost), and the seal is made with the store's
  key: the old key file (``--key``), the one already in the key folder, or
  a new key pair.

Only once the hub's signature is checked, the signer is the hub the store
trusted (its own ``sync.hub_trusted`` event, or the trust file given), and
the new file passes ``verify``, is the file renamed into place. Any refusal
leaves nothing behind: no store file, no key file.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import re
import secrets
import sqlite3
import stat
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Connection, Date, Integer, Table, Uuid, insert, select
from sqlalchemy.orm import Session

from charity_pos import files
from charity_pos.db import migrate
from charity_pos.db.base import UtcDateTime
from charity_pos.db.driver import driver
from charity_pos.db.engine import make_engine
from charity_pos.db.models import DocumentSequence, Store, User
from charity_pos.db.sync_state import SYNC_STATE_ID, SyncState
from charity_pos.domain import pins
from charity_pos.domain.numbers import BARCODE_COUNTERS, KINDS, parse_number
from charity_pos.errors import (
    JournalKeyFileOfOtherStore, KeyFileConflict, KeyFileMissing, OutputFolderMissing, RebuildManagerMissing,
    StoreFileExists, StoreJournalBroken, StoreJournalInvalid, StoreJournalNoHub, StoreJournalOtherHub,
    TrustFileForOtherStore,
)
from charity_pos.ledger import seal as sealing
from charity_pos.ledger.canonical import GENESIS, event_hash, journaled_columns, journaled_tables
from charity_pos.ledger.checks import BARCODE_COLUMNS, DOCUMENT_COLUMNS
from charity_pos.ledger.journal import UNJOURNALED_OK
from charity_pos.security import keys as store_keys
from charity_pos.services.base import Clock, system_clock
from charity_pos.sync import journal_file
from charity_pos.sync.store_side import HUB_TRUSTED, key_fingerprint, read_trust_file

log = logging.getLogger("charity_pos.sync")

REBUILT = "store.rebuilt"
_CHUNK = 1000


@dataclass(frozen=True)
class Rebuilt:
    path: Path
    store_code: str
    events: int
    #: the last event the hub held: everything after it was lost
    last_seq: int
    last_at: datetime
    hub_district: str
    #: "old": the key file given; "found": the one in the key folder; "new": a new key pair
    key: str
    key_path: Path
    public_key: str
    manager: str


# --- the rows ---------------------------------------------------------------------------------------
def _converter(column: Any) -> Callable[[Any], Any]:
    kind = column.type
    if isinstance(kind, Uuid):
        return lambda v: None if v is None else uuid.UUID(v)
    if isinstance(kind, UtcDateTime):
        return lambda v: None if v is None else datetime.fromisoformat(v)
    if isinstance(kind, Date):
        return lambda v: None if v is None else date.fromisoformat(v)
    if isinstance(kind, Boolean):
        return lambda v: None if v is None else bool(v)
    return lambda v: v


def _blank(table: Table, column: Any) -> Callable[[dict[str, Any]], Any]:
    """What a column the journal never holds gets: a staff member's name is their user name."""
    if table.name == "app_user" and column.key == "display_name":
        return lambda row: row.get("username") or ""
    if column.nullable:
        return lambda row: None
    if isinstance(column.type, Integer):
        return lambda row: 0
    return lambda row: ""


def _slow(column: Any, dialect: Any) -> Callable[[Any], Any]:
    """A journal value's stored form through Python's objects: read as the app reads it (``_converter``),
    then the column type's own bind processing, as SQLAlchemy stores it."""
    convert = _converter(column)
    bind = column.type.dialect_impl(dialect).bind_processor(dialect)
    if bind is None:
        return convert
    return lambda value: bind(convert(value))


#: a UUID and a UTC time in the form the app writes them in the journal
_UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").fullmatch
_UTC_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}\+00:00").fullmatch


def stored_form(column: Any, dialect: Any) -> Callable[[Any], Any]:
    """What SQLAlchemy would store for a journal value of ``column`` (``_slow``), faster: a UUID or a UTC
    time in the form the app writes (nearly every one) straight to its stored text, anything else the slow
    way (tests/sync/test_rebuild.py holds each against the slow way)."""
    slow = _slow(column, dialect)
    if isinstance(column.type, Uuid):
        return lambda value: value.replace("-", "") if type(value) is str and _UUID_TEXT(value) else slow(value)
    if isinstance(column.type, UtcDateTime):
        def utc(value: Any) -> Any:
            if type(value) is str and _UTC_TEXT(value):
                datetime.fromisoformat(value)  # a real date and time (ValueError otherwise, as the slow way)
                return f"{value[:10]} {value[11:26]}"
            return slow(value)

        return utc
    return slow


@dataclass
class _TablePlan:
    """A journaled table's statements on the driver's connection (the rebuild writes a few rows per event,
    tens of thousands in all: SQLAlchemy's per-statement work would cost more than SQLite's) and, in their
    order, how each column's stored value comes from a journal row."""

    upsert: str
    delete: str
    columns: list[Callable[[dict[str, Any]], Any]]
    key: Callable[[Any], Any]

    def values(self, row: dict[str, Any]) -> list[Any]:
        return [value(row) for value in self.columns]


def _journaled(key: str, store: Callable[[Any], Any]) -> Callable[[dict[str, Any]], Any]:
    return lambda row: store(row.get(key))


def _private(blank: Callable[[dict[str, Any]], Any],
             bind: Callable[[Any], Any] | None) -> Callable[[dict[str, Any]], Any]:
    return blank if bind is None else lambda row: bind(blank(row))


def _plans(dialect: Any) -> dict[str, _TablePlan]:
    plans = {}
    for table in journaled_tables():
        journaled = {c.key for c in journaled_columns(table)}
        columns = [_journaled(c.key, stored_form(c, dialect)) if c.key in journaled else
                   _private(_blank(table, c), c.type.dialect_impl(dialect).bind_processor(dialect))
                   for c in table.columns]
        names = ", ".join(f'"{c.name}"' for c in table.columns)
        pk = table.c.id
        plans[table.name] = _TablePlan(
            f'INSERT OR REPLACE INTO "{table.name}" ({names}) VALUES ({", ".join("?" * len(table.columns))})',
            f'DELETE FROM "{table.name}" WHERE "{pk.name}" = ?', columns, stored_form(pk, dialect))
    return plans


# --- the target and the key file ----------------------------------------------------------------------
def _check_target(path: Path) -> None:
    if path.exists() or path.is_symlink():
        raise StoreFileExists(path=str(path))
    files.check_new_database(path)  # not in the key folders, not under a companion's name beside a database
    if not path.parent.is_dir():
        raise OutputFolderMissing(path=str(path.parent))


def _read_key_file(path: Path) -> dict[str, Any]:
    try:
        raw = files.read_json_object(path)
        store_keys.StoreKeys(base64.b64decode(raw["aes_gcm"]), base64.b64decode(raw["hmac_sha256"]))
        if not isinstance(raw.get("store"), str):
            raise ValueError
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise KeyFileMissing(path=str(path)) from None
    return raw


def _open_journal(path: Path) -> Any:
    try:
        st = os.stat(path)
    except OSError:
        from charity_pos.errors import ImportFileMissing

        raise ImportFileMissing(path=str(path)) from None
    if not stat.S_ISREG(st.st_mode):
        raise StoreJournalInvalid(path=str(path), line=0, detail="format")
    return Path(path).open("rb")


# --- counters ----------------------------------------------------------------------------------------
def _counters(conn: Connection, store_code: str) -> dict[tuple[str, int], int]:
    """The last number used per kind and year, and the in-store barcode counters (year 0)."""
    letters = {letter: kind for kind, letter in KINDS.items()}
    last: dict[tuple[str, int], int] = defaultdict(int)
    for table, column in DOCUMENT_COLUMNS:
        for (value,) in conn.exec_driver_sql(f'SELECT DISTINCT "{column}" FROM "{table}" WHERE "{column}" IS NOT NULL'):
            parsed = parse_number(str(value))
            if parsed and parsed[0] == store_code and parsed[2] in letters:
                key = (letters[parsed[2]], parsed[1])
                last[key] = max(last[key], parsed[3])
    for kind, prefix in BARCODE_COUNTERS.items():
        for table, column in BARCODE_COLUMNS[kind]:
            for (value,) in conn.exec_driver_sql(f'SELECT "{column}" FROM "{table}" WHERE "{column}" LIKE ?',
                                                 (f"{prefix}%",)):
                if isinstance(value, str) and len(value) == 13 and value.isdigit():
                    last[(kind, 0)] = max(last[(kind, 0)], int(value[2:12]))
    return dict(last)


# --- the rebuild --------------------------------------------------------------------------------------
def rebuild(target: Path, source: Path, *, manager_pin: str, manager: str = "manager", key_file: Path | None = None,
            trust_file: Path | None = None, clock: Clock = system_clock) -> Rebuilt:
    target, source = Path(target), Path(source)
    pins.check_policy(manager_pin)
    _check_target(target)
    given_key = _read_key_file(key_file) if key_file is not None else None
    trust = read_trust_file(trust_file) if trust_file is not None else None
    partial = target.with_name(f"{target.name[:200]}.{secrets.token_hex(4)}.partial")
    made_key: Path | None = None
    engine = None
    try:
        with _open_journal(source) as fh:
            reader = journal_file.Reader(source, fh)
            header = reader.header
            store_id = uuid.UUID(header["store_id"])
            if given_key is not None and given_key["store"] != str(store_id):
                raise JournalKeyFileOfOtherStore(path=str(key_file), store_code=header["store_code"])
            if trust is not None:
                if trust.store_code != header["store_code"]:
                    raise TrustFileForOtherStore(path=str(trust_file), made_for=trust.store_code,
                                                 store_code=header["store_code"])
                if (str(trust.hub_id), trust.public_key) != (header["hub_id"], header["hub_public_key"]):
                    raise StoreJournalOtherHub(path=str(source), signer=header["signer"],
                                               expected=f"hub:{trust.hub_id}")
            engine = make_engine(partial)
            with engine.connect() as conn:
                migrate.STORE.upgrade(conn)
                conn.commit()
            with engine.connect() as conn:
                conn.execution_options(**{UNJOURNALED_OK: True})
                with conn.begin():
                    conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
                    last_at, trusted = _replay(conn, reader, source)
                    reader.finish()  # the bytes read are the ones the hub signed
                    _check_hub(source, header, trusted, trust)
                    _check_store(conn, source, header)
                    manager_id = _manager(conn, manager)
                    keys, key_state, made_key = _keys(store_id, key_file, given_key)
                    _bookkeeping(conn, header, trusted, trust, last_at, manager_id, manager_pin, key_state, clock)
                    sealing.adopt(conn, keys.seal_key())
                from charity_pos.ledger.verify import verify

                report = verify(conn, keys.seal_key(), key_says_sealed=True)
                if not report.ok:  # a rebuild that verify would not accept is never put in place
                    raise RuntimeError(f"rebuilt store does not verify: {report.problem}")
        engine.dispose()
        engine = None
        try:
            os.link(partial, target)  # never over a file that appeared meanwhile
        except FileExistsError:
            raise StoreFileExists(path=str(target)) from None
        except OSError as exc:
            raise files.not_writable(target, exc) from None
    except BaseException:
        if made_key is not None:
            made_key.unlink(missing_ok=True)
        raise
    finally:
        if engine is not None:
            engine.dispose()
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(partial) + suffix).unlink(missing_ok=True)
    assert keys.signing is not None
    from charity_pos.sync.bundle import public_key_text

    log.info("store %s rebuilt from the district's journal: %d events (key: %s)", header["store_code"],
             header["last_seq"], key_state)
    return Rebuilt(target, header["store_code"], header["last_seq"], header["last_seq"], last_at, header["district"],
                   key_state, store_keys.key_path(store_id), public_key_text(keys.signing.public_key()), manager)


def _replay(conn: Connection, reader: journal_file.Reader, source: Path) -> tuple[datetime, dict[str, Any] | None]:
    """Every event into the journal and its rows into their tables, checked link by link."""
    plans = _plans(conn.dialect)
    raw = driver(conn)  # in the connection's transaction
    add_events = (f"INSERT INTO journal_event ({', '.join(_EVENT_COLUMNS)})"
                  f" VALUES ({', '.join('?' * len(_EVENT_COLUMNS))})")
    pending: list[tuple[Any, ...]] = []
    expected, prev = 1, GENESIS
    trusted: dict[str, Any] | None = None
    at = ""
    for event in reader.events():
        where = str(source)
        if event.seq != expected:
            raise StoreJournalBroken(path=where, seq=expected, detail="sequence")
        if event.prev_hash != prev:
            raise StoreJournalBroken(path=where, seq=event.seq, detail="link")
        if event_hash(event.prev_hash, event.seq, event.uuid, event.kind, event.at, event.actor,
                      event.payload) != event.hash:
            raise StoreJournalBroken(path=where, seq=event.seq, detail="hash")
        try:
            payload = json.loads(event.payload)
            changes = payload["changes"]
            if event.kind == HUB_TRUSTED:
                trusted = dict(payload["facts"])
            pending.append((event.seq, event.uuid, event.kind, event.at, event.actor, event.payload,
                            event.prev_hash, event.hash))
            if len(pending) >= _CHUNK:
                raw.executemany(add_events, pending)
                pending = []
            for change in changes:
                plan = plans[change["table"]]
                if change["op"] == "delete":
                    raw.execute(plan.delete, (plan.key(change["id"]),))
                else:
                    raw.execute(plan.upsert, plan.values(change["row"]))
        except (ValueError, KeyError, TypeError, AttributeError, sqlite3.InterfaceError, sqlite3.ProgrammingError):
            # a row's value SQLite cannot hold (a list, a dict), as much as a row that is not JSON
            raise StoreJournalInvalid(path=str(source), line=event.seq + 1, detail="line") from None
        expected, prev, at = event.seq + 1, event.hash, event.at
    if pending:
        raw.executemany(add_events, pending)
    header = reader.header
    if (expected - 1, prev) != (header["last_seq"], header["last_hash"]) or at != header["last_at"]:
        raise StoreJournalInvalid(path=str(source), line=1, detail="header")
    return datetime.fromisoformat(at), trusted


#: the journal's columns, in the order ``_replay`` gives them
_EVENT_COLUMNS = ("seq", "uuid", "kind", "at", "actor", "payload", "prev_hash", "hash")


def _check_hub(source: Path, header: dict[str, Any], trusted: dict[str, Any] | None, trust: Any) -> None:
    """The signer is the hub the store itself trusted (its last ``sync.hub_trusted``), or the trust file's."""
    if trusted is None and trust is None:
        raise StoreJournalNoHub(path=str(source))
    if trusted is not None:
        key_sha = key_fingerprint(header["hub_public_key"])
        if (trusted.get("hub_id"), trusted.get("key_sha256")) != (header["hub_id"], key_sha):
            raise StoreJournalOtherHub(path=str(source), signer=header["signer"],
                                       expected=f"hub:{trusted.get('hub_id')}")


def _check_store(conn: Connection, source: Path, header: dict[str, Any]) -> None:
    row = conn.execute(select(Store.id, Store.code)).all()
    if len(row) != 1 or (str(row[0].id), row[0].code) != (header["store_id"], header["store_code"]):
        raise StoreJournalInvalid(path=str(source), line=1, detail="store")


def _manager(conn: Connection, username: str) -> uuid.UUID:
    found = conn.execute(select(User.id).where(User.username == username.strip().lower(), User.role == "manager",
                                               User.active.is_(True))).scalar()
    if found is None:
        raise RebuildManagerMissing(username=username)
    return found


def _keys(store_id: uuid.UUID, key_file: Path | None,
          given: dict[str, Any] | None) -> tuple[store_keys.StoreKeys, str, Path | None]:
    """The store's keys: the old key file given (copied into the key folder), the one already there, or new."""
    path = store_keys.key_path(store_id)
    if path.exists():
        there = _read_key_file(path)
        if given is not None and any(there.get(f) != given.get(f) for f in ("aes_gcm", "hmac_sha256", "ed25519")):
            raise KeyFileConflict(path=str(path))
        store_keys.StoreKeys.mark_sealed(store_id)
        return store_keys.StoreKeys.load(store_id, signing=True), "old" if given is not None else "found", None
    path.parent.mkdir(parents=True, exist_ok=True)
    if given is not None:
        store_keys.write_new_key_file(path, json.dumps(dict(given, **{store_keys.SEALED: True})))
        return store_keys.StoreKeys.load(store_id, signing=True), "old", path
    return store_keys.StoreKeys.create(store_id), "new", path


def _bookkeeping(conn: Connection, header: dict[str, Any], trusted: dict[str, Any] | None, trust: Any,
                 last_at: datetime, manager_id: uuid.UUID, manager_pin: str, key_state: str, clock: Clock) -> None:
    from charity_pos.services.audit import audit

    now = clock()
    conn.execute(User.__table__.update().where(User.__table__.c.id == manager_id).values(
        pin_hash=pins.hash_pin(manager_pin)))
    for (kind, year), last in sorted(_counters(conn, header["store_code"]).items()):
        conn.execute(insert(DocumentSequence.__table__).values(kind=kind, year=year, last_serial=last))
    hub_id = uuid.UUID(header["hub_id"])
    state = {"id": SYNC_STATE_ID, "last_exported_seq": header["last_seq"], "last_export_at": last_at,
             "hub_id": hub_id, "hub_name": trust.name if trust is not None else None,
             "hub_district": header["district"], "hub_public_key": header["hub_public_key"],
             "hub_trusted_at": now, "district_match_key": trust.district_match_key if trust is not None else None,
             "district_events_seq": header["last_seq"], "district_events_at": last_at}
    conn.execute(insert(SyncState.__table__).values(**state))
    with Session(bind=conn) as session:
        audit(session, now, REBUILT, "ok", None, last_seq=header["last_seq"], last_at=header["last_at"],
              hub=header["hub_id"], district=header["district"], exported_at=header["created_at"], key=key_state,
              manager=str(manager_id))
        session.flush()


def rebuilt_note(conn: Connection) -> dict[str, Any] | None:
    """What the audit log says of the store's rebuild, if it was rebuilt: the last event the district
    held (``last_seq``, ``last_at``), the hub, when."""
    from charity_pos.db.models import AuditEntry

    row = conn.execute(select(AuditEntry.at, AuditEntry.detail).where(AuditEntry.action == REBUILT)
                       .order_by(AuditEntry.seq.desc()).limit(1)).first()
    if row is None:
        return None
    try:
        detail = json.loads(row.detail)
    except ValueError:
        return None
    return dict(detail, rebuilt_at=row.at)


def fingerprint(public_key: str) -> str:
    return hashlib.sha256(base64.b64decode(public_key)).hexdigest()[:16]
