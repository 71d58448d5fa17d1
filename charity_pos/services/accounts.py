"""Accounts, PIN log-in, lock-out, and manager approval at the counter."""

from __future__ import annotations

import json
import logging
import re
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from charity_pos.db.models import AuditEntry, User
from charity_pos.domain import pins
from charity_pos.errors import (
    ApprovalRejected,
    ApprovalRequired,
    DuplicateName,
    InvalidInput,
    NotFound,
    PermissionDenied,
    WrongPin,
)
from charity_pos.ledger import journal
from charity_pos.services.base import Actor, Approval, Changes, Entity, Role, ServiceContext
from charity_pos.services.permissions import APPROVABLE, Action, allowed

log = logging.getLogger("charity_pos.accounts")

MAX_FAILED_PINS = pins.MAX_FAILED_PINS
LOCK_MINUTES = pins.LOCK_MINUTES
USERNAME = re.compile(r"^[a-z][a-z0-9_.-]{1,31}$")


@dataclass(frozen=True)
class UserRow:
    id: uuid.UUID
    username: str
    display_name: str
    role: Role
    active: bool
    locked_until: datetime | None


def audit(
    session: Session,
    at: datetime,
    action: str,
    outcome: str,
    user_id: uuid.UUID | None,
    approved_by: uuid.UUID | None = None,
    **detail: object,
) -> None:
    session.add(
        AuditEntry(
            at=at,
            action=action,
            outcome=outcome,
            user_id=user_id,
            approved_by=approved_by,
            detail=json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str),
        )
    )


def _actor(user: User) -> Actor:
    return Actor(user.id, user.username, Role(user.role))


def _row(user: User) -> UserRow:
    return UserRow(user.id, user.username, user.display_name, Role(user.role), user.active, user.locked_until)


class AccountService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # --- reading ----------------------------------------------------------
    def users(self, *, active_only: bool = False) -> list[UserRow]:
        with self.ctx.db.read() as s:
            query = select(User).order_by(User.role, User.username)  # cashiers first: most log-ins
            if active_only:
                query = query.where(User.active.is_(True))
            return [_row(u) for u in s.scalars(query)]

    # --- log-in -----------------------------------------------------------
    def _check_pin(self, username: str, pin: str, action: str) -> Actor:
        """Check a PIN, counting failures and locking, in its own transaction
        (so that a failure is remembered even though the caller fails)."""
        now = self.ctx.now()
        failure: Exception | None = None
        with self.ctx.db.begin() as s:
            user = s.scalars(select(User).where(User.username == username)).one_or_none()
            if user is None:
                raise WrongPin(username=username, attempts_left=None)
            outcome, failure = pins.attempt(user, pin, now)
            if failure is None:
                audit(s, now, action, "ok", user.id)
                return _actor(user)
            if outcome in ("wrong_pin", "locked_now"):
                audit(s, now, action, "locked" if outcome == "locked_now" else "wrong_pin", user.id)
            if outcome == "locked_now":
                log.warning("account locked after %d wrong PINs", pins.MAX_FAILED_PINS)
        try:
            raise failure
        finally:
            del failure  # see pins.attempt: no error -> traceback -> this frame -> error cycle

    def login(self, username: str, pin: str) -> Actor:
        return self._check_pin(username, pin, "login")

    def authorize(self, actor: Actor, action: Action, approval: Approval | None) -> Actor | None:
        """May ``actor`` do ``action``? Returns the approving manager when a
        manager's PIN was needed, None when the actor's role suffices."""
        if allowed(actor.role, action):
            return None
        if action not in APPROVABLE:
            raise PermissionDenied(action=str(action), role=str(actor.role))
        if approval is None:
            raise ApprovalRequired(action=str(action), role=str(actor.role))
        if not approval.reason.strip():
            raise ApprovalRejected(action=str(action), reason="no_reason")
        approver = self._check_pin(approval.username, approval.pin, f"approve:{action}")
        if approver.role != Role.MANAGER:
            raise ApprovalRejected(action=str(action), reason="not_manager")
        return approver

    # --- managing accounts ------------------------------------------------
    def create_user(self, actor: Actor | None, username: str, display_name: str, role: Role, pin: str) -> Changes:
        """Add an account. ``actor`` is None only when a store is initialised."""
        if actor is not None:
            self.authorize(actor, Action.MANAGE_USERS, None)
        username = username.strip().lower()
        if not USERNAME.match(username):
            raise InvalidInput(field="username", value=username, reason="username")
        display_name = display_name.strip()
        if not display_name:
            raise InvalidInput(field="display_name", value="", reason="empty")
        pins.check_policy(pin)
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            if s.scalars(select(User.id).where(User.username == username)).first():
                raise DuplicateName(field="username", value=username)
            user = User(
                username=username,
                display_name=display_name,
                role=Role(role).value,
                pin_hash=pins.hash_pin(pin),
                failed_pins=0,
                active=True,
                created_at=now,
            )
            s.add(user)
            s.flush()
            ev = journal.append(s, "user.created", actor=actor.user_id if actor else None, at=now)
            audit(s, now, "user.create", "ok", actor.user_id if actor else None, target=str(user.id))
        return Changes(frozenset({Entity.USERS}), (user.id,), ev.seq)

    def _get(self, s: Session, username: str) -> User:
        user = s.scalars(select(User).where(User.username == username)).one_or_none()
        if user is None:
            raise NotFound(kind="user", key=username)
        return user

    def unlock(self, actor: Actor, username: str) -> Changes:
        self.authorize(actor, Action.UNLOCK_USER, None)
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            user = self._get(s, username)
            user.failed_pins = 0
            user.locked_until = None
            audit(s, now, "user.unlock", "ok", actor.user_id, target=str(user.id))
        return Changes(frozenset({Entity.USERS}), (user.id,))

    def reset_pin(self, actor: Actor, username: str, new_pin: str) -> Changes:
        """A manager sets anyone's PIN; anyone may change their own."""
        if username != actor.username:
            self.authorize(actor, Action.MANAGE_USERS, None)
        pins.check_policy(new_pin)
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            user = self._get(s, username)
            user.pin_hash = pins.hash_pin(new_pin)
            user.failed_pins = 0
            user.locked_until = None
            audit(s, now, "user.pin", "ok", actor.user_id, target=str(user.id))
        return Changes(frozenset({Entity.USERS}), (user.id,))

    def set_active(self, actor: Actor, username: str, active: bool) -> Changes:
        self.authorize(actor, Action.MANAGE_USERS, None)
        if username == actor.username and not active:
            raise InvalidInput(field="active", value=username, reason="self_deactivate")
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            user = self._get(s, username)
            user.active = active
            ev = journal.append(s, "user.updated", actor=actor.user_id, at=now)
            audit(s, now, "user.active", "ok", actor.user_id, target=str(user.id), active=active)
        return Changes(frozenset({Entity.USERS}), (user.id,), ev.seq)
