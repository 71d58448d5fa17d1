"""Reconciling phone payments (对账): a manager imports the day's merchant
bill that WeChat Pay or Alipay lets the store download, and sees each
payment on it matched to a sale's payment, what the bill has that no sale
took, and what the counter took that the bill does not show.

WeChat Pay's bill of a day is ready after 10:00 the next day and kept three
months. Importing is one unit of work: a file that cannot be read as a bill
writes nothing, and lines already imported (the same file again, or an
overlapping one) add nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from charity_pos.db.merchant_bill import MerchantBillLine
from charity_pos.db.models import Payment, Refund, Sale, SaleReturn
from charity_pos.domain import merchant_bill as bill
from charity_pos.errors import MerchantBillRefused
from charity_pos.ledger import journal
from charity_pos.services.accounts import AccountService
from charity_pos.services.base import STORE_TZ, Caller, Changes, Entity, ServiceContext, user_id_of
from charity_pos.services.permissions import Action, require_of

PHONE_METHODS = (bill.WECHAT, bill.ALIPAY)


@dataclass(frozen=True)
class BillImport:
    method: str
    added: int
    already: int  # lines imported before
    skipped: int  # rows neither paid nor refunded
    days: tuple[date, ...]  # the days the file's lines fall on
    changes: Changes


@dataclass(frozen=True)
class Reconciliation:
    day: date
    matched: tuple[bill.Matched, ...]
    bill_only: tuple[bill.BillLine, ...]
    counter_only: tuple[bill.CounterPayment, ...]

    @property
    def bill_fen(self) -> int:
        """What the bill shows paid on the day (refunds apart)."""
        return sum(m.bill.amount_fen for m in self.matched if m.bill.kind == bill.PAYMENT) + sum(
            line.amount_fen for line in self.bill_only if line.kind == bill.PAYMENT)

    @property
    def counter_fen(self) -> int:
        """What the counter took by phone on the day (refunds apart)."""
        return sum(m.payment.amount_fen for m in self.matched if m.payment.kind == bill.PAYMENT) + sum(
            p.amount_fen for p in self.counter_only if p.kind == bill.PAYMENT)


def _utc(local: datetime) -> datetime:
    return local.replace(tzinfo=STORE_TZ)


def _local(at: datetime) -> datetime:
    return at.astimezone(STORE_TZ).replace(tzinfo=None)


def _day_range(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0), STORE_TZ)
    return start, start + timedelta(days=1)


class MerchantBillService:
    def __init__(self, ctx: ServiceContext, accounts: AccountService | None = None) -> None:
        self.ctx = ctx
        self.accounts = accounts

    # --- importing -----------------------------------------------------------------------------
    def import_file(self, actor: Caller, path: Path) -> BillImport:
        """A bill file as downloaded. ``COMMAND_LINE`` is the store's own command line."""
        path = Path(path)
        if not path.exists():
            raise MerchantBillRefused(path=str(path), reason="missing")
        if not path.is_file():  # a folder, a pipe, a device: never read
            raise MerchantBillRefused(path=str(path), reason="not_a_bill")
        try:
            if path.stat().st_size > bill.MAX_BYTES:
                raise MerchantBillRefused(path=str(path), reason="too_large")
            data = path.read_bytes()
        except OSError:
            raise MerchantBillRefused(path=str(path), reason="unreadable") from None
        return self.import_bytes(actor, data, str(path))

    def import_bytes(self, actor: Caller, data: bytes, name: str) -> BillImport:
        now = self.ctx.now()
        with self.ctx.db.read() as s:  # refused before the file is even read
            require_of(s, actor, Action.RECONCILE_BILL)
        parsed = bill.parse(data, name)
        days = tuple(sorted({line.at.date() for line in parsed.lines}))
        with self.ctx.db.begin() as s:
            require_of(s, actor, Action.RECONCILE_BILL)
            known: set[tuple[str, str]] = {
                (transaction, refund) for transaction, refund in s.execute(
                    select(MerchantBillLine.transaction_no, MerchantBillLine.refund_no)
                    .where(MerchantBillLine.method == parsed.method))}
            added: list[MerchantBillLine] = []
            for line in parsed.lines:
                if (line.transaction_no, line.refund_no) in known:
                    continue
                known.add((line.transaction_no, line.refund_no))
                entry = MerchantBillLine(
                    method=line.method, kind=line.kind, transaction_no=line.transaction_no, refund_no=line.refund_no,
                    merchant_order_no=line.merchant_order_no, code_mask=line.code_mask, at=_utc(line.at),
                    amount_fen=line.amount_fen, imported_at=now, imported_by=user_id_of(actor))
                s.add(entry)
                added.append(entry)
            seq = None
            if added:
                s.flush()
                ev = journal.append(s, "merchant_bill.imported", actor=user_id_of(actor), at=now,
                                    facts={"method": parsed.method, "lines": len(added),
                                           "days": [d.isoformat() for d in days]})
                seq = ev.seq
        changes = Changes(frozenset({Entity.SALES}) if added else frozenset(), tuple(e.id for e in added), seq)
        return BillImport(parsed.method, len(added), len(parsed.lines) - len(added), parsed.skipped, days, changes)

    # --- reading ------------------------------------------------------------------------------
    def reconcile(self, actor: Caller, day: date) -> Reconciliation:
        """The day's phone payments at the counter (completed sales) and the
        money returns gave back to phones, against the bill lines imported
        for the day."""
        start, end = _day_range(day)
        with self.ctx.db.read() as s:
            require_of(s, actor, Action.RECONCILE_BILL)
            lines = [self._line(row) for row in s.scalars(
                select(MerchantBillLine).where(MerchantBillLine.at >= start, MerchantBillLine.at < end)
                .order_by(MerchantBillLine.at))]
            counter = self._counter(s, start, end)
        found = bill.match(lines, counter)
        return Reconciliation(day, found.matched, found.bill_only, found.counter_only)

    @staticmethod
    def _line(row: MerchantBillLine) -> bill.BillLine:
        return bill.BillLine(row.method, row.kind, row.transaction_no, row.refund_no, row.merchant_order_no,
                             row.code_mask, _local(row.at), row.amount_fen)

    @staticmethod
    def _counter(s: Session, start: datetime, end: datetime) -> list[bill.CounterPayment]:
        rows = s.execute(select(Payment.id, Sale.number, Payment.method, Payment.amount_fen, Sale.completed_at,
                                Payment.reference).join(Sale, Sale.id == Payment.sale_id)
                         .where(Sale.completed_at >= start, Sale.completed_at < end, Sale.status == "completed",
                                Payment.method.in_(PHONE_METHODS))
                         .order_by(Sale.completed_at, Payment.position)).all()
        refunds = s.execute(select(Refund.id, SaleReturn.number, Refund.method, Refund.amount_fen, SaleReturn.at,
                                   Refund.reference).join(SaleReturn, SaleReturn.id == Refund.return_id)
                            .where(SaleReturn.at >= start, SaleReturn.at < end, Refund.method.in_(PHONE_METHODS))
                            .order_by(SaleReturn.at, Refund.position)).all()
        return [bill.CounterPayment(pid, number, method, amount, _local(at), reference)
                for pid, number, method, amount, at, reference in rows] + [
                bill.CounterPayment(rid, number, method, amount, _local(at), reference, bill.REFUND)
                for rid, number, method, amount, at, reference in refunds]
