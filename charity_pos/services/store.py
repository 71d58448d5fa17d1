"""Creating a store file and reading who the store is."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from charity_pos.db.engine import StoreDatabase, create_store_file
from charity_pos.db.base import new_id
from charity_pos.db.models import Store
from charity_pos.domain.numbers import STORE_CODE
from charity_pos.domain.pins import check_policy
from charity_pos.errors import InvalidInput
from charity_pos.ledger import journal
from charity_pos.services.accounts import AccountService
from charity_pos.services.base import Clock, Role, ServiceContext, system_clock
from charity_pos.security.keys import StoreKeys, key_path
from charity_pos.services.catalog import seed_categories


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
    short_name: str | None = None,
    clock: Clock = system_clock,
) -> StoreDatabase:
    """A new store file with its categories and a first manager account
    (``manager``). Everything is checked before the file is made."""
    code = store_code.strip().upper()
    if not STORE_CODE.match(code):
        raise InvalidInput(field="store_code", value=store_code, reason="store_code")
    name = _text("name", name, 100)
    district = _text("district", district, 50)
    short = _text("short_name", short_name or name, 20) if short_name or len(name) <= 20 else name[:20]
    check_policy(manager_pin)
    store_id = new_id()
    db = create_store_file(Path(path))
    try:
        ctx = ServiceContext(db, clock)
        now = ctx.now()
        StoreKeys.create(store_id)  # the seal of the first unit of work needs it
        with db.begin() as s:
            s.add(Store(id=store_id, code=code, name=name, short_name=short, district=district, created_at=now))
            seed_categories(s)
            journal.append(s, "store.initialised", actor=None, at=now)
        AccountService(ctx).create_user(None, "manager", "店长", Role.MANAGER, manager_pin)
    except BaseException:
        db.close()
        Path(path).unlink(missing_ok=True)
        key_path(store_id).unlink(missing_ok=True)
        raise
    return db


def store_info(ctx: ServiceContext) -> StoreInfo:
    from charity_pos.services.training import is_training

    with ctx.db.read() as s:
        st = s.scalars(select(Store)).one()
        return StoreInfo(st.id, st.code, st.name, st.short_name, st.district, is_training(s))
