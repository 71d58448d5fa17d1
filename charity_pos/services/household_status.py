"""A household's card over time: a manager suspends it (with the reason the
counter will show) or puts it back; and once eligibility lapsed longer ago
than the store keeps personal data (default 24 months, PIPL Art. 19), the
name, ID number and certificate are erased, keeping only what reports
need: category, size, sub-district, validity and the handouts."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select

from charity_pos.db.models import Household
from charity_pos.errors import InvalidInput, NotFound
from charity_pos.ledger import journal
from charity_pos.services.accounts import AccountService
from charity_pos.services.base import Actor, Caller, Changes, Entity, ServiceContext, local_date, user_id_of
from charity_pos.services.counter_rules import rules_in
from charity_pos.services.permissions import Action, require, require_of


def months_before(day: date, months: int) -> date:
    """The same day ``months`` months earlier (the month's last day if shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


class HouseholdStatusService:
    def __init__(self, ctx: ServiceContext, accounts: AccountService) -> None:
        self.ctx = ctx
        self.accounts = accounts

    def suspend(self, actor: Actor, household_id: uuid.UUID, reason: str) -> Changes:
        reason = " ".join(reason.split())
        if not reason:
            raise InvalidInput(field="reason", value="", reason="empty")
        return self._set(actor, household_id, "suspended", reason[:200], "household.suspended")

    def reactivate(self, actor: Actor, household_id: uuid.UUID) -> Changes:
        return self._set(actor, household_id, "active", None, "household.reactivated")

    def _set(self, actor: Actor, household_id: uuid.UUID, status: str, reason: str | None, kind: str) -> Changes:
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            require(s, actor, Action.MANAGE_HOUSEHOLDS)
            household = s.get(Household, household_id)
            if household is None:
                raise NotFound(kind="household", key=str(household_id))
            household.status = status
            household.status_reason = reason
            ev = journal.append(s, kind, actor=actor.user_id, at=now)
        return Changes(frozenset({Entity.HOUSEHOLDS}), (household_id,), ev.seq)

    def erase_lapsed(self, actor: Caller) -> Changes | None:
        """Erase the personal data of households whose eligibility ended more
        than the configured months ago. Run at start-up and by the command
        line (``actor`` None); None when there was nothing to erase."""
        now = self.ctx.now()
        today = local_date(now)
        with self.ctx.db.begin() as s:
            require_of(s, actor, Action.MANAGE_HOUSEHOLDS)
            months = rules_in(s).erase_after_months
            cutoff = months_before(today, months)
            lapsed = list(s.scalars(select(Household).where(Household.valid_to < cutoff,
                                                             Household.erased_at.is_(None))))
            if not lapsed:
                return None
            for household in lapsed:
                household.head_name = ""
                household.id_cipher = ""
                household.id_hash = ""
                household.district_hash = None
                household.id_masked = ""
                household.certificate_ref = ""
                household.status = "expired"
                household.status_reason = None
                household.erased_at = now
            ev = journal.append(s, "households.erased", actor=user_id_of(actor), at=now,
                                facts={"count": len(lapsed), "lapsed_before": cutoff.isoformat()})
        # the old pages still sit in the write-ahead log: fold it into the
        # file (where secure_delete zeroed the freed space) and empty it
        self.ctx.db.checkpoint()
        return Changes(frozenset({Entity.HOUSEHOLDS}), tuple(h.id for h in lapsed), ev.seq)
