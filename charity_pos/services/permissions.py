"""Who may do what. Checked in the services, whatever the screen shows."""

from __future__ import annotations

from enum import StrEnum

from charity_pos.services.base import Role


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
    OPEN_SHIFT = "shift.open"
    CLOSE_WITH_DIFFERENCE = "shift.close_difference"
    SET_COUNTER_RULES = "counter.rules"
    HAND_OUT = "handout.give"
    OVER_ALLOWANCE = "handout.over_allowance"
    MANAGE_QUOTAS = "quota.manage"


CASHIER_MAY = frozenset({
    Action.CREATE_ITEM, Action.EDIT_ITEM, Action.RECEIVE_STOCK, Action.RECORD_DONOR, Action.RECEIVE_DONATION,
    Action.PRINT_LABELS, Action.SELL, Action.OPEN_SHIFT, Action.HAND_OUT,
})

#: What a cashier may do when a manager approves at the counter.
APPROVABLE = frozenset(
    {Action.CHANGE_PRICE, Action.DEACTIVATE_ITEM, Action.COUNT_STOCK, Action.VOID, Action.REFUND, Action.OVERRIDE,
     Action.VOID_RECEIPT, Action.ISSUE_RECEIPT, Action.DISCOUNT, Action.VOID_SALE, Action.CLOSE_WITH_DIFFERENCE,
     Action.OVER_ALLOWANCE}
)


def allowed(role: Role, action: Action) -> bool:
    return role == Role.MANAGER or action in CASHIER_MAY
