"""Selling at the counter: what a scan finds, completing a sale in one
transaction, voiding it within its shift, parked tickets and slips.

Goods leave their lots first in, first out (a lot's own barcode takes that
lot); expired food is refused; an item with nothing on hand can still be
sold, with a warning, and the next stock count puts the books right.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, NamedTuple

from sqlalchemy import bindparam, func, literal_column, null, select, union_all
from sqlalchemy.orm import Session

from charity_pos.db.base import new_id
from charity_pos.db.driver import driver
from charity_pos.db.engine import Prepared, Reader
from charity_pos.db.models import (
    AuditEntry, Category, Item, ParkedTicket, Payment, Sale, SaleLine, SaleLineLot, StockLot, User,
)
from charity_pos.domain import barcodes, payment_codes, tickets
from charity_pos.domain.money import check_fen
from charity_pos.domain.quantities import check_line_count, check_quantity
from charity_pos.errors import (
    InvalidInput, NotFound, NotSellable, SaleVoided, TicketCompleted, UnknownBarcode, VoidOutsideShift,
    VoucherUsed,
)
from charity_pos.ledger import journal
from charity_pos.services import lots
from charity_pos.services.accounts import AccountService, audit
from charity_pos.services.base import (
    Actor, Approval, Caller, Changes, Entity, Role, ServiceContext, local_date, user_id_of,
)
from charity_pos.services.counter_rules import CounterRules, rules_in
from charity_pos.services.goods_moves import Rows, movement_row, sellable_on_hand, take_from_lots
from charity_pos.services.intake import FOOD_CATEGORIES
from charity_pos.services.permissions import Action, acting_account, allowed, require, require_of
from charity_pos.services.printed import render_then_commit
from charity_pos.services.sale_records import (  # noqa: F401  (re-exported for callers)
    SaleView as SaleView, SoldLine as SoldLine, SoldPayment, find_sale, sale_view,
)
from charity_pos.services.sale_list_rows import SaleRow as SaleRow  # noqa: F401  (re-exported for callers)
from charity_pos.services.sequences import next_number
from charity_pos.services.shifts import open_shift_id

MAX_LINES = 300
MAX_QUANTITY = 9_999
MAX_REFERENCE = 40

#: The tables a completed sale writes, as plain rows through ``journal.insert_rows``.
_SALE, _SALE_LINE, _SALE_LINE_LOT, _PAYMENT = (
    Sale.__table__, SaleLine.__table__, SaleLineLot.__table__, Payment.__table__)


class Method(StrEnum):
    CASH = "cash"
    WECHAT = "wechat"
    ALIPAY = "alipay"
    UNIONPAY = "unionpay"
    VOUCHER = "voucher"


#: Methods whose reference number (the payment's, or the voucher's) is recorded.
NEEDS_REFERENCE = frozenset({Method.WECHAT, Method.ALIPAY, Method.UNIONPAY, Method.VOUCHER})


class SaleWarning(StrEnum):
    NO_STOCK = "no_stock"


@dataclass(frozen=True)
class Scanned:
    """What a scanned code is, ready to become a ticket line."""

    item_id: uuid.UUID
    name: str
    unit: str
    price_fen: int
    source: str
    on_hand: int
    lot_id: uuid.UUID | None = None  # set when the code was a lot's own
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class LineDraft:
    item_id: uuid.UUID
    quantity: int
    price_fen: int | None = None  # None: the catalog's price
    discount_fen: int = 0
    lot_id: uuid.UUID | None = None


@dataclass(frozen=True)
class PaymentDraft:
    method: str
    tendered_fen: int  # cash handed over; for other methods the amount paid
    reference: str = ""


@dataclass(frozen=True)
class SaleDraft:
    ticket_id: uuid.UUID  # made when the ticket starts: paying twice makes one sale
    till: str
    lines: tuple[LineDraft, ...]
    payments: tuple[PaymentDraft, ...]
    ticket_discount_fen: int = 0
    approval: Approval | None = None  # a manager's, for changes beyond the limit


@dataclass(frozen=True)
class Parked:
    id: uuid.UUID
    parked_at: datetime
    username: str
    summary: str
    content: dict[str, object] = field(compare=False)


def is_food(category_code: str) -> bool:
    return category_code in FOOD_CATEGORIES


def _check_voucher_free(session: Session, voucher: str) -> None:
    """A voucher pays once; money given back to it on a return frees it again."""
    from charity_pos.db.models import Refund

    uses = session.execute(select(Sale.number, Payment.amount_fen).join(Payment).where(
        Payment.method == Method.VOUCHER.value, Payment.reference == voucher, Sale.status == "completed")).all()
    if not uses:
        return
    given_back = session.scalar(select(func.coalesce(func.sum(Refund.amount_fen), 0)).where(
        Refund.method == Method.VOUCHER.value, Refund.reference == voucher)) or 0
    if sum(amount for _, amount in uses) > given_back:
        raise VoucherUsed(voucher=voucher, sale=uses[-1][0])


def load_item(session: Session, item_id: uuid.UUID) -> tuple[Item, str]:
    row = session.execute(select(Item, Category.code).join(Item.category).where(Item.id == item_id)).first()
    if row is None:
        raise NotFound(kind="item", key=str(item_id))
    return row[0], row[1]


class Goods(NamedTuple):
    """What selling needs of an item, read as plain columns."""

    id: uuid.UUID
    name: str
    unit: str
    sale_price_fen: int
    source: str
    active: bool
    category_code: str


GOODS_COLUMNS = (Item.id, Item.name, Item.unit, Item.sale_price_fen, Item.source, Item.active, Category.code)

#: What a scanned code names: a lot's own code first, else an item's barcode.
_HIT = union_all(
    select(StockLot.item_id.label("item_id"), StockLot.id.label("lot_id"), literal_column("0").label("rank"))
    .where(StockLot.barcode == bindparam("code")),
    select(Item.id, null(), literal_column("1")).where(Item.barcode == bindparam("code")),
).order_by(literal_column("rank")).limit(1).subquery("hit")
#: The scan at the till and an item picked from the list, prepared once:
#: the lot (or None) and the goods.
SCAN = Prepared(select(_HIT.c.lot_id, *GOODS_COLUMNS).select_from(_HIT).join(Item, Item.id == _HIT.c.item_id)
                .join(Category, Category.id == Item.category_id))
PICKED = Prepared(select(*GOODS_COLUMNS).join(Item.category).where(Item.id == bindparam("item_id")))


#: What a sale took, lot by lot: each line (in order) with its lots in the
#: order they were taken, as a line's lots load (by their line's index, in
#: the order they were written). What a void puts back.
_TAKEN = Prepared(select(SaleLine.item_id, SaleLineLot.lot_id, SaleLineLot.quantity)
                  .join(SaleLineLot, SaleLineLot.sale_line_id == SaleLine.id)
                  .where(SaleLine.sale_id == bindparam("sale"))
                  .order_by(SaleLine.line_no, literal_column("sale_line_lot.rowid")))

#: Whether a ticket was already paid, asked at every sale: prepared once.
_SALE_OF_TICKET = Prepared(select(Sale.id).where(Sale.ticket_id == bindparam("ticket")))


def goods_of(reader: Reader, item_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Goods]:
    """The goods of a ticket, each item by the prepared ``PICKED`` (a
    ticket holds a few items: a prepared look-up each costs less than one
    IN list compiled for its length); ``NotFound`` names the first item (in
    the ticket's order) that does not exist."""
    goods = {}
    for item_id in dict.fromkeys(item_ids):
        found = reader.rows(PICKED, item_id=item_id)
        if not found:
            raise NotFound(kind="item", key=str(item_id))
        goods[item_id] = Goods(*found[0])
    return goods


def load_goods(session: Session, item_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Goods]:
    """``goods_of`` in ``session``'s transaction."""
    return goods_of(Reader.within(session), item_ids)


def _checked_payments(draft: SaleDraft) -> list[Method]:
    """The payments' methods, each with what it needs (a reference), before
    anything is read: the payment step of completing a sale."""
    methods = []
    for payment in draft.payments:
        try:
            method = Method(payment.method)
        except ValueError:
            raise InvalidInput(field="payment", value=payment.method, reason="unknown") from None
        if method in NEEDS_REFERENCE and not payment.reference.strip():
            raise InvalidInput(field="reference", value=method.value, reason="reference_needed")
        payment_codes.check_reference(method.value, payment.reference.strip())  # a whole code is never kept
        if len(payment.reference.strip()) > MAX_REFERENCE:
            raise InvalidInput(field="reference", value=payment.reference.strip(), reason="too_long")
        methods.append(method)
    vouchers = [p.reference.strip() for m, p in zip(methods, draft.payments, strict=True) if m == Method.VOUCHER]
    if len(vouchers) != len(set(vouchers)):
        twice = next(v for v in vouchers if vouchers.count(v) > 1)
        raise InvalidInput(field="voucher", value=twice, reason="twice")
    if not draft.payments:
        raise InvalidInput(field="payment", value="", reason="empty")
    return methods


def _checked_lines(draft: SaleDraft) -> None:
    if not draft.lines:
        raise InvalidInput(field="lines", value=0, reason="empty")
    check_line_count(len(draft.lines), MAX_LINES)
    for line in draft.lines:
        check_quantity(line.quantity, MAX_QUANTITY)
        if line.price_fen is not None:
            check_fen(line.price_fen, field="price")
        check_fen(line.discount_fen, field="discount")
    check_fen(draft.ticket_discount_fen, field="discount")


def _changes_prices(draft: SaleDraft) -> bool:
    """Does the ticket charge anything but the catalog's prices? Only then
    can it need a manager's approval."""
    return bool(draft.ticket_discount_fen) or any(line.price_fen is not None or line.discount_fen
                                                   for line in draft.lines)


def _paid_sale(session: Session, ticket_id: uuid.UUID) -> Sale | None:
    """The sale a ticket already became, if it did."""
    if not Reader.within(session).rows(_SALE_OF_TICKET, ticket=ticket_id):
        return None
    return session.scalars(select(Sale).where(Sale.ticket_id == ticket_id)).one()


class SalesService:
    def __init__(self, ctx: ServiceContext, accounts: AccountService) -> None:
        self.ctx = ctx
        self.accounts = accounts

    # --- at the scan field ---------------------------------------------------
    def scan(self, code: str) -> Scanned:
        """A scanned or typed code: an item's barcode or a lot's own code."""
        normalized = barcodes.normalize(code)
        today = local_date(self.ctx.now())
        with self.ctx.db.read_rows() as reader:
            found = reader.rows(SCAN, code=normalized)
            if not found:
                raise UnknownBarcode(barcode=normalized)
            lot_id, *goods = found[0]
            return self._scanned(reader, Goods(*goods), lot_id, today)

    def item(self, item_id: uuid.UUID) -> Scanned:
        """An item picked from the search list, as a scan would find it."""
        with self.ctx.db.read_rows() as reader:
            found = reader.rows(PICKED, item_id=item_id)
            if not found:
                raise NotFound(kind="item", key=str(item_id))
            return self._scanned(reader, Goods(*found[0]), None, local_date(self.ctx.now()))

    def _scanned(self, reader: Reader, goods: Goods, lot_id: uuid.UUID | None, today: date) -> Scanned:
        if not goods.active:
            raise NotSellable(item_name=goods.name)
        balances = lots.item_balances(reader, goods.id)
        lot = next((l for l, _ in balances if l.id == lot_id), None) if lot_id is not None else None
        food = is_food(goods.category_code)
        if food:
            if lot is not None and lot.expiry_date is not None and lot.expiry_date < today:
                raise lots.expired(goods.name, lot)
            fresh = [left for l, left in balances if left > 0 and not (l.expiry_date and l.expiry_date < today)]
            stale = [l for l, left in balances if left > 0 and l.expiry_date and l.expiry_date < today]
            if stale and not fresh:
                raise lots.expired(goods.name, stale[0])
        on_hand = sellable_on_hand(balances, today, food=food)
        warnings = (SaleWarning.NO_STOCK.value,) if on_hand <= 0 else ()
        return Scanned(goods.id, goods.name, goods.unit, goods.sale_price_fen, goods.source, on_hand, lot_id, warnings)

    # --- rules -----------------------------------------------------------
    def rules(self) -> CounterRules:
        with self.ctx.db.read() as s:
            return rules_in(s)

    def totals(self, draft_lines: Sequence[tuple[LineDraft, int]], ticket_discount_fen: int) -> tickets.TicketTotals:
        """Totals of (line, catalog price) pairs, as the screen shows them."""
        return tickets.totals([self._priced(line, list_price) for line, list_price in draft_lines],
                              ticket_discount_fen)

    @staticmethod
    def _priced(line: LineDraft, list_price_fen: int) -> tickets.PricedLine:
        price = list_price_fen if line.price_fen is None else line.price_fen
        return tickets.PricedLine(line.quantity, list_price_fen, price, line.discount_fen)

    def needs_approval(self, actor: Actor, draft_lines: Sequence[tuple[LineDraft, int]],
                       ticket_discount_fen: int) -> bool:
        """Does this ticket need a manager's approval for its price changes
        and discounts? Never for a manager (as the database has the actor's role)."""
        with self.ctx.db.read() as s:
            if allowed(Role(acting_account(s, actor, Action.DISCOUNT).role), Action.DISCOUNT):
                return False
            limit = rules_in(s).discount_limit_percent
        priced = [self._priced(line, list_price) for line, list_price in draft_lines]
        result = tickets.totals(priced, ticket_discount_fen)
        return any(tickets.beyond_limit(p, limit) for p in priced) or tickets.ticket_beyond_limit(result, limit)

    # --- completing -------------------------------------------------------------
    def complete(self, actor: Actor, draft: SaleDraft) -> Changes:
        """The sale, its lines and payments, stock movements out of lots and
        the journal event, in one transaction under a gap-free number. The
        same ticket paid again returns the first sale and changes nothing."""
        _checked_lines(draft)
        methods = _checked_payments(draft)
        prices: dict[uuid.UUID, int] | None = None
        over_limit, approved = False, None
        if _changes_prices(draft):
            # The approval is checked before the write transaction: checking a
            # PIN writes its count of wrong PINs (per till) in its own.
            with self.ctx.db.read() as s:
                acting_account(s, actor, Action.SELL)
                existing = _paid_sale(s, draft.ticket_id)
                if existing is not None:
                    return self._repeated(existing, draft)
                rules = rules_in(s)
                prices = {g.id: g.sale_price_fen for g in load_goods(s, [line.item_id for line in draft.lines]).values()}
            priced = [self._priced(line, prices[line.item_id]) for line in draft.lines]
            result = tickets.totals(priced, draft.ticket_discount_fen)
            over_limit = any(tickets.beyond_limit(p, rules.discount_limit_percent) for p in priced) or \
                tickets.ticket_beyond_limit(result, rules.discount_limit_percent)
            approved = self.accounts.authorize(actor, Action.DISCOUNT, draft.approval) if over_limit else None
        now = self.ctx.now()
        today = local_date(now)
        with self.ctx.db.begin() as s:
            require(s, actor, Action.SELL)
            approver = require(s, actor, Action.DISCOUNT, approved).approver if over_limit else None
            existing = _paid_sale(s, draft.ticket_id)
            if existing is not None:  # paid from another window in the meantime
                return self._repeated(existing, draft)
            reader = Reader.within(s)  # nothing added yet: it stays in step with the session until the sale is
            goods = goods_of(reader, [line.item_id for line in draft.lines])
            shift_id = open_shift_id(reader, draft.till)
            for line in draft.lines:
                item = goods[line.item_id]
                if not item.active:
                    raise NotSellable(item_name=item.name)
                if prices is not None and item.sale_price_fen != prices[item.id]:  # changed while the PIN was typed
                    raise InvalidInput(field="price", value=item.name, reason="price_changed")
            priced = [self._priced(line, goods[line.item_id].sale_price_fen) for line in draft.lines]
            result = tickets.totals(priced, draft.ticket_discount_fen)
            settled = self._settled(s, result.total_fen, methods, draft.payments)
            number = next_number(s, "sale", today.year)
            balances = lots.lot_balances(reader, goods.keys())
            sale_id = new_id()
            # plain rows, every column given, written in one go and journaled as they are written
            rows: Rows = [(_SALE, {
                "id": sale_id, "number": number, "ticket_id": draft.ticket_id, "shift_id": shift_id,
                "cashier_id": actor.user_id, "completed_at": now, "subtotal_fen": result.subtotal_fen,
                "ticket_discount_fen": result.ticket_discount_fen, "total_fen": result.total_fen,
                "change_fen": settled.change_fen, "approved_by": approver.user_id if approver else None,
                "approval_reason": draft.approval.reason.strip()[:200] if approver and draft.approval else None,
                "status": "completed", "voided_at": None, "voided_by": None, "void_reason": None, "slip_prints": 0,
            })]
            warnings = self._take_goods(rows, sale_id, number, now, actor, draft.lines, goods, balances, priced,
                                        result.shares_fen, today)
            for position, (method, payment, paid) in enumerate(
                    zip(methods, draft.payments, settled.paid_fen, strict=True), start=1):
                rows.append((_PAYMENT, {"id": new_id(), "sale_id": sale_id, "position": position,
                                        "method": method.value, "amount_fen": paid,
                                        "tendered_fen": payment.tendered_fen,
                                        "reference": payment.reference.strip()[:40]}))
            journal.insert_rows(s, rows)
            facts: dict[str, object] = {"number": number, "till": draft.till}
            if approver is not None and draft.approval is not None:
                facts["approval"] = {"approved_by": str(approver.user_id), "reason": draft.approval.reason.strip()}
                audit(s, now, str(Action.DISCOUNT), "approved", actor.user_id, approver.user_id, number=number,
                      reason=draft.approval.reason.strip())
            ev = journal.append(s, "sale.completed", actor=actor.user_id, at=now, facts=facts)
        return Changes(frozenset({Entity.SALES, Entity.STOCK, Entity.SHIFTS}), (sale_id,), ev.seq, number,
                       tuple(dict.fromkeys(warnings)))

    @staticmethod
    def _settled(s: Session, total_fen: int, methods: list[Method],
                 payments: tuple[PaymentDraft, ...]) -> tickets.Settlement:
        """Do the payments cover the total, and is each voucher still free?"""
        tenders = [tickets.Tender(m.value, p.tendered_fen) for m, p in zip(methods, payments, strict=True)]
        for p in payments:
            check_fen(p.tendered_fen, field="tendered", allow_zero=False)
        settled = tickets.settle(total_fen, tenders)
        for method, payment in zip(methods, payments, strict=True):
            if method == Method.VOUCHER:
                _check_voucher_free(s, payment.reference.strip())
        return settled

    @staticmethod
    def _take_goods(rows: Rows, sale_id: uuid.UUID, number: str, at: datetime,
                    actor: Actor, lines: tuple[LineDraft, ...], goods: dict[uuid.UUID, Goods],
                    balances: dict[uuid.UUID, list[list[Any]]], priced: list[tickets.PricedLine],
                    shares_fen: tuple[int, ...], today: date) -> list[str]:
        """The sale's lines and where their goods leave from, added to
        ``rows`` in the order the sale's event lists them (each line, a lot
        made for it, then its lots and movements: ``goods_moves.take_from_lots``).
        ``balances``, every lot of the ticket's items (``lots.lot_balances``),
        is kept up to date as each line takes from them. Returns the
        warnings (sold beyond the books)."""
        warnings: list[str] = []
        for line_no, (line, p, part) in enumerate(zip(lines, priced, shares_fen, strict=True), start=1):
            item = goods[line.item_id]
            line_id = new_id()
            rows.append((_SALE_LINE, {
                "id": line_id, "sale_id": sale_id, "line_no": line_no, "item_id": item.id, "name": item.name,
                "source": item.source, "quantity": p.quantity, "list_price_fen": p.list_price_fen,
                "unit_price_fen": p.unit_price_fen, "discount_fen": p.discount_fen, "ticket_discount_fen": part,
                "amount_fen": p.amount_fen}))
            if take_from_lots(rows, balances[item.id], parts=_SALE_LINE_LOT, line_key="sale_line_id",
                              line_id=line_id, item_id=item.id, item_name=item.name, quantity=p.quantity,
                              food=is_food(item.category_code), lot_id=line.lot_id, today=today, reason="sale",
                              document=number, user_id=actor.user_id, at=at):
                warnings.append(SaleWarning.NO_STOCK.value)
        return warnings

    @staticmethod
    def _repeated(sale: Sale, draft: SaleDraft) -> Changes:
        """Pay pressed again for a paid ticket: the same sale, nothing new.
        A different basket or payment under the same ticket is refused."""
        list_price = {line.item_id: line.list_price_fen for line in sale.lines}
        basket = sorted((str(line.item_id), line.quantity, list_price.get(line.item_id) if line.price_fen is None
                         else line.price_fen, line.discount_fen) for line in draft.lines)
        basket.append(("ticket", 0, 0, draft.ticket_discount_fen))
        sold = sorted((str(line.item_id), line.quantity, line.unit_price_fen, line.discount_fen) for line in sale.lines)
        sold.append(("ticket", 0, 0, sale.ticket_discount_fen))
        paid = sorted((p.method, p.tendered_fen, p.reference.strip()) for p in draft.payments)
        recorded = sorted((p.method, p.tendered_fen, p.reference) for p in sale.payments)
        if basket != sold or paid != recorded:
            raise TicketCompleted(number=sale.number)
        return Changes(frozenset({Entity.SALES}), (sale.id,), None, sale.number)

    # --- voiding ----------------------------------------------------------------
    def void(self, actor: Actor, number: str, reason: str, approval: Approval | None = None) -> Changes:
        """Undo a sale of the shift still open: its goods go back into their
        lots, its money out of the expected drawer. Kept, marked voided."""
        approved = self.accounts.authorize(actor, Action.VOID_SALE, approval)
        if not reason.strip():
            raise InvalidInput(field="reason", value="", reason="empty")
        now = self.ctx.now()
        with self.ctx.db.begin() as s:
            approver = require(s, actor, Action.VOID_SALE, approved).approver
            sale = find_sale(s, number)
            if sale.status == "voided":
                raise SaleVoided(number=sale.number)
            from charity_pos.db.models import CashShift, SaleReturn

            shift = s.get(CashShift, sale.shift_id)
            if shift is None or shift.closed_at is not None:
                raise VoidOutsideShift(number=sale.number)
            if s.scalars(select(SaleReturn.id).where(SaleReturn.sale_id == sale.id)).first() is not None:
                raise InvalidInput(field="sale", value=sale.number, reason="has_returns")
            # back into the lots they left, line by line, each line's lots in the order it took them
            journal.insert_rows(s, [
                movement_row(item_id=item_id, lot_id=lot_id, quantity=quantity, reason="void", document=sale.number,
                             note=reason.strip()[:200], user_id=actor.user_id, at=now)
                for item_id, lot_id, quantity in Reader.within(s).rows(_TAKEN, sale=sale.id)])
            sale.status = "voided"
            sale.voided_at = now
            sale.voided_by = (approver or actor).user_id
            sale.void_reason = reason.strip()[:200]
            facts: dict[str, object] = {"number": sale.number, "reason": reason.strip()}
            if approver is not None and approval is not None:
                facts["approval"] = {"approved_by": str(approver.user_id), "reason": approval.reason.strip()}
            audit(s, now, str(Action.VOID_SALE), "approved" if approver else "done", actor.user_id,
                  approver.user_id if approver else None, number=sale.number, reason=reason.strip())
            ev = journal.append(s, "sale.voided", actor=actor.user_id, at=now, facts=facts)
        return Changes(frozenset({Entity.SALES, Entity.STOCK, Entity.SHIFTS}), (sale.id,), ev.seq, sale.number)

    # --- reading --------------------------------------------------------------
    def sale(self, number: str) -> SaleView:
        """A sale with its lines (and what was returned of each) and payments."""
        with self.ctx.db.read() as s:
            return sale_view(s, find_sale(s, number))

    def sales(self, *, limit: int | None = 200, shift_id: uuid.UUID | None = None) -> list[SaleRow]:
        """Newest first: the listing ``show sales`` reads too (``services.sale_list_rows``)."""
        from charity_pos.services.sale_list_rows import sale_rows as listed

        with self.ctx.db.read() as s:
            return listed(driver(s.connection()), limit=limit, shift_id=shift_id)


    # --- slips -------------------------------------------------------------
    def print_slip(self, actor: Caller, number: str,
                   render: Callable[[SaleView, int], None] | None = None) -> SaleView:
        """Count a print of the sale's slip; the first is the original, the
        later ones are reprints (marked). ``render`` gets the view and the
        reprint count and runs outside the transaction; the print is counted
        once it is done, so a failed PDF counts nothing (``services.printed``)."""
        now = self.ctx.now()

        def count(s: Session) -> tuple[SaleView, int]:
            require_of(s, actor, Action.PRINT_SLIP)
            sale = find_sale(s, number)
            sale.slip_prints += 1
            journal.append(s, "sale.slip_printed", actor=user_id_of(actor), at=now,
                           facts={"number": sale.number, "print": sale.slip_prints})
            return sale_view(s, sale), sale.slip_prints - 1

        def made(slip: tuple[SaleView, int]) -> None:
            if render is not None:
                render(*slip)

        return render_then_commit(self.ctx.db, count, lambda slip: slip, made if render is not None else None)[0]

    # --- parked tickets and cancelled ones ------------------------------------
    def park(self, actor: Actor, till: str, content: dict[str, object], summary: str) -> uuid.UUID:
        """Put a ticket aside to serve the next customer."""
        with self.ctx.db.begin() as s:
            require(s, actor, Action.SELL)
            ticket = ParkedTicket(till=till, parked_at=self.ctx.now(), user_id=actor.user_id,
                                  content=json.dumps(content, sort_keys=True, default=str), summary=summary[:200])
            s.add(ticket)
            s.flush()
            audit(s, self.ctx.now(), "sale.ticket_parked", "done", actor.user_id, summary=summary[:200])
            return ticket.id

    def parked(self, till: str) -> list[Parked]:
        with self.ctx.db.read() as s:
            rows = s.execute(select(ParkedTicket, User.username).join(User, User.id == ParkedTicket.user_id)
                             .where(ParkedTicket.till == till).order_by(ParkedTicket.parked_at)).all()
            return [Parked(t.id, t.parked_at, username, t.summary, json.loads(t.content)) for t, username in rows]

    def recall(self, actor: Actor, ticket_id: uuid.UUID) -> Parked:
        """Take a parked ticket back to the counter (it leaves the list)."""
        with self.ctx.db.begin() as s:
            require(s, actor, Action.SELL)
            row = s.execute(select(ParkedTicket, User.username).join(User, User.id == ParkedTicket.user_id)
                            .where(ParkedTicket.id == ticket_id)).first()
            if row is None:
                raise NotFound(kind="ticket", key=str(ticket_id))
            ticket, username = row
            parked = Parked(ticket.id, ticket.parked_at, username, ticket.summary, json.loads(ticket.content))
            s.delete(ticket)
            audit(s, self.ctx.now(), "sale.ticket_recalled", "done", actor.user_id, summary=ticket.summary)
        return parked

    def cancel_ticket(self, actor: Actor, summary: str, total_fen: int) -> None:
        """A ticket abandoned before payment sells nothing, but is logged."""
        with self.ctx.db.begin() as s:
            require(s, actor, Action.SELL)
            audit(s, self.ctx.now(), "sale.ticket_cancelled", "done", actor.user_id, summary=summary[:200],
                  total_fen=total_fen)

    def cancelled_tickets(self) -> list[AuditEntry]:
        with self.ctx.db.read() as s:
            entries = list(s.scalars(select(AuditEntry).where(AuditEntry.action == "sale.ticket_cancelled")
                                     .order_by(AuditEntry.at)))
            s.expunge_all()
            return entries
