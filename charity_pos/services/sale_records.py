"""Sales as recorded: what the screens, slips, returns and the command
line read back. Plain rows, never live database objects."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from charity_pos.db.models import CashShift, Refund, ReturnLine, Sale, SaleLine, SaleReturn, User
from charity_pos.errors import NotFound


@dataclass(frozen=True)
class SoldLine:
    id: uuid.UUID
    line_no: int
    item_id: uuid.UUID
    name: str
    source: str
    quantity: int
    returned: int
    list_price_fen: int
    unit_price_fen: int
    discount_fen: int
    ticket_discount_fen: int
    amount_fen: int

    @property
    def paid_fen(self) -> int:
        """What the customer paid for the whole line."""
        return self.amount_fen - self.ticket_discount_fen


@dataclass(frozen=True)
class SoldPayment:
    method: str
    amount_fen: int
    tendered_fen: int
    reference: str


@dataclass(frozen=True)
class SaleView:
    id: uuid.UUID
    number: str
    shift_id: uuid.UUID
    till: str
    cashier: str
    completed_at: datetime
    subtotal_fen: int
    ticket_discount_fen: int
    total_fen: int
    change_fen: int
    status: str
    slip_prints: int
    lines: tuple[SoldLine, ...]
    payments: tuple[SoldPayment, ...]
    refunded_fen: int = 0
    void_reason: str | None = None


def find_sale(s: Session, number: str) -> Sale:
    sale = s.scalars(select(Sale).where(Sale.number == number.strip().upper())).first()
    if sale is None:
        raise NotFound(kind="sale", key=number.strip())
    return sale


def sale_view(s: Session, sale: Sale) -> SaleView:
    """A sale with its lines (and what was returned of each) and payments."""
    returned = dict(s.execute(
        select(ReturnLine.sale_line_id, func.sum(ReturnLine.quantity))
        .join(SaleLine, SaleLine.id == ReturnLine.sale_line_id)
        .where(SaleLine.sale_id == sale.id).group_by(ReturnLine.sale_line_id)).all())
    refunded = s.scalar(select(func.coalesce(func.sum(Refund.amount_fen), 0)).join(SaleReturn)
                        .where(SaleReturn.sale_id == sale.id)) or 0
    cashier = s.get(User, sale.cashier_id)
    shift = s.get(CashShift, sale.shift_id)
    return SaleView(
        sale.id, sale.number, sale.shift_id, shift.till if shift else "", cashier.username if cashier else "",
        sale.completed_at, sale.subtotal_fen, sale.ticket_discount_fen, sale.total_fen, sale.change_fen,
        sale.status, sale.slip_prints,
        tuple(SoldLine(l.id, l.line_no, l.item_id, l.name, l.source, l.quantity, int(returned.get(l.id, 0)),
                       l.list_price_fen, l.unit_price_fen, l.discount_fen, l.ticket_discount_fen,
                       l.amount_fen) for l in sale.lines),
        tuple(SoldPayment(p.method, p.amount_fen, p.tendered_fen, p.reference) for p in sale.payments),
        int(refunded), sale.void_reason,
    )
