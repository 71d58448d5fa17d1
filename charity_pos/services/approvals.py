"""A manager's PIN typed at the counter for an approval, checked with the
shared lock-out rule (``domain.pins.attempt``) but counted per till: five
wrong approval PINs in a row at a till, none more than the window apart,
refuse approvals at that till for a few minutes. The managers' accounts are
not charged, so their own log-ins stay open. Every wrong PIN, lock and
refusal is written to the audit log with the till."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from charity_pos.db.models import ApprovalLimit, User
from charity_pos.domain import pins
from charity_pos.errors import AccountLocked, ApprovalsLocked, PosError, WrongApprovalPin
from charity_pos.services.audit import audit
from charity_pos.services.base import Actor, Approval, Role, ServiceContext

log = logging.getLogger("charity_pos.accounts")

#: Wrong approval PINs further apart than this no longer add up.
WINDOW = timedelta(minutes=15)
MAX_TILL_LENGTH = 16


@dataclass
class _TillGate:
    """One approval PIN as the shared lock-out rule sees an account: the
    approver's name, state and PIN hash, with the till's count and lock."""

    username: str
    active: bool
    pin_hash: str
    failed_pins: int
    locked_until: datetime | None


def till_key(till: str) -> str:
    return till.strip()[:MAX_TILL_LENGTH]


def _limit(session: Session, till: str, now: datetime) -> ApprovalLimit:
    """The till's count (a new one is added to the session only once it counts)."""
    limit = session.get(ApprovalLimit, till)
    if limit is None:
        return ApprovalLimit(till=till, failed_pins=0)
    if limit.failed_pins and limit.last_failed_at is not None and now - limit.last_failed_at > WINDOW:
        limit.failed_pins = 0
    return limit


def locked_until(ctx: ServiceContext, till: str) -> datetime | None:
    """Until when approvals at ``till`` are refused; None when they are not."""
    now = ctx.now()
    with ctx.db.read() as s:
        limit = s.get(ApprovalLimit, till_key(till))
        if limit is None or limit.locked_until is None or limit.locked_until <= now:
            return None
        return limit.locked_until


def check_approval_pin(ctx: ServiceContext, approval: Approval, what: str) -> Actor:
    """The approver whose PIN this is, checked in a transaction of its own so
    that a failure is remembered although the caller fails. Raises
    ``WrongApprovalPin`` (an unknown name too, so that names are not given
    away), ``ApprovalsLocked``, ``AccountInactive`` or ``AccountLocked`` (the
    manager's own account is locked after wrong log-in PINs)."""
    now = ctx.now()
    till = till_key(approval.till)
    failure: PosError | None
    with ctx.db.begin() as s:
        limit = _limit(s, till, now)
        user = s.scalars(select(User).where(User.username == approval.username)).one_or_none()
        # an unknown name has no PIN to match: it counts as a wrong PIN
        gate = _TillGate(approval.username, user.active if user else True, user.pin_hash if user else "",
                         limit.failed_pins, limit.locked_until)
        outcome, failure = pins.attempt(gate, approval.pin, now)
        limit.failed_pins, limit.locked_until = gate.failed_pins, gate.locked_until
        if limit.failed_pins or limit.locked_until is not None:
            s.add(limit)
        who = user.id if user is not None else None
        if outcome == "ok":
            assert user is not None
            if user.locked_until is not None and user.locked_until > now:
                failure = AccountLocked(username=user.username, until=user.locked_until)
                audit(s, now, what, "locked", who, till=till)
            else:
                audit(s, now, what, "ok", who, till=till)
                return Actor(user.id, user.username, Role(user.role))
        elif outcome == "inactive":
            audit(s, now, what, "inactive", who, till=till)
        elif outcome == "locked":
            failure = ApprovalsLocked(till=till, until=limit.locked_until)
            audit(s, now, what, "refused", who, till=till, until=limit.locked_until)
        elif outcome == "wrong_pin":
            limit.last_failed_at = now
            failure = WrongApprovalPin(username=approval.username, attempts_left=pins.MAX_FAILED_PINS
                                       - limit.failed_pins, till=till)
            audit(s, now, what, "wrong_pin", who, till=till)
        else:  # locked_now
            limit.last_failed_at = now
            failure = ApprovalsLocked(till=till, until=limit.locked_until)
            audit(s, now, what, "till_locked", who, till=till, until=limit.locked_until)
            log.warning("approvals at a till locked after %d wrong manager PINs", pins.MAX_FAILED_PINS)
    assert failure is not None
    try:
        raise failure
    finally:
        del failure  # see pins.attempt: no error -> traceback -> this frame -> error cycle
