"""Cash donations and how they were used (善款收支), kept apart from sales
income (收支两条线): what donors gave in cash is one account, and every use
of it is a numbered record with its voucher. A use can never spend more than
the donated cash left."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from charity_pos.db.funds import FUND_USES as FUND_USES  # what a use may be: the screens read it here
from charity_pos.db.funds import FundUse
from charity_pos.db.models import Donation
from charity_pos.domain.money import check_fen
from charity_pos.errors import FundsShort, InvalidInput
from charity_pos.ledger import journal
from charity_pos.services.accounts import AccountService
from charity_pos.services.base import Caller, Changes, Entity, ServiceContext, local_date, user_id_of
from charity_pos.services.permissions import Action, require_of
from charity_pos.services.reports import may_see

PURPOSE_LIMIT = 200
VOUCHER_LIMIT = 40


@dataclass(frozen=True)
class FundBalance:
    received_fen: int
    used_fen: int

    @property
    def left_fen(self) -> int:
        return self.received_fen - self.used_fen


@dataclass(frozen=True)
class FundUseRow:
    id: uuid.UUID
    number: str
    used_on: date
    amount_fen: int
    kind: str
    purpose: str
    voucher: str


def balance(session: Session) -> FundBalance:
    """Donated cash received and used, all time (part of the caller's unit of work)."""
    received = session.scalar(select(func.coalesce(func.sum(Donation.cash_fen), 0)))
    used = session.scalar(select(func.coalesce(func.sum(FundUse.amount_fen), 0)))
    return FundBalance(int(received or 0), int(used or 0))


def _text(value: str, *, field: str, limit: int, required: bool) -> str:
    if not isinstance(value, str):
        raise InvalidInput(field=field, value=value, reason="unknown")
    text = " ".join(value.split())
    if required and not text:
        raise InvalidInput(field=field, value="", reason="empty")
    if len(text) > limit:
        raise InvalidInput(field=field, value=text, reason="too_long")
    return text


class FundService:
    def __init__(self, ctx: ServiceContext, accounts: AccountService) -> None:
        self.ctx = ctx
        self.accounts = accounts

    def record_use(self, actor: Caller, *, used_on: date, amount_fen: int, kind: str, purpose: str,
                   voucher: str = "") -> Changes:
        """One use of donated cash (F), by a manager: never more than is left,
        never on a day still to come. ``COMMAND_LINE`` is the store's own
        command line (whoever holds the store's file): the use and its
        journal event name no one."""
        amount = check_fen(amount_fen, field="amount", allow_zero=False)
        if kind not in FUND_USES:
            raise InvalidInput(field="fund_kind", value=kind, reason="unknown")
        purpose = _text(purpose, field="purpose", limit=PURPOSE_LIMIT, required=True)
        voucher = _text(voucher, field="voucher", limit=VOUCHER_LIMIT, required=False)
        now = self.ctx.now()
        if not isinstance(used_on, date) or used_on > local_date(now):
            raise InvalidInput(field="used_on", value=str(used_on), reason="future")
        with self.ctx.db.begin() as s:
            require_of(s, actor, Action.RECORD_FUND_USE)
            who = user_id_of(actor)
            left = balance(s).left_fen
            if amount > left:
                raise FundsShort(amount_fen=amount, left_fen=left)
            number = self._number(s, used_on)
            use = FundUse(number=number, used_on=used_on, amount_fen=amount, kind=kind, purpose=purpose,
                          voucher=voucher, recorded_by=who, recorded_at=now)
            s.add(use)
            ev = journal.append(s, "funds.used", actor=user_id_of(actor), at=now, facts={"number": number})
        return Changes(frozenset({Entity.FUNDS}), (use.id,), ev.seq, number)

    @staticmethod
    def _number(session: Session, used_on: date) -> str:
        from charity_pos.services.sequences import next_number

        return next_number(session, "fund_use", used_on.year)

    def balance(self, actor: Caller) -> FundBalance:
        with self.ctx.db.read() as s:
            may_see(s, actor)
            return balance(s)

    def uses(self, actor: Caller, start: date, end: date) -> list[FundUseRow]:
        with self.ctx.db.read() as s:
            may_see(s, actor)
            rows = s.scalars(select(FundUse).where(FundUse.used_on >= start, FundUse.used_on <= end)
                             .order_by(FundUse.used_on, FundUse.number))
            return [FundUseRow(u.id, u.number, u.used_on, u.amount_fen, u.kind, u.purpose, u.voucher) for u in rows]
