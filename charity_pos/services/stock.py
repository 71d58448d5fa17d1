"""Stock on hand, derived from movements: goods received and stock counts."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from charity_pos.db.driver import driver
from charity_pos.db.models import Item, StockMovement
from charity_pos.domain.quantities import check_quantity
from charity_pos.errors import CountOverlaps, InvalidInput, NotFound
from charity_pos.ledger import journal
from charity_pos.services import lots
from charity_pos.services.accounts import AccountService, audit
from charity_pos.services.base import Actor, Approval, Changes, Entity, ServiceContext, local_date
from charity_pos.services.permissions import Action, require
from charity_pos.services.sequences import next_number
from charity_pos.services.stock_count_rows import counting
from charity_pos.services.stock_rows import LotRow, lot_rows  # noqa: F401  (the lots' rows, found here as always)

MAX_QUANTITY = 1_000_000


class StockService:
    def __init__(self, ctx: ServiceContext, accounts: AccountService) -> None:
        self.ctx = ctx
        self.accounts = accounts

    def on_hand(self, item_id: uuid.UUID) -> int:
        with self.ctx.db.read() as s:
            return lots.on_hand(s, item_id)

    def lots(self, *, include_empty: bool = False) -> list[LotRow]:
        """Every lot with what is left of it, by item then oldest first."""
        with self.ctx.db.read() as s:
            return lot_rows(driver(s.connection()), include_empty=include_empty)

    def receive(self, actor: Actor, lines: dict[uuid.UUID, int], note: str = "") -> Changes:
        """Goods bought or delivered in: one numbered receipt (R) of several lines."""
        if not lines:
            raise InvalidInput(field="lines", value=0, reason="empty")
        quantities = {item: check_quantity(q, MAX_QUANTITY) for item, q in lines.items()}
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            require(s, actor, Action.RECEIVE_STOCK)
            number = next_number(s, "stock_receipt", local_date(now).year)
            for item_id, quantity in quantities.items():
                item = s.get(Item, item_id)
                if item is None:
                    raise NotFound(kind="item", key=str(item_id))
                if item.source == "consigned":  # a consignor's goods are theirs: received as consigned lots (K)
                    raise InvalidInput(field="source", value=item.name, reason="consigned_goods_in")
                lots.receive_into_new_lot(s, item_id=item_id, origin="purchase", document=number, quantity=quantity,
                                          at=now, user_id=actor.user_id, reason="receipt", note=note.strip()[:200])
            ev = journal.append(s, "stock.received", actor=actor.user_id, at=now, facts={"number": number})
        return Changes(frozenset({Entity.STOCK}), tuple(quantities), ev.seq, number)

    def count(self, actor: Actor, counted: dict[uuid.UUID, int], reason: str, approval: Approval | None = None) -> Changes:
        """A stock count (盘点): what is on the shelf replaces what the books say,
        as movements of the difference. A manager's, or approved by one."""
        approved = self.accounts.authorize(actor, Action.COUNT_STOCK, approval)
        if not counted:
            raise InvalidInput(field="lines", value=0, reason="empty")
        if not reason.strip():
            raise InvalidInput(field="reason", value="", reason="empty")
        quantities = {item: check_quantity(q, MAX_QUANTITY, zero_allowed=True) for item, q in counted.items()}
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            approver = require(s, actor, Action.COUNT_STOCK, approved).approver
            open_count = counting(s, quantities)
            if open_count is not None:  # that count's finish would move the same goods again
                raise CountOverlaps(number=open_count)
            number = next_number(s, "stock_count", local_date(now).year)
            changed = []
            for item_id, quantity in quantities.items():
                if s.get(Item, item_id) is None:
                    raise NotFound(kind="item", key=str(item_id))
                delta = quantity - lots.on_hand(s, item_id)
                if delta > 0:  # found more than the books say: a lot of its own
                    lots.receive_into_new_lot(s, item_id=item_id, origin="count", document=number, quantity=delta,
                                              at=now, user_id=actor.user_id, reason="count", note=reason.strip()[:200])
                elif delta < 0:  # missing goods come off the oldest lots first
                    for lot, part in lots.take_first_in(s, item_id, -delta):
                        s.add(StockMovement(item_id=item_id, lot_id=lot.id, quantity=-part, reason="count",
                                            document=number, note=reason.strip()[:200], user_id=actor.user_id, at=now))
                if delta:
                    changed.append(item_id)
            facts: dict[str, object] = {"number": number, "reason": reason.strip()}
            if approver is not None:
                assert approval is not None  # a manager approves only through an approval
                facts["approval"] = {"approved_by": str(approver.user_id), "reason": approval.reason}
                audit(s, now, str(Action.COUNT_STOCK), "approved", actor.user_id, approver.user_id,
                      number=number, reason=approval.reason)
            ev = journal.append(s, "stock.counted", actor=actor.user_id, at=now, facts=facts)
        return Changes(frozenset({Entity.STOCK}), tuple(changed), ev.seq, number)
