"""Accounts, PIN log-in, lock-out, and manager approval at the counter.

Who may do what is decided by ``permissions.require`` inside each unit of
work; ``authorize`` checks a manager's approval PIN ahead of it."""

from __future__ import annotations

import logging
import re
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from charity_pos.db.models import User
from charity_pos.domain import pins
from charity_pos.errors import (
    ApprovalRejected,
    ApprovalRequired,
    DuplicateName,
    InvalidInput,
    NotFound,
    WrongPin,
)
from charity_pos.ledger import journal, seal
from charity_pos.services import approvals
from charity_pos.services.audit import audit as audit  # noqa: F401  (re-exported: the services write it from here)
from charity_pos.services.base import Actor, Approval, Caller, Changes, Entity, Role, ServiceContext, user_id_of
from charity_pos.services.permissions import Action, Approved, acting_account, require, require_of

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
            seal.require_intact(s, "app_user")  # a PIN hash copied onto another account opens nothing
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

    def authorize(self, actor: Actor, action: Action, approval: Approval | None) -> Approved | None:
        """Ahead of a unit of work: may ``actor`` do ``action``, and when a
        manager must approve, is the approval's PIN right? Returns the
        approval, or None when the actor's own role suffices. A wrong PIN is
        counted against the till the approval was typed at, in a transaction
        of its own. The service checks again inside its unit of work
        (``permissions.require``), where the approver is read again too."""
        with self.ctx.db.read() as s:
            try:
                require(s, actor, action)
                return None
            except ApprovalRequired:
                if approval is None:
                    raise
        if not approval.reason.strip():
            raise ApprovalRejected(action=str(action), reason="no_reason")
        approver = approvals.check_approval_pin(self.ctx, approval, f"approve:{action}")
        if approver.role != Role.MANAGER:
            raise ApprovalRejected(action=str(action), reason="not_manager")
        return Approved(action, approver, approval.reason.strip(), approvals.till_key(approval.till))

    def approvals_locked_until(self, till: str) -> datetime | None:
        """Until when approvals at ``till`` are refused after wrong PINs; None: they are not."""
        return approvals.locked_until(self.ctx, till)

    # --- managing accounts ------------------------------------------------
    def create_user(self, actor: Caller, username: str, display_name: str, role: Role, pin: str) -> Changes:
        """Add an account. ``actor`` is ``STORE_SETUP`` only when a store is initialised."""
        username = username.strip().lower()
        if not USERNAME.match(username):
            raise InvalidInput(field="username", value=username, reason="username")
        display_name = display_name.strip()
        if not display_name:
            raise InvalidInput(field="display_name", value="", reason="empty")
        pins.check_policy(pin)
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            require_of(s, actor, Action.MANAGE_USERS)
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
            ev = journal.append(s, "user.created", actor=user_id_of(actor), at=now)
            audit(s, now, "user.create", "ok", user_id_of(actor), target=str(user.id))
        return Changes(frozenset({Entity.USERS}), (user.id,), ev.seq)

    def _get(self, s: Session, username: str) -> User:
        user = s.scalars(select(User).where(User.username == username)).one_or_none()
        if user is None:
            raise NotFound(kind="user", key=username)
        return user

    def unlock(self, actor: Actor, username: str) -> Changes:
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            require(s, actor, Action.UNLOCK_USER)
            user = self._get(s, username)
            user.failed_pins = 0
            user.locked_until = None
            audit(s, now, "user.unlock", "ok", actor.user_id, target=str(user.id))
        return Changes(frozenset({Entity.USERS}), (user.id,))

    def reset_pin(self, actor: Actor, username: str, new_pin: str) -> Changes:
        """A manager sets anyone's PIN; anyone may change their own."""
        pins.check_policy(new_pin)
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            if username == actor.username:
                acting_account(s, actor, Action.MANAGE_USERS)
            else:
                require(s, actor, Action.MANAGE_USERS)
            user = self._get(s, username)
            user.pin_hash = pins.hash_pin(new_pin)
            user.failed_pins = 0
            user.locked_until = None
            audit(s, now, "user.pin", "ok", actor.user_id, target=str(user.id))
        return Changes(frozenset({Entity.USERS}), (user.id,))

    def set_active(self, actor: Actor, username: str, active: bool) -> Changes:
        """Switch an account off (its open session can then do nothing more) or on."""
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            require(s, actor, Action.MANAGE_USERS)
            if username == actor.username and not active:
                raise InvalidInput(field="active", value=username, reason="self_deactivate")
            user = self._get(s, username)
            user.active = active
            ev = journal.append(s, "user.updated", actor=actor.user_id, at=now)
            audit(s, now, "user.active", "ok", actor.user_id, target=str(user.id), active=active)
        return Changes(frozenset({Entity.USERS}), (user.id,), ev.seq)

    def set_role(self, actor: Actor, username: str, role: Role) -> Changes:
        """Make an account a cashier or a manager. Its open session is
        refused at its next action and must log in again. Not one's own, so
        that a store always keeps the manager who does it."""
        role = Role(role)
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            require(s, actor, Action.MANAGE_USERS)
            if username == actor.username:
                raise InvalidInput(field="role", value=username, reason="self_role")
            user = self._get(s, username)
            if user.role == role.value:
                return Changes(frozenset({Entity.USERS}), (user.id,))
            user.role = role.value
            ev = journal.append(s, "user.updated", actor=actor.user_id, at=now)
            audit(s, now, "user.role", "ok", actor.user_id, target=str(user.id), role=role.value)
        return Changes(frozenset({Entity.USERS}), (user.id,), ev.seq)
