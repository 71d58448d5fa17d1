"""善款收支 (money kept apart, 收支两条线): two accounts side by side, never
summed into one "income" figure.

(a) Donated cash: the balance at the start of the period, every cash
    donation received and every use of donated cash (F, with its voucher),
    and the balance at the end;
(b) Sales income (经营性收入): what sales took in, less refunds, by payment
    method and by day (by month over periods longer than two months), with
    the consigned goods' part (the consignor's money) shown apart.

The goods category and origin filters do not apply: cash has no goods
category, and a basket's payment is not split by goods.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import SupportsInt

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from charity_pos.db.funds import FundUse
from charity_pos.db.models import Donation, Donor, Payment, Refund, ReturnLine, Sale, SaleLine, SaleReturn
from charity_pos.reports.ledgers.common import as_date, by_month, local_day, local_month
from charity_pos.reports.ledgers.donations import donor_shown
from charity_pos.reports.period import utc_range
from charity_pos.reports.table import Cell, Column, ColumnKind as K, Filters, Report, Section, StoreName, Words as W
from charity_pos.reports.words import FUND_USES, PAYMENT_METHODS, label

TITLE = W("善款收支与经营性收入", "Donated cash and sales income")
OPENING = W("期初余额", "Opening balance")
CLOSING = W("期末余额", "Closing balance")
RECEIVED = W("现金捐赠", "Cash donation")
USED = W("善款使用", "Use of donated cash")

CASH_COLUMNS = (
    Column("date", W("日期", "Date"), K.DATE),
    Column("entry", W("摘要", "Entry")),
    Column("number", W("单号", "Number")),
    Column("detail", W("捐赠人／用途说明", "Donor / purpose")),
    Column("kind", W("方式／用途", "Method / use")),
    Column("voucher", W("凭证号", "Voucher")),
    Column("received", W("收入", "Received"), K.MONEY, total=True),
    Column("used", W("支出", "Used"), K.MONEY, total=True),
    Column("balance", W("余额", "Balance"), K.MONEY),
)

NOTES = (
    W("捐赠收入与经营性收入隔离管理、分别核算（收支两条线）：两本账分列，不相加为一个“收入”数。",
      "Donation income and sales income are kept apart and accounted separately (收支两条线): two accounts, "
      "never added into one \"income\" figure."),
    W("捐赠现金只用于慈善目的，每笔使用均有编号（F）并附凭证。",
      "Donated cash is used only for the store's charitable purposes; every use is numbered (F) and backed by a voucher."),
    W("经营性收入为销售收款减去退款；代售商品收入归委托方所有，单列。",
      "Sales income is what sales took in less refunds; income from consigned goods belongs to the consignor and is shown apart."),
    W("物资捐赠不计入现金账（见捐赠物资接收台账）；商品类别和来源筛选不适用于本表。",
      "Donated goods are not in the cash account (see the donations ledger); the goods category and origin filters do not apply here."),
)


def _int(value: SupportsInt | str | None) -> int:
    return int(value or 0)


def build(session: Session, filters: Filters, store: StoreName, language: str = "zh_CN") -> Report:
    lo, hi = utc_range(filters.start, filters.end)
    cash, closing = _donated_cash(session, filters, lo, hi, language)
    by_method, by_period, income = _sales_income(session, filters, lo, hi, language)
    return Report("funds", TITLE, store.name, store.code, filters, (cash, by_method, by_period), notes=NOTES,
                  landscape=True, extra={"donated_cash_left_fen": closing, "sales_income_fen": income})


def _donated_cash(session: Session, filters: Filters, lo: datetime, hi: datetime, language: str) -> tuple[Section, int]:
    received_before = session.scalar(select(func.coalesce(func.sum(Donation.cash_fen), 0))
                                     .where(Donation.received_at < lo, Donation.cash_fen > 0))
    used_before = session.scalar(select(func.coalesce(func.sum(FundUse.amount_fen), 0))
                                 .where(FundUse.used_on < filters.start))
    balance = _int(received_before) - _int(used_before)
    entries: list[tuple[tuple[date, int, str], tuple[Cell, ...], int]] = []
    received, used = RECEIVED.text(language), USED.text(language)
    for day, at, number, kind, name, method, fen in session.execute(
            select(local_day(Donation.received_at), Donation.received_at, Donation.number, Donor.kind, Donor.name,
                   Donation.cash_method, Donation.cash_fen)
            .outerjoin(Donor, Donor.id == Donation.donor_id)
            .where(Donation.received_at >= lo, Donation.received_at < hi, Donation.cash_fen > 0)):
        shown_day = date.fromisoformat(day)  # a donation always has its day
        entries.append(((shown_day, 0, at.isoformat() + number),
                        (shown_day, received, number, donor_shown(kind, name, language),
                         label(PAYMENT_METHODS, method, language), ""), fen))
    for used_on, number, kind, purpose, voucher, fen in session.execute(
            select(FundUse.used_on, FundUse.number, FundUse.kind, FundUse.purpose, FundUse.voucher, FundUse.amount_fen)
            .where(FundUse.used_on >= filters.start, FundUse.used_on <= filters.end)):
        entries.append(((used_on, 1, number), (used_on, used, number, purpose,
                                               label(FUND_USES, kind, language), voucher), -fen))
    rows: list[tuple[Cell, ...]] = [(filters.start, OPENING.text(language), "", "", "", "", None, None, balance)]
    for _, head, fen in sorted(entries, key=lambda entry: entry[0]):
        balance += fen
        rows.append((*head, fen if fen > 0 else None, -fen if fen < 0 else None, balance))
    rows.append((filters.end, CLOSING.text(language), "", "", "", "", None, None, balance))
    section = Section("donated_cash", W("（一）善款收支（捐赠现金）", "(a) Donated cash: received and used"), CASH_COLUMNS,
                      tuple(rows))
    return section, balance


def _sales_income(session: Session, filters: Filters, lo: datetime, hi: datetime,
                  language: str) -> tuple[Section, Section, int]:
    taken = dict(session.execute(
        select(Payment.method, func.sum(Payment.amount_fen)).join(Sale, Sale.id == Payment.sale_id)
        .where(Sale.completed_at >= lo, Sale.completed_at < hi, Sale.status == "completed").group_by(Payment.method)).all())
    refunded = dict(session.execute(
        select(Refund.method, func.sum(Refund.amount_fen)).join(SaleReturn, SaleReturn.id == Refund.return_id)
        .where(SaleReturn.at >= lo, SaleReturn.at < hi).group_by(Refund.method)).all())
    order = list(PAYMENT_METHODS)
    methods = sorted(set(taken) | set(refunded), key=lambda m: (order.index(m) if m in order else len(order), m))
    by_method = tuple((label(PAYMENT_METHODS, m, language), _int(taken.get(m)), _int(refunded.get(m)),
                       _int(taken.get(m)) - _int(refunded.get(m))) for m in methods)

    monthly = by_month(filters)
    sold_when = (local_month if monthly else local_day)(Sale.completed_at)
    back_when = (local_month if monthly else local_day)(SaleReturn.at)
    paid = SaleLine.amount_fen - SaleLine.ticket_discount_fen
    consigned = SaleLine.source == "consigned"
    sold = {when: (_int(total), _int(con)) for when, total, con in session.execute(
        select(sold_when, func.sum(paid), func.sum(case((consigned, paid), else_=0)))
        .join(Sale, Sale.id == SaleLine.sale_id)
        .where(Sale.completed_at >= lo, Sale.completed_at < hi, Sale.status == "completed").group_by(sold_when))}
    back = {when: (_int(total), _int(con)) for when, total, con in session.execute(
        select(back_when, func.sum(ReturnLine.amount_fen), func.sum(case((consigned, ReturnLine.amount_fen), else_=0)))
        .join(SaleReturn, SaleReturn.id == ReturnLine.return_id).join(SaleLine, SaleLine.id == ReturnLine.sale_line_id)
        .where(SaleReturn.at >= lo, SaleReturn.at < hi).group_by(back_when))}
    rows = []
    for when in sorted(set(sold) | set(back)):
        (sales, sales_con), (returns, returns_con) = sold.get(when, (0, 0)), back.get(when, (0, 0))
        consigned_net = sales_con - returns_con
        rows.append((when if monthly else as_date(when), sales, returns, sales - returns, sales - returns - consigned_net,
                     consigned_net))
    when_column = Column("month", W("月份", "Month")) if monthly else Column("day", W("日期", "Day"), K.DATE)
    net = sum(row[3] for row in by_method)
    return (
        Section("sales_by_method", W("（二）经营性收入：按支付方式", "(b) Sales income by payment method"), (
            Column("method", W("支付方式", "Method")),
            Column("sales", W("销售收款", "Sales"), K.MONEY, total=True),
            Column("refunds", W("退款", "Refunds"), K.MONEY, total=True),
            Column("net", W("净收入", "Net"), K.MONEY, total=True),
        ), by_method),
        Section("sales_by_period", W("（二）经营性收入：按月" if monthly else "（二）经营性收入：按日",
                                     "(b) Sales income by month" if monthly else "(b) Sales income by day"), (
            when_column,
            Column("sales", W("销售收款", "Sales"), K.MONEY, total=True),
            Column("refunds", W("退款", "Refunds"), K.MONEY, total=True),
            Column("net", W("净收入", "Net"), K.MONEY, total=True),
            Column("own_net", W("其中本店商品", "Of which the store's goods"), K.MONEY, total=True),
            Column("consigned_net", W("其中代售（归委托方）", "Of which consigned (the consignor's)"), K.MONEY, total=True),
        ), tuple(rows)),
        net,
    )
