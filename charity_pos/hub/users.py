"""District staff at the hub: accounts with a PIN (scrypt, as at a store)
and log-in with the store's lock-out rule (5 wrong PINs lock the account
for 5 minutes). Every account has the one role ``district``."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from charity_pos.domain import pins
from charity_pos.errors import DuplicateName, InvalidInput, PosError, WrongPin
from charity_pos.hub.engine import HubDatabase
from charity_pos.hub.models import HubUser
from charity_pos.services.accounts import USERNAME
from charity_pos.services.base import Clock, system_clock

log = logging.getLogger("charity_pos.hub")

DISTRICT = "district"


@dataclass(frozen=True)
class HubActor:
    """Who is logged in to the hub app."""

    user_id: uuid.UUID
    username: str
    display_name: str
    role: str


@dataclass(frozen=True)
class HubUserRow:
    id: uuid.UUID
    username: str
    display_name: str
    role: str
    active: bool
    locked_until: datetime | None


def add_user(db: HubDatabase, username: str, display_name: str, pin: str, *,
             clock: Clock = system_clock) -> HubUserRow:
    """A new district staff account."""
    username = username.strip().lower()
    if not USERNAME.match(username):
        raise InvalidInput(field="username", value=username, reason="username")
    display_name = " ".join(display_name.split())
    if not display_name:
        raise InvalidInput(field="display_name", value="", reason="empty")
    if len(display_name) > 50:
        raise InvalidInput(field="display_name", value=display_name, reason="too_long")
    pins.check_policy(pin)
    user = HubUser(id=uuid.uuid4(), username=username, display_name=display_name, role=DISTRICT,
                   pin_hash=pins.hash_pin(pin), failed_pins=0, active=True, created_at=clock())
    try:
        with db.begin() as s:
            if s.scalars(select(HubUser.id).where(HubUser.username == username)).first():
                raise DuplicateName(field="username", value=username)
            s.add(user)
    except IntegrityError:  # the same name added at the same moment elsewhere
        raise DuplicateName(field="username", value=username) from None
    log.info("hub user %s added", username)
    return HubUserRow(user.id, user.username, user.display_name, user.role, True, None)


def users(db: HubDatabase, *, active_only: bool = True) -> list[HubUserRow]:
    with db.read() as s:
        query = select(HubUser).order_by(HubUser.username)
        if active_only:
            query = query.where(HubUser.active.is_(True))
        return [HubUserRow(u.id, u.username, u.display_name, u.role, u.active, u.locked_until)
                for u in s.scalars(query)]


def login(db: HubDatabase, username: str, pin: str, *, clock: Clock = system_clock) -> HubActor:
    """Check a PIN, counting failures and locking, in a transaction of its
    own (a failure is remembered though the log-in fails)."""
    now = clock()
    failure: PosError | None
    with db.begin() as s:
        user = s.scalars(select(HubUser).where(HubUser.username == username).with_for_update()).one_or_none()
        if user is None:
            raise WrongPin(username=username, attempts_left=None)
        outcome, failure = pins.attempt(user, pin, now)
        if failure is None:
            log.info("hub user %s logged in", username)
            return HubActor(user.id, user.username, user.display_name, user.role)
        if outcome == "locked_now":
            log.warning("hub account locked after %d wrong PINs", pins.MAX_FAILED_PINS)
    try:
        raise failure
    finally:
        del failure  # see pins.attempt: no error -> traceback -> this frame -> error cycle
