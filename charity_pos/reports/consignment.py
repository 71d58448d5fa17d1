"""A consignor's monthly settlement (代销结算单): for each of their goods at
each agreed price, what was on the shelf when the month began, what arrived,
what sold (net of customers' returns and voided sales), what went back to
them, what left otherwise (written off, counted missing, handed out), and
what is left; the amount owed is the units sold times the agreed price
(结算价). Read-only, from the consignor's lots and their stock movements:
the same movements the stock ledger and ``verify`` read, so the figures
cannot disagree with them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from charity_pos.db.models import Consignor, Item, StockLot, StockMovement
from charity_pos.domain.days import local_date
from charity_pos.ledger.fates import SENT_BACK_REASON
from charity_pos.reports.period import utc_range
from charity_pos.reports.table import Column, ColumnKind as K, Filters, Report, Section, StoreName, Words as W

#: the receiving movement of a consigned lot
RECEIVED_REASON = "consignment"
#: movements that are sales: a sale takes goods, a void or a customer's return puts them back
SALE_REASONS = ("sale", "void", "return")


@dataclass(frozen=True)
class SettlementLine:
    """One of the consignor's goods at one agreed price, in units (and fen)."""

    item_id: uuid.UUID
    item_name: str
    unit: str
    price_fen: int
    opening: int
    received: int
    sold: int
    returned: int
    other_out: int  # written off, counted missing, handed out
    closing: int

    @property
    def owed_fen(self) -> int:
        return self.sold * self.price_fen


@dataclass(frozen=True)
class SettlementDocument:
    """A receiving (K) or return (U) document of the month, line by line."""

    at: datetime
    number: str
    kind: str  # received or returned
    item_name: str
    quantity: int
    price_fen: int
    note: str


@dataclass(frozen=True)
class ConsignorFacts:
    id: uuid.UUID
    name: str
    credit_code: str
    bank: str


@dataclass(frozen=True)
class Settlement:
    consignor: ConsignorFacts
    start: date
    end: date
    lines: tuple[SettlementLine, ...]
    documents: tuple[SettlementDocument, ...]

    @property
    def owed_fen(self) -> int:
        return sum(line.owed_fen for line in self.lines)

    def total(self, name: str) -> int:
        return sum(int(getattr(line, name)) for line in self.lines)


def settlement(session: Session, consignor_id: uuid.UUID, start: date, end: date) -> Settlement:
    """The settlement of ``consignor_id`` from the start of ``start`` to the end of ``end`` (Shanghai days)."""
    lo, hi = utc_range(start, end)
    who = session.get(Consignor, consignor_id)
    if who is None:
        raise LookupError(consignor_id)
    before = StockMovement.at < lo
    own = StockMovement.document == StockLot.document
    rows = session.execute(
        select(StockLot.item_id, Item.name, Item.unit, StockLot.settlement_price_fen,
               func.sum(case((before, StockMovement.quantity), else_=0)),
               func.sum(case((~before & (StockMovement.reason == RECEIVED_REASON) & own, StockMovement.quantity),
                             else_=0)),
               func.sum(case((~before & StockMovement.reason.in_(SALE_REASONS), -StockMovement.quantity), else_=0)),
               func.sum(case((~before & (StockMovement.reason == SENT_BACK_REASON), -StockMovement.quantity),
                             else_=0)),
               func.sum(StockMovement.quantity))
        .join(StockLot, StockLot.id == StockMovement.lot_id).join(Item, Item.id == StockLot.item_id)
        .where(StockLot.consignor_id == consignor_id, StockMovement.at < hi)
        .group_by(StockLot.item_id, Item.name, Item.unit, StockLot.settlement_price_fen)
        .order_by(Item.name, StockLot.settlement_price_fen)).all()
    lines = []
    for item_id, name, unit, price, opening, received, sold, returned, closing in rows:
        opening, received, sold, returned, closing = (int(v or 0) for v in (opening, received, sold, returned, closing))
        other = opening + received - sold - returned - closing
        lines.append(SettlementLine(item_id, name, unit, int(price), opening, received, sold, returned, other, closing))
    documents = tuple(
        SettlementDocument(at, number or "", "received" if reason == RECEIVED_REASON else "returned", name,
                           abs(int(quantity)), int(price or 0), note)
        for at, number, reason, name, quantity, price, note in session.execute(
            select(StockMovement.at, StockMovement.document, StockMovement.reason, Item.name,
                   func.sum(StockMovement.quantity), StockLot.settlement_price_fen, StockMovement.note)
            .join(StockLot, StockLot.id == StockMovement.lot_id).join(Item, Item.id == StockLot.item_id)
            .where(StockLot.consignor_id == consignor_id, StockMovement.at >= lo, StockMovement.at < hi,
                   ((StockMovement.reason == RECEIVED_REASON) & own) | (StockMovement.reason == SENT_BACK_REASON))
            .group_by(StockMovement.at, StockMovement.document, StockMovement.reason, Item.name,
                      StockLot.settlement_price_fen, StockMovement.note)
            .order_by(StockMovement.at, StockMovement.document, Item.name)))
    facts = ConsignorFacts(who.id, who.name, who.credit_code, who.bank)
    return Settlement(facts, start, end, tuple(lines), documents)


TITLE = W("代销商品月度结算单", "Consignment settlement")
NOTES = (
    W("应付金额 = 本月售出数量 × 结算价；售出已扣除顾客退货与作废的销售。",
      "Amount owed = units sold in the month × the agreed settlement price; sales net of customers' returns and voids."),
    W("代销商品归委托方所有，售出前不属于本店，不计入捐赠物资、捐赠收据与公示的捐赠数字；其销售收入与本店收入分列（收支两条线）。",
      "Consigned goods belong to the consignor until sold: never counted as donations, on donation receipts or in "
      "the public notice's donation figures; their sales income is kept apart from the store's own."),
    W("报损及其他出库（破损、过期、盘点短缺、发放）不计入应付金额，由双方按结算价另行确认。",
      "Goods written off, counted missing or handed out are not in the amount owed: the two sides settle them "
      "apart at the agreed price."),
    W("期末结存 = 期初 + 本月收货 − 本月售出 − 退回委托方 − 报损及其他出库。",
      "Closing = opening + received − sold − returned − written off and other."),
)
SIGNATURES = (W("门店经办人（签字）", "For the store (signature)"),
              W("委托方代表（签字）", "For the consignor (signature)"))
MOVE_KINDS = {"received": W("代销收货", "Received"), "returned": W("退回委托方", "Returned")}


def as_report(found: Settlement, store: StoreName, language: str = "zh_CN") -> Report:
    """The settlement as a report: the consignor, the lines with their totals, the month's documents."""
    c = found.consignor
    head = Section("consignor", W("委托方", "Consignor"), (
        Column("what", W("项目", "Item")), Column("value", W("内容", "Details"))), (
        (W("委托方名称", "Consignor").text(language), c.name),
        (W("统一社会信用代码", "Unified social credit code").text(language), c.credit_code),
        (W("开户行及账号", "Bank and account").text(language), c.bank),
        (W("本月应付金额", "Owed for the month").text(language), _yuan(found.owed_fen)),
    ), totals=False)
    lines = Section("lines", W("结算明细", "Settlement"), (
        Column("item", W("商品", "Goods")), Column("unit", W("单位", "Unit")),
        Column("price", W("结算价", "Settlement price"), K.MONEY),
        Column("opening", W("期初结存", "Opening"), K.COUNT, total=True),
        Column("received", W("本月收货", "Received"), K.COUNT, total=True),
        Column("sold", W("本月售出", "Sold"), K.COUNT, total=True),
        Column("owed", W("应付金额", "Owed"), K.MONEY, total=True),
        Column("returned", W("退回委托方", "Returned"), K.COUNT, total=True),
        Column("other", W("报损及其他", "Written off, other"), K.COUNT, total=True),
        Column("closing", W("期末结存", "Closing"), K.COUNT, total=True),
    ), tuple((line.item_name, line.unit, line.price_fen, line.opening, line.received, line.sold, line.owed_fen,
              line.returned, line.other_out, line.closing) for line in found.lines))
    documents = Section("documents", W("收货与退回单据", "Received and returned"), (
        Column("at", W("时间", "Time"), K.DATETIME), Column("number", W("单号", "Number")),
        Column("kind", W("类别", "Kind")), Column("item", W("商品", "Goods")),
        Column("quantity", W("数量", "Quantity"), K.COUNT),
        Column("price", W("结算价", "Settlement price"), K.MONEY), Column("note", W("备注", "Note")),
    ), tuple((d.at, d.number, MOVE_KINDS[d.kind].text(language), d.item_name, d.quantity, d.price_fen, d.note)
             for d in found.documents), totals=False)
    title = W(f"{TITLE.zh}（{c.name}）", f"{TITLE.en} ({c.name})")
    return Report("consignment", title, store.name, store.code, Filters(found.start, found.end),
                  (head, lines, documents), notes=NOTES, signatures=SIGNATURES,
                  extra={"owed_fen": found.owed_fen})


def consigned_income(session: Session, start: date, end: date) -> int:
    """What consigned goods took in from the start of ``start`` to the end of ``end``: their sale lines
    (after their share of ticket discounts) less what their returns gave back, as the funds ledger
    counts it; part of the sales income, and the consignors' money (收支两条线)."""
    from charity_pos.db.models import ReturnLine, Sale, SaleLine, SaleReturn

    lo, hi = utc_range(start, end)
    sold = session.scalar(
        select(func.coalesce(func.sum(SaleLine.amount_fen - SaleLine.ticket_discount_fen), 0))
        .join(Sale, Sale.id == SaleLine.sale_id)
        .where(SaleLine.source == "consigned", Sale.status == "completed", Sale.completed_at >= lo,
               Sale.completed_at < hi))
    back = session.scalar(
        select(func.coalesce(func.sum(ReturnLine.amount_fen), 0))
        .join(SaleLine, SaleLine.id == ReturnLine.sale_line_id).join(SaleReturn, SaleReturn.id == ReturnLine.return_id)
        .where(SaleLine.source == "consigned", SaleReturn.at >= lo, SaleReturn.at < hi))
    return int(sold or 0) - int(back or 0)


def _yuan(fen: int) -> str:
    from charity_pos.domain.money import format_fen

    return format_fen(fen)


def month_has_begun(start: date, now: datetime) -> bool:
    return start <= local_date(now)
