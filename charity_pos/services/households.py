"""The registry of households in hardship (PIPL: sensitive personal data).

ID numbers are validated, stored encrypted (AES-GCM, key outside the
database), matched by a keyed hash and shown masked. Seeing a whole number
is a manager's and is logged.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import select

from charity_pos.db.models import Household, Store
from charity_pos.domain.identity import mask_id, validate_id
from charity_pos.errors import DuplicateName, InvalidInput, NotFound
from charity_pos.ledger import journal
from charity_pos.security.keys import StoreKeys
from charity_pos.services.accounts import AccountService, audit
from charity_pos.services.base import Actor, Changes, Entity, ServiceContext
from charity_pos.services.permissions import Action


class HouseholdCategory(StrEnum):
    DIBAO = "dibao"  # 低保
    DIBAO_EDGE = "dibao_edge"  # 低保边缘
    TEKUN = "tekun"  # 特困
    LOW_INCOME = "low_income"  # 低收入
    EXPENSE = "expense"  # 支出型贫困
    TEMPORARY = "temporary"  # 临时救助


CATEGORY_NAMES = {
    HouseholdCategory.DIBAO: "低保",
    HouseholdCategory.DIBAO_EDGE: "低保边缘",
    HouseholdCategory.TEKUN: "特困",
    HouseholdCategory.LOW_INCOME: "低收入",
    HouseholdCategory.EXPENSE: "支出型贫困",
    HouseholdCategory.TEMPORARY: "临时救助",
}

MAX_MEMBERS = 20


@dataclass(frozen=True)
class HouseholdDraft:
    card_number: str
    head_name: str
    id_number: str
    members: int
    category: HouseholdCategory
    subdistrict: str
    certificate_ref: str
    valid_from: date
    valid_to: date
    consent_on: date


@dataclass(frozen=True)
class HouseholdRow:
    id: uuid.UUID
    card_number: str
    head_name: str
    id_masked: str
    members: int
    category: HouseholdCategory
    subdistrict: str
    valid_from: date
    valid_to: date
    status: str


def _row(h: Household) -> HouseholdRow:
    return HouseholdRow(h.id, h.card_number, h.head_name, h.id_masked, h.members, HouseholdCategory(h.category),
                        h.subdistrict, h.valid_from, h.valid_to, h.status)


def _text(field: str, value: str, limit: int) -> str:
    value = " ".join(value.split())
    if not value:
        raise InvalidInput(field=field, value="", reason="empty")
    if len(value) > limit:
        raise InvalidInput(field=field, value=value, reason="too_long")
    return value


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
        self.accounts.authorize(actor, Action.MANAGE_HOUSEHOLDS, None)
        card = "".join(draft.card_number.split()).upper()
        if not card or len(card) > 20 or not card.isalnum():
            raise InvalidInput(field="card_number", value=draft.card_number, reason="card_number")
        name = _text("head_name", draft.head_name, 50)
        number = validate_id(draft.id_number)
        if isinstance(draft.members, bool) or not isinstance(draft.members, int) or not 1 <= draft.members <= MAX_MEMBERS:
            raise InvalidInput(field="members", value=draft.members, reason="members")
        try:
            category = HouseholdCategory(draft.category)
        except ValueError:
            raise InvalidInput(field="category", value=draft.category, reason="unknown") from None
        subdistrict = _text("subdistrict", draft.subdistrict, 50)
        certificate = _text("certificate_ref", draft.certificate_ref, 50)
        if draft.valid_to < draft.valid_from:
            raise InvalidInput(field="valid_to", value=str(draft.valid_to), reason="date_order")
        keys = self.keys()
        id_hash = keys.match_hash(number)
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            if s.scalars(select(Household.id).where(Household.card_number == card)).first():
                raise DuplicateName(field="card_number", value=card)
            if s.scalars(select(Household.id).where(Household.id_hash == id_hash)).first():
                raise DuplicateName(field="id_number", value=mask_id(number))
            household = Household(
                card_number=card, head_name=name, id_cipher=keys.encrypt(number, card), id_hash=id_hash,
                id_masked=mask_id(number), members=draft.members, category=category.value,
                subdistrict=subdistrict, certificate_ref=certificate, valid_from=draft.valid_from,
                valid_to=draft.valid_to, status="active", consent_on=draft.consent_on, created_at=now,
            )
            s.add(household)
            ev = journal.append(s, "household.registered", actor=actor.user_id, at=now)
        return Changes(frozenset({Entity.HOUSEHOLDS}), (household.id,), ev.seq)

    def households(self) -> list[HouseholdRow]:
        with self.ctx.db.read() as s:
            return [_row(h) for h in s.scalars(select(Household).order_by(Household.card_number))]

    def reveal_id(self, actor: Actor, household_id: uuid.UUID) -> str:
        """The whole ID number: a manager's, and logged."""
        self.accounts.authorize(actor, Action.REVEAL_ID, None)
        keys = self.keys()
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            household = s.get(Household, household_id)
            if household is None:
                raise NotFound(kind="household", key=str(household_id))
            number = keys.decrypt(household.id_cipher, household.card_number)
            audit(s, now, "household.reveal_id", "ok", actor.user_id, household=str(household.id))
        return number
