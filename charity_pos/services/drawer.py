"""When the cash drawer opens.

After a sale, a return or a void it opens when cash moved: a sale with a
cash payment, a return that gives cash back, a voided sale that had taken
cash, which goes back to the customer (``cash_moved_by_sale``,
``cash_moved_by_return``, ``cash_moved_by_void``, from what the sales and
returns services return). A sale paid only by WeChat Pay, Alipay, card or
voucher leaves it shut, and so does its void.

Opening it without a sale (No sale, 开钱箱) is a manager's action: a
cashier needs a manager's approval at the counter, and everyone a reason.
It is written to the security log (who, who approved, the reason, the till).
The pulse itself is the caller's (``pulse``: the screens send it to the
printer the drawer hangs on); it runs inside the unit of work, so a drawer
that did not open is not logged as opened.
"""

from __future__ import annotations

from collections.abc import Callable

from charity_pos.errors import InvalidInput
from charity_pos.services.accounts import AccountService
from charity_pos.services.approvals import till_key
from charity_pos.services.audit import audit
from charity_pos.services.base import Actor, Approval, ServiceContext
from charity_pos.services.permissions import Action, require
from charity_pos.services.returns import ReturnRow
from charity_pos.services.sales import SaleView

CASH = "cash"
MAX_REASON = 200


def cash_moved_by_sale(view: SaleView) -> bool:
    """A completed sale with cash handed over."""
    return view.status != "voided" and any(p.method == CASH and p.tendered_fen > 0 for p in view.payments)


def cash_moved_by_void(view: SaleView) -> bool:
    """A voided sale that had kept cash in the drawer: that cash goes back."""
    return view.status == "voided" and any(p.method == CASH and p.amount_fen > 0 for p in view.payments)


def cash_moved_by_return(row: ReturnRow) -> bool:
    """A return that gave cash back."""
    return any(r.method == CASH and r.amount_fen != 0 for r in row.refunds)


class DrawerService:
    def __init__(self, ctx: ServiceContext, accounts: AccountService) -> None:
        self.ctx = ctx
        self.accounts = accounts

    def open_without_sale(self, actor: Actor, reason: str, till: str, approval: Approval | None = None,
                          pulse: Callable[[], None] | None = None) -> None:
        """Open the drawer with no sale. Raises ``InvalidInput`` (no reason),
        ``ApprovalRequired`` (a cashier without a manager's approval) and the
        approval's errors; nothing is logged then, and ``pulse`` is not called."""
        if not reason.strip():
            raise InvalidInput(field="reason", value="", reason="empty")
        approved = self.accounts.authorize(actor, Action.OPEN_DRAWER, approval)
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            approver = require(s, actor, Action.OPEN_DRAWER, approved).approver
            detail: dict[str, object] = {"reason": reason.strip()[:MAX_REASON], "till": till_key(till)}
            if approver is not None and approval is not None:
                detail["approval_reason"] = approval.reason.strip()[:MAX_REASON]
            audit(s, now, str(Action.OPEN_DRAWER), "approved" if approver else "done", actor.user_id,
                  approver.user_id if approver else None, **detail)
            if pulse is not None:
                pulse()
