"""A store file opened, or made, with the journal's seal on it.

``open_store`` and ``create_store_file`` are the only way the app, the
command line and the tests get at a store database. ``db.engine`` opens the
file (its checks, lock, SQLite settings, migrations); the seal is the
journal's (``ledger.seal``) and its key is in the store's key file
(``security.keys``), both above ``db``, so they are put on here: on every
engine the file is opened with, and once on a file from before the seal
when it is upgraded. An older file is upgraded only after a checked copy of
it was kept (``services.upgrade``).
"""

from __future__ import annotations

import uuid
from pathlib import Path

from sqlalchemy import Connection, Engine

from charity_pos.db import migrate
from charity_pos.db.engine import SealHooks, StoreDatabase, create_file, open_file
from charity_pos.errors import KeyFileMissing, SealKeyMissing
from charity_pos.ledger import seal
from charity_pos.security.keys import StoreKeys
from charity_pos.services import upgrade as upgrades


def seal_key(store_id: uuid.UUID) -> bytes:
    """The store's seal key, from its key file (``SealKeyMissing`` without it)."""
    try:
        return StoreKeys.load(store_id).seal_key()
    except KeyFileMissing as exc:
        raise SealKeyMissing(**exc.facts) from None


def _attach(engine: Engine) -> None:
    seal.attach(engine, seal.Sealer(seal_key))


def _adopt(conn: Connection, before: str | None) -> None:
    """A file from before the seal existed is sealed as it is, once, in the
    transaction that upgrades it (the key file is needed for that)."""
    if before is None or not migrate.STORE.is_before(before, seal.SEAL_REVISION):
        return
    if seal.read_seal(conn.connection.driver_connection) is not None:  # type: ignore[arg-type]
        return
    store_id = uuid.UUID(str(conn.exec_driver_sql("SELECT id FROM store").scalar_one()))
    seal.adopt(conn, seal_key(store_id))
    StoreKeys.mark_sealed(store_id)


#: what every store file is opened with
SEAL = SealHooks(attach=_attach, upgraded=_adopt)


def open_store(path: Path, *, upgrade: bool = True, lock: bool = True) -> StoreDatabase:
    """Open an existing store file, upgrading its schema to this version's
    after a checked copy of it was kept (``upgrade=False``: as it is, for
    ``verify``, no copy), with its seal. An upgrade is noted and told
    (``services.upgrade.upgraded``); ``StoreDatabase.upgrade`` says what it did."""
    db = open_file(path, SEAL, keep_copy=upgrades.keep_copy, upgrade=upgrade, lock=lock)
    if db.upgrade is not None:
        upgrades.upgraded(db)
    return db


def create_store_file(path: Path) -> StoreDatabase:
    """A new, empty store file with the schema at head, with its seal. Refuses an existing file."""
    return create_file(path, SEAL)
