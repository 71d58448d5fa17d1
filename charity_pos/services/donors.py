"""Donors: people, companies (with their unified social credit code) and
anonymous givers, with their wishes and consent to be named publicly."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select

from charity_pos.db.models import Donor
from charity_pos.domain import pinyin
from charity_pos.domain.identity import mask_phone, validate_credit_code
from charity_pos.errors import DuplicateName, InvalidInput
from charity_pos.ledger import journal
from charity_pos.services.accounts import AccountService
from charity_pos.services.base import Actor, Changes, Entity, ServiceContext
from charity_pos.services.permissions import Action, require


class DonorKind(StrEnum):
    PERSON = "person"
    COMPANY = "company"
    ANONYMOUS = "anonymous"


@dataclass(frozen=True)
class DonorDraft:
    kind: DonorKind
    name: str = ""
    phone: str = ""
    credit_code: str | None = None
    wishes: str = ""
    consent_public: bool = False
    declines_receipt: bool = False


@dataclass(frozen=True)
class DonorRow:
    id: uuid.UUID
    kind: DonorKind
    name: str
    phone_masked: str
    credit_code: str | None
    wishes: str
    consent_public: bool
    declines_receipt: bool


def _row(d: Donor) -> DonorRow:
    return DonorRow(d.id, DonorKind(d.kind), d.name, mask_phone(d.phone) if d.phone else "", d.credit_code,
                    d.wishes, d.consent_public, d.declines_receipt)


def _clean(draft: DonorDraft) -> DonorDraft:
    try:
        kind = DonorKind(draft.kind)
    except ValueError:
        raise InvalidInput(field="donor_kind", value=draft.kind, reason="unknown") from None
    name = " ".join(draft.name.split())
    phone = "".join(c for c in draft.phone if c.isdigit())
    if draft.phone.strip() and not 7 <= len(phone) <= 12:
        raise InvalidInput(field="phone", value=draft.phone, reason="phone")
    if len(name) > 100:
        raise InvalidInput(field="name", value=name, reason="too_long")
    credit = None
    if kind == DonorKind.ANONYMOUS:
        name, phone = "", ""
    elif not name:
        raise InvalidInput(field="name", value="", reason="empty")
    if kind == DonorKind.COMPANY:
        if not (draft.credit_code or "").strip():
            raise InvalidInput(field="credit_code", value="", reason="empty")
        credit = validate_credit_code(draft.credit_code or "")
    return DonorDraft(kind, name, phone, credit, " ".join(draft.wishes.split())[:200],
                      bool(draft.consent_public) and kind != DonorKind.ANONYMOUS, bool(draft.declines_receipt))


def name_matches(name: str, text: str) -> bool:
    """Whether a donor's name answers what was typed: any part of the name,
    or of its pinyin initials or full pinyin (``wjg``, ``wangjianguo`` and
    ``jianguo`` all find 王建国), as the catalog search does. Each name's
    keys are worked out once (``warm_keys`` works them out ahead)."""
    return pinyin.matches(name, text)


def warm_keys(names: Iterable[str]) -> None:
    """Work out the pinyin keys ``name_matches`` needs for these donors'
    names now, ahead of the first search: the screens call it off the UI
    thread. Most names need only ``pinyin_data`` (a few milliseconds to
    load); a name with a word pypinyin's phrase table reads otherwise (银行)
    loads that table the first time (a third of a second)."""
    pinyin.warm(names)


class DonorService:
    def __init__(self, ctx: ServiceContext, accounts: AccountService) -> None:
        self.ctx = ctx
        self.accounts = accounts

    def create(self, actor: Actor, draft: DonorDraft) -> Changes:
        draft = _clean(draft)
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            require(s, actor, Action.RECORD_DONOR)
            if draft.credit_code and s.scalars(select(Donor.id).where(Donor.credit_code == draft.credit_code)).first():
                raise DuplicateName(field="credit_code", value=draft.credit_code)
            donor = Donor(kind=draft.kind.value, name=draft.name, phone=draft.phone, credit_code=draft.credit_code,
                          wishes=draft.wishes, consent_public=draft.consent_public,
                          declines_receipt=draft.declines_receipt, created_at=now)
            s.add(donor)
            ev = journal.append(s, "donor.registered", actor=actor.user_id, at=now)
        return Changes(frozenset({Entity.DONORS}), (donor.id,), ev.seq)

    def donors(self) -> list[DonorRow]:
        with self.ctx.db.read() as s:
            return [_row(d) for d in s.scalars(select(Donor).order_by(Donor.kind, Donor.created_at))]

    def search(self, text: str) -> list[DonorRow]:
        """Registered donors (not anonymous ones) whose name answers ``text``
        (see ``name_matches``) or whose credit code contains it."""
        needle = "".join(text.split()).casefold()
        if not needle:
            return []
        return [d for d in self.donors() if d.kind != DonorKind.ANONYMOUS
                and (name_matches(d.name, text) or needle in (d.credit_code or "").casefold())]
