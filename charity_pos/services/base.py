"""What every service shares: the open store, the clock, who is acting, and
the description of what a call changed."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from charity_pos.domain.days import STORE_TZ as STORE_TZ  # the store's clock (domain.days), read here by services
from charity_pos.domain.days import local_date as local_date  # and screens as before

if TYPE_CHECKING:  # what the listings read without SQLAlchemy (STORE_TZ, local_date) loads none of it
    from charity_pos.db.engine import StoreDatabase

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


class Role(StrEnum):
    CASHIER = "cashier"
    MANAGER = "manager"


@dataclass(frozen=True)
class Actor:
    """The logged-in user, as services see them."""

    user_id: uuid.UUID
    username: str
    role: Role


@dataclass(frozen=True)
class System:
    """Work no one at a till does, named for what it is: the command line,
    run by whoever holds the store's file and its key on the store's PC;
    setting up a new store, before it has any account; the store's own
    upkeep (erasing lapsed households' personal data on time). Permission
    checks are not made for it (``permissions.require_of``), and the journal
    records no user (``user_id_of``). Never ``None``: a service asked by no
    one in particular is a mistake the type checker catches."""

    name: str


COMMAND_LINE = System("command_line")
STORE_SETUP = System("store_setup")
UPKEEP = System("upkeep")

#: Who asks a service for something: a logged-in user, or the system.
Caller = Actor | System


def user_id_of(caller: Caller) -> uuid.UUID | None:
    """The user the journal and the audit log name; None for the system."""
    return caller.user_id if isinstance(caller, Actor) else None


@dataclass(frozen=True)
class Approval:
    """A manager's PIN typed at the counter for someone else's action, and
    the till (this PC's, from settings) it was typed at: wrong PINs are
    counted per till. "" is the command line's and scripts' own count."""

    username: str
    pin: str
    reason: str
    till: str = ""


class Entity(StrEnum):
    """What screens may need to refresh after a call."""

    ITEMS = "items"
    STOCK = "stock"
    USERS = "users"
    STORE = "store"
    DONORS = "donors"
    HOUSEHOLDS = "households"
    DONATIONS = "donations"
    RECEIPTS = "receipts"
    SALES = "sales"
    SHIFTS = "shifts"
    HANDOUTS = "handouts"
    QUOTAS = "quotas"
    FUNDS = "funds"


@dataclass(frozen=True)
class Changes:
    """What a service call changed, so each screen refreshes only its part."""

    entities: frozenset[Entity]
    ids: tuple[uuid.UUID, ...] = ()
    event_seq: int | None = None
    number: str | None = None
    warnings: tuple[str, ...] = field(default_factory=tuple)


@dataclass
class ServiceContext:
    db: StoreDatabase
    clock: Clock = system_clock

    def now(self) -> datetime:
        return self.clock()
