"""Sales (销售报表): the period's completed sales by day, by goods category,
by payment method and by cashier; returns and voids in sections of their
own, never netted into the sales silently.

What each section counts:
- by day, category and cashier: sales completed in the period and not
  voided, each line at what was paid for it (after its share of the ticket
  discount);
- by payment method: what those sales' payments took in (a store voucher is
  a method); with a goods category or origin chosen, this section is left
  out, since one payment pays for the whole basket;
- returns: each line taken back in the period, and the money refunded by
  method (refunds left out when goods are filtered, as payments are);
- voids: sales made in the period and voided afterwards.
Goods sold for a consignor (代售) are shown apart from the store's donated
and purchased goods: that money belongs to the consignor.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, SupportsInt

from sqlalchemy import ColumnElement, case, distinct, func, select
from sqlalchemy.orm import QueryableAttribute, Session, aliased

from charity_pos.db.models import Category, Item, Payment, Refund, ReturnLine, Sale, SaleLine, SaleReturn, User
from charity_pos.reports.ledgers.common import AnySelect, as_date, goods_filtered, local_day
from charity_pos.reports.period import utc_range
from charity_pos.reports.table import Cell, Column, ColumnKind as K, Filters, Report, Section, StoreName, Words as W
from charity_pos.reports.words import PAYMENT_METHODS, SOURCES, goods_category, label

TITLE = W("销售报表", "Sales")

PAID = SaleLine.amount_fen - SaleLine.ticket_discount_fen
CONSIGNED = SaleLine.source == "consigned"
MONEY = (
    Column("own_income", W("本店商品收入", "Store's goods"), K.MONEY, total=True),
    Column("consigned_income", W("代售商品收入（归委托方）", "Consigned goods (the consignor's)"), K.MONEY, total=True),
    Column("total", W("收款合计", "Total taken"), K.MONEY, total=True),
)
SALES = Column("sales", W("笔数", "Sales"), K.COUNT, total=True)
#: a basket of several categories (or paid by several methods) counts in each: not added up
SALES_SHARED = Column("sales", W("笔数", "Sales"), K.COUNT)
UNITS = Column("units", W("件数", "Units"), K.COUNT, total=True)

NOTES = (
    W("按日、按类别、按收银员三表统计期内完成且未作废的销售，按实收金额（已分摊整单折扣）；退货与作废单列，未从这些数字中扣除。",
      "By day, category and cashier: sales completed in the period and not voided, at what was paid (after ticket "
      "discounts). Returns and voids are shown apart and not taken off these figures."),
    W("代售商品收入归委托方所有，与本店捐赠、采购商品收入分列。",
      "Income from consigned goods belongs to the consignor and is shown apart from the store's own goods."),
    W("按支付方式、退款方式两表按整单统计，选择商品类别或来源时不列出。",
      "Payments and refunds by method cover whole baskets: they are left out when a goods category or origin is chosen."),
)


def _money(own: SupportsInt | None, consigned: SupportsInt | None) -> tuple[int, int, int]:
    own_fen, consigned_fen = int(own or 0), int(consigned or 0)
    return own_fen, consigned_fen, own_fen + consigned_fen


def build(session: Session, filters: Filters, store: StoreName, language: str = "zh_CN") -> Report:
    lo, hi = utc_range(filters.start, filters.end)
    goods_filter = bool(filters.category or filters.origin)
    income = (func.count(distinct(Sale.id)), func.sum(SaleLine.quantity),
              func.sum(case((CONSIGNED, 0), else_=PAID)), func.sum(case((CONSIGNED, PAID), else_=0)))

    def lines(*head: ColumnElement[Any] | QueryableAttribute[Any], status: str = "completed",
              categories: bool = False) -> AnySelect:
        query = (select(*head).join(Sale, Sale.id == SaleLine.sale_id)
                 .where(Sale.completed_at >= lo, Sale.completed_at < hi, Sale.status == status))
        if categories or filters.category:
            query = query.join(Item, Item.id == SaleLine.item_id).join(Category, Category.id == Item.category_id)
        return goods_filtered(query, filters, category_code=Category.code, source=SaleLine.source)

    # by day and by cashier from one pass: each sale has one day and one cashier, so their counts add up
    day, cashier = local_day(Sale.completed_at), aliased(User)
    per_day: dict[str, list[int]] = {}
    per_cashier: dict[str, list[int]] = {}
    for when, username, *figures in session.execute(
            lines(day, cashier.username, *income).join(cashier, cashier.id == Sale.cashier_id)
            .group_by(day, cashier.username)):
        for table, key in ((per_day, when), (per_cashier, username)):
            sums = table.setdefault(key, [0, 0, 0, 0])
            for index, value in enumerate(figures):
                sums[index] += int(value or 0)
    by_day = tuple((as_date(d), n, u, *_money(own, con)) for d, (n, u, own, con) in sorted(per_day.items()))
    by_cashier = tuple((name, n, u, *_money(own, con)) for name, (n, u, own, con) in sorted(per_cashier.items()))
    by_category = tuple(
        (goods_category(code, name, language), int(n), int(u or 0), *_money(own, con))
        for code, name, _, n, u, own, con in session.execute(
            lines(Category.code, Category.name, Category.sort_order, *income, categories=True)
            .group_by(Category.code, Category.name, Category.sort_order).order_by(Category.sort_order, Category.code)))

    sections = [
        Section("by_day", W("按日", "By day"), (Column("day", W("日期", "Day"), K.DATE), SALES, UNITS, *MONEY), by_day),
        Section("by_category", W("按商品类别", "By goods category"),
                (Column("category", W("类别", "Category")), SALES_SHARED, UNITS, *MONEY), by_category),
    ]
    if not goods_filter:
        by_method = tuple(
            (label(PAYMENT_METHODS, method, language), int(n), int(fen or 0))
            for method, n, fen in session.execute(
                select(Payment.method, func.count(distinct(Payment.sale_id)), func.sum(Payment.amount_fen))
                .join(Sale, Sale.id == Payment.sale_id)
                .where(Sale.completed_at >= lo, Sale.completed_at < hi, Sale.status == "completed")
                .group_by(Payment.method).order_by(Payment.method)))
        sections.append(Section("by_method", W("按支付方式", "By payment method"), (
            Column("method", W("支付方式", "Method")), SALES_SHARED, Column("amount", W("金额", "Amount"), K.MONEY, total=True)),
            by_method))
    sections.append(Section("by_cashier", W("按收银员", "By cashier"),
                            (Column("cashier", W("收银员", "Cashier")), SALES, UNITS, *MONEY), by_cashier))
    sections.extend(_returns(session, filters, lo, hi, language, goods_filter))
    sections.append(_voids(session, filters, lines, language))
    return Report("sales", TITLE, store.name, store.code, filters, tuple(sections), notes=NOTES, landscape=True)


def _returns(session: Session, filters: Filters, lo: datetime, hi: datetime, language: str,
             goods_filter: bool) -> list[Section]:
    user, approver = aliased(User), aliased(User)
    query = (
        select(SaleReturn.at, SaleReturn.number, Sale.number, SaleLine.name, Category.code, Category.name,
               SaleLine.source, ReturnLine.quantity, ReturnLine.amount_fen, user.username, approver.username,
               SaleReturn.reason)
        .join(SaleReturn, SaleReturn.id == ReturnLine.return_id)
        .join(SaleLine, SaleLine.id == ReturnLine.sale_line_id).join(Sale, Sale.id == SaleLine.sale_id)
        .join(Item, Item.id == SaleLine.item_id).join(Category, Category.id == Item.category_id)
        .join(user, user.id == SaleReturn.user_id).outerjoin(approver, approver.id == SaleReturn.approved_by)
        .where(SaleReturn.at >= lo, SaleReturn.at < hi)
        .order_by(SaleReturn.at, SaleReturn.number, ReturnLine.line_no)
    )
    query = goods_filtered(query, filters, category_code=Category.code, source=SaleLine.source)
    rows = tuple(
        (at, number, sale, goods, goods_category(code, cat_name, language), label(SOURCES, source, language), qty,
         fen, by, approved or "", reason)
        for at, number, sale, goods, code, cat_name, source, qty, fen, by, approved, reason in session.execute(query))
    sections = [Section("returns", W("退货（单列，未从销售中扣除）", "Returns (apart: not taken off the sales)"), (
        Column("at", W("退货时间", "Returned"), K.DATETIME),
        Column("number", W("退货单号", "Return")),
        Column("sale", W("原销售单号", "Sale")),
        Column("goods", W("物品", "Goods")),
        Column("category", W("类别", "Category")),
        Column("origin", W("来源", "Origin")),
        Column("quantity", W("数量", "Quantity"), K.COUNT, total=True),
        Column("amount", W("退款金额", "Refunded"), K.MONEY, total=True),
        Column("user", W("经办人", "Handled by")),
        Column("approver", W("批准人", "Approved by")),
        Column("reason", W("原因", "Reason")),
    ), rows)]
    if not goods_filter:
        refunds = tuple(
            (label(PAYMENT_METHODS, method, language), int(n), int(fen or 0))
            for method, n, fen in session.execute(
                select(Refund.method, func.count(distinct(Refund.return_id)), func.sum(Refund.amount_fen))
                .join(SaleReturn, SaleReturn.id == Refund.return_id)
                .where(SaleReturn.at >= lo, SaleReturn.at < hi).group_by(Refund.method).order_by(Refund.method)))
        sections.append(Section("refunds", W("退款（按退款方式）", "Refunds by method"), (
            Column("method", W("退款方式", "Method")), Column("returns", W("退货笔数", "Returns"), K.COUNT),
            Column("amount", W("退款金额", "Refunded"), K.MONEY, total=True)), refunds))
    return sections


def _voids(session: Session, filters: Filters, lines: Callable[..., AnySelect], language: str) -> Section:
    cashier, voided_by = aliased(User), aliased(User)
    rows: tuple[tuple[Cell, ...], ...] = tuple(
        (at, voided_at, number, by, who or "", reason or "", int(units or 0), int(fen or 0))
        for at, voided_at, number, by, who, reason, units, fen in session.execute(
            lines(Sale.completed_at, Sale.voided_at, Sale.number, cashier.username, voided_by.username,
                  Sale.void_reason, func.sum(SaleLine.quantity), func.sum(PAID), status="voided")
            .join(cashier, cashier.id == Sale.cashier_id).outerjoin(voided_by, voided_by.id == Sale.voided_by)
            .group_by(Sale.id, Sale.completed_at, Sale.voided_at, Sale.number, cashier.username, voided_by.username,
                      Sale.void_reason)
            .order_by(Sale.completed_at, Sale.number)))
    return Section("voids", W("作废销售（单列，不计入销售）", "Voided sales (apart: not counted as sales)"), (
        Column("at", W("销售时间", "Sold"), K.DATETIME),
        Column("voided_at", W("作废时间", "Voided"), K.DATETIME),
        Column("number", W("销售单号", "Sale")),
        Column("cashier", W("收银员", "Cashier")),
        Column("voided_by", W("作废人", "Voided by")),
        Column("reason", W("原因", "Reason")),
        UNITS,
        Column("amount", W("金额", "Amount"), K.MONEY, total=True),
    ), rows)
