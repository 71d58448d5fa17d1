"""Training mode (培训模式): a copy of the store to practise on.

The copy lives beside the live store file (``store.training.sqlite3`` next to
``store.sqlite3``), made from the live store with SQLite's online backup (the
live file is only read) or from the demo data. Nothing done in it reaches the
live store, its journal or its bundles.

A copy is known as training by the file itself, whatever it is called:

- the SQLite header's ``application_id`` is ``TRAINING_APP_ID`` (read at
  every check, it costs nothing);
- its journal holds a ``training.copy_made`` event (hash-chained and sealed:
  it cannot be taken out without ``verify`` failing);
- a copy of the live store gets a store id of its own, and a key file of its
  own marked ``"training": true``, with the live store's encryption and
  matching keys (the copy's households can be read) but a new signing key:
  nothing the copy signs passes for the live store's.

A training store never exports, receives or registers a sync bundle, and its
slips and receipts are marked 培训 / 非正式票据 (``is_training`` is what the
printers read).
"""

from __future__ import annotations

import base64
import json
import logging
import os
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from filelock import FileLock, Timeout
from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from charity_pos.db.base import new_id
from charity_pos.db.driver import driver, pooled_driver
from charity_pos.db.engine import StoreDatabase
from charity_pos.db.models import Store
from charity_pos.durable import put_in_place
from charity_pos.errors import StoreInUse, TrainingStore
from charity_pos.files import read_json_object
from charity_pos.security.keys import SEALED, StoreKeys, key_path
from charity_pos.services.store_file import open_store
from charity_pos.services.training_marks import COPY_MADE, KEY_MARK, TRAINING_APP_ID, marks  # noqa: F401
from charity_pos.services.training_marks import key_file_marked as _key_file_marked

if TYPE_CHECKING:
    from charity_pos.services.base import Actor, ServiceContext

# The services' base, permissions and the journal are imported by the
# functions that make a copy: ``verify`` imports this module for
# ``training_marks`` alone and loads none of them.

log = logging.getLogger("charity_pos.training")

#: days of demo activity in a training copy made from the demo
DEMO_DAYS = 3


class Source(StrEnum):
    LIVE = "live"  # a copy of the live store
    DEMO = "demo"  # the demo store's data


class DemoBuilder(Protocol):
    """Makes the demo store in a new file (``charity_pos.demo.builder.build_demo``). The demo is made through
    the services, so a copy from the demo is made with the builder its caller hands in."""

    def __call__(self, path: Path, *, days: int) -> object: ...


@dataclass(frozen=True)
class TrainingCopy:
    path: Path
    #: True: a fresh copy was made now; False: the existing one is continued
    fresh: bool


def training_path(live: Path) -> Path:
    """Where the training copy of the store at ``live`` lives."""
    live = Path(live)
    return live.with_name(f"{live.stem}.training{live.suffix or '.sqlite3'}")


def _app_id(conn: Connection) -> int:
    return int(conn.exec_driver_sql("PRAGMA application_id").scalar() or 0)


def is_training(session: Session) -> bool:
    """Whether the store behind ``session`` is a training copy (its file's
    header says so): what slips, receipts and printers read."""
    return _app_id(session.connection()) == TRAINING_APP_ID


def training_marks(conn: Connection) -> list[str]:
    """Every mark of a training copy the file carries (for ``verify`` and
    the sync refusals, which look beyond the header): ``header``,
    ``journal``, ``key_file`` (``training_marks.marks``)."""
    return marks(driver(conn))


def refuse_if_training(db: StoreDatabase, what: str) -> None:
    """``TrainingStore`` when the store is a training copy by any mark: it
    never sends, receives or registers a bundle (``what``: export, import,
    register, trust)."""
    with db.engine.connect() as conn:
        marks = training_marks(conn)
    if marks:
        log.warning("training store: %s refused", what)
        raise TrainingStore(what=what)


# --- starting and resetting -------------------------------------------------------------------------
def start(live: ServiceContext, actor: Actor, source: Source = Source.LIVE, *, fresh: bool = False,
          clock_now: datetime | None = None, demo: DemoBuilder | None = None) -> TrainingCopy:
    """The training copy beside the live store, for a manager (``actor``,
    logged in to the live store) to train on: the existing copy, or a fresh
    one (``fresh``, or when there is none) made from ``source`` (the demo's
    with ``demo``, its builder). The live store is only read."""
    if source == Source.DEMO and demo is None:
        raise ValueError("a training copy from the demo needs the demo's builder")
    from charity_pos.services.permissions import Action, require

    with live.db.read() as s:
        require(s, actor, Action.MANAGE_TRAINING)
        if is_training(s):
            raise TrainingStore(what="training")
    path = training_path(live.db.path)
    if not fresh and path.exists():
        return TrainingCopy(path, False)
    now = clock_now or live.now()
    _remove(path)
    making = path.with_name(path.name + ".making")
    _remove(making)
    try:
        if source == Source.DEMO:
            assert demo is not None
            _from_demo(making, now, demo)
        else:
            _from_live(live.db, making, actor, now)
        put_in_place(making, path)
    finally:
        _remove(making)
        Path(str(making) + ".lock").unlink(missing_ok=True)
    log.info("training copy made from %s", source.value)
    return TrainingCopy(path, True)


def reset(live: ServiceContext, actor: Actor, source: Source = Source.LIVE, *,
          demo: DemoBuilder | None = None) -> TrainingCopy:
    """Throw the training copy away and make a fresh one (managers only)."""
    return start(live, actor, source, fresh=True, demo=demo)


def _files(path: Path) -> list[Path]:
    return [path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))]


def _remove(path: Path) -> None:
    """Remove a training copy and its own key file; refused while it is open."""
    if not any(p.exists() for p in _files(path)):
        return
    lock = FileLock(str(path) + ".lock", timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise StoreInUse(path=str(path)) from None
    try:
        if path.exists():
            store_id = _store_id_of(path)
            if store_id is not None and _key_file_marked(key_path(store_id)):
                key_path(store_id).unlink(missing_ok=True)
        for p in _files(path):
            p.unlink(missing_ok=True)
    finally:
        lock.release()
        Path(str(path) + ".lock").unlink(missing_ok=True)


def _store_id_of(path: Path) -> uuid.UUID | None:
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            if conn.execute("PRAGMA application_id").fetchone()[0] != TRAINING_APP_ID:
                return None  # never a live store's key file
            row = conn.execute("SELECT id FROM store").fetchone()
        finally:
            conn.close()
        return uuid.UUID(str(row[0])) if row else None
    except (sqlite3.Error, ValueError, TypeError):
        return None


def _mark_header(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute(f"PRAGMA application_id = {TRAINING_APP_ID}")
        conn.commit()
    finally:
        conn.close()


def _from_live(live: StoreDatabase, making: Path, actor: Actor, now: datetime) -> None:
    """Copy the live store with SQLite's online backup (pages read through
    a connection of the open store; nothing written to it), then give the
    copy an identity and a key file of its own."""
    raw = live.engine.raw_connection()
    try:
        target = sqlite3.connect(making)
        try:
            pooled_driver(raw).backup(target)
        finally:
            target.close()
    finally:
        raw.close()
    _mark_header(making)
    with live.read() as s:
        live_id = s.execute(select(Store.id)).scalar_one()
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

    from charity_pos.ledger import journal

    training_id = new_id()
    keys = StoreKeys.load(live_id)
    signing = base64.b64encode(Ed25519PrivateKey.generate().private_bytes(
        Encoding.Raw, PrivateFormat.Raw, NoEncryption())).decode("ascii")
    kp = key_path(training_id)
    kp.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps({"store": str(training_id), "aes_gcm": base64.b64encode(keys.encryption).decode(),
                       "hmac_sha256": base64.b64encode(keys.matching).decode(), "ed25519": signing,
                       SEALED: True, KEY_MARK: True})
    with os.fdopen(os.open(kp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w", encoding="utf-8") as fh:
        fh.write(data)  # readable by its owner only, as the store's own key file
    try:
        with open_store(making) as db, db.begin() as s:
            old = s.scalars(select(Store)).one()
            fields = dict(code=old.code, name=old.name, short_name=old.short_name, district=old.district,
                          created_at=old.created_at)
            s.delete(old)
            s.flush()
            s.add(Store(id=training_id, **fields))
            s.flush()
            journal.append(s, COPY_MADE, actor=actor.user_id, at=now,
                           facts={"source": Source.LIVE.value, "live_store": str(live_id)})
        _checkpoint(making)
    except BaseException:
        kp.unlink(missing_ok=True)
        raise


def _from_demo(making: Path, now: datetime, build_demo: DemoBuilder) -> None:
    from charity_pos.ledger import journal

    build_demo(making, days=DEMO_DAYS)
    _mark_header(making)
    with open_store(making) as db:
        with db.read() as s:
            store_id = s.execute(select(Store.id)).scalar_one()
        kp = key_path(store_id)
        raw = read_json_object(kp)
        kp.write_text(json.dumps(dict(raw, **{KEY_MARK: True})), encoding="utf-8")
        with db.begin() as s:
            journal.append(s, COPY_MADE, actor=None, at=now, facts={"source": Source.DEMO.value})
    _checkpoint(making)


def _checkpoint(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    for extra in _files(path)[1:]:
        extra.unlink(missing_ok=True)

