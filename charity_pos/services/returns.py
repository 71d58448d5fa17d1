"""Returns: goods back into the lots they left, money back by the sale's
own methods, always with a manager, in one transaction under a gap-free
number (T)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple, Protocol

from sqlalchemy import bindparam, func, select

from charity_pos.db.base import new_id
from charity_pos.db.engine import Prepared, Reader
from charity_pos.db.models import Payment, Refund, ReturnLine, Sale, SaleLine, SaleLineLot, SaleReturn, StockLot
from charity_pos.errors import InvalidInput, NotFound, ReturnTooLarge, SaleVoided
from charity_pos.ledger import journal
from charity_pos.services.accounts import AccountService, audit
from charity_pos.services.base import Actor, Approval, Changes, Entity, ServiceContext, local_date
from charity_pos.services.goods_moves import Rows, movement_row
from charity_pos.services.permissions import Action, require
from charity_pos.services.sequences import next_number
from charity_pos.services.shifts import open_shift_in

#: Money goes back to card and phone payments first, then vouchers, cash last.
REFUND_ORDER = {"wechat": 0, "alipay": 0, "unionpay": 0, "voucher": 1, "cash": 2}

#: The tables a return writes, as plain rows through ``journal.insert_rows``.
_SALE_RETURN, _RETURN_LINE, _REFUND = SaleReturn.__table__, ReturnLine.__table__, Refund.__table__

#: What a return reads of the sale, prepared once: the sale by its number,
#: its lines, what was returned of each line before, its payments, and what
#: earlier returns gave back by method.
_SALE = Prepared(select(Sale.id, Sale.number, Sale.status).where(Sale.number == bindparam("number")))
_LINES = Prepared(select(SaleLine.id, SaleLine.item_id, SaleLine.name, SaleLine.quantity, SaleLine.amount_fen,
                         SaleLine.ticket_discount_fen)
                  .where(SaleLine.sale_id == bindparam("sale")).order_by(SaleLine.line_no))
_RETURNED = Prepared(select(ReturnLine.sale_line_id, func.sum(ReturnLine.quantity))
                     .join(SaleLine, SaleLine.id == ReturnLine.sale_line_id)
                     .where(SaleLine.sale_id == bindparam("sale")).group_by(ReturnLine.sale_line_id))
_PAYMENTS = Prepared(select(Payment.method, Payment.amount_fen, Payment.position, Payment.reference)
                     .where(Payment.sale_id == bindparam("sale")))
_REFUNDED = Prepared(select(Refund.method, func.sum(Refund.amount_fen)).join(SaleReturn)
                     .where(SaleReturn.sale_id == bindparam("sale")).group_by(Refund.method))
#: Each line's lots of a sale, with what the line took of each and when the lot arrived.
_TAKEN = Prepared(select(SaleLineLot.sale_line_id, SaleLineLot.lot_id, SaleLineLot.quantity, StockLot.received_at)
                  .join(SaleLine, SaleLine.id == SaleLineLot.sale_line_id)
                  .join(StockLot, StockLot.id == SaleLineLot.lot_id)
                  .where(SaleLine.sale_id == bindparam("sale")))


class PaidLine(Protocol):
    """What a line's refund is worked out from."""

    @property
    def quantity(self) -> int: ...
    @property
    def amount_fen(self) -> int: ...
    @property
    def ticket_discount_fen(self) -> int: ...


class _Line(NamedTuple):
    """A sale's line as a return reads it."""

    id: uuid.UUID
    item_id: uuid.UUID
    name: str
    quantity: int
    amount_fen: int
    ticket_discount_fen: int


class _Paid(NamedTuple):
    """A sale's payment as a return reads it."""

    method: str
    amount_fen: int
    position: int
    reference: str


@dataclass(frozen=True)
class RefundRow:
    method: str
    amount_fen: int
    reference: str


@dataclass(frozen=True)
class ReturnRow:
    number: str
    sale_number: str
    total_fen: int
    refunds: tuple[RefundRow, ...]


@dataclass(frozen=True)
class ReturnDraft:
    sale_number: str
    till: str
    quantities: dict[uuid.UUID, int]  # sale line id -> units coming back
    reason: str


def refund_for(line: PaidLine, returned_before: int, quantity: int) -> int:
    """What ``quantity`` units of a line give back: their share of what was
    paid for the line; the last units take what is left, so a line returned
    in parts gives back exactly what it cost."""
    paid = line.amount_fen - line.ticket_discount_fen
    if returned_before + quantity == line.quantity:
        earlier = paid * returned_before // line.quantity
        return paid - earlier
    return paid * (returned_before + quantity) // line.quantity - paid * returned_before // line.quantity


def _taken_by_line(reader: Reader, sale_id: uuid.UUID) -> dict[uuid.UUID, list[tuple[uuid.UUID, int]]]:
    """The lots each line of a sale took from, with how many units, in the
    order they were taken: oldest lot first (by arrival, then id)."""
    taken: dict[uuid.UUID, list[tuple[datetime, str, uuid.UUID, int]]] = {}
    for line_id, lot_id, quantity, received_at in reader.rows(_TAKEN, sale=sale_id):
        taken.setdefault(line_id, []).append((received_at, str(lot_id), lot_id, quantity))
    return {line_id: [(lot_id, quantity) for _, _, lot_id, quantity in sorted(parts)]
            for line_id, parts in taken.items()}


def _refunds(reader: Reader, return_id: uuid.UUID, sale_id: uuid.UUID, total: int) -> Rows:
    """The money of a return (not written yet) spread over the sale's
    payments, net of earlier returns' refunds: its refund rows."""
    refunded: dict[str, int] = {method: int(amount) for method, amount in reader.rows(_REFUNDED, sale=sale_id)}
    payments = sorted(map(_Paid._make, reader.rows(_PAYMENTS, sale=sale_id)),
                      key=lambda p: (REFUND_ORDER.get(p.method, 3), p.position))
    rows: Rows = []
    left = total
    for payment in payments:
        already = min(refunded.get(payment.method, 0), payment.amount_fen)
        refunded[payment.method] = refunded.get(payment.method, 0) - already
        room = payment.amount_fen - already
        amount = min(room, left)
        if amount > 0:
            rows.append((_REFUND, {"id": new_id(), "return_id": return_id, "position": len(rows) + 1,
                                   "method": payment.method, "amount_fen": amount, "reference": payment.reference}))
            left -= amount
    if left > 0:  # rounding can never leave more, but money owed is never dropped
        rows.append((_REFUND, {"id": new_id(), "return_id": return_id, "position": len(rows) + 1,
                               "method": "cash", "amount_fen": left, "reference": ""}))
    return rows


class ReturnService:
    def __init__(self, ctx: ServiceContext, accounts: AccountService) -> None:
        self.ctx = ctx
        self.accounts = accounts

    def create(self, actor: Actor, draft: ReturnDraft, approval: Approval | None = None) -> Changes:
        approved = self.accounts.authorize(actor, Action.REFUND, approval)
        if not draft.reason.strip():
            raise InvalidInput(field="reason", value="", reason="empty")
        wanted = {line_id: q for line_id, q in draft.quantities.items() if q != 0}
        for quantity in wanted.values():
            if isinstance(quantity, bool) or not isinstance(quantity, int):
                raise InvalidInput(field="quantity", value=quantity, reason="not_a_number")
            if quantity < 0:
                raise InvalidInput(field="quantity", value=quantity, reason="negative")
        if not wanted:
            raise InvalidInput(field="lines", value=0, reason="empty")
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            approver = require(s, actor, Action.REFUND, approved).approver
            reader = Reader.within(s)
            found = reader.rows(_SALE, number=draft.sale_number.strip().upper())
            if not found:
                raise NotFound(kind="sale", key=draft.sale_number.strip())
            sale_id, sale_number, status = found[0]
            if status == "voided":
                raise SaleVoided(number=sale_number)
            shift = open_shift_in(s, draft.till)
            lines = {line.id: line for line in map(_Line._make, reader.rows(_LINES, sale=sale_id))}
            returned = dict(reader.rows(_RETURNED, sale=sale_id))
            taken = _taken_by_line(reader, sale_id)
            number = next_number(s, "return", local_date(now).year)
            return_id = new_id()
            entry = {"id": return_id, "number": number, "sale_id": sale_id, "shift_id": shift.id,
                     "user_id": actor.user_id, "approved_by": (approver or actor).user_id,
                     "reason": draft.reason.strip()[:200], "at": now, "total_fen": 0}
            rows: Rows = [(_SALE_RETURN, entry)]
            total = 0
            for line_no, (line_id, quantity) in enumerate(wanted.items(), start=1):
                line = lines.get(line_id)
                if line is None:
                    raise NotFound(kind="sale_line", key=str(line_id))
                before = int(returned.get(line_id, 0))
                if before + quantity > line.quantity:
                    raise ReturnTooLarge(item_name=line.name, sold=line.quantity, returned=before, wanted=quantity)
                amount = refund_for(line, before, quantity)
                total += amount
                rows.append((_RETURN_LINE, {"id": new_id(), "return_id": return_id, "line_no": line_no,
                                            "sale_line_id": line.id, "quantity": quantity, "amount_fen": amount}))
                # back into the lots they came from: the units returned before
                # are counted off the lots in the order they were taken (oldest first)
                skip, left = before, quantity
                for lot_id, part in taken.get(line.id, ()):
                    room = part - min(skip, part)
                    skip = max(0, skip - part)
                    back = min(room, left)
                    if back:
                        rows.append(movement_row(item_id=line.item_id, lot_id=lot_id, quantity=back, reason="return",
                                                 document=number, note=draft.reason.strip()[:200],
                                                 user_id=actor.user_id, at=now))
                        left -= back
            entry["total_fen"] = total
            rows += _refunds(reader, return_id, sale_id, total)
            journal.insert_rows(s, rows)
            facts: dict[str, object] = {"number": number, "sale": sale_number, "reason": draft.reason.strip()}
            if approver is not None and approval is not None:
                facts["approval"] = {"approved_by": str(approver.user_id), "reason": approval.reason.strip()}
            audit(s, now, str(Action.REFUND), "approved" if approver else "done", actor.user_id,
                  approver.user_id if approver else None, number=number, sale=sale_number)
            ev = journal.append(s, "sale.returned", actor=actor.user_id, at=now, facts=facts)
        return Changes(frozenset({Entity.SALES, Entity.STOCK, Entity.SHIFTS}), (return_id,), ev.seq, number)

    def find(self, number: str) -> ReturnRow:
        """A return with the money it gave back, method by method."""
        with self.ctx.db.read() as s:
            entry = s.scalars(select(SaleReturn).where(SaleReturn.number == number.strip().upper())).first()
            if entry is None:
                raise NotFound(kind="return", key=number.strip())
            sale = s.get(Sale, entry.sale_id)
            return ReturnRow(entry.number, sale.number if sale else "", entry.total_fen,
                             tuple(RefundRow(r.method, r.amount_fen, r.reference) for r in entry.refunds))
