"""The registry of households in hardship (PIPL: sensitive personal data).

ID numbers are validated, stored encrypted (AES-GCM, key outside the
database), matched by a keyed hash and shown masked. Seeing a whole number
is a manager's and is logged.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import ParamSpec, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from charity_pos.db.driver import driver
from charity_pos.db.models import Household, Store
from charity_pos.domain.identity import district_hash, mask_id, validate_id
from charity_pos.errors import (
    CardAlreadyRegistered,
    CardRefused,
    DuplicateName,
    IdAlreadyRegistered,
    IdNotHeldHere,
    ImportFailed,
    InvalidInput,
    NotFound,
)
from charity_pos.ledger import journal
from charity_pos.security.keys import StoreKeys
from charity_pos.services.accounts import AccountService, audit
from charity_pos.services.base import Actor, Caller, Changes, Entity, ServiceContext, user_id_of
from charity_pos.services.permissions import Action, require, require_of
from charity_pos.services.household_rows import (  # noqa: F401  (the register's rows, found here as always)
    CATEGORY_NAMES as CATEGORY_NAMES, HouseholdCategory as HouseholdCategory, HouseholdRow as HouseholdRow, households,
)

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")


MAX_MEMBERS = 20


@dataclass(frozen=True)
class HouseholdDraft:
    card_number: str
    head_name: str
    id_number: str = field(repr=False)  # never in a log line or a traceback's message
    members: int
    category: HouseholdCategory
    subdistrict: str
    certificate_ref: str
    valid_from: date
    valid_to: date
    consent_on: date


def _text(field: str, value: str, limit: int) -> str:
    value = " ".join(value.split())
    if not value:
        raise InvalidInput(field=field, value="", reason="empty")
    if len(value) > limit:
        raise InvalidInput(field=field, value=value, reason="too_long")
    return value


def _card(value: str) -> str:
    card = "".join(value.split()).upper()
    if not card or len(card) > 20 or not card.isalnum():
        raise InvalidInput(field="card_number", value=value, reason="card_number")
    return card


def _members(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_MEMBERS:
        raise InvalidInput(field="members", value=value, reason="members")
    return value


def _category(value: HouseholdCategory | str) -> HouseholdCategory:
    try:
        return HouseholdCategory(value)
    except ValueError:
        raise InvalidInput(field="category", value=value, reason="unknown") from None


def _date_order(valid_from: date, valid_to: date) -> None:
    if valid_to < valid_from:
        raise InvalidInput(field="valid_to", value=str(valid_to), reason="date_order")


@dataclass(frozen=True)
class CheckedHousehold:
    """A draft whose every field passed: card number upper-cased, name and
    texts with their spaces tidied, the ID number validated."""

    card_number: str
    head_name: str
    id_number: str = field(repr=False)
    members: int
    category: HouseholdCategory
    subdistrict: str
    certificate_ref: str
    valid_from: date
    valid_to: date
    consent_on: date


def household_problems(draft: HouseholdDraft, skip: frozenset[str] = frozenset(), *,
                       first_only: bool = False) -> tuple[CheckedHousehold | None, list[InvalidInput]]:
    """Every check ``register`` makes, in its order: the checked household
    when there is no problem, else every problem found (or the first only).
    Fields in ``skip`` (their value could not be read; the caller has said
    why) are not checked, and then no household comes back."""
    problems: list[InvalidInput] = []

    def attempt(name: str, check: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T | None:
        """The checked value; None when skipped or refused (the problem kept)."""
        if name in skip or first_only and problems:
            return None
        try:
            return check(*args, **kwargs)
        except InvalidInput as exc:
            problems.append(exc.with_traceback(None))  # no error -> traceback -> frame cycle
            return None

    card = attempt("card_number", _card, draft.card_number)
    head_name = attempt("head_name", _text, "head_name", draft.head_name, 50)
    id_number = attempt("id_number", validate_id, draft.id_number)
    members = attempt("members", _members, draft.members)
    category = attempt("category", _category, draft.category)
    subdistrict = attempt("subdistrict", _text, "subdistrict", draft.subdistrict, 50)
    certificate_ref = attempt("certificate_ref", _text, "certificate_ref", draft.certificate_ref, 50)
    if not skip & {"valid_from", "valid_to"}:
        attempt("valid_to", _date_order, draft.valid_from, draft.valid_to)
    if problems or skip:
        return None, problems
    # nothing skipped and nothing refused: every check ran and gave its value
    assert (card is not None and head_name is not None and id_number is not None and members is not None
            and category is not None and subdistrict is not None and certificate_ref is not None)
    return CheckedHousehold(card, head_name, id_number, members, category, subdistrict, certificate_ref,
                            draft.valid_from, draft.valid_to, draft.consent_on), []


def check_household(draft: HouseholdDraft) -> CheckedHousehold:
    """The household ``register`` would save, or the first problem it would
    raise (InvalidInput)."""
    checked, problems = household_problems(draft, first_only=True)
    if problems:
        raise problems[0]
    assert checked is not None
    return checked


def _new_household(checked: CheckedHousehold, keys: StoreKeys, now: datetime) -> Household:
    number = checked.id_number
    return Household(
        card_number=checked.card_number, head_name=checked.head_name,
        id_cipher=keys.encrypt(number, checked.card_number), id_hash=keys.match_hash(number),
        id_masked=mask_id(number), members=checked.members, category=checked.category.value,
        subdistrict=checked.subdistrict, certificate_ref=checked.certificate_ref, valid_from=checked.valid_from,
        valid_to=checked.valid_to, status="active", consent_on=checked.consent_on, created_at=now,
    )


class HouseholdService:
    def __init__(self, ctx: ServiceContext, accounts: AccountService) -> None:
        self.ctx = ctx
        self.accounts = accounts
        self._keys: StoreKeys | None = None

    def keys(self) -> StoreKeys:
        if self._keys is None:
            with self.ctx.db.read() as s:
                store_id = s.execute(select(Store.id)).scalar_one()
            self._keys = StoreKeys.load(store_id)
        return self._keys

    def register(self, actor: Actor, draft: HouseholdDraft) -> Changes:
        checked = check_household(draft)
        keys = self.keys()
        id_hash = keys.match_hash(checked.id_number)
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            require(s, actor, Action.MANAGE_HOUSEHOLDS)
            if s.scalars(select(Household.id).where(Household.card_number == checked.card_number)).first():
                raise DuplicateName(field="card_number", value=checked.card_number)
            if s.scalars(select(Household.id).where(Household.id_hash == id_hash)).first():
                raise DuplicateName(field="id_number", value=mask_id(checked.id_number))
            household = _new_household(checked, keys, now)
            s.add(household)
            ev = journal.append(s, "household.registered", actor=actor.user_id, at=now)
        return Changes(frozenset({Entity.HOUSEHOLDS}), (household.id,), ev.seq)

    def import_households(self, actor: Caller, drafts: Sequence[HouseholdDraft]) -> Changes:
        """Register every draft in ONE transaction with ONE journal event
        (``households.imported``, whose facts hold the count only): all of
        them or, when any one fails, none. A manager's, or the store's own
        command line's (``COMMAND_LINE``). Each draft is checked as ``register``
        checks it, and none may share a card or ID number with another or
        with a household already registered."""
        checked = [check_household(d) for d in drafts]
        if not checked:
            return Changes(frozenset())
        keys = self.keys()
        now = self.ctx.now()
        cards: set[str] = set()
        hashes: set[str] = set()
        for c in checked:
            id_hash = keys.match_hash(c.id_number)
            if c.card_number in cards:
                raise DuplicateName(field="card_number", value=c.card_number)
            if id_hash in hashes:
                raise DuplicateName(field="id_number", value=mask_id(c.id_number))
            cards.add(c.card_number)
            hashes.add(id_hash)
        try:
            with self.ctx.db.begin() as s:
                require_of(s, actor, Action.MANAGE_HOUSEHOLDS)
                taken_cards = set(s.scalars(select(Household.card_number)))
                taken_hashes = set(s.scalars(select(Household.id_hash)))
                for c in checked:
                    if c.card_number in taken_cards:
                        raise CardAlreadyRegistered(field="card_number", value=c.card_number)
                    if keys.match_hash(c.id_number) in taken_hashes:
                        raise IdAlreadyRegistered(field="id_number", value=mask_id(c.id_number))
                households = [_new_household(c, keys, now) for c in checked]
                s.add_all(households)
                ev = journal.append(s, "households.imported", actor=user_id_of(actor),
                                    at=now, facts={"count": len(households)})
                ids, seq = tuple(h.id for h in households), ev.seq
        except DBAPIError as exc:
            # The driver's message would carry the rows' values (names) into
            # the log: say what kind of failure it was, nothing more.
            log.error("household import of %d rows failed: %s", len(checked), type(exc.orig).__name__)
            raise ImportFailed(count=len(checked), detail=type(exc.orig).__name__) from None
        log.info("%d households imported (journal event #%d)", len(ids), seq)
        return Changes(frozenset({Entity.HOUSEHOLDS}), ids, seq)

    def households(self) -> list[HouseholdRow]:
        """The register by card number (the listing ``show households`` reads too)."""
        with self.ctx.db.read() as s:
            return households(driver(s.connection()))

    def reveal_id(self, actor: Actor, household_id: uuid.UUID) -> str:
        """The whole ID number: a manager's, and logged."""
        keys = self.keys()
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            require(s, actor, Action.REVEAL_ID)
            household = s.get(Household, household_id)
            if household is None:
                raise NotFound(kind="household", key=str(household_id))
            if household.erased_at is not None:
                raise CardRefused(card=household.card_number, reason="erased")
            if not household.id_cipher:  # added from the district's registry: the store never gets whole numbers
                raise IdNotHeldHere(card=household.card_number)
            number = keys.decrypt(household.id_cipher, household.card_number)
            audit(s, now, "household.reveal_id", "ok", actor.user_id, household=str(household.id))
        return number


def fill_district_hashes(s: Session, keys: StoreKeys, key: bytes) -> int:
    """Compute the district hash of every household whose whole ID the store
    holds (no commit). Not journaled: the column is private bookkeeping."""
    count = 0
    for household in s.scalars(select(Household).where(Household.erased_at.is_(None), Household.id_cipher != "")):
        value = district_hash(key, keys.decrypt(household.id_cipher, household.card_number))
        if household.district_hash != value:
            household.district_hash = value
        count += 1
    return count
