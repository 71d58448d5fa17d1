"""Who may do what, checked in the services, whatever the screen shows.

Every check goes through ``require``, inside the unit of work that makes the
change: it reads the acting account again in that same transaction, so the
role an ``Actor`` carries is never trusted. An account switched off since it
logged in can do nothing more (``SessionEnded``); one whose role changed, or
an ``Actor`` claiming a role its account does not have, is refused
(``RoleChanged``) and must log in again. A manager who approved at the
counter is read again in the same transaction too: still active, still a
manager. A lock-out after wrong PINs stops PINs being accepted for the
account (log-in, approvals); it does not end a session already open.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from charity_pos.db.engine import Prepared, Reader
from charity_pos.db.models import User
from charity_pos.errors import (
    AccountInactive, ApprovalRejected, ApprovalRequired, PermissionDenied, RoleChanged, SessionEnded,
)
from charity_pos.services.base import Actor, Caller, Role, System


class Action(StrEnum):
    CREATE_ITEM = "item.create"
    EDIT_ITEM = "item.edit"
    CHANGE_PRICE = "item.change_price"
    DEACTIVATE_ITEM = "item.deactivate"
    RECEIVE_STOCK = "stock.receive"
    COUNT_STOCK = "stock.count"
    MANAGE_USERS = "users.manage"
    UNLOCK_USER = "users.unlock"
    VOID = "document.void"
    REFUND = "sale.refund"
    OVERRIDE = "rule.override"
    RECORD_DONOR = "donor.record"
    RECEIVE_DONATION = "donation.receive"
    ISSUE_RECEIPT = "receipt.issue"
    VOID_RECEIPT = "receipt.void"
    PRINT_LABELS = "labels.print"
    MANAGE_HOUSEHOLDS = "households.manage"
    REVEAL_ID = "households.reveal_id"
    SELL = "sale.sell"
    DISCOUNT = "sale.discount"
    VOID_SALE = "sale.void"
    PRINT_SLIP = "slip.print"
    OPEN_SHIFT = "shift.open"
    CLOSE_WITH_DIFFERENCE = "shift.close_difference"
    SET_COUNTER_RULES = "counter.rules"
    HAND_OUT = "handout.give"
    OVER_ALLOWANCE = "handout.over_allowance"
    MANAGE_QUOTAS = "quota.manage"
    #: trace, the ledgers (台账) and reports, the dashboard, donor statements and the public notice
    VIEW_REPORTS = "reports.view"
    #: record how cash donations were used (善款使用)
    RECORD_FUND_USE = "funds.record_use"
    #: open the cash drawer without a sale (No sale, 开钱箱): logged with a reason
    OPEN_DRAWER = "drawer.open"
    #: start, continue or reset training mode (培训模式): managers only
    MANAGE_TRAINING = "training.manage"
    #: import WeChat Pay's and Alipay's merchant bills and see them matched to sales (对账)
    RECONCILE_BILL = "bill.import"
    #: choose the backup folder and how many backups are kept
    MANAGE_BACKUPS = "backups.manage"
    #: take in food with less shelf life left than the store's minimum (a manager's, with a reason)
    ACCEPT_SHORT_DATED = "donation.short_dated"
    #: write goods off (报损) up to the manager's limit in value
    WRITE_OFF = "stock.write_off"
    #: write off goods worth more than that limit: a manager's, or approved by one
    WRITE_OFF_OVER_LIMIT = "stock.write_off_over_limit"
    #: start, finish or cancel a stock count (盘点) and explain its differences: managers only
    MANAGE_COUNT = "count.manage"
    #: scan goods into an open count and mark a line for a recount: volunteers at any till
    ENTER_COUNT = "count.enter"
    #: keep the consignors' register, receive consigned goods (代销) and return unsold ones
    MANAGE_CONSIGNMENT = "consignment.manage"
    #: send goods to another store of the district, and confirm goods sent here (调拨)
    TRANSFER = "stock.transfer"


CASHIER_MAY = frozenset({
    Action.CREATE_ITEM, Action.EDIT_ITEM, Action.RECEIVE_STOCK, Action.RECORD_DONOR, Action.RECEIVE_DONATION,
    Action.PRINT_LABELS, Action.SELL, Action.PRINT_SLIP, Action.OPEN_SHIFT, Action.HAND_OUT, Action.WRITE_OFF,
    Action.ENTER_COUNT,
})

#: What a cashier may do when a manager approves at the counter.
APPROVABLE = frozenset(
    {Action.CHANGE_PRICE, Action.DEACTIVATE_ITEM, Action.COUNT_STOCK, Action.VOID, Action.REFUND, Action.OVERRIDE,
     Action.VOID_RECEIPT, Action.ISSUE_RECEIPT, Action.DISCOUNT, Action.VOID_SALE, Action.CLOSE_WITH_DIFFERENCE,
     Action.OVER_ALLOWANCE, Action.OPEN_DRAWER, Action.ACCEPT_SHORT_DATED, Action.WRITE_OFF_OVER_LIMIT}
)


def allowed(role: Role, action: Action) -> bool:
    return role == Role.MANAGER or action in CASHIER_MAY


@dataclass(frozen=True)
class Approved:
    """A manager's approval whose PIN was right at the counter (checked by
    ``AccountService.authorize`` before the unit of work, where wrong PINs
    are counted). ``require`` checks the manager again inside the unit of work."""

    action: Action
    approver: Actor
    reason: str
    till: str


@dataclass(frozen=True)
class Grant:
    """What ``require`` found in the unit of work: the acting account as the
    database has it, and the manager who approved (None: the actor's own role
    allows the action)."""

    actor: Actor
    approver: Actor | None = None


#: An account as the checks need it, read in the unit of work's own
#: transaction by a statement prepared once (no ORM object to load): the
#: columns the checks compare, by the primary key. Read again in every unit
#: of work, never kept from one to the next, so a switch-off or a role
#: change made by any connection stops the very next unit.
_ACCOUNT = Prepared(select(User.username, User.role, User.active).where(User.id == bindparam("user_id")))


@dataclass(frozen=True, slots=True)
class _Account:
    id: uuid.UUID
    username: str
    role: str
    active: bool


def _account(session: Session, user_id: uuid.UUID) -> _Account | None:
    rows = Reader.within(session).rows(_ACCOUNT, user_id=user_id)
    return _Account(user_id, *rows[0]) if rows else None


def _as_actor(user: _Account) -> Actor:
    return Actor(user.id, user.username, Role(user.role))


def acting_account(session: Session, actor: Actor, action: Action) -> Actor:
    """The actor's account, read in ``session``: it must exist, be active and
    have the role the actor claims. Returns it as the database has it."""
    user = _account(session, actor.user_id)
    if user is None or user.username != actor.username or not user.active:
        raise SessionEnded(username=actor.username)
    if user.role != str(actor.role):
        raise RoleChanged(action=str(action), role=user.role, username=user.username)
    return _as_actor(user)


def require_of(session: Session, caller: Caller, action: Action, approved: Approved | None = None) -> Grant | None:
    """``require`` for a user; None for the system (``base.System``: the
    command line, a store's set-up, its upkeep), whose work no role governs."""
    if isinstance(caller, System):
        return None
    if not isinstance(caller, Actor):  # None once meant "no check": never again, by mistake or otherwise
        raise TypeError(f"a service is asked by an Actor or a System, not {caller!r}")
    return require(session, caller, action, approved)


def require(session: Session, actor: Actor, action: Action, approved: Approved | None = None) -> Grant:
    """May ``actor`` do ``action`` now, in this unit of work? Raises
    ``SessionEnded``, ``RoleChanged``, ``PermissionDenied``,
    ``ApprovalRequired``, ``AccountInactive`` (the approver was switched off)
    or ``ApprovalRejected``; the caller's transaction then changes nothing."""
    user = acting_account(session, actor, action)
    role = user.role
    if allowed(role, action):
        return Grant(user)
    if action not in APPROVABLE:
        raise PermissionDenied(action=str(action), role=str(role))
    if approved is None or approved.action != action:
        raise ApprovalRequired(action=str(action), role=str(role))
    approver = _account(session, approved.approver.user_id)
    if approver is None:
        raise ApprovalRejected(action=str(action), reason="not_manager")
    if not approver.active:
        raise AccountInactive(username=approver.username)
    if approver.role != Role.MANAGER.value:
        raise ApprovalRejected(action=str(action), reason="not_manager")
    return Grant(user, _as_actor(approver))

