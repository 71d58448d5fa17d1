"""Sales and return slips as printable documents."""

from __future__ import annotations

from sqlalchemy import select

from charity_pos.db.models import Refund, ReturnLine, SaleLine, SaleReturn, User
from charity_pos.errors import NotFound
from charity_pos.domain import vocabulary
from charity_pos.domain.documents import SlipDoc, SlipLine, SlipPayment
from charity_pos.services.base import STORE_TZ, ServiceContext
from charity_pos.services.sales import SaleView
from charity_pos.services.store import store_info


def sale_slip(ctx: ServiceContext, view: SaleView, reprint_count: int = 0) -> SlipDoc:
    store = store_info(ctx)
    lines = tuple(
        SlipLine(line.name, line.quantity, line.unit_price_fen, line.amount_fen,
                 line.list_price_fen if line.list_price_fen != line.unit_price_fen else None, line.discount_fen,
                 vocabulary.SOURCES.get(line.source, line.source))
        for line in view.lines)
    payments = tuple(SlipPayment(vocabulary.PAYMENT_METHODS.get(p.method, p.method),
                                 p.tendered_fen if p.method == "cash" else p.amount_fen, p.reference)
                     for p in view.payments)
    return SlipDoc(
        store_name=store.name, store_code=store.code, title=vocabulary.SALE_SLIP, number=view.number,
        at=view.completed_at.astimezone(STORE_TZ).strftime("%Y-%m-%d %H:%M"), cashier=view.cashier, till=view.till,
        lines=lines, subtotal_fen=view.subtotal_fen, ticket_discount_fen=view.ticket_discount_fen,
        total_fen=view.total_fen, payments=payments, change_fen=view.change_fen, thanks=vocabulary.THANKS,
        reprint_count=reprint_count, void=view.status == "voided", training=store.training,
    )


def return_slip(ctx: ServiceContext, number: str) -> SlipDoc:
    """The slip of a return: negative quantities, money given back by method."""
    store = store_info(ctx)
    with ctx.db.read() as s:
        entry = s.scalars(select(SaleReturn).where(SaleReturn.number == number.strip().upper())).first()
        if entry is None:
            raise NotFound(kind="return", key=number.strip())
        from charity_pos.db.models import CashShift, Sale

        sale = s.get(Sale, entry.sale_id)
        shift = s.get(CashShift, entry.shift_id)
        user = s.get(User, entry.user_id)
        rows = s.execute(select(ReturnLine, SaleLine).join(SaleLine, SaleLine.id == ReturnLine.sale_line_id)
                         .where(ReturnLine.return_id == entry.id).order_by(ReturnLine.line_no)).all()
        lines = tuple(SlipLine(sold.name, -back.quantity, sold.unit_price_fen, -back.amount_fen, None, 0,
                               vocabulary.SOURCES.get(sold.source, sold.source)) for back, sold in rows)
        refunds = tuple(SlipPayment(vocabulary.PAYMENT_METHODS.get(r.method, r.method), -r.amount_fen, r.reference)
                        for r in s.scalars(select(Refund).where(Refund.return_id == entry.id)
                                           .order_by(Refund.position)))
        return SlipDoc(
            store_name=store.name, store_code=store.code, title=vocabulary.RETURN_SLIP, number=entry.number,
            at=entry.at.astimezone(STORE_TZ).strftime("%Y-%m-%d %H:%M"), cashier=user.username if user else "",
            till=shift.till if shift else "", lines=lines, subtotal_fen=-entry.total_fen, ticket_discount_fen=0,
            total_fen=-entry.total_fen, payments=refunds, change_fen=0, thanks=vocabulary.THANKS,
            original_number=sale.number if sale else None, training=store.training,
        )
