"""Creating a store file and reading who the store is.

``glance`` reads what the log-in window shows (the store's name, its staff)
with a plain query and no SQLAlchemy, so that the window comes up before the
store is opened; everything else here needs the open store.
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from charity_pos.errors import InvalidInput

if TYPE_CHECKING:
    from charity_pos.db.engine import StoreDatabase
    from charity_pos.services.base import Clock, ServiceContext

#: ``services.training.TRAINING_APP_ID`` (a test checks they agree): that module loads SQLAlchemy.
_TRAINING_APP_ID = 0x43505452


@dataclass(frozen=True)
class StoreInfo:
    id: uuid.UUID
    code: str
    name: str
    short_name: str
    district: str
    #: a training copy (培训模式, ``services.training``): its slips and receipts are not real ones
    training: bool = False


def _text(field: str, value: str, limit: int) -> str:
    value = " ".join(value.split())
    if not value:
        raise InvalidInput(field=field, value=value, reason="empty")
    if len(value) > limit:
        raise InvalidInput(field=field, value=value, reason="too_long")
    return value


def init_store(
    path: Path,
    *,
    store_code: str,
    name: str,
    district: str,
    manager_pin: str,
    manager_name: str = "店长",
    short_name: str | None = None,
    clock: Clock | None = None,
) -> StoreDatabase:
    """A new store file with its categories and a first manager account
    (``manager``, shown as ``manager_name``). Everything is checked before the file is made."""
    from charity_pos.services.base import STORE_SETUP
    from charity_pos.db.base import new_id
    from charity_pos.services.store_file import create_store_file
    from charity_pos.db.models import Store
    from charity_pos.domain.numbers import STORE_CODE
    from charity_pos.domain.pins import check_policy
    from charity_pos.ledger import journal
    from charity_pos.security.keys import StoreKeys, key_path
    from charity_pos.services.accounts import AccountService
    from charity_pos.services.base import Role, ServiceContext, system_clock
    from charity_pos.services.catalog import seed_categories

    code = store_code.strip().upper()
    if not STORE_CODE.match(code):
        raise InvalidInput(field="store_code", value=store_code, reason="store_code")
    name = _text("name", name, 100)
    district = _text("district", district, 50)
    short = _text("short_name", short_name or name, 20) if short_name or len(name) <= 20 else name[:20]
    manager_name = _text("display_name", manager_name, 50)
    check_policy(manager_pin)
    store_id = new_id()
    db = create_store_file(Path(path))
    try:
        ctx = ServiceContext(db, clock or system_clock)
        now = ctx.now()
        StoreKeys.create(store_id)  # the seal of the first unit of work needs it
        with db.begin() as s:
            s.add(Store(id=store_id, code=code, name=name, short_name=short, district=district, created_at=now))
            seed_categories(s)
            journal.append(s, "store.initialised", actor=None, at=now)
        AccountService(ctx).create_user(STORE_SETUP, "manager", manager_name, Role.MANAGER, manager_pin)
    except BaseException:
        db.close()
        Path(path).unlink(missing_ok=True)
        key_path(store_id).unlink(missing_ok=True)
        raise
    return db


def store_info(ctx: ServiceContext) -> StoreInfo:
    from charity_pos.db.driver import driver

    with ctx.db.read() as s:
        return store_row(driver(s.connection()))


#: The store's one row as ``StoreInfo`` takes it (without the header's training mark).
_STORE = "SELECT id, code, name, short_name, district FROM store"


def store_row(raw: sqlite3.Connection) -> StoreInfo:
    """Who the store is, and whether its file is a training copy (its
    header says so): what ``store_info`` and ``show store`` read."""
    (store_id, code, name, short_name, district), = raw.execute(_STORE).fetchall()  # one store a file
    training = int(raw.execute("PRAGMA application_id").fetchone()[0] or 0) == _TRAINING_APP_ID
    return StoreInfo(_uuid(store_id), code, name, short_name, district, training)


#: ``sync.rebuild.REBUILT``: the audit log's entry of a store rebuilt from the district's copy.
REBUILT = "store.rebuilt"


def rebuilt_note(raw: sqlite3.Connection) -> dict[str, object] | None:
    """What the audit log says of the store's rebuild, if it was rebuilt: the
    last event the district held (``last_seq``, ``last_at``), the hub, when
    (``rebuilt_at``, an aware UTC datetime)."""
    import json

    from charity_pos.services.stored_rows import stored_at

    row = raw.execute("SELECT at, detail FROM audit_entry WHERE action = ? ORDER BY seq DESC LIMIT 1",
                      (REBUILT,)).fetchone()
    if row is None:
        return None
    try:
        detail = json.loads(row[1])
    except ValueError:
        return None
    return dict(detail, rebuilt_at=stored_at(row[0]))


@dataclass(frozen=True)
class StaffMember:
    """An active account as the log-in window lists it."""

    username: str
    display_name: str
    role: str  # a ``Role``'s value


@dataclass(frozen=True)
class Glance:
    """What the log-in window shows, read before the store is opened."""

    store: StoreInfo
    #: active accounts, cashiers first (they log in most), as ``AccountService.users`` lists them
    staff: tuple[StaffMember, ...]


def glance(path: Path) -> Glance | None:
    """The store's name and its active staff, read from the file at ``path``
    with a plain read-only query that writes nothing. None when that read
    cannot tell (no such file, not a store, a schema it does not know): then
    opening the store says what is wrong. Opening it is still what checks the
    file, takes its lock and upgrades it; this only lets the log-in window
    come up first."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                return None
        # as ``db.engine`` reads a file before opening it: without a -wal file everything is
        # in the main file and immutable=1 reads it without making -wal/-shm files
        has_wal = path.with_name(path.name + "-wal").exists()
        conn = sqlite3.connect(path.resolve().as_uri() + ("?mode=ro" if has_wal else "?mode=ro&immutable=1"),
                               uri=True)
    except (OSError, sqlite3.Error):
        return None
    try:
        stores = conn.execute(_STORE).fetchall()
        if len(stores) != 1:
            return None
        store_id, code, name, short_name, district = stores[0]
        training = conn.execute("PRAGMA application_id").fetchone()[0] == _TRAINING_APP_ID
        staff = conn.execute("SELECT username, display_name, role FROM app_user WHERE active "
                             "ORDER BY role, username").fetchall()
        info = StoreInfo(_uuid(store_id), code, name, short_name, district, training)
    except (sqlite3.Error, ValueError, TypeError):
        return None
    finally:
        conn.close()
    return Glance(info, tuple(StaffMember(*row) for row in staff))


def _uuid(value: object) -> uuid.UUID:
    return uuid.UUID(bytes=value) if isinstance(value, bytes) else uuid.UUID(str(value))
